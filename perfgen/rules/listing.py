"""Rules on what the narrative names and counts: a count that its own list contradicts
(“直属事业单位10个，即……” naming nine), one unit named in two groups of one paragraph, and more
staff in post than the establishment allows with no reason given.

Each reads the clerk's own sentences (:mod:`perfgen.narrative.listings`); where the reading is
unsure — a list closed by 等, a comma in it, a count after the list — the rule stays silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfgen.narrative.listings import listings, names, same_unit
from perfgen.rules.registry import Context, Hit, hit, rule


@rule(
    "count-against-list",
    "warning",
    summary="叙述中写明的个数与紧接着列出的名称个数不符（如“直属事业单位10个，即……”只列出9个）",
    message="文中写“{name}{count}”，其后列出的却是 {listed} 个：{items}",
    blames="写有该列举的段落",
    example="""
basic_info:
  functions:
    text: [局属事业单位3个，即信息中心、评审中心。]
""",
    limits=(
        "只看数字后紧接“即、分别是、分别为、包括、具体为”或冒号、到句末（。；）为止、以顿号分"
        "隔的列举（“包括”之后可能只列一部分，只在列出的多于写明的个数时报告）；以“等”结尾、"
        "含逗号或数字、以“一是”或编号分项的列举不比较；数的是人（名、位）的不比较；名称中有“和、及、与”的，可能是一个名"
        "称（人力资源和社会保障局），也可能是两个，两种数法之一相符即不报告；写在列举之后的个数"
        "（“办公室、预算股等16个股室”）不比较。"
    ),
)
def count_against_list(context: Context) -> Iterator[Hit]:
    for passage in context.passages:
        for listing in listings(passage.text):
            short = listing.partial and listing.most < listing.value  # 包括: may be a part
            if listing.announced and not listing.agrees and not short:
                listed = (
                    str(listing.fewest)
                    if listing.fewest == listing.most
                    else f"{listing.fewest}至{listing.most}"
                )
                yield hit(
                    passage.path,
                    name=listing.name,
                    count=listing.count,
                    listed=listed,
                    items="、".join(listing.items),
                )


@rule(
    "unit-in-two-groups",
    "warning",
    summary="同一段中，同一个单位既列在一类中（如内设机构），又列在另一类中（如直属单位）",
    message="“{other}”列在“{first}”中，“{unit}”又列在“{second}”中：同一单位列入了两类",
    blames="写有这两个列举的段落",
    example="""
basic_info:
  functions:
    text: [内设事业单位2个，信息中心和县评审中心；直属单位2个，即市评审中心、培训中心。]
""",
    limits=(
        "只比较同一段中两个写明个数的列举（“直属单位10个，即……”；没有“即”等引导词时，列出"
        "的名称个数须与写明的个数相符才算列举）；名称开头的地名（县、市、区……）不计，其余须一"
        "字不差；四个字以下的名称不比较。"
    ),
)
def unit_in_two_groups(context: Context) -> Iterator[Hit]:
    for passage in context.passages:
        seen: dict[str, tuple[str, str]] = {}
        for index, listing in enumerate(listings(passage.text)):
            if not listing.agrees and not listing.announced:
                continue
            for written in names(listing):
                key = same_unit(written.strip())
                if len(key) < 4:
                    continue
                first = seen.get(key)
                if first is None:
                    seen[key] = (f"{index}", written)
                    continue
                group, first_written = first
                if group != f"{index}":
                    yield hit(
                        passage.path,
                        unit=written,
                        first=_group_name(passage.text, int(group)),
                        second=listing.name,
                        other=first_written,
                    )


def _group_name(text: str, index: int) -> str:
    for n, listing in enumerate(listings(text)):
        if n == index:
            return listing.name
    return ""


_REASON = re.compile(
    r"借调|借用|抽调|挂职|临时|临聘|聘用|编外|合同制|劳务派遣|派遣|公益性岗位|超编|待分流|分流|"
    r"划转|转隶|机构改革|改革|安置|军转|选调|遗留|原因|聘|雇员|劳务|购买服务|合同"
)
"""Words that give a reason for more staff in post than the establishment allows (借调、划转、
临时聘用 …), or say the report knows of it (超编)."""


@rule(
    "staff-above-establishment",
    "warning",
    summary="实有人数多于编制数，而部门职能一节中没有说明原因（借调、划转、临时聘用等）",
    message="实有人数 {staff} 人多于编制数 {authorized} 人，文中没有说明原因（如借调、划转、"
    "编外聘用）；请核对这两个数字",
    blames="实有人数",
    example="""
basic_info:
  functions:
    staffing: {authorized_headcount: 36, staff_in_post: 38}
""",
    limits=(
        "只比较报告的编制数与实有在职人数；写有其他人员（编外人员）的，或部门职能一节的文字"
        "中提到借调、抽调、划转、转隶、临时或编外聘用、公益性岗位、军转安置、超编等的，不报告。"
    ),
)
def staff_above_establishment(context: Context) -> Iterator[Hit]:
    staffing = context.report.basic_info.functions.staffing
    if staffing is None or not staffing.authorized_headcount or staffing.other_staff:
        return  # no establishment, or 0 (zero-denominator's), or 编外 staff counted in
    if staffing.staff_in_post is None or staffing.staff_in_post <= staffing.authorized_headcount:
        return
    path = ("basic_info", "functions", "staffing", "staff_in_post")
    for passage in context.passages:
        if passage.path[:2] == ("basic_info", "functions") and _REASON.search(passage.text):
            return
    if any(_REASON.search(name) for name in staffing.breakdown):
        return
    yield hit(path, staff=staffing.staff_in_post, authorized=staffing.authorized_headcount)
