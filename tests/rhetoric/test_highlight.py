"""highlight_html and marker_context_table: escaping, overlaps, legend, context."""

from __future__ import annotations

import doctest
import html
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import analysis.rhetoric.highlight as highlight_module
from analysis.errors import CorpusError, ParameterError
from analysis.rhetoric.highlight import highlight_html, marker_context_table
from analysis.rhetoric.profile import CATEGORIES

EVIL = (
    "We firmly oppose <script>alert(1)</script> the so-called report.\n\n"
    "It is <img src=x onerror=alert(1)> totally unfounded & wrong."
)
DOCS = pd.DataFrame({"doc_id": ["evil", "plain"], "text": [EVIL, "Nothing to see here."]})


def span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def markers(rows) -> pd.DataFrame:
    """rows: (doc, piece, category, cue, negated); offsets found in the doc's text."""
    texts = DOCS.set_index("doc_id")["text"]
    offsets = [span(texts[doc], piece) for doc, piece, *_ in rows]
    return pd.DataFrame({
        "doc_id": pd.Categorical([r[0] for r in rows], categories=DOCS["doc_id"]),
        "sent_id": 0,
        "start": np.array([o[0] for o in offsets], np.int32),
        "end": np.array([o[1] for o in offsets], np.int32),
        "category": pd.Categorical([r[2] for r in rows], categories=CATEGORIES),
        "cue": [r[3] for r in rows],
        "match": [r[1] for r in rows],
        "negated": [r[4] for r in rows],
    })


ROWS = [
    ("evil", "firmly", "booster", "firmly", False),
    ("evil", "firmly oppose", "opposition", "firm* oppos*", False),
    ("evil", "so-called", "distanced_attribution", "so-called", False),
    ("evil", "oppose <script>alert(1)</script> the", "labelling", "<b>cue</b>", False),
    ("evil", "totally unfounded", "denial", "unfounded", True),
    ("plain", "Nothing", "hedge", "nothing", False),
]


class Tags(HTMLParser):
    """Collects start tags with their attributes, and the text of the rw-text div."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if self.depth or attrs.get("class") == "rw-text":
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page() -> str:
    return highlight_html(DOCS, markers(ROWS), doc_id="evil")


def test_markup_in_a_document_is_only_shown_escaped(page):
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;cue&lt;/b&gt;" in page  # the cue in a title attribute too
    tags = parse(page).tags
    assert {tag for tag, _ in tags} <= {"div", "style", "p", "span"}
    assert not [name for _, attrs in tags for name in attrs if name.startswith("on")]


def test_text_comes_back_exactly_with_paragraph_breaks(page):
    assert "".join(parse(page).text) == EVIL
    assert "white-space: pre-wrap" in page


def test_hostile_category_names_are_escaped():
    evil_cat = '"><img src=x onerror=alert(1)>'
    table = markers(ROWS[:1]).assign(category=[evil_cat])
    page = highlight_html(DOCS, table)
    assert "<img" not in page
    assert parse(page).tags  # still well-formed enough to parse
    assert html.escape(evil_cat) in page


def test_overlapping_spans_are_split_and_carry_every_category(page):
    spans = [attrs for tag, attrs in parse(page).tags if tag == "span" and "data-categories" in attrs]
    cats = [a["data-categories"] for a in spans]
    # "firmly": opposition and booster; " ": opposition; "oppose": opposition and labelling;
    # then labelling alone up to "the"
    assert cats[:5] == ["opposition booster", "opposition", "opposition labelling", "labelling",
                        "distanced_attribution"]
    assert "rw-multi" in spans[0]["class"] and "linear-gradient" in spans[0]["style"]
    assert "booster (cue: firmly)" in spans[0]["title"] and "opposition" in spans[0]["title"]
    assert "rw-neg" in spans[-1]["class"] and "[negated]" in spans[-1]["title"]


def test_legend_lists_the_categories_present(page):
    legend = page[page.index('<p class="rw-legend">'):page.index('<div class="rw-text">')]
    for name in ("opposition (1)", "labelling (1)", "booster (1)", "distanced attribution (1)",
                 "denial (1)"):
        assert name in legend
    assert "hedge" not in legend and "appeal" not in legend


def test_document_choice_and_category_filter():
    first = highlight_html(DOCS, markers(ROWS))  # first document by default: evil
    assert "rw-title\">evil<" in first
    only = highlight_html(DOCS, markers(ROWS), doc_id="evil", categories=["denial"])
    assert only.count("data-categories") == 1 and "booster" not in only.split("</style>")[1]
    none = highlight_html(DOCS, markers(ROWS[:0]), doc_id="plain")
    assert "no markers in this document" in none and "Nothing to see here." in none


def test_fragments_with_different_colours_are_scoped_apart():
    every = highlight_html(DOCS, markers(ROWS))
    denial = highlight_html(DOCS, markers(ROWS), categories=["denial"])
    scope = [page.split('<div class="rw-highlight ')[1].split('"')[0] for page in (every, denial)]
    assert scope[0] != scope[1] and all(s.startswith("rw-") for s in scope)
    assert f".rw-highlight.{scope[1]} .rw-c0 {{background: #fb8072;}}" in denial
    assert highlight_html(DOCS, markers(ROWS)) == every  # deterministic


def test_bad_input():
    with pytest.raises(ParameterError, match="'nope' is not in docs"):
        highlight_html(DOCS, markers(ROWS), doc_id="nope")
    with pytest.raises(ParameterError, match="unknown category"):
        highlight_html(DOCS, markers(ROWS), categories=["denail"])
    with pytest.raises(ParameterError, match="empty"):
        highlight_html(DOCS.iloc[:0], markers(ROWS))
    shifted = markers(ROWS).assign(end=lambda t: t["end"] + 500)
    with pytest.raises(CorpusError, match="does not fit"):
        highlight_html(DOCS, shifted)
    with pytest.raises(CorpusError, match="lacks column"):
        highlight_html(DOCS, markers(ROWS).drop(columns="start"))


def test_marker_context_table():
    table = marker_context_table(markers(ROWS), DOCS, width=10, per_category=1)
    assert table.columns.tolist() == ["category", "doc_id", "start", "end", "left", "match",
                                      "right", "cue", "negated"]
    # ordered by category as the lexicon orders them (denial, opposition, labelling, ...)
    assert table["category"].tolist() == ["denial", "opposition", "labelling",
                                          "distanced_attribution", "booster", "hedge"]
    denial = table.iloc[0]
    assert (denial["left"], denial["match"], denial["right"]) == ("alert(1)> ", "totally unfounded",
                                                                  " & wrong.")
    assert bool(denial["negated"])
    label = table[table["category"] == "labelling"].iloc[0]
    assert label["right"] == " so-called"
    assert "\n" not in "".join(table["left"] + table["right"])
    assert len(marker_context_table(markers(ROWS), DOCS, categories="booster")) == 1
    with pytest.raises(ParameterError, match="width"):
        marker_context_table(markers(ROWS), DOCS, width=-1)


def test_docstring_examples():
    result = doctest.testmod(highlight_module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
