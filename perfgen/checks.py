"""Consistency rules: figures that contradict each other, caught before the report goes out.

Each rule has an id, a level (error stops ``render``; warning is printed) and a Chinese message
naming the figures involved; a finding blames a field path, which the caller turns into a YAML
position. The rules and an example message of each are documented in ``docs/checks.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from perfgen.errors import Problem
from perfgen.figures import Figures, Rate
from perfgen.finding import LEVEL_NAMES, Finding
from perfgen.loader import FieldPath, Source
from perfgen.model import Indicator, Report
from perfgen.numbers import HUNDRED, money
from perfgen.placeholders import FILL, UPDATE, contains_placeholder, find
from perfgen.table_checks import table_findings
from perfgen.validate import field_description

TOLERANCE_PER_PART = Decimal("0.01")
"""Rounding tolerance of a total against its parts, in 万元 per summed part (domain.md §5)."""

RATE_TOLERANCE = Decimal("0.01")
"""How far (in 个百分点) a stated rate may differ from the computed one."""

FIN: FieldPath = ("basic_info", "finances")


def check(
    report: Report, figures: Figures, today: dt.date | None = None, data: Any = None
) -> list[Finding]:
    """Run every rule.

    Args:
        report: The validated input.
        figures: Its derived figures.
        today: The date to judge the report year against (default: today).
        data: The loaded file's plain data (``Source.data``). Placeholders in fields that take
            no text (``total: 【待填写】``) are only visible there; a field so marked is listed
            as a placeholder and not also reported as missing. Without it, placeholders are
            looked for in the report's text.

    Returns:
        Findings in rule order; empty when the input is consistent.
    """
    today = today or dt.date.today()
    marked = list(find(report.model_dump() if data is None else data))
    pending = frozenset(path for path, _ in marked)
    return [
        *_sums(report),
        *_shares(figures),
        *_rates(report, figures),
        *_denominators(report, pending),
        *_grade(report, figures),
        *_year(report, today),
        *_indicators(report, pending),
        *_prior_year(report, pending),
        *table_findings(report, figures),
        *_placeholders(marked),
    ]


def _sum_finding(
    path: FieldPath, label: str, total: Decimal, parts: list[tuple[str, Decimal]]
) -> Finding | None:
    """``sum-mismatch``: a stated total differs from its parts by more than the tolerance."""
    summed = sum((amount for _, amount in parts), Decimal(0))
    allowed = TOLERANCE_PER_PART * len(parts)
    if abs(total - summed) <= allowed:
        return None
    names = "、".join(f"{name} {money(amount)} 万元" for name, amount in parts)
    message = (
        f"{label} {money(total)} 万元与{names}之和 {money(summed)} 万元相差 "
        f"{money(abs(total - summed))} 万元，超过允许的舍入误差 {money(allowed)} 万元"
        f"（每项 {TOLERANCE_PER_PART} 万元）；请核对合计数或各分项"
    )
    return Finding("error", "sum-mismatch", path, message)


def _sums(report: Report) -> Iterator[Finding]:
    fin = report.basic_info.finances
    candidates: list[Finding | None] = []
    if fin.income and None not in (fin.income.total, fin.income.appropriation, fin.income.other):
        i = fin.income
        assert i.total is not None and i.appropriation is not None and i.other is not None
        candidates.append(
            _sum_finding(
                (*FIN, "income", "total"),
                "总收入",
                i.total,
                [("一般公共预算财政拨款收入", i.appropriation), ("其他收入", i.other)],
            )
        )
    e = fin.expenditure
    if e and e.basic is not None and e.personnel is not None and e.public is not None:
        candidates.append(
            _sum_finding(
                (*FIN, "expenditure", "basic"),
                "基本支出",
                e.basic,
                [("人员经费", e.personnel), ("公用经费", e.public)],
            )
        )
    basic = e.basic if e and e.basic is not None else None
    if e and basic is None and e.personnel is not None and e.public is not None:
        basic = e.personnel + e.public
    if e and e.total is not None and basic is not None and e.project is not None:
        candidates.append(
            _sum_finding(
                (*FIN, "expenditure", "total"),
                "总支出",
                e.total,
                [("基本支出", basic), ("项目支出", e.project)],
            )
        )
    b = fin.budget
    if b and b.adjusted is not None and b.basic is not None and b.project is not None:
        candidates.append(
            _sum_finding(
                (*FIN, "budget", "adjusted"),
                "调整后预算",
                b.adjusted,
                [("基本支出预算", b.basic), ("项目支出预算", b.project)],
            )
        )
    yield from (c for c in candidates if c is not None)


def _shares(figures: Figures) -> Iterator[Finding]:
    """``share-sum``: the printed shares of a complete split do not add up to 100%."""
    groups = [
        ("income", "总收入", [p for p in figures.income_parts]),
        (
            "expenditure",
            "总支出",
            [p for p in figures.expenditure_parts if p.key in ("basic", "project")],
        ),
    ]
    for key, label, parts in groups:
        shares = [p.share for p in parts if p.share is not None]
        if len(shares) < 2 or len(shares) != len(parts):
            continue
        total = sum(shares, Decimal(0))
        allowed = RATE_TOLERANCE * len(shares)
        if abs(total - HUNDRED) > allowed:
            listing = "、".join(f"{p.label}{p.share}%" for p in parts)
            yield Finding(
                "warning",
                "share-sum",
                (*FIN, key),
                f"占{label}的比重合计为 {total}%（{listing}），"
                f"与 100% 相差超过舍入误差 {allowed} 个百分点；分项可能不全或与合计不符",
            )


def _rates(report: Report, figures: Figures) -> Iterator[Finding]:
    path: FieldPath = (*FIN, "budget")
    named: list[tuple[str, str, Rate | None]] = [
        ("execution_rate", "预算执行率", figures.execution_rate),
        ("basic_execution_rate", "基本支出执行率", figures.basic_execution_rate),
        ("project_execution_rate", "项目支出执行率", figures.project_execution_rate),
    ]
    for field, label, rate in named:
        if rate is not None and rate.value > HUNDRED:
            yield Finding(
                "warning",
                "rate-over-100",
                (*path, field),
                f"{label}为 {rate.value}%，超过 100%：支出大于预算，请核对支出数与预算数",
            )
    overall, basic, project = (r for _, _, r in named)
    if overall and basic and project:
        low, high = sorted((basic.value, project.value))
        if not low - RATE_TOLERANCE <= overall.value <= high + RATE_TOLERANCE:
            yield Finding(
                "error",
                "rate-range",
                (*path, "execution_rate"),
                f"预算执行率 {overall.value}% 不在基本支出执行率 {basic.value}% 与项目支出执行率 "
                f"{project.value}% 之间；总体执行率是两者的加权平均，必须介于两者之间",
            )
    budget = report.basic_info.finances.budget
    if budget is None:
        return
    for field, label, rate in named:
        stated = getattr(budget, field)
        if stated is None or rate is None or rate.stated:
            continue
        if abs(stated - rate.value) > RATE_TOLERANCE:
            yield Finding(
                "error",
                "stated-differs",
                (*path, field),
                f"填写的{label} {stated}% 与按支出数和预算数计算的 {rate.value}% 不符；"
                f"可删去填写值，由 perfgen 计算",
            )


def _denominators(report: Report, pending: frozenset[FieldPath]) -> Iterator[Finding]:
    """``zero-denominator``: a figure used as a divisor is zero."""
    fin = report.basic_info.finances
    staffing = report.basic_info.functions.staffing
    checks: list[tuple[FieldPath, Decimal | int | None, str, str]] = []
    if fin.income:
        checks += [
            ((*FIN, "income", "total"), fin.income.total, "总收入", "收入各项占比"),
            ((*FIN, "income", "prior_total"), fin.income.prior_total, "上年总收入", "收入增幅"),
        ]
    if fin.expenditure:
        checks.append(((*FIN, "expenditure", "total"), fin.expenditure.total, "总支出", "支出占比"))
    if fin.budget:
        b = fin.budget
        checks += [
            ((*FIN, "budget", "adjusted"), b.adjusted, "调整后预算", "预算执行率"),
            ((*FIN, "budget", "initial"), b.initial, "年初预算", "预算执行率或预算调整率"),
            ((*FIN, "budget", "prior_initial"), b.prior_initial, "上年年初预算", "年初预算增幅"),
            ((*FIN, "budget", "basic"), b.basic, "基本支出预算", "基本支出执行率"),
            ((*FIN, "budget", "project"), b.project, "项目支出预算", "项目支出执行率"),
        ]
    if fin.procurement:
        checks.append(
            (
                (*FIN, "procurement", "prior_actual"),
                fin.procurement.prior_actual,
                "上年采购金额",
                "采购增幅",
            )
        )
    if fin.assets and fin.assets.fixed_in_use is not None:
        checks.append(
            (
                (*FIN, "assets", "fixed_gross"),
                fin.assets.fixed_gross,
                "固定资产原值",
                "固定资产利用率",
            )
        )
    if staffing:
        checks.append(
            (
                ("basic_info", "functions", "staffing", "authorized_headcount"),
                staffing.authorized_headcount,
                "编制数",
                "在职人员控制率",
            )
        )
    for path, value, label, what in checks:
        if value is not None and value <= 0:
            yield Finding(
                "error",
                "zero-denominator",
                path,
                f"{label}为 {value}，不能作除数，无法计算{what}；请填写实际数，或删去该项",
            )
    gross_path = (*FIN, "assets", "fixed_gross")
    assets = fin.assets
    if assets and assets.fixed_in_use is not None and assets.fixed_gross is None:
        if gross_path in pending:
            return
        yield Finding(
            "error",
            "zero-denominator",
            (*FIN, "assets", "fixed_in_use"),
            "填写了在用固定资产，但缺少固定资产原值（fixed_gross），无法计算固定资产利用率",
        )


def _grade(report: Report, figures: Figures) -> Iterator[Finding]:
    stated = report.evaluation.grade
    if figures.grade is None or stated is None or contains_placeholder(stated):
        return
    if stated != figures.grade:
        yield Finding(
            "error",
            "grade-mismatch",
            ("evaluation", "grade"),
            f"评价等级填写为“{stated}”，但得分 {figures.score} 分对应“{figures.grade}”"
            f"（分档下限含本数）；可删去 grade，由得分确定",
        )


def _year(report: Report, today: dt.date) -> Iterator[Finding]:
    if not today.year - 10 <= report.year < today.year:
        yield Finding(
            "warning",
            "year-range",
            ("year",),
            f"评价年度 {report.year} 不在合理范围（{today.year - 10}–{today.year - 1}）："
            "自评报告评价的是已结束的年度",
        )
    signature = report.signature
    if signature and signature.date and signature.date <= dt.date(report.year, 12, 31):
        yield Finding(
            "error",
            "year-range",
            ("signature", "date"),
            f"落款日期 {signature.date.isoformat()} 早于评价年度 {report.year} 年结束，"
            f"自评报告应在年度结束后成文",
        )


def _indicators(report: Report, pending: frozenset[FieldPath]) -> Iterator[Finding]:
    evaluation = report.evaluation
    rows: list[tuple[FieldPath, Indicator]] = [
        (("evaluation", "duty_effectiveness", "indicators", n), i)
        for n, i in enumerate(evaluation.duty_effectiveness.indicators)
    ]
    if evaluation.table:
        rows += [
            (("evaluation", "table", "indicators", n), i)
            for n, i in enumerate(evaluation.table.indicators)
        ]
    for path, indicator in rows:
        quantitative = indicator.comparator in ("≥", "≤")
        if quantitative and indicator.target is not None and indicator.target <= 0:
            yield Finding(
                "error",
                "target-nonpositive",
                (*path, "target"),
                f"指标“{indicator.name}”的年度指标值为 {indicator.target}，"
                f"“{indicator.comparator}”指标的目标值必须大于 0，否则无法计算完成率",
            )
        absent = [
            label
            for field, label in (
                ("target", "年度指标值（target）"),
                ("actual", "实际完成值（actual）"),
            )
            if getattr(indicator, field) is None and (*path, field) not in pending
        ]
        if quantitative and absent:
            yield Finding(
                "error",
                "indicator-incomplete",
                path,
                f"指标“{indicator.name}”缺少{absent[0]}，无法计算完成率",
            )
        achieved_pending = (*path, "achieved") in pending
        if indicator.comparator == "定性" and indicator.achieved is None and not achieved_pending:
            yield Finding(
                "error",
                "indicator-incomplete",
                path,
                f"定性指标“{indicator.name}”缺少完成情况（achieved：达成、基本达成或未达成）",
            )


def _prior_year(report: Report, pending: frozenset[FieldPath]) -> Iterator[Finding]:
    """``prior-missing``: a year-on-year sentence needs last year's figure."""
    fin = report.basic_info.finances
    income, procurement = fin.income, fin.procurement
    if (
        income
        and income.prior_total is None
        and income.change_reasons
        and (*FIN, "income", "prior_total") not in pending
    ):
        yield Finding(
            "error",
            "prior-missing",
            (*FIN, "income", "change_reasons"),
            "填写了收入增减原因，但缺少上年总收入（prior_total），无法写出同比增减",
        )
    if (
        procurement
        and procurement.change_reasons
        and procurement.prior_actual is None
        and (*FIN, "procurement", "prior_actual") not in pending
    ):
        yield Finding(
            "error",
            "prior-missing",
            (*FIN, "procurement", "change_reasons"),
            "填写了采购金额变动原因，但缺少上年采购金额（prior_actual），无法写出同比增减",
        )


def _placeholders(marked: list[tuple[FieldPath, str]]) -> Iterator[Finding]:
    """``placeholder``: a value still holds 【待填写】 or 【待更新】."""
    for path, text in marked:
        description = field_description(path)
        what = f"（{description}）" if description else ""
        if FILL in text:
            message = f"尚未填写{what}：请把“{FILL}”换成实际内容"
        else:
            message = f"沿用上年的内容，尚未更新{what}：请按本年实际修改，并删去“{UPDATE}”"
        yield Finding("warning", "placeholder", path, message)


def locate(findings: list[Finding], source: Source) -> list[Problem]:
    """Place findings at their YAML positions, labelled ``错误[rule]`` or ``警告[rule]``."""
    return [
        source.problem(f.path, f.message, label=f"{LEVEL_NAMES[f.level]}[{f.rule}]")
        for f in findings
    ]
