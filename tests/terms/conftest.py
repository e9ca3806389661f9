"""Fixtures for the tests of ``analysis.terms``: hand-built token tables, the seed, MFA 2018.

Golden tests build their token tables by hand with :func:`hand_tokens`, so
their arithmetic does not depend on the tokenizer or the stopword list; the
seed and corpus tests use the real ``read_corpus`` and ``token_table``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import analysis

#: the stopwords of hand-built tables
HAND_STOPWORDS = frozenset({"the", "of", "and", "a", "to", "is"})


def build_tokens(docs: dict[str, list[str]], *, categorical: bool = False) -> pd.DataFrame:
    """A token table from ``{doc_id: [sentence, ...]}``, tokens separated by spaces.

    A token without a letter or digit is punctuation; ``norm`` is the lowercased
    token; ``start``/``end`` index the sentences joined by single spaces.
    """
    rows = []
    for doc_id, sentences in docs.items():
        token_id, offset = 0, 0
        for sent_id, sentence in enumerate(sentences):
            for token in sentence.split():
                rows.append({
                    "doc_id": doc_id, "sent_id": sent_id, "token_id": token_id,
                    "start": offset, "end": offset + len(token), "token": token,
                    "norm": token.lower(), "is_stop": token.lower() in HAND_STOPWORDS,
                    "is_punct": not any(ch.isalnum() for ch in token), "stem": token.lower(),
                })
                token_id += 1
                offset += len(token) + 1
    columns = ["doc_id", "sent_id", "token_id", "start", "end", "token", "norm", "is_stop", "is_punct",
               "stem"]
    table = pd.DataFrame(rows, columns=columns).astype(
        {"sent_id": "int64", "token_id": "int64", "start": "int64", "end": "int64",
         "is_stop": bool, "is_punct": bool}
    )
    if categorical:
        table = table.astype({c: "category" for c in ("doc_id", "token", "norm", "stem")})
    return table


def build_docs(docs: dict[str, list[str]]) -> pd.DataFrame:
    """The docs table matching :func:`build_tokens` (sentences joined by spaces)."""
    return pd.DataFrame({"doc_id": list(docs), "text": [" ".join(s) for s in docs.values()]})


@pytest.fixture(scope="session")
def hand_tokens():
    """The :func:`build_tokens` builder."""
    return build_tokens


@pytest.fixture(scope="session")
def hand_stopwords() -> frozenset[str]:
    """The stopwords (``is_stop``) of :func:`build_tokens` tables."""
    return HAND_STOPWORDS


@pytest.fixture(scope="session")
def hand_docs():
    """The :func:`build_docs` builder."""
    return build_docs


@pytest.fixture(scope="session")
def seed_docs(seed_path: Path) -> pd.DataFrame:
    return analysis.read_corpus(seed_path)


@pytest.fixture(scope="session")
def seed_tokens(seed_docs: pd.DataFrame) -> pd.DataFrame:
    return analysis.token_table(seed_docs)


@pytest.fixture(scope="session")
def mfa_docs(mfa_dir: Path) -> pd.DataFrame:
    return analysis.read_corpus(mfa_dir)


@pytest.fixture(scope="session")
def mfa_tokens(mfa_docs: pd.DataFrame) -> pd.DataFrame:
    return analysis.token_table(mfa_docs)
