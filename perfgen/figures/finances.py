"""The figures of part 一（四） and of 管理效率分析: income, expenditure, expense, budget and
execution, carryover, procurement, "三公" expenses, assets, staffing (docs/domain.md §2, §5).

Each builder reads the clerk's values through :func:`~perfgen.figures.pending.known` (so a
placeholder stays pending), applies the formulas, and rounds each rate once.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import overload

from perfgen.figures import formulas
from perfgen.figures.pending import Figure, known, lift, rounded, total
from perfgen.figures.types import (
    Assets,
    Budget,
    Carryover,
    Change,
    Expenditure,
    Expense,
    Income,
    Part,
    Procurement,
    Rate,
    Scope,
    ThreePublic,
)
from perfgen.input.finances import SOURCE_NAMES
from perfgen.input.validation import Input
from perfgen.locations import FieldPath
from perfgen.placeholders import PENDING, Pending

FINANCES: FieldPath = ("basic_info", "finances")

INCOME_PARTS = (("appropriation", "一般公共预算财政拨款收入"), ("other", "其他收入"))
EXPENSE_LINES = (
    ("wage_and_welfare", "工资福利费用"),
    ("goods_and_services", "商品和服务费用"),
    ("subsidies", "对个人和家庭的补助费用"),
    ("depreciation", "固定资产折旧费用"),
    ("amortization", "无形资产摊销费用"),
)
"""The expense lines whose sum is 总费用 (docs/domain.md §2, "cost shares")."""

CARRYOVER_BASES = {"adjusted_budget": "调整后预算", "total_expenditure": "总支出"}
"""``settings.carryover_rate_base`` → the denominator's name printed with the formula (年初预算
when the adjusted budget is chosen but only the initial one is given)."""


class FinanceFigures:
    """Builds the finance figures of one input at the percent precision of its settings."""

    def __init__(self, source: Input) -> None:
        self.source = source
        self.finances = source.report.basic_info.finances
        self.places = source.report.settings.percent_decimals

    def value(self, block: str, field: str) -> Figure | None:
        """The clerk's ``finances.<block>.<field>`` (PENDING when a placeholder)."""
        return known(self.source, getattr(self.finances, block), field, (*FINANCES, block))

    @overload
    def rate(self, value: Figure) -> Figure: ...
    @overload
    def rate(self, value: Figure | None) -> Figure | None: ...
    def rate(self, value: Figure | None) -> Figure | None:
        """Round a computed rate once at the percent precision (None and PENDING pass)."""
        return rounded(value, self.places)

    def change(self, current: Figure | None, prior: Figure | None) -> Change | None:
        """同比: None without both years; pending when either is pending."""
        if current is None or prior is None:
            return None
        if current is PENDING or prior is PENDING:
            return Change(PENDING, PENDING)
        assert isinstance(current, Decimal) and isinstance(prior, Decimal)
        amount, rate = formulas.year_on_year(current, prior)
        return Change(amount, self.rate(rate))

    def part(self, key: str, label: str, amount: Figure, whole: Figure | None) -> Part:
        return Part(key, label, amount, self.rate(lift(formulas.share, amount, whole)))

    def income(self) -> Income | None:
        parts = {key: self.value("income", key) for key, _ in INCOME_PARTS}
        whole = total(self.value("income", "total"), list(parts.values()))
        if whole is None:
            return None
        return Income(
            whole,
            self.change(whole, self.value("income", "prior_total")),
            tuple(
                self.part(key, label, amount, whole)
                for key, label in INCOME_PARTS
                if (amount := parts[key]) is not None
            ),
        )

    def expenditure(self) -> Expenditure | None:
        personnel = self.value("expenditure", "personnel")
        public = self.value("expenditure", "public")
        project = self.value("expenditure", "project")
        basic = total(self.value("expenditure", "basic"), [personnel, public], every=True)
        whole = total(self.value("expenditure", "total"), [basic, project], every=True)
        if whole is None:
            return None
        below = tuple(
            self.part(key, label, amount, whole)
            for key, label, amount in (
                ("personnel", "人员经费", personnel),
                ("public", "公用经费", public),
            )
            if amount is not None
        )
        parts = []
        if basic is not None:
            parts.append(replace(self.part("basic", "基本支出", basic, whole), parts=below))
        if project is not None:
            parts.append(self.part("project", "项目支出", project, whole))
        return Expenditure(whole, basic, project, tuple(parts))

    def expense(self) -> Expense | None:
        lines = [(key, label, self.value("expense", key)) for key, label in EXPENSE_LINES]
        whole = total(None, [amount for _, _, amount in lines])
        if whole is None:
            return None
        parts = tuple(
            self.part(key, label, amount, whole)
            for key, label, amount in lines
            if amount is not None
        )
        return Expense(whole, parts)

    def execution(
        self,
        spent: Figure | None,
        budget: Figure | None,
        field: str,
        *,
        initial: Figure | None = None,
    ) -> Rate | None:
        """An execution rate from the best source available.

        Order: computed against the budget given (adjusted, or the category's); else the rate
        the clerk stated; else, for the overall rate only, computed against 年初预算 (docs/domain.md
        §2: "fall back to 年初预算 when no adjustment is stated", and say so). A stated rate
        beats the 年初预算 fallback because a unit that states it knows its adjusted budget.
        """
        stated = self.value("budget", field)
        prior = self.value("budget", f"prior_{field}")
        computed = lift(formulas.execution_rate, spent, budget)
        on_initial = False
        if computed is None and stated is None:
            computed = lift(formulas.execution_rate, spent, initial)
            on_initial = computed is not None
        if computed is not None:
            exact = computed if isinstance(computed, Decimal) else None
            rate = Rate(self.rate(computed), exact, False, on_initial)
        elif stated is not None:
            rate = Rate(self.rate(stated), None, True)
        else:
            return None
        if prior is None:
            return rate
        change = lift(formulas.change_in_points, rate.value, prior)
        return replace(rate, change_pp=self.rate(change))

    def budget(self, spending: Expenditure | None) -> Budget | None:
        if self.finances.budget is None:
            return None
        initial = self.value("budget", "initial")
        adjusted = self.value("budget", "adjusted")
        basic, project = self.value("budget", "basic"), self.value("budget", "project")
        spent = spending.total if spending else None
        spent_basic = spending.basic if spending else None
        spent_project = spending.project if spending else None
        return Budget(
            initial=initial,
            initial_change=self.change(initial, self.value("budget", "prior_initial")),
            adjusted=adjusted,
            adjustment_rate=self.rate(lift(formulas.adjustment_rate, adjusted, initial)),
            basic=basic,
            project=project,
            execution_rate=self.execution(spent, adjusted, "execution_rate", initial=initial),
            basic_execution_rate=self.execution(spent_basic, basic, "basic_execution_rate"),
            project_execution_rate=self.execution(spent_project, project, "project_execution_rate"),
            sources=self.sources(),
        )

    def sources(self) -> tuple[tuple[str, Figure], ...]:
        """The funds by source that are stated or pending, named as the 自评表 names them, in
        its order."""
        model = self.finances.budget.sources if self.finances.budget else None
        path = (*FINANCES, "budget", "sources")
        found = ((name, known(self.source, model, key, path)) for key, name in SOURCE_NAMES.items())
        return tuple((name, value) for name, value in found if value is not None)

    def carryover(self, spending: Expenditure | None) -> Carryover | None:
        carryover = self.finances.carryover
        closing = self.value("carryover", "closing")
        if carryover is None or closing is None:
            return None
        opening = self.value("carryover", "opening")
        choice = self.source.report.settings.carryover_rate_base
        base_label = CARRYOVER_BASES[choice]
        if choice == "total_expenditure":
            base = spending.total if spending else None
        elif (base := self.value("budget", "adjusted")) is None:
            base, base_label = self.value("budget", "initial"), "年初预算"
        rate = self.rate(lift(formulas.carryover_rate, closing, base))
        within: bool | Pending | None = None
        if isinstance(rate, Decimal):
            within = rate <= carryover.target_rate
        elif rate is PENDING:
            within = PENDING
        return Carryover(
            opening=opening,
            closing=closing,
            change_rate=self.rate(lift(formulas.carryover_change_rate, opening, closing)),
            rate=rate,
            base_label=base_label,
            target=carryover.target_rate,
            within_target=within,
        )

    def procurement(self) -> Procurement | None:
        actual = self.value("procurement", "actual")
        if actual is None:
            return None
        return Procurement(actual, self.change(actual, self.value("procurement", "prior_actual")))

    def three_public(self) -> ThreePublic | None:
        actual = self.value("three_public", "actual")
        if actual is None:
            return None
        budget = self.value("three_public", "budget")
        return ThreePublic(
            actual=actual,
            budget=budget,
            control_rate=self.rate(lift(formulas.control_rate, actual, budget)),
            change=self.change(actual, self.value("three_public", "prior_actual")),
        )

    def assets(self) -> Assets | None:
        fields = ("total", "fixed_gross", "fixed_depreciation", "fixed_net", "fixed_in_use")
        values = {field: self.value("assets", field) for field in fields}
        if all(v is None for v in values.values()):
            return None
        in_use, gross = values["fixed_in_use"], values["fixed_gross"]
        utilization = self.rate(lift(formulas.fixed_asset_utilization, in_use, gross))
        return Assets(**values, utilization=utilization)

    def staff_control_rate(self) -> Figure | None:
        staffing = self.source.report.basic_info.functions.staffing
        if staffing is None:
            return None
        authorized = staffing.authorized_headcount
        return self.rate(lift(formulas.staff_control_rate, staffing.staff_in_post, authorized))

    def scope(self, expenditure: Expenditure | None) -> Scope | None:
        """The 自评 scope figures; the project share is of 项目支出 on the report's basis."""
        scope = self.source.report.evaluation.scope
        if scope is None:
            return None
        path = ("evaluation", "scope")
        funds = known(self.source, scope, "project_funds", path)
        project = expenditure.project if expenditure else None
        share = self.rate(lift(formulas.share, funds, project))
        key = [
            known(self.source, item, "funds", (*path, "key_evaluations", n))
            for n, item in enumerate(scope.key_evaluations)
        ]
        return Scope(
            project_funds=funds,
            project_share=share,
            department_funds=known(self.source, scope, "department_funds", path),
            key_funds=total(None, key),
        )
