"""Rules on the finances of part 一（四）: totals, shares, execution rates, divisors, last
year's figures (docs/domain.md §2, §5).

Over 300 lines because each of its eight rules is declared with its Chinese summary, message
and example input (docs/checks.md is generated from them); the logic of each is short.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from perfgen.arithmetic import HUNDRED, as_typed, money
from perfgen.figures import Rate
from perfgen.figures.catalogue import FIN, figure, short_of
from perfgen.locations import FieldPath
from perfgen.rules.registry import Context, Hit, hit, rule
from perfgen.rules.stated_sums import known_sum, sums

TOLERANCE_PER_PART = Decimal("0.01")
"""Rounding tolerance of a total against its parts, in 万元 per summed part (docs/domain.md §5)."""

RATE_TOLERANCE = Decimal("0.01")
"""How far (in 个百分点) rates may differ for rounding."""


def _compared(
    label: str, total: Decimal, parts: Sequence[tuple[str, object]], summed: Decimal
) -> dict[str, object]:
    """The message values that state a total against its parts."""
    return {
        "label": label,
        "total": money(total),
        "parts": "、".join(
            f"{name} {money(a)} 万元" for name, a in parts if isinstance(a, Decimal)
        ),
        "summed": money(summed),
        "difference": money(abs(total - summed)),
    }


@rule(
    "sum-mismatch",
    "error",
    summary="填写的合计数与各分项之和相差超过舍入误差（每个分项 0.01 万元）：总收入 = 一般公共预算"
    "财政拨款收入 + 其他收入；总支出 = 基本支出 + 项目支出；基本支出 = 人员经费 + 公用经费；"
    "调整后预算 = 基本支出预算 + 项目支出预算 = 按收入性质分的各项资金之和（只填了部分来源时，"
    "仅在已填各项之和已超过调整后预算时报告）；固定资产原值 = 累计折旧 + 净值",
    message="{label} {total} 万元与{parts}之和 {summed} 万元相差 {difference} 万元，超过允许的"
    "舍入误差 {allowed} 万元（每项 {per_part} 万元）；请核对合计数或各分项",
    blames="填写的合计数",
    example="""
basic_info:
  finances:
    expenditure: {basic: 1496.13, personnel: 1356.00, public: 130.12}
""",
    limits=(
        "只有合计与全部分项都填写时才比较：资金来源只填了几项时，未填的来源可能补足差额，只在已填"
        "各项之和已超过调整后预算时报告；未填累计折旧时不比较固定资产原值与净值。净值 = 原值 − "
        "累计折旧是行政事业单位（政府会计制度，不计提减值准备）的口径。"
    ),
)
def sum_mismatch(context: Context) -> Iterator[Hit]:
    for path, label, total, parts in sums(context):
        summed = known_sum(total, parts)
        allowed = TOLERANCE_PER_PART * len(parts)
        if summed is None or not isinstance(total, Decimal) or abs(total - summed) <= allowed:
            continue
        compared = _compared(label, total, parts, summed)
        yield hit(path, **compared, allowed=money(allowed), per_part=TOLERANCE_PER_PART)


@rule(
    "sum-rounded",
    "warning",
    summary="合计数与各分项之和相差在舍入误差之内，但有分项未写到两位小数（如“1356”）：疑为把"
    "分项取了整，使合计对不上",
    message="{label} {total} 万元与{parts}之和 {summed} 万元相差 {difference} 万元，而{rounded}"
    "没有写到两位小数；请按账面数字写到分",
    blames="填写的合计数",
    example="""
basic_info:
  finances:
    expenditure: {basic: 1496.13, personnel: 1356, public: 140.12}
""",
    limits=(
        "只在合计与分项之差不为零、又在舍入容差之内时看分项的小数位：分项写足两位小数时，这一差额"
        "按舍入处理，不报告。"
    ),
)
def sum_rounded(context: Context) -> Iterator[Hit]:
    for path, label, total, parts in sums(context):
        summed = known_sum(total, parts)
        if summed is None or not isinstance(total, Decimal) or total == summed:
            continue
        if abs(total - summed) > TOLERANCE_PER_PART * len(parts):
            continue  # sum-mismatch reports it
        rounded = [
            f"{name}（{a}）"
            for name, a in parts
            if isinstance(a, Decimal) and -a.as_tuple().exponent < 2  # type: ignore[operator]
        ]
        if rounded:
            yield hit(path, **_compared(label, total, parts, summed), rounded="、".join(rounded))


@rule(
    "share-sum",
    "warning",
    summary="一组完整分项的占比之和与 100% 相差超过舍入误差（每项 0.01 个百分点）",
    message="占{label}的比重合计为 {total}%（{listing}），与 100% 相差超过舍入误差 {allowed} 个"
    "百分点；分项可能不全或与合计不符",
    blames="分项所在的块，如 basic_info.finances.income",
    example="""
