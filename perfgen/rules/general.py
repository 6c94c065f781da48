"""Rules on the report as a whole: its year, its date, and what is still to be written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from perfgen.input.validation import describe
from perfgen.placeholders import FILL, UPDATE
from perfgen.rules.registry import Context, Hit, hint, hit, rule

YEARS_BACK = 10
"""A report evaluates one of the last ten finished years."""


@rule(
    "year-range",
    "warning",
    summary="评价年度不在最近十个已结束的年度内",
    message="评价年度 {year} 不在合理范围（{first}–{last}）：自评报告评价的是已结束的年度",
    blames="year",
    example="""
year: 2025
""",
)
def year_range(context: Context) -> Iterator[Hit]:
    year, now = context.report.year, context.today.year
    if not now - YEARS_BACK <= year < now:
        yield hit(("year",), year=year, first=now - YEARS_BACK, last=now - 1)


@rule(
    "signature-date",
    "error",
    summary="落款日期早于评价年度结束（自评报告在年度结束后成文）",
    message="落款日期 {date} 早于评价年度 {year} 年结束，自评报告应在年度结束后成文",
    blames="signature.date",
    example="""
signature: {unit: 本办, date: 2024-06-14}
""",
)
def signature_date(context: Context) -> Iterator[Hit]:
    report = context.report
    signature = report.signature
    if signature and signature.date and signature.date <= dt.date(report.year, 12, 31):
        yield hit(("signature", "date"), date=signature.date.isoformat(), year=report.year)


@rule(
    "placeholder",
    "warning",
    summary="还留有占位符：`【待填写】`（尚未填写）或 `【待更新】`（沿用上年、尚未更新）；每处一条",
    message="{state}{what}：{action}",
    review="{seen}",
    blames="留有占位符的字段",
    example="""
problems: [【待更新】满意度调查工作不够全面]
""",
    hints=(
        "audit 读入的已发布报告中没有读到的项（读入时记为“【待填写】”）：报告可能没有写，也可能"
        "写在读入时认不出的地方，无法确定；报告原文中真的留有占位符时仍是警告。"
    ),
)
def placeholder(context: Context) -> Iterator[Hit]:
    read_back = context.read_back
    for path, text in context.input.pending.items():
        description = describe(path)
        what = f"（{description}）" if description else ""
        subject = re.split(r"[（(，；]", description)[0] if description else ""
        if read_back and text.strip() == FILL:  # the reader found nothing there
            seen = f"原文中没有读到{subject or '这一项'}"
            yield hint(path, state="尚未填写", what=what, action=seen, seen=seen)
        elif FILL in text:
            seen = f"原文中{subject}{'处' if subject else ''}留有“{FILL}”，尚未填写"
            action = f"请把“{FILL}”换成实际内容"
            yield hit(path, state="尚未填写", what=what, action=action, seen=seen)
        else:
            action = f"请按本年实际修改，并删去“{UPDATE}”"
            seen = (
                f"原文中{subject}{'处' if subject else ''}留有“{UPDATE}”，沿用上年的内容，尚未更新"
            )
            yield hit(path, state="沿用上年的内容，尚未更新", what=what, action=action, seen=seen)
