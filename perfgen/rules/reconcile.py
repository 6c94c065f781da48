"""Rules that reconcile one part of the report with another (docs/domain.md §8, “Reconciliation”):
the 自评表's funding block with the accounts, the 自评 scope with the expenditure, the staffing
breakdown with the staff in post."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfgen.arithmetic import money, quantize
from perfgen.figures import FundingResult, Rate
from perfgen.input.finances import BASIS_LABELS
from perfgen.rules.finances import RATE_TOLERANCE, TOLERANCE_PER_PART
from perfgen.rules.registry import Context, Hit, hint, hit, rule

APPROPRIATION_ROW = "财政拨款"
"""The funding row that is on the appropriation basis (其中：财政拨款)."""


def _funding_row(context: Context) -> tuple[FundingResult, int] | None:
    """The funding row on the report's basis, with the number of rows it sums: the 年度资金总额
    row on the all-funds basis, the 财政拨款 row on the appropriation basis."""
    table = context.figures.table
    if table is None or not table.funding:
        return None
    if context.report.basic_info.finances.basis == "appropriation":
        for row in table.funding:
            if not row.is_total and APPROPRIATION_ROW in row.name:
                return row, 1
        return None
    head = table.funding[0]
    return head, max(len(table.funding) - 1, 1) if head.is_total else 1


@rule(
    "funding-mismatch",
    "error",
    summary="自评表资金情况与报告的收支数字不符（同一口径）：全年执行数应等于总支出，全年预算数应"
    "等于调整后预算；口径为一般公共预算财政拨款时比较“财政拨款”一行",
    message="自评表“{row}”的{column} {table} 万元与报告中的{name} {report} 万元相差"
    " {difference} 万元（口径：{basis}）；请核对自评表或收支数字",
    blames="自评表的资金情况（evaluation.table.funding）",
    example="""
basic_info:
  finances:
    expenditure: {total: 1829.40}
evaluation:
  table:
    funding:
      - {name: 财政拨款, full_year_budget: 1836.20, executed: 1892.40}
    indicators:
      - {name: 培训人次, target: 80, actual: 88}
""",
    limits=(
        "只比较全年执行数与全年预算数；年初预算数在报告中多无对应的数字，不比较；按 financ"
        "es.basis 选择比较的一行，口径写错时比较的对象也随之错。"
    ),
)
def funding_mismatch(context: Context) -> Iterator[Hit]:
    found = _funding_row(context)
    if found is None:
        return
    row, rows = found
    figures = context.figures
    budget = figures.budget
    spent = figures.expenditure.total if figures.expenditure else None
    pairs = [
        ("全年执行数", row.executed, "总支出", spent),
        ("全年预算数", row.full_year_budget, "调整后预算", budget.adjusted if budget else None),
    ]
    basis = context.report.basic_info.finances.basis
    typed = context.report.evaluation.table.funding if context.report.evaluation.table else ()
    index = next((n for n, r in enumerate(typed) if r is row.row), None)
    path = ("evaluation", "table", "funding", *(() if index is None else (index,)))
    for column, table, name, report in pairs:
        if not isinstance(table, Decimal) or not isinstance(report, Decimal):
            continue
        if abs(table - report) > TOLERANCE_PER_PART * rows:
            yield hit(
                path,
                row=row.name,
                column=column,
                table=money(table),
                name=name,
                report=money(report),
                difference=money(abs(table - report)),
                basis=BASIS_LABELS[basis] or "全部资金",
            )


@rule(
    "scope-mismatch",
    "error",
    summary="自评范围与账目不符：部门整体支出自评涉及资金应等于同口径的总支出；填写的项目资金占比应与"
    "“项目自评资金 ÷ 项目支出”相符",
    message="{what}",
    review="{said}",
    blames="evaluation.scope 的该项",
    example="""
basic_info:
  finances:
    expenditure: {total: 2503.53, basic: 1897.96, project: 605.58}
evaluation:
  scope: {project_funds: 605.58, department_funds: 2503.22}
