"""analysis.engine: batches on a real 2-worker LocalCluster give the pandas tables.

Compared with ``pandas.testing.assert_frame_equal`` (exact: same rows in the
same order, same dtypes including ``doc_id`` categories, same index):
``term_table(token_table(docs), ngram=(1, 3))``, ``marker_table(docs)``,
``timex_table(docs)``, ``quote_table(docs)`` and
``trend_table(markers, docs, column="category")`` of the whole corpus read by
``read_corpus``, against ``run_stages`` with ``engine="dask"`` (and ``"pandas"``,
the in-process batches), with batches small enough that the corpus is split.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
import warnings

import pandas as pd
import pytest

distributed = pytest.importorskip(
    "distributed", reason="the Dask engine needs dask and distributed"
)

from analysis.corpus import read_corpus
from analysis.engine import EngineError, partition_words_for, run_stages
from analysis.errors import AnalysisWarning, ParameterError
from analysis.quotes import quote_table
from analysis.rhetoric import marker_table
from analysis.terms import term_table
from analysis.text import token_table
from analysis.timeline import timex_table, trend_table

TABLES = ("terms", "markers", "timexes", "quotes", "trends")


def whole_corpus_tables(source) -> dict[str, pd.DataFrame]:
    """The tables of the pandas functions over the whole corpus at once."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnalysisWarning)
        docs = read_corpus(source)
        tokens = token_table(docs)
        markers = marker_table(docs, tokens=tokens)
        return {
            "terms": term_table(tokens, ngram=(1, 3)),
            "markers": markers,
            "timexes": timex_table(docs),
            "quotes": quote_table(docs),
            "trends": trend_table(markers, docs, tokens=tokens, column="category"),
        }


def assert_same(expected: dict, got: dict, names=TABLES) -> None:
    for name in names:
        pd.testing.assert_frame_equal(
            got[name].reset_index(drop=True),
            expected[name].reset_index(drop=True),
            obj=name,
        )


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        memory_limit="2GiB",
        dashboard_address=":0",
        silence_logs=50,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def mfa_expected(mfa_dir):
    return whole_corpus_tables(mfa_dir)


def run_quiet(source, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnalysisWarning)
        return run_stages(source, **options)


def test_seed_on_own_local_cluster_equals_pandas(seed_path):
    # no scheduler address: run_stages starts and closes its own LocalCluster
    got = run_quiet(seed_path, engine="dask", n_workers=2)
    assert_same(whole_corpus_tables(seed_path), got)
    assert got["docs"].columns.tolist() == [
        "doc_id",
        "date",
        "place",
        "source",
        "title",
        "speaker",
        "n_chars",
        "n_tokens",
        "n_words",
    ]


@pytest.mark.shared
def test_mfa_both_engines_equal_whole_corpus(mfa_dir, mfa_expected, cluster):
    # 1.8 MB in ~10 batches: the reduce really sums across partitions
    dask_out = run_quiet(
        mfa_dir,
        engine="dask",
        scheduler=cluster.scheduler_address,
        partition_words=30_000,
    )
    assert_same(mfa_expected, dask_out)
    pandas_out = run_quiet(mfa_dir, engine="pandas", partition_words=30_000)
    assert_same(mfa_expected, pandas_out)
    assert (
        dask_out["docs"]["n_words"].sum()
        == pandas_out["docs"]["n_words"].sum()
        > 200_000
    )


@pytest.mark.shared
def test_worker_killed_mid_run_is_retried(mfa_dir, mfa_expected, cluster):
    client = distributed.Client(cluster)
    try:
        before = client.run(os.getpid)
        box = {}
        runner = threading.Thread(
            target=lambda: box.update(
                out=run_quiet(
                    mfa_dir,
                    engine="dask",
                    scheduler=cluster.scheduler_address,
                    partition_words=8_000,
                    stages=("terms", "markers"),
                )
            )
        )
        runner.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            busy = [addr for addr, keys in client.processing().items() if keys]
            if busy:
                break
            time.sleep(0.02)
        assert busy, "no task started within 30 s"
        os.kill(
            before[busy[0]], signal.SIGKILL
        )  # the nanny restarts it; its tasks go elsewhere
        runner.join(120)
        assert "out" in box, "run_stages did not finish after a worker was killed"
        assert_same(mfa_expected, box["out"], names=("terms", "markers"))
        client.wait_for_workers(2, timeout=30)
        assert set(client.run(os.getpid).values()) != set(before.values())
    finally:
        client.close()


def test_unreachable_scheduler_errors_within_10_s(seed_path):
    started = time.monotonic()
    with pytest.raises(
        EngineError, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"
    ):
        run_stages(seed_path, engine="dask", scheduler="tcp://127.0.0.1:9")
    assert time.monotonic() - started < 10


def test_binary_file_is_skipped_with_a_warning(tmp_path, seed_path, cluster):
    shutil.copy(seed_path, tmp_path / "a.txt")
    (tmp_path / "b_broken.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n" + bytes(4000)
    )  # NUL-heavy: binary
    shutil.copy(seed_path, tmp_path / "c.txt")
    (tmp_path / "d.parquet").write_bytes(
        b"PAR1 truncated"
    )  # read_corpus would stop here
    with pytest.warns(AnalysisWarning) as caught:
        got = run_stages(
            tmp_path,
            engine="dask",
            scheduler=cluster.scheduler_address,
            partition_words=100,
            stages=("terms", "markers"),
        )
    assert any(
        "binary files skipped" in str(w.message) and "b_broken.txt" in str(w.message)
        for w in caught
    )
    assert any(
        "malformed file skipped" in str(w.message) and "d.parquet" in str(w.message)
        for w in caught
    )
    assert got["docs"]["doc_id"].tolist() == ["a", "c"]
    assert got["markers"]["doc_id"].cat.categories.tolist() == ["a", "c"]
    one = run_quiet(seed_path, engine="pandas", stages=("terms",), ngram=1)["terms"]
    assert got["terms"].query("ngram == 1")["n"].sum() == 2 * one["n"].sum()


