"""Score functions on arrays of counts: association and keyness statistics.

Each function takes numpy arrays (or scalars) of frequencies and returns
float64 arrays; none of them counts anything. A 2x2 contingency table is
written ``o11, o12, o21, o22`` (row 1 = the term or first word, column 1 =
the target corpus or second word), as in Evert (2008).

References
----------
- Dunning, T. (1993). Accurate methods for the statistics of surprise and
  coincidence. *Computational Linguistics* 19(1).
- Rayson, P. & Garside, R. (2000). Comparing corpora using frequency
  profiling. *Workshop on Comparing Corpora*, ACL.
- Hardie, A. (2014). Log Ratio: an informal introduction. CASS, Lancaster.
- Gabrielatos, C. & Marchi, A. (2012). Keyness: appropriate metrics and
  practical issues. *CADS International Conference*, Bologna.
- Church, K. & Hanks, P. (1990). Word association norms, mutual information
  and lexicography. *Computational Linguistics* 16(1).
- Church, K., Gale, W., Hanks, P. & Hindle, D. (1991). Using statistics in
  lexical analysis (the t-score).
- Rychly, P. (2008). A lexicographer-friendly association score. *RASLAN*.
- Evert, S. (2008). Corpora and collocations. In *Corpus Linguistics: An
  International Handbook*, art. 58.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "chi2_p",
    "expected_2x2",
    "fisher_p",
    "g2",
    "g2_rayson",
    "log_dice",
    "log_ratio",
    "pct_diff",
    "pmi",
    "t_score",
]

#: z for a two-sided 95% interval
Z95 = 1.959963984540054


def _f(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _olog(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``o * ln(o / e)``, with ``0 * ln 0 = 0``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(o / e), 0.0)


def expected_2x2(o11, o12, o21, o22) -> tuple[np.ndarray, ...]:
    """Expected frequencies ``e_ij = row_i * col_j / N`` of a 2x2 table."""
    o11, o12, o21, o22 = map(_f, (o11, o12, o21, o22))
    n = o11 + o12 + o21 + o22
    r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
    return r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n


def g2(o11, o12, o21, o22) -> np.ndarray:
    """Log-likelihood ratio G2 over the full 2x2 table (Dunning 1993).

    ``G2 = 2 * sum_ij o_ij * ln(o_ij / e_ij)`` over all four cells. This is
    NLTK's ``BigramAssocMeasures.likelihood_ratio`` and a chi-squared statistic
    with one degree of freedom.
    """
    obs = tuple(map(_f, (o11, o12, o21, o22)))
    return 2 * sum(_olog(o, e) for o, e in zip(obs, expected_2x2(*obs), strict=True))


def g2_rayson(a, b, n_a, n_b) -> np.ndarray:
    """Rayson & Garside's (2000) two-cell G2 for keyness.

    ``G2 = 2 * (a ln(a / E1) + b ln(b / E2))`` with ``E1 = n_a (a + b) / (n_a + n_b)``
    and ``E2 = n_b (a + b) / (n_a + n_b)``: the term's own cells only, which gives
    slightly smaller values than :func:`g2` (the form of the UCREL calculator).
    """
    a, b, n_a, n_b = map(_f, (a, b, n_a, n_b))
    total = n_a + n_b
    return 2 * (_olog(a, n_a * (a + b) / total) + _olog(b, n_b * (a + b) / total))


def chi2_p(stat) -> np.ndarray:
    """Upper-tail p of a chi-squared statistic with 1 df: ``erfc(sqrt(stat / 2))``."""
    stat = np.maximum(_f(stat), 0.0)
    return _f(np.vectorize(math.erfc, otypes=[np.float64])(np.sqrt(stat / 2)))


def _lchoose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _fisher_one(a: int, b: int, c: int, d: int) -> float:
    k, n, total = a + b, a + c, a + b + c + d  # term total, target size, table total
    low, high = max(0, k + n - total), min(k, n)
    x = np.arange(low, high, dtype=np.float64)
    # log pmf(x + 1) - log pmf(x) of the hypergeometric, accumulated from x = low
    steps = np.log((k - x) * (n - x)) - np.log((x + 1) * (total - k - n + x + 1))
    log_pmf = np.concatenate(([0.0], np.cumsum(steps)))
    relative = log_pmf - log_pmf[a - low]  # log pmf(x) / pmf(a)
    p_obs = math.exp(_lchoose(k, a) + _lchoose(total - k, n - a) - _lchoose(total, n))
    mass = np.exp(relative[relative <= math.log1p(1e-7)]).sum()
    return min(1.0, p_obs * mass)


def fisher_p(o11, o12, o21, o22) -> np.ndarray:
    """Two-sided p of Fisher's exact test for each 2x2 table.

    The sum of the hypergeometric probabilities of every table (same margins)
    no more probable than the observed one, with R's relative tolerance of
    1e-7 for ties. Probabilities are taken relative to the observed table
    (products of pmf ratios), and ``pmf(observed)`` from ``math.lgamma``.
    """
    cells = [np.atleast_1d(np.asarray(o, dtype=np.int64)) for o in (o11, o12, o21, o22)]
    out = [_fisher_one(*map(int, row)) for row in zip(*cells, strict=True)]
    return np.asarray(out, dtype=np.float64)


def log_ratio(a, b, n_a, n_b) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hardie's (2014) Log Ratio with a 95% confidence interval.

    ``LR = log2((a' / n_a) / (b' / n_b))`` where a zero count is replaced by
    0.5 (``a' = max(a, 0.5)``), and the interval ``LR -+ 1.96 * sqrt(1/a' + 1/b') / ln 2``:
    the standard error of a log rate ratio on the natural-log scale, converted
    to log2 (as in Hardie's CQPweb).

    Returns
    -------
    tuple of arrays
        ``(log_ratio, ci_low, ci_high)``.
    """
    a = np.where(_f(a) > 0, _f(a), 0.5)
    b = np.where(_f(b) > 0, _f(b), 0.5)
    lr = np.log2((a / _f(n_a)) / (b / _f(n_b)))
    half = Z95 * np.sqrt(1 / a + 1 / b) / math.log(2)
    return lr, lr - half, lr + half