""",
)
def scope_mismatch(context: Context) -> Iterator[Hit]:
    scope, numbers = context.report.evaluation.scope, context.figures.scope
    spent = context.figures.expenditure
    if scope is None or numbers is None:
        return
    path = ("evaluation", "scope")
    funds, total = numbers.department_funds, spent.total if spent else None
    if isinstance(funds, Decimal) and isinstance(total, Decimal) and funds != total:
        what = (
            f"部门整体支出自评涉及资金 {money(funds)} 万元与总支出 {money(total)} 万元不符"
            f"（相差 {money(abs(funds - total))} 万元）"
        )
        yield hit((*path, "department_funds"), what=what, said=what)
    share, stated = numbers.project_share, scope.project_share
    if isinstance(share, Decimal) and stated is not None and abs(stated - share) > RATE_TOLERANCE:
        said = f"报告写的项目资金占比 {stated}% 与项目自评资金 ÷ 项目支出 = {share}% 不符"
        what = f"{said.replace('报告写的', '填写的')}；可删去 project_share，由程序计算"
        yield hit((*path, "project_share"), what=what, said=said)
    if isinstance(share, Decimal) and share > 100:
        what = f"项目自评资金占项目支出的 {share}%，超过 100%：自评的项目资金不应多于项目支出"
        yield hit((*path, "project_funds"), what=what, said=what)


@rule(
    "staffing-breakdown",
    "error",
    summary="在职人员按类别的人数之和不等于实有在职人数",
    message="在职人员各类人数之和 {summed} 人（{listing}）与实有在职人数 {staff} 人不符",
    blames="basic_info.functions.staffing.breakdown",
    example="""
basic_info:
  functions:
    staffing: {staff_in_post: 50, breakdown: {行政: 36, 工勤: 3, 政府聘员: 10}}
""",
)
def staffing_breakdown(context: Context) -> Iterator[Hit]:
    staffing = context.report.basic_info.functions.staffing
    if staffing is None or not staffing.breakdown or staffing.staff_in_post is None:
        return  # no staff in post stated: nothing to add up to
    summed = sum(staffing.breakdown.values())
    if summed != staffing.staff_in_post:
        listing = "、".join(f"{k}{v}人" for k, v in staffing.breakdown.items())
        path = ("basic_info", "functions", "staffing", "breakdown")
        yield hit(path, summed=summed, listing=listing, staff=staffing.staff_in_post)


def _bounds(rate: Rate, typed: Decimal | None) -> tuple[Decimal, Decimal] | None:
    """The interval a rate (%) lies in: a computed one exactly, a stated one within half a unit
    of the last decimal the clerk typed (99.8 → 99.75–99.85)."""
    if rate.exact is not None:
        return rate.exact, rate.exact
    if not rate.stated or typed is None:
        return None
    exponent = typed.as_tuple().exponent
    half = Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)
    return typed - half, typed + half


@rule(
    "rate-weighted",
    "error",
    summary="填写的总体预算执行率与基本支出、项目支出的执行率和支出数不相容：总体执行率是两者按预算"
    "加权的平均，由两者反推出的预算计算（容许比率末位的舍入）",
    message="总体预算执行率填写为 {stated}%，但由基本支出 {basic} 万元（执行率 {basic_rate}%）"
    "与项目支出 {project} 万元（执行率 {project_rate}%）反推的预算计算，应为 {implied}% 左右；"
    "请核对各执行率",
    review="报告写的总体预算执行率为 {stated}%，但由报告中的基本支出 {basic} 万元（执行率 "
    "{basic_rate}%）与项目支出 {project} 万元（执行率 {project_rate}%）反推的预算计算，应为 "
    "{implied}% 左右：三个执行率不能同时成立",
    blames="basic_info.finances.budget.execution_rate",
    example="""
basic_info:
  finances:
    expenditure: {total: 1954.07, basic: 1496.13, project: 457.94}
    budget: {execution_rate: 99.8, basic_execution_rate: 99.89, project_execution_rate: 91.69}