basic_info:
  finances:
    income: {total: 100.00, appropriation: 80.00, other: 10.00}
""",
)
def share_sum(context: Context) -> Iterator[Hit]:
    figures = context.figures
    groups = []
    if figures.income:
        groups.append(("income", short_of("income.total"), figures.income.parts))
    if figures.expenditure:
        groups.append(("expenditure", short_of("expenditure.total"), figures.expenditure.parts))
    for key, label, parts in groups:
        shares = [p.share for p in parts if isinstance(p.share, Decimal)]
        if len(shares) < 2 or len(shares) != len(parts):
            continue
        total = sum(shares, Decimal(0))
        allowed = RATE_TOLERANCE * len(shares)
        if abs(total - HUNDRED) > allowed:
            listing = "、".join(
                f"{p.label}{as_typed(s)}%" for p, s in zip(parts, shares, strict=True)
            )
            yield hit(
                (*FIN, key), label=label, total=as_typed(total), listing=listing, allowed=allowed
            )


def _rates(context: Context) -> list[tuple[str, str, Rate | None]]:
    budget = context.figures.budget
    return [
        (
            "execution_rate",
            short_of("budget.execution_rate"),
            budget.execution_rate if budget else None,
        ),
        (
            "basic_execution_rate",
            short_of("budget.basic_execution_rate"),
            budget.basic_execution_rate if budget else None,
        ),
        (
            "project_execution_rate",
            short_of("budget.project_execution_rate"),
            budget.project_execution_rate if budget else None,
        ),
    ]


@rule(
    "rate-over-100",
    "warning",
    summary="预算执行率、基本支出执行率或项目支出执行率超过 100%",
    message="{label}为 {rate}%，超过 100%：支出大于预算，请核对支出数与预算数",
    blames="该执行率（basic_info.finances.budget.*execution_rate）",
    example="""
basic_info:
  finances:
    expenditure: {total: 110.00}
    budget: {adjusted: 100.00}
""",
)
def rate_over_100(context: Context) -> Iterator[Hit]:
    for field, label, rate in _rates(context):
        if rate is not None and isinstance(rate.value, Decimal) and rate.value > HUNDRED:
            yield hit((*FIN, "budget", field), label=label, rate=as_typed(rate.value))


@rule(
    "rate-range",
    "error",
    summary="总体预算执行率不在基本支出执行率与项目支出执行率之间（总体执行率是两者的加权平均）",
    message="预算执行率 {overall}% 不在基本支出执行率 {basic}% 与项目支出执行率 {project}% 之间；"
    "总体执行率是两者的加权平均，必须介于两者之间",
    blames="basic_info.finances.budget.execution_rate",
    example="""
basic_info:
  finances:
    budget: {execution_rate: 99.98, basic_execution_rate: 99.89, project_execution_rate: 91.69}
""",
)
def rate_range(context: Context) -> Iterator[Hit]:
    values = [r.value if r else None for _, _, r in _rates(context)]
    overall, basic, project = values
    if not all(isinstance(v, Decimal) for v in values):
        return
    assert isinstance(overall, Decimal) and isinstance(basic, Decimal)
    assert isinstance(project, Decimal)
    low, high = sorted((basic, project))
    if not low - RATE_TOLERANCE <= overall <= high + RATE_TOLERANCE:
        yield hit(
            (*FIN, "budget", "execution_rate"),
            overall=as_typed(overall),
            basic=as_typed(basic),
            project=as_typed(project),
        )


@rule(
    "stated-differs",
    "error",
    summary="填写的执行率与按支出数、预算数计算的结果不符：相差超过 0.01 个百分点，"
    "或超过填写值末位的半个单位（如 99.1 与 99.0857 相符）",
    message="填写的{label} {stated}% 与按支出数和预算数计算的 {computed}% 不符；"
    "可删去填写值，由 perfgen 计算",
    review="报告写的{label} {stated}% 与报告中支出数和预算数算出的 {computed}% 不符",
    blames="填写的执行率（basic_info.finances.budget.*execution_rate）",
    example="""
basic_info:
  finances:
    expenditure: {total: 2503.53}
    budget: {adjusted: 2526.63, execution_rate: 99.07}
