"""read_corpus on real-world odd files: links, lock files, mixed and UTF-32 encodings, ids.

Regression tests for the review of odd input (session 6); each names what
happened before its fix.
"""

from __future__ import annotations

import codecs
import os
import time
import warnings

import pytest

from analysis._decode import decode_bytes, looks_binary
from analysis.corpus import read_corpus
from analysis.errors import AnalysisWarning, CorpusError


def _quiet(source, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnalysisWarning)
        return read_corpus(source, **kwargs)


needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs POSIX symlinks")


@needs_symlinks
def test_broken_link_is_skipped_with_a_warning(tmp_path):
    # was: CorpusError "cannot read '.../broken.txt': No such file or directory; check its permissions"
    (tmp_path / "a.txt").write_text("A doc.")
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    with pytest.warns(AnalysisWarning, match=r"1 broken symbolic links skipped: \['broken.txt'\]"):
        docs = read_corpus(tmp_path)
    assert docs.doc_id.tolist() == ["a"]


@needs_symlinks
def test_links_to_files_are_read_and_links_to_folders_not_followed(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (corpus / "in.txt").write_text("Inside.")
    (outside / "o.txt").write_text("Outside.")
    os.symlink(outside / "o.txt", corpus / "link.txt")
    os.symlink(outside, corpus / "linked_folder")
    os.symlink(corpus, corpus / "loop")  # would never end if followed
    docs = _quiet(corpus)
    assert docs.doc_id.tolist() == ["in", "link"]
    assert docs.text.tolist() == ["Inside.", "Outside."]


def test_office_lock_files_are_not_documents(tmp_path):
    # was: '~$report.txt' (Word's lock file) read as a document
    (tmp_path / "report.txt").write_text("The report.")
    (tmp_path / "~$report.txt").write_bytes(b"\x05user")
    assert _quiet(tmp_path).doc_id.tolist() == ["report"]


def test_file_names_with_spaces_and_unicode_make_ids(tmp_path):
    (tmp_path / "sub dir").mkdir()
    (tmp_path / "sub dir" / "my fïle 北京.txt").write_text("Text.")
    assert _quiet(tmp_path).doc_id.tolist() == ["sub dir/my fïle 北京"]


def test_numeric_looking_doc_ids_of_a_csv_keep_their_zeros(tmp_path):
    # was: '001' -> '1'
    (tmp_path / "t.csv").write_text("doc_id,text\n001,Hello.\n010,Hi.\n")
    assert _quiet(tmp_path / "t.csv").doc_id.tolist() == ["001", "010"]


@pytest.mark.parametrize("bom_codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_a_byte_order_mark(tmp_path, bom_codec):
    # was: decoded as UTF-16 (the LE mark starts like UTF-16's), text full of NULs
    data = codecs.BOM_UTF32_BE + "Hello “world”.".encode("utf-32-be") if bom_codec == "utf-32-be" else (
        ("Hello “world”.".encode("utf-32")) if bom_codec == "utf-32" else codecs.BOM_UTF32_LE + "Hello “world”.".encode("utf-32-le")
    )
    (tmp_path / "u.txt").write_bytes(data)
    docs = _quiet(tmp_path / "u.txt")
    assert docs.text.tolist() == ["Hello “world”."] and docs.encoding.tolist() == ["utf-32"]
    assert not looks_binary(data)


def test_utf8_with_stray_cp1252_bytes(tmp_path):
    # was: the whole file read as latin-1, curly quotes shown as 'â\x80\x9c'
    (tmp_path / "m.txt").write_bytes(b"Caf\xe9 and \xe2\x80\x9cquotes\xe2\x80\x9d \x96 more.")
    docs = _quiet(tmp_path / "m.txt")
    assert docs.text.tolist() == ["Café and “quotes” – more."]
    assert docs.encoding.tolist() == ["utf-8+cp1252"]


@pytest.mark.parametrize(
    "data, text, codec",
    [
        (b"Caf\xe9 \x93quoted\x94", "Café “quoted”", "cp1252"),  # no UTF-8 sequence at all
        ("plain “utf-8”".encode(), "plain “utf-8”", "utf-8"),
        (b"\xc3\xa9 \xe9\xe9\xe9", "Ã© ééé", "cp1252"),  # more stray bytes than sequences
    ],
)
def test_mixed_detection_needs_more_utf8_than_stray_bytes(data, text, codec):
    assert decode_bytes(data, encoding=None, name="x") == (text, codec)


def test_20_mb_single_line_file_is_read_quickly(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"word " * 4_000_000)
    started = time.process_time()
    docs = _quiet(tmp_path / "big.txt")
    assert docs.n_chars.tolist() == [20_000_000]
    assert time.process_time() - started < 5


def test_a_dataframe_text_starting_with_a_byte_order_mark_loses_it():
    # was: '\ufeffLine a.' kept, a U+FEFF token in token_table
    import pandas as pd

    docs = read_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["\ufeffLine a.\r\nLine b."]}))
    assert docs.text.tolist() == ["Line a.\nLine b."] and docs.n_chars.tolist() == [15]