def pct_diff(a, b, n_a, n_b) -> np.ndarray:
    """Gabrielatos & Marchi's (2012) %DIFF: ``(nf_a - nf_b) * 100 / nf_b``.

    ``nf`` are normalised frequencies (``a / n_a``); the normalising base
    cancels out. When ``nf_b`` is 0 the result is ``+inf`` (the paper divides
    by 1e-18 instead, which only gives a large finite number).
    """
    nf_a, nf_b = _f(a) / _f(n_a), _f(b) / _f(n_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(nf_b > 0, (nf_a - nf_b) * 100 / nf_b, np.inf)


def pmi(n, n_w1, n_w2, n_total) -> np.ndarray:
    """Pointwise mutual information (Church & Hanks 1990): ``log2(n * N / (n_w1 * n_w2))``.

    The "MI" of collocation tools; NLTK's ``BigramAssocMeasures.pmi``.
    """
    n, n_w1, n_w2, n_total = map(_f, (n, n_w1, n_w2, n_total))
    return np.log2(n * n_total) - np.log2(n_w1 * n_w2)


def t_score(n, n_w1, n_w2, n_total) -> np.ndarray:
    """t-score (Church et al. 1991): ``(n - E) / sqrt(n)`` with ``E = n_w1 * n_w2 / N``.

    NLTK's ``BigramAssocMeasures.student_t``.
    """
    n, n_w1, n_w2, n_total = map(_f, (n, n_w1, n_w2, n_total))
    return (n - n_w1 * n_w2 / n_total) / np.sqrt(n)


def log_dice(n, f_w1, f_w2) -> np.ndarray:
    """logDice (Rychly 2008): ``14 + log2(2 n / (f_w1 + f_w2))``; at most 14 for bigrams."""
    n, f_w1, f_w2 = map(_f, (n, f_w1, f_w2))
    return 14 + np.log2(2 * n / (f_w1 + f_w2))
