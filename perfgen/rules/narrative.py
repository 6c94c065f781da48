"""Rules on the narrative's figures: what the clerk's text says against the structured figures
and against itself (the rules on its wording are in :mod:`perfgen.rules.wording`).

Every rule here is a warning: the text is the clerk's, and each reading
(:mod:`perfgen.narrative`) has limits its module states. They run on every text field of the
report (:func:`perfgen.narrative.passages.passages`), the 自评表's texts included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from perfgen.arithmetic import HUNDRED, quantize
from perfgen.figures import IndicatorResult
from perfgen.narrative.labels import Known, named
from perfgen.narrative.mentions import Mention, amounts
from perfgen.narrative.passages import Passage
from perfgen.narrative.subjects import other_periods, subordinate
from perfgen.narrative.typos import SLIPS, slip
from perfgen.rules.registry import Context, Hit, hit, rule
from perfgen.rules.wording import place_of

_INDICATOR_RATE = re.compile(r"完成(?:指标)?率$")
"""How narrative names an indicator's completion rate (指标完成率, 完成指标率)."""


def _same(written: Decimal, value: Decimal) -> bool:
    """Whether an amount as written is the figure: equal, or, written in 元 with more decimals
    than 万元 keeps (1451077.73元), equal once rounded to the figure's two decimals."""
    exponent = written.as_tuple().exponent
    more = isinstance(exponent, int) and exponent < -2
    return written == value or (more and quantize(written, 2) == value)


@rule(
    "amount-differs",
    "warning",
    summary="叙述中写明是某项数字的金额（如“支出决算总数2503.22万元”）与该项的数字不符",
    message="文中写“{words}{written}”，而{name}为 {value} 万元（{field}）{hint}",
    blames="写有该金额的段落",
    example="""
basic_info:
  finances:
    expenditure: {total: 2503.53, basic: 1897.96, project: 605.58}
    income: {total: 2514.62, appropriation: 2503.22, other: 11.40}
evaluation:
  conclusion: [本年支出决算总数2503.22万元，较好地完成了年度目标。]
""",
    limits=(
        "只认得紧接在金额前的常用名称（总支出、支出决算总数、年初预算、项目支出等，见 perfg"
        "en/narrative/labels.py）；名称离数字较远、用代词指代或写“上年”“"
        "同比”的，不比较；写明其他年度、半年、季度或月份（“2023年项目支出”“截至6月底”）"
        "或下属、所属、二级单位的，不比较；约数（近、约、余、多）不比较。"
    ),
)
def amount_differs(context: Context) -> Iterator[Hit]:
    known = context.known
    by_value = {k.value: k for k in known.values()}
    basis = context.report.basic_info.finances.basis
    for passage, mention in context.amounts:
        naming = named(mention.label, known, rate=False, basis=basis)
        if (
            naming is None
            or mention.approximate
            or _elsewhere(context, mention)
            or _same(mention.value, naming.figure.value)
        ):
            continue
        figure = naming.figure
        other = by_value.get(mention.value)
        kind = slip(mention.value, figure.value)
        hint = f"；两者{SLIPS[kind]}，疑为笔误" if kind else ""
        hint += f"；{mention.value} 万元是{other.name}" if other else ""
        yield hit(
            passage.path,
            words=naming.words,
            written=mention.written,
            name=figure.name,
            value=f"{figure.value:.2f}",
            field=".".join(map(str, figure.path)),
            hint=hint,
        )


