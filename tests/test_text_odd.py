"""sentence_table / token_table on real-world odd input: Unicode marks, emoji, CJK, separators.

Regression tests for the review of odd input (session 6): every case here
failed before the fix it names, or guards an invariant that the fix could break.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import _tokenize
from analysis.terms import dispersion_table, kwic_table, term_table
from analysis.text import load_stopwords, sentence_table, token_table

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n|\u2029")


def _tokens(text: str) -> list[str]:
    return token_table(text).token.astype(str).tolist()


def _sentences(text: str) -> list[str]:
    return sentence_table(text).text.tolist()


# -- words with combining marks ----------------------------------------------------


def test_marks_table_is_every_combining_mark():
    """_MARKS holds exactly the code points of categories Mn, Mc, Me (Python's unicodedata)."""
    marks = re.compile(f"[{_tokenize._MARKS}]")
    wanted = {cp for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me")}
    if unicodedata.unidata_version != "14.0.0":  # generated from 14.0.0; a newer Python adds marks
        pytest.skip(f"the table was generated from Unicode 14.0.0, not {unicodedata.unidata_version}")
    found = {cp for cp in range(sys.maxunicode + 1) if marks.match(chr(cp))}
    assert found == wanted


@pytest.mark.parametrize(
    "text, expected",
    [
        # was: 'Cafe', '\u0301' (a punctuation token), 'de', '\u0301', 'ja', '\u0300', 'vu'
        ("Cafe\u0301 de\u0301ja\u0300 vu.", ["Cafe\u0301", "de\u0301ja\u0300", "vu", "."]),
        ("Nai\u0308ve", ["Nai\u0308ve"]),
        ("\u0647\u0650\u064a\u064e \u0643\u064e\u062a\u064e\u0628\u064e", ["\u0647\u0650\u064a\u064e", "\u0643\u064e\u062a\u064e\u0628\u064e"]),  # Arabic with harakat
        ("\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e", ["\u0928\u092e\u0938\u094d\u0924\u0947", "\u0926\u0941\u0928\u093f\u092f\u093e"]),  # Devanagari
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", ["\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"]),  # Persian, ZWNJ inside
        ("re\u0301sume\u0301s, U.S.", ["re\u0301sume\u0301s", ",", "U.S."]),
    ],
)
def test_combining_marks_stay_in_their_word(text, expected):
    assert _tokens(text) == expected


def test_norm_is_the_same_for_composed_and_decomposed_spellings():
    table = token_table("Café cafe\u0301 CAFE\u0301")
    assert table.norm.astype(str).tolist() == ["café"] * 3
    assert table.is_punct.tolist() == [False] * 3


def test_norm_folds_fullwidth_ligatures_and_math_letters_but_not_fractions():
    table = token_table("\uff23\uff48\uff49\uff4e\uff41 \ufb01nance \U0001d400\U0001d401 \u00bd km\u00b2 \uff01")
    assert table.norm.astype(str).tolist() == ["china", "finance", "ab", "\u00bd", "km\u00b2", "\uff01"]
    assert _tokenize.normalize("\u2122") == "\u2122"  # a symbol stays a symbol (no letters from nowhere)


# -- emoji --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "emoji",
    [
        "\U0001f44d\U0001f3fd",  # thumbs up, skin tone
        "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # family (ZWJ sequence)
        "\U0001f1e8\U0001f1f3",  # flag: two regional indicators
        "\u2764\ufe0f",  # heart + variation selector 16
        "1\ufe0f\u20e3",  # keycap
        "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England flag (tags)
    ],
)
def test_an_emoji_sequence_is_one_token(emoji):
    assert _tokens(f"We {emoji} it.") == ["We", emoji, "it", "."]


def test_two_flags_in_a_row_are_two_tokens():
    assert _tokens("\U0001f1e8\U0001f1f3\U0001f1fa\U0001f1f8") == ["\U0001f1e8\U0001f1f3", "\U0001f1fa\U0001f1f8"]


# -- Chinese and Japanese ---------------------------------------------------------------


def test_han_characters_are_tokens_of_their_own():
    # was: one token per run between punctuation ('中国外交部发言人表示')
    table = token_table("中国外交部表示，2018年反对。")
    assert table.token.astype(str).tolist() == ["中", "国", "外", "交", "部", "表", "示", "，", "2018", "年", "反", "对", "。"]
    assert table.is_punct.tolist() == [False] * 7 + [True] + [False] * 4 + [True]


def test_katakana_and_hangul_runs_stay_words():
    assert _tokens("テレビ 대한민국") == ["テレビ", "대한민국"]


def test_cjk_full_stops_end_sentences_without_a_space():
    # was: one sentence for the whole paragraph
    assert _sentences("中方坚决反对。美方应当停止！“是的”他说。对吗？好") == [
        "中方坚决反对。", "美方应当停止！", "“是的”他说。", "对吗？", "好",
    ]  # fmt: skip
    assert _sentences("他说：“我们反对。”然后走了。") == ["他说：“我们反对。”", "然后走了。"]


def test_fullwidth_marks_before_a_space_end_sentences():
    assert _sentences("Ｈｅｌｌｏ！ Ｏｋ？ Ｙｅｓ． Ｎｏ") == ["Ｈｅｌｌｏ！", "Ｏｋ？", "Ｙｅｓ．", "Ｎｏ"]


def test_a_query_in_chinese_matches_the_characters():
    docs = pd.DataFrame({"doc_id": ["z"], "text": ["中国外交部表示，中方坚决反对。"]})
    tokens = token_table(docs)
    assert kwic_table(tokens, "中方", docs=docs)["match"].tolist() == ["中方"]
    assert dispersion_table(tokens, "外交部")["token_id"].tolist() == [2]


# -- separators -----------------------------------------------------------------------------


def test_paragraph_separator_is_a_paragraph_break():
    assert _sentences("No stop here\u2029New paragraph\u2028same line") == ["No stop here", "New paragraph\u2028same line"]


def test_nbsp_and_ideographic_space_separate_tokens():
    assert _tokens("a\u00a0b\u3000c\u2009d") == ["a", "b", "c", "d"]


# -- invariants on odd alphabets ---------------------------------------------------------------

_ODD = st.sampled_from(
    [" ", "\n", "\n\n", "\u2029", "\u2028", "\u00a0", "\u200b", "\u200c", "\u200d", "\ufeff", "\u3000",
     "e", "E", "\u0301", "\u0308", "\u20e3", "\ufe0f", "\U0001f3fd", "\U0001f468", "\U0001f1e8", "\U0001f1f3",
     "\U000e0067", "中", "国", "の", "テ", "\u3002", "\uff01", "\uff1f", "\uff0e", "\u300d", "\u201d", "\u201c",
     "\uff23", "\ufb01", "\u00ad", "\u2060", ".", "!", "?", "'", "-", "Mr.", "U.S.", "1,000", "\u0928\u094d", "\u064e", "\u0627"]
)  # fmt: skip
_ODD_TEXT = st.lists(_ODD, max_size=30).map("".join)


def _check(texts: list[str]) -> None:
    docs = pd.DataFrame({"doc_id": [f"d{k}" for k in range(len(texts))], "text": texts})
    sentences, tokens = sentence_table(docs), token_table(docs)
    assert tokens.doc_id.cat.categories.tolist() == docs.doc_id.tolist()
    for doc_id, text in zip(docs.doc_id, texts):
        sents = sentences[sentences.doc_id == doc_id]
        toks = tokens[tokens.doc_id == doc_id]
        assert [text[s:e] for s, e in zip(sents.start, sents.end)] == sents.text.tolist()
        assert all(t and t == t.strip() and not _BLANK_LINE.search(t) for t in sents.text)
        assert [text[s:e] for s, e in zip(toks.start, toks.end)] == toks.token.astype(str).tolist()
        covered = np.zeros(len(text), dtype=int)
        for s, e in zip(toks.start, toks.end):
            covered[s:e] += 1
        assert all(covered[i] == (0 if c.isspace() else 1) for i, c in enumerate(text))
        in_sentence = np.zeros(len(text), dtype=int)
        for s, e in zip(sents.start, sents.end):
            in_sentence[s:e] += 1
        assert all(in_sentence[i] == 1 for i, c in enumerate(text) if not c.isspace())
    # counts sum: every non-stop word token is counted once in the term table
    words = tokens[~tokens.is_punct & ~tokens.is_stop]
    assert term_table(tokens)["n"].sum() == len(words)
    # a norm is a word iff its tokens are words
    assert not (set(tokens.norm[tokens.is_punct].astype(str)) & set(tokens.norm[~tokens.is_punct].astype(str)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ODD_TEXT, min_size=1, max_size=4))
def test_invariants_hold_on_odd_unicode(texts):
    _check(texts)


def test_invariants_hold_on_a_very_long_token():
    _check(["a" * 200_000 + " end.", "\u0301" * 1000, "中" * 5000])


def test_stopwords_fold_like_norms():
    assert "the" in load_stopwords() and _tokenize.normalize("\uff34\uff28\uff25") == "the"


def test_soft_hyphens_and_word_joiners_stay_inside_words_and_leave_the_norm():
    # was: 'hy', '\xad', 'phen'
    table = token_table("hy\u00adphen wo\u2060rd")
    assert table.token.astype(str).tolist() == ["hy\u00adphen", "wo\u2060rd"]
    assert table.norm.astype(str).tolist() == ["hyphen", "word"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # were: 'U.S.', "'", 's' and 'win', '–', 'win'
        ("the U.S.'s role", ["the", "U.S.'s", "role"]),
        ("the U.S.\u2019s role.", ["the", "U.S.\u2019s", "role", "."]),
        ("win\u2013win, 2018\u20132019 and a \u2013 b", ["win\u2013win", ",", "2018\u20132019", "and", "a", "\u2013", "b"]),
    ],
)
def test_abbreviation_possessives_and_en_dash_compounds_are_one_token(text, expected):
    assert _tokens(text) == expected


def test_en_dash_compounds_share_the_hyphen_norm_and_possessives_the_stem():
    table = token_table("win\u2013win win-win U.S.'s U.S.")
    assert table.norm.astype(str).tolist() == ["win-win", "win-win", "u.s.'s", "u.s."]
    assert table.stem.astype(str).tolist()[2:] == ["u.s.", "u.s."]
