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
from analysis.errors import AnalysisWarning


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
