"""plot_event_timeline and plot_trends: Axes in, Axes out, nothing shown or saved."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.errors import ParameterError
from analysis.figures import plot_event_timeline as exported
from analysis.figures.timeline import plot_event_timeline, plot_trends
from analysis.timeline.events import event_timeline
from analysis.timeline.trends import trend_table


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _events():
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2018-07-20")],
                         "text": ["A press briefing on Thursday (July 19) and a summit in 2018."]})
    timexes = pd.DataFrame({"doc_id": ["d", "d"], "timex_id": [0, 1], "start": [20, 54], "end": [38, 58],
                            "text": ["Thursday (July 19)", "2018"], "type": ["DATE", "DATE"],
                            "value": ["2018-07-19", "2018"]})
    return event_timeline(docs, timexes)


def test_event_timeline_draws_points_spans_and_labels():
    _, ax = plt.subplots()
    assert plot_event_timeline(_events(), ax=ax) is ax
    assert exported is plot_event_timeline
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["2018 summit", "2018-07-19 press briefing", "2018-07-20 publication"]
    spans = [line for line in ax.get_lines() if len(line.get_xdata()) == 2]
    assert len(spans) == 1  # the year is a bar, the days are points


def test_close_events_go_to_separate_lanes():
    ax = plot_event_timeline(_events())
    lanes = [t.xy[1] for t in ax.texts]
    assert len(set(lanes)) == len(lanes)


def test_max_events_shares_places_between_publications_and_mentions():
    events = pd.concat([_events()] * 5, ignore_index=True)
    ax = plot_event_timeline(events, max_events=6)
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == 6 and labels.count("2018-07-20 publication") == 3
    assert "6 of 15 shown" in ax.get_title()
    ax = plot_event_timeline(events[events["kind"] == "publication"], max_events=2)
    assert len(ax.texts) == 2


def test_empty_timeline_says_so():
    ax = plot_event_timeline(_events().iloc[0:0])
    assert ax.get_title() == "No dated events"


def test_trends_break_at_low_coverage_and_drop_to_zero():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": pd.to_datetime(["2018-01-05", "2018-03-02", "2018-04-09"]),
                         "text": ["win-win talks", "more talks", "win-win again"]})
    table = pd.DataFrame({"doc_id": ["a", "c"], "term": ["win-win", "win-win"]})
    trends = trend_table(table, docs, min_tokens=1)
    ax = plot_trends(trends)
    (line,) = ax.get_lines()
    y = np.asarray(line.get_ydata(), dtype=float)
    assert np.isnan(y[1]) and y[2] == 0 and y[0] > 0  # February has no words: a gap, March a 0
    assert ax.get_ylabel() == "per 10,000 words"


def test_top_n_and_groups():
    trends = pd.DataFrame({"group": ["x", "x", "y", "y"], "term": ["a", "b", "a", "b"],
                           "date": pd.to_datetime(["2018-01-01"] * 4), "n": [5, 1, 3, 0], "rate": [1.0] * 4})
    ax = plot_trends(trends, top_n=2)
    assert [line.get_label() for line in ax.get_lines()] == ["x / a", "y / a"]
    assert "top 2 of 4" in ax.get_title()


def test_bad_input_is_refused():
    with pytest.raises(ParameterError, match="event_timeline"):
        plot_event_timeline(pd.DataFrame({"date": []}))
    with pytest.raises(ParameterError, match="trend_table"):
        plot_trends(pd.DataFrame({"term": ["a"], "n": [1]}))
    with pytest.raises(ParameterError, match="top_n"):
        plot_trends(pd.DataFrame(), top_n=0)
    with pytest.raises(ParameterError, match="rate_rolling"):
        plot_trends(pd.DataFrame({"term": ["a"], "n": [1], "date": [pd.Timestamp(0)], "rate": [1.0]}), rolling=True)


def test_docstring_examples():
    import doctest
    import importlib

    module = importlib.import_module("analysis.figures.timeline")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_event_timeline_spanning_centuries_draws():
    # MFA 2018 mentions 1763 and "the 21st century" (2000-2099): wider than a
    # nanosecond Timedelta (292 years); the figure must still draw.
    import pandas as pd

    from analysis.figures.timeline import plot_event_timeline

    events = pd.DataFrame({
        "doc_id": ["a", "a"], "kind": ["mention", "mention"],
        "date": pd.to_datetime(["1763-01-01", "2000-01-01"]).astype("datetime64[s]"),
        "date_end": pd.to_datetime(["1763-12-31", "2099-12-31"]).astype("datetime64[s]"),
        "value": ["1763", "20"], "label": ["treaty", "century"], "granularity": ["year", "century"],
    })
    ax = plot_event_timeline(events)
    assert ax.get_title()
