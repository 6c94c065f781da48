"""Derived figures: hand computations from the published samples, round trips named as such,
and the precision of every rate under each setting."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from helpers import compose, finances, minimal, read

import perfgen
from perfgen.arithmetic import money, padded, quantize
from perfgen.figures import Change
from perfgen.figures.formulas import completion_rate, grade, ratio_percent, year_on_year
from perfgen.input.settings import DEFAULT_GRADE_BANDS
from perfgen.placeholders import PENDING

NPC = "nansha-npc-office-2023"
PARTY = "nansha-party-committee-office-2023"
CPPCC = "nansha-cppcc-office-2022"


@pytest.fixture(scope="module")
def figures(samples: dict[str, perfgen.Input]) -> dict[str, perfgen.Figures]:
    return {name: perfgen.derive(source) for name, source in samples.items()}


# --- independent: computed by hand from amounts the samples publish -------------------


def test_npc_income_shares(figures: dict[str, perfgen.Figures]) -> None:
    income = figures[NPC].income
    assert income is not None
    # published 2503.22 and 11.40 of 2514.62: 2503.22 ÷ 2514.62 = 0.995466… → 99.55%;
    # 11.40 ÷ 2514.62 = 0.004533… → 0.45% (the sample prints 99.55%)
    assert {p.key: p.share for p in income.parts} == {
        "appropriation": D("99.55"),
        "other": D("0.45"),
    }


def test_npc_cost_shares_are_of_total_expense(figures: dict[str, perfgen.Figures]) -> None:
    expense = figures[NPC].expense
    assert expense is not None
    # 1519.36 + 542.84 + 356.60 + 9.43 + 0.39 = 2428.62 (总费用, not 总支出 2503.53)
    assert expense.total == D("2428.62")
    # 1519.36 ÷ 2428.62 = 0.625598… → 62.56%, as published; 542.84 ÷ 2428.62 = 0.223518… →
    # 22.35%; 356.60 ÷ 2428.62 = 0.146832… → 14.68%; 9.43 → 0.39%; 0.39 → 0.02%
    assert {p.key: p.share for p in expense.parts} == {
        "wage_and_welfare": D("62.56"),
        "goods_and_services": D("22.35"),
        "subsidies": D("14.68"),
        "depreciation": D("0.39"),
        "amortization": D("0.02"),
    }


def test_npc_execution_rates(figures: dict[str, perfgen.Figures]) -> None:
    budget = figures[NPC].budget
    assert budget is not None
    overall, basic, project = (
        budget.execution_rate,
        budget.basic_execution_rate,
        budget.project_execution_rate,
    )
    assert overall is not None and basic is not None and project is not None
    # 605.58 ÷ 628.67 = 0.963272… → 96.33%, as published
    assert project.value == D("96.33")
    # 1897.96 ÷ 1897.96 = 100%
    assert basic.value == D("100.00")
    # 2503.53 ÷ 2526.63 = 0.990857… → 99.09% (the sample's 99.07% used 2503.22)
    assert overall.value == D("99.09")
    assert not overall.stated and not overall.on_initial_budget
    # the overall rate is a weighted mean, so it lies between its components
    assert project.value <= overall.value <= basic.value


def test_npc_score_and_grade(figures: dict[str, perfgen.Figures]) -> None:
    assert (figures[NPC].score, figures[NPC].grade) == (D("98.75"), "优")


def test_party_expenditure_and_carryover(figures: dict[str, perfgen.Figures]) -> None:
    f = figures[PARTY]
    assert f.expenditure is not None and f.carryover is not None
    # 962.44 + 866.96 = 1829.40 (the sample prints 1829.4); 962.44 ÷ 1829.40 = 0.526096… →
    # 52.61%
    assert f.expenditure.total == D("1829.40")
    assert {p.key: p.share for p in f.expenditure.parts}["basic"] == D("52.61")
    # 4.58 ÷ 1829.40 = 0.002503… → 0.25% (the sample's base is total expenditure)
    assert (f.carryover.rate, f.carryover.base_label) == (D("0.25"), "总支出")
    assert f.carryover.within_target is True
    # opening 4.58, closing 4.58 → (4.58 − 4.58) ÷ 4.58 = 0%
    assert f.carryover.change_rate == D("0.00")


def test_cppcc_staffing_assets_and_income(figures: dict[str, perfgen.Figures]) -> None:
    f = figures[CPPCC]
    # 23 ÷ 26 = 0.884615… → 88.46%
    assert f.staff_control_rate == D("88.46")
    # in use equals gross (148.50): 100.00%, as published
    assert f.assets is not None and f.assets.utilization == D("100.00")
    # 28.55 ÷ 1957.86 = 0.014582… → 1.46%
    assert f.income is not None
    assert [(p.key, p.share) for p in f.income.parts] == [("other", D("1.46"))]
    # no adjusted or category budgets are published: the stated rates are used. The overall rate
    # is the data's own 97.84 (worked out from the published basic and project figures, since
    # both published overall rates contradict them: rule rate-weighted)
    assert f.budget is not None and f.budget.execution_rate is not None
    assert f.budget.execution_rate.stated
    assert f.budget.execution_rate.value == D("97.84")


# --- round trips: the input holds a figure worked backwards from the sample's own result ------
# These show that perfgen prints the published result again; they do not test the formula.


def test_round_trip_npc_income_change(figures: dict[str, perfgen.Figures]) -> None:
    income = figures[NPC].income
    assert income is not None
    # prior_total 2315.94 was worked back from the published "增加198.68万元"
    assert income.change == Change(D("198.68"), D("8.58"))


def test_round_trip_npc_project_rate_change(figures: dict[str, perfgen.Figures]) -> None:
    budget = figures[NPC].budget
    assert budget is not None and budget.project_execution_rate is not None
    # last year's 93.69% was worked back from the published "提高2.64%" (个百分点 meant)
    assert budget.project_execution_rate.change_pp == D("2.64")


def test_round_trip_party_indicator_rates(figures: dict[str, perfgen.Figures]) -> None:
    # the targets were worked back from the published rates 110/144/133/100/120%
    rates = {r.indicator.name: r.completion_rate for r in figures[PARTY].indicators}
    assert rates["业务岗位培训人数"] == D("110")
    assert rates["会议参与人数"] == D("144")
    assert rates["信息稿件成果被省采纳"] == D("133")
    assert rates["信息稿件成果被国家采纳"] == D("100")
    assert rates["信息稿件或批示次数"] == D("120")
    assert rates["2023年交办任务事项"] == D("100")


def test_round_trip_cppcc_procurement_and_budget(figures: dict[str, perfgen.Figures]) -> None:
    f = figures[CPPCC]
    assert f.procurement is not None and f.budget is not None
    # prior 78.58 was worked back from the published "下降60.92%"
    assert f.procurement.change == Change(D("-47.87"), D("-60.92"))
    # prior 2752.12 was worked back from the published "增加207.34万元"; the rate 7.53% shows
    # that the sample's "7.5%" dropped a digit
    assert f.budget.initial_change == Change(D("207.34"), D("7.53"))


# --- formulas and rounding --------------------------------------------------------------


def test_rounding_is_half_up() -> None:
    # 1 ÷ 800 = 0.125%: half-up gives 0.13 (Python's round() would give 0.12)
    assert quantize(ratio_percent(D(1), D(800)) or D(0), 2) == D("0.13")
    assert quantize(D("0.25"), 1) == D("0.3")


def test_formatting_pads_and_never_rounds() -> None:
    assert money(D("11.4")) == "11.40"
    assert money(D("1519.36"), thousands=True) == "1,519.36"
    assert padded(D("99.8"), 2) == D("99.80")
    with pytest.raises(ValueError, match="more than 2 decimals"):
        money(D("1.005"))


def test_zero_or_missing_denominator_gives_none() -> None:
    assert ratio_percent(D(5), D(0)) is None
    assert ratio_percent(D(5), None) is None
    assert year_on_year(D(5), D(0)) == (D(5), None)


@pytest.mark.parametrize(
    ("comparator", "target", "actual", "expected"),
    [
        ("≥", "80", "88", "110"),  # uncapped
        ("≥", "80", "60", "75"),
        ("≤", "10", "8", "100"),  # met
        ("≤", "10", "12.5", "80"),  # 10 ÷ 12.5
        ("=", "3", "3", "100"),
        ("=", "3", "2", "0"),
    ],
)
def test_completion_rate(comparator: str, target: str, actual: str, expected: str) -> None:
    assert completion_rate(comparator, D(target), D(actual), None) == D(expected)


def test_qualitative_completion_rate() -> None:
    assert completion_rate("定性", None, None, "达成") == D(100)
    assert completion_rate("定性", None, None, "基本达成") == D(80)
    assert completion_rate("定性", None, None, None) is None


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ("0", "差"),
        ("59.99", "差"),
        ("60", "中"),
        ("79.99", "中"),
        ("80", "良"),
        ("89.99", "良"),
        ("90", "优"),
        ("100", "优"),
    ],
)
def test_grade_bands_lower_bound_inclusive(score: str, expected: str) -> None:
    assert grade(D(score), DEFAULT_GRADE_BANDS) == expected


# --- precision: every rate rounded once, at the precision its setting names --------------

# 预算调整率 = (11234.51 − 10000.00) ÷ 10000.00 = 0.123451 → 12.3451%, exactly.
# Rounded twice (to 2, then to 1) it would read 12.4%; rounded once to 1 it is 12.3%.
ADJUSTED = {"initial": D("10000.00"), "adjusted": D("11234.51")}


@pytest.mark.parametrize(
    ("places", "expected"),
    [(0, "12%"), (1, "12.3%"), (2, "12.35%"), (3, "12.345%"), (4, "12.3451%")],
)
def test_adjustment_rate_at_each_precision(places: int, expected: str) -> None:
    data = minimal(basic_info=finances(budget=ADJUSTED), settings={"percent_decimals": places})
    assert f"预算调整率为{expected}。" in compose(data)


# 结转结余变动率 = (123.46 − 100.00) ÷ 100.00 = 23.46%; 结转结余率 = 123.46 ÷ 11234.51 =
# 1.098927…%; 在职人员控制率 = 7 ÷ 9 = 77.7777…%; 固定资产利用率 = 2 ÷ 3 = 66.6666…%;
# "三公"经费控制率 = 1.00 ÷ 8.00 = 12.5%.
@pytest.mark.parametrize(
    ("places", "change", "rate", "staff", "utilization", "control"),
    [
        (0, "23%", "1%", "78%", "67%", "13%"),
        (1, "23.5%", "1.1%", "77.8%", "66.7%", "12.5%"),
        (2, "23.46%", "1.10%", "77.78%", "66.67%", "12.50%"),
        (3, "23.460%", "1.099%", "77.778%", "66.667%", "12.500%"),
        (4, "23.4600%", "1.0989%", "77.7778%", "66.6667%", "12.5000%"),
    ],
)
def test_every_rate_at_each_precision(
    places: int, change: str, rate: str, staff: str, utilization: str, control: str
) -> None:
    basic = finances(
        budget=ADJUSTED,
        carryover={"opening": D("100.00"), "closing": D("123.46"), "target_rate": D("7.5")},
        assets={"fixed_gross": D("3.00"), "fixed_in_use": D("2.00")},
        three_public={"budget": D("8.00"), "actual": D("1.00")},
    )
    basic["functions"] = {"staffing": {"authorized_headcount": 9, "staff_in_post": 7}}
    items = [
        {"title": "预算执行情况", "kind": "budget_execution", "text": "甲。"},
        {"title": "资产管理情况", "kind": "assets", "text": "乙。"},
        {"title": "运行成本情况", "kind": "running_cost", "text": "丙。"},
    ]
    text = compose(
        minimal(
            basic_info=basic,
            evaluation={"score": 95, "management_efficiency": {"items": items}},
            settings={"percent_decimals": places},
        )
    )
    assert f"结转结余变动率为{change}；" in text
    # the clerk's target is printed as typed (7.5%, never rounded to 8%)
    assert f"结转结余率为{rate}，未超过7.5%的控制目标" in text
    assert f"在职人员控制率为{staff}。" in text
    assert f"固定资产利用率为{utilization}。" in text
    assert f"“三公”经费控制率为{control}。" in text


def test_indicator_rates_and_scores_round_once() -> None:
    # 95 vs 90 with "≥": 90 ÷ 95 = 94.736842…%; at 0 decimals 95%; the score is computed from the
    # unrounded rate: 10 × 0.94736842… = 9.4736… → 9.47 (from the rounded 95% it would be 9.50)
    indicator = {"name": "甲", "target": 95, "actual": 90, "weight": 10, "kind": "output"}
    table = {"funding_weight": 90, "funding_score": 90, "indicators": [indicator]}
    source = read(minimal(evaluation={"table": table}, settings={"indicator_rate_decimals": 0}))
    figures = perfgen.derive(source)
    assert figures.table is not None
    [row] = figures.table.rows
    assert (row.result.completion_rate, row.result.score) == (D("95"), D("9.47"))
    assert figures.score == D("99.47")


def test_duty_indicators_from_the_table_are_its_rows_with_a_kind() -> None:
    """履职效能's indicators, when the YAML lists none there, are the 自评表's rows with a kind,
    each computed as the table computes it (a pending actual stays pending in both)."""
    rows = [
        {"name": "甲", "target": 95, "actual": 90, "weight": 10, "kind": "output"},
        {"name": "乙", "target": 80, "actual": 88, "weight": 10},  # no kind: not in 履职效能
        {"name": "丙", "target": 10, "actual": "【待填写】", "weight": 10, "kind": "outcome"},
    ]
    source = read(minimal(evaluation={"table": {"funding_weight": 70, "indicators": rows}}))
    figures = perfgen.derive(source)
    assert [r.indicator.name for r in figures.indicators] == ["甲", "丙"]
    assert [(r.completion_rate, r.score) for r in figures.indicators] == [
        (D("94.74"), D("9.47")),  # 90 ÷ 95; 10 × 0.947368… = 9.47
        (PENDING, PENDING),
    ]
    assert [g.kind for g in figures.indicator_groups] == ["output", "outcome"]


def test_stated_rate_is_printed_at_the_percent_precision() -> None:
    data = minimal(
        basic_info=finances(budget={"execution_rate": D("99.875")}),
        settings={"percent_decimals": 2},
    )
    assert "本办预算执行率为99.88%。" in compose(data)


def test_score_is_printed_at_its_precision_and_graded_as_printed() -> None:
    # 89.5 at 0 decimals prints 90 (half-up): the grade is that of 90, so the two agree
    data = minimal(evaluation={"score": D("89.5")}, settings={"score_decimals": 0})
    assert "自评得分为90分，评价等级为“优”。" in compose(data)
