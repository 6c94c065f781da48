"""Which figure of the report a narrative amount or rate states, told by the words before it.

The report's own figures are gathered once (:func:`known_figures`): every money field the clerk
filled, the totals perfgen derives, and every rate perfgen computes or the clerk states, each
with its Chinese name and the field it comes from. A mention's label (the words before it in
its clause, :mod:`perfgen.narrative.mentions`) names one of them when it *ends* with one of the
patterns below: “2022年支出决算总额” names 总支出, “基本支出年度预算数” names 基本支出预算.
More specific patterns come first (a budget before the expenditure it budgets).

What it cannot see: a figure named far from its number (“其中基本支出…，执行数1897.96万元”),
named by a pronoun (该项), or named in words these patterns do not know; such mentions are only
compared for slips (:mod:`perfgen.narrative.typos`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from perfgen.figures import Figures, Rate
from perfgen.input.model import Report
from perfgen.locations import FieldPath

FIN = ("basic_info", "finances")


@dataclass(frozen=True)
class Known:
    """A figure of the report.

    Attributes:
        key: Its name in the label tables, e.g. ``expenditure.total``.
        name: Its Chinese name, e.g. 总支出.
        value: 万元 for money, % for a rate.
        path: The field it is written in, or the field it is computed from.
    """

    key: str
    name: str
    value: Decimal
    path: FieldPath


MONEY_LABELS: tuple[tuple[str, str], ...] = (
    (r"基本支出(?:年度)?预算(?:数|金额)?", "budget.basic"),
    (r"项目(?:支出)?(?:年度)?预算(?:数|金额)?", "budget.project"),
    (r"(?:调整后|全年|年度)预算(?:总数|总额|数|金额)?", "budget.adjusted"),
    (r"年初预算(?:批复)?(?:金额|总额|数|总收入|收入)?", "budget.initial"),
    (r"工资福利(?:费用|支出)?", "expense.wage_and_welfare"),
    (r"商品和服务(?:费用|支出)?", "expense.goods_and_services"),
    (r"对个人和家庭的补助(?:费用|支出)?", "expense.subsidies"),
    (r"固定资产折旧(?:费用)?", "expense.depreciation"),
    (r"无形资产摊销(?:费用)?", "expense.amortization"),
    (r"年末结转(?:和)?结余(?:决算数|资金)?", "carryover.closing"),
    (r"年初结转(?:和)?结余(?:决算数|资金)?", "carryover.opening"),
    (r"人员经费(?:支出)?", "expenditure.personnel"),
    (r"公用(?:经费)?支出|公用经费", "expenditure.public"),
    (r"基本支出(?:决算数?)?", "expenditure.basic"),
    (r"项目支出(?:决算数?)?", "expenditure.project"),
    (
        r"总支出(?:决算)?|支出(?:决算)?总[额数]|决算总支出|整体支出|实际支出(?:数)?|支出决算数?",
        "expenditure.total",
    ),
    (r"(?:一般公共预算)?财政拨款收入", "income.appropriation"),
    (r"其他收入(?:项目)?", "income.other"),
    (r"总收入|收入(?:决算)?总[额数]|决算收入(?:金额)?|收入决算", "income.total"),
    (r"(?:实际)?采购(?:金额|总额)", "procurement.actual"),
    (r"资产总额", "assets.total"),
    (r"(?:固定资产)?净值", "assets.fixed_net"),
    (r"固定资产原值", "assets.fixed_gross"),
    (r"(?:实际)?在用固定资产(?:原值|总额)?", "assets.fixed_in_use"),
    (r"总费用", "expense.total"),
    (r"“?三公”?经费(?:实际)?支出(?:数)?", "three_public.actual"),
)
"""Money labels (the end of the words before an amount) and the figure each names."""

APPROPRIATION_LABEL = (r"(?:一般公共预算)?财政拨款(?:支出|决算数?)", "expenditure.total")
"""On the appropriation basis, 财政拨款支出 is the report's 总支出."""

RATE_LABELS: tuple[tuple[str, str], ...] = (
    (r"基本支出(?:预算)?(?:执行|完成)率", "budget.basic_execution_rate"),
    (r"项目(?:支出)?(?:预算)?(?:执行|完成)率", "budget.project_execution_rate"),
    (r"资金支出(?:年度)?(?:评价)?执行率|(?:预算)?资金支出率", "spending_rate"),
    (r"预算调整率", "budget.adjustment_rate"),
    (r"(?:整体)?预算(?:执行)?(?:完成)?率|^执行率", "budget.execution_rate"),
    (r"结转结余率", "carryover.rate"),
    (r"结转结余变动率", "carryover.change_rate"),
    (r"固定资产利用率", "assets.utilization"),
    (r"在职人员控制率", "staff_control_rate"),
    (r"“?三公”?经费控制率", "three_public.control_rate"),
)
"""Rate labels and the rate each names."""

_SKIP = re.compile(r"上年|去年|同比|较|比\d{4}|使用")
"""Words that make a label about another year or another use of the money."""


