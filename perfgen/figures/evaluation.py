"""The figures of part 二 and the 自评表: indicator completion rates and scores, the table's
funding block, grouping and 总分, the self-evaluation score and its grade (docs/domain.md §2–3)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from perfgen.arithmetic import ZERO, quantize
from perfgen.figures import formulas
from perfgen.figures.pending import Figure, known, lift, rounded, total
from perfgen.figures.types import (
    FundingResult,
    IndicatorGroup,
    IndicatorResult,
    Table,
    TableRow,
)
from perfgen.input.model import Indicator, SelfEvaluationTable
from perfgen.input.validation import Input
from perfgen.input.values import INDICATOR_KINDS
from perfgen.locations import FieldPath
from perfgen.placeholders import PENDING, Pending

DUTY_INDICATORS: FieldPath = ("evaluation", "duty_effectiveness", "indicators")
TABLE: FieldPath = ("evaluation", "table")
SCORE_PLACES = 2
"""Item scores (得分) of the 自评表 are printed with two decimals."""


def indicator_result(source: Input, indicator: Indicator, path: FieldPath) -> IndicatorResult:
    """One indicator's completion rate and score.

    The rate is rounded once to ``settings.indicator_rate_decimals``; the score is computed
    from the unrounded rate (weight × min(rate, 100%)) and rounded once to two decimals.
    A placeholder in target, actual, outcome, weight or score makes what depends on it pending.
    """
    places = source.report.settings.indicator_rate_decimals
    target = known(source, indicator, "target", path)
    actual = known(source, indicator, "actual", path)
    achieved: str | Pending | None = indicator.achieved
    if source.is_pending((*path, "achieved")):
        achieved = PENDING
    exact: Figure | None
    if indicator.comparator == "定性" or (indicator.comparator == "=" and achieved is not None):
        exact = lift(
            lambda a: formulas.completion_rate(indicator.comparator, None, None, a), achieved
        )
    else:
        exact = lift(
            lambda t, a: formulas.completion_rate(indicator.comparator, t, a, None), target, actual
        )
    weight = known(source, indicator, "weight", path)
    computed = rounded(lift(formulas.capped_score, weight, exact), SCORE_PLACES)
    stated = known(source, indicator, "score", path)
    return IndicatorResult(
        indicator=indicator,
        target=target,
        actual=actual,
        completion_rate=rounded(exact, places),
        score=rounded(stated, SCORE_PLACES) if stated is not None else computed,
        computed_score=computed if isinstance(computed, Decimal) else None,
    )


def duty_indicators(source: Input, table: Table | None = None) -> tuple[IndicatorResult, ...]:
    """The indicators of 履职效能分析: those listed there, else the 自评表's rows with a kind
    (their results taken from ``table``, the 自评表's figures, when given: the same computation
    of the same indicators)."""
    evaluation = source.report.evaluation
    listed = evaluation.duty_effectiveness.indicators
    if listed or evaluation.table is None:
        rows, path = listed, DUTY_INDICATORS
    elif table is not None:
        return tuple(row.result for row in table.rows if row.result.indicator.kind is not None)
    else:
        rows, path = evaluation.table.indicators, (*TABLE, "indicators")
    return tuple(
        indicator_result(source, indicator, (*path, n))
        for n, indicator in enumerate(rows)
        if path == DUTY_INDICATORS or indicator.kind is not None
    )


def groups(results: Sequence[IndicatorResult]) -> tuple[IndicatorGroup, ...]:
    """The indicators with a kind, grouped as 产出, 效益, 满意度 (in that order)."""
    return tuple(
        IndicatorGroup(kind, label, members)
        for kind, label in INDICATOR_KINDS.items()
        if (members := tuple(r for r in results if r.indicator.kind == kind))
    )


def _funding(source: Input, table: SelfEvaluationTable) -> tuple[FundingResult, ...]:
    """The 年度资金总额 row (column sums) and each funding row, with execution rates."""
    places = source.report.settings.percent_decimals
    columns = ("initial_budget", "full_year_budget", "executed")
    rows = []
    for n, row in enumerate(table.funding):
        values = {c: known(source, row, c, (*TABLE, "funding", n)) for c in columns}
        rows.append((row, values))
    if not rows:
        return ()
    sums = {c: total(None, [values[c] for _, values in rows]) for c in columns}

    def result(name: str, values: dict[str, Figure | None], **extra: object) -> FundingResult:
        rate = lift(formulas.execution_rate, values["executed"], values["full_year_budget"])
        return FundingResult(name, **values, execution_rate=rounded(rate, places), **extra)  # type: ignore[arg-type]

    return (
        result("年度资金总额", sums, is_total=True),
        *(result(row.name, values, row=row) for row, values in rows),
    )


def _same_groups(previous: Indicator | None, row: Indicator) -> tuple[bool, bool]:
    """Whether ``row`` continues the 一级 and the 二级指标 group of the row above it."""
    if previous is None:
        return False, False
    same1 = bool(row.level1) and previous.level1 == row.level1
    same2 = bool(row.level2) and (previous.level1, previous.level2) == (row.level1, row.level2)
    return same1, same2


def table_figures(source: Input, table: SelfEvaluationTable) -> Table:
    """The 自评表: funding rates, indicator rates and scores, grouping, weights and 总分.

    Execution rate = 全年执行数 ÷ 全年预算数; the funding block scores its weight ×
    min(rate of the total row, 100%); 总分 = funding score + Σ indicator scores as printed
    (docs/domain.md §3), pending until every weighted item has a score.
    """
    funding = _funding(source, table)
    weight = known(source, table, "funding_weight", TABLE)
    score = known(source, table, "funding_score", TABLE)
    if score is None and funding and weight is not None:
        head = funding[0]
        exact = lift(formulas.execution_rate, head.executed, head.full_year_budget)
        score = lift(formulas.capped_score, weight, exact)
    rows: list[TableRow] = []
    weighted: list[tuple[Figure | None, Figure | None]] = [(weight, rounded(score, SCORE_PLACES))]
    previous: Indicator | None = None
    for n, indicator in enumerate(table.indicators):
        path = (*TABLE, "indicators", n)
        result = indicator_result(source, indicator, path)
        rows.append(TableRow(result, *_same_groups(previous, indicator)))
        weighted.append((known(source, indicator, "weight", path), result.score))
        previous = indicator
    given = [(w, s) for w, s in weighted if w is not None]
    weights = total(None, [w for w, _ in given])
    scores = [s for _, s in given]
    complete = all(isinstance(s, Decimal) for s in scores)
    return Table(
        funding=funding,
        funding_weight=table.funding_weight,
        funding_score=rounded(score, SCORE_PLACES),
        rows=tuple(rows),
        weights_total=ZERO if weights is None else weights,
        total=sum((s for s in scores if isinstance(s, Decimal)), ZERO) if complete else PENDING,
    )


def score_and_grade(source: Input, table: Table | None) -> tuple[Figure, str | Pending]:
    """The self-evaluation score at ``settings.score_decimals`` and its grade.

    The score is the one stated, else the 自评表's 总分; pending while either is a placeholder
    or incomplete. The grade is that of the score as printed, so the two never disagree.
    """
    settings = source.report.settings
    score: Figure | None = known(source, source.report.evaluation, "score", ("evaluation",))
    if score is None and table is not None:
        positive = isinstance(table.weights_total, Decimal) and table.weights_total > 0
        score = table.total if positive else PENDING
    if not isinstance(score, Decimal):
        return PENDING, PENDING
    printed = quantize(score, settings.score_decimals)
    return printed, formulas.grade(printed, settings.grade_bands)
