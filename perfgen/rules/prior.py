"""The rule across years: a report's 上年 figures against what the unit's previous-year report
published (``perfgen review``, when both reports are among its inputs).

A report states last year's figures for its comparisons (上年总收入, 上年总支出, 上年年初预算,
上年执行率, 上年政府采购, 上年“三公”经费 — the ``prior_*`` fields, docs/domain.md §2); the
previous year's report published the same figures as its own. :func:`published` takes those from
the previous report (as its readers see them: the totals and rates of
:class:`~perfgen.figures.Figures`), and the rule ``prior-published`` compares them, at the
coarser of the two stated precisions (1234.6 stated against 1234.56 published agree), rounded
half-up (:func:`perfgen.arithmetic.quantize`). Without a previous report (``check``, ``render``)
the rule finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from perfgen.arithmetic import quantize
from perfgen.figures import Figures
from perfgen.figures.catalogue import FIN, short_of
from perfgen.input.model import Report
from perfgen.input.validation import Input
from perfgen.locations import FieldPath
from perfgen.rules.registry import Context, Hit, hit, rule


def _name(key: str, otherwise: str) -> str:
    """The catalogue's name of the figure ``key`` (docs/figures.md), else ``otherwise``."""
    try:
        return short_of(key)
    except KeyError:  # a 上年 rate or 三公 is not a figure of the catalogue
        return otherwise


def _total(group: object) -> Decimal | None:
    value = getattr(group, "total", None) if group is not None else None
    return value if isinstance(value, Decimal) else None


def _rate(name: str) -> Callable[[Report, Figures], Decimal | None]:
    def rate(_report: Report, figures: Figures) -> Decimal | None:
        found = getattr(figures.budget, name, None) if figures.budget else None
        value = found.value if found is not None else None
        return value if isinstance(value, Decimal) else None

    return rate


def _field(*path: str) -> Callable[[Report, Figures], Decimal | None]:
    def value(report: Report, _figures: Figures) -> Decimal | None:
        node: object = report.basic_info.finances
        for key in path:
            node = getattr(node, key, None)
        return node if isinstance(node, Decimal) else None

    return value


@dataclass(frozen=True)
class Compared:
    """One figure a report states for last year, and where last year's report published it.

    Attributes:
        label: Its Chinese name as the message says it (上年总收入).
        stated: The field of this year's report holding it (``…income.prior_total``).
        published: The field of last year's report that published it (``…income.total``).
        value: Last year's published value (万元 or %), from its report and figures.
        on_basis: Whether the figure depends on the 口径 (``finances.basis``): compared only
            when both reports use the same.
    """

    label: str
    stated: FieldPath
    published: FieldPath
    value: Callable[[Report, Figures], Decimal | None]
    on_basis: bool = False


COMPARED = (
    Compared(
        _name("income.prior_total", "上年总收入"),
        (*FIN, "income", "prior_total"),
        (*FIN, "income", "total"),
        lambda _r, f: _total(f.income),
    ),
    Compared(
        _name("expenditure.prior_total", "上年总支出"),
        (*FIN, "expenditure", "prior_total"),
        (*FIN, "expenditure", "total"),
        lambda _r, f: _total(f.expenditure),
        on_basis=True,
    ),
    Compared(
        _name("budget.prior_initial", "上年年初预算数"),
        (*FIN, "budget", "prior_initial"),
        (*FIN, "budget", "initial"),
        _field("budget", "initial"),
        on_basis=True,
    ),
    Compared(
        "上年预算执行率",
        (*FIN, "budget", "prior_execution_rate"),
        (*FIN, "budget", "execution_rate"),
        _rate("execution_rate"),
        on_basis=True,
    ),
    Compared(
        "上年基本支出执行率",
        (*FIN, "budget", "prior_basic_execution_rate"),
        (*FIN, "budget", "basic_execution_rate"),
        _rate("basic_execution_rate"),
        on_basis=True,
    ),
    Compared(
        "上年项目支出执行率",
        (*FIN, "budget", "prior_project_execution_rate"),
        (*FIN, "budget", "project_execution_rate"),
        _rate("project_execution_rate"),
        on_basis=True,
    ),
    Compared(
        _name("procurement.prior_actual", "上年政府采购金额"),
        (*FIN, "procurement", "prior_actual"),
        (*FIN, "procurement", "actual"),
        _field("procurement", "actual"),
    ),
    Compared(
        "上年“三公”经费",
        (*FIN, "three_public", "prior_actual"),
        (*FIN, "three_public", "actual"),
        _field("three_public", "actual"),
    ),
)
"""Every 上年 figure compared, in the order of the report."""


