"""Derived figures: every rate, share, change, score and decision the report prints.

:func:`derive` turns an :class:`~perfgen.input.validation.Input` into :class:`Figures`. The
formulas are in :mod:`perfgen.figures.formulas` (one pure function each); this package applies
them, keeps pending inputs pending (:mod:`perfgen.figures.pending`), rounds each figure once at the
precision its setting names, and decides every wording a number implies (within target or
not, which fallback sentence, grouping) as fields of :mod:`perfgen.figures.types`.
"""

from __future__ import annotations

from perfgen.figures.evaluation import duty_indicators, groups, score_and_grade, table_figures
from perfgen.figures.finances import FinanceFigures
from perfgen.figures.pending import Figure, known, rounded
from perfgen.figures.types import (
    Assets,
    Budget,
    Carryover,
    Change,
    Expenditure,
    Expense,
    Figures,
    FundingResult,
    Income,
    IndicatorGroup,
    IndicatorResult,
    Part,
    Procurement,
    Rate,
    Scope,
    Table,
    TableRow,
    ThreePublic,
)
from perfgen.input.validation import Input

__all__ = [
    "Assets",
    "Budget",
    "Carryover",
    "Change",
    "Expenditure",
    "Expense",
    "Figure",
    "Figures",
    "FundingResult",
    "Income",
    "IndicatorGroup",
    "IndicatorResult",
    "Part",
    "Procurement",
    "Rate",
    "Scope",
    "Table",
    "TableRow",
    "ThreePublic",
    "derive",
]


def derive(source: Input) -> Figures:
    """Compute every derived figure of an input.

    Args:
        source: A validated input (:func:`perfgen.input.validation.validate`), with its pending
        paths.

    Returns:
        The :class:`Figures`: rates in % at ``settings.percent_decimals`` (completion rates at
        ``settings.indicator_rate_decimals``), amounts in 万元, scores in points; PENDING
        where an input they need is a placeholder.
    """
    finance = FinanceFigures(source)
    expenditure = finance.expenditure()
    evaluation = source.report.evaluation
    table = table_figures(source, evaluation.table) if evaluation.table else None
    indicators = duty_indicators(source, table)
    score, grade = score_and_grade(source, table)
    duty = evaluation.duty_effectiveness
    spending = known(source, duty, "spending_rate", ("evaluation", "duty_effectiveness"))
    return Figures(
        income=finance.income(),
        expenditure=expenditure,
        expense=finance.expense(),
        budget=finance.budget(expenditure),
        carryover=finance.carryover(expenditure),
        procurement=finance.procurement(),
        three_public=finance.three_public(),
        assets=finance.assets(),
        staff_control_rate=finance.staff_control_rate(),
        scope=finance.scope(expenditure),
        spending_rate=rounded(spending, source.report.settings.percent_decimals),
        indicators=indicators,
        indicator_groups=groups(indicators),
        table=table,
        score=score,
        grade=grade,
    )
