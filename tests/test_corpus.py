"""read_corpus: the seed golden row, the shared corpora, parsers, encodings, tables, errors.

Bad inputs are generated in ``tmp_path``; every error test also checks that the
reader wrote nothing.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import read_corpus
from analysis._decode import decode_bytes, looks_binary
from analysis._dates import DateCandidate, parse_date_line, parse_filename_date, resolve_date
from analysis._metadata import first_line_title, parse_dateline, parse_header, parse_title
from analysis.errors import AnalysisWarning, CorpusError, ParameterError

COLUMNS = [
    "doc_id", "date", "place", "source", "title", "speaker", "text", "path", "encoding",
    "n_chars", "date_source", "date_precision", "place_source", "source_source",
    "title_source", "speaker_source",
]  # fmt: skip
OBJECT_COLUMNS = [c for c in COLUMNS if c not in ("date", "n_chars")]


def _read_quietly(*args, **kwargs) -> pd.DataFrame:
    """read_corpus, failing on any warning (AnalysisWarning or one leaking from pandas)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read_corpus(*args, **kwargs)


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def _assert_schema(docs: pd.DataFrame) -> None:
    assert list(docs.columns[: len(COLUMNS)]) == COLUMNS
    assert docs["date"].dtype == "datetime64[ns]"
    assert docs["n_chars"].dtype == "int64"
    for column in OBJECT_COLUMNS:
        assert docs[column].dtype == object, column
        assert all(v is None or isinstance(v, str) for v in docs[column]), column
    assert docs["doc_id"].is_unique
    assert (docs["n_chars"] == docs["text"].str.len()).all()


# --- the seed ------------------------------------------------------------------------
def test_seed_golden_row(seed_path):
    docs = _read_quietly(seed_path)
    assert list(docs.columns) == COLUMNS
    _assert_schema(docs)
    expected_text = seed_path.read_bytes().decode("utf-8")
    assert len(docs) == 1
    row = docs.iloc[0]
    assert row["doc_id"] == "000_bc67b9ca0fc0fcf9"
    assert row["date"] == pd.Timestamp("2018-07-20")
    assert (row["place"], row["source"]) == ("BEIJING", "XINHUA")
    assert row["text"] == expected_text
    assert row["text"].startswith(" date 2018-07-20 BEIJING (XINHUA) - ")
    assert row["n_chars"] == len(expected_text)
    assert row["encoding"] == "utf-8"
    assert row["path"] == str(seed_path)
    assert (row["date_source"], row["date_precision"]) == ("header", "day")
    assert (row["place_source"], row["source_source"]) == ("header", "header")
    assert row["title"] is None and row["speaker"] is None
    assert row["title_source"] is None and row["speaker_source"] is None


def test_str_and_pathlike_sources_agree(seed_path):
    pd.testing.assert_frame_equal(_read_quietly(str(seed_path)), _read_quietly(seed_path))


# --- mfa_2018 ------------------------------------------------------------------------
def _mfa_index(mfa_dir: Path) -> pd.DataFrame:
    index = pd.read_csv(mfa_dir / "index.csv", keep_default_na=False)
    index["doc_id"] = index["file"].str.removesuffix(".txt")
    return index.set_index("doc_id")


def test_mfa_with_index_csv(mfa_dir):
    docs = _read_quietly(mfa_dir)
    _assert_schema(docs)
    index = _mfa_index(mfa_dir)
    assert len(docs) == 147 == len(index)
    assert not docs["doc_id"].str.contains("index").any()
    assert docs["doc_id"].tolist() == sorted(index.index)
    docs = docs.set_index("doc_id")
    dated = index[index["date"] != ""]
    assert len(dated) == 145
    expected = pd.to_datetime(dated["date"])
    assert (docs.loc[dated.index, "date"] == expected).all()
    assert (docs.loc[dated.index, "date_source"] == "index.csv").all()
    undated = index.index[index["date"] == ""]
    assert docs.loc[undated, "date"].isna().all()
    assert docs.loc[undated, "date_source"].isna().all()
    assert (docs["speaker"] == index.loc[docs.index, "spokesperson"]).all()
    assert (docs["title"] == index.loc[docs.index, "title"]).all()
    assert (docs["kind"] == index.loc[docs.index, "kind"]).all()
    assert (docs["url"] == index.loc[docs.index, "url"]).all()
    assert (docs["encoding"] == "utf-8").all()


def test_mfa_title_parser_without_index_csv(mfa_dir, tmp_path):
    index = _mfa_index(mfa_dir)
    for file in (mfa_dir / "text").glob("*.txt"):
        shutil.copy(file, tmp_path / file.name)
    docs = _read_quietly(tmp_path).set_index("doc_id")
    assert len(docs) == 147
    expected = index.set_index(index.index.str.removeprefix("text/"))
    dated = expected[expected["date"] != ""]
    assert (docs.loc[dated.index, "date"] == pd.to_datetime(dated["date"])).all()
    assert (docs.loc[dated.index, "date_source"] == "title").all()
    assert (docs.loc[dated.index, "date_precision"] == "day").all()
    assert (docs["speaker"] == expected.loc[docs.index, "spokesperson"]).all()
    assert (docs["speaker_source"] == "title").all()
    assert (docs["title"] == expected.loc[docs.index, "title"]).all()
    assert (docs["title_source"] == "first_line").all()
    undated = expected.index[expected["date"] == ""]
    assert docs.loc[undated, "date"].isna().all()