@rule(
    "amount-slip",
    "warning",
    summary="叙述中未写明是哪项数字的金额，与报告中另一金额只差一处笔误（相邻两位颠倒、一位数字不同或"
    "小数点错位），且与报告中的数字都不相同",
    message="文中的 {written} 与{other}（{other_value} 万元）{slip}，请核对哪个正确",
    blames="写有该金额的段落",
    example="""
basic_info:
  finances:
    expenditure: {total: 1234.56, basic: 1000.00, project: 234.56}
evaluation:
  conclusion: [全年共使用资金1243.56万元，较好地完成了年度目标。]
""",
    limits=(
        "只认一处笔误：两处以上不同、漏写或多写一位数字都不报告；有效数字少于四位的小金额不比较（"
        "一位之差多属巧合）；比较对象是报告中的数字和前文的金额；写明上年、其他年度、半年或月"
        "份、下属单位的金额，以及比较的另一方（较上年的……）不比较；写到元、比万元的两位小数更"
        "细的金额（989312.11元）不比较。"
    ),
)
def amount_slip(context: Context) -> Iterator[Hit]:
    known_by_key = context.known
    known = list(known_by_key.values())
    basis = context.report.basic_info.finances.basis
    mentioned = context.amounts
    # an amount named as a figure is amount-differs' to report, wherever else it is written
    named_values = {
        m.value for _, m in mentioned if named(m.label, known_by_key, rate=False, basis=basis)
    }
    # the year evaluated's own amounts, decided once for each (it reads the whole sentence)
    own = [not m.approximate and not _finer(m) and _this_years(context, m) for _, m in mentioned]
    for index, (passage, mention) in enumerate(mentioned):
        if (
            not own[index]
            or mention.value in named_values
            or any(k.value == mention.value for k in known)
        ):
            continue
        candidates = [(k.name, k.value) for k in known]
        candidates += [
            (f"{place_of(context, p.path)}的“{m.written}”", m.value)
            for (p, m), usable in zip(mentioned[:index], own, strict=False)
            if usable
        ]
        for name, value in candidates:
            kind = slip(mention.value, value)
            if kind is not None:
                yield hit(
                    passage.path,
                    written=mention.written,
                    other=name,
                    other_value=f"{value:.2f}",
                    slip=SLIPS[kind],
                )
                break


def _elsewhere(context: Context, mention: Mention) -> bool:
    """Whether a mention is written for another period (2023年…, 上半年…) or for subordinate
    units (下属单位…), so that the report's figure of the same name is not what it states."""
    return bool(other_periods(mention, context.report.year)) or subordinate(mention.label)


def _finer(amount: Mention) -> bool:
    """Whether an amount was written in 元, finer than 万元's two decimals (989312.11元 is
    98.931211 万元): its written digits are not the digits of a figure in 万元, so one differing
    digit once it is rounded to 万元 is no slip of the pen."""
    exponent = amount.value.as_tuple().exponent
    in_yuan = not amount.written.endswith(("万元", "亿元"))
    return in_yuan and isinstance(exponent, int) and exponent < -2


_OTHER_YEAR = re.compile(r"上年|去年|上一年|前年|同比|较|比\d{4}|比上")
"""Words in a label that make its amount last year's, or the other side of a comparison."""


def _this_years(context: Context, mention: Mention) -> bool:
    """Whether an amount is the unit's own for the year evaluated: not of another period, of
    subordinate units or the other side of a comparison (“较上年的1520.30万元”)."""
    return not (_elsewhere(context, mention) or _OTHER_YEAR.search(mention.label))


def _indicator(context: Context, sentence: str) -> IndicatorResult | None:
    """The indicator named last in ``sentence``, among the report's indicators."""
    results = list(context.figures.indicators)
    if context.figures.table:
        results += [row.result for row in context.figures.table.rows]
    found = [(sentence.rfind(r.indicator.name), r) for r in results if r.indicator.name in sentence]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _stated_rate(
    context: Context, mention: Mention, known: dict[str, Known]
) -> tuple[str, Decimal | None] | None:
    """The report's own value of the rate a mention states: (its name, value or ``None`` when
    it cannot be computed), or ``None`` when the mention names no rate perfgen knows."""
    label = mention.label
    if label.startswith("占") or "占" in label[-8:]:
        whole = _share_whole(context, label)
        before = [m for m in amounts(_sentence_passage(mention))]
        if whole is None or not before or whole[1] == 0:
            return None
        return f"{before[-1].written}占{whole[0]}的比重", before[-1].value / whole[1] * HUNDRED
    if _INDICATOR_RATE.search(label) and "预算" not in label and "支出" not in label:
        result = _indicator(context, mention.sentence)
        if result is None:
            return None
        rate = result.completion_rate
        name = f"指标“{result.indicator.name}”的完成率"
        return name, rate if isinstance(rate, Decimal) else None
    naming = named(label, known, rate=True)
    return (naming.figure.name, naming.figure.value) if naming else None


