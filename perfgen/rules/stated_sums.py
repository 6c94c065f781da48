"""The stated totals of the finances and their parts (docs/domain.md §5), which the rules
``sum-mismatch`` and ``sum-rounded`` (:mod:`perfgen.rules.finances`) compare: 总收入, 基本支出,
总支出, 调整后预算 (by 支出性质 and by 收入性质), 固定资产原值.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from perfgen.figures.catalogue import FIN, short_of
from perfgen.input.finances import SOURCE_NAMES, FundSources
from perfgen.locations import FieldPath
from perfgen.rules.registry import Context

Sum = tuple[FieldPath, str, object, Sequence[tuple[str, object]]]
"""A stated total and its parts: (path of the total, its name, its value, (name, value) parts)."""


def sums(context: Context) -> list[Sum]:
    """Every stated total with its parts (docs/domain.md §5): 总收入, 基本支出, 总支出,
    调整后预算 (= 基本支出预算 + 项目支出预算, and = its sources by 收入性质), 固定资产原值
    (= 累计折旧 + 净值)."""
    fin = context.report.basic_info.finances
    spent = context.figures.expenditure
    found: list[Sum] = []
    if i := fin.income:
        parts: list[tuple[str, object]] = [(short_of("income.appropriation"), i.appropriation)]
        parts.append((short_of("income.other"), i.other))
        found.append(((*FIN, "income", "total"), short_of("income.total"), i.total, parts))
    if e := fin.expenditure:
        parts = [
            (short_of("expenditure.personnel"), e.personnel),
            (short_of("expenditure.public"), e.public),
        ]
        found.append(
            ((*FIN, "expenditure", "basic"), short_of("expenditure.basic"), e.basic, parts)
        )
        basic = spent.basic if spent else None
        parts = [
            (short_of("expenditure.basic"), basic),
            (short_of("expenditure.project"), e.project),
        ]
        found.append(
            ((*FIN, "expenditure", "total"), short_of("expenditure.total"), e.total, parts)
        )
    if b := fin.budget:
        parts = [(short_of("budget.basic"), b.basic), (short_of("budget.project"), b.project)]
        found.append(((*FIN, "budget", "adjusted"), short_of("budget.adjusted"), b.adjusted, parts))
        if (sources := _sources(b.sources, b.adjusted)) is not None:
            label = short_of("budget.adjusted")
            found.append(((*FIN, "budget", "sources"), label, b.adjusted, sources))
    if a := fin.assets:
        parts = [
            (short_of("assets.fixed_depreciation"), a.fixed_depreciation),
            (short_of("assets.fixed_net"), a.fixed_net),
        ]
        found.append(
            ((*FIN, "assets", "fixed_gross"), short_of("assets.fixed_gross"), a.fixed_gross, parts)
        )
    return found


def _sources(sources: FundSources | None, total: object) -> list[tuple[str, object]] | None:
    """The sources of the funds as the parts of 调整后预算 (``total``): all four when all are
    stated; else the stated ones only when they already exceed the total (an unstated source
    may make up the rest, and a source is never negative); else ``None``."""
    if sources is None or not isinstance(total, Decimal):
        return None
    parts: list[tuple[str, object]] = [
        (name, getattr(sources, key)) for key, name in SOURCE_NAMES.items()
    ]
    stated: list[tuple[str, object]] = [(n, a) for n, a in parts if isinstance(a, Decimal)]
    if len(stated) == len(parts):
        return parts
    summed = known_sum(total, stated)
    return stated if stated and summed is not None and summed > total else None


def known_sum(total: object, parts: Sequence[tuple[str, object]]) -> Decimal | None:
    """The sum of the parts when the total and every part are known amounts, else ``None``."""
    if not isinstance(total, Decimal) or not all(isinstance(a, Decimal) for _, a in parts):
        return None
    return sum((a for _, a in parts if isinstance(a, Decimal)), Decimal(0))
