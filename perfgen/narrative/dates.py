"""Dates a report states about itself: when it was written or evaluated (报告日期、自评时间、
成文日期 …) and when the web page that carries it was published (发布时间 2021-02-26).

A date written to the month only (“自评时间:2021年12月”) stands for every day of that month, so
it is read as an interval (:class:`Stated`); a rule compares intervals and claims an order only
when the two cannot overlap.

What it cannot see: a date without its label (a signature's date is the input's own field), a
year written in Chinese numerals (二〇二一年).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

_LABELLED = re.compile(
    r"(?P<label>报告日期|报告时间|成文日期|编制日期|填报日期|报送日期|自评日期|自评时间|评价日期"
    r"|评价时间|评价完成时间)\s*[:：]?\s*"
    r"(?P<year>\d{4})\s*(?:年|[-./])\s*(?P<month>\d{1,2})\s*(?:月|[-./])?"
    r"(?:\s*(?P<day>\d{1,2})\s*日?)?"
)
_PUBLISHED = re.compile(r"(?P<year>\d{4})[-/.年](?P<month>\d{1,2})[-/.月](?P<day>\d{1,2})")


@dataclass(frozen=True)
class Stated:
    """A date as stated: the first and the last day it may stand for.

    Attributes:
        label: The words it is stated with (“报告日期”, “发布时间”).
        written: The date as written (“2021年12月”).
        first: The earliest day it may be.
        last: The latest day it may be (``first`` for a full date).
    """

    label: str
    written: str
    first: dt.date
    last: dt.date


def _stated(label: str, written: str, year: int, month: int, day: int | None) -> Stated | None:
    if not (1900 < year < 2200 and 1 <= month <= 12):
        return None
    days = calendar.monthrange(year, month)[1]
    if day is None:
        return Stated(label, written, dt.date(year, month, 1), dt.date(year, month, days))
    if not 1 <= day <= days:
        return None
    return Stated(label, written, dt.date(year, month, day), dt.date(year, month, day))


def report_dates(text: str) -> Iterator[Stated]:
    """The dates ``text`` says the report was written or evaluated on (报告日期：2022年5月13日)."""
    if "日期" not in text and "时间" not in text:  # every label ends so: a string search
        return
    for match in _LABELLED.finditer(text):
        day = int(match["day"]) if match["day"] else None
        written = match[0][len(match["label"]) :].strip(" :：")
        found = _stated(match["label"], written, int(match["year"]), int(match["month"]), day)
        if found is not None:
            yield found


def published(line: str) -> Stated | None:
    """The publication date of a line of a web page's metadata (发布时间:2021-02-26 13:05)."""
    match = _PUBLISHED.search(line)
    if match is None:
        return None
    written = match[0]
    return _stated(
        "网页的发布日期",
        written,
        int(match["year"]),
        int(match["month"]),
        int(match["day"]),
    )
