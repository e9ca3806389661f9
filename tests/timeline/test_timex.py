"""timex_table: the seed's golden table, the columns, invariants and bad input."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import read_corpus, sentence_table
from analysis.errors import ParameterError
from analysis.timeline import timex_table
from analysis.timeline.timex import find_timexes, find_timexes_slow

SEED_DATE = pd.Timestamp("2018-07-20")
COLUMNS = ["doc_id", "timex_id", "start", "end", "text", "type", "value", "mod", "anchor", "sent_id"]


@pytest.fixture(scope="module")
def seed_docs(seed_path):
    return read_corpus(seed_path)


def test_seed_golden_table(seed_docs):
    table = timex_table(seed_docs)
    doc_id = seed_docs.doc_id.iloc[0]
    expected = pd.DataFrame(
        {
            "doc_id": pd.Categorical([doc_id] * 5),
            "timex_id": pd.array([0, 1, 2, 3, 4], dtype="int32"),
            "start": pd.array([6, 356, 380, 1304, 2196], dtype="int32"),
            "end": pd.array([16, 361, 398, 1309, 2206], dtype="int32"),
            "text": pd.array(["2018-07-20", "daily", "Thursday (July 19)", "years", "many years"], dtype="str"),
            "type": pd.Categorical(["DATE", "SET", "DATE", "DURATION", "DURATION"],
                                   categories=["DATE", "TIME", "DURATION", "SET"]),
            "value": pd.array(["2018-07-20", "P1D", "2018-07-19", "PXY", "PXY"], dtype="str"),
            "mod": pd.Series([None] * 5, dtype=object),
            "anchor": pd.Series([SEED_DATE] * 5, dtype=seed_docs.date.dtype),
            "sent_id": pd.array([0, 1, 1, 6, 11], dtype="int32"),
        }
    )  # fmt: skip
    pd.testing.assert_frame_equal(table, expected)


def test_seed_phrases_sit_where_the_issue_says(seed_docs):
    text = seed_docs.text.iloc[0]
    table = timex_table(seed_docs)
    assert text[table.start[2] - 3 : table.end[2]] == "on Thursday (July 19)"
    assert text[table.start[3] - 4 : table.end[3]] == "for years"
    assert text[table.start[4] - 4 : table.end[4]] == "For many years"


def test_columns_and_dtypes(seed_docs):
    table = timex_table(seed_docs)
    assert list(table.columns) == COLUMNS
    dtypes = table.dtypes.astype(str).to_dict()
    assert dtypes["doc_id"] == "category" and dtypes["type"] == "category"
    assert {dtypes[c] for c in ("timex_id", "start", "end", "sent_id")} == {"int32"}
    assert dtypes["text"] == "str" and dtypes["value"] == "str" and dtypes["mod"] == "object"
    assert dtypes["anchor"].startswith("datetime64")


def test_offsets_slice_the_text_and_sent_id_holds_the_start(seed_docs):
    table = timex_table(seed_docs)
    text = seed_docs.text.iloc[0]
    assert [text[s:e] for s, e in zip(table.start, table.end)] == table.text.tolist()
    sentences = sentence_table(seed_docs).set_index("sent_id")
    for row in table.itertuples():
        sentence = sentences.loc[row.sent_id]
        assert sentence.start <= row.start < sentence.end


def test_given_sentences_give_the_same_table(seed_docs):
    given_table = timex_table(seed_docs, sentences=sentence_table(seed_docs))
    pd.testing.assert_frame_equal(given_table, timex_table(seed_docs))


def test_trigger_scan_equals_the_full_scan_on_the_seed_and_mfa(slow_scans):
    for text, expected in slow_scans:  # the seed, 40 MFA transcripts, the tricky texts
        assert list(find_timexes(text)) == expected


def test_trigger_regex_finds_what_the_automaton_finds(seed_docs, mfa_dir):
    from analysis.timeline._scan import _trigger_starts

    texts = seed_docs.text.tolist() + read_corpus(mfa_dir).text.tolist()[:40]
    for text in texts:
        lower = text.lower()
        assert _trigger_starts(text, lower, automaton=False) == _trigger_starts(text, lower)


def test_patterns_chosen_by_word_give_what_the_first_character_gives(seed_docs, mfa_dir, monkeypatch):
    from analysis.timeline import _dispatch

    texts = seed_docs.text.tolist() + read_corpus(mfa_dir).text.tolist()[:40]
    by_word = [list(find_timexes(text)) for text in texts]
    monkeypatch.setattr(_dispatch, "_partial_re", None)  # as without the regex package
    monkeypatch.setattr(_dispatch, "_BY_WORD", {})
    assert [list(find_timexes(text)) for text in texts] == by_word


_TRICKY = [
    "May day now", "on Monday, may we", "éday today", "²2018 and 2018", "3rd '90s FY1998 Q3 in 1990s", "nowadays now",
    "Now", "", "a", "day", "İstanbul today, 12 May 2018", "xxxnow", "Σ2018 the past year", "ye", "12", "the_year",
    "the year_ago", "the yearé", "30 years, 2018, the past- week", "two thousand and one days",
    "more than 2,000 years, 5,000 years ago, 1,0000 days, 12,500.5 hours, 2,018, July 19,2018 and 19, 2018 years",
    "a quarter of a century, half a century ago, a half-century, three quarters of an hour, a quarter-century-old",
    "3,4 years, 10,15 days, 2,0001 days, some two thousand delegates, two thousand and one days, two thousand was",
    "a decade and a half ago, two and a half years ago, a week and a half later, midnight Friday, noon",
    "two-thirds of a year, a third of a century ago, one third of the vote, the midnight knock, a noon talk",
]


@pytest.fixture(scope="module")
def slow_scans(seed_docs, mfa_dir):
    """The seed, 40 MFA transcripts and the tricky texts, each with what the reference scan finds in it."""
    texts = seed_docs.text.tolist() + read_corpus(mfa_dir).text.tolist()[:40] + _TRICKY
    return [(text, list(find_timexes_slow(text))) for text in texts]


def test_trigger_search_with_numpy_finds_what_the_automaton_and_the_regex_find(seed_docs, mfa_dir):
    from analysis.timeline._scan import _trigger_starts, lower_same_length, trigger_starts_many

    texts = seed_docs.text.tolist() + read_corpus(mfa_dir).text.tolist()[:40] + _TRICKY
    lowers = [lower_same_length(text) for text in texts]
    many = trigger_starts_many(texts, lowers)
    for text, lower, found in zip(texts, lowers, many):
        assert found == _trigger_starts(text, lower, vectorised=False)
        if len(lower) == len(text):  # (the regex reads digits on the text, words on the lower-cased text)
            assert found == _trigger_starts(text, lower, automaton=False, vectorised=False)
        assert found == _trigger_starts(text, lower)


@pytest.mark.parametrize("tail", [3, 1, 6])
def test_patterns_chosen_by_a_word_and_what_follows_give_the_full_scan(slow_scans, monkeypatch, tail):
    from analysis.timeline import _dispatch

    monkeypatch.setattr(_dispatch, "_KEY_SEEN", 1)  # every key read at once (else after a few sightings)
    monkeypatch.setattr(_dispatch, "_TAIL", tail)  # (keys of other lengths than the default: the same matches)
    monkeypatch.setattr(_dispatch, "_BY_KEY", {})
    monkeypatch.setattr(_dispatch, "_KEY_COUNT", {})
    monkeypatch.setattr(_dispatch, "_BY_WORD", {})
    for text, expected in slow_scans + slow_scans:  # the second time, every key is chosen from the cache
        assert list(find_timexes(text)) == expected
    assert any(len(key) > 6 and len(chosen[1]) < 4 for key, chosen in _dispatch._BY_KEY.items())


def test_relaxed_patterns_match_every_expression_read_canonically(seed_docs, mfa_dir):
    """The relaxed form of each kind matches what the kind matches, digits as 0 and spaces as a space (lower case):
    so partial matching of a key with it can only keep the kinds that can match there."""
    import re

    from analysis.timeline import _dispatch
    from analysis.timeline._grammar import GRAMMAR

    texts = seed_docs.text.tolist() + read_corpus(mfa_dir).text.tolist()[:40] + _TRICKY
    kinds = set()
    for text in texts:
        for match in GRAMMAR.finditer(text):
            canonical = match.group().lower().translate(_dispatch._CANONICAL)
            assert _dispatch._relaxed(match.lastgroup).fullmatch(canonical) is not None, match
            kinds.add(match.lastgroup)
    assert len(kinds) > 20
    for kind, pattern in _dispatch._PATTERNS:  # every kind: its own literal examples
        assert re.compile(pattern, re.IGNORECASE).pattern  # (compiles)
        assert _dispatch._relaxed(kind).match("", partial=True) is not None


def test_keys_read_rarely_give_the_full_scan(slow_scans, monkeypatch):
    from analysis.timeline import _dispatch

    monkeypatch.setattr(_dispatch, "_KEY_SEEN", 3)
    monkeypatch.setattr(_dispatch, "_BY_KEY", {})
    monkeypatch.setattr(_dispatch, "_KEY_COUNT", {})
    for text, expected in slow_scans:  # keys still rare take the patterns of their first characters (a superset)
        assert list(find_timexes(text)) == expected
    assert _dispatch._KEY_COUNT


def test_patterns_of_a_known_prefix_word_give_the_full_scan(slow_scans, monkeypatch):
    from analysis.timeline import _dispatch

    monkeypatch.setattr(_dispatch, "_WORD_SEEN", 10**9)  # new words take a known word's patterns
    monkeypatch.setattr(_dispatch, "_KEY_SEEN", 10**9)  # keys never read but when a word is compiled
    monkeypatch.setattr(_dispatch, "_BY_KEY", {})
    known = {word: _dispatch._word_patterns(word) for word in ("the", "year", "present")}  # (whatever ran before)
    monkeypatch.setattr(_dispatch, "_BY_WORD", known)
    monkeypatch.setattr(_dispatch, "_SEEN", {})
    for text, expected in slow_scans:
        if len(text.lower()) == len(text):
            assert list(find_timexes(text)) == expected
    assert _dispatch._SEEN.get("years") and _dispatch._SEEN.get("presented")


def test_trigger_search_in_batches_gives_the_same_table(mfa_dir, monkeypatch):
    from analysis.timeline import _extract

    docs = read_corpus(mfa_dir).head(30)
    whole = timex_table(docs)
    monkeypatch.setattr(_extract, "_BATCH_CHARS", 5_000)  # many batches, documents longer than one
    pd.testing.assert_frame_equal(timex_table(docs), whole)


def test_rule_results_are_cached_per_call_without_changing_them():
    docs = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "date": pd.to_datetime(["2018-07-20", "2018-07-20", "2019-01-02"]),
         "text": ["Prices fell last week and today."] * 3}
    )  # fmt: skip
    assert timex_table(docs).value.tolist() == ["2018-W28", "2018-07-20"] * 2 + ["2018-W52", "2019-01-02"]



def test_the_tense_of_an_expression_that_names_its_year_changes_nothing(seed_docs, mfa_dir, monkeypatch):
    """An expression naming its year ("July 19, 2018", "June last year") is not read for tense: the table is the
    same as when every expression's clause is read."""
    from analysis.timeline import _extract

    docs = pd.concat([seed_docs, read_corpus(mfa_dir).head(60)], ignore_index=True)
    docs.loc[::3, "date"] = pd.NaT  # (and without a dateline)
    fast = timex_table(docs)
    monkeypatch.setattr(_extract, "_has_year", lambda kind, groups: False)
    pd.testing.assert_frame_equal(fast, timex_table(docs))
    for future in (True, False):  # whatever the tense, the same value
        monkeypatch.setattr(_extract, "clause_tense", lambda text, start, end, f=future: "future" if f else "past")
        table = timex_table(docs)
        named = table.text.str.contains(r"\b(?:1[5-9]|20)\d\d\b") & table.text.str.contains(r"[A-Z][a-z]")
        pd.testing.assert_frame_equal(table[named], fast[named])
    assert named.sum() > 20

