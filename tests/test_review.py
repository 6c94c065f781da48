"""Structured rules added for what reviewers reject: the 自评表 against the accounts, the 自评
scope, staffing, rates stated together, implausible indicators, missing explanations and score
caps. Each rule triggers on a hand-made case (its registry example is another) and stays quiet
on its near miss; figures are worked out by hand in the comments."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from helpers import finances, found, minimal

CPPCC_SPENDING = {"total": D("1954.07"), "basic": D("1496.13"), "project": D("457.94")}


def _with_table(funding: list[dict[str, Any]], **finance: Any) -> dict[str, Any]:
    table = {"funding": funding, "indicators": [{"name": "培训人次", "target": 80, "actual": 88}]}
    return minimal(basic_info=finances(**finance), evaluation={"table": table})


def test_funding_block_against_the_accounts_on_each_basis() -> None:
    rows = [
        {"name": "财政拨款", "full_year_budget": D("1800.00"), "executed": D("1790.00")},
        {"name": "其他资金", "full_year_budget": D("36.20"), "executed": D("39.40")},
    ]
    spending = {"total": D("1829.40")}
    # all funds: the 年度资金总额 row is 1790.00 + 39.40 = 1829.40 = 总支出; 1836.20 = 调整后预算
    data = _with_table(rows, expenditure=spending, budget={"adjusted": D("1836.20")})
    assert found(data, "funding-mismatch") == []
    # on the appropriation basis the 财政拨款 row alone is compared: 1790.00 against 1829.40
    data["basic_info"]["finances"]["basis"] = "appropriation"
    assert found(data, "funding-mismatch") == [
        (
            "funding-mismatch",
            "evaluation.table.funding[0]",
            "自评表“财政拨款”的全年执行数 1790.00 万元与报告中的总支出 1829.40 万元相差 39.40 万元"
            "（口径：一般公共预算财政拨款）；请核对自评表或收支数字",
        ),
        (
            "funding-mismatch",
            "evaluation.table.funding[0]",
            "自评表“财政拨款”的全年预算数 1800.00 万元与报告中的调整后预算 1836.20 万元相差 36.20 万元"
            "（口径：一般公共预算财政拨款）；请核对自评表或收支数字",
        ),
    ]


def test_scope_against_the_expenditure() -> None:
    # 500.00 ÷ 866.96 = 57.6728…% → 57.67%
    scope = {
        "project_funds": D("500.00"),
        "project_share": D("57.67"),
        "department_funds": D("1829.40"),
    }
    spending = {"total": D("1829.40"), "basic": D("962.44"), "project": D("866.96")}
    data = minimal(
        basic_info=finances(expenditure=spending), evaluation={"score": 95, "scope": scope}
    )
    assert found(data, "scope-mismatch") == []
    data["evaluation"]["scope"] |= {"project_share": D("57.7"), "project_funds": D("900.00")}
    # 900.00 ÷ 866.96 = 103.81%: a stated share that differs, and more than all project spending
    assert [f[1:] for f in found(data, "scope-mismatch")] == [
        (
            "evaluation.scope.project_share",
            "填写的项目资金占比 57.7% 与项目自评资金 ÷ 项目支出 = 103.81% 不符；可删去 project_share，由程序计算",
        ),
        (
            "evaluation.scope.project_funds",
            "项目自评资金占项目支出的 103.81%，超过 100%：自评的项目资金不应多于项目支出",
        ),
    ]


def test_staffing_breakdown_that_adds_up() -> None:
    staffing = {"staff_in_post": 50, "breakdown": {"行政": 36, "工勤": 3, "政府聘员": 11}}
    data = minimal(
        basic_info={"functions": {"staffing": staffing}, "annual_work": {}, "finances": {}}
    )
    assert found(data, "staffing-breakdown") == []


def test_a_part_typed_to_the_cent_is_a_rounding_the_clerk_stands_by() -> None:
    # 1356.00 + 140.12 = 1496.12 against 1496.13: within tolerance, and every part is to the cent
    spending = {"basic": D("1496.13"), "personnel": D("1356.00"), "public": D("140.12")}
    spending["project"] = D("457.94")  # 总支出 known too (else expenditure-incomplete says so)
    assert found(minimal(basic_info=finances(expenditure=spending))) == []


def test_rates_stated_together_that_are_consistent() -> None:
    # 1954.07 ÷ (1496.13 ÷ 99.89% + 457.94 ÷ 91.69%) = 97.839…%: 97.84 and 97.8 both agree
    for overall in ("97.84", "97.8"):
        budget = {
            "execution_rate": D(overall),
            "basic_execution_rate": D("99.89"),
            "project_execution_rate": D("91.69"),
        }
        data = minimal(basic_info=finances(expenditure=CPPCC_SPENDING, budget=budget))
        assert found(data, "rate-weighted") == [], overall
    budget["execution_rate"] = D("97.9")  # 97.85–97.95 cannot hold 97.839
    assert (
        len(
            found(
                minimal(basic_info=finances(expenditure=CPPCC_SPENDING, budget=budget)),
                "rate-weighted",
            )
        )
        == 1
    )


def _indicators(*rows: dict[str, Any]) -> dict[str, Any]:
    return minimal(evaluation={"score": 95, "duty_effectiveness": {"indicators": list(rows)}})


def test_implausible_indicators_and_their_near_misses() -> None:
    low = _indicators(
        {"kind": "output", "name": "甲", "target": 50, "actual": 88},  # 176%
        {"kind": "outcome", "name": "乙", "target": 10, "actual": 11},  # 110%
    )
    assert found(low, "targets-low") == []  # one is below 120%
    # 176 − 110 = 66 points apart, but the outcome is above its own target: no “no effect”
    assert found(low, "outcome-below-output") == []
    gap = _indicators(
        {"kind": "output", "name": "甲", "target": 80, "actual": 88},  # 110%
        {"kind": "outcome", "name": "乙", "target": 10, "actual": 8, "deviation": "采纳标准提高。"},
    )
    # 110% − 80% = 30 个百分点: at the threshold
    assert [f[2] for f in found(gap, "outcome-below-output")] == [
        "效益指标平均完成率 80.00% 比产出指标的 110.00% 低 30.00 个百分点：工作完成了而效益未达到，请在偏差原因中说明"
    ]
    gap["settings"] = {"thresholds": {"outcome_below_output": 31}}
    assert found(gap, "outcome-below-output") == []


def test_satisfaction_with_a_sample_and_explanations_given() -> None:
    sampled = _indicators(
        {
            "kind": "satisfaction",
            "name": "满意度",
            "target": 90,
            "actual": 100,
            "unit": "%",
            "sample_size": 200,
        }
    )
    assert found(sampled, "satisfaction-unsampled") == []
    budget = {
        "initial": D("1800.00"),
        "adjusted": D("1836.20"),
        "execution_rate": D("85"),
        "adjustment_reason": ["年中追加会议经费。"],
        "execution_reason": ["受疫情影响，调研活动减少。"],
    }
    data = minimal(basic_info=finances(budget=budget))
    assert found(data, "adjustment-unexplained") == found(data, "execution-unexplained") == []
    budget["execution_reason"] = []
    assert [
        f[2] for f in found(minimal(basic_info=finances(budget=budget)), "execution-unexplained")
    ] == ["预算执行率为 85.00%，低于 90%：请在 execution_reason 中说明原因"]


def test_missed_indicators_need_a_deviation() -> None:
    data = _indicators(
        {"kind": "output", "name": "固定资产利用率", "target": 95, "actual": 90, "unit": "%"},
        {"kind": "output", "name": "信息公开", "comparator": "定性", "achieved": "基本达成"},
        {"kind": "output", "name": "会议保障", "comparator": "定性", "achieved": "达成"},
    )
    # 90 ÷ 95 = 94.7368…% → 94.74%
    assert [f[1:] for f in found(data, "deviation-missing")] == [
        (
            "evaluation.duty_effectiveness.indicators[0].deviation",
            "指标“固定资产利用率”完成率为 94.74%，请在 deviation 中写明偏差原因及改进措施",
        ),
        (
            "evaluation.duty_effectiveness.indicators[1].deviation",
            "指标“信息公开”为“基本达成”，请在 deviation 中写明偏差原因及改进措施",
        ),
    ]


def test_score_caps_apply_only_when_configured_and_below_the_rate() -> None:
    # 75.00 ÷ 100.00 = 75%: below 80 (cap 89) but not below 70 (cap 79)
    base = {"expenditure": {"total": D("75.00")}, "budget": {"adjusted": D("100.00")}}
    caps = [{"below": 80, "max_score": 89}, {"below": 70, "max_score": 79}]
    assert found(minimal(basic_info=finances(**base), evaluation={"score": 95}), "score-cap") == []
    capped = minimal(
        basic_info=finances(**base), evaluation={"score": 89}, settings={"score_caps": caps}
    )
    assert found(capped, "score-cap") == []
    capped["evaluation"]["score"] = D("89.5")
    assert [f[2] for f in found(capped, "score-cap")] == [
        "预算执行率为 75.00%，低于 80%，自评得分不得超过 89 分，实为 89.50 分"
    ]