# --- index.csv as users write it in a spreadsheet (review round 2) -----------------------
def _folder(tmp_path, index: str, files=("a", "b")):
    (tmp_path / "docs").mkdir()
    for name in files:
        (tmp_path / "docs" / f"{name}.txt").write_text(f"Text {name}.")
    (tmp_path / "index.csv").write_text(index)
    return tmp_path


@pytest.mark.parametrize("header", ["File,Date,Title", "FILE,DATE,TITLE", " file , date ,Title "])
def test_index_csv_column_names_ignore_case_and_spaces(tmp_path, header):
    # was: CorpusError "has no text column 'text'" (index.csv taken for a table)
    _folder(tmp_path, f"{header}\ndocs/a.txt,2018-01-02,A\ndocs/b.txt,2018-02-03,B\n")
    docs = read_corpus(tmp_path)
    assert docs[["doc_id", "title", "title_source", "date_source"]].values.tolist() == [
        ["docs/a", "A", "index.csv", "index.csv"],
        ["docs/b", "B", "index.csv", "index.csv"],
    ]
    assert docs.date.dt.strftime("%Y-%m-%d").tolist() == ["2018-01-02", "2018-02-03"]


def test_index_csv_other_columns_lose_their_outer_spaces_only(tmp_path):
    _folder(tmp_path, "file, URL ,Kind\ndocs/a.txt,http://a,x\n", files=("a",))
    assert _quiet(tmp_path)[["URL", "Kind"]].values.tolist() == [["http://a", "x"]]


def test_index_csv_columns_that_are_one_column_are_refused(tmp_path):
    _folder(tmp_path, "file,File\ndocs/a.txt,docs/b.txt\n")
    with pytest.raises(CorpusError, match=r"has columns 'file' and 'File', which are one column"):
        read_corpus(tmp_path)


def test_index_csv_file_listed_twice_alike_is_kept_once_with_a_warning(tmp_path):
    # was: the last row won silently
    _folder(tmp_path, "file,date,title\ndocs/a.txt,2018-01-02,A\ndocs/b.txt,2018-02-03,B\n"
                      "./docs/a.txt,2018-01-02, A \n")  # fmt: skip
    with pytest.warns(AnalysisWarning, match=r"lists 1 files more than once, with the same metadata: "
                                             r"'docs/a.txt' \(lines 2 and 4\); the repeats were ignored"):
        docs = read_corpus(tmp_path)
    assert docs.title.tolist() == ["A", "B"]


def test_index_csv_file_listed_twice_with_different_metadata_is_an_error(tmp_path):
    # was: the last row won silently; which one is right is the analyst's call
    _folder(tmp_path, "file,date,title\ndocs/a.txt,2018-01-02,A\ndocs/b.txt,2018-02-03,B\n"
                      "docs/a.txt,2018-01-03,A\n")  # fmt: skip
    with pytest.raises(CorpusError, match=r"index\.csv' lists 'docs/a\.txt' more than once with different "
                                          r"metadata \(lines 2 and 4 differ in \['date'\]\); delete the wrong row"):
        read_corpus(tmp_path)