def test_a_plain_string_is_one_document_without_a_date():
    table = timex_table("He came on Monday and stayed for three days.")
    assert table.doc_id.tolist() == ["doc", "doc"]
    assert table.value.tolist() == ["XXXX-WXX-1", "P3D"]
    assert table.anchor.isna().all()


def test_documents_without_date_column_or_text():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Talks began on July 19, 2018.", None]})
    table = timex_table(docs)
    assert table.value.tolist() == ["2018-07-19"]
    assert table.anchor.isna().all()


def test_empty_docs_give_an_empty_table_with_the_columns():
    table = timex_table(pd.DataFrame({"doc_id": [], "text": []}))
    assert list(table.columns) == COLUMNS and len(table) == 0


def test_string_dates_are_read_and_bad_dates_become_nat():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2018-07-20", "not a date"], "text": ["on Thursday"] * 2})
    assert timex_table(docs).value.tolist() == ["2018-07-19", "XXXX-WXX-4"]


def test_bad_docs_raise_parameter_error():
    with pytest.raises(ParameterError, match="doc_id"):
        timex_table(pd.DataFrame({"text": ["today"]}))
    with pytest.raises(ParameterError, match="unique"):
        timex_table(pd.DataFrame({"doc_id": ["a", "a"], "text": ["today", "now"]}))
    with pytest.raises(ParameterError, match="sentence_table"):
        timex_table("today", sentences=pd.DataFrame({"x": [1]}))


