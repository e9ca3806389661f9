"""Rhetoric lexicons: data files of cues, read and checked into a :class:`Lexicon`.

A lexicon is a UTF-8 CSV file (format in ``analysis/lexicons/README.md``):
one cue per line with the columns ``category, cue, weight, grade, window,
needs_before, needs_after, not_before, not_after, note, source, if_negated``; lines
starting with ``#`` and blank lines are skipped. The shipped lexicons are
loaded by name (``"diplomatic"``) with :mod:`importlib.resources`; your own
files by path, alone or on top of ours (``load_lexicon(["diplomatic",
"my.csv"])``).

Cue syntax (``cue`` and the four context columns; alternatives in the
context columns are separated by ``|``): words separated by spaces, each
matched against one token's ``norm`` (so case and curly quotes do not
matter); a word with ``*``, ``?`` or ``[...]`` is a shell-style glob
(``refut*``); ``/regex/`` full-matches one token's norm; ``~N`` is a gap of
0 to N arbitrary tokens (``urge ~3 to``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from analysis._tokenize import TOKEN_RE, normalize
from analysis.errors import LexiconError

__all__ = ["Lexicon", "LexiconError", "load_lexicon", "parse_cue", "shipped_lexicons"]

FIELDS = (
    "category", "cue", "weight", "grade", "window",
    "needs_before", "needs_after", "not_before", "not_after", "note", "source", "if_negated",
)  # fmt: skip
REQUIRED_FIELDS = ("category", "cue")
COLUMNS = (
    "category", "cue", "kind", "weight", "grade", "window",
    "needs_before", "needs_after", "not_before", "not_after", "note", "source", "if_negated", "file", "line",
)  # fmt: skip
IF_NEGATED = ("keep", "drop")  # what a match in the scope of a negated predicate of its clause does
_SHIPPED = {"diplomatic": "diplomatic.csv"}
_GLOB = re.compile(r"[*?\[]")
_GAP = re.compile(r"~(\d)")
_CATEGORY = re.compile(r"[a-z][a-z0-9_]*")
MAX_GAP = 5


@dataclass(frozen=True)
class Lexicon:
    """A checked rhetoric lexicon: one row of :attr:`entries` per cue.

    ``entries`` has the columns ``category`` (str), ``cue`` (str, as written),
    ``kind`` (str: ``"words"``, ``"glob"``, ``"regex"`` or ``"gap"``, the
    most general token form the cue uses), ``weight`` (float, default 1.0;
    for boosters, how much an adjacent booster raises a graded stance),
    ``grade`` (float, NaN when the cue has no stance grade), ``window`` (int,
    how far the context alternatives may be, in tokens), ``needs_before``,
    ``needs_after``, ``not_before``, ``not_after`` (str, ``|``-separated
    context alternatives, "" for none), ``note``, ``source`` (str),
    ``if_negated`` (str: ``"keep"``, the default, or ``"drop"``: a match in
    the scope of a negated predicate of its clause, "does not seek
    hegemony", is no move), ``file`` (str) and ``line`` (int) where the cue
    was read.
    """

    entries: pd.DataFrame
    name: str = "lexicon"

    @property
    def categories(self) -> list[str]:
        """The categories, in the order they first appear."""
        return list(dict.fromkeys(self.entries["category"]))

    def __len__(self) -> int:
        return len(self.entries)

    def extend(self, other: Lexicon | str | Path) -> Lexicon:
        """This lexicon plus the cues of ``other`` (a Lexicon, a shipped name or a path)."""
        other = other if isinstance(other, Lexicon) else load_lexicon(other)
        entries = pd.concat([self.entries, other.entries], ignore_index=True)
        return Lexicon(entries, f"{self.name}+{other.name}")


def shipped_lexicons() -> list[str]:
    """Names of the lexicons shipped in ``analysis/lexicons/``."""
    return sorted(_SHIPPED)


def load_lexicon(path_or_name: str | Path | Sequence[str | Path] = "diplomatic") -> Lexicon:
    """Read a rhetoric lexicon: a shipped one by name, your own CSV file, or several.

    Parameters
    ----------
    path_or_name : str, Path or list of them, default "diplomatic"
        A shipped lexicon's name (see :func:`shipped_lexicons`), the path
        of a CSV file in the format of ``analysis/lexicons/README.md``, or
        a list of both, read in order and concatenated (to extend ours
        with your cues: ``["diplomatic", "my_cues.csv"]``).

    Returns
    -------
    Lexicon
        ``Lexicon.entries`` is a DataFrame with one row per cue; its columns
        are listed in :class:`Lexicon`.

    Raises
    ------
    LexiconError
        If a name is not shipped and no such file exists (the message lists
        the shipped names), or a file is malformed: unknown or missing
        columns, an empty cue, an invalid regular expression or glob, a
        weight/grade/window that is no number, an ``if_negated`` other than
        keep/drop, or a category named in a
        ``# category:`` line without any cue. The message names the file and
        line.

    Examples
    --------
    >>> lex = load_lexicon("diplomatic")
    >>> "denial" in lex.categories and len(lex) > 180
    True
    """
    if isinstance(path_or_name, (list, tuple)):
        if not path_or_name:
            raise LexiconError("load_lexicon: the list of lexicons is empty")
        parts = [load_lexicon(item) for item in path_or_name]
        lexicon = parts[0]
        for part in parts[1:]:
            lexicon = lexicon.extend(part)
        return lexicon
    if isinstance(path_or_name, str) and path_or_name in _SHIPPED:
        source = resources.files("analysis") / "lexicons" / _SHIPPED[path_or_name]
        return _parse(source.read_text(encoding="utf-8"), path_or_name, f"analysis/lexicons/{_SHIPPED[path_or_name]}")
    if isinstance(path_or_name, (str, Path)) and Path(path_or_name).is_file():
        path = Path(path_or_name)
        try:
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise LexiconError(f"{path}: not UTF-8 text ({exc})") from None
        return _parse(content, path.stem, str(path))
    raise LexiconError(
        f"load_lexicon: {path_or_name!r} is neither a shipped lexicon nor an existing file; "
        f"shipped lexicons: {', '.join(shipped_lexicons())}"
    )


def parse_cue(text: str) -> list[tuple[str, str]]:
    """Split a cue into ``(kind, value)`` token patterns.

    ``kind`` is ``"word"`` (value: the normalised word), ``"glob"`` (value:
    a regular expression translated from the glob), ``"regex"`` (value: the
    regular expression between slashes) or ``"gap"`` (value: the maximum
    number of skipped tokens). Raises ``ValueError`` with the problem.
    """
    out: list[tuple[str, str]] = []
    for part in text.split():
        if len(part) > 2 and part.startswith("/") and part.endswith("/"):
            try:
                re.compile(part[1:-1])
            except re.error as exc:
                raise ValueError(f"invalid regular expression {part!r}: {exc}") from None
            out.append(("regex", part[1:-1]))
        elif _GAP.fullmatch(part):
            if not out:
                raise ValueError(f"a gap {part!r} cannot start a cue")
            if int(part[1:]) > MAX_GAP:
                raise ValueError(f"gap {part!r} is longer than ~{MAX_GAP}")
            out.append(("gap", part[1:]))
        elif _GLOB.search(part):
            regex = _glob_regex(normalize(part))
            try:
                re.compile(regex)
            except re.error as exc:
                raise ValueError(f"invalid glob {part!r}: {exc}") from None
            out.append(("glob", regex))
        else:
            word = normalize(part)
            pieces = [m.group() for m in TOKEN_RE.finditer(word)]
            if pieces != [word]:  # a word the tokenizer splits: match its tokens
                out.extend(("word", piece) for piece in pieces)
            else:
                out.append(("word", word))
    if not out:
        raise ValueError("the cue is empty")
    if out[-1][0] == "gap":
        raise ValueError("a gap cannot end a cue")
    return out


def _glob_regex(glob: str) -> str:
    out, i = [], 0
    while i < len(glob):
        char = glob[i]
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "[":
            close = glob.find("]", i + 1)
            if close < 0:
                raise ValueError(f"unclosed '[' in glob {glob!r}")
            out.append(glob[i : close + 1])
            i = close
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _number(value: str, field: str, default: float) -> float:
    if value.strip() == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{field}={value!r} is not a number") from None


def _parse(content: str, name: str, file: str) -> Lexicon:
    lines = content.splitlines()
    declared: dict[str, int] = {}
    data_lines: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            match = re.match(r"#\s*category:\s*([A-Za-z0-9_]+)", stripped)
            if match:
                declared.setdefault(match.group(1), number)
            continue
        if stripped:
            data_lines.append((number, line))
    if not data_lines:
        raise LexiconError(f"{file}: no header line and no cues")
    header_no, header = data_lines[0]
    fields = next(csv.reader([header]))
    fields = [f.strip() for f in fields]
    unknown = [f for f in fields if f not in FIELDS]
    missing = [f for f in REQUIRED_FIELDS if f not in fields]
    if unknown or missing:
        raise LexiconError(
            f"{file}, line {header_no}: header has unknown column(s) {unknown} or lacks {missing}; "
            f"allowed columns: {', '.join(FIELDS)} (category and cue are required)"
        )
    rows = []
    for number, line in data_lines[1:]:
        values = next(csv.reader(io.StringIO(line)))
        if len(values) > len(fields):
            raise LexiconError(f"{file}, line {number}: {len(values)} fields but the header has {len(fields)}")
        record = dict(zip(fields, [v.strip() for v in values]))
        try:
            rows.append(_entry(record, file, number))
        except ValueError as exc:
            raise LexiconError(f"{file}, line {number}: {exc}") from None
    entries = pd.DataFrame(rows, columns=list(COLUMNS))
    if entries.empty:
        raise LexiconError(f"{file}: the lexicon has a header but no cues")
    present = set(entries["category"])
    for category, number in declared.items():
        if category not in present:
            raise LexiconError(f"{file}, line {number}: category {category!r} is declared but has no cues")
    entries = entries.astype({"weight": float, "grade": float, "window": int, "line": int})
    return Lexicon(entries, name)


def _entry(record: dict[str, str], file: str, number: int) -> dict:
    category, cue = record.get("category", ""), record.get("cue", "")
    if not _CATEGORY.fullmatch(category):
        raise ValueError(f"category {category!r} must be a lower-case identifier such as 'denial'")
    if not cue:
        raise ValueError(f"empty cue in category {category!r}")
    kinds = {kind for kind, _ in parse_cue(cue)}
    for field in ("needs_before", "needs_after", "not_before", "not_after"):
        for alternative in _alternatives(record.get(field, "")):
            try:
                parse_cue(alternative)
            except ValueError as exc:
                raise ValueError(f"{field}: {exc}") from None
    window = _number(record.get("window", ""), "window", 1)
    if window < 1 or window != int(window):
        raise ValueError(f"window={record.get('window')!r} must be an integer >= 1")
    kind = next(k for k in ("gap", "regex", "glob", "word") if k in kinds or k == "word")
    if_negated = record.get("if_negated", "") or "keep"
    if if_negated not in IF_NEGATED:
        raise ValueError(f"if_negated={if_negated!r}; allowed: {', '.join(IF_NEGATED)} (empty means keep)")
    return {
        "category": category,
        "cue": cue,
        "kind": "words" if kind == "word" else kind,
        "weight": _number(record.get("weight", ""), "weight", 1.0),
        "grade": _number(record.get("grade", ""), "grade", float("nan")),
        "window": int(window),
        **{f: record.get(f, "") for f in ("needs_before", "needs_after", "not_before", "not_after")},
        "note": record.get("note", ""),
        "source": record.get("source", ""),
        "if_negated": if_negated,
        "file": file,
        "line": number,
    }


def _alternatives(field: str) -> Iterable[str]:
    return [alt.strip() for alt in field.split("|") if alt.strip()]
