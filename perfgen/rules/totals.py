"""The rule on a total the narrative states against the parts it states after “其中”: “支出合计
80.00万元，其中基本支出50.00万元、项目支出40.00万元” (50.00 + 40.00 = 90.00).

Every amount is read as written, so each stands for an interval (50.00 is 49.995 to 50.005);
the parts' sum is an interval too. Parts whose sum exceeds the total contradict it whatever
else the total holds; parts whose sum falls short contradict it only when they claim to be the
whole — the splits every budget makes (docs/domain.md §5: 支出 = 基本支出 + 项目支出, 基本支出 =
人员经费 + 公用经费) — since a “其中” list is often partial.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from perfgen.narrative.mentions import Mention
from perfgen.narrative.totals import LEAD as _LEAD
from perfgen.narrative.totals import Breakdown, breakdowns, part_name
from perfgen.rules.own_rates import rounding_interval, written_places
from perfgen.rules.registry import Context, Hit, hit, rule

_STEM = re.compile(r"(?:决算数|决算|预算数|数|金额)$")
_WHOLES = (
    (frozenset({"基本支出", "项目支出"}), re.compile(r"支出"), re.compile(r"基本|项目")),
    (frozenset({"人员经费", "公用经费"}), re.compile(r"基本支出"), re.compile(r"项目")),
)
"""The complete splits: the parts' names, what the total's name must say, and must not."""


def _quoted(text: str, mention: Mention) -> str:
    """The words of ``text`` from a mention's label to its figure, as written."""
    name = _LEAD.sub("", mention.label)
    start = text.rfind(name, 0, mention.start) if name else -1
    return text[start if start >= 0 else mention.start : mention.start + len(mention.written)]


def _bounds(mention: Mention) -> tuple[Decimal, Decimal]:
    return rounding_interval(mention.value, written_places(mention))


_SOURCE = re.compile(
    r"财政拨款|一般公共预算|政府性基金|国有资本|非税|专户|自筹|其他资金|上级补助|事业收入"
)
"""Names of where money comes from: parts by source and parts by use are two dimensions."""
_USE = re.compile(r"基本支出|项目支出")
_SUB_USE = re.compile(r"人员经费|公用经费|工资福利|商品和服务|对个人和家庭|资本性")
"""The uses' two levels: 基本支出 holds 人员经费 and 公用经费 (docs/domain.md §5)."""


def _one_dimension(breakdown: Breakdown) -> bool:
    """Whether the parts are siblings: all named by source or all by use, of one level, each
    once, none inside another's name (财政拨款收入 within 一般公共预算财政拨款收入)."""
    names = [_STEM.sub("", part_name(m)) for m in breakdown.parts]
    # money received is split by source only; money spent by source or by use
    by_source = {bool(_SOURCE.search(n)) for n in names} if breakdown.kind == "spent" else {1}
    two_levels = any(_USE.search(n) for n in names) and any(_SUB_USE.search(n) for n in names)
    nested = any(a != b and a in b for a in names for b in names)
    return len(by_source) == 1 and not two_levels and not nested and len(set(names)) == len(names)


def _complete(breakdown: Breakdown) -> bool:
    """Whether the parts are a split every budget makes, each part named once."""
    names = [_STEM.sub("", part_name(m)) for m in breakdown.parts]
    label = breakdown.total.label
    return any(
        len(names) == len(parts)
        and set(names) == parts
        and says.search(label)
        and not other.search(label)
        for parts, says, other in _WHOLES
    )


@rule(
    "total-against-parts",
    "warning",
    summary="叙述中写明的合计数与其后“其中”列出的各部分之和不符：各部分之和超过合计数，"
    "或完整的划分（基本支出 + 项目支出，人员经费 + 公用经费）之和不到合计数",
    message="文中写“{total}”，而其中“{listing}”之和为 {summed} 万元",
    blames="写有该合计数的段落",
    example="""
evaluation:
  conclusion: [本年支出合计80.00万元，其中基本支出50.00万元、项目支出40.00万元。]
""",
    limits=(
        "只看“其中”之前同一句或上一句中写明的支出或收入合计，与“其中”之后到句号为止的同类金"
        "额；“其中”之后又有“其中”“含”或括号中的金额（各部分再分项）、写有上年、同比、结转结余、"
        "原值净值或比重的，不比较；各部分之和不到合计数时，只在各部分恰为基本支出与项目支出，"
        "或人员经费与公用经费时报告（“其中”列出的常常只是一部分）；金额按写出的位数理解为区间"
        "，区间有重合就不报告。"
    ),
)
def total_against_parts(context: Context) -> Iterator[Hit]:
    year = context.report.year
    written: dict[tuple[object, ...], list[Mention]] = {}  # each passage's amounts, read once
    for passage, amount in context.amounts:
        written.setdefault(passage.path, []).append(amount)
    for passage in context.passages:
        for breakdown in breakdowns(passage, year, written.get(passage.path, [])):
            low = sum((_bounds(m)[0] for m in breakdown.parts), Decimal(0))
            high = sum((_bounds(m)[1] for m in breakdown.parts), Decimal(0))
            total_low, total_high = _bounds(breakdown.total)
            if not _one_dimension(breakdown):
                continue
            if low > total_high or (high < total_low and _complete(breakdown)):
                summed = sum((m.value for m in breakdown.parts), Decimal(0))
                yield hit(
                    passage.path,
                    total=_quoted(passage.text, breakdown.total),
                    listing="、".join(_quoted(passage.text, m) for m in breakdown.parts),
                    summed=f"{summed:.2f}",
                )