def test_modal_may_and_verb_march_are_not_months():
    assert timex_table("They may march on the capital.").empty
    assert timex_table("In May, they met.").value.tolist() == ["XXXX-05"]


def test_ages_are_not_durations():
    assert timex_table("A 6-year-old boy, 52 years old, came.").empty


WORDS = st.sampled_from(
    "the on in last next this early late mid Thursday July 19 2018 years ago every week daily for many "
    "three a year quarter third 1990s 10:30 a.m. , . ( ) - May march Q3 fiscal 30 February now near term period "
    "latest year-ago summer the weeks ahead over more three-quarters of mid-afternoon yesterday first hours "
    "5 p.m. EST Nov. 6 couple presentation nowhere".split()
)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=30), st.one_of(st.none(), st.dates()))
def test_any_text_any_date_gives_valid_offsets(words, date):
    text = " ".join(words)
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp(date) if date else pd.NaT], "text": [text]})
    table = timex_table(docs)
    assert [text[s:e] for s, e in zip(table.start, table.end)] == table.text.tolist()
    assert (table.start.diff().dropna() > 0).all()
    assert (table.start.to_numpy()[1:] >= table.end.to_numpy()[:-1]).all()
    assert set(table.type) <= {"DATE", "TIME", "DURATION", "SET"}
    assert table.value.str.len().gt(0).all()
    assert list(find_timexes(text)) == list(find_timexes_slow(text))


