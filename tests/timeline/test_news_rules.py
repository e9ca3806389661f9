"""timex_table: the TimeBank-style news rules added in the value-F1 revision (issue 6), one sentence each."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.timeline import timex_table


def _rows(text: str, date: str | None = "1989-10-30") -> list[tuple[str, str, str]]:
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp(date) if date else pd.NaT], "text": [text]})
    return [(row.text, row.type, row.value) for row in timex_table(docs).itertuples()]


@pytest.mark.parametrize(
    "text, date, expected",
    [
        # "the following year", "the previous Friday": counted from the last date the text named
        ("On May 22, 1995, he was promoted, and the following year he left.", "1998-04-18",
         [("May 22, 1995", "DATE", "1995-05-22"), ("the following year", "DATE", "1996")]),
        ("Shares closed Friday, Oct. 20, down from the previous Friday.", "1989-10-30",
         [("Friday, Oct. 20", "DATE", "1989-10-20"), ("the previous Friday", "DATE", "1989-10-13")]),
        ("In March, the family urged a sale. The following month, it agreed.", "1989-10-27",
         [("March", "DATE", "1989-03"), ("The following month", "DATE", "1989-04")]),
        # ... and from the dateline when the text named no date precise enough
        ("The following week, talks resume.", "1989-10-30", [("The following week", "DATE", "1989-W45")]),
        ("In 1995 he left; the following day he returned.", "1998-04-18",
         [("1995", "DATE", "1995"), ("the following day", "DATE", "1998-04-19")]),
        # "that year", "that month": the last date named; no expression without one
        ("Exports were $37 million in 1988, a small share of imports that year.", "1989-11-02",
         [("1988", "DATE", "1988"), ("that year", "DATE", "1988")]),
        ("In March 1987, sales that month rose.", "1989-11-02", [("March 1987", "DATE", "1987-03"), ("that month", "DATE", "1987-03")]),
        ("Sales that year rose.", "1989-11-02", []),
        # "the current fiscal year", "the latest fiscal year"
        ("Sales in the current fiscal year will rise.", "1989-11-02", [("the current fiscal year", "DATE", "1989")]),
        ("Sales in the latest fiscal year fell.", "1989-10-26", [("the latest fiscal year", "DATE", "1988")]),
        # "a year-earlier loss": the adjective is the expression, not "a year"
        ("It had a third-quarter loss, against a year-earlier loss of $6 million.", "1989-10-26",
         [("third-quarter", "DATE", "1989-Q3"), ("year-earlier", "DATE", "1988-Q3")]),
        # fractions of a unit, and of a whole
        ("But a minute and a half later, a pilot called in.", "1998-01-14",
         [("a minute and a half", "DURATION", "PT1M30S")]),
        ("The flight took an hour and a half.", "1998-01-14", [("an hour and a half", "DURATION", "PT1H30M")]),
        ("Funds hold more than a quarter of the market.", "1989-10-27", []),
        # "three days later", "30 days before": a duration, the signal word outside the span
        ("Three days later, the index was down.", "1989-10-30", [("Three days", "DURATION", "P3D")]),
        ("The banks must wait at least 30 days before closing.", "1989-10-27",
         [("at least 30 days", "DURATION", "P30D")]),
        ("Sales rose from a year earlier.", "1989-10-27", [("a year earlier", "DATE", "1988-10")]),
        # sets of a month; a year's quarter; a decade's half
        ("Orangemen march each July through the town.", "1998-03-22", [("each July", "SET", "XXXX-07")]),
        ("It earned $2 in the 1988 quarter.", "1989-10-30", [("the 1988 quarter", "DATE", "1988-Q3")]),
        ("Sales were flat in the last half of the '80s.", "1989-10-26", [("the last half of the '80s", "DATE", "198")]),
        # names: a unit or deictic word capitalised inside a sentence
        ('Baker said on ABC News\' "This Week" that talks went on.', "1990-08-13", []),
        ("This is VOA Today.", "1998-03-31", []),
        ("Today, the talks resume.", "1998-03-31", [("Today", "DATE", "1998-03-31")]),
    ],
)  # fmt: skip
def test_news_rules(text, date, expected):
    assert _rows(text, date) == expected


def test_the_following_year_without_a_dateline_names_no_year():
    assert _rows("In 1995 he left, and the following year he returned.", None) == [
        ("1995", "DATE", "1995"), ("the following year", "DATE", "XXXX")
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text, expected",
    [
        # numbers with a thousands separator, wherever the grammar reads a count of units
        ("China has a history of more than 2,000 years.",
         [("more than 2,000 years", "DURATION", "P2000Y", "MORE_THAN")]),
        ("The talks lasted 1,000 days.", [("1,000 days", "DURATION", "P1000D", None)]),
        ("The wall stood 12,500 years.", [("12,500 years", "DURATION", "P12500Y", None)]),
        ("The talks resumed 1,000 days later.", [("1,000 days", "DURATION", "P1000D", None)]),
        ("The city was founded 1,500 years ago.", [("1,500 years ago", "DATE", "0518", None)]),
        # before year 1: BC and the year before Christ (no year 0), as TIMEX2 and HeidelTime write it
        ("The city was founded 5,000 years ago.", [("5,000 years ago", "DATE", "BC2983", None)]),
        ("The comet returns every 1,000 years.", [("every 1,000 years", "SET", "P1000Y", None)]),
        # a separator needs groups of exactly three digits, and a date keeps its day and year
        ("It rose 1,0000 years on.", []),
        ("On July 19, 2018 the talks began.", [("July 19, 2018", "DATE", "2018-07-19", None)]),
        # a fraction of a unit: one duration
        ("It has lasted a quarter of a century.", [("a quarter of a century", "DURATION", "P25Y", None)]),
        ("It has lasted half a century.", [("half a century", "DURATION", "P50Y", None)]),
        ("It has lasted a quarter century.", [("a quarter century", "DURATION", "P25Y", None)]),
        ("It has lasted a half-century.", [("a half-century", "DURATION", "P50Y", None)]),
        ("For more than half a century, the two sides talked.",
         [("more than half a century", "DURATION", "P50Y", "MORE_THAN")]),
        ("They met for half an hour.", [("half an hour", "DURATION", "PT30M", None)]),
        ("They waited half a year.", [("half a year", "DURATION", "P6M", None)]),
        ("The treaty was signed half a century ago.", [("half a century ago", "DATE", "1968", None)]),
        # unchanged: a quarter alone, an ordinal quarter, three-quarters of a whole
        ("Sales rose in the first quarter.", [("the first quarter", "DATE", "2018-Q1", None)]),
        ("Funds hold three-quarters of the market.", []),
        # "a quarter" of a number or a whole is a fraction, not three months
        ("It saves a quarter of a million dollars.", []),
        ("The bill stopped a quarter million felons.", []),
        ("Parents spend a quarter--of their income on care.", []),
        ("Profits fell in a quarter of weak sales.", [("a quarter", "DURATION", "P3M", None)]),
        ("It lasted more than two years.", [("more than two years", "DURATION", "P2Y", "MORE_THAN")]),
    ],
)  # fmt: skip
def test_counts_with_thousands_separators_and_fractions_of_units(text, expected):
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2018-07-20")], "text": [text]})
    assert [(r.text, r.type, r.value, r.mod) for r in timex_table(docs).itertuples()] == expected