def test_mfa_titles_alone_give_dates_when_they_have_a_year(mfa_dir, tmp_path):
    """File names without dates: the 131 titles with a year still date their document."""
    index = _mfa_index(mfa_dir)
    for number, doc_id in enumerate(index.index):
        shutil.copy(mfa_dir / f"{doc_id}.txt", tmp_path / f"doc{number:03d}.txt")
    docs = _read_quietly(tmp_path)
    index = index.reset_index()
    with_year = index["date_source"] == "title"
    assert with_year.sum() == 131
    assert (docs.loc[with_year, "date"] == pd.to_datetime(index.loc[with_year, "date"])).all()
    assert docs.loc[~with_year, "date"].isna().all()  # "... on September 10": no year anywhere


# --- state_union and inaugural ----------------------------------------------------------
YEAR_ONLY_STATE_UNION = {
    "1956-Eisenhower", "1957-Eisenhower", "1958-Eisenhower", "1959-Eisenhower",
    "1960-Eisenhower", "1962-Kennedy", "1963-Kennedy", "1978-Carter", "1979-Carter",
    "1980-Carter",
}  # fmt: skip


def test_state_union_dates(state_union_dir):
    docs = _read_quietly(state_union_dir)
    _assert_schema(docs)
    assert len(docs) == 65
    docs = docs.set_index("doc_id")
    assert docs.loc["1945-Truman", "date"] == pd.Timestamp("1945-04-16")
    assert docs.loc["1945-Truman", "date_source"] == "date_line"
    assert docs.loc["1965-Johnson-1", "date"] == pd.Timestamp("1965-01-04")
    assert docs.loc["1965-Johnson-2", "date"] == pd.Timestamp("1965-03-15")
    # "January 21, 1946. Dated ...", "... Union. January 22, 1970" (title), and
    # "Overview and Goals.  February 2, 1973" on the second line
    assert docs.loc["1946-Truman", "date"] == pd.Timestamp("1946-01-21")
    assert docs.loc["1970-Nixon", "date"] == pd.Timestamp("1970-01-22")
    assert docs.loc["1970-Nixon", "date_source"] == "title"
    assert docs.loc["1973-Nixon", "date"] == pd.Timestamp("1973-02-02")
    year_only = set(docs.index[docs["date_precision"] == "year"])
    assert year_only == YEAR_ONLY_STATE_UNION
    assert (docs.loc[sorted(year_only), "date_source"] == "filename").all()
    counts = docs["date_source"].value_counts().to_dict()
    assert counts == {"date_line": 51, "filename": 10, "title": 4}
    assert (docs["date"].dt.year == docs.index.str[:4].astype(int)).all()
    assert docs.loc["1945-Truman", "speaker"] == "HARRY S. TRUMAN"
    assert docs.loc["1989-Bush", "speaker"] == "GEORGE H.W. BUSH"


def test_inaugural_year_from_file_name(inaugural_dir):
    docs = _read_quietly(inaugural_dir)
    assert len(docs) == 59
    assert (docs["date_source"] == "filename").all()
    assert (docs["date_precision"] == "year").all()
    years = docs["doc_id"].str[:4].astype(int)
    assert (docs["date"] == pd.to_datetime(years.astype(str) + "-01-01")).all()
    first = docs.set_index("doc_id").loc["1789-Washington"]
    assert first["date"] == pd.Timestamp("1789-01-01")
    assert first["title"] is None  # "Fellow-Citizens of the Senate ...:" is a salutation


# --- one parser at a time, on literal strings --------------------------------------------
def test_parse_header():
    found = parse_header(" date 2018-07-20 BEIJING (XINHUA) - China's Foreign Ministry has ...")
    assert found == {
        "date": DateCandidate(2018, 7, 20, "header"),
        "place": "BEIJING",
        "source": "XINHUA",
    }
    assert parse_header("dated 2018-07-20 nothing") is None
    assert parse_header("date 2018-02-30 BEIJING (XINHUA) - x") is None  # no such day


