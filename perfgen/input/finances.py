"""The input schema's finances (一（三）部门预算收支及执行情况): the figures of 收入, 支出,
预算及执行, 费用, 结转结余, 政府采购, “三公”经费 and 资产 that a clerk writes, in 万元; nothing
perfgen computes.

Part of the schema of :mod:`perfgen.input.model` (which holds the report's outline top to
bottom); where a total and its parts are both given, the total is used and its agreement with
the parts is a check.
"""

# No `from __future__ import annotations` here: pydantic would evaluate each field's annotation
# from its text when the class is built, at the start of every command (issue 26).
from decimal import Decimal
from typing import Literal

from pydantic import Field

from perfgen.input.values import Frozen, Money, Paragraphs, Percent, Text


class Income(Frozen):
    """Income (收入) for the year, in 万元."""

    total: Money | None = Field(None, description="总收入（万元）；不写则为各项之和")
    appropriation: Money | None = Field(None, description="一般公共预算财政拨款收入（万元）")
    other: Money | None = Field(None, description="其他收入（万元）")
    prior_total: Money | None = Field(None, description="上年总收入（万元），用于同比")
    change_reasons: tuple[Text, ...] = Field((), description="收入增减的主要原因，逐条列出")


class Expenditure(Frozen):
    """Expenditure (支出, cash basis) for the year, in 万元."""

    total: Money | None = Field(None, description="总支出（万元）；不写则为基本支出与项目支出之和")
    basic: Money | None = Field(
        None, description="基本支出（万元）；不写则为人员经费与公用经费之和"
    )
    personnel: Money | None = Field(None, description="人员经费（万元）")
    public: Money | None = Field(None, description="公用经费（万元）")
    project: Money | None = Field(None, description="项目支出（万元）")
    prior_total: Money | None = Field(None, description="上年总支出（万元），用于同比")
    personnel_use: Text | None = Field(None, description="人员经费的主要用途")
    public_use: Text | None = Field(None, description="公用经费的主要用途")
    project_use: Text | None = Field(None, description="项目支出的主要用途")


class FundSources(Frozen):
    """The year's funds by source (资金来源), as the 自评表's funding block lists them under
    按收入性质分 (docs/domain.md §3), in 万元; together they make up 调整后预算数."""

    general: Money | None = Field(None, description="一般公共预算（万元）")
    government_fund: Money | None = Field(None, description="政府性基金拨款（万元）")
    special_account: Money | None = Field(None, description="纳入专户管理的非税收入拨款（万元）")
    other: Money | None = Field(None, description="其他资金（万元）")


SOURCE_NAMES: dict[str, str] = {
    "general": "一般公共预算",
    "government_fund": "政府性基金拨款",
    "special_account": "纳入专户管理的非税收入拨款",
    "other": "其他资金",
}
"""Each field of :class:`FundSources` as the 自评表 names it under 按收入性质分, in its order."""


class Budget(Frozen):
    """Budget (预算) figures and, where budgets are not published, stated execution rates."""

    initial: Money | None = Field(None, description="年初预算数（万元）")
    prior_initial: Money | None = Field(None, description="上年年初预算数（万元），用于同比")
    adjusted: Money | None = Field(
        None, description="调整后预算数（全年预算数，万元）；不写则以年初预算计算执行率"
    )
    basic: Money | None = Field(None, description="基本支出预算数（万元）")
    project: Money | None = Field(None, description="项目支出预算数（万元）")
    sources: FundSources | None = Field(
        None, description="年度资金按收入性质（来源）分，各项之和应等于调整后预算数"
    )
    execution_rate: Percent | None = Field(
        None, description="预算执行率（%），仅在无法由预算数计算时填写"
    )
    basic_execution_rate: Percent | None = Field(
        None, description="基本支出执行率（%），仅在无法由预算数计算时填写"
    )
    project_execution_rate: Percent | None = Field(
        None, description="项目支出执行率（%），仅在无法由预算数计算时填写"
    )
    prior_execution_rate: Percent | None = Field(None, description="上年预算执行率（%）")
    prior_basic_execution_rate: Percent | None = Field(None, description="上年基本支出执行率（%）")
    prior_project_execution_rate: Percent | None = Field(
        None, description="上年项目支出执行率（%）"
    )
    adjustment_reason: Paragraphs = Field(
        (), description="预算调整的原因（调整后预算与年初预算不同时应说明）"
    )
    execution_reason: Paragraphs = Field(
        (), description="执行率偏低的原因（低于 settings.thresholds 的下限时应说明）"
    )