def test_tense_cues_on_lower_cased_clauses_match_the_case_insensitive_ones(mfa_dir):
    from analysis.timeline._extract import _FUTURE, _PAST, _tense_cue

    clauses = ["He'll go", "WILL MEET", "Had Been Scheduled", "was scheduled", "NEXT to", "IT'LL", "As Soon As",
               "ſhall", "İs to", "they Were", "Due To Visit", "upcoming", "next week", ""]  # fmt: skip
    for text in read_corpus(mfa_dir).text.tolist()[:60]:
        clauses += [text[i : i + 150] for i in range(0, len(text), 97)]
    for clause in clauses:
        expected = "future" if _FUTURE.search(clause) else "past" if _PAST.search(clause) else None
        assert _tense_cue(clause) == expected, clause


def test_a_character_whose_lower_case_is_longer_shifts_no_expression():
    # "İ".lower() is two characters; the scan reads offsets off the lower-cased text
    text = "İstanbul today, 12 May 2018, and last week."
    docs = pd.DataFrame({"doc_id": ["tr", "en"], "text": [text, text.replace("İ", "I")],
                         "date": pd.to_datetime(["2018-05-20"] * 2)})
    table = timex_table(docs)
    turkish, english = (table[table.doc_id == d].drop(columns=["doc_id", "timex_id"]).reset_index(drop=True)
                        for d in ("tr", "en"))
    pd.testing.assert_frame_equal(turkish, english)
    assert turkish.text.tolist() == ["today", "12 May 2018", "last week"]
    assert list(find_timexes(text)) == list(find_timexes_slow(text))
