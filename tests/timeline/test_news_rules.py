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
        # ... and a newspaper's name ("China Daily", "People's Daily", "The Daily Nation")
        ("Q: China Daily published an article.", "2018-07-20", []),
        ("He spoke to People's Daily and Xinhua.", "2018-07-20", []),
        ("Q: The Daily Nation of Kenya reported it.", "2018-07-20", []),
        ("Daily, the ministry publishes a list.", "2018-07-20", [("Daily", "SET", "P1D")]),
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



@pytest.mark.parametrize(
    "text, expected",
    [
        # a fraction of a decade or a century is written in years, as "half a century" (P50Y) is; TimeBank writes
        # decades in years too ("two decades" P20Y). "a year and a half" keeps the mixed form P1Y6M, as TimeBank's
        # "a minute and a half" PT1M30S
        ("Our nation has been at peace for nearly a decade and a half.",
         [("a decade and a half", "DURATION", "P15Y", None)]),
        ("After more than a century and a half of expansion, it grew.",
         [("more than a century and a half", "DURATION", "P150Y", "MORE_THAN")]),
        ("As during the last 3 1/2 decades, we talk.", [("the last 3 1/2 decades", "DURATION", "P35Y", None)]),
        ("It took two decades and a half.", [("two decades and a half", "DURATION", "P25Y", None)]),
        ("It took a year and a half.", [("a year and a half", "DURATION", "P1Y6M", None)]),
        # a fractional count before "ago": counted in the next smaller unit
        ("War in Korea ended two and a half years ago.", [("two and a half years ago", "DATE", "2016-01", None)]),
        ("Settlers came three and a half centuries ago.", [("three and a half centuries ago", "DATE", "1668", None)]),
        ("It began a year and a half ago.", [("a year and a half ago", "DATE", "2017-01", None)]),
        ("It began a month and a half ago.", [("a month and a half ago", "DATE", "2018-06", None)]),
        ("It began a week and a half ago.", [("a week and a half ago", "DATE", "2018-W28", None)]),
        ("It ends a decade and a half from now.", [("a decade and a half from now", "DATE", "2033", None)]),
        # a third of a unit, as a quarter and a half of one already are
        ("It took a third of a century.", [("a third of a century", "DURATION", "P33Y4M", None)]),
        ("It took two-thirds of a year.", [("two-thirds of a year", "DURATION", "P8M", None)]),
        ("Standing here a third of a century ago, he spoke.", [("a third of a century ago", "DATE", "1985-03", None)]),
        ("A third of the budget went to defense.", []),
        # midnight is the end of the day named (T24:00), as in TimeBank ("midnight Friday": that Friday's T24)
        ("The contract was scheduled to expire at midnight Friday.",
         [("midnight Friday", "TIME", "2018-07-20T24:00", None)]),
        ("We will meet at midnight on Friday.", [("midnight on Friday", "TIME", "2018-07-27T24:00", None)]),
        ("The deadline is midnight.", [("midnight", "TIME", "2018-07-20T24:00", None)]),
        ("It ended at midnight yesterday.", [("midnight yesterday", "TIME", "2018-07-19T24:00", None)]),
        ("They met at noon Friday.", [("noon Friday", "TIME", "2018-07-20T12:00", None)]),
        # ... but a bare "midnight" or "noon" that qualifies a noun names no time of a day
        ("No people eagerly await the midnight knock of the police.", []),
        ("We have seen armored charges and midnight raids.", []),
        ("We saw a midnight meeting.", []),
        ("Talks end at noon, and then at midnight.", [("noon", "TIME", "2018-07-20T12:00", None),
                                                     ("midnight", "TIME", "2018-07-20T24:00", None)]),
        # "a quarter" repeated, or after a dash run, before "of": a fraction
        ("Parents spend up to a quarter--a quarter--of their income on care.", []),
        ("Parents spend up to a quarter -- a quarter -- of their income on care.", []),
        ("Parents spend a quarter \u2014 of their income on care.", []),
        ("Profits fell in a quarter--the worst one.", [("a quarter", "DURATION", "P3M", None)]),
        # "one-quarter", "three-quarters", hyphenated: a fraction
        ("Three-quarters would go to people and one-quarter to business.", []),
        ("Sales rose for three quarters.", [("three quarters", "DURATION", "P9M", None)]),
        ("Profits fell in one quarter.", [("one quarter", "DURATION", "P3M", None)]),
        # "3,4": no thousands number (a separator needs exactly three digits after it): as "3-4 years", "3, 4 years"
        ("It lasted 3,4 years.", [("4 years", "DURATION", "P4Y", None)]),
        ("It lasted 3-4 years.", [("4 years", "DURATION", "P4Y", None)]),
        ("It lasted 10,15 days.", [("15 days", "DURATION", "P15D", None)]),
        ("It lasted 1,000 days.", [("1,000 days", "DURATION", "P1000D", None)]),
        ("It lasted 2,0001 days.", []),
        # "two thousand" before a plural noun is a count, not the year 2000
        ("Some two thousand delegates came.", []),
        ("It improved in upward of two thousand years since.", [("two thousand years", "DURATION", "P2000Y", None)]),
        ('"Two thousand dollars a year means a lot."', []),
        ("In the year two thousand, we will grow.", [("the year two thousand", "DATE", "2000", None)]),
        ("By two thousand and one, the plan ends.", [("two thousand and one", "DATE", "2001", None)]),
        ("Two thousand was a good year.", [("Two thousand", "DATE", "2000", None)]),
    ],
)  # fmt: skip
def test_fractions_midnight_and_numbers_of_session_six(text, expected):
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2018-07-20")], "text": [text]})
    assert [(r.text, r.type, r.value, r.mod) for r in timex_table(docs).itertuples()] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a counted decade or century is written in years, as TimeBank writes them ("two decades" P20Y) and as a
        # fraction of one already is ("a decade and a half" P15Y); an uncounted one keeps its unit (PXDE, PXCE)
        ("It took a decade.", [("a decade", "DURATION", "P10Y", None)]),
        ("It lasted for two decades.", [("two decades", "DURATION", "P20Y", None)]),
        ("It stood for two centuries.", [("two centuries", "DURATION", "P200Y", None)]),
        ("It lasted a century.", [("a century", "DURATION", "P100Y", None)]),
        ("Over the last three decades, it grew.", [("the last three decades", "DURATION", "P30Y", None)]),
        ("It lasted more than a decade.", [("more than a decade", "DURATION", "P10Y", "MORE_THAN")]),
        ("It was a two-decade war.", [("two-decade", "DURATION", "P20Y", None)]),
        ("The census is held every decade.", [("every decade", "SET", "P10Y", None)]),
        ("It stood for centuries.", [("centuries", "DURATION", "PXCE", None)]),
        ("For decades, it grew.", [("decades", "DURATION", "PXDE", None)]),
        ("It took several decades.", [("several decades", "DURATION", "PXDE", None)]),
        # dates with these units are unchanged
        ("It began two decades ago.", [("two decades ago", "DATE", "1998", None)]),
        ("In the 1990s it grew.", [("the 1990s", "DATE", "199", None)]),
    ],
)  # fmt: skip
def test_counted_decades_and_centuries_are_written_in_years(text, expected):
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2018-07-20")], "text": [text]})
    assert [(r.text, r.type, r.value, r.mod) for r in timex_table(docs).itertuples()] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a weekday with a plural part of the day is a set, as the plural weekday is ("on Mondays" XXXX-WXX-1):
        # TimeML's "Tuesday nights" XXXX-WXX-2TNI; a weekday coordinated with one shares its part
        ("He works Saturday nights.", [("Saturday nights", "SET", "XXXX-WXX-6TNI", None)]),
        ("Flights leave on Monday and Tuesday nights from March 30.",
         [("Monday", "SET", "XXXX-WXX-1TNI", None), ("Tuesday nights", "SET", "XXXX-WXX-2TNI", None),
          ("March 30", "DATE", "2018-03-30", None)]),
        ("The shop opens Sunday mornings.", [("Sunday mornings", "SET", "XXXX-WXX-7TMO", None)]),
        ("Flights leave on Mondays.", [("Mondays", "SET", "XXXX-WXX-1", None)]),
        # ... a singular part stays one day's, and so does a weekday coordinated with one
        ("He met them Saturday night.", [("Saturday night", "TIME", "2018-07-14TNI", None)]),
        ("They met Monday and Tuesday night.",
         [("Monday", "DATE", "2018-07-16", None), ("Tuesday night", "TIME", "2018-07-17TNI", None)]),
        ("They met Monday and Tuesday.", [("Monday", "DATE", "2018-07-16", None), ("Tuesday", "DATE", "2018-07-17", None)]),
    ],
)  # fmt: skip
def test_weekdays_with_a_plural_part_of_the_day_are_sets(text, expected):
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2018-07-20")], "text": [text]})
    assert [(r.text, r.type, r.value, r.mod) for r in timex_table(docs).itertuples()] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # bare "coming" + plural unit is the vague future (TimeBank: 2 of its 3 cases); with "the", or a count, a
        # duration as before; "recent years" stays a duration (TimeBank is split on it)
        ("The economy will slow in coming months.", [("coming months", "DATE", "FUTURE_REF", None)]),
        ("It bodes ill for coming quarters.", [("coming quarters", "DATE", "FUTURE_REF", None)]),
        ("The economy will slow in the coming months.", [("the coming months", "DURATION", "PXM", None)]),
        ("Prices rose in recent years.", [("recent years", "DURATION", "PXY", None)]),
        ("It will grow in the coming two years.", [("the coming two years", "DURATION", "P2Y", None)]),
    ],
)  # fmt: skip
def test_bare_coming_units_are_the_future(text, expected):
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2018-07-20")], "text": [text]})
    assert [(r.text, r.type, r.value, r.mod) for r in timex_table(docs).itertuples()] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the past/last few|several <units>" is the vague past (TimeBank: 2 of 3), but after "for" a duration,
        # as TimeML reads "for" (the third: "For the past few weeks we've been subjected to ...")
        ("Rates have fallen in the last few months.", [("the last few months", "DATE", "PAST_REF", None)]),
        ("Sales grew over the past several quarters.", [("the past several quarters", "DATE", "PAST_REF", None)]),
        ("For the past few weeks we were attacked.", [("the past few weeks", "DURATION", "PXW", None)]),
        ("It rained for the last several days.", [("the last several days", "DURATION", "PXD", None)]),
        ("Before the past few weeks, it was calm.", [("the past few weeks", "DATE", "PAST_REF", None)]),
        ("Rain fell in the past many days.", [("the past many days", "DURATION", "PXD", None)]),
        ("It will rain over the next few days.", [("the next few days", "DURATION", "PXD", None)]),
    ],
)  # fmt: skip
def test_the_past_few_units_are_the_past(text, expected):
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2018-07-20")], "text": [text]})
    assert [(r.text, r.type, r.value, r.mod) for r in timex_table(docs).itertuples()] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "one day" between a modal, "to" or a subject pronoun and its verb is "someday": the vague future, as
        # TimeBank annotates "Islam will one day be ..." (FUTURE_REF); elsewhere it stays the duration
        ("Islam will one day be the second largest religion.", [("one day", "DATE", "FUTURE_REF", None)]),
        ("We hope to one day visit.", [("one day", "DATE", "FUTURE_REF", None)]),
        ("He hoped he one day follows them.", [("one day", "DATE", "FUTURE_REF", None)]),
        ("It lasted one day.", [("one day", "DURATION", "P1D", None)]),
        ("She had been in the job one day.", [("one day", "DURATION", "P1D", None)]),
        ("It will take one day.", [("one day", "DURATION", "P1D", None)]),
        ("It will one day and a half.", [("one day and a half", "DURATION", "P1DT12H", None)]),
    ],
)  # fmt: skip
def test_modal_one_day_is_someday(text, expected):
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2018-07-20")], "text": [text]})
    assert [(r.text, r.type, r.value, r.mod) for r in timex_table(docs).itertuples()] == expected
