"""The figures a report prints, as templates see them (``figures.…`` in the context).

Units: amounts in 万元 (two decimals), rates and shares in % rounded half-up once to
``settings.percent_decimals`` (completion rates to ``settings.indicator_rate_decimals``),
changes of a rate in 个百分点 at the same precision, scores in points (分). Any figure may be
:data:`~perfgen.placeholders.PENDING` (printed 【待填写】) when an input it needs is a
placeholder; ``None`` means not applicable. Every boolean or label a template branches on is
here, so templates only phrase.

Over 300 lines because it is the whole template-facing shape of the figures, one small frozen
dataclass per part of the report, each field documented with its unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfgen.figures.pending import Figure
from perfgen.input.model import FundingRow, Indicator
from perfgen.placeholders import Pending


@dataclass(frozen=True)
class Change:
    """A year-on-year change (同比增减).

    Attributes:
        amount: This year − last year (万元, or the figure's own unit), exact.
        rate: ``amount ÷ last year`` (%); ``None`` when last year is zero.
    """

    amount: Figure
    rate: Figure | None


@dataclass(frozen=True)
class Part:
    """An amount with its share of a total, and the parts it splits into.

    Attributes:
        key: The input field, e.g. ``appropriation``, ``basic``, ``wage_and_welfare``.
        label: Its Chinese name, e.g. 一般公共预算财政拨款收入.
        amount: 万元.
        share: ``amount ÷ total`` (%), ``None`` without a total.
        parts: Its own parts (基本支出 → 人员经费, 公用经费), whose shares are of the same total.
    """

    key: str
    label: str
    amount: Figure
    share: Figure | None
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Rate:
    """An execution rate (%) and where it came from.

    Attributes:
        value: The rate as printed.
        exact: The unrounded computed rate (``None`` when stated or pending), for checks.
        stated: True when the clerk typed it because its budget is not given.
        on_initial_budget: Computed against 年初预算 because no adjusted budget is given
            (the report says so).
        change_pp: ``value`` − last year's rate, in 个百分点; ``None`` without last year's.
    """

    value: Figure
    exact: Decimal | None = None
    stated: bool = False
    on_initial_budget: bool = False
    change_pp: Figure | None = None


@dataclass(frozen=True)
class Income:
    """总收入 and its sources. ``parts``: 一般公共预算财政拨款收入, 其他收入 (of those given)."""

    total: Figure
    change: Change | None
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Expenditure:
    """总支出 (cash basis). ``parts``: 基本支出 (with 人员经费, 公用经费 as its parts) and 项目支出;
    ``basic`` is the stated 基本支出, else 人员经费 + 公用经费."""

    total: Figure
    basic: Figure | None
    project: Figure | None
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Expense:
    """总费用 (accrual basis) = the sum of the five expense lines; ``parts`` are the lines."""

    total: Figure
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Budget:
    """Budget figures (万元) and execution rates.

    Attributes:
        initial: 年初预算.
        initial_change: 年初预算 against last year's.
        adjusted: 调整后预算 (全年预算数).
        adjustment_rate: (调整后 − 年初) ÷ 年初 (%).
        basic, project: The category budgets.
        execution_rate, basic_execution_rate, project_execution_rate: See :class:`Rate`.
        sources: The funds by source (按收入性质分, docs/domain.md §3) that are stated or
            pending, as (name, figure) pairs in the form's order (一般公共预算, 政府性基金拨款,
            纳入专户管理的非税收入拨款, 其他资金: :data:`perfgen.input.finances.SOURCE_NAMES`).
    """

    initial: Figure | None
    initial_change: Change | None
    adjusted: Figure | None
    adjustment_rate: Figure | None
    basic: Figure | None
    project: Figure | None
    execution_rate: Rate | None
    basic_execution_rate: Rate | None
    project_execution_rate: Rate | None
    sources: tuple[tuple[str, Figure], ...] = ()


@dataclass(frozen=True)
class Carryover:
    """结转结余 (万元) and its rates.

    Attributes:
        opening, closing: 年初 and 年末结转结余.
        change_rate: 结转结余变动率 (%).
        rate: 结转结余率 (%), ``None`` without its base.
        base_label: The denominator used, 调整后预算 or 总支出 (``settings.carryover_rate_base``).
        target: The clerk's upper target (%), as typed.
        within_target: ``rate`` as printed ≤ ``target``.
    """

    opening: Figure | None
    closing: Figure
    change_rate: Figure | None
    rate: Figure | None
    base_label: str
    target: Decimal
    within_target: bool | Pending | None


@dataclass(frozen=True)
class Procurement:
    """政府采购: ``actual`` (万元) and its change on last year."""

    actual: Figure
    change: Change | None


@dataclass(frozen=True)
class ThreePublic:
    """ "三公"经费 (万元): ``control_rate`` = actual ÷ budget (%), and the change on last year."""

    actual: Figure
    budget: Figure | None
    control_rate: Figure | None
    change: Change | None


@dataclass(frozen=True)
class Assets:
    """Assets at year end (万元); ``utilization`` = 在用 ÷ 原值 (%), ``None`` without both."""

    total: Figure | None
    fixed_gross: Figure | None
    fixed_depreciation: Figure | None
    fixed_net: Figure | None
    fixed_in_use: Figure | None
    utilization: Figure | None


@dataclass(frozen=True)
class Scope:
    """The 自评 scope sentence's figures (docs/domain.md §9), amounts in 万元.

    Attributes:
        project_funds: Funds of the self-evaluated projects.
        project_share: project_funds ÷ 项目支出 (%), computed; ``None`` without both.
        department_funds: Funds the whole-department self-evaluation covers.
        key_funds: Funds of the projects given a 重点评价, summed (``None`` when none is given).
    """

    project_funds: Figure | None
    project_share: Figure | None
    department_funds: Figure | None
    key_funds: Figure | None


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator with its completion rate (指标完成率, %) and score (得分).

    Attributes:
        indicator: The clerk's row (names, comparator, unit, text).
        target, actual: Its values in its own unit (PENDING when a placeholder).
        completion_rate: At ``settings.indicator_rate_decimals``.
        score: The stated score, else weight × min(rate, 100%), two decimals; ``None``
            without a weight or a rate.
        computed_score: weight × min(rate, 100%) even where a score is stated (for checks).
    """

    indicator: Indicator
    target: Figure | None
    actual: Figure | None
    completion_rate: Figure | None
    score: Figure | None = None
    computed_score: Decimal | None = None


