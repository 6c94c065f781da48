"""What reviewers reject (docs/domain.md §8): implausible indicator results, figures that need an
explanation the report does not give, and a platform's cap on the score by execution rate.

The thresholds are settings (``settings.thresholds``), the caps too (``settings.score_caps``,
off unless a unit or a bureau turns them on): no Guangdong weights were found, so none of this
is hard-coded policy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from perfgen.arithmetic import HUNDRED, quantize
from perfgen.figures import IndicatorResult
from perfgen.locations import FieldPath
from perfgen.rules.registry import Context, Hit, hit, rule

BUDGET: FieldPath = ("basic_info", "finances", "budget")


def _results(context: Context) -> list[tuple[FieldPath, IndicatorResult]]:
    """Every indicator result with its path: 履职效能分析's, then the 自评表's."""
    found: list[tuple[FieldPath, IndicatorResult]] = [
        (("evaluation", "duty_effectiveness", "indicators", n), result)
        for n, result in enumerate(context.figures.indicators)
    ]
    if context.figures.table:
        found += [
            (("evaluation", "table", "indicators", n), row.result)
            for n, row in enumerate(context.figures.table.rows)
        ]
    return found


def _kind(result: IndicatorResult) -> str | None:
    """output, outcome or satisfaction: the indicator's kind, else read from its 二级指标."""
    indicator = result.indicator
    if indicator.kind:
        return indicator.kind
    level2 = indicator.level2 or ""
    for word, kind in (("满意", "satisfaction"), ("效益", "outcome"), ("产出", "output")):
        if word in level2 or (kind == "satisfaction" and word in indicator.name):
            return kind
    return None


def _rates(results: Sequence[tuple[FieldPath, IndicatorResult]]) -> list[Decimal]:
    return [
        r.completion_rate
        for _, r in results
        if r.indicator.comparator == "≥" and isinstance(r.completion_rate, Decimal)
    ]


@rule(
    "targets-low",
    "warning",
    summary="全部定量指标的完成率都远超目标（默认都不低于 120%，"
    "settings.thresholds.indicators_all_above）：目标可能定得过低",
    message="全部 {count} 个定量指标的完成率都不低于 {threshold}%（最低 {lowest}%）：年度指标值可能"
    "定得过低，评审通常会质疑；请核对目标值",
    blames="第一个指标",
    example="""
evaluation:
  duty_effectiveness:
    indicators:
      - {kind: output, name: 培训人次, target: 50, actual: 88}
      - {kind: outcome, name: 信息采纳, target: 10, actual: 20}
""",
    limits=("只看“≥”定量指标，且至少两个；单个指标远超目标不提示。"),
)
def targets_low(context: Context) -> Iterator[Hit]:
    results = _results(context)
    rates = _rates(results)
    threshold = context.report.settings.thresholds.indicators_all_above
    if len(rates) >= 2 and min(rates) >= threshold:
        yield hit(results[0][0], count=len(rates), threshold=threshold, lowest=min(rates))


@rule(
    "outcome-below-output",
    "warning",
    summary="效益指标未达目标（平均完成率低于 100%），且比产出指标低得多（默认 30 个百分点，"
    "settings.thresholds.outcome_below_output）：做了工作却未见效果",
    message="效益指标平均完成率 {outcome}% 比产出指标的 {output}% 低 {gap} 个百分点：工作完成了而"
    "效益未达到，请在偏差原因中说明",
    blames="第一个效益指标",
    example="""
evaluation:
  duty_effectiveness:
    indicators:
      - {kind: output, name: 培训人次, target: 80, actual: 88}
      - {kind: outcome, name: 信息采纳, target: 10, actual: 5, deviation: 采纳标准提高。}
""",
    limits=(
        "指标类别取 kind，没有 kind 时从二级指标的名称（含“产出”“效益”）判断；名称"
        "不含这些字的指标不计入。"
    ),
)
def outcome_below_output(context: Context) -> Iterator[Hit]:
    results = _results(context)
    output = _rates([(p, r) for p, r in results if _kind(r) == "output"])
    outcome_results = [(p, r) for p, r in results if _kind(r) == "outcome"]
    outcome = _rates(outcome_results)
    if not output or not outcome:
        return
    places = context.report.settings.indicator_rate_decimals
    mean_output = quantize(sum(output, Decimal(0)) / len(output), places)
    mean_outcome = quantize(sum(outcome, Decimal(0)) / len(outcome), places)
    gap = mean_output - mean_outcome
    if mean_outcome < HUNDRED and gap >= context.report.settings.thresholds.outcome_below_output:
        first = next(p for p, r in outcome_results if isinstance(r.completion_rate, Decimal))
        yield hit(first, outcome=mean_outcome, output=mean_output, gap=gap)


