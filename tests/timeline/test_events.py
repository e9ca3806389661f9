"""event_timeline and value_period: calendar spans, sentences, publication rows."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus import read_corpus
from analysis.errors import AnalysisError, CorpusError, ParameterError
from analysis.timeline.events import EVENT_COLUMNS, event_timeline, value_period

TEXT = "She told a press briefing on Thursday (July 19). Talks lasted for years.\n\nThey met in 2017."


def _docs(date="2018-07-20"):
    return pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp(date) if date else pd.NaT], "text": [TEXT]})


def _timexes(**overrides):
    rows = {"doc_id": ["d", "d", "d"], "timex_id": [0, 1, 2], "start": [29, 62, 87], "end": [47, 67, 91],
            "text": ["Thursday (July 19)", "years", "2017"], "type": ["DATE", "DURATION", "DATE"],
            "value": ["2018-07-19", "PXY", "2017"], "mod": [None, None, None]}
    rows.update(overrides)
    return pd.DataFrame(rows)


def test_hand_built_table_gives_the_exact_timeline():
    events = event_timeline(_docs(), _timexes())
    assert list(events.columns) == list(EVENT_COLUMNS)
    got = events[["kind", "timex_id", "date", "date_end", "granularity", "value", "label", "sent_id"]]
    expected = pd.DataFrame({
        "kind": ["mention", "mention", "publication"],
        "timex_id": pd.array([2, 0, pd.NA], dtype="Int32"),
        "date": pd.to_datetime(["2017-01-01", "2018-07-19", "2018-07-20"]).astype("datetime64[ns]"),
        "date_end": pd.to_datetime(["2017-12-31", "2018-07-19", "2018-07-20"]).astype("datetime64[ns]"),
        "granularity": ["year", "day", "day"],
        "value": ["2017", "2018-07-19", "2018-07-20"],
        "label": ["met", "press briefing", "publication"],
        "sent_id": pd.array([2, 0, pd.NA], dtype="Int32"),
    })
    for column in ("kind", "granularity", "value", "label"):
        expected[column] = expected[column].astype("string")
    pd.testing.assert_frame_equal(got, expected)
    assert events.loc[1, "sentence"] == "She told a press briefing on Thursday (July 19)."
    assert TEXT[events.loc[1, "start"]:events.loc[1, "end"]] == events.loc[1, "text"]
    assert events.attrs["n_unplaced"] == 0  # the duration is not a DATE/TIME


def test_seed_briefing_and_publication(seed_path):
    timex = pytest.importorskip("analysis.timeline", reason="timex_table is not importable yet")
    docs = read_corpus(seed_path)
    events = event_timeline(docs, timex.timex_table(docs))
    assert events[["kind", "date", "label"]].astype(str).values.tolist() == [
        ["mention", "2018-07-19", "press briefing"],
        ["publication", "2018-07-20", "publication"],
    ]
    assert "Thursday (July 19)" in events.loc[0, "sentence"]


def test_undated_and_unplaceable_values_are_left_out():
    timexes = _timexes(value=["XXXX-WXX-4", "PXY", "2018-02-30"])
    events = event_timeline(_docs(None), timexes)
    assert events.empty and list(events.columns) == list(EVENT_COLUMNS)
    assert events.attrs["n_unplaced"] == 2


@pytest.mark.parametrize(("value", "start", "end", "granularity"), [
    ("2018-07-19", "2018-07-19", "2018-07-19", "day"),
    ("2018-07-19T15:30", "2018-07-19 15:30", "2018-07-19 15:30", "time"),
    ("2018-07-20T24:00", "2018-07-21 00:00", "2018-07-21 00:00", "time"),  # midnight: the end of the day named
    ("2018-07-19TNI", "2018-07-19", "2018-07-19", "time"),
    ("2018-W28", "2018-07-09", "2018-07-15", "week"),
    ("2019-W01", "2018-12-31", "2019-01-06", "week"),
    ("2018-W28-WE", "2018-07-14", "2018-07-15", "weekend"),
    ("2018-07", "2018-07-01", "2018-07-31", "month"),
    ("2018-Q3", "2018-07-01", "2018-09-30", "quarter"),
    ("2018-H1", "2018-01-01", "2018-06-30", "half"),
    ("2018-SU", "2018-06-01", "2018-08-31", "season"),
    ("2018-WI", "2018-12-01", "2019-02-28", "season"),
    ("2018", "2018-01-01", "2018-12-31", "year"),
    ("199", "1990-01-01", "1999-12-31", "decade"),
    ("19", "1900-01-01", "1999-12-31", "century"),
])
def test_value_period(value, start, end, granularity):
    assert value_period(value) == (pd.Timestamp(start), pd.Timestamp(end), granularity)


@pytest.mark.parametrize("value", ["PRESENT_REF", "PAST_REF", "XXXX-XX-XX", "P3D", "PXY", "2018-02-30",
                                   "2018-13", "2018-W54", "1066", "2300-01-01", "", None, 2018])
def test_values_without_a_calendar_span(value):
    assert value_period(value) is None


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ParameterError, match="timexes lacks column"):
        event_timeline(_docs(), _timexes().drop(columns="value"))
    with pytest.raises(ParameterError, match="DataFrame"):
        event_timeline(_docs(), "2018-07-19")
    with pytest.raises(CorpusError, match="'date'"):
        event_timeline(_docs().drop(columns="date"), _timexes())
    assert issubclass(CorpusError, AnalysisError)


def test_docstring_examples():
    import doctest
    import importlib

    module = importlib.import_module("analysis.timeline.events")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
