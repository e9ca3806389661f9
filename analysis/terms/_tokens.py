"""Token tables as integer arrays, and the checks every terms function shares.

Private helper. :func:`token_arrays` checks a token table once and turns it
into numpy arrays: one integer code per token for the chosen ``unit`` (the
vocabulary is factorised once, so later counting never touches strings),
document codes, the word/stopword masks and the links between neighbouring
tokens. :func:`resolve_groups` maps ``by=`` to one group code per token.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis._tokenize import normalize
from analysis.errors import AnalysisWarning, CorpusError, ParameterError

UNITS = ("norm", "token", "stem")
PERIODS = ("D", "W", "M", "Q", "Y")
REQUIRED = ("doc_id", "sent_id", "token_id", "is_stop", "is_punct")
MAX_NGRAM = 5


def check_choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise :class:`ParameterError`."""
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ParameterError(f"{name}={value!r} is not allowed; use one of {choices}")
    return value


def check_count(name: str, value: Any, *, minimum: int = 1) -> int:
    """Return ``value`` if it is an int >= ``minimum``, else raise :class:`ParameterError`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ParameterError(f"{name}={value!r} must be an integer >= {minimum}")
    return int(value)


def check_flag(name: str, value: Any) -> bool:
    """Return ``value`` if it is a bool, else raise :class:`ParameterError`."""
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterError(f"{name}={value!r} must be True or False")
    return bool(value)


def check_ngram(ngram: Any) -> tuple[int, ...]:
    """The n-gram orders asked for: ``2`` -> ``(2,)``, ``(1, 3)`` -> ``(1, 2, 3)``."""
    if isinstance(ngram, tuple) and len(ngram) == 2:
        low, high = ngram
    else:
        low = high = ngram
    ok = all(
        isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 1 <= v <= MAX_NGRAM
        for v in (low, high)
    )
    if not ok or low > high:
        raise ParameterError(
            f"ngram={ngram!r} is not allowed; use an integer from 1 to {MAX_NGRAM} "
            f"or a (low, high) tuple such as (1, 3)"
        )
    return tuple(range(int(low), int(high) + 1))


def normalise(text: str, unit: str) -> str:
    """Put a user's query word in the form of the ``unit`` column (``norm`` as token_table makes it)."""
    return normalize(text) if unit == "norm" else text


def check_table(table: Any, name: str, columns: tuple[str, ...], *, hint: str) -> pd.DataFrame:
    """Raise :class:`CorpusError` unless ``table`` is a DataFrame with ``columns``."""
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"{name} must be a pandas DataFrame ({hint}), not {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise CorpusError(
            f"{name} lacks column(s) {', '.join(map(repr, missing))}; {hint}"
        )
    return table


