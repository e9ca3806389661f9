"""Document metadata from the head of a text and its file name, for ``read_corpus``.

Private helper: pure Python (no pandas), one parser per format, each usable on
a literal string, and :func:`describe`, which merges what the parsers found
with metadata given by a sidecar ``index.csv`` or a table's columns, by the
precedence documented in :func:`analysis.read_corpus`. Dates inside strings
are :mod:`analysis._dates`' business.

Formats recognised (all anchored near the top of the text):

* header, the seed's first line: `` date 2018-07-20 BEIJING (XINHUA) - ...``;
* wire dateline at the start of the body: ``BEIJING, July 19 (Xinhua) --``,
  ``WASHINGTON (Reuters) -``, ``UNITED NATIONS, Sept. 3 (AP) —``;
* title, the first line when it looks like one (or a Markdown heading); a
  date at its end (``... Press Conference on July 19, 2018``, ``June11, 2018``,
  ``September 10`` without a year) and a speaker before ``'s Remarks`` etc.;
* date line, a short line near the top that is, starts with or ends with a
  full date (``April 16, 1945``);
* file name: ``2018-07-19_t1578759`` (day), ``1945-Truman`` (year).
"""

from __future__ import annotations

import datetime as dt
import re

from analysis._dates import (
    MONTH_DAY,
    DateCandidate,
    best_date,
    from_match,
    parse_date_line,
    parse_filename_date,
    title_date,
)

__all__ = [
    "HEAD_CHARS",
    "describe",
    "first_line_title",
    "parse_dateline",
    "parse_header",
    "parse_title",
]

#: How much of each text the parsers see: metadata sits at the top.
HEAD_CHARS = 2048
#: How many lines of the head the line-based parsers look at.
_HEAD_LINES = 12
#: Longest first line taken for a title.
_MAX_TITLE_CHARS = 150

# --- regular expressions (compiled once) -----------------------------------------
_HEADER = re.compile(
    r"^\s*(?i:date)\s*[:=]?\s*(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)\s*(?P<rest>.*)"
)
_PLACE = r"[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]*){0,3}"
_DATELINE = re.compile(
    r"^\s*(?P<place>" + _PLACE + r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?)??)"
    r"(?:,\s*" + MONTH_DAY + r")?"
    r"\s*\((?P<source>[A-Za-z][\w.&' \-]{0,40})\)\s*(?:-{1,2}|—|–)(?:\s|$)"
)
_ROLE = (
    r"(?i:(?:foreign\s+ministry\s+)?spokes(?:person|man|woman)|(?:vice\s+)?president|premier"
    r"|(?:prime\s+|foreign\s+)?minister|secretary(?:\s+of\s+state)?|ambassador|chancellor)"
)
_NAME = r"[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}"
_KIND = (
    r"(?i:(?:annual|special|regular|inaugural|farewell|televised)\s+)?"
    r"(?i:press\s+conference|remarks|statement|speech|address|message|answers?|comments?"
    r"|interview|briefing)\b"
)
# "[Foreign Ministry] Spokesperson NAME's Regular Press Conference", "PRESIDENT NAME'S ADDRESS",
# "NAME's Remarks" (a name without a role needs two words: "China's Statement" is no speaker).
_SPEAKER = re.compile(
    r"^\s*(?:(?:\S+\s+){0,4}?(?P<role>" + _ROLE + r")\s+)?"
    r"(?P<name>" + _NAME + r")['’][sS]\s+" + _KIND
)
_ROLE_WORD = re.compile(r"^" + _ROLE + r"$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)(?:\s+#+)?\s*$")


# --- one parser per format ---------------------------------------------------------
def parse_header(line: str) -> dict | None:
    """Parse a `` date 2018-07-20 BEIJING (XINHUA) - ...`` header: date, place, source."""
    match = _HEADER.match(line)
    if match is None:
        return None
    date = from_match(match, "header")
    if date is None:
        return None
    rest = parse_dateline(match["rest"]) or {}
    return {"date": date, "place": rest.get("place"), "source": rest.get("source")}


def parse_dateline(line: str) -> dict | None:
    """Parse a wire dateline such as ``BEIJING, July 19 (Xinhua) --``.

    Returns ``{"place", "source", "date"}`` (``date`` a :class:`DateCandidate`
    with ``year`` None unless the dateline gives one, or None) or None.
    """
    match = _DATELINE.match(line)
    if match is None:
        return None
    date = from_match(match, "dateline") if match["month"] else None
    return {"place": match["place"], "source": match["source"].strip(), "date": date}


