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
from perfgen.figures.catalogue import APPROPRIATION_TOTAL, FIN, MONEY, RATES, figure, name_of
from perfgen.input.model import Report
from perfgen.locations import FieldPath


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


MONEY_LABELS: tuple[tuple[str, str], ...] = tuple(
    (figure.synonyms, figure.key) for figure in MONEY if figure.synonyms
)
"""Money labels (the end of the words before an amount) and the figure each names, from the
catalogue (:mod:`perfgen.figures.catalogue`)."""

APPROPRIATION_LABEL = (APPROPRIATION_TOTAL, "expenditure.total")
"""On the appropriation basis, 财政拨款支出 is the report's 总支出."""

RATE_LABELS: tuple[tuple[str, str], ...] = tuple(
    (figure.synonyms, figure.key) for figure in RATES if figure.synonyms
)
"""Rate labels and the rate each names, from the catalogue."""

_WHEN = re.compile(r"^(?:\d{4}年度?|本年度?|全年|年度|当年)")
"""A year or “本年” before a label (“2023年收入”): the year evaluated, not part of the name."""
_GENERIC_PREFIX = re.compile(
    r"^(?:[\u4e00-\u9fff“”]{0,30}?(?:\d{4}年度?|局|厅|委|办|馆|园|校|院|所|站|中心|室|会|部门|单位))?"
    r"(?:其中|包括|主要|部门|单位|整体|全部|累计|实际|合计|本年|全年|年度|当年|年末|期末|末|政府采购"
    r"|的|及|和|、|，|\s)*$"
)
"""What may precede a figure's name in its label: a subject (the unit, a year) and generic
words; anything else (“免费开放项目支出”, “其他商品和服务支出”) names a part of the figure."""
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
    label = _WHEN.sub("", label) or label
    table = _RATES if rate else (_MONEY_APPROPRIATION if basis == "appropriation" else _MONEY)
    for pattern, key in table:
        if match := pattern.search(label):
            if not _GENERIC_PREFIX.match(label[: match.start()]):
                return None  # “免费开放项目支出”: one project's, not the report's figure
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
        "assets": ("total", "fixed_net", "fixed_gross", "fixed_depreciation", "fixed_in_use"),
        "three_public": ("actual",),
    }
    for block, fields in money_fields.items():
        model = getattr(fin, block)
        for field in fields:
            key = f"{block}.{field}"
            add(key, name_of(key), getattr(model, field, None), (*FIN, block, field))
    if figures.income:
        add(
            "income.total", name_of("income.total"), figures.income.total, (*FIN, "income", "total")
        )
    if figures.expense:
        add("expense.total", name_of("expense.total"), figures.expense.total, (*FIN, "expense"))
    if figures.expenditure:
        spent = figures.expenditure
        for key in ("expenditure.total", "expenditure.basic"):
            path = figure(key).path
            add(key, name_of(key), getattr(spent, key.split(".")[1]), path)
    if budget := figures.budget:
        budget_path = (*FIN, "budget")
        for key in ("execution_rate", "basic_execution_rate", "project_execution_rate"):
            add(
                f"budget.{key}", name_of(f"budget.{key}"), getattr(budget, key), (*budget_path, key)
            )
        key = "adjustment_rate"
        add(f"budget.{key}", name_of(f"budget.{key}"), getattr(budget, key), (*budget_path, key))
    if carryover := figures.carryover:
        for key in ("carryover.rate", "carryover.change_rate"):
            add(key, name_of(key), getattr(carryover, key.split(".")[1]), figure(key).path)
    if assets := figures.assets:
        key = "assets.utilization"
        add(key, name_of(key), assets.utilization, figure(key).path)
    if three := figures.three_public:
        key = "three_public.control_rate"
        add(key, name_of(key), three.control_rate, figure(key).path)
    for key in ("staff_control_rate", "spending_rate"):
        add(key, name_of(key), getattr(figures, key), figure(key).path)
    return out
