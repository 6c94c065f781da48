"""Consistency rules of the 部门整体支出绩效自评表 (domain.md §3): weights, scores, total.

Rules: ``weights-sum`` (the weights must add up to 100), ``score-over-weight`` (a score
above its weight), ``score-far`` (a typed score far from weight × completion rate) and
``score-mismatch`` (the typed self-evaluation score differs from the table's 总分).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfgen.figures import Figures
from perfgen.finding import Finding
from perfgen.loader import FieldPath
from perfgen.model import Report
from perfgen.numbers import HUNDRED

FAR_SHARE = Decimal("0.1")
"""A typed score is "far" from the computed one when they differ by more than 10% of its weight."""

TABLE: FieldPath = ("evaluation", "table")


def table_findings(report: Report, figures: Figures) -> Iterator[Finding]:
    """Run the table rules; nothing when the report has no table."""
    table, computed = report.evaluation.table, figures.table
    if table is None or computed is None:
        return
    weighted = table.funding_weight is not None or any(i.weight for i in table.indicators)
    if weighted and computed.weights_total != HUNDRED:
        yield Finding(
            "error",
            "weights-sum",
            TABLE,
            f"自评表各项分值合计为 {computed.weights_total} 分，应为 100 分；请核对分值",
        )
    if (
        table.funding_score is not None
        and table.funding_weight is not None
        and table.funding_score > table.funding_weight
    ):
        yield _over(
            (*TABLE, "funding_score"), "预算执行", table.funding_score, table.funding_weight
        )
    for n, result in enumerate(computed.indicators):
        indicator, path = result.indicator, (*TABLE, "indicators", n, "score")
        if indicator.score is None or indicator.weight is None:
            continue
        if indicator.score > indicator.weight:
            yield _over(path, f"指标“{indicator.name}”", indicator.score, indicator.weight)
        elif (
            result.computed_score is not None
            and abs(indicator.score - result.computed_score) > indicator.weight * FAR_SHARE
        ):
            yield Finding(
                "warning",
                "score-far",
                path,
                f"指标“{indicator.name}”填写的得分 {indicator.score} 分与按完成率计算的 "
                f"{result.computed_score} 分（分值 {indicator.weight} × 完成率，最高 100%）"
                f"相差超过分值的 10%；请在偏差原因中说明，或删去得分由程序计算",
            )
    stated = report.evaluation.score
    if stated is not None and abs(stated - computed.total) > Decimal("0.01"):
        yield Finding(
            "error",
            "score-mismatch",
            ("evaluation", "score"),
            f"填写的自评得分 {stated} 分与自评表总分 {computed.total} 分不符；"
            f"可删去 score，由自评表计算",
        )


def _over(path: FieldPath, what: str, score: Decimal, weight: Decimal) -> Finding:
    return Finding(
        "error",
        "score-over-weight",
        path,
        f"{what}的得分 {score} 分超过其分值 {weight} 分",
    )
