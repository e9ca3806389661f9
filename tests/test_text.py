"""Tests for analysis.text: sentence_table, token_table, stopwords, Punkt parameters."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktParameters as NltkPunktParameters
from nltk.tokenize.punkt import PunktSentenceTokenizer

import analysis
from analysis import ParameterError, load_stopwords, punkt_parameters, sentence_table, token_table
from analysis import _tokenize
from analysis._punkt_vars import PunktParameters

SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text"]
TOKEN_COLUMNS = ["doc_id", "sent_id", "token_id", "start", "end", "token", "norm", "is_stop", "is_punct", "stem"]
PARAGRAPH = re.compile(r"\n[^\S\n]*\n")


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # a few NLTK-era files are Latin-1
        return data.decode("latin-1")


def _docs(paths: list[Path], root: Path) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [str(p.relative_to(root)) for p in paths], "text": [_read(p) for p in paths]})


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_docs(seed_text: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["seed"], "text": [seed_text]})


# -- seed golden ---------------------------------------------------------------


def test_seed_sentences_golden(seed_docs, seed_text):
    table = sentence_table(seed_docs)
    assert list(table.columns) == SENTENCE_COLUMNS
    # 14 paragraphs; paragraphs 5 and 8 hold two sentences each (counted by hand)
    assert len(table) == 16
    assert table.sent_id.tolist() == list(range(16))
    assert (table.doc_id == "seed").all()
    texts = table.text.tolist()
    assert table.start[0] == 1  # the seed starts with a space
    assert texts[0].startswith("date 2018-07-20 BEIJING (XINHUA) - China's Foreign Ministry")
    assert texts[4] == (
        '"China firmly opposes the proliferation of weapons of mass destruction and their means of delivery.'
    )
    assert texts[5].startswith("It has been strictly fulfilling") and texts[5].endswith('process," said Ms Hua.')
    assert texts[8] == (
        '"Promoting military-civilian integration is a common practice of the international community, '
        'including the United States," said Ms Hua.'
    )
    assert texts[9].startswith('"China\'s military-civilian integration development strategy')
    assert texts[14] == '"This will not serve the common interests of the two sides."'
    assert texts[15].startswith('She added: "We hope') and texts[15].endswith('accusations and suspicion."')
    for phrase in ("Ms Hua made", "Mr Christopher Ford", "said Ms Hua."):
        at = seed_text.index(phrase)
        assert ((table.start <= at) & (at + len(phrase) <= table.end)).sum() == 1, phrase


def test_seed_tokens_golden(seed_docs, seed_text):
    table = token_table(seed_docs)
    assert list(table.columns) == TOKEN_COLUMNS
    tokens = table.token.astype(str).tolist()
    assert tokens[:8] == ["date", "2018-07-20", "BEIJING", "(", "XINHUA", ")", "-", "China's"]
    assert "military-civilian" in tokens and "win-win" in tokens and "non-proliferation" in tokens
    assert tokens.count("military-civilian") == 4 and "civilian" not in tokens
    assert table.loc[table.token == "win-win", "stem"].tolist() == ["win-win"]
    china_s = table[table.token == "China's"]
    assert set(china_s.stem) == {"china"} and not china_s.is_stop.any()
    quotes = table[table.token == '"']
    assert len(quotes) == seed_text.count('"') == 16 and quotes.is_punct.all() and set(quotes.norm) == {'"'}
    # every token inside the sentence that sent_id names
    sentences = sentence_table(seed_docs)
    bounds = sentences.set_index("sent_id")
    assert (table.start >= bounds.start[table.sent_id].to_numpy()).all()
    assert (table.end <= bounds.end[table.sent_id].to_numpy()).all()


def test_curly_quotes_normalise_like_straight_ones(seed_text):
    curly = seed_text.replace("'", "\u2019")
    curly = re.sub(r'"(\w)', "\u201c\\1", curly).replace('"', "\u201d")
    assert "\u201c" in curly and "\u2019" in curly and '"' not in curly
    straight, bent = token_table(seed_text), token_table(curly)
    assert bent.start.tolist() == straight.start.tolist()
    assert bent.norm.astype(str).tolist() == straight.norm.astype(str).tolist()
    assert bent.loc[bent.token == "China\u2019s", "norm"].iloc[0] == "china's"
    assert sentence_table(curly).end.tolist() == sentence_table(seed_text).end.tolist()


# -- hand-checked golden for tricky text -------------------------------------

TRICKY = (
    "Mr. Ford said: \"The U.S. don't want 1,000 troops...\" On 2018-07-20, China\u2019s "
    "non-proliferation (3.5%) e-mail: info@mfa.gov.cn -- see https://www.fmprc.gov.cn/eng/. Win-win? Yes!"
)
TRICKY_TOKENS = [
    ("Mr", 0, "mr"), (".", 2, "."), ("Ford", 4, "ford"), ("said", 9, "said"), (":", 13, ":"),
    ('"', 15, '"'), ("The", 16, "the"), ("U.S.", 20, "u.s."), ("don't", 25, "don't"), ("want", 31, "want"),
    ("1,000", 36, "1,000"), ("troops", 42, "troops"), ("...", 48, "..."), ('"', 51, '"'), ("On", 53, "on"),
    ("2018-07-20", 56, "2018-07-20"), (",", 66, ","), ("China\u2019s", 68, "china's"),
    ("non-proliferation", 76, "non-proliferation"), ("(", 94, "("), ("3.5", 95, "3.5"), ("%", 98, "%"),
    (")", 99, ")"), ("e-mail", 101, "e-mail"), (":", 107, ":"), ("info@mfa.gov.cn", 109, "info@mfa.gov.cn"),
    ("--", 125, "--"), ("see", 128, "see"), ("https://www.fmprc.gov.cn/eng/", 132, "https://www.fmprc.gov.cn/eng/"),
    (".", 161, "."), ("Win-win", 163, "win-win"), ("?", 170, "?"), ("Yes", 172, "yes"), ("!", 175, "!"),
]  # fmt: skip


def test_tricky_tokens_golden():
    table = token_table(TRICKY)
    got = list(zip(table.token.astype(str), table.start.tolist(), table.norm.astype(str)))
    assert got == TRICKY_TOKENS
    assert table.token_id.tolist() == list(range(len(TRICKY_TOKENS)))
    assert table.is_punct.tolist() == [not any(c.isalnum() for c in t) for t, _, _ in TRICKY_TOKENS]
    assert table.set_index("token").loc[["The", "On", "see"], "is_stop"].tolist() == [True, True, False]
    assert table.loc[table.token == "troops", "stem"].item() == "troop"
    # "Mr." and "U.S." do not end sentences; '..."' does, before the sentence starter "On"
    first, second = TRICKY[: TRICKY.index(" On")], TRICKY[TRICKY.index("On") : TRICKY.index(" Win")]
    assert sentence_table(TRICKY).text.tolist() == [first, second, "Win-win?", "Yes!"]
    assert table.sent_id.tolist() == [0] * 14 + [1] * 16 + [2, 2, 3, 3]


def test_dtypes_and_categorical_equality():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Dr. Li met Ms Wu. They agreed.", ""]})
    tokens, sentences = token_table(docs), sentence_table(docs)
    assert tokens.dtypes.astype(str).tolist() == [
        "category", "int32", "int32", "int32", "int32", "category", "category", "bool", "bool", "category",
    ]  # fmt: skip
    assert sentences.dtypes.astype(str).tolist() == ["category", "int32", "int32", "int32", "str"]
    assert list(tokens.doc_id.cat.categories) == ["a", "b"]
    assert (tokens.norm == "they").sum() == 1 and (tokens.doc_id == "a").all()
    assert sentences.text.tolist() == ["Dr. Li met Ms Wu.", "They agreed."]


def test_documents_are_separate_and_ids_restart():
    docs = pd.DataFrame({"doc_id": [3, 1, 2], "text": ["One. Two", "  \n\n ", "Three.\n\nFour"]})
    sentences = sentence_table(docs)
    assert sentences.doc_id.tolist() == [3, 3, 2, 2] and sentences.sent_id.tolist() == [0, 1, 0, 1]
    tokens = token_table(docs)
    assert tokens.groupby("doc_id", observed=True).token_id.min().tolist() == [0, 0]
    assert tokens.loc[tokens.doc_id == 2, "start"].tolist() == [0, 5, 8]


# -- sentence boundaries -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He met Mr. Smith. Then he left.", ["He met Mr. Smith.", "Then he left."]),
        ("Talks with the U.S. The talks failed.", ["Talks with the U.S.", "The talks failed."]),
        ("Talks with the U.S. went well.", ["Talks with the U.S. went well."]),
        ('He said "No." She agreed.', ['He said "No."', "She agreed."]),
        ("Why? Because (it is.) Done!", ["Why?", "Because (it is.)", "Done!"]),
        ("Title line\n\nQ: Is it true?\n\nA: No. It is not.", ["Title line", "Q: Is it true?", "A: No.", "It is not."]),
        ("Johann S. Bach wrote it in 1723. It is long.", ["Johann S. Bach wrote it in 1723.", "It is long."]),
        ("a line\nand another. Done", ["a line\nand another.", "Done"]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentence_table(text).text.tolist() == expected


def test_punkt_parameters_are_built_in_and_fresh():
    params = punkt_parameters()
    assert isinstance(params, PunktParameters)
    for abbrev in ("mr", "ms", "mrs", "dr", "prof", "st", "jr", "u.s", "u.n", "u.k", "e.u", "jan", "no", "e.g", "i.e"):
        assert abbrev in params.abbrev_types
    params.abbrev_types.clear()
    assert "mr" in punkt_parameters().abbrev_types


@pytest.mark.parametrize("parameters_class", [PunktParameters, NltkPunktParameters])
def test_trained_and_custom_parameters(parameters_class):
    text = "Gen. Li came. Gen. Li left. Gen. Wu stayed. The Gen. said so. Sen. Ho spoke."
    trained = analysis.train_punkt_parameters(text)
    assert "gen" in trained.abbrev_types and "mr" in trained.abbrev_types
    assert sentence_table(text, punkt="train").text.tolist() == sentence_table(text, punkt=trained).text.tolist()
    bare = parameters_class()
    assert sentence_table("Mr. Li came.", punkt=bare).text.tolist() == ["Mr.", "Li came."]
    bare.abbrev_types.add("mr")
    assert sentence_table("Mr. Li came.", punkt=bare).text.tolist() == ["Mr. Li came."]


def test_our_parameters_work_in_nltk_and_copy_into_nltk():
    ours = punkt_parameters()
    theirs = NltkPunktParameters()
    for name in ("abbrev_types", "collocations", "sent_starters"):
        setattr(theirs, name, set(getattr(ours, name)))
    text = "Mr. Li met Gen. Wu in the U.S. The talks ended. Then they left."
    nltk_ours = PunktSentenceTokenizer(ours).tokenize(text)
    assert nltk_ours == PunktSentenceTokenizer(theirs).tokenize(text) == sentence_table(text).text.tolist()


def test_vendored_punkt_pieces_equal_nltk(seed_text):
    from nltk.tokenize.punkt import PunktLanguageVars, PunktToken as NltkToken

    from analysis._punkt_vars import PunktToken, word_tokenize

    lang = PunktLanguageVars()
    chunks = set(seed_text.split()) | {"(Dr.", "U.S.)", "\u201cNo.\u201d", "1,000.", "-3.5.", "J.", "\u00c9.", "...", "e.g.,"}
    for chunk in sorted(chunks):
        assert word_tokenize(chunk) == lang.word_tokenize(chunk), chunk
        for word in word_tokenize(chunk):
            ours, theirs = PunktToken(word), NltkToken(word)
            for name in ("type", "type_no_period", "period_final", "first_upper", "first_lower"):
                assert getattr(ours, name) == getattr(theirs, name), (word, name)
            for name in ("is_ellipsis", "is_initial"):
                assert bool(getattr(ours, name)) == bool(getattr(theirs, name)), (word, name)


def test_token_table_uses_given_sentences():
    text = "Mr. Li came. Then he left."
    bare = sentence_table(text, punkt=PunktParameters())
    tokens = token_table(text, sentences=bare)
    assert tokens.sent_id.tolist() == [0, 0, 1, 1, 1, 2, 2, 2, 2]
    assert token_table(text, sentences=bare.iloc[[0, 2]]).sent_id.tolist() == [0, 0, -1, -1, -1, 2, 2, 2, 2]


def test_nltk_agreement_over_shared_corpora(shared_dir):
    """Our splitter and NLTK's PunktSentenceTokenizer, same parameters, per paragraph block."""
    corpora = shared_dir / "corpora"
    docs = _docs(sorted(corpora.rglob("*.txt")), corpora)
    ours_table = sentence_table(docs)
    params = punkt_parameters()
    agreement, ours, theirs = _agreement(docs, ours_table, params)
    assert len(ours) > 25_000
    assert agreement >= 0.995, f"agreement {agreement:.4%} ({len(ours)} ours, {len(theirs)} NLTK)"
    print(f"\nPunkt agreement (builtin parameters): {agreement:.4%} of {len(ours | theirs)} boundaries")


