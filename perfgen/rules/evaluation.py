"""Rules on part 二 and the 自评表: grade, indicators, weights and scores (docs/domain.md §2–3)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfgen.arithmetic import HUNDRED
from perfgen.input.model import Indicator
from perfgen.locations import FieldPath
from perfgen.placeholders import contains_placeholder
from perfgen.rules.registry import Context, Hit, hint, hit, rule

TABLE: FieldPath = ("evaluation", "table")

FAR_SHARE = Decimal("0.1")
"""A typed score is "far" from the computed one when they differ by more than 10% of its weight."""

SCORE_TOLERANCE = Decimal("0.01")
"""How far (in points) a typed self-evaluation score may differ from the table's 总分."""


@rule(
    "grade-mismatch",
    "error",
    summary="填写的评价等级与得分所在分档不符（优 ≥ 90，良 ≥ 80，中 ≥ 60，差 < 60，下限含本数）",
    message="评价等级填写为“{stated}”，但得分 {score} 分对应“{grade}”（分档下限含本数）；"
    "可删去 grade，由得分确定",
    review="报告写的评价等级“{stated}”与得分 {score} 分不符：该得分对应“{grade}”（分档下限含本数）",
    blames="evaluation.grade",
    example="""
evaluation: {score: 89.99, grade: 优}
""",
)
def grade_mismatch(context: Context) -> Iterator[Hit]:
    stated, figures = context.report.evaluation.grade, context.figures
    if not isinstance(figures.grade, str) or stated is None or contains_placeholder(stated):
        return
    if stated != figures.grade:
        yield hit(("evaluation", "grade"), stated=stated, score=figures.score, grade=figures.grade)


def _indicators(context: Context) -> Iterator[tuple[FieldPath, Indicator]]:
    """Every indicator row of the input with its path: 履职效能分析's, then the 自评表's."""
    evaluation = context.report.evaluation
    for n, indicator in enumerate(evaluation.duty_effectiveness.indicators):
        yield ("evaluation", "duty_effectiveness", "indicators", n), indicator
    if evaluation.table:
        for n, indicator in enumerate(evaluation.table.indicators):
            yield (*TABLE, "indicators", n), indicator


@rule(
    "target-nonpositive",
    "error",
    summary="“≥”“≤”指标的年度指标值 ≤ 0",
    message="指标“{name}”的年度指标值为 {target}，“{comparator}”指标的目标值必须大于 0，"
    "否则无法计算完成率",
    blames="该指标的 target",
    example="""
evaluation:
  score: 95
  duty_effectiveness:
    indicators:
      - {kind: output, name: 培训人次, target: 0, actual: 10}
""",
)
def target_nonpositive(context: Context) -> Iterator[Hit]:
    for path, i in _indicators(context):
        if i.comparator in ("≥", "≤") and i.target is not None and i.target <= 0:
            yield hit((*path, "target"), name=i.name, target=i.target, comparator=i.comparator)


@rule(
    "indicator-incomplete",
    "error",
    summary="定量指标缺少年度指标值或实际完成值；定性指标缺少完成情况",
    message="{kind}“{name}”缺少{what}",
    review="报告中{kind}“{name}”没有写明{label}",
    hints=(
        "audit 读入的已发布报告：目标值可能写在读入时认不出的表格或句式里，报告是否真的没写"
        "无法确定；报告写了该指标的完成率而没有目标值时，rate-unverifiable 另以警告报告。"
    ),
    blames="该指标",
    example="""
evaluation:
  score: 95
  duty_effectiveness:
    indicators:
      - {kind: output, name: 培训人次, target: 80}
""",
)
def indicator_incomplete(context: Context) -> Iterator[Hit]:
    pending = context.input.is_pending
    read_back = context.read_back
    for path, i in _indicators(context):
        if i.comparator in ("≥", "≤"):
            for field, label in (("target", "年度指标值"), ("actual", "实际完成值")):
                if getattr(i, field) is None and not pending((*path, field)):
                    what = f"{label}（{field}），无法计算完成率"
                    found = hint if read_back else hit
                    yield found(path, kind="指标", name=i.name, what=what, label=label)
                    break
        elif i.comparator == "定性" and i.achieved is None and not pending((*path, "achieved")):
            what = "完成情况（achieved：达成、基本达成或未达成）"
            label = "完成情况（达成、基本达成或未达成）"
            found = hint if read_back else hit
            yield found(path, kind="定性指标", name=i.name, what=what, label=label)


