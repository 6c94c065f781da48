"""Derived figures: every rate, share and change the report prints (domain.md §2–3).

One pure function per formula; :func:`derive` applies them to a :class:`~perfgen.model.Report`.
All rates are percentages rounded once, half-up, from the two-decimal 万元 figures as entered,
so a reader can redo them. A rate whose denominator is missing or zero is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from perfgen.model import (
    Budget,
    Carryover,
    Expenditure,
    Expense,
    FundingRow,
    GradeBand,
    Income,
    Indicator,
    Report,
    SelfEvaluationTable,
    Settings,
)
from perfgen.numbers import HUNDRED, ZERO, percent_of, quantize


@dataclass(frozen=True)
class Change:
    """A year-on-year change (同比增减).

    Attributes:
        amount: This year − last year (万元, or the figure's own unit).
        rate: ``amount ÷ last year × 100`` (%), ``None`` when last year is zero.
    """

    amount: Decimal
    rate: Decimal | None


@dataclass(frozen=True)
class Part:
    """An amount with its share of a total: ``share = amount ÷ total × 100`` (%)."""

    key: str
    label: str
    amount: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class Rate:
    """A rate (%) and where it came from.

    Attributes:
        value: The percentage.
        stated: True when the clerk typed it because its budget is not given.
        change_pp: Change on last year's rate in 个百分点, when last year's rate is given.
    """

    value: Decimal
    stated: bool = False
    change_pp: Decimal | None = None


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator with its completion rate (指标完成率, %) and score (得分).

    Attributes:
        indicator: The clerk's row.
        completion_rate: Rounded for printing (``settings.indicator_rate_decimals``).
        score: The stated score, else weight × min(rate, 100%) to two decimals; ``None``
            without a weight or a rate.
        computed_score: weight × min(rate, 100%) even where a score is stated (for checks).
    """

    indicator: Indicator
    completion_rate: Decimal | None
    score: Decimal | None = None
    computed_score: Decimal | None = None


@dataclass(frozen=True)
class FundingResult:
    """A funding row of the 自评表 with its execution rate (全年执行数 ÷ 全年预算数, %)."""

    row: FundingRow
    execution_rate: Decimal | None


@dataclass(frozen=True)
class TableFigures:
    """The computed 自评表.

    Attributes:
        funding: Each funding row with its rate.
        funding_total: The 年度资金总额 row (sums of the rows) with its rate.
        funding_score: Stated, else funding weight × min(rate, 100%).
        indicators: Every indicator row with rate and score.
        weights_total: Sum of the funding weight and the indicator weights (should be 100).
        total: Sum of the funding score and the indicator scores (总分, out of 100).
        complete: Every weighted item has a score (none waits for an actual value), so
            ``total`` is the table's 总分 and not a partial sum.
    """

    funding: tuple[FundingResult, ...]
    funding_total: FundingResult | None
    funding_score: Decimal | None
    indicators: tuple[IndicatorResult, ...]
    weights_total: Decimal
    total: Decimal
    complete: bool


@dataclass(frozen=True)
class Figures:
    """Everything computed from a report; templates print these, never compute."""

    income_total: Decimal | None
    income_change: Change | None
    income_parts: tuple[Part, ...]
    expenditure_total: Decimal | None
    basic_expenditure: Decimal | None
    expenditure_parts: tuple[Part, ...]
    expense_total: Decimal | None
    expense_parts: tuple[Part, ...]
    budget: Decimal | None
    budget_basis: Literal["adjusted", "initial"] | None
    initial_budget_change: Change | None
    budget_adjustment_rate: Decimal | None
    execution_rate: Rate | None
    basic_execution_rate: Rate | None
    project_execution_rate: Rate | None
    carryover_rate: Decimal | None
    carryover_change_rate: Decimal | None
    procurement_change: Change | None
    three_public_control_rate: Decimal | None
    three_public_change: Change | None
    fixed_asset_utilization: Decimal | None
    staff_control_rate: Decimal | None
    indicators: tuple[IndicatorResult, ...]
    table: TableFigures | None
    score: Decimal | None
    """``None`` while the score is a placeholder and no 自评表 gives it (a draft)."""
    grade: str | None
    """``None`` while the score is a placeholder and no 自评表 gives it (a draft)."""


def total_of(stated: Decimal | None, *parts: Decimal | None) -> Decimal | None:
    """A total: the stated one when given, else the sum of the given parts.

    Source: domain.md §5 ("every total must equal the sum of its parts"); disagreement beyond
    0.01 万元 per part is a check, not silently corrected here.
    """
    if stated is not None:
        return stated
    present = [p for p in parts if p is not None]
    return sum(present, ZERO) if present else None


def share(part: Decimal, total: Decimal | None, places: int = 2) -> Decimal | None:
    """占比 = part ÷ total × 100 (%). Source: domain.md §2, "占比 share"."""
    return percent_of(part, total, places)


def year_on_year(current: Decimal | None, prior: Decimal | None, places: int = 2) -> Change | None:
    """同比增减额 = current − prior; 增幅 = 增减额 ÷ prior × 100 (%). Source: domain.md §2."""
    if current is None or prior is None:
        return None
    amount = current - prior
    return Change(amount, percent_of(amount, prior, places))


def execution_rate(
    spent: Decimal | None, budget: Decimal | None, places: int = 2
) -> Decimal | None:
    """预算执行率 = expenditure ÷ budget × 100 (%). Source: domain.md §2, "预算执行率"."""
    return None if spent is None else percent_of(spent, budget, places)


def change_in_points(current: Decimal, prior: Decimal | None) -> Decimal | None:
    """Change of a rate on last year, in 个百分点: current − prior.

    Both rates are taken as printed (two decimals), so the reader can redo the subtraction.
    Source: domain.md §2, "A difference between two rates is in 个百分点".
    """
    return None if prior is None else current - prior


def adjustment_rate(adjusted: Decimal | None, initial: Decimal | None) -> Decimal | None:
    """预算调整率 = (调整后预算 − 年初预算) ÷ 年初预算 × 100 (%). Source: domain.md §2."""
    if adjusted is None or initial is None:
        return None
    return percent_of(adjusted - initial, initial, 2)


def carryover_rate(
    closing: Decimal | None, base: Decimal | None, places: int = 2
) -> Decimal | None:
    """结转结余率 = 年末结转结余 ÷ base × 100 (%).

    ``base`` is the adjusted budget (national definition, default) or total expenditure, as
    ``settings.carryover_rate_base`` chooses. Source: domain.md §2, "结转结余率".
    """
    return None if closing is None else percent_of(closing, base, places)


def carryover_change_rate(carryover: Carryover) -> Decimal | None:
    """结转结余变动率 = (年末 − 年初) ÷ 年初 × 100 (%). Source: domain.md §2."""
    if carryover.opening is None or carryover.closing is None:
        return None
    return percent_of(carryover.closing - carryover.opening, carryover.opening, 2)


def control_rate(actual: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """ "三公"经费控制率 / 公用经费控制率 = actual ÷ budget × 100 (%); ≤ 100% is good.

    Source: domain.md §2.
    """
    return None if actual is None else percent_of(actual, budget, 2)


def fixed_asset_utilization(in_use: Decimal | None, gross: Decimal | None) -> Decimal | None:
    """固定资产利用率 = 在用固定资产 ÷ 全部固定资产 × 100 (%). Source: domain.md §2."""
    return None if in_use is None else percent_of(in_use, gross, 2)


def staff_control_rate(staff_in_post: int, authorized: int) -> Decimal | None:
    """在职人员控制率 = 实有人数 ÷ 编制数 × 100 (%). Source: domain.md §2."""
    return percent_of(Decimal(staff_in_post), Decimal(authorized), 2)


QUALITATIVE_RATES = {"达成": HUNDRED, "基本达成": Decimal(80), "未达成": ZERO}
"""Completion rate (%) of a qualitative or "=" indicator by its outcome (domain.md §2)."""


def completion_rate(indicator: Indicator, places: int = 2) -> Decimal | None:
    """指标完成率 (%) by comparator. Source: domain.md §2.

    - ``≥``: actual ÷ target, not capped (88 against 80 → 110%).
    - ``≤``: 100% when actual ≤ target, else target ÷ actual.
    - ``=``: 100% when actual equals target (or ``achieved`` is 达成).
    - ``定性``: mapped from ``achieved`` (达成 100%, 基本达成 80%, 未达成 0%).

    Returns ``None`` when the values needed are missing or the denominator is not positive.
    """
    if indicator.comparator == "定性" or (
        indicator.comparator == "=" and indicator.achieved is not None
    ):
        rate = QUALITATIVE_RATES.get(indicator.achieved or "")
        return None if rate is None else quantize(rate, places)
    target, actual = indicator.target, indicator.actual
    if target is None or actual is None:
        return None
    if indicator.comparator == "≥":
        return percent_of(actual, target, places)
    if indicator.comparator == "≤":
        return quantize(HUNDRED, places) if actual <= target else percent_of(target, actual, places)
    return quantize(HUNDRED if actual == target else ZERO, places)


def indicator_score(weight: Decimal | None, rate: Decimal | None) -> Decimal | None:
    """指标得分 = 分值 × min(完成率, 100%), two decimals. Source: domain.md §2, "indicator score".

    Args:
        weight: The indicator's 分值 (points).
        rate: Its completion rate (%), unrounded or rounded — the cap makes both agree at 100%.
    """
    if weight is None or rate is None:
        return None
    return quantize(weight * min(rate, HUNDRED) / HUNDRED, 2)


def _indicator_result(indicator: Indicator, places: int) -> IndicatorResult:
    rate = completion_rate(indicator, places)
    computed = indicator_score(indicator.weight, completion_rate(indicator, 4))
    score = indicator.score if indicator.score is not None else computed
    return IndicatorResult(indicator, rate, score, computed)


def derive_table(table: SelfEvaluationTable, places: int) -> TableFigures:
    """The 自评表: funding rates, indicator rates and scores, weights and 总分 (domain.md §3).

    Execution rate = 全年执行数 ÷ 全年预算数; the funding block's score is its weight ×
    min(rate of the total, 100%); 总分 = funding score + Σ indicator scores.
    """
    funding = tuple(
        FundingResult(row, execution_rate(row.executed, row.full_year_budget, places))
        for row in table.funding
    )
    total_row = None
    if table.funding:

        def column(name: str) -> Decimal | None:
            values = [getattr(r, name) for r in table.funding if getattr(r, name) is not None]
            return sum(values, ZERO) if values else None

        row = FundingRow(
            name="年度资金总额",
            initial_budget=column("initial_budget"),
            full_year_budget=column("full_year_budget"),
            executed=column("executed"),
        )
        total_row = FundingResult(row, execution_rate(row.executed, row.full_year_budget, places))
    funding_score = table.funding_score
    if funding_score is None and total_row is not None:
        exact = execution_rate(total_row.row.executed, total_row.row.full_year_budget, 4)
        funding_score = indicator_score(table.funding_weight, exact)
    indicators = tuple(_indicator_result(i, places) for i in table.indicators)
    weights = [table.funding_weight, *(i.weight for i in table.indicators)]
    scores = [funding_score, *(r.score for r in indicators)]
    complete = all(x is not None for w, x in zip(weights, scores, strict=True) if w is not None)
    return TableFigures(
        funding=funding,
        funding_total=total_row,
        funding_score=funding_score,
        indicators=indicators,
        weights_total=sum((w for w in weights if w is not None), ZERO),
        total=sum((x for x in scores if x is not None), ZERO),
        complete=complete,
    )


def grade(score: Decimal, bands: tuple[GradeBand, ...]) -> str:
    """评价等级: the first band, highest first, whose lower bound (inclusive) the score reaches.

    Source: domain.md §3 (优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60 by default).
    """
    for band in sorted(bands, key=lambda b: b.min_score, reverse=True):
        if score >= band.min_score:
            return band.grade
    return bands[-1].grade if bands else ""


def _income(
    income: Income | None, places: int
) -> tuple[Decimal | None, Change | None, tuple[Part, ...]]:
    if income is None:
        return None, None, ()
    total = total_of(income.total, income.appropriation, income.other)
    parts = tuple(
        Part(key, label, amount, share(amount, total, places))
        for key, label, amount in (
            ("appropriation", "一般公共预算财政拨款收入", income.appropriation),
            ("other", "其他收入", income.other),
        )
        if amount is not None
    )
    return total, year_on_year(total, income.prior_total, places), parts


def _expenditure(
    spending: Expenditure | None, places: int
) -> tuple[Decimal | None, Decimal | None, tuple[Part, ...]]:
    if spending is None:
        return None, None, ()
    basic = total_of(spending.basic, spending.personnel, spending.public)
    total = total_of(spending.total, basic, spending.project)
    parts = tuple(
        Part(key, label, amount, share(amount, total, places))
        for key, label, amount in (
            ("basic", "基本支出", basic),
            ("personnel", "人员经费", spending.personnel),
            ("public", "公用经费", spending.public),
            ("project", "项目支出", spending.project),
        )
        if amount is not None
    )
    return total, basic, parts


EXPENSE_LINES = (
    ("wage_and_welfare", "工资福利费用"),
    ("goods_and_services", "商品和服务费用"),
    ("subsidies", "对个人和家庭的补助费用"),
    ("depreciation", "固定资产折旧费用"),
    ("amortization", "无形资产摊销费用"),
)


def _expense(expense: Expense | None, places: int) -> tuple[Decimal | None, tuple[Part, ...]]:
    """总费用 = sum of the five expense lines; each line's share of it (domain.md §2)."""
    if expense is None:
        return None, ()
    lines = [(k, label, getattr(expense, k)) for k, label in EXPENSE_LINES]
    total = total_of(None, *(amount for _, _, amount in lines))
    return total, tuple(
        Part(k, label, amount, share(amount, total, places))
        for k, label, amount in lines
        if amount is not None
    )


def _rate(
    spent: Decimal | None,
    budget: Budget,
    field: str,
    places: int,
    *,
    initial: Decimal | None = None,
) -> Rate | None:
    """An execution rate, from the best source available.

    Order: computed against the stated budget (adjusted, or the category's budget); else the
    rate the clerk stated; else, for the overall rate only, computed against 年初预算 (domain.md
    §2: "fall back to 年初预算 when no adjustment is stated"). A stated rate beats the 年初预算
    fallback because a unit that states it knows its adjusted budget.
    """
    prefix = f"{field}_" if field else ""
    budget_amount = budget.adjusted if not field else getattr(budget, field)
    stated: Decimal | None = getattr(budget, f"{prefix}execution_rate")
    prior: Decimal | None = getattr(budget, f"prior_{prefix}execution_rate")
    computed = execution_rate(spent, budget_amount, places)
    if computed is None and stated is None:
        computed = execution_rate(spent, initial, places)
    if computed is not None:
        return Rate(computed, False, change_in_points(computed, prior))
    if stated is not None:
        return Rate(stated, True, change_in_points(stated, prior))
    return None


def derive(report: Report) -> Figures:
    """Compute every derived figure of ``report``.

    Args:
        report: A validated report.

    Returns:
        The :class:`Figures`; rates are percentages with ``settings.percent_decimals`` decimals
        (indicator completion rates with ``settings.indicator_rate_decimals``).
    """
    settings: Settings = report.settings
    places = settings.percent_decimals
    fin = report.basic_info.finances
    income_total, income_change, income_parts = _income(fin.income, places)
    total, basic, spending_parts = _expenditure(fin.expenditure, places)
    project = fin.expenditure.project if fin.expenditure else None
    expense_total, expense_parts = _expense(fin.expense, places)
    budget = fin.budget
    overall = basic_rate = project_rate = None
    budget_total: Decimal | None = None
    basis: Literal["adjusted", "initial"] | None = None
    if budget is not None:
        overall = _rate(total, budget, "", places, initial=budget.initial)
        basic_rate = _rate(basic, budget, "basic", places)
        project_rate = _rate(project, budget, "project", places)
        if budget.adjusted is not None:
            budget_total, basis = budget.adjusted, "adjusted"
        elif budget.initial is not None:
            budget_total, basis = budget.initial, "initial"
    base = total if settings.carryover_rate_base == "total_expenditure" else budget_total
    staffing = report.basic_info.functions.staffing
    assets = fin.assets
    evaluation = report.evaluation
    table = (
        derive_table(evaluation.table, settings.indicator_rate_decimals)
        if evaluation.table
        else None
    )
    duty_indicators = evaluation.duty_effectiveness.indicators
    if not duty_indicators and evaluation.table:
        duty_indicators = tuple(i for i in evaluation.table.indicators if i.kind is not None)
    score = evaluation.score
    if score is None and table is not None and table.weights_total > 0 and table.complete:
        score = table.total
    return Figures(
        income_total=income_total,
        income_change=income_change,
        income_parts=income_parts,
        expenditure_total=total,
        basic_expenditure=basic,
        expenditure_parts=spending_parts,
        expense_total=expense_total,
        expense_parts=expense_parts,
        budget=budget_total,
        budget_basis=basis,
        initial_budget_change=(
            year_on_year(fin.budget.initial, fin.budget.prior_initial, places)
            if fin.budget
            else None
        ),
        budget_adjustment_rate=(
            adjustment_rate(fin.budget.adjusted, fin.budget.initial) if fin.budget else None
        ),
        execution_rate=overall,
        basic_execution_rate=basic_rate,
        project_execution_rate=project_rate,
        carryover_rate=(
            carryover_rate(fin.carryover.closing, base, places) if fin.carryover else None
        ),
        carryover_change_rate=carryover_change_rate(fin.carryover) if fin.carryover else None,
        three_public_control_rate=(
            control_rate(fin.three_public.actual, fin.three_public.budget)
            if fin.three_public
            else None
        ),
        three_public_change=(
            year_on_year(fin.three_public.actual, fin.three_public.prior_actual, places)
            if fin.three_public
            else None
        ),
        procurement_change=(
            year_on_year(fin.procurement.actual, fin.procurement.prior_actual, places)
            if fin.procurement
            else None
        ),
        fixed_asset_utilization=(
            fixed_asset_utilization(assets.fixed_in_use, assets.fixed_gross) if assets else None
        ),
        staff_control_rate=(
            staff_control_rate(staffing.staff_in_post, staffing.authorized_headcount)
            if staffing
            else None
        ),
        indicators=tuple(
            _indicator_result(i, settings.indicator_rate_decimals) for i in duty_indicators
        ),
        table=table,
        score=None if score is None else quantize(score, settings.score_decimals),
        grade=None if score is None else grade(score, settings.grade_bands),
    )