def test_nltk_agreement_with_trained_parameters(inaugural_dir):
    docs = _docs(sorted(inaugural_dir.glob("*.txt")), inaugural_dir)
    params = analysis.train_punkt_parameters(docs)
    agreement, ours, theirs = _agreement(docs, sentence_table(docs, punkt=params), params)
    assert agreement >= 0.995, f"agreement {agreement:.4%} ({len(ours)} ours, {len(theirs)} NLTK)"


def _agreement(docs, table, params):
    """|ours & nltk| / |ours | nltk| over sentence ends that are not paragraph ends."""
    nltk_tokenizer = PunktSentenceTokenizer(params)
    ends = table.groupby("doc_id", observed=True)["end"].agg(list).to_dict()
    ours, theirs = set(), set()
    for doc_id, text in zip(docs.doc_id, docs.text):
        block_ends, position = set(), 0
        for block_start, block_stop in [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)] + [(len(text),) * 2]:
            block = text[position:block_start]
            if block.strip():
                spans = list(nltk_tokenizer.span_tokenize(block))
                block_ends.add(position + len(block.rstrip()))
                theirs.update((doc_id, position + len(block[:end].rstrip())) for _, end in spans[:-1])
            position = block_stop
        ours.update((doc_id, end) for end in ends.get(doc_id, []) if end not in block_ends)
    return len(ours & theirs) / max(1, len(ours | theirs)), ours, theirs


