"""The rule on a report's contents list (目录) against the headings of its body: the same
number with another title, or the same title under another number.

Only a report read back has a contents list (:attr:`perfgen.locations.Source.contents`);
perfgen's own reports print none. Headings are compared by their key — the part's number
(一、) and the section's number under it (（一）) — and their title, spaces, punctuation and
the page number a contents line ends with left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from perfgen.narrative.numbering import number_of
from perfgen.rules.registry import Context, Hit, hit, rule

Key = tuple[int, int]
"""A heading's place: (part, section), section 0 for the part's own heading."""

_PAGE = re.compile(r"[\s.…·．_—\-]*\d{0,3}\s*$")
_NOISE = re.compile(r"[\s\u3000，,、：:。；;（）()“”\"'.．…·_—\-]")


def _title(text: str) -> str:
    return _NOISE.sub("", _PAGE.sub("", text))


def _keyed(lines: Iterable[tuple[int, str]], strict: bool) -> dict[Key, tuple[int, str, str]]:
    """The numbered headings of ``lines`` by key, each (index, as written, title); in a
    contents list (``strict``) an unnumbered line ends the part (its sections are skipped)."""
    found: dict[Key, tuple[int, str, str]] = {}
    part: int | None = None
    for index, text in lines:
        number = number_of(text)
        if number is None or number.form not in ("cn", "cn_paren"):
            if strict and text.strip():
                part = None
            continue
        rest = number.rest.strip()
        if not rest or len(rest) > 40 or "。" in rest:
            continue
        if number.form == "cn":
            part = number.value
            key: Key = (part, 0)
        elif part is None:
            continue
        else:
            key = (part, number.value)
        found.setdefault(key, (index, text.strip(), _title(rest)))
    return found


@rule(
    "contents-against-body",
    "warning",
    summary="目录与正文的标题不符：同一编号的标题不同，或同一标题的编号不同",
    message="目录中为“{listed}”，正文中为“{body}”",
    blames="正文中的标题",
    example="""
示例局2024年度部门整体支出绩效自评报告
目录
一、部门基本情况
（一）部门职能
（二）机构设置
二、绩效自评情况
一、部门基本情况
（一）部门职能
本局负责全区统计工作。
（二）人员情况
本局编制10人。
二、绩效自评情况
本局自评得分95分。
""",
    read=True,
    limits=(
        "只在读入的已发布报告中、识别出目录时比较；只比较“一、”和其下“（一）”两级标题；标题"
        "互相包含（目录中的简写）不算不符；目录中没有编号的行之后的“（一）”不比较（不知属于哪"
        "一部分）；正文缺少或多出的标题不报告（摘录的报告可能不全）。"
    ),
)
def contents_against_body(context: Context) -> Iterator[Hit]:
    source = context.input.source
    if not source.contents:
        return
    listed = _keyed(((n, source.document[n]) for n in source.contents), strict=True)
    start = max(source.contents) + 1
    body = _keyed(((n, source.document[n]) for n in range(start, len(source.document))), False)
    by_title = {title: key for key, (_, _, title) in body.items()}
    for key, (_, written, title) in listed.items():
        if not title:
            continue
        if key in body:
            index, heading, other = body[key]
            if other and title not in other and other not in title:
                yield hit(("document", index), listed=written, body=heading)
        elif (moved := by_title.get(title)) is not None and moved != key:
            index, heading, _ = body[moved]
            yield hit(("document", index), listed=written, body=heading)
