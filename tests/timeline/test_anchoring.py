"""Anchoring: hand-written sentences with their document dates, and the values they must get.

2018-07-20 is a Friday; 2019-01-02 a Wednesday; 2018-07-01 a Sunday.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.timeline import timex_table

FRI = "2018-07-20"

CASES = [
    # weekdays: the dateline's own weekday, the day before and after, future tense
    ("The ministers met on Friday.", FRI, [("Friday", "DATE", "2018-07-20", None)]),
    ("The ministers met on Thursday.", FRI, [("Thursday", "DATE", "2018-07-19", None)]),
    ("The talks ended on Saturday.", FRI, [("Saturday", "DATE", "2018-07-14", None)]),
    ("The ministers will meet on Saturday.", FRI, [("Saturday", "DATE", "2018-07-21", None)]),
    ("The ministers will meet on Thursday.", FRI, [("Thursday", "DATE", "2018-07-26", None)]),
    ("On Thursday, the ministers will meet again.", FRI, [("Thursday", "DATE", "2018-07-26", None)]),
    ("She spoke on Thursday and will travel next week.", FRI,
     [("Thursday", "DATE", "2018-07-19", None), ("next week", "DATE", "2018-W30", None)]),
    ("Officials said Monday they will order a recount.", "2018-07-25",
     [("Monday", "DATE", "2018-07-23", None)]),
    ("He left last Friday.", FRI, [("last Friday", "DATE", "2018-07-13", None)]),
    ("They meet next Monday.", FRI, [("next Monday", "DATE", "2018-07-23", None)]),
    ("Talks resumed Thursday night.", FRI, [("Thursday night", "TIME", "2018-07-19TNI", None)]),
    # weeks and months, across the year boundary
    ("Prices fell last week.", "2019-01-02", [("last week", "DATE", "2018-W52", None)]),
    ("Prices fell last week.", FRI, [("last week", "DATE", "2018-W28", None)]),
    ("Trade grew this week.", FRI, [("this week", "DATE", "2018-W29", None)]),
    ("Earlier this month, he resigned.", "2018-07-01", [("Earlier this month", "DATE", "2018-07", "START")]),
    ("Exports rose last month.", "2019-01-02", [("last month", "DATE", "2018-12", None)]),
    ("The law passes later this year.", FRI, [("later this year", "DATE", "2018", "END")]),
    # month names with and without years
    ("He visited in December.", "2019-01-02", [("December", "DATE", "2018-12", None)]),
    ("They met on December 30.", "2019-01-02", [("December 30", "DATE", "2018-12-30", None)]),
    ("They will return in March.", FRI, [("March", "DATE", "2019-03", None)]),
    ("Talks were held in June.", FRI, [("June", "DATE", "2018-06", None)]),
    ("He visited in March 2017.", FRI, [("March 2017", "DATE", "2017-03", None)]),
    ("The deal was signed on July 19, 2018.", FRI, [("July 19, 2018", "DATE", "2018-07-19", None)]),
    ("He was born on 1 May 1950.", FRI, [("1 May 1950", "DATE", "1950-05-01", None)]),
    ("Prices peaked in mid-July.", FRI, [("mid-July", "DATE", "2018-07", "MID")]),
    ("The offer expires Jan. 5.", "2018-12-20", [("Jan. 5", "DATE", "2019-01-05", None)]),
    ("Riots broke out in June last year.", FRI, [("June last year", "DATE", "2017-06", None)]),
    # years: this, next, ago, explicit, edges
    ("Growth slowed this year.", FRI, [("this year", "DATE", "2018", None)]),
    ("Growth will pick up next year.", FRI, [("next year", "DATE", "2019", None)]),
    ("The treaty was signed two years ago.", FRI, [("two years ago", "DATE", "2016", None)]),
    ("Unrest grew late last year.", FRI, [("late last year", "DATE", "2017", "END")]),
    ("The plan dates from 1998.", FRI, [("1998", "DATE", "1998", None)]),
    ("Debt doubled by the end of 2017.", FRI, [("the end of 2017", "DATE", "2017", "END")]),
    ("Three days ago the border closed.", FRI, [("Three days ago", "DATE", "2018-07-17", None)]),
    # seasons, quarters, halves, decades, centuries
    ("It rained last summer.", FRI, [("last summer", "DATE", "2017-SU", None)]),
    ("Talks resume this spring.", "2019-01-05", [("this spring", "DATE", "2019-SP", None)]),
    ("Crops failed in the summer of 2016.", FRI, [("the summer of 2016", "DATE", "2016-SU", None)]),
    ("Profit rose in the third quarter.", "2018-11-02", [("the third quarter", "DATE", "2018-Q3", None)]),
    ("Profit rose in the fourth quarter.", "2019-01-20", [("the fourth quarter", "DATE", "2018-Q4", None)]),
    ("Output fell in the first half of 2018.", FRI, [("the first half of 2018", "DATE", "2018-H1", None)]),
    ("Sales collapsed in the 1990s.", FRI, [("the 1990s", "DATE", "199", None)]),
    ("From the early 1980s to the '90s.", FRI,
     [("the early 1980s", "DATE", "198", "START"), ("the '90s", "DATE", "199", None)]),
    ("Wars marked the 20th century.", FRI, [("the 20th century", "DATE", "19", None)]),
    # durations: recognised, not anchored
    ("He served for three years.", FRI, [("three years", "DURATION", "P3Y", None)]),
    ("For many years, trade grew.", FRI, [("many years", "DURATION", "PXY", None)]),
    ("The talks lasted more than two weeks.", FRI, [("more than two weeks", "DURATION", "P2W", "MORE_THAN")]),
    ("Stocks fell in the past three months.", FRI, [("the past three months", "DURATION", "P3M", None)]),
    ("A five-year plan took 24 hours to pass.", FRI,
     [("five-year", "DURATION", "P5Y", None), ("24 hours", "DURATION", "PT24H", None)]),
    # sets
    ("They met every year.", FRI, [("every year", "SET", "P1Y", None)]),
    ("The paper appears daily.", FRI, [("daily", "SET", "P1D", None)]),
    ("The council sits every Thursday.", FRI, [("every Thursday", "SET", "XXXX-WXX-4", None)]),
    ("Inspectors come twice a week.", FRI, [("twice a week", "SET", "P1W", None)]),
    # deictic words, times, references
    ("He arrived yesterday and leaves tomorrow.", FRI,
     [("yesterday", "DATE", "2018-07-19", None), ("tomorrow", "DATE", "2018-07-21", None)]),
    ("He spoke this morning and last night.", FRI,
     [("this morning", "TIME", "2018-07-20TMO", None), ("last night", "TIME", "2018-07-19TNI", None)]),
    ("The vote starts at 10:30 a.m. on Thursday.", FRI, [("10:30 a.m. on Thursday", "TIME", "2018-07-19T10:30", None)]),
    ("Relations are now better than in the past.", FRI,
     [("now", "DATE", "PRESENT_REF", None), ("the past", "DATE", "PAST_REF", None)]),
    ("Q3 2018 was weak.", FRI, [("Q3 2018", "DATE", "2018-Q3", None)]),
    ("In nineteen ninety-six the party won.", FRI, [("nineteen ninety-six", "DATE", "1996", None)]),
]

BAD_INPUT = [
    # no date: relative expressions get X placeholders, explicit ones keep their value
    ("He spoke on Thursday and in July.", None,
     [("Thursday", "DATE", "XXXX-WXX-4", None), ("July", "DATE", "XXXX-07", None)]),
    ("Prices fell last week and two years ago.", None,
     [("last week", "DATE", "XXXX-WXX", None), ("two years ago", "DATE", "XXXX", None)]),
    ("The deal was signed on July 19, 2018, yesterday.", None,
     [("July 19, 2018", "DATE", "2018-07-19", None), ("yesterday", "DATE", "XXXX-XX-XX", None)]),
    # impossible dates: kept as expressions, value unknowable
    ("The deal was signed on February 30.", FRI, [("February 30", "DATE", "XXXX-XX-XX", None)]),
    ("It was dated 2018-02-30.", FRI, [("2018-02-30", "DATE", "XXXX-XX-XX", None)]),
    ("It was dated February 29, 2019.", FRI, [("February 29, 2019", "DATE", "XXXX-XX-XX", None)]),
    # years far out of range: no crash, no impossible value
    ("Three days ago the border closed.", "0001-01-02", [("Three days ago", "DATE", "XXXX-XX-XX", None)]),
    ("It will be settled next year.", "9999-12-30", [("next year", "DATE", "XXXX-XX-XX", None)]),
    ("In 3000 years from now.", FRI, [("3000 years from now", "DATE", "5018", None)]),
    ("Item 9999 costs $1999 or 2000%.", FRI, []),
]

# newswire conventions (TimeML / TimeBank), each a rule, not a gold phrase
NEWSWIRE = [
    # a sentence opened by the expression, then its subject and a reporting verb: the report's date, past
    ("In September, it announced plans to expand.", "2018-07-20", [("September", "DATE", "2017-09", None)]),
    ("On Thursday, the ministry said it will act.", FRI, [("Thursday", "DATE", "2018-07-19", None)]),
    # ... not a date at the end of a clause that the attribution follows
    ("Holders of record Dec. 16, the company said, will be paid.", "2018-11-01",
     [("Dec. 16", "DATE", "2018-12-16", None)]),
    # "the past year", "the next year" (no number): the calendar year before or after, as TimeBank annotates
    ("Hate groups grew over the past year.", FRI, [("the past year", "DATE", "2017", None)]),
    ("The plant will close over the next year.", FRI, [("the next year", "DATE", "2019", None)]),
    # a rate after a quantity is no temporal expression; the same words alone still are
    ("The preferred pays $1.76 a year and 20% annually.", FRI, []),
    ("Qantas adds 700 seats a week.", FRI, []),
    ("He served for a year and is reviewed annually.", FRI,
     [("a year", "DURATION", "P1Y", None), ("annually", "SET", "P1Y", None)]),
    # year-end: the end of the dateline's year
    ("The deal should close by year-end.", FRI, [("year-end", "DATE", "2018", "END")]),
    ("Rules will be in place by year's end.", FRI, [("year's end", "DATE", "2018", "END")]),
    # after a deadline word, the nearest such date, either side of the dateline
    ("Shares bought through July 12 rose.", FRI, [("July 12", "DATE", "2018-07-12", None)]),
    ("The offer was extended to July 27.", FRI, [("July 27", "DATE", "2018-07-27", None)]),
    ("Dividends are payable Jan. 2.", "2018-12-20", [("Jan. 2", "DATE", "2019-01-02", None)]),
    # quarters: the one just ended is still reported on; year-ago and year-led quarters
    ("Its third-quarter results will be lower.", "2018-10-26", [("third-quarter", "DATE", "2018-Q3", None)]),
    ("Profit rose in the year-ago third quarter.", "2018-10-26",
     [("the year-ago third quarter", "DATE", "2017-Q3", None)]),
    ("Sales fell from last year's quarter.", "2018-10-26", [("last year's quarter", "DATE", "2017-Q3", None)]),
    ("Net rose in the 2017 second quarter.", "2018-10-26", [("the 2017 second quarter", "DATE", "2017-Q2", None)]),
    # "the (fiscal) year ended June 30": a stretch of a year; "the year" alone: this one
    ("Earnings fell in the fiscal year ended March 31.", FRI,
     [("the fiscal year", "DURATION", "P1Y", None), ("March 31", "DATE", "2018-03-31", None)]),
    ("Earnings fell for the fiscal year.", FRI, [("the fiscal year", "DATE", "2018", None)]),
    ("In the year ended June 30, sales rose.", FRI,
     [("the year", "DURATION", "P1Y", None), ("June 30", "DATE", "2018-06-30", None)]),
    ("The year was hard.", FRI, [("The year", "DATE", "2018", None)]),
    # tense: an initial's period does not end the clause; "next to" and "had been scheduled" are not future
    ("Mr. Schwarz will succeed Daniel P. Davison Feb. 1.", "1989-10-26", [("Feb. 1", "DATE", "1990-02-01", None)]),
    ("The vote had been scheduled for Thursday.", FRI, [("Thursday", "DATE", "2018-07-19", None)]),
    ("The blasts next to the embassies on Friday killed 12.", "1998-08-08", [("Friday", "DATE", "1998-08-07", None)]),
    ("The talks are set to resume Monday.", FRI, [("Monday", "DATE", "2018-07-23", None)]),
    # a year after "mid-"; a century without "the"
    ("Trade grew in mid-1996.", FRI, [("mid-1996", "DATE", "1996", "MID")]),
    ("Its 11th century walls still stand.", FRI, [("11th century", "DATE", "10", None)]),
    # a clock time with a date: that day; the nearest such date after a deadline word
    ("The offer was extended until 5 p.m. EST, Aug. 3.", FRI, [("5 p.m. EST, Aug. 3", "TIME", "2018-08-03T17:00", None)]),
    # a reporting verb right after the expression dates the report, whatever the reported clause says
    ("Bush on Tuesday said the embargo may be extended.", FRI, [("Tuesday", "DATE", "2018-07-17", None)]),
    # vague stretches and references to the future
    ("Prices will stay high in the near term.", FRI, [("the near term", "DATE", "FUTURE_REF", None)]),
    ("Talks resume in the weeks ahead.", FRI, [("the weeks ahead", "DURATION", "PXW", None)]),
    ("Trade doubled over the years.", FRI, [("the years", "DURATION", "PXY", None)]),
    ("Growth will slow over the next couple of years.", FRI, [("the next couple of years", "DURATION", "P2Y", "APPROX")]),
    ("Prisoners were taken in the first hours of the war.", FRI, [("the first hours", "DURATION", "PTXH", None)]),
    ("The base stays for at least 20 more years.", FRI, [("at least 20 more years", "DURATION", "P20Y", "EQUAL_OR_MORE")]),
    ("They lived in camps for 2 1/2 years.", FRI, [("2 1/2 years", "DURATION", "P2Y6M", None)]),
    # a fraction is not a duration
    ("Iraq imports three-quarters of its food.", FRI, []),
    # parts of a day, seasons without a year
    ("By mid-afternoon yesterday, shares were up.", FRI, [("mid-afternoon yesterday", "TIME", "2018-07-19TAF", "MID")]),
    ("Sales slowed in the early summer.", "1989-10-26", [("the early summer", "DATE", "1989-SU", "START")]),
    ("He will visit in the winter.", FRI, [("the winter", "DATE", "2018-WI", None)]),
    # a company's reporting period, where quarters are spoken of
    ("Its quarter was weak: sales in the latest period fell.", "1989-10-26",
     [("the latest period", "DATE", "1989-Q3", None)]),
    ("Sales in the latest period fell.", "1989-10-26", []),
    ("Sales fell from the year-ago period.", "1989-10-26", [("the year-ago period", "DATE", "1988-10", None)]),
    ("Profit rose from the year-ago period, the company said of its quarter.", "1989-10-26",
     [("the year-ago period", "DATE", "1988-Q3", None)]),
]


def _timexes(text: str, date: str | None) -> list[tuple]:
    docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp(date) if date else pd.NaT], "text": [text]})
    table = timex_table(docs)
    return list(zip(table.text, table.type.astype(str), table.value, table["mod"]))


def test_the_suite_has_at_least_forty_sentences():
    assert len(CASES) >= 40


@pytest.mark.parametrize(("text", "date", "expected"), CASES, ids=[case[0][:40] for case in CASES])
def test_anchoring(text, date, expected):
    assert _timexes(text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), NEWSWIRE, ids=[case[0][:40] for case in NEWSWIRE])
def test_newswire_conventions(text, date, expected):
    assert _timexes(text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), BAD_INPUT, ids=[case[0][:40] for case in BAD_INPUT])
def test_bad_input(text, date, expected):
    assert _timexes(text, date) == expected


def test_anchor_column_is_the_document_date():
    docs = pd.DataFrame(
        {"doc_id": ["a", "b"], "date": pd.to_datetime(["2018-07-20", None]), "text": ["on Thursday", "on Thursday"]}
    )
    table = timex_table(docs)
    assert table.anchor.iloc[0] == pd.Timestamp("2018-07-20") and pd.isna(table.anchor.iloc[1])
    assert table.value.tolist() == ["2018-07-19", "XXXX-WXX-4"]