# -- invariants ----------------------------------------------------------------

_PIECES = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\n \n", "\t", "\r\n", ".", "?", "!", "...", '"', "'", "\u201c", "\u201d", "\u2019",
     "(", ")", "-", "--", "\u2014", ",", "Mr.", "U.S.", "don't", "1,000", "3.5", "The", "end", "a", "B.", "e.g."]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join)


def _check_invariants(texts: list[str]) -> None:
    docs = pd.DataFrame({"doc_id": range(len(texts)), "text": texts})
    sentences, tokens = sentence_table(docs), token_table(docs)
    for doc_id, text in enumerate(texts):
        sents = sentences[sentences.doc_id == doc_id]
        toks = tokens[tokens.doc_id == doc_id]
        starts, ends = sents.start.to_numpy(), sents.end.to_numpy()
        assert [text[s:e] for s, e in zip(starts, ends)] == sents.text.tolist()
        assert all(t == t.strip() and t for t in sents.text)
        assert (starts[1:] >= ends[:-1]).all() and sents.sent_id.tolist() == list(range(len(sents)))
        assert [text[s:e] for s, e in zip(toks.start, toks.end)] == toks.token.astype(str).tolist()
        assert toks.token_id.tolist() == list(range(len(toks)))
        covered = np.zeros(len(text), dtype=int)
        for s, e in zip(toks.start, toks.end):
            covered[s:e] += 1
        assert all(covered[i] == (0 if c.isspace() else 1) for i, c in enumerate(text))
        sent_covered = np.zeros(len(text), dtype=int)
        for s, e in zip(starts, ends):
            sent_covered[s:e] += 1
        assert all(sent_covered[i] == 1 for i, c in enumerate(text) if not c.isspace())
        inside = toks.sent_id.to_numpy()
        assert (toks.start.to_numpy() >= starts[inside]).all() and (toks.end.to_numpy() <= ends[inside]).all()
        assert all(not PARAGRAPH.search(t) for t in sents.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_offsets_and_coverage_invariants(texts):
    _check_invariants(texts)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_invariants_on_arbitrary_unicode(text):
    _check_invariants([text])


def test_invalid_unicode_is_refused():
    with pytest.raises(ParameterError, match=r"doc_id 'doc'.*not valid Unicode"):
        token_table("Bad \ud800 byte.")


def test_piece_splitting_matches_str_split(seed_text):
    text = seed_text + "  double\tspace \u00a0 nbsp\u2029 "
    codes, types = _tokenize._split_pieces(text)
    assert [types[c] for c in codes] == text.split(" ")


# -- stopwords and stems -------------------------------------------------------


def test_shipped_stopwords():
    stop = load_stopwords()
    assert 150 <= len(stop) <= 250
    assert {"the", "a", "of", "and", "we", "it's", "is", "to"} <= stop
    negators = {"not", "no", "never", "nor", "neither", "none", "nothing", "don't", "can't", "won't", "without"}
    assert not (negators & stop)
    assert not ({"us", "one", "against", "may", "must", "will", "very"} & stop)
    assert all(word == word.lower() and "\u2019" not in word for word in stop)


def test_stopword_options(tmp_path):
    text = "The US don\u2019t trust them."
    default = token_table(text)
    assert default.is_stop.tolist() == [True, False, False, False, True, False]
    assert not token_table(text, stopwords=False).is_stop.any()
    assert not token_table(text, stopwords=None).is_stop.any()
    own = token_table(text, stopwords=["DON'T", "us"])
    assert own.is_stop.tolist() == [False, True, True, False, False, False]
    path = tmp_path / "mine.txt"
    path.write_text("# mine\ntrust  # a verb here\n\n", encoding="utf-8")
    assert load_stopwords(path) == {"trust"}
    assert token_table(text, stopwords=load_stopwords(str(path))).is_stop.tolist() == [False] * 3 + [True] + [False] * 2


def test_turn_labels_are_stop_tokens():
    """A transcript's Q:/A: labels are layout, not words: stop tokens, at the start of a line only."""
    text = "Title\n\nQ: Any comment?\n\nA: No. Q: really\n\nPlan Q: yes\n  Q: next\nQ. and A."
    table = token_table(text)
    labels = table[table.token.isin(["Q", "A"])]
    assert list(zip(labels.start.tolist(), labels.is_stop.tolist())) == [
        (7, True),  # "Q:" opens a paragraph
        (24, True),  # "A:" opens a paragraph ("a" is a stopword anyway)
        (31, False),  # "Q:" inside a paragraph
        (47, False),  # "Plan Q:"
        (56, True),  # "Q:" opens a line (after spaces)
        (64, False),  # "Q." is no label
        (71, True),  # "A." is the stopword "a", not a label
    ]
    assert all(text[s : e] == tok for s, e, tok in zip(labels.start, labels.end, labels.token))
    assert not token_table(text, stopwords=False).is_stop.any()
    assert token_table("Q: x").is_stop.tolist() == [True, False, False]  # a document's first token


def test_stems_equal_nltk_snowball_on_every_shared_norm(shared_dir):
    """The vendored stemmer gives NLTK's SnowballStemmer("english") stem for every distinct norm."""
    import json

    from nltk.stem.snowball import SnowballStemmer

    from analysis._snowball import stem

    paths = [*sorted(shared_dir.glob("corpora/**/*.txt")), *sorted(shared_dir.glob("eval/**/*.txt"))]
    paths += sorted(shared_dir.glob("eval/**/*.tml"))
    texts = [path.read_bytes().decode("utf-8", "replace") for path in paths]
    for jsonl in sorted(shared_dir.glob("eval/**/*.jsonl")):
        texts += [json.loads(line).get("text", "") for line in jsonl.read_text(encoding="utf-8").splitlines() if line]
    docs = pd.DataFrame({"doc_id": range(len(texts)), "text": texts})
    norms = token_table(docs, stem=False)["norm"].cat.categories.tolist()
    assert len(paths) > 900 and len(norms) > 40_000
    nltk_stem = SnowballStemmer("english").stem
    differ = [(norm, stem(norm), nltk_stem(norm)) for norm in norms if stem(norm) != nltk_stem(norm)]
    assert not differ, f"{len(differ)} of {len(norms)} norms differ, e.g. {differ[:10]}"


def test_stem_false_fills_stem_with_norm():
    table = token_table("Nations were running.", stem=False)
    assert table.stem.astype(str).tolist() == table.norm.astype(str).tolist() == ["nations", "were", "running", "."]
    assert token_table("Nations were running.").stem.astype(str).tolist() == ["nation", "were", "run", "."]


# -- bad input -------------------------------------------------------------------


def test_missing_columns_named():
    with pytest.raises(ParameterError, match=r"missing column\(s\) \['text'\].*has \['doc_id', 'body'\]"):
        sentence_table(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))
    with pytest.raises(ParameterError, match=r"\['doc_id'\]"):
        token_table(pd.DataFrame({"text": ["x"]}))


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: sentence_table("x", punkt="english"), r"punkt must be one of \['builtin', 'train'\]"),
        (lambda: sentence_table("x", punkt=None), r"punkt must be one of"),
        (lambda: token_table("x", stopwords="en"), r"stopwords must be True.*load_stopwords\('en'\)"),
        (lambda: token_table("x", stopwords=3), r"stopwords must be True \(the shipped list\), False or None"),
        (lambda: token_table("x", stopwords=["ok", 3]), r"stopwords must be .*non-strings such as 3"),
        (lambda: token_table("x", stem="yes"), r"stem must be True or False"),
        (lambda: token_table("x", sentences=[1]), r"sentences must be a sentence_table, not list"),
        (lambda: sentence_table(["x"]), r"docs must be a DataFrame with columns doc_id and text"),
        (lambda: sentence_table(pd.DataFrame({"doc_id": [1, 1], "text": ["a", "b"]})), r"unique; repeated: \[1\]"),
        (lambda: token_table(pd.DataFrame({"doc_id": [1], "text": [5]})), r"row 0 \(doc_id 1\) holds int"),
        (lambda: load_stopwords("fr"), r"'fr' is not a stopword list; use one of \['en'\]"),
    ],
)
def test_bad_values_raise_parameter_error(call, pattern):
    with pytest.raises(ParameterError, match=pattern):
        call()


