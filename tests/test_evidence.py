"""analysis/evidence:  summary counts that link to the rows behind them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from analysis import token_table
from analysis.errors import ParameterError
from analysis.evidence import (
    evidence_tables_html,
    linked_keyness_html,
    linked_profile_html,
)
from analysis.rhetoric.profile import marker_profile
from analysis.terms import keyness_table

SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
EVIL_ID = "<script>alert(1)</script>\"'&"


class _Page(HTMLParser):
    """Links, ids, the classes of rows and the 'k of n shown' headers of a fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: list[str] = []
        self.row_classes: list[list[str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "tr" and "ev-rows" in (attrs.get("class") or "").split():
            self.row_classes.append(attrs["class"].split())

    def handle_data(self, data):
        self.text.append(data)


def _parse(fragment: str) -> _Page:
    page = _Page()
    page.feed(fragment)
    page.close()
    return page


def _groups(fragment: str) -> dict[str, tuple[int, int]]:
    """Anchor id -> (rows shown, rows in all), read from each detail group."""
    out = {}
    for body in re.findall(r"<tbody>(<tr class=\"ev-key\">.*?)</tbody>", fragment):
        shown, total = map(int, re.search(r": (\d+) of (\d+) shown</th>", body).groups())
        ident = re.search(r'<tr id="([^"]+)"', body).group(1)
        assert body.count('class="ev-rows ' + ident + '"') == shown
        out[ident] = (shown, total)
    return out


def _linked_counts(fragment: str) -> list[tuple[str, int]]:
    return [(h[1:], int(n)) for h, n in re.findall(r'<a href="(#[^"]+)">(\d+)</a>', fragment)]


def _check_links(fragment: str) -> _Page:
    page = _parse(fragment)
    assert "script" not in page.tags
    assert len(page.ids) == len(set(page.ids))
    assert all(SAFE_ID.fullmatch(i) for i in page.ids)
    for href in page.hrefs:
        assert href.startswith("#") and href[1:] in page.ids
    return page


@pytest.fixture
def evil_corpus():
    docs = pd.DataFrame({
        "doc_id": [EVIL_ID, "plain"],
        "text": ['We firmly oppose <b>"it"</b> & we deny it. We oppose.',
                 "We oppose this. We do not oppose that. <img src=x onerror=alert(1)> we oppose."],
    })
    rows = []
    for doc, text in zip(docs["doc_id"], docs["text"]):
        for word, category in (("oppose", "opposition"), ("deny", "denial")):
            for m in re.finditer(word, text):
                negated = text[max(0, m.start() - 4):m.start()] == "not "
                rows.append((doc, m.start(), m.end(), category, word, negated))
    markers = pd.DataFrame(rows, columns=["doc_id", "start", "end", "category", "cue", "negated"])
    return docs, markers


def test_profile_links_resolve_and_counts_equal_rows(evil_corpus):
    docs, markers = evil_corpus
    profile = marker_profile(markers, docs, categories=["opposition", "denial", "accusation"])
    fragment = linked_profile_html(profile, markers, docs, limit=20)
    _check_links(fragment)
    groups = _groups(fragment)
    linked = _linked_counts(fragment)
    # every non-zero n and n_negated is a link; zeros are not
    nonzero = int((profile["n"] > 0).sum() + (profile["n_negated"] > 0).sum())
    assert len(linked) == nonzero
    for ident, count in linked:
        assert groups[ident] == (count, count)
    # the count of each (group, category) equals its contexts, before the display limit
    for row in profile.itertuples():
        expected = ((markers["doc_id"] == row.group) & (markers["category"] == row.category)
                    & ~markers["negated"]).sum()
        assert row.n == expected
    assert profile.loc[profile["category"] == "accusation", "n"].eq(0).all()


def test_profile_including_negated_links_every_match(evil_corpus):
    docs, markers = evil_corpus
    profile = marker_profile(markers, docs, categories=["opposition", "denial"], negated="include")
    fragment = linked_profile_html(profile, markers, docs)
    _check_links(fragment)
    groups = _groups(fragment)
    linked = _linked_counts(fragment)
    assert sum(c for _, c in linked) == int(profile["n"].sum() + profile["n_negated"].sum())
    assert profile["n"].sum() == len(markers)
    for ident, count in linked:
        assert groups[ident] == (count, count)


def test_corpus_text_and_ids_are_escaped(evil_corpus):
    docs, markers = evil_corpus
    profile = marker_profile(markers, docs, categories=["opposition", "denial"])
    fragment = linked_profile_html(profile, markers, docs)
    assert "<script>" not in fragment and "<img" not in fragment and "<b>" not in fragment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;" in fragment
    assert "&lt;img src=x onerror=alert(1)&gt;" in fragment
    for attr in re.findall(r'(?:id|href|class)="([^"]*)"', fragment):
        assert re.fullmatch(r"#?[A-Za-z0-9_ -]*", attr), attr  # a slug and a hash, no raw text


def test_zero_counts_are_plain_text():
    summary = pd.DataFrame({"term": ["war", "peace", "gone"], "n": [2, 0, pd.NA]})
    detail = pd.DataFrame({"term": ["war", "war", "peace"], "doc_id": ["a", "b", "c"],
                           "left": ["", "", ""], "match": ["war", "War", "peace"], "right": ["", "", ""]})
    fragment = evidence_tables_html(summary, detail, keys=["term"], count_columns=["n"])
    _check_links(fragment)
    assert len(_linked_counts(fragment)) == 1
    assert '<td class="ev-n">0</td>' in fragment
    assert "peace = " not in fragment  # no evidence section for a zero count


def test_limit_says_k_of_n_and_links_first_shown_row():
    detail = pd.DataFrame({"term": ["war"] * 5, "doc_id": list("abcde"), "left": [""] * 5,
                           "match": [f"war{i}" for i in range(5)], "right": [""] * 5})
    summary = pd.DataFrame({"term": ["war"], "n": [5]})
    fragment = evidence_tables_html(summary, detail, keys=["term"], count_columns=["n"], limit=2)
    (ident, count), = _linked_counts(fragment)
    assert count == 5 and _groups(fragment)[ident] == (2, 5)
    first = re.search(rf'<tr id="{ident}"[^>]*>(.*?)</tr>', fragment).group(1)
    assert "war0" in first and "war2" not in fragment


def test_ids_are_stable_unique_and_safe_for_awkward_keys():
    terms = ["a b", "a-b", "A B", "", "<>\"'", "日本", "a" * 200]
    summary = pd.DataFrame({"term": terms, "n": [1] * len(terms)})
    detail = pd.DataFrame({"term": terms, "doc_id": ["d"] * len(terms), "left": [""] * len(terms),
                           "match": terms, "right": [""] * len(terms)})
    one = evidence_tables_html(summary, detail, keys=["term"], count_columns=["n"])
    two = evidence_tables_html(summary, detail, keys=["term"], count_columns=["n"])
    assert one == two
    page = _check_links(one)
    assert len(page.ids) == len(terms)


def test_keyness_counts_link_to_kwic_lines():
    docs = pd.DataFrame({
        "doc_id": ["t1", "t2", "r1"],
        "text": ["Hegemony and hegemony. Bullying hegemony!", "Hegemony again, \"bullying\" <script>.",
                 "Peace and peace and hegemony, peace."],
    })
    tokens = token_table(docs)
    target = tokens[tokens["doc_id"].isin(["t1", "t2"])]
    reference = tokens[tokens["doc_id"] == "r1"]
    keyness = keyness_table(target, reference, min_count=1)
    fragment = linked_keyness_html(keyness, target, reference, docs, top_n=None)
    page = _check_links(fragment)
    assert "script" not in page.tags
    groups = _groups(fragment)
    linked = _linked_counts(fragment)
    expected = int((keyness["n_target"] > 0).sum() + (keyness["n_reference"] > 0).sum())
    assert len(linked) == expected
    for ident, count in linked:
        assert groups[ident] == (count, count)


def test_bad_options_are_refused():
    summary = pd.DataFrame({"term": ["war"], "n": [1]})
    detail = pd.DataFrame({"term": ["war"], "match": ["war"]})
    with pytest.raises(ParameterError, match="id_prefix"):
        evidence_tables_html(summary, detail, keys=["term"], count_columns=["n"], id_prefix="1 x")
    with pytest.raises(ParameterError, match="limit"):
        evidence_tables_html(summary, detail, keys=["term"], count_columns=["n"], limit=0)
    with pytest.raises(ParameterError, match="count column 'm'"):
        evidence_tables_html(summary, detail, keys=["term"], count_columns=["m"])
    with pytest.raises(ParameterError, match="key column"):
        evidence_tables_html(summary, detail, keys=["doc_id"], count_columns=["n"])


def test_seed_profile_counts_match_their_evidence(seed_path):
    from analysis import read_corpus
    from analysis.rhetoric import marker_table

    docs = read_corpus(seed_path)
    tokens = token_table(docs)
    markers = marker_table(docs, tokens=tokens)
    profile = marker_profile(markers, docs, tokens=tokens)
    fragment = linked_profile_html(profile, markers, docs, tokens=tokens, limit=3)
    _check_links(fragment)
    groups = _groups(fragment)
    linked = dict(_linked_counts(fragment))
    assert sum(linked.values()) == int(profile["n"].sum() + profile["n_negated"].sum())
    for ident, count in linked.items():
        assert groups[ident] == (min(count, 3), count)


@pytest.mark.slow
def test_report_links_resolve(tmp_path, seed_path):
    from analysis.report import run_report

    run_report(seed_path, out=tmp_path, name="evidence", notebooks=("rhetoric_markers",))
    html_text = (tmp_path / "evidence" / "rhetoric_markers.html").read_text(encoding="utf-8")
    page = _parse(html_text)
    ev_links = [h for h in page.hrefs if h.startswith("#ev-profile-")]
    assert ev_links, "the report shows no linked profile"
    ids = set(page.ids)
    assert all(h[1:] in ids for h in ev_links)