@rule(
    "satisfaction-unsampled",
    "warning",
    summary="满意度指标达到 100% 却没有填写调查样本量（sample_size）",
    message="满意度指标“{name}”为 100%，但没有写明调查样本量：请填写 sample_size（份）",
    review="满意度指标“{name}”为 100%，但报告没有写明调查样本量",
    blames="该指标的 sample_size",
    example="""
evaluation:
  duty_effectiveness:
    indicators:
      - {kind: satisfaction, name: 服务对象满意度, target: 90, actual: 100, unit: "%"}
""",
    limits=(
        "满意度指标按 kind: satisfaction 或名称、二级指标中的“满意”判断；实"
        "际值须以“%”为单位写作 100，或定性“达成”。"
    ),
)
def satisfaction_unsampled(context: Context) -> Iterator[Hit]:
    for path, result in _results(context):
        indicator = result.indicator
        if _kind(result) != "satisfaction" or indicator.sample_size is not None:
            continue
        full = indicator.actual == HUNDRED and indicator.unit in ("%", "％")
        if full or indicator.achieved == "达成":
            yield hit((*path, "sample_size"), name=indicator.name)


@rule(
    "execution-unexplained",
    "warning",
    summary="预算执行率（总体、基本支出或项目支出）低于应说明原因的下限（默认 90%，"
    "settings.thresholds.explain_execution_below），却没有写明原因",
    message="{name}为 {rate}%，低于 {threshold}%：请在 execution_reason 中说明原因",
    review="{name}为 {rate}%，低于 {threshold}%，报告没有说明原因",
    blames="basic_info.finances.budget.execution_reason",
    example="""
basic_info:
  finances:
    expenditure: {total: 1954.07, basic: 1496.13, project: 457.94}
    budget: {execution_rate: 99.8, basic_execution_rate: 99.89, project_execution_rate: 86.03}
""",
)
def execution_unexplained(context: Context) -> Iterator[Hit]:
    budget, stated = context.figures.budget, context.report.basic_info.finances.budget
    if budget is None or stated is None or stated.execution_reason:
        return
    threshold = context.report.settings.thresholds.explain_execution_below
    for name, rate in (
        ("预算执行率", budget.execution_rate),
        ("基本支出执行率", budget.basic_execution_rate),
        ("项目支出执行率", budget.project_execution_rate),
    ):
        if rate is not None and isinstance(rate.value, Decimal) and rate.value < threshold:
            yield hit(
                (*BUDGET, "execution_reason"), name=name, rate=rate.value, threshold=threshold
            )
            return


@rule(
    "adjustment-unexplained",
    "warning",
    summary="年中调整了预算（调整后预算与年初预算不同），却没有写明调整的原因",
    message="预算由年初的 {initial} 万元调整为 {adjusted} 万元：请在 adjustment_reason 中"
    "说明调整原因",
    review="预算由年初的 {initial} 万元调整为 {adjusted} 万元，报告没有说明调整原因",
    blames="basic_info.finances.budget.adjustment_reason",
    example="""
basic_info:
  finances:
    budget: {initial: 1800.00, adjusted: 1836.20}
""",
)
def adjustment_unexplained(context: Context) -> Iterator[Hit]:
    budget = context.report.basic_info.finances.budget
    if budget is None or budget.adjustment_reason:
        return
    initial, adjusted = budget.initial, budget.adjusted
    if initial is not None and adjusted is not None and initial != adjusted:
        yield hit((*BUDGET, "adjustment_reason"), initial=initial, adjusted=adjusted)


@rule(
    "deviation-missing",
    "warning",
    summary="指标未完成（完成率低于 100%，或定性指标“基本达成”“未达成”），却没有写偏差原因",
    message="指标“{name}”{how}，请在 deviation 中写明偏差原因及改进措施",
    review="指标“{name}”{how}，报告没有写明偏差原因及改进措施",
    blames="该指标的 deviation",
    example="""
evaluation:
  duty_effectiveness:
    indicators:
      - {kind: output, name: 固定资产利用率, target: 95, actual: 90, unit: "%"}
""",
)
def deviation_missing(context: Context) -> Iterator[Hit]:
    for path, result in _results(context):
        indicator, rate = result.indicator, result.completion_rate
        if indicator.deviation:
            continue
        if indicator.achieved in ("基本达成", "未达成"):
            yield hit((*path, "deviation"), name=indicator.name, how=f"为“{indicator.achieved}”")
        elif isinstance(rate, Decimal) and rate < HUNDRED:
            yield hit((*path, "deviation"), name=indicator.name, how=f"完成率为 {rate}%")


@rule(
    "score-cap",
    "error",
    summary="自评得分超过按预算执行率设定的上限（settings.score_caps，部分平台的规则，默认不启用）",
    message="预算执行率为 {rate}%，低于 {below}%，自评得分不得超过 {cap} 分，实为 {score} 分",
    blames="evaluation.score",
    example="""
settings:
  score_caps: [{below: 80, max_score: 89}, {below: 70, max_score: 79}]
basic_info:
  finances:
    expenditure: {total: 75.00}
    budget: {adjusted: 100.00}
evaluation: {score: 95}
""",
)
def score_cap(context: Context) -> Iterator[Hit]:
    caps, budget = context.report.settings.score_caps, context.figures.budget
    score = context.figures.score
    rate = budget.execution_rate.value if budget and budget.execution_rate else None
    if not caps or not isinstance(rate, Decimal) or not isinstance(score, Decimal):
        return
    applying = [cap for cap in caps if rate < cap.below]
    if not applying:
        return
    cap = min(applying, key=lambda c: c.max_score)
    if score > cap.max_score:
        yield hit(
            ("evaluation", "score"), rate=rate, below=cap.below, cap=cap.max_score, score=score
        )