def _sentence_passage(mention: Mention) -> Passage:
    """The sentence before a mention, as a passage of its own (to read the amounts in it)."""
    return Passage(mention.path, mention.sentence, False)


def _share_whole(context: Context, label: str) -> tuple[str, Decimal] | None:
    figures = context.figures
    wholes: list[tuple[str, object]] = [
        ("总收入", figures.income.total if figures.income else None),
        ("总支出", figures.expenditure.total if figures.expenditure else None),
        ("总费用", figures.expense.total if figures.expense else None),
    ]
    for name, value in wholes:
        if name in label and isinstance(value, Decimal):
            return name, value
    return None


@rule(
    "rate-differs",
    "warning",
    summary="叙述中写明的比率（预算执行率、各项占比、指标完成率等）与按报告数字计算或填写的不符"
    "（按文中写出的小数位比较）",
    message="文中写“{label}{written}”，而{name}为 {value}%",
    blames="写有该比率的段落",
    example="""
basic_info:
  finances:
    expenditure: {total: 2503.53}
    budget: {adjusted: 2526.63}
evaluation:
  conclusion: [预算执行完成率为99.07%，较好地完成了年度目标。]
""",
    limits=(
        "只认得常用的比率名称（预算执行率及其基本、项目支出，占总收入/总支出/总费用的比重，结转"
        "结余率等）和指标名称后的完成率；“超过95%”“约95%”这类界限与约数不比较；写明其他"
        "年度、半年、季度或月份，或下属、二级单位的比率不比较；按文中写出的小数位比较，所以写"
        "作整数的比率只按整数核对。"
    ),
)
def rate_differs(context: Context) -> Iterator[Hit]:
    known = context.known
    for passage, mention in context.rates:
        if mention.approximate or _elsewhere(context, mention):
            continue
        stated = _stated_rate(context, mention, known)
        if stated is None:
            continue
        name, value = stated
        if value is not None and quantize(value, mention.decimals) != mention.value:
            places = max(mention.decimals, 2)
            yield hit(
                passage.path,
                label=mention.label,
                written=mention.written,
                name=name,
                value=quantize(value, places),
            )


@rule(
    "rate-unverifiable",
    "warning",
    summary="叙述中写了指标完成率，但该指标没有年度指标值（目标值），读者无法核对",
    message="文中写“{label}{written}”，但指标“{name}”没有年度指标值，完成率无法核对；请填写 target",
    review="文中写“{label}{written}”，但报告没有写明指标“{name}”的年度指标值（目标值），完成率无法核对",
    blames="写有该比率的段落",
    example="""
evaluation:
  duty_effectiveness:
    indicators:
      - {kind: output, name: 业务岗位培训人数, actual: 88, unit: 人次}
  conclusion: [业务岗位培训人数88人次，指标完成率为110%。]
""",
    limits=("只看同一句中前面出现了指标名称的完成率；定性指标按完成情况计算，不在此列。"),
)
def rate_unverifiable(context: Context) -> Iterator[Hit]:
    for passage, mention in context.rates:
        if not _INDICATOR_RATE.search(mention.label) or "预算" in mention.label:
            continue
        result = _indicator(context, mention.sentence)
        if result is not None and result.completion_rate is None and result.target is None:
            yield hit(
                passage.path,
                label=mention.label,
                written=mention.written,
                name=result.indicator.name,
            )