@pytest.mark.parametrize(
    ("line", "place", "source", "date"),
    [
        ("BEIJING, July 19 (Xinhua) -- China on Thursday", "BEIJING", "Xinhua", (None, 7, 19)),
        ("WASHINGTON (Reuters) - The United States", "WASHINGTON", "Reuters", None),
        ("UNITED NATIONS, Sept. 3 (AP) — The Council", "UNITED NATIONS", "AP", (None, 9, 3)),
        ("BEIJING, Dec. 31, 2018 (Xinhua) -- x", "BEIJING", "Xinhua", (2018, 12, 31)),
        ("SAN FRANCISCO, Calif. (AP) — x", "SAN FRANCISCO, Calif.", "AP", None),
        ("  MOSCOW, March 3 (TASS) – x", "MOSCOW", "TASS", (None, 3, 3)),
    ],
)
def test_parse_dateline(line, place, source, date):
    found = parse_dateline(line)
    assert (found["place"], found["source"]) == (place, source)
    assert (found["date"][:3] if found["date"] else None) == date


@pytest.mark.parametrize(
    "line",
    ["Q: Can you (briefly) - confirm?", "Beijing (Xinhua) - lower-case place", "A: Yes.", ""],
)
def test_parse_dateline_rejects(line):
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("title", "speaker", "date"),
    [
        ("Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference on July 19, 2018",
         "Hua Chunying", (2018, 7, 19)),
        ("Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on June11, 2018",
         "Geng Shuang", (2018, 6, 11)),
        ("Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on September 10",
         "Geng Shuang", (None, 9, 10)),
        ("Foreign Ministry Spokesperson Lu Kang's Regular Press Conference on Sept. 3, 2018",
         "Lu Kang", (2018, 9, 3)),
        ("Foreign Ministry Spokesperson Lu Kang's Regular Press Conference on July 19 2018",
         "Lu Kang", (2018, 7, 19)),
        ("Foreign Ministry Spokesperson Hua Chunying's Remarks on US Remarks on Venezuela",
         "Hua Chunying", None),
        ("Hua Chunying's Remarks on US House Speaker Nancy Pelosi's Erroneous Remarks",
         "Hua Chunying", None),
        ("PRESIDENT GEORGE H.W. BUSH'S ADDRESS ON ADMINISTRATION GOALS", "GEORGE H.W. BUSH", None),
        ("PRESIDENT LYNDON B. JOHNSON'S ANNUAL MESSAGE TO THE CONGRESS", "LYNDON B. JOHNSON", None),
        ("Annual Message to the Congress on the State of the Union. January 22, 1970",
         None, (1970, 1, 22)),
        ("China's Statement on the South China Sea", None, None),  # one word: no speaker
        ("Foreign Ministry Spokesperson's Remarks", None, None),  # a role is not a name
        ("Press briefing of 19 July 2018", None, (2018, 7, 19)),
        ("Statement on February 30", None, None),  # no such day
    ],
)  # fmt: skip
def test_parse_title(title, speaker, date):
    found = parse_title(title)
    assert found["speaker"] == speaker
    assert (found["date"][:3] if found["date"] else None) == date


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("April 16, 1945", (1945, 4, 16)),
        ("February 9, 1989 ", (1989, 2, 9)),
        ("January 21, 1946. Dated January 14, 1946 ", (1946, 1, 21)),
        ("Overview and Goals.  February 2, 1973", (1973, 2, 2)),
        ("Thursday, 19 July 2018", (2018, 7, 19)),
        ("2018-07-19", (2018, 7, 19)),
        ("He spoke on April 16, 1945", None),
        ("April 16", None),  # a date line needs a year
        ("x" * 90 + " April 16, 1945", None),  # too long for a date line
    ],
)
def test_parse_date_line(line, date):
    found = parse_date_line(line)
    assert (found[:3] if found else None) == date


@pytest.mark.parametrize(
    ("stem", "date", "precision"),
    [
        ("1945-Truman", (1945, None, None), "year"),
        ("1965-Johnson-1", (1965, None, None), "year"),
        ("2018-07-19_t1578759", (2018, 7, 19), "day"),
        ("20180719_briefing", (2018, 7, 19), "day"),
        ("report_2018-07", (2018, 7, None), "month"),
        ("nodate_t1686638", None, None),
        ("t1686101", None, None),
    ],
)
def test_parse_filename_date(stem, date, precision):
    found = parse_filename_date(stem)
    assert (found[:3] if found else None) == date
    assert (found.precision if found else None) == precision


def test_first_line_title():
    assert first_line_title(["A Title", "", "Body text."]) == ("A Title", "first_line")
    assert first_line_title(["SHOUTED TITLE.", " ", "Body."]) == ("SHOUTED TITLE.", "first_line")
    assert first_line_title(["Fellow-Citizens:", "", "Body."]) is None
    assert first_line_title(["A sentence, not a title.", "", "Body."]) is None
    assert first_line_title(["No blank after", "Body."]) is None
    assert first_line_title(["Only line"]) is None
    assert first_line_title(["Title. January 22, 1970", "Body."])[0] == "Title. January 22, 1970"
    assert first_line_title(["intro", "# Heading", "x"], markdown=True) == ("Heading", "heading")