def parse_title(title: str) -> dict:
    """Find the speaker and a trailing date in a title.

    ``"Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference on
    July 19, 2018"`` gives speaker ``"Hua Chunying"`` and 2018-07-19; a date
    without a year (``"... on September 10"``) gives a candidate with ``year``
    None. Returns ``{"speaker": str | None, "date": DateCandidate | None}``.
    """
    speaker = None
    match = _SPEAKER.match(title)
    if match is not None:
        name = match["name"]
        if not _ROLE_WORD.match(name.split()[-1]) and (match["role"] or " " in name):
            speaker = name
    return {"speaker": speaker, "date": title_date(title)}


def first_line_title(lines: list[str], *, markdown: bool = False) -> tuple[str, str] | None:
    """The document's title from its first lines: ``(title, "heading" | "first_line")``.

    Markdown: the first ATX heading among the first lines. Otherwise the first
    line when it is at most 150 characters, is followed by a blank line (or ends
    with a date), is not a salutation (``Fellow-Citizens:``) and, unless it is
    upper case or ends with a date, does not end like a sentence.
    """
    if markdown:
        for line in lines[:_HEAD_LINES]:
            found = _HEADING.match(line)
            if found is not None:
                return found["title"], "heading"
    first = lines[0].strip() if lines else ""
    if not first or len(first) > _MAX_TITLE_CHARS or first[-1] in ":,;":
        return None
    if not any(line.strip() for line in lines[1:]):
        return None  # a one-line document has no title, only text
    if not lines[1].strip() and (first[-1] not in ".!?" or first.isupper()):
        return first, "first_line"
    return (first, "first_line") if title_date(first) is not None else None


# --- merging -------------------------------------------------------------------------
def describe(
    head: str,
    *,
    stem: str | None,
    markdown: bool = False,
    given: dict[str, tuple[str, str]] | None = None,
    given_date: DateCandidate | None = None,
) -> dict:
    """All metadata fields of one document.

    Parameters
    ----------
    head : str
        The first ~2 KB of the text (newlines already normalised).
    stem : str or None
        File name without extension, for a file-name date; None for table rows.
    markdown : bool
        Whether the file is Markdown (a ``#`` heading is its title).
    given : dict
        ``field -> (value, source label)`` for fields known from outside the
        text (index.csv, a table column); they take precedence.
    given_date : DateCandidate, optional
        A date known from outside the text.

    Returns
    -------
    dict
        ``date`` (:class:`datetime.date` or None), ``date_source``,
        ``date_precision``, and ``<field>``/``<field>_source`` for place,
        source, title and speaker (None when unknown).
    """
    found: dict[str, tuple[str, str]] = dict(given or {})
    dates = [given_date] if given_date is not None else []
    lines = _nonblank_start(head.split("\n", _HEAD_LINES)[:_HEAD_LINES])

    header = parse_header(lines[0]) if lines else None
    body = 0
    if header is not None:
        dates.append(header["date"])
        for field in ("place", "source"):
            _offer(found, field, header[field], "header")
        body = 1
    else:
        title = first_line_title(lines, markdown=markdown)
        if title is not None:
            _offer(found, "title", *title)
            body = 1 if title[1] == "first_line" else 0
    if "title" in found:
        parsed = parse_title(found["title"][0])
        _offer(found, "speaker", parsed["speaker"], "title")
        if parsed["date"] is not None:
            dates.append(parsed["date"])
    body_lines = [line for line in lines[body:] if line.strip()][:6]
    date_line = next(filter(None, map(parse_date_line, body_lines)), None)
    if date_line is not None:
        dates.append(date_line)
    dateline = parse_dateline(body_lines[0]) if header is None and body_lines else None
    if dateline is not None:
        for field in ("place", "source"):
            _offer(found, field, dateline[field], "dateline")
        if dateline["date"] is not None:
            dates.append(dateline["date"])
    if stem is not None:
        from_name = parse_filename_date(stem)
        if from_name is not None:
            dates.append(from_name)

    best = best_date(dates)
    out: dict = {
        "date": None if best is None else dt.date(best.year, best.month or 1, best.day or 1),
        "date_source": None if best is None else best.source,
        "date_precision": None if best is None else best.precision,
    }
    for field in ("place", "source", "title", "speaker"):
        value, label = found.get(field, (None, None))
        out[field], out[f"{field}_source"] = value, label
    return out


# --- small helpers -------------------------------------------------------------------
def _offer(found: dict, field: str, value: str | None, label: str) -> None:
    """Record ``value`` for ``field`` unless a higher-precedence source already did."""
    if value and field not in found:
        found[field] = (value, label)


def _nonblank_start(lines: list[str]) -> list[str]:
    """``lines`` without the blank lines before the first non-blank one."""
    for index, line in enumerate(lines):
        if line.strip():
            return lines[index:]
    return []