""",
    limits=(
        "只在总体执行率是填写的（而非由预算数计算）且基本、项目支出的执行率和支出数都已知时检查；"
        "按各比率末位的半个单位容许舍入。"
    ),
)
def rate_weighted(context: Context) -> Iterator[Hit]:
    budget, spent = context.figures.budget, context.figures.expenditure
    if budget is None or spent is None:
        return
    overall, basic, project = (
        budget.execution_rate,
        budget.basic_execution_rate,
        budget.project_execution_rate,
    )
    if overall is None or basic is None or project is None or not overall.stated:
        return
    typed = context.report.basic_info.finances.budget
    names = ("execution_rate", "basic_execution_rate", "project_execution_rate")
    bounds = [
        _bounds(rate, getattr(typed, name) if typed else None)
        for rate, name in zip((overall, basic, project), names, strict=True)
    ]
    amounts = (spent.total, spent.basic, spent.project)
    if not all(isinstance(a, Decimal) and a > 0 for a in amounts) or None in bounds:
        return
    total, b, p = (a for a in amounts if isinstance(a, Decimal))
    (o_lo, o_hi), (b_lo, b_hi), (p_lo, p_hi) = bounds  # type: ignore[misc]
    if min(b_lo, p_lo) <= 0:
        return
    # rates are in %: amount ÷ rate is the budget ÷ 100, so total ÷ Σ is the overall rate in %
    lowest = total / (b / b_lo + p / p_lo)  # the budgets at their largest
    highest = total / (b / b_hi + p / p_hi)
    if o_hi < lowest or o_lo > highest:
        implied = total / (b / (b_lo + b_hi) * 2 + p / (p_lo + p_hi) * 2)
        yield hit(
            ("basic_info", "finances", "budget", "execution_rate"),
            stated=getattr(typed, "execution_rate", overall.value),
            basic=money(b),
            basic_rate=basic.value,
            project=money(p),
            project_rate=project.value,
            implied=quantize(implied, 2),
        )


_WHOLES = (
    ("basic", "基本支出", (("personnel", "人员经费"), ("public", "公用经费"))),
    ("total", "总支出", (("basic", "基本支出"), ("project", "项目支出"))),
)
"""Each total of the expenditure that perfgen adds up from exactly two parts when it is not
given (:mod:`perfgen.figures.finances`), with its parts, the inner one first."""
_KEYS = ("total", "basic", "project", "personnel", "public")


@rule(
    "expenditure-incomplete",
    "warning",
    summary="支出的两个组成部分只填写了一项，又没有填写合计（总支出 = 基本支出 + 项目支出，"
    "基本支出 = 人员经费 + 公用经费）：合计无法得出，报告不写出它",
    message="填写了{given}，没有填写{missing}，也没有{whole}：{whole}无法得出，报告不写出它；"
    "请补上{missing}（没有则填 0）或{whole}",
    review="报告写了{given}，没有写{missing}，也没有写{whole}",
    hints=(
        "audit 读入的已发布报告：另一项可能写在读入时认不出的表格或句式里，报告是否真的没写"
        "无法确定。"
    ),
    blames="basic_info.finances.expenditure",
    example="""
basic_info:
  finances:
    expenditure: {basic: 98.93}
""",
)
def expenditure_incomplete(context: Context) -> Iterator[Hit]:
    spent = context.report.basic_info.finances.expenditure
    if spent is None:
        return
    base = ("basic_info", "finances", "expenditure")
    pending = context.input.is_pending
    found = hint if context.read_back else hit
    known = {k: getattr(spent, k) is not None or pending((*base, k)) for k in _KEYS}
    for whole, whole_name, parts in _WHOLES:
        if known[whole]:
            continue
        given = [(key, name) for key, name in parts if known[key]]
        known[whole] = len(given) == len(parts)  # 基本支出 from 人员经费 and 公用经费
        missing = [(key, name) for key, name in parts if (key, name) not in given]
        if len(given) == 1:
            path = (*base, given[0][0])
            yield found(path, given=given[0][1], missing=missing[0][1], whole=whole_name)
            return  # the total of the two is then unknown too: said once