def test_resolve_date_precedence_and_refinement():
    filename = DateCandidate(1945, None, None, "filename")
    date_line = DateCandidate(1945, 4, 16, "date_line")
    assert resolve_date([date_line, filename]) == date_line
    index = DateCandidate(1945, None, None, "index.csv")
    assert resolve_date([index, date_line]) == date_line  # more precise and agrees
    other_year = DateCandidate(1946, 1, 7, "date_line")
    assert resolve_date([index, other_year]) == index  # disagrees: precedence wins
    partial = DateCandidate(None, 9, 10, "title")
    day = DateCandidate(2018, 9, 10, "filename")
    assert resolve_date([partial, day]) == DateCandidate(2018, 9, 10, "title")
    assert resolve_date([partial]) is None
    assert resolve_date([]) is None


# --- encodings --------------------------------------------------------------------------
def _utf16_be_with_bom(text: str) -> bytes:
    return b"\xfe\xff" + text.encode("utf-16-be")


def test_encodings_detected(tmp_path):
    _write(tmp_path / "cp1252.txt", "He said \u201cno\u201d \u2013 twice.".encode("cp1252"))
    _write(tmp_path / "latin1.txt", b"undefined in cp1252: \x81 caf\xe9")
    _write(tmp_path / "sig.txt", "\ufeffWith a BOM.".encode("utf-8"))
    _write(tmp_path / "u16le.txt", "UTF-16 \u201cLE\u201d\r\nline two".encode("utf-16"))
    _write(tmp_path / "u16be.txt", _utf16_be_with_bom("big end"))
    _write(tmp_path / "utf8.txt", "caf\u00e9 \u4e2d\u6587")
    docs = _read_quietly(tmp_path).set_index("doc_id")
    assert docs.loc["cp1252", "text"] == "He said \u201cno\u201d \u2013 twice."
    assert docs.loc["cp1252", "encoding"] == "cp1252"
    assert docs.loc["latin1", "encoding"] == "latin-1"
    assert docs.loc["latin1", "text"] == "undefined in cp1252: \x81 caf\u00e9"
    assert docs.loc["sig", ["text", "encoding"]].tolist() == ["With a BOM.", "utf-8-sig"]
    assert docs.loc["u16le", "text"] == "UTF-16 \u201cLE\u201d\nline two"
    assert docs.loc["u16le", "encoding"] == "utf-16"
    assert docs.loc["u16be", "text"] == "big end"
    assert docs.loc["utf8", ["text", "encoding"]].tolist() == ["caf\u00e9 \u4e2d\u6587", "utf-8"]


def test_explicit_encoding(tmp_path):
    path = _write(tmp_path / "a.txt", "\ufeffna\u00efve".encode("utf-8"))
    docs = _read_quietly(path, encoding="utf-8")
    assert docs.loc[0, "text"] == "na\u00efve"  # the BOM is not text, even when named
    assert docs.loc[0, "encoding"] == "utf-8"
    docs = _read_quietly(path, encoding="latin-1")
    assert docs.loc[0, "encoding"] == "iso8859-1"


def test_explicit_encoding_that_fails_names_the_file(tmp_path):
    _write(tmp_path / "bad.txt", b"caf\xe9")
    before = _listing(tmp_path)
    with pytest.raises(CorpusError, match=r"cannot decode '.*bad\.txt' as utf-8.*encoding=None"):
        read_corpus(tmp_path, encoding="utf-8")
    assert _listing(tmp_path) == before


def test_binary_file_skipped_with_warning(tmp_path):
    _write(tmp_path / "good.txt", "Some text.")
    _write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x00" * 500)
    with pytest.warns(AnalysisWarning, match=r"1 binary files skipped.*image\.txt"):
        docs = read_corpus(tmp_path)
    assert docs["doc_id"].tolist() == ["good"]


def test_looks_binary():
    assert looks_binary(b"a\x00" * 100)
    assert not looks_binary("utf-16 text".encode("utf-16"))  # NULs explained by the BOM
    assert not looks_binary(b"a\x00" * 100, encoding="utf-16-le")
    assert not looks_binary(b"plain text with one \x00 NUL" + b" " * 200)
    assert not looks_binary(b"")


def test_decode_bytes_chain():
    assert decode_bytes(b"abc", encoding=None, name="x") == ("abc", "utf-8")
    assert decode_bytes(b"\x93q\x94", encoding=None, name="x") == ("\u201cq\u201d", "cp1252")
    assert decode_bytes(b"\x8d", encoding=None, name="x") == ("\x8d", "latin-1")
    bom = "\ufeff".encode("utf-8")
    assert decode_bytes(bom + bom + b"x", encoding=None, name="x") == ("\ufeffx", "utf-8-sig")
    assert decode_bytes(bom + b"x", encoding="utf-8", name="x") == ("x", "utf-8")
    assert decode_bytes(bom + b"caf\xe9", encoding=None, name="x") == ("caf\u00e9", "cp1252")


