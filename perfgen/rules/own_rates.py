"""A rate the narrative states against the rate of the amounts it states beside it: “年度资金总额
4753.66万元，全年执行数3824.26万元，执行率100%” (3824.26 ÷ 4753.66 = 80.45%).

The rule needs nothing of the report's structured figures: the sentence itself gives the budget
(the whole), the spending (the part) and the rate. Both amounts are read as written, so each
stands for an interval (4753.66 is anything from 4753.655 to 4753.665); the stated rate, rounded
half-up at its own decimals, is an interval too (80% is 79.5% up to 80.5%). A finding is made
only when the two intervals do not meet, so a rate correctly rounded from the exact amounts is
never reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from decimal import Decimal

from perfgen.arithmetic import HUNDRED, quantize
from perfgen.narrative.forms import form_rows
from perfgen.narrative.mentions import SENTENCE_END, Mention
from perfgen.narrative.passages import Passage
from perfgen.narrative.subjects import other_periods, subordinate
from perfgen.rules.registry import Context, Hit, hit, rule

_SPENDING_RATE = re.compile(r"(?:执行(?:完成)?率|(?:预算|支出)完成率|执行进度)$")
"""How a sentence names the share of a budget spent (预算执行率, 执行率, 预算完成率)."""
_PART = re.compile(
    r"(?:执行数|执行金额|支出数|支出|决算数|决算|决算总数|决算总额|实际支出|实际使用)$"
)
"""How it names the amount spent."""
_WHOLE = re.compile(r"(?:预算数|预算总数|预算总额|预算|资金总额|资金总数|资金总量|总额|预算安排)$")
"""How it names the budget the amount spent is a share of (checked after :data:`_PART`, so
支出决算总额 is spending)."""
_NOT_THE_WHOLE = re.compile(r"执行|支出|决算|收入")


def _sentences(context: Context) -> Iterator[tuple[Passage, Mention, Mention, Mention]]:
    """Each spending rate with the budget and the spending written before it in its sentence,
    each stated once (the same value twice is once); read in one pass over each passage."""
    by_passage: dict[int, list[tuple[int, int, Mention]]] = {}
    for passage, amount in context.amounts:
        if not amount.approximate:
            by_passage.setdefault(id(passage), []).append((amount.start, 0, amount))
    for passage, rate in context.rates:
        if not rate.approximate and _SPENDING_RATE.search(rate.label):
            by_passage.setdefault(id(passage), []).append((rate.start, 1, rate))
    for passage in context.passages:
        if id(passage) not in by_passage:
            continue  # no amount or rate: nothing to read, its sentences aside
        events = sorted(by_passage[id(passage)], key=lambda e: (e[0], e[1]))
        ends = [m.start() for m in SENTENCE_END.finditer(passage.text)]
        sentence = -1
        parts: dict[Decimal, Mention] = {}
        wholes: dict[Decimal, Mention] = {}
        for start, is_rate, mention in events:
            if (here := bisect.bisect_left(ends, start)) != sentence:
                sentence, parts, wholes = here, {}, {}
            if not is_rate:
                if _PART.search(mention.label):
                    parts[mention.value] = mention
                elif _WHOLE.search(mention.label) and not _NOT_THE_WHOLE.search(mention.label):
                    wholes[mention.value] = mention
            elif len(parts) == 1 and len(wholes) == 1:
                yield passage, mention, next(iter(wholes.values())), next(iter(parts.values()))


def written_places(amount: Mention) -> int:
    """The decimals of an amount in 万元 as written (3 decimals of 元 are 7 of 万元)."""
    if amount.written.endswith("亿元"):
        return amount.decimals - 4
    return amount.decimals + (0 if amount.written.endswith("万元") else 4)


def rounding_interval(value: Decimal, places: int) -> tuple[Decimal, Decimal]:
    """What a number written with ``places`` decimals may stand for, rounded half-up."""
    half = Decimal(5).scaleb(-places - 1)
    return value - half, value + half


@rule(
    "rate-against-amounts",
    "warning",
    summary="叙述中写明的执行率与同一句中写明的预算数和执行数（支出数）之比不符，即使按文中"
    "写出的位数四舍五入也对不上",
    message="文中写“{label}{written}”，而{where}{part_label}{part} ÷ {whole_label}{whole} "
    "= {value}%",
    blames="写有该比率的段落",
    example="""
evaluation:
  conclusion: [年度资金总额4753.66万元，全年执行数3824.26万元，执行率100%。]
""",
    limits=(
        "只比较同一句中、比率之前各写明一次的预算数（预算数、预算总额、资金总额等）和执行数（执"
        "行数、支出数、决算数等）；写了两个不同的预算数或执行数、用了约数、写明其他年度或下属单位"
        "的，不比较；金额和比率都按写出的位数理解为一个区间（4753.66 即 4753.655 至 4753.665，"
        "80% 即 79.5% 至 80.5%），两个区间有重合就不报告。表格只读标准自评表“年初预算数、全年"
        "预算数、全年执行数、分值、执行率、得分”的表头下、逐格读出的一行（执行率 = 全年执行数 ÷ "
        "全年预算数）；其他表格不读。"
    ),
)
def rate_against_amounts(context: Context) -> Iterator[Hit]:
    year = context.report.year
    for passage, rate, whole, part in _sentences(context):
        elsewhere = other_periods(rate, year) or subordinate(rate.label)
        if not elsewhere and _contradicts(rate, whole, part):
            yield _hit(passage, rate, whole, part, where="同句的")
    for passage, rate, whole, part in form_rows(context.passages):
        if _contradicts(rate, whole, part):
            yield _hit(passage, rate, whole, part, where="表中同一行的")


def _contradicts(rate: Mention, whole: Mention, part: Mention) -> bool:
    """Whether no budget and spending the written amounts may stand for gives the written rate
    (each rounded half-up at its written decimals)."""
    low_whole, high_whole = rounding_interval(whole.value, written_places(whole))
    low_part, high_part = rounding_interval(part.value, written_places(part))
    if low_whole <= 0:
        return False
    low = low_part / high_whole * HUNDRED
    high = high_part / low_whole * HUNDRED
    low_rate, high_rate = rounding_interval(rate.value, rate.decimals)
    # the stated rate stands for [low_rate, high_rate) under half-up rounding
    return high_rate <= low or low_rate > high


def _hit(passage: Passage, rate: Mention, whole: Mention, part: Mention, where: str) -> Hit:
    return hit(
        passage.path,
        label=rate.label,
        written=rate.written,
        where=where,
        part_label=part.label,
        part=part.written,
        whole_label=whole.label,
        whole=whole.written,
        value=quantize(part.value / whole.value * HUNDRED, max(rate.decimals, 2)),
    )