""",
)
def stated_differs(context: Context) -> Iterator[Hit]:
    budget = context.report.basic_info.finances.budget
    if budget is None:
        return
    for field, label, rate in _rates(context):
        stated = getattr(budget, field)
        if stated is None or rate is None or rate.exact is None:
            continue
        half_unit = Decimal(5).scaleb(stated.as_tuple().exponent - 1)
        if abs(stated - rate.exact) > max(RATE_TOLERANCE, half_unit):
            yield hit(
                (*FIN, "budget", field),
                label=label,
                stated=as_typed(stated),
                computed=as_typed(rate.value),  # type: ignore[arg-type]
            )


@rule(
    "zero-denominator",
    "error",
    summary="作除数的数字为 0（总收入、上年数、预算数、编制数、固定资产原值等）",
    message="{label}为 {value}，不能作除数，无法计算{what}；请填写实际数，或删去该项",
    review="报告中{label}为 {value}，无法计算{what}",
    blames="作除数的字段",
    example="""
basic_info:
  finances:
    income: {total: 10.00, prior_total: 0.00}
""",
)
def zero_denominator(context: Context) -> Iterator[Hit]:
    fin = context.report.basic_info.finances
    staffing = context.report.basic_info.functions.staffing
    divisors = [
        ("income.total", "收入各项占比"),
        ("income.prior_total", "收入增幅"),
        ("expenditure.total", "支出占比"),
        ("budget.adjusted", short_of("budget.execution_rate")),
        ("budget.initial", "预算执行率或预算调整率"),
        ("budget.prior_initial", "年初预算增幅"),
        ("budget.basic", short_of("budget.basic_execution_rate")),
        ("budget.project", short_of("budget.project_execution_rate")),
        ("procurement.prior_actual", "采购增幅"),
    ]
    if fin.assets and fin.assets.fixed_in_use is not None:
        divisors.append(("assets.fixed_gross", "固定资产利用率"))
    checks: list[tuple[FieldPath, object, str, str]] = []
    for key, what in divisors:
        block, name = key.split(".")
        if (holder := getattr(fin, block)) is not None:
            checks.append(((*FIN, block, name), getattr(holder, name), short_of(key), what))
    if staffing:
        headcount = figure("staffing.authorized_headcount")
        checks.append(
            (headcount.path, staffing.authorized_headcount, headcount.name, "在职人员控制率")
        )
    for path, value, label, what in checks:
        if isinstance(value, Decimal | int) and value <= 0:
            yield hit(path, label=label, value=value, what=what)


@rule(
    "denominator-missing",
    "error",
    summary="填写了要作比率的数字，却缺少作除数的数字（如有在用固定资产而无固定资产原值）",
    message="填写了{given}，但缺少{missing}（{field}），无法计算{what}",
    review="报告写了{given}，但没有写{missing}，无法计算{what}",
    blames="填写了的分子字段",
    example="""
basic_info:
  finances:
    assets: {fixed_in_use: 148.50}
""",
)
def denominator_missing(context: Context) -> Iterator[Hit]:
    assets = context.report.basic_info.finances.assets
    gross = (*FIN, "assets", "fixed_gross")
    if assets is None or assets.fixed_in_use is None or assets.fixed_gross is not None:
        return
    if not context.input.is_pending(gross):
        yield hit(
            (*FIN, "assets", "fixed_in_use"),
            given="在用固定资产",
            missing="固定资产原值",
            field="fixed_gross",
            what="固定资产利用率",
        )


@rule(
    "prior-missing",
    "error",
    summary="写了同比增减的原因，却缺少上年数（上年总收入、上年采购金额）",
    message="填写了{reasons}，但缺少{prior}（{field}），无法写出同比增减",
    review="报告写了{reasons}，但没有写{prior}，无法核对同比增减",
    blames="增减原因字段（change_reasons）",
    example="""
basic_info:
  finances:
    income: {total: 10.00, change_reasons: [政策调整]}
""",
)
def prior_missing(context: Context) -> Iterator[Hit]:
    fin = context.report.basic_info.finances
    blocks = (
        ("income", fin.income, "prior_total", "收入增减原因", "上年总收入"),
        (
            "procurement",
            fin.procurement,
            "prior_actual",
            "采购金额变动原因",
            "上年采购金额",
        ),
    )
    for key, block, prior, reasons, named in blocks:
        if block is None or not block.change_reasons or getattr(block, prior) is not None:
            continue
        if not context.input.is_pending((*FIN, key, prior)):
            yield hit((*FIN, key, "change_reasons"), reasons=reasons, prior=named, field=prior)