def test_english_with_big5_punctuation_is_big5():
    data = b"America\xa1\xa6s priorities\xa1Xnot \xa1\xa7so\xa1\xa8 much\xa1K"
    assert decode_bytes(data, encoding=None, name="x") == ("America\u2019s priorities\u2014not \u201cso\u201d much\u2026", "big5")
    # one byte outside those pairs, and it is cp1252 after all
    assert decode_bytes(data + b" \xbd\xa2", encoding=None, name="x")[1] == "cp1252"
    assert decode_bytes(b"\xa1Viva!", encoding=None, name="x") == ("\u00a1Viva!", "cp1252")


def test_shared_speeches_with_big5_punctuation(shared_dir):
    docs = read_corpus(shared_dir / "corpora" / "state_union" / "1970-Nixon.txt")
    assert docs.loc[0, "encoding"] == "big5"
    assert "America\u2019s priorities" in docs.loc[0, "text"]
    assert "\u00a1" not in docs.loc[0, "text"]


def test_empty_file_kept_with_warning(tmp_path):
    _write(tmp_path / "empty.txt", b"")
    _write(tmp_path / "full.txt", "Text.")
    with pytest.warns(AnalysisWarning, match=r"1 empty or whitespace-only documents kept.*empty"):
        docs = read_corpus(tmp_path)
    empty = docs.set_index("doc_id").loc["empty"]
    assert (empty["text"], empty["n_chars"], empty["encoding"]) == ("", 0, "utf-8")


def test_duplicate_ids_renamed_with_warning(tmp_path):
    _write(tmp_path / "a.txt", "from txt")
    _write(tmp_path / "a.md", "from md")
    _write(tmp_path / "a-2.txt", "a real a-2")
    with pytest.warns(AnalysisWarning, match=r"1 duplicate doc ids renamed: \['a -> a-3'\]"):
        docs = read_corpus(tmp_path)
    assert docs["doc_id"].tolist() == ["a-2", "a", "a-3"]  # order: a-2.txt, a.md, a.txt
    assert docs["text"].tolist() == ["a real a-2", "from md", "from txt"]


def test_crlf_and_cr_normalised(tmp_path):
    path = _write(tmp_path / "crlf.txt", b"Title\r\n\r\nOne\rTwo\r\n")
    docs = _read_quietly(path)
    assert docs.loc[0, "text"] == "Title\n\nOne\nTwo\n"
    assert docs.loc[0, "title"] == "Title"


_TEXT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


@settings(max_examples=100, deadline=None)
@given(st.text(_TEXT_CHARS, max_size=300))
def test_text_is_the_file_content_with_newlines_normalised(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("prop")
    path = _write(folder / "doc.txt", "\ufeff" + content)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnalysisWarning)
        docs = read_corpus(path)
    expected = content.replace("\r\n", "\n").replace("\r", "\n")
    assert docs.loc[0, "text"] == expected
    assert docs.loc[0, "n_chars"] == len(expected)


# --- folders --------------------------------------------------------------------------
def test_folder_is_recursive_sorted_and_skips_hidden_and_other_files(tmp_path):
    _write(tmp_path / "b.txt", "b")
    _write(tmp_path / "sub" / "a.md", "# A heading\n\nbody")
    _write(tmp_path / "a.txt", "a")
    _write(tmp_path / ".hidden.txt", "hidden")
    _write(tmp_path / ".git" / "x.txt", "hidden")
    _write(tmp_path / "notes.pdf", b"%PDF")
    docs = _read_quietly(tmp_path)
    assert docs["doc_id"].tolist() == ["a", "b", "sub/a"]
    assert docs["path"].tolist() == [str(tmp_path / p) for p in ("a.txt", "b.txt", "sub/a.md")]
    sub = docs.iloc[2]
    assert (sub["title"], sub["title_source"]) == ("A heading", "heading")


def test_folder_mixing_text_and_tables(tmp_path):
    _write(tmp_path / "a.txt", "BEIJING, July 19 (Xinhua) -- text")
    _write(tmp_path / "b.csv", "text,url\nfirst,http://x\nsecond,\n")
    _write(tmp_path / "c.txt", "WASHINGTON (Reuters) - more")
    docs = _read_quietly(tmp_path)
    _assert_schema(docs)
    assert docs["doc_id"].tolist() == ["a", "b:0", "b:1", "c"]
    assert docs["place"].tolist() == ["BEIJING", None, None, "WASHINGTON"]
    assert docs["source_source"].tolist() == ["dateline", None, None, "dateline"]
    assert docs["path"].tolist()[1] == str(tmp_path / "b.csv")
    assert docs["url"].isna().tolist() == [True, False, True, True]  # extras: NaN when missing
    assert docs.loc[1, "url"] == "http://x"
    assert docs.loc[0, "date"] is pd.NaT  # a dateline's month-day with no year anywhere