def encode(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for missing) and the values they stand for (object array).

    The codes keep the smallest integer type that holds them (a categorical
    column's codes are used as they are, without a copy); cast before arithmetic.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories.to_numpy(dtype=object)
    codes, uniques = pd.factorize(column)
    return codes.astype(np.int32 if len(uniques) < 2**31 else np.int64), np.asarray(uniques, dtype=object)


def _integers(tokens: pd.DataFrame, column: str, name: str) -> np.ndarray:
    values = tokens[column].to_numpy()
    if values.dtype.kind not in "iu":
        try:
            values = values.astype(np.int64)
        except (TypeError, ValueError):
            raise CorpusError(f"{name}.{column} must hold integers, without missing values; "
                              + TOKENS_HINT) from None
    return values


@dataclass(frozen=True)
class TokenArrays:
    """A token table as arrays (one entry per token row, in the table's order)."""

    codes: np.ndarray  #: integer code of the unit (norm/token/stem); -1 when missing
    vocab: np.ndarray  #: object array, ``vocab[code]`` is the unit string
    doc: np.ndarray  #: integer document code (codes use the smallest integer type: cast before arithmetic)
    doc_ids: np.ndarray  #: object array, ``doc_ids[doc]`` is the doc_id
    word: np.ndarray  #: bool, a word token (not punctuation, has a unit value)
    stop: np.ndarray  #: bool, a stopword
    adjacent: np.ndarray  #: bool, len n-1: row i+1 follows row i in the same document
    link: np.ndarray  #: bool, len n-1: adjacent and in the same sentence

    @property
    def n_words(self) -> int:
        return int(self.word.sum())

    def lookup(self, term: str) -> int:
        """Code of ``term`` in the vocabulary, or -1."""
        hits = np.flatnonzero(self.vocab == term)
        return int(hits[0]) if len(hits) else -1


TOKENS_HINT = "pass the table made by analysis.token_table(docs)"


def token_arrays(tokens: Any, *, unit: str, name: str = "tokens") -> TokenArrays:
    """Check ``tokens`` and return it as :class:`TokenArrays` (see module docstring)."""
    check_choice("unit", unit, UNITS)
    check_table(tokens, name, REQUIRED + (unit,), hint=TOKENS_HINT)
    codes, vocab = encode(tokens[unit])
    doc, doc_ids = encode(tokens["doc_id"])
    if (doc < 0).any():
        raise CorpusError(f"{name} has rows without a doc_id; " + TOKENS_HINT)
    sent, tid = _integers(tokens, "sent_id", name), _integers(tokens, "token_id", name)
    try:
        word = ~tokens["is_punct"].to_numpy(dtype=bool) & (codes >= 0)
        stop = tokens["is_stop"].to_numpy(dtype=bool)
    except (TypeError, ValueError):
        raise CorpusError(f"{name}.is_stop and .is_punct must hold booleans; " + TOKENS_HINT) from None
    adjacent = (doc[1:] == doc[:-1]) & (tid[1:] - tid[:-1] == 1)
    link = adjacent & (sent[1:] == sent[:-1])
    return TokenArrays(codes, vocab, doc, doc_ids, word, stop, adjacent, link)


def _by_column(by: str) -> tuple[str, str | None]:
    """``"speaker"`` -> ``("speaker", None)``; ``"date:M"`` -> ``("date", "M")``."""
    if not isinstance(by, str) or not by:
        raise ParameterError(f"by={by!r} must be a column name such as 'doc_id' or 'date:M'")
    column, colon, freq = by.partition(":")
    if not colon:
        return by, None
    if freq not in PERIODS:
        choices = ", ".join(f"'{column}:{p}'" for p in PERIODS)
        raise ParameterError(f"by={by!r} has an unknown period; use one of {choices}")
    return column, freq


def resolve_groups(
    tokens: pd.DataFrame, arrays: TokenArrays, by: str | None, docs: pd.DataFrame | None
) -> tuple[np.ndarray | None, pd.Index, np.ndarray | None]:
    """Group code per token row (-1: no value), the sorted group values, and per-document codes.

    The per-row codes are int32 when they come from documents (cast before arithmetic).

    ``by=None`` gives ``(None, Index([None]), None)``: one group.
    ``by`` names a token-table column (``doc_id``, or one added by the user), else a
    column of ``docs`` joined on ``doc_id``; ``"column:F"`` turns a date column into
    pandas periods of frequency F. The third item maps document code -> group code
    when the group is a property of the document (``None`` when it varies by token).
    """
    if by is None:
        return None, pd.Index([None]), None
    column, freq = _by_column(by)
    if column == "doc_id":
        values, per_doc = arrays.doc_ids, True
    elif column in tokens.columns:
        values, per_doc = tokens[column], False
    elif docs is None:
        raise ParameterError(
            f"by={by!r} needs docs=: the token table has no {column!r} column, only doc_id; "
            f"pass docs=read_corpus(...) to join document metadata"
        )
    else:
        check_table(docs, "docs", ("doc_id",), hint="pass the table made by analysis.read_corpus")
        if column not in docs.columns:
            raise ParameterError(
                f"by={by!r} names no column of the token table or of docs; "
                f"docs has {', '.join(map(str, docs.columns))}"
            )
        if docs["doc_id"].duplicated().any():
            raise CorpusError("docs has duplicate doc_id values; each document needs one row")
        values, per_doc = docs.set_index("doc_id")[column].reindex(arrays.doc_ids), True
    if freq is not None:
        values = pd.to_datetime(pd.Series(values), errors="coerce").dt.to_period(freq)
    group, uniques = pd.factorize(pd.Series(values), sort=True)
    group = group.astype(np.int64)
    row_group = group.astype(np.int32)[arrays.doc] if per_doc else group
    missing = (row_group < 0) & arrays.word
    if missing.any():
        n_docs = len(np.unique(arrays.doc[missing]))
        warnings.warn(
            f"{int(missing.sum())} word tokens in {n_docs} document(s) have no {by!r} value; "
            "they are left out of the table",
            AnalysisWarning,
            stacklevel=4,  # resolve_groups < _counts < term_table < the caller
        )
    return row_group, pd.Index(uniques), (group if per_doc else None)