@rule(
    "weights-sum",
    "error",
    summary="自评表中预算执行与各指标的分值合计不是 100 分",
    message="自评表各项分值合计为 {total} 分，应为 100 分；请核对分值",
    blames="evaluation.table",
    example="""
evaluation:
  table:
    funding_weight: 10
    indicators:
      - {name: 培训人次, target: 80, actual: 88, weight: 85}
""",
)
def weights_sum(context: Context) -> Iterator[Hit]:
    table, computed = context.report.evaluation.table, context.figures.table
    if table is None or computed is None:
        return
    weighted = table.funding_weight is not None or any(i.weight for i in table.indicators)
    total = computed.weights_total
    if weighted and isinstance(total, Decimal) and total != HUNDRED:
        yield hit(TABLE, total=total)


@rule(
    "score-over-weight",
    "error",
    summary="自评表中某项得分超过其分值",
    message="{what}的得分 {score} 分超过其分值 {weight} 分",
    blames="该项的得分（score 或 funding_score）",
    example="""
evaluation:
  table:
    funding_weight: 10
    indicators:
      - {name: 会议参与人数, target: 900, actual: 1300, weight: 90, score: 92}
""",
)
def score_over_weight(context: Context) -> Iterator[Hit]:
    table = context.report.evaluation.table
    if table is None:
        return
    score, weight = table.funding_score, table.funding_weight
    if score is not None and weight is not None and score > weight:
        yield hit((*TABLE, "funding_score"), what="预算执行", score=score, weight=weight)
    for n, i in enumerate(table.indicators):
        if i.score is not None and i.weight is not None and i.score > i.weight:
            path = (*TABLE, "indicators", n, "score")
            yield hit(path, what=f"指标“{i.name}”", score=i.score, weight=i.weight)


@rule(
    "score-far",
    "warning",
    summary="自评表中填写的得分与“分值 × min(完成率, 100%)”相差超过分值的 10%",
    message="指标“{name}”填写的得分 {score} 分与按完成率计算的 {computed} 分（分值 {weight} × "
    "完成率，最高 100%）相差超过分值的 10%；请在偏差原因中说明，或删去得分由程序计算",
    review="指标“{name}”的得分 {score} 分与按完成率计算的 {computed} 分（分值 {weight} × "
    "完成率，最高 100%）相差超过分值的 10%，报告没有说明原因",
    blames="该指标的 score",
    example="""
evaluation:
  score: 95
  table:
    funding_weight: 10
    indicators:
      - {name: 信息稿件成果被省采纳, target: 15, actual: 20, weight: 90, score: 80}
""",
)
def score_far(context: Context) -> Iterator[Hit]:
    computed = context.figures.table
    for n, row in enumerate(computed.rows if computed else ()):
        i, score = row.result.indicator, row.result.computed_score
        if i.score is None or i.weight is None or score is None or i.score > i.weight:
            continue
        if abs(i.score - score) > i.weight * FAR_SHARE:
            path = (*TABLE, "indicators", n, "score")
            yield hit(path, name=i.name, score=i.score, computed=score, weight=i.weight)


@rule(
    "score-mismatch",
    "error",
    summary="填写的自评得分（evaluation.score）与自评表总分不符",
    message="填写的自评得分 {stated} 分与自评表总分 {total} 分不符；可删去 score，由自评表计算",
    review="报告写的自评得分 {stated} 分与自评表的总分 {total} 分不符",
    blames="evaluation.score",
    example="""
evaluation:
  score: 99.69
  table:
    funding_weight: 10
    funding_score: 10
    indicators:
      - {name: 培训人次, target: 80, actual: 72, weight: 90}
""",
)
def score_mismatch(context: Context) -> Iterator[Hit]:
    stated, computed = context.report.evaluation.score, context.figures.table
    if stated is None or computed is None or not isinstance(computed.total, Decimal):
        return
    if abs(stated - computed.total) > SCORE_TOLERANCE:
        yield hit(("evaluation", "score"), stated=stated, total=computed.total)