def test_sidecar_index_csv_rules(tmp_path):
    title = "Foreign Ministry Spokesperson Lu Kang's Remarks on X"
    _write(tmp_path / "docs" / "one.txt", f"{title}\n\nA: text")
    _write(tmp_path / "docs" / "two.txt", "BEIJING, July 19 (Xinhua) -- two")
    _write(
        tmp_path / "index.csv",
        "file,date,spokesperson,title,kind,n_chars\n"
        "docs/one.txt,2018-07-19,Hua Chunying,,remarks,1\n"
        "docs/two.txt,2018,,A given title,news,2\n"
        "docs/gone.txt,2018-01-01,,,,3\n",
    )
    with pytest.warns(AnalysisWarning, match=r"index\.csv lists 1 files that are not in .*gone"):
        docs = read_corpus(tmp_path)
    docs = docs.set_index("doc_id")
    assert list(docs.index) == ["docs/one", "docs/two"]
    one, two = docs.loc["docs/one"], docs.loc["docs/two"]
    assert (one["speaker"], one["speaker_source"]) == ("Hua Chunying", "index.csv")  # not "Lu Kang"
    assert (one["title"], one["title_source"]) == (title, "first_line")
    assert (one["date"], one["date_source"]) == (pd.Timestamp("2018-07-19"), "index.csv")
    # index.csv says 2018 (year); the dateline's July 19 takes that year and refines it
    assert (two["date"], two["date_source"], two["date_precision"]) == (
        pd.Timestamp("2018-07-19"), "dateline", "day")
    assert (two["title"], two["title_source"]) == ("A given title", "index.csv")
    assert docs["kind"].tolist() == ["remarks", "news"]
    assert docs["n_chars"].tolist() == [len(t) for t in docs["text"]]  # not index.csv's


def test_nested_index_csv_overrides_the_outer_one(tmp_path):
    _write(tmp_path / "sub" / "a.txt", "text")
    _write(tmp_path / "index.csv", "file,title\nsub/a.txt,outer\n")
    _write(tmp_path / "sub" / "index.csv", "file,title\na.txt,inner\n")
    docs = _read_quietly(tmp_path)
    assert docs["title"].tolist() == ["inner"]


def test_index_csv_without_file_column_is_a_table(tmp_path):
    _write(tmp_path / "index.csv", "text,title\nhello,T\n")
    docs = _read_quietly(tmp_path)
    assert docs[["doc_id", "text", "title", "title_source"]].values.tolist() == [
        ["index:0", "hello", "T", "column"]
    ]


# --- tables and DataFrames ------------------------------------------------------------
def _table(tmp_path: Path, suffix: str, frame: pd.DataFrame) -> Path:
    path = tmp_path / f"table{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)
    return path


SOURCE_FRAME = pd.DataFrame(
    {
        "id": ["d1", "d2", "d3"],
        "body": ["First\r\ntext", "Second \u201ctext\u201d", "0042"],
        "published": ["2018-07-19", "1945", "July 4, 1976"],
        "speaker": ["Hua Chunying", None, "Lu Kang"],
        "score": [1, 2, 3],
    }
)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_table_round_trip(tmp_path, suffix):
    path = _table(tmp_path, suffix, SOURCE_FRAME)
    docs = _read_quietly(path, text_col="body", date_col="published", id_col="id")
    _assert_schema(docs)
    assert list(docs.columns) == COLUMNS + ["score"]
    assert docs["doc_id"].tolist() == ["d1", "d2", "d3"]
    assert docs["text"].tolist() == ["First\ntext", "Second \u201ctext\u201d", "0042"]
    expected = [pd.Timestamp(d) for d in ("2018-07-19", "1945-01-01", "1976-07-04")]
    assert docs["date"].tolist() == expected
    assert docs["date_precision"].tolist() == ["day", "year", "day"]
    assert docs["date_source"].tolist() == ["column"] * 3
    assert docs["speaker"].tolist() == ["Hua Chunying", None, "Lu Kang"]
    assert docs["speaker_source"].tolist() == ["column", None, "column"]
    assert docs["score"].tolist() == [1, 2, 3]
    assert docs["path"].tolist() == [str(path)] * 3
    assert docs["encoding"].tolist() == [None if suffix == ".parquet" else "utf-8"] * 3


def test_table_default_ids_and_date_column(tmp_path):
    path = _write(tmp_path / "news.csv", "text,date\nhello,2018-07-19\nworld,\n")
    docs = _read_quietly(path)
    assert docs["doc_id"].tolist() == ["news:0", "news:1"]
    assert docs["date"].tolist()[0] == pd.Timestamp("2018-07-19")
    assert pd.isna(docs["date"].tolist()[1])


def test_table_with_doc_id_column_keeps_it(tmp_path):
    frame = pd.DataFrame({"doc_id": ["x", "y"], "text": ["a", "b"]})
    assert _read_quietly(frame)["doc_id"].tolist() == ["x", "y"]


def test_unparseable_dates_warn_with_count(tmp_path):
    path = _write(tmp_path / "t.csv", "text,date\na,2018-07-19\nb,not a date\nc,soon\n")
    with pytest.warns(AnalysisWarning, match=r"2 of 3 values in column 'date' of '.*t\.csv'.*NaT"):
        docs = read_corpus(path)
    assert docs["date"].isna().tolist() == [False, True, True]


