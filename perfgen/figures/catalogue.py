"""The catalogue of the report's figures, declared once.

Every figure a report states or perfgen computes from what it states is listed here with its
key, the field it is written in (or computed from), its Chinese name and the words a published
report names it by (a regular expression matched at the end of the words before the number),
its unit, its precision and where the templates print it. From this one list are built:

- the reader's label tables (:data:`perfgen.narrative.labels.MONEY_LABELS`, ``RATE_LABELS``),
  which :mod:`perfgen.reading.sentences` and the narrative checks use;
- the Chinese names the rules print (:func:`name_of`);
- where perfgen writes each block of figures again (:data:`HOMES`, for the import's decision
  to leave a sentence to the templates);
- ``docs/figures.md`` (:mod:`perfgen.figures.reference`; a test fails when it is stale).

The order matters where names overlap: a more specific name comes first (基本支出预算 before
基本支出, 年末结转结余 before 结转结余率).

Over 300 lines because it is the whole list, one entry per figure with its names and where it
is printed; split, it would no longer be the one place that lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfgen.locations import FieldPath

FIN: FieldPath = ("basic_info", "finances")
"""Where the finances are: part 一（四）部门整体收支情况."""

STAFFING: FieldPath = ("basic_info", "functions", "staffing")
"""Where the staffing is: part 一（一）部门职能."""


@dataclass(frozen=True)
class CatalogueFigure:
    """One figure of the report.

    Attributes:
        key: Its key, ``block.name`` (``income.total``) or a name (``spending_rate``).
        path: The field it is written in, or, for a computed figure, the field it is computed
            from.
        name: Its Chinese name, as messages print it (总收入).
        synonyms: The words a report names it by: a regular expression matched at the end of
            the words before the number (``""``: perfgen does not read it from text).
        unit: 万元, % or 人.
        precision: Decimal places it is written with.
        printed: Where the templates print it: ``finances`` (部门整体收支情况), a 管理效率分析
            item (``budget_execution``, ``procurement``, ``assets``, ``running_cost``), or
            ``functions`` (部门职能), ``duty_effectiveness``.
        computed: Whether perfgen computes it (a stated value is checked against perfgen's).
        short: The shorter name the rules' messages use (调整后预算 for 调整后预算数), else
            ``""`` (then :attr:`name`).
    """

    key: str
    path: FieldPath
    name: str
    synonyms: str
    unit: str
    precision: int
    printed: str
    computed: bool = False
    short: str = ""


def _money(
    key: str, name: str, synonyms: str, printed: str, computed: bool = False, short: str = ""
) -> CatalogueFigure:
    block, field = key.split(".")
    path = (*FIN, block, field)
    return CatalogueFigure(key, path, name, synonyms, "万元", 2, printed, computed, short)


def _rate(key: str, name: str, synonyms: str, path: FieldPath, printed: str) -> CatalogueFigure:
    return CatalogueFigure(key, path, name, synonyms, "%", 2, printed, True)


MONEY: tuple[CatalogueFigure, ...] = (
    _money(
        "budget.basic",
        "基本支出预算数",
        r"基本支出(?:年度)?预算(?:数|金额)?",
        "budget_execution",
        short="基本支出预算",
    ),
    _money(
        "budget.project",
        "项目支出预算数",
        r"项目(?:支出)?(?:年度)?预算(?:数|金额)?",
        "budget_execution",
        short="项目支出预算",
    ),
    _money(
        "budget.adjusted",
        "调整后预算数",
        r"(?:调整后|全年|年度)预算(?:总数|总额|数|金额)?",
        "finances",
        short="调整后预算",
    ),
    _money(
        "budget.initial",
        "年初预算数",
        r"年初(?:部门)?预算(?:批复)?(?:金额|总额|数|总收入|收入)?|年初数",
        "finances",
        short="年初预算",
    ),
    # The cost lines are 费用 (accrual basis, docs/domain.md §3); “工资福利支出”、“商品和服务
    # 支出” are the same lines of the cash expenditure by economic classification, another
    # figure: they do not name the cost lines.
    _money("expense.wage_and_welfare", "工资福利费用", r"工资福利(?:费用)?", "finances"),
    _money("expense.goods_and_services", "商品和服务费用", r"商品和服务(?:费用)?", "finances"),
    _money(
        "expense.subsidies",
        "对个人和家庭的补助费用",
        r"对个人和家庭的补助(?:费用)?",
        "finances",
    ),
    _money("expense.depreciation", "固定资产折旧费用", r"固定资产折旧(?:费用)?", "finances"),
    _money("expense.amortization", "无形资产摊销费用", r"无形资产摊销(?:费用)?", "finances"),
    _money(
        "carryover.closing",
        "年末结转结余",
        r"年末结转(?:和)?结余(?:决算数|资金)?",
        "budget_execution",
    ),
    _money(
        "carryover.opening",
        "年初结转结余",
        r"年初结转(?:和)?结余(?:决算数|资金)?",
        "budget_execution",
    ),
    _money("expenditure.personnel", "人员经费", r"人员经费(?:支出)?", "finances"),
    _money("expenditure.public", "公用经费", r"公用(?:经费)?支出|公用经费", "finances"),
    _money("expenditure.basic", "基本支出", r"基本支出(?:决算数?)?", "finances"),
    _money("expenditure.project", "项目支出", r"项目支出(?:决算数?)?", "finances"),
    _money(
        "expenditure.total",
        "总支出",
        r"总支出(?:决算)?|支出(?:决算)?总[额数]|决算总支出|整体支出|实际支出(?:数|金额)?|支出决算数?"
        r"|(?:本年|年度|全年)?支出合计|^支出",
        "finances",
    ),
    _money(
        "income.appropriation",
        "一般公共预算财政拨款收入",
        r"(?:一般公共预算)?财政拨款收入",
        "finances",
    ),
    _money("income.other", "其他收入", r"其他收入(?:项目)?", "finances"),
    _money(
        "income.total",
        "总收入",
        r"总收入|收入(?:决算)?总[额数]|决算收入(?:金额)?|收入决算|(?:本年|年度|全年)?收入合计|^收入",
        "finances",
    ),
    _money("procurement.actual", "实际采购金额", r"(?:实际)?采购(?:金额|总额)", "procurement"),
    _money("assets.total", "资产总额", r"资产总额", "assets"),
    _money("assets.fixed_net", "固定资产净值", r"(?:固定资产)?净值", "assets"),
    _money("assets.fixed_gross", "固定资产原值", r"固定资产(?:期末)?(?:账面数)?原值", "assets"),
    _money(
        "assets.fixed_depreciation", "固定资产累计折旧", r"(?:固定资产)?累计折旧(?:额)?", "assets"
    ),
    _money(
        "assets.fixed_in_use",
        "实际在用固定资产原值",
        r"(?:实际)?在用固定资产(?:原值|总额)?",
        "assets",
    ),
    CatalogueFigure(
        "expense.total", (*FIN, "expense"), "总费用", r"总费用", "万元", 2, "finances", True
    ),
    _money(
        "three_public.actual",
        "“三公”经费实际支出",
        r"“?三公”?经费(?:实际)?支出(?:数)?",
        "running_cost",
    ),
)
"""Money, in 万元: what the reader's money labels name, in matching order."""

APPROPRIATION_TOTAL = r"(?:一般公共预算)?财政拨款(?:支出|决算数?)"
"""On the appropriation basis, 财政拨款支出 names the report's 总支出."""

PRIOR: tuple[CatalogueFigure, ...] = (
    _money("budget.prior_initial", "上年年初预算数", "", "finances", short="上年年初预算"),
    _money("expenditure.prior_total", "上年总支出", "", "finances"),
    _money("income.prior_total", "上年总收入", "", "finances"),
    _money("procurement.prior_actual", "上年实际采购金额", "", "procurement", short="上年采购金额"),
)
"""Last year's money: worked out from a stated change, never named directly."""

_BUDGET = (*FIN, "budget")

RATES: tuple[CatalogueFigure, ...] = (
    _rate(
        "budget.basic_execution_rate",
        "基本支出执行率",
        r"基本支出(?:预算)?(?:执行|完成)率",
        (*_BUDGET, "basic_execution_rate"),
        "budget_execution",
    ),
    _rate(
        "budget.project_execution_rate",
        "项目支出执行率",
        r"项目(?:支出)?(?:预算)?(?:执行|完成)率",
        (*_BUDGET, "project_execution_rate"),
        "budget_execution",
    ),
    _rate(
        "spending_rate",
        "部门预算资金支出率",
        r"资金支出(?:年度)?(?:评价)?执行率|(?:预算)?资金支出率",
        ("evaluation", "duty_effectiveness", "spending_rate"),
        "duty_effectiveness",
    ),
    _rate(
        "budget.adjustment_rate",
        "预算调整率",
        r"预算调整率",
        (*_BUDGET, "adjustment_rate"),
        "budget_execution",
    ),
    _rate(
        "budget.execution_rate",
        "预算执行率",
        r"(?:整体)?预算(?:执行)?(?:完成)?率|^执行率",
        (*_BUDGET, "execution_rate"),
        "budget_execution",
    ),
    _rate(
        "carryover.rate",
        "结转结余率",
        r"结转结余率",
        (*FIN, "carryover", "closing"),
        "budget_execution",
    ),
    _rate(
        "carryover.change_rate",
        "结转结余变动率",
        r"结转结余变动率",
        (*FIN, "carryover", "closing"),
        "budget_execution",
    ),
    _rate(
        "assets.utilization",
        "固定资产利用率",
        r"固定资产利用率",
        (*FIN, "assets", "fixed_in_use"),
        "assets",
    ),
    _rate(
        "staff_control_rate",
        "在职人员控制率",
        r"在职人员控制率",
        (*STAFFING, "staff_in_post"),
        "functions",
    ),
    _rate(
        "three_public.control_rate",
        "“三公”经费控制率",
        r"“?三公”?经费控制率",
        (*FIN, "three_public", "actual"),
        "running_cost",
    ),
)
"""Rates, in %: what the reader's rate labels name, in matching order."""

STAFF: tuple[CatalogueFigure, ...] = (
    CatalogueFigure(
        "staffing.authorized_headcount",
        (*STAFFING, "authorized_headcount"),
        "编制数",
        r"(?:人员|实有|在编)?(?:行政|事业|参公)?编制(?:数|人数|人员|总数)?",
        "人",
        0,
        "functions",
    ),
    CatalogueFigure(
        "staffing.staff_in_post",
        (*STAFFING, "staff_in_post"),
        "实有在职人数",
        r"(?:实有|在职在编|在编在职|在职|在编)(?:在职|在编)?(?:事业|行政)?"
        r"(?:人员|人数|职工|干部职工)?(?:总数|合计)?",
        "人",
        0,
        "functions",
    ),
    CatalogueFigure(
        "staffing.other_staff",
        (*STAFFING, "other_staff"),
        "其他人员",
        r"其他人员",
        "人",
        0,
        "functions",
    ),
    CatalogueFigure(
        "staffing.retired",
        (*STAFFING, "retired"),
        "离退休人数",
        # 离退休 (both), 离休 or 退休 alone; a space where a printed line broke the word
        r"(?:离\s?退|离|退)\s?休\s?(?:干部职工|老干部|干部|人员|人数|职工)?(?:总数|合计)?",
        "人",
        0,
        "functions",
    ),
)
"""Staffing, in 人. Retired staff (离退休) are not staff in post: apart from the breakdown
and the 在职人员控制率."""

CATALOGUE: tuple[CatalogueFigure, ...] = (*MONEY, *PRIOR, *RATES, *STAFF)
"""Every figure, once."""

_BY_KEY = {figure.key: figure for figure in CATALOGUE}


def figure(key: str) -> CatalogueFigure:
    """The figure of ``key`` (``income.total``).

    Raises:
        KeyError: no figure has that key.
    """
    return _BY_KEY[key]


def name_of(key: str) -> str:
    """The Chinese name of the figure ``key`` (``income.total`` → 总收入).

    Raises:
        KeyError: no figure has that key.
    """
    return _BY_KEY[key].name


def short_of(key: str) -> str:
    """The name the rules' messages use for the figure ``key`` (调整后预算).

    Raises:
        KeyError: no figure has that key.
    """
    found = _BY_KEY[key]
    return found.short or found.name


HOMES: dict[str, str] = {}
"""Where perfgen writes each block of money again (``income`` → ``finances``): the 管理效率分析
item of that kind, or 部门整体收支情况."""
for _figure in MONEY:
    HOMES.setdefault(_figure.key.split(".")[0], _figure.printed)
HOMES["budget"] = HOMES["expense"] = "finances"