def test_index_csv_blank_rows_are_skipped_without_a_false_warning(tmp_path):
    # was: "index.csv lists 1 files that are not in the folder: ['nan']"
    _folder(tmp_path, "file,date,title\ndocs/a.txt,2018-01-02,A\n,,\n\n , ,\ndocs/b.txt,2018-02-03,B\n,,\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", AnalysisWarning)
        docs = read_corpus(tmp_path)
    assert docs.title.tolist() == ["A", "B"]


def test_index_csv_row_with_metadata_but_no_file_warns(tmp_path):
    _folder(tmp_path, "file,date,title\ndocs/a.txt,2018-01-02,A\n,2018-03-04,Lost\ndocs/b.txt,,B\n")
    with pytest.warns(AnalysisWarning, match=r"has 1 rows without a file, skipped \(line 3\)"):
        docs = read_corpus(tmp_path)
    assert docs.title.tolist() == ["A", "B"]


@pytest.mark.parametrize("bad_line", [2, 3])
def test_a_row_with_an_extra_field_names_its_line(tmp_path, bad_line):
    # was (line 2): columns shifted, the date read as a missing file, a bad-date warning
    rows = ["docs/a.txt,2018-01-02,A", "docs/b.txt,2018-02-03,B"]
    rows[bad_line - 2] = "docs/a.txt,Hua, Chunying,2018-01-02"
    _folder(tmp_path, "file,speaker,date\n" + "\n".join(rows) + "\n")
    pattern = (rf"index\.csv' line {bad_line} has 4 fields but the header has 3: a field holding the "
               r"delimiter ',' shifts the columns after it; put that field in double quotes")
    with pytest.raises(CorpusError, match=pattern):
        read_corpus(tmp_path)


def test_a_corpus_table_row_with_an_extra_field_names_its_line(tmp_path):
    (tmp_path / "t.csv").write_text('text,title\n"A text, quoted",T\nAn unquoted, text,T\n')
    with pytest.raises(CorpusError, match=r"t\.csv' line 3 has 3 fields but the header has 2"):
        read_corpus(tmp_path / "t.csv")


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated_csv_are_sniffed(tmp_path, sep):
    # was: read as one column, then "has no text column 'text'"
    (tmp_path / "t.csv").write_text(f"doc_id{sep}date{sep}text\n001{sep}2018-01-02{sep}Hello, world.\n"
                                    f'002{sep}2018-01-03{sep}"Say ""hi""{sep} then go."\n', encoding="cp1252")  # fmt: skip
    docs = read_corpus(tmp_path / "t.csv")
    assert docs[["doc_id", "text"]].values.tolist() == [["001", "Hello, world."], ["002", f'Say "hi"{sep} then go.']]
    assert docs.date.notna().all()


def test_semicolon_separated_index_csv(tmp_path):
    _folder(tmp_path, "File;Date;Title\ndocs/a.txt;2018-01-02;A, first\ndocs/b.txt;2018-02-03;B\n")
    assert read_corpus(tmp_path).title.tolist() == ["A, first", "B"]


def test_a_folder_of_binary_files_is_an_error_naming_them(tmp_path):
    # was: 0 documents, a warning, and a report with "status ok"
    (tmp_path / "a.txt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "b.txt").write_bytes(b"MZ\x00\x00" * 100)
    (tmp_path / "c.csv").write_text("  \n")
    pattern = (r"no documents read from '.*': every file was skipped \(2 binary \(more than 1% NUL bytes\): "
               r"\['.*a\.txt', '.*b\.txt'\]; '.*c\.csv' is empty\); if one is UTF-16 text")
    with pytest.raises(CorpusError, match=pattern):
        read_corpus(tmp_path)
    with pytest.raises(CorpusError, match=r"every file was skipped \(1 binary"):
        read_corpus(tmp_path / "a.txt")


def test_a_folder_with_one_readable_file_among_binary_ones_still_reads(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "b.txt").write_text("Text.")
    with pytest.warns(AnalysisWarning, match="1 binary files skipped"):
        assert read_corpus(tmp_path).doc_id.tolist() == ["b"]