def test_date_column_formats():
    frame = pd.DataFrame(
        {
            "text": ["a", "b", "c", "d", "e"],
            "date": ["1945-04", "2018-07-19T23:30:00-05:00", "April 16, 1945", "1945", None],
        }
    )
    docs = _read_quietly(frame)
    assert docs["date"].tolist()[:4] == [
        pd.Timestamp(d) for d in ("1945-04-01", "2018-07-19", "1945-04-16", "1945-01-01")
    ]  # the date as written: no shift to UTC
    assert docs["date_precision"].tolist() == ["month", "day", "day", "year", None]
    years = _read_quietly(pd.DataFrame({"text": ["a", "b"], "date": [1945.0, np.nan]}))
    assert years["date"].tolist()[0] == pd.Timestamp("1945-01-01")
    assert years["date_precision"].tolist() == ["year", None]


def test_cp1252_csv_and_empty_tables(tmp_path):
    _write(tmp_path / "a.csv", "text,title\n\u201cquoted\u201d,T\n".encode("cp1252"))
    _write(tmp_path / "b.jsonl", b"")
    _write(tmp_path / "c.csv", b"\n")
    with pytest.warns(AnalysisWarning) as caught:
        docs = read_corpus(tmp_path)
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 2
    assert "b.jsonl' is empty; skipped" in messages[0] and "c.csv' is empty" in messages[1]
    rows = docs[["doc_id", "text", "encoding"]].values.tolist()
    assert rows == [["a:0", "\u201cquoted\u201d", "cp1252"]]


def test_dataframe_source():
    frame = pd.DataFrame(
        {
            "text": ["UNITED NATIONS, Sept. 3 (AP) \u2014 x", "y"],
            "date": pd.to_datetime(["2018-09-03", None]),
        },
        index=["first", "second"],
    )
    docs = _read_quietly(frame)
    _assert_schema(docs)
    assert docs["doc_id"].tolist() == ["first", "second"]
    assert docs["path"].tolist() == [None, None]
    assert docs["encoding"].tolist() == [None, None]
    assert docs.loc[0, "place"] == "UNITED NATIONS"
    assert docs.loc[0, "date"] == pd.Timestamp("2018-09-03")
    assert docs.loc[0, "date_source"] == "column"  # the column outranks the dateline
    assert pd.isna(docs.loc[1, "date"])
    numbered = _read_quietly(pd.DataFrame({"text": ["a", "b"]}))
    assert numbered["doc_id"].tolist() == ["0", "1"]


def test_empty_dataframe_has_the_schema():
    docs = _read_quietly(pd.DataFrame({"text": pd.Series([], dtype=object)}))
    assert list(docs.columns) == COLUMNS
    assert len(docs) == 0
    _assert_schema(docs)


def test_read_corpus_of_its_own_output_is_stable(seed_path):
    docs = _read_quietly(seed_path)
    again = _read_quietly(docs)
    assert again.loc[0, "doc_id"] == docs.loc[0, "doc_id"]
    assert again.loc[0, "date"] == docs.loc[0, "date"]
    assert again.loc[0, "text"] == docs.loc[0, "text"]


# --- errors ---------------------------------------------------------------------------
def _raises(tmp_path: Path, error, pattern: str, *args, **kwargs):
    before = _listing(tmp_path)
    with pytest.raises(error, match=pattern):
        read_corpus(*args, **kwargs)
    assert _listing(tmp_path) == before, "read_corpus wrote to disk"


def test_missing_path(tmp_path):
    pattern = r"corpus path '.*nope' does not exist; check the spelling"
    _raises(tmp_path, CorpusError, pattern, tmp_path / "nope")


def test_empty_folder(tmp_path):
    (tmp_path / "corpus").mkdir()
    _write(tmp_path / "corpus" / "readme.pdf", b"%PDF")
    _raises(
        tmp_path,
        CorpusError,
        r"no documents found in '.*corpus/'; looked for \*\.txt, \*\.md, \*\.csv, \*\.tsv, "
        r"\*\.jsonl, \*\.parquet",
        tmp_path / "corpus",
    )


def test_folder_with_only_an_index_csv_has_no_documents(tmp_path):
    _write(tmp_path / "index.csv", "file,title\na.txt,A\n")
    _raises(tmp_path, CorpusError, "no documents found", tmp_path)


def test_unsupported_extension(tmp_path):
    path = _write(tmp_path / "speech.docx", b"PK")
    pattern = r"unsupported file type '\.docx'.*\.txt, \.md, \.csv, \.tsv, \.jsonl, \.parquet"
    _raises(tmp_path, CorpusError, pattern, path)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_table_without_text_column(tmp_path, suffix):
    path = _table(tmp_path, suffix, pd.DataFrame({"body": ["x"], "when": ["2018"]}))
    pattern = r"has no text column 'text'; its columns are \['body', 'when'\]; pass text_col='body'"
    _raises(tmp_path, CorpusError, pattern, path)