def _compiled(table: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(f"(?:{pattern})$"), key) for pattern, key in table)


_MONEY = _compiled(MONEY_LABELS)
_MONEY_APPROPRIATION = _compiled((APPROPRIATION_LABEL, *MONEY_LABELS))
_RATES = _compiled(RATE_LABELS)


@dataclass(frozen=True)
class Naming:
    """A figure of the report a mention names, and the words that name it (“支出决算总数”)."""

    figure: Known
    words: str


def named(label: str, known: dict[str, Known], rate: bool, basis: str = "all") -> Naming | None:
    """The figure a mention's label names, if the report has it.

    Args:
        label: The mention's label (:attr:`perfgen.narrative.mentions.Mention.label`).
        known: The report's figures (:func:`known_figures`).
        rate: Whether the mention is a rate (else money).
        basis: The finances' basis (on ``appropriation``, 财政拨款支出 names 总支出).
    """
    found = key_of(label, rate=rate, basis=basis)
    if found is None:
        return None
    figure = known.get(found[0])
    return Naming(figure, found[1]) if figure else None


def key_of(label: str, *, rate: bool, basis: str = "all") -> tuple[str, str] | None:
    """The key of the figure a label names (``expenditure.total``) and the words that name it,
    whether or not the report has that figure; ``None`` when the label names none (or speaks
    of another year)."""
    if not label or _SKIP.search(label):
        return None
    table = _RATES if rate else (_MONEY_APPROPRIATION if basis == "appropriation" else _MONEY)
    for pattern, key in table:
        if match := pattern.search(label):
            return key, match[0]
    return None


def known_figures(report: Report, figures: Figures) -> dict[str, Known]:
    """Every known figure of the report by key: money in 万元 (the clerk's, and the totals
    perfgen derives), rates in % (computed or stated). Pending and absent figures are left out."""
    out: dict[str, Known] = {}

    def add(key: str, name: str, value: object, path: FieldPath) -> None:
        if isinstance(value, Rate):
            value = value.value
        if isinstance(value, Decimal):
            out[key] = Known(key, name, value, path)

    fin = report.basic_info.finances
    money_fields = {
        "budget": ("initial", "adjusted", "basic", "project"),
        "expense": (
            "wage_and_welfare",
            "goods_and_services",
            "subsidies",
            "depreciation",
            "amortization",
        ),
        "carryover": ("opening", "closing"),
        "expenditure": ("personnel", "public", "basic", "project", "total"),
        "income": ("appropriation", "other", "total"),
        "procurement": ("actual",),
        "assets": ("total", "fixed_net", "fixed_gross", "fixed_in_use"),
        "three_public": ("actual",),
    }
    for block, fields in money_fields.items():
        model = getattr(fin, block)
        for field in fields:
            name = _name(model, field) if model is not None else ""
            add(f"{block}.{field}", name, getattr(model, field, None), (*FIN, block, field))
    if figures.income:
        add("income.total", "总收入", figures.income.total, (*FIN, "income", "total"))
    if figures.expense:
        add("expense.total", "总费用", figures.expense.total, (*FIN, "expense"))
    if figures.expenditure:
        spent = figures.expenditure
        add("expenditure.total", "总支出", spent.total, (*FIN, "expenditure", "total"))
        add("expenditure.basic", "基本支出", spent.basic, (*FIN, "expenditure", "basic"))
    if budget := figures.budget:
        budget_path = (*FIN, "budget")
        for key, name in (
            ("execution_rate", "预算执行率"),
            ("basic_execution_rate", "基本支出执行率"),
            ("project_execution_rate", "项目支出执行率"),
            ("adjustment_rate", "预算调整率"),
        ):
            add(f"budget.{key}", name, getattr(budget, key), (*budget_path, key))
    if carryover := figures.carryover:
        add("carryover.rate", "结转结余率", carryover.rate, (*FIN, "carryover", "closing"))
        path = (*FIN, "carryover", "closing")
        add("carryover.change_rate", "结转结余变动率", carryover.change_rate, path)
    if assets := figures.assets:
        path = (*FIN, "assets", "fixed_in_use")
        add("assets.utilization", "固定资产利用率", assets.utilization, path)
    if three := figures.three_public:
        path = (*FIN, "three_public", "actual")
        add("three_public.control_rate", "“三公”经费控制率", three.control_rate, path)
    staffing = ("basic_info", "functions", "staffing", "staff_in_post")
    add("staff_control_rate", "在职人员控制率", figures.staff_control_rate, staffing)
    spending = ("evaluation", "duty_effectiveness", "spending_rate")
    add("spending_rate", "部门预算资金支出率", figures.spending_rate, spending)
    return out


def _name(model: object, field: str) -> str:
    """A money field's Chinese name: its description up to the first bracket (总支出)."""
    description = type(model).model_fields[field].description or field  # type: ignore[attr-defined]
    return re.split(r"[（(；，]", description, maxsplit=1)[0]
