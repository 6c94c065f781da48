"""The rule on the order of the dates a report states about itself: a report cannot be
written or evaluated before the end of the year it evaluates, nor published before it was
written: a 自评报告 reviews a year that is over, as ``signature-date`` holds for the date of
its signature (docs/domain.md §1 lists the signature's date among the closing parts).

Dates are read by :mod:`perfgen.narrative.dates`; one written to the month stands for the whole
month, and an order is claimed only when no day of the one can follow the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from perfgen.locations import FieldPath
from perfgen.narrative.dates import Stated, published, report_dates
from perfgen.rules.form import texts
from perfgen.rules.registry import Context, Hit, hit, rule

_WEB_PAGE = "网页的发布信息"
"""How the reader names the web page's metadata it left out (:mod:`perfgen.reading.chrome`)."""


def _written(context: Context) -> Iterator[tuple[FieldPath, Stated]]:
    """The dates the text states the report was written or evaluated on, with their
    paragraphs (the signature's date is ``signature-date``'s)."""
    for path, text in texts(context):
        for stated in report_dates(text):
            yield path, stated


def _signed(context: Context) -> Iterator[tuple[FieldPath, Stated]]:
    signature = context.report.signature
    if signature is not None and signature.date is not None:
        day = signature.date
        yield (
            ("signature", "date"),
            Stated("落款日期", f"{day.year}年{day.month}月{day.day}日", day, day),
        )


@rule(
    "date-order",
    "warning",
    summary="报告自述的日期次序不可能：文中写明的报告日期（自评时间、成文日期等）早于所评年度"
    "结束，或网页的发布日期早于报告日期或落款日期",
    message="{what}",
    blames="写有该日期的段落",
    example="""
year: 2023
evaluation:
  conclusion: [报告日期：2023年6月30日。]
""",
    limits=(
        "只读写明名称的日期（报告日期、成文日期、填报日期、自评时间、评价时间等）、落款日期和"
        "网页上的发布日期；落款日期早于年度结束由 signature-date 报告；只写到月的日期按整月"
        "理解（“2021年12月”即 12 月 1 日至 31 日），整月都不可能时才报告；所评年度的 12 月 "
        "31 日不算早于年度结束。"
    ),
)
def date_order(context: Context) -> Iterator[Hit]:
    year = context.report.year
    end = dt.date(year, 12, 31)
    written = list(_written(context))
    for path, stated in written:
        if stated.last < end:
            yield hit(
                path,
                what=f"{stated.label}“{stated.written}”早于所评的{year}年度结束，"
                "自评报告应在年度结束后编写；请核对日期或年度",
            )
    pages = [published(line) for line, why in context.input.source.left_out if _WEB_PAGE in why]
    for page in filter(None, pages):
        for path, stated in [*written, *_signed(context)]:
            if page.last < stated.first:
                yield hit(
                    path,
                    what=f"网页的发布日期 {page.written} 早于文中的{stated.label}"
                    f"“{stated.written}”：报告不能在写成之前发布；请核对日期",
                )
                return