def test_missing_text_counts_as_empty():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [None, "Hi."]})
    assert token_table(docs).doc_id.tolist() == ["b", "b"]
    assert len(sentence_table(pd.DataFrame({"doc_id": [], "text": []}))) == 0


# -- no NLTK data ----------------------------------------------------------------


def test_runs_without_any_nltk_data(tmp_path, seed_path, root_dir):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    code = textwrap.dedent(
        f"""
        import nltk, nltk.data
        nltk.data.path[:] = [{str(empty)!r}]
        def refuse(*args, **kwargs):
            raise AssertionError(f"NLTK data requested: {{args}}")
        nltk.data.find = nltk.data.load = refuse
        import analysis
        text = open({str(seed_path)!r}, encoding="utf-8").read()
        sentences = analysis.sentence_table(text)
        tokens = analysis.token_table(text)
        assert len(sentences) == 16 and len(tokens) > 400, (len(sentences), len(tokens))
        print("ok")
        """
    )
    env = {**os.environ, "NLTK_DATA": str(empty), "PYTHONPATH": str(root_dir)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# -- one pass for both tables, and the caches kept across calls ---------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, min_size=1, max_size=3), st.booleans())
def test_sentences_and_tokens_equal_the_two_calls(texts, stem):
    from analysis.text import sentences_and_tokens

    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    sentences, tokens = sentences_and_tokens(docs, stem=stem)
    pd.testing.assert_frame_equal(sentences, sentence_table(docs))
    pd.testing.assert_frame_equal(tokens, token_table(docs, stem=stem))
    pd.testing.assert_frame_equal(tokens, token_table(docs, sentences=sentences, stem=stem))


def test_results_do_not_depend_on_the_caches(seed_docs):
    from analysis import _punkt

    def both():
        return sentence_table(seed_docs), token_table(seed_docs)

    for cache in _tokenize._SPLIT_CACHE.values():
        cache.clear()
    for cache in _punkt.BUILTIN_CACHE.values():
        cache.clear()
    cold = both()
    assert all(_tokenize._SPLIT_CACHE.values()) and _punkt.BUILTIN_CACHE["classify"]
    warm = both()
    for first, second in zip(cold, warm):
        pd.testing.assert_frame_equal(first, second)
    # a trained or caller's model never reads the built-in cache
    params = punkt_parameters()
    params.abbrev_types.discard("mr")
    assert sentence_table("Mr. Ford spoke.", punkt=params).text.tolist() == ["Mr.", "Ford spoke."]
    assert sentence_table("Mr. Ford spoke.").text.tolist() == ["Mr. Ford spoke."]
