"""Derived figures against values computed by hand from the published samples."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfgen.figures import (
    Change,
    change_in_points,
    completion_rate,
    derive,
    grade,
    share,
    year_on_year,
)
from perfgen.model import DEFAULT_GRADE_BANDS, Indicator, Report
from perfgen.numbers import money, percent_of

NPC = "nansha-npc-office-2023"
PARTY = "nansha-party-committee-office-2023"
CPPCC = "nansha-cppcc-office-2022"


def test_npc_income(samples: dict[str, Report]) -> None:
    f = derive(samples[NPC])
    # 2514.62 − 2315.94 = 198.68; 198.68 ÷ 2315.94 = 0.085788… → 8.58%
    assert f.income_change == Change(D("198.68"), D("8.58"))
    parts = {p.key: p.share for p in f.income_parts}
    # 2503.22 ÷ 2514.62 = 0.995466… → 99.55%; 11.40 ÷ 2514.62 = 0.004533… → 0.45%
    assert parts == {"appropriation": D("99.55"), "other": D("0.45")}


def test_npc_cost_shares_are_of_total_expense(samples: dict[str, Report]) -> None:
    f = derive(samples[NPC])
    # 1519.36 + 542.84 + 356.60 + 9.43 + 0.39 = 2428.62 (总费用, not 总支出 2503.53)
    assert f.expense_total == D("2428.62")
    shares = {p.key: p.share for p in f.expense_parts}
    # 1519.36 ÷ 2428.62 = 0.625598… → 62.56%, as published; the others likewise
    assert shares == {
        "wage_and_welfare": D("62.56"),
        "goods_and_services": D("22.35"),
        "subsidies": D("14.68"),
        "depreciation": D("0.39"),
        "amortization": D("0.02"),
    }


def test_npc_execution_rates(samples: dict[str, Report]) -> None:
    f = derive(samples[NPC])
    assert f.project_execution_rate is not None and f.basic_execution_rate is not None
    assert f.execution_rate is not None
    # 605.58 ÷ 628.67 = 0.963272… → 96.33%; last year 93.69% → +2.64 个百分点
    assert f.project_execution_rate.value == D("96.33")
    assert f.project_execution_rate.change_pp == D("2.64")
    assert f.basic_execution_rate.value == D("100.00")
    # 2503.53 ÷ 2526.63 = 0.990857… → 99.09% (the sample's 99.07% used 2503.22)
    assert f.execution_rate.value == D("99.09")
    assert not f.execution_rate.stated and f.budget_basis == "adjusted"
    # the overall rate is a weighted mean, so it lies between its components
    assert f.project_execution_rate.value <= f.execution_rate.value
    assert f.execution_rate.value <= f.basic_execution_rate.value


def test_npc_score_and_grade(samples: dict[str, Report]) -> None:
    f = derive(samples[NPC])
    assert (f.score, f.grade) == (D("98.75"), "优")


def test_party_figures(samples: dict[str, Report]) -> None:
    f = derive(samples[PARTY])
    # 962.44 + 866.96 = 1829.40; 962.44 ÷ 1829.40 = 0.526096… → 52.61%
    assert f.expenditure_total == D("1829.40")
    assert {p.key: p.share for p in f.expenditure_parts}["basic"] == D("52.61")
    # 4.58 ÷ 1829.40 = 0.002503… → 0.25% (the sample's base is total expenditure)
    assert f.carryover_rate == D("0.25")
    assert f.carryover_change_rate == D("0.00")


def test_party_indicator_rates_reproduce_the_published_ones(samples: dict[str, Report]) -> None:
    rates = {r.indicator.name: r.completion_rate for r in derive(samples[PARTY]).indicators}
    # published: 88 人次 → 110%, 约1300 人次 → 144%, 20 篇 → 133%, 3 篇 → 100%, 36 次 → 120%
    assert rates["业务岗位培训人数"] == D("110")
    assert rates["会议参与人数"] == D("144")
    assert rates["信息稿件成果被省采纳"] == D("133")
    assert rates["信息稿件成果被国家采纳"] == D("100")
    assert rates["信息稿件或批示次数"] == D("120")
    assert rates["2023年交办任务事项"] == D("100")


def test_cppcc_figures(samples: dict[str, Report]) -> None:
    f = derive(samples[CPPCC])
    # 23 ÷ 26 = 0.884615… → 88.46%
    assert f.staff_control_rate == D("88.46")
    # 148.50 ÷ 148.50 → 100.00%
    assert f.fixed_asset_utilization == D("100.00")
    # 30.71 − 78.58 = −47.87; −47.87 ÷ 78.58 = −0.609188… → −60.92%, as published
    assert f.procurement_change == Change(D("-47.87"), D("-60.92"))
    # 2959.46 − 2752.12 = 207.34; 207.34 ÷ 2752.12 = 0.075338… → 7.53% (published "7.5%")
    assert f.initial_budget_change == Change(D("207.34"), D("7.53"))
    # 28.55 ÷ 1957.86 = 0.014582… → 1.46%
    assert [(p.key, p.share) for p in f.income_parts] == [("other", D("1.46"))]
    # no adjusted or category budgets are published: the stated rates are used
    assert f.execution_rate is not None and f.execution_rate.stated
    assert f.execution_rate.value == D("99.8")


def test_rounding_is_half_up_and_once() -> None:
    # 1 ÷ 800 = 0.125%: half-up gives 0.13 (Python's round() would give 0.12)
    assert percent_of(D(1), D(800), 2) == D("0.13")
    assert percent_of(D("2.5"), D(1000), 1) == D("0.3")
    assert money(D("11.4")) == "11.40"
    assert money(D("1519.36"), thousands=True) == "1,519.36"


def test_zero_or_missing_denominator_gives_none() -> None:
    assert share(D(5), D(0)) is None
    assert share(D(5), None) is None
    assert year_on_year(D(5), D(0)) == Change(D(5), None)
    assert year_on_year(None, D(3)) is None


def test_decrease_and_points() -> None:
    assert year_on_year(D("90.00"), D("100.00")) == Change(D("-10.00"), D("-10.00"))
    assert change_in_points(D("93.69"), D("96.33")) == D("-2.64")
    assert change_in_points(D("93.69"), None) is None


def _indicator(comparator: str, target: str, actual: str) -> Indicator:
    return Indicator.model_validate(
        {
            "kind": "output",
            "name": "x",
            "comparator": comparator,
            "target": target,
            "actual": actual,
        }
    )


@pytest.mark.parametrize(
    ("comparator", "target", "actual", "expected"),
    [
        ("≥", "80", "88", "110.00"),  # uncapped
        ("≥", "80", "60", "75.00"),
        ("≤", "10", "8", "100.00"),  # met
        ("≤", "10", "12.5", "80.00"),  # 10 ÷ 12.5
        ("=", "3", "3", "100.00"),
        ("=", "3", "2", "0.00"),
    ],
)
def test_completion_rate(comparator: str, target: str, actual: str, expected: str) -> None:
    assert completion_rate(_indicator(comparator, target, actual)) == D(expected)


def test_qualitative_completion_rate() -> None:
    base = {"kind": "outcome", "name": "x", "comparator": "定性"}
    assert completion_rate(Indicator.model_validate({**base, "achieved": "达成"})) == D("100.00")
    assert completion_rate(Indicator.model_validate({**base, "achieved": "基本达成"})) == D("80.00")
    assert completion_rate(Indicator.model_validate(base)) is None


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