@dataclass(frozen=True)
class Published:
    """What a unit's report published, and what it states of the year before.

    Attributes:
        file: The report's file (as given).
        unit: The unit's name.
        year: The year it evaluates.
        basis: Its 口径 (``finances.basis``).
        values: The label of each :data:`COMPARED` figure → the value the report published as
            its own (万元 or %); figures it does not publish are absent.
        stated: The label of each :data:`COMPARED` figure → the value it states for the year
            before (its ``prior_*`` field); figures it does not state are absent.
    """

    file: str
    unit: str
    year: int
    basis: str
    values: dict[str, Decimal]
    stated: dict[str, Decimal]


def published(source: Input, figures: Figures) -> Published:
    """What ``source``'s report published and states of the year before (see
    :data:`COMPARED`)."""
    report = source.report
    values, prior = {}, {}
    for compared in COMPARED:
        value = compared.value(report, figures)
        if value is not None:
            values[compared.label] = value
        node: object = report
        for key in compared.stated:
            node = getattr(node, str(key), None)
        if isinstance(node, Decimal):
            prior[compared.label] = node
    unit = report.unit.name.strip()
    basis = report.basic_info.finances.basis
    return Published(source.file, unit, report.year, basis, values, prior)


@dataclass(frozen=True)
class Mismatch:
    """A 上年 figure that differs from what the previous year's report published.

    Attributes:
        compared: Which figure.
        stated: What this year's report states (万元 or %).
        published: What the previous year's report published.
    """

    compared: Compared
    stated: Decimal
    published: Decimal

    def values(self, other: Published) -> dict[str, object]:
        """The message values, naming the ``other`` report."""
        unit = "%" if "执行率" in self.compared.label else " 万元"
        return {
            "label": self.compared.label,
            "stated": f"{self.stated}{unit}",
            "published": f"{self.published}{unit}",
            "file": other.file,
            "year": other.year,
        }


def mismatches(current: Published, prior: Published) -> list[Mismatch]:
    """The 上年 figures of ``current`` that ``prior`` — the same unit's report of the year
    before — published differently; none when ``prior`` is not that report.

    Figures that depend on the 口径 are compared only when both reports use the same; values
    agree when equal at the coarser of the two precisions (:func:`agree`).
    """
    if prior.year != current.year - 1 or prior.unit != current.unit:
        return []
    found = []
    for compared in COMPARED:
        value, was = current.stated.get(compared.label), prior.values.get(compared.label)
        if value is None or was is None or (compared.on_basis and prior.basis != current.basis):
            continue
        if not agree(value, was):
            found.append(Mismatch(compared, value, was))
    return found


def agree(stated_value: Decimal, published_value: Decimal) -> bool:
    """Whether two values agree at the coarser of their stated precisions (half-up)."""
    places = min(_places(stated_value), _places(published_value))
    return quantize(stated_value, places) == quantize(published_value, places)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


MIRRORED = "{file}（{year} 年度报告）的{label}写为 {stated}，与本报告公布的 {published} 不一致"
"""The finding on the previous year's report (``perfgen review`` shows it on both pages)."""


@rule(
    "prior-published",
    "warning",
    summary="报告写的上年数（上年总收入、上年总支出、上年年初预算、上年执行率、上年政府采购、"
    "上年“三公”经费）与同一单位上一年度报告公布的数不一致"
    "（仅 perfgen review 同时读入两年的报告时）",
    message="{label}写为 {stated}，与{file}（{year} 年度报告）公布的 {published} 不一致",
    blames="上年数字段（如 basic_info.finances.income.prior_total）",
    example="""
basic_info: {finances: {income: {total: 120.00, prior_total: 105.00}}}
""",
    limits="只比较同一单位名称、相邻年度的两份报告；按两者中较少的小数位四舍五入后比较；"
    "两份报告的支出口径（basis）不同时不比较支出、预算和执行率",
    prior_example="""
year: 2023
basic_info: {finances: {income: {total: 100.00}}}
""",
)
def prior_published(context: Context) -> Iterator[Hit]:
    if context.prior is None:
        return
    for found in mismatches(published(context.input, context.figures), context.prior):
        yield hit(found.compared.stated, **found.values(context.prior))