def test_dataframe_without_text_column(tmp_path):
    pattern = r"the DataFrame has no text column 'text'.*\['words'\].*text_col="
    _raises(tmp_path, CorpusError, pattern, pd.DataFrame({"words": ["x"]}))


def test_index_csv_read_directly_says_to_pass_the_folder(mfa_dir, tmp_path):
    pattern = r"no text column.*pass its folder instead"
    _raises(tmp_path, CorpusError, pattern, mfa_dir / "index.csv")


def test_named_columns_that_are_missing(tmp_path):
    path = _write(tmp_path / "t.csv", "text,when\nx,2018\n")
    pattern = r"no date column 'published'.*\['text', 'when'\].*date_col=None"
    _raises(tmp_path, CorpusError, pattern, path, date_col="published")
    _raises(tmp_path, CorpusError, r"no id column 'key'.*id_col=None", path, id_col="key")
    assert _read_quietly(path, date_col=None)["date"].isna().all()


def test_malformed_csv(tmp_path):
    path = _write(tmp_path / "bad.csv", 'text,title\n"unclosed,quote\nx,y,z,w\n')
    _raises(tmp_path, CorpusError, r"cannot parse '.*bad\.csv' as CSV: .*check its quoting", path)


def test_malformed_jsonl_names_the_line(tmp_path):
    path = _write(tmp_path / "bad.jsonl", '{"text": "ok"}\n\n{"text": oops}\n')
    _raises(tmp_path, CorpusError, r"'.*bad\.jsonl' line 3 is not valid JSON", path)
    path = _write(tmp_path / "list.jsonl", '["not", "an", "object"]\n')
    _raises(tmp_path, CorpusError, r"line 1 holds a JSON list, not an object", path)


def test_corrupt_parquet(tmp_path):
    path = _write(tmp_path / "bad.parquet", b"PAR1 not really")
    _raises(tmp_path, CorpusError, r"cannot read '.*bad\.parquet' as Parquet", path)


def test_non_text_values_in_the_text_column(tmp_path):
    pattern = r"column 'text' of the DataFrame holds a int in row 1"
    _raises(tmp_path, CorpusError, pattern, pd.DataFrame({"text": ["a", 5]}))


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"source": 42}, r"source must be a path .* or a pandas DataFrame, not int"),
        ({"source": b"bytes/path"}, r"source must be a path"),
        ({"source": ""}, r"source is an empty string"),
        ({"source": "x", "text_col": 3}, r"text_col must be a column name, not 3"),
        ({"source": "x", "text_col": None}, r"text_col must be a column name, not None"),
        ({"source": "x", "text_col": ""}, r"text_col must be a column name, not ''"),
        ({"source": "x", "date_col": ["date"]}, r"date_col must be a column name or None"),
        ({"source": "x", "id_col": 0}, r"id_col must be a column name or None"),
        ({"source": "x", "encoding": 8}, r"encoding must be a string such as 'utf-8' or None"),
        ({"source": "x", "encoding": "klingon"}, r"encoding 'klingon' is not a codec Python knows"),
        ({"source": "x", "encoding": "base64"}, r"encoding 'base64' is not a text encoding"),
    ],
)
def test_bad_arguments(tmp_path, kwargs, pattern):
    source = kwargs.pop("source")
    _raises(tmp_path, ParameterError, pattern, source, **kwargs)


def test_errors_are_one_family():
    assert issubclass(CorpusError, Exception) and issubclass(ParameterError, ValueError)
    from analysis.errors import AnalysisError

    assert issubclass(CorpusError, AnalysisError) and issubclass(ParameterError, AnalysisError)


# --- speed ----------------------------------------------------------------------------
def test_only_the_head_is_parsed(tmp_path):
    """A date line deep in a long text is not metadata; reading stays fast."""
    body = ("word " * 200 + "\n") * 2000  # ~2 MB
    path = _write(tmp_path / "long.txt", body + "April 16, 1945\n")
    docs = _read_quietly(path)
    assert pd.isna(docs.loc[0, "date"])
    assert docs.loc[0, "n_chars"] == len(body) + len("April 16, 1945\n")


def test_folder_readme_is_documentation_not_a_document(tmp_path):
    (tmp_path / "README.md").write_text("# About this corpus\n\nProvenance notes.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "readme.txt").write_text("notes\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A document.\n", encoding="utf-8")
    docs = read_corpus(tmp_path)
    assert list(docs["doc_id"]) == ["a"]
    # named directly, a README is read like any other file
    assert list(read_corpus(tmp_path / "README.md")["doc_id"]) == ["README"]


def test_seeds_folder_is_exactly_the_seed(seed_path):
    docs = read_corpus(seed_path.parent)
    assert list(docs["doc_id"]) == [seed_path.stem]