class Expense(Frozen):
    """Expense (费用, accrual basis) lines; 总费用 is their sum (docs/domain.md §2)."""

    wage_and_welfare: Money | None = Field(None, description="工资福利费用（万元）")
    goods_and_services: Money | None = Field(None, description="商品和服务费用（万元）")
    subsidies: Money | None = Field(None, description="对个人和家庭的补助费用（万元）")
    depreciation: Money | None = Field(None, description="固定资产折旧费用（万元）")
    amortization: Money | None = Field(None, description="无形资产摊销费用（万元）")


class Carryover(Frozen):
    """Carryover balance (结转结余), in 万元."""

    opening: Money | None = Field(None, description="年初结转结余（万元）")
    closing: Money | None = Field(None, description="年末结转结余（万元）；不写则不计算结转结余率")
    target_rate: Percent = Field(Decimal(10), description="结转结余率的目标上限（%），默认 10")


class Procurement(Frozen):
    """Government procurement (政府采购), in 万元."""

    actual: Money | None = Field(None, description="实际采购金额（万元）")
    prior_actual: Money | None = Field(None, description="上年实际采购金额（万元）")
    change_reasons: tuple[Text, ...] = Field((), description="变动的主要原因")


class ThreePublicExpenses(Frozen):
    """Three public expenses ("三公"经费: trips abroad, receptions, official cars), in 万元.

    Printed under the 运行成本 item of 管理效率分析 (``kind: running_cost``) with its control
    rate and year-on-year change; ``perfgen rollover`` carries the actual into next year's
    comparison.
    """

    budget: Money | None = Field(None, description="“三公”经费预算数（万元）")
    actual: Money | None = Field(None, description="“三公”经费实际支出（万元）")
    prior_actual: Money | None = Field(None, description="上年“三公”经费实际支出（万元）")


class Assets(Frozen):
    """Assets at year end (资产), in 万元; 净值 = 原值 − 累计折旧 (docs/domain.md §2)."""

    total: Money | None = Field(None, description="资产总额（万元）")
    fixed_gross: Money | None = Field(None, description="固定资产原值（万元）")
    fixed_depreciation: Money | None = Field(None, description="固定资产累计折旧（万元）")
    fixed_net: Money | None = Field(None, description="固定资产净值（万元）")
    fixed_in_use: Money | None = Field(None, description="实际在用固定资产原值（万元）")


Basis = Literal["all", "appropriation"]
"""The funds the expenditure and budget figures cover: all funds, or only the general budget
appropriation (一般公共预算财政拨款), as some units report them."""

BASIS_LABELS: dict[str, str] = {"all": "", "appropriation": "一般公共预算财政拨款"}
"""How each basis is named before 支出 and 预算 in the report."""


class Finances(Frozen):
    """Part 一（四）部门整体收支情况 and the figures the analysis in part 二 uses."""

    basis: Basis = Field(
        "all",
        description="支出与预算数字的口径：all 全部资金（默认）；appropriation 一般公共预算财政拨款"
        "（报告中写作“一般公共预算财政拨款支出”“一般公共预算财政拨款预算”）",
    )
    text: Paragraphs = Field((), description="收支情况的补充叙述段落（放在数字之后）")
    income: Income | None = Field(None, description="收入")
    expenditure: Expenditure | None = Field(None, description="支出（收付实现制）")
    budget: Budget | None = Field(None, description="预算与执行")
    expense: Expense | None = Field(None, description="费用（权责发生制）")
    carryover: Carryover | None = Field(None, description="结转结余")
    procurement: Procurement | None = Field(None, description="政府采购")
    assets: Assets | None = Field(None, description="资产")
    three_public: ThreePublicExpenses | None = Field(
        None,
        description="“三公”经费（因公出国（境）费、公务接待费、公务用车购置及运行费）；"
        "列在管理效率分析的运行成本一项（kind: running_cost），附控制率与同比增减",
    )