@dataclass(frozen=True)
class IndicatorGroup:
    """The indicators of one kind, in input order: ``kind`` (output/outcome/satisfaction) and
    its Chinese ``label`` (产出指标/效益指标/满意度指标)."""

    kind: str
    label: str
    results: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class FundingResult:
    """A funding row of the 自评表 (万元) with its execution rate (全年执行数 ÷ 全年预算数, %).

    ``is_total`` marks the 年度资金总额 row (column sums); the others are printed “其中：…”.
    """

    name: str
    initial_budget: Figure | None
    full_year_budget: Figure | None
    executed: Figure | None
    execution_rate: Figure | None
    is_total: bool = False
    row: FundingRow | None = None


@dataclass(frozen=True)
class TableRow:
    """An indicator row of the 自评表 and its grouping.

    Attributes:
        result: The indicator with rate and score.
        same_level1: Its 一级指标 continues the row above (printed 〃; cells merged in Word
            and Excel).
        same_level2: Its 二级指标 continues the row above, within the same 一级指标.
    """

    result: IndicatorResult
    same_level1: bool
    same_level2: bool


@dataclass(frozen=True)
class Table:
    """The computed 自评表 (docs/domain.md §3).

    Attributes:
        funding: The 年度资金总额 row first, then each funding row; empty without funding.
        funding_weight: 预算执行's weight (分值) as typed.
        funding_score: Stated, else weight × min(total row's rate, 100%), two decimals.
        rows: Every indicator row.
        weights_total: Sum of the weights (should be 100).
        total: 总分: the sum of the printed scores; PENDING until every weighted item has one.
    """

    funding: tuple[FundingResult, ...]
    funding_weight: Decimal | None
    funding_score: Figure | None
    rows: tuple[TableRow, ...]
    weights_total: Figure
    total: Figure


@dataclass(frozen=True)
class Figures:
    """Everything computed from a report; templates print these, never compute.

    Attributes:
        income, expenditure, expense, budget, carryover, procurement, three_public, assets:
            Each block, or ``None`` when the input gives nothing to compute it from.
        staff_control_rate: 实有人数 ÷ 编制数 (%).
        scope: The 自评 scope sentence's figures.
        spending_rate: 部门预算资金支出率 (%), as stated, at the percent precision.
        indicators: The indicators of 履职效能分析 (those the YAML lists there, else the
            自评表's rows that have a ``kind``).
        indicator_groups: The same, grouped by kind (产出, 效益, 满意度) in that order.
        table: The 自评表, when the report has one.
        score: The self-evaluation score at ``settings.score_decimals``: stated, else the
            自评表's 总分.
        grade: The grade of ``score`` as printed, by ``settings.grade_bands``.
    """

    income: Income | None
    expenditure: Expenditure | None
    expense: Expense | None
    budget: Budget | None
    carryover: Carryover | None
    procurement: Procurement | None
    three_public: ThreePublic | None
    assets: Assets | None
    staff_control_rate: Figure | None
    scope: Scope | None
    spending_rate: Figure | None
    indicators: tuple[IndicatorResult, ...]
    indicator_groups: tuple[IndicatorGroup, ...]
    table: Table | None
    score: Figure
    grade: str | Pending