def test_choices_are_checked_at_the_boundary(seed_path):
    with pytest.raises(ParameterError, match="use one of pandas, dask"):
        run_stages(seed_path, engine="spark")
    with pytest.raises(
        ParameterError,
        match="use any of tokens, terms, markers, timexes, quotes, trends",
    ):
        run_stages(seed_path, stages=("sentiment",))
    with pytest.raises(ParameterError, match="ngram"):
        run_stages(seed_path, ngram=(1, 9))
    with pytest.raises(ParameterError, match="partition_words"):
        run_stages(seed_path, partition_words=0)


def test_partition_rule_follows_memory_limit():
    assert partition_words_for("2GiB") == 2 * 2**30 // 4 // 500
    assert abs(partition_words_for("4GiB") - 2 * partition_words_for("2GiB")) <= 1


def test_stages_subset_and_single_ngram(seed_path):
    got = run_stages(seed_path, stages=("terms",), ngram=1)
    assert set(got) == {"docs", "terms"}
    expected = term_table(token_table(read_corpus(seed_path)))
    pd.testing.assert_frame_equal(got["terms"], expected)


def test_compute_tables_gives_the_notebooks_tables_on_both_engines(seed_path, cluster):
    from analysis.engine import TABLE_STAGES, compute_tables

    docs = read_corpus(seed_path)
    tokens = token_table(docs)
    expected = {
        "terms": term_table(tokens, ngram=(1, 2), min_count=2),
        "markers": marker_table(docs, tokens=tokens, speakers=False),
        "timexes": timex_table(docs),
        "quotes": quote_table(docs),
    }
    for engine, scheduler in (("pandas", ""), ("dask", cluster.scheduler_address)):
        got = compute_tables(seed_path, stages=TABLE_STAGES, engine=engine,
                             scheduler=scheduler, docs=docs, tokens=tokens, ngram=(1, 2),
                             min_count=2, speakers=False)
        assert set(got) == set(TABLE_STAGES)
        assert_same(expected, got, names=TABLE_STAGES)
    with pytest.raises(ParameterError, match="use any of terms, markers, timexes, quotes"):
        compute_tables(seed_path, stages="sentiment")
    with pytest.raises(ParameterError, match="use one of pandas, dask"):
        compute_tables(seed_path, stages="terms", engine="spark")


def test_compute_tables_resolves_a_relative_lexicon_for_the_workers(
    seed_path, cluster, tmp_path, monkeypatch
):
    from analysis.engine import compute_tables

    shutil.copy(
        os.path.join(os.path.dirname(__file__), "..", "analysis", "lexicons", "diplomatic.csv"),
        tmp_path / "mine.csv",
    )
    monkeypatch.chdir(tmp_path)  # the workers run elsewhere
    got = compute_tables(seed_path, stages="markers", engine="dask",
                         scheduler=cluster.scheduler_address, lexicon="mine.csv")
    docs = read_corpus(seed_path)
    expected = marker_table(docs, lexicon="mine.csv")
    pd.testing.assert_frame_equal(got["markers"], expected)


@pytest.mark.shared
def test_a_task_gets_only_its_own_batch(mfa_dir):
    from analysis.engine._batches import plan_batches

    plan = plan_batches(mfa_dir, partition_words=30_000, encoding=None)
    assert len(plan.batches) > 8  # more than one reduce group
    for index, files in enumerate(plan.batches):
        one = plan.batch(index)
        assert one.batches == (files,) and one.root == plan.root and not one.notes
        assert set(one.sidecars) <= set(files)
        assert {rel: plan.sidecars[rel] for rel in files if rel in plan.sidecars} == one.sidecars


def test_trends_alone_do_not_return_markers(seed_path):
    got = run_quiet(seed_path, stages=("trends",))
    assert "markers" not in got and list(got)[0] == "docs"


def test_term_reduce_is_independent_of_batches_and_tree_shape():
    """Any split into batches and any reduce tree give the same finished term table."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from analysis.engine import _reduce
    from analysis.engine.run import _tree

    words = st.sampled_from(["a", "b", "é", "B", "ab", "a b", "zz", "ä c"])
    rows = st.lists(st.tuples(st.integers(1, 3), words, st.integers(1, 5), st.integers(1, 2)),
                    max_size=12)

    def table(part):
        frame = pd.DataFrame(part, columns=["ngram", "term", "n", "docs"])
        frame = frame.drop_duplicates(["ngram", "term"]).astype({"term": "str"})
        return frame.astype({"ngram": "int64", "n": "int64", "docs": "int64"})

    @settings(max_examples=60, deadline=None)
    @given(st.lists(rows, min_size=1, max_size=20), st.integers(2, 9))
    def check(parts, fan_in):
        tables = [table(p) for p in parts]
        sizes = []

        def combine(group):
            sizes.append(len(group))
            return _reduce.combine_terms(*group)

        whole = _reduce.combine_terms(*tables)
        tree = _tree(tables, combine, fan_in=fan_in)
        assert all(1 < size <= fan_in for size in sizes)
        n_words = int(whole["n"].sum()) + 1
        pd.testing.assert_frame_equal(
            _reduce.finish_terms(tree, n_words, ngram=(1, 3)),
            _reduce.finish_terms(whole, n_words, ngram=(1, 3)),
        )

    check()
