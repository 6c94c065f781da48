"""Consistency rules: one case per rule with its exact message, and the CLI's exit codes."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import DATA, SAMPLES, finances, minimal, read

import perfgen
from perfgen.cli import main

TODAY = dt.date(2025, 6, 1)
FIN = ("basic_info", "finances")


Seen = tuple[str, str, tuple[str | int, ...], str]


def findings(**overrides: Any) -> list[Seen]:
    """(level, rule, path, message) of each finding on the minimal input with ``overrides``."""
    source = read(minimal(**overrides))
    found = perfgen.check(source, perfgen.derive(source), TODAY)
    return [(f.level, f.rule, f.path, f.message) for f in found]


def test_samples_check_clean() -> None:
    for name in SAMPLES:
        source = perfgen.load(DATA / f"{name}.yaml")
        assert perfgen.check(source, perfgen.derive(source), dt.date(2024, 7, 1)) == []


def test_minimal_input_is_clean() -> None:
    assert findings() == []


def test_sum_within_tolerance_passes() -> None:
    # 1897.96 + 605.58 = 2503.54 vs 2503.53: 0.01 ≤ 2 × 0.01 (the NPC sample)
    spending = {"total": D("2503.53"), "basic": D("1897.96"), "project": D("605.58")}
    assert findings(basic_info=finances(expenditure=spending)) == []


@pytest.mark.parametrize(
    ("spending", "said"),
    [
        ({"basic": D("98.93")}, "填写了基本支出，没有填写项目支出，也没有总支出"),
        ({"project": D("44.17")}, "填写了项目支出，没有填写基本支出，也没有总支出"),
        # 人员经费 alone: 基本支出 unknown, and so 总支出 too: said once, of 基本支出
        ({"personnel": D("80"), "project": D("44.17")}, "填写了人员经费，没有填写公用经费"),
    ],
)
def test_a_total_left_unknown_by_a_missing_part(spending: dict[str, D], said: str) -> None:
    found = [
        f
        for f in findings(basic_info=finances(expenditure=spending))
        if f[1] == "expenditure-incomplete"
    ]
    assert len(found) == 1 and found[0][0] == "warning" and found[0][3].startswith(said)


@pytest.mark.parametrize(
    "spending",
    [
        {"basic": D("98.93"), "project": D("44.17")},  # both parts: 总支出 = 143.10
        {"total": D("143.10"), "basic": D("98.93")},  # the total given
        {"basic": D("98.93"), "project": "【待填写】"},  # to be filled in: placeholder's
        {"basic": D("98.93"), "personnel": D("90"), "project": D("1")},  # 基本支出 given
    ],
)
def test_no_total_left_unknown(spending: dict[str, Any]) -> None:
    found = findings(basic_info=finances(expenditure=spending))
    assert all(f[1] != "expenditure-incomplete" for f in found)


def test_sum_mismatch() -> None:
    spending = {"basic": D("1496.13"), "personnel": D("1356.00"), "public": D("130.12")}
    spending["project"] = D("457.94")  # 总支出 then known: only the 基本支出 is in question
    assert findings(basic_info=finances(expenditure=spending)) == [
        (
            "error",
            "sum-mismatch",
            (*FIN, "expenditure", "basic"),
            "基本支出 1496.13 万元与人员经费 1356.00 万元、公用经费 130.12 万元之和 1486.12 万元"
            "相差 10.01 万元，超过允许的舍入误差 0.02 万元（每项 0.01 万元）；请核对合计数或各分项",
        )
    ]


def test_budget_sum_mismatch() -> None:
    budget = {"adjusted": D("100.00"), "basic": D("60.00"), "project": D("30.00")}
    [(_, rule, path, _)] = findings(basic_info=finances(budget=budget))
    assert (rule, path) == ("sum-mismatch", (*FIN, "budget", "adjusted"))


def test_fixed_assets_net_of_depreciation() -> None:
    # opening 31: 482.46 − 162.14 = 320.32, silent; 320.23 (digits swapped) is 0.09 off
    stated = {"fixed_gross": D("482.46"), "fixed_depreciation": D("162.14")}
    assert findings(basic_info=finances(assets=stated | {"fixed_net": D("320.32")})) == []
    assert findings(basic_info=finances(assets=stated | {"fixed_net": D("320.33")})) == []
    assert findings(basic_info=finances(assets=stated | {"fixed_net": D("320.23")})) == [
        (
            "error",
            "sum-mismatch",
            (*FIN, "assets", "fixed_gross"),
            "固定资产原值 482.46 万元与固定资产累计折旧 162.14 万元、固定资产净值 320.23 万元之和"
            " 482.37 万元相差 0.09 万元，超过允许的舍入误差 0.02 万元（每项 0.01 万元）；"
            "请核对合计数或各分项",
        )
    ]
    # without 累计折旧 stated, 原值 and 净值 differ freely
    assert (
        findings(basic_info=finances(assets={"fixed_gross": D("482.46"), "fixed_net": D("3")}))
        == []
    )


@pytest.mark.parametrize(
    ("sources", "error"),
    [
        ({"general": D("1873.66"), "other": D("2880")}, False),  # opening 23: = 4753.66
        ({"general": D("1873.66")}, False),  # the rest may be the unstated sources
        ({"general": D("1873.66"), "other": D("2880.10")}, True),  # already over the total
        (
            {
                "general": D("1873.66"),
                "government_fund": D("0"),
                "special_account": D("0"),
                "other": D("2800"),
            },
            True,  # all four stated: 4673.66, 80 short
        ),
        (
            {
                "general": D("1873.66"),
                "government_fund": D("0"),
                "special_account": D("0.01"),
                "other": D("2879.99"),
            },
            False,
        ),
    ],
)
def test_the_sources_of_the_funds_add_up_to_the_budget(sources: dict[str, D], error: bool) -> None:
    budget = {"adjusted": D("4753.66"), "sources": sources}
    found = [(rule, path) for _, rule, path, _ in findings(basic_info=finances(budget=budget))]
    assert found == ([("sum-mismatch", (*FIN, "budget", "sources"))] if error else [])


def test_share_sum_warning_accompanies_a_bad_total() -> None:
    income = {"total": D("100.00"), "appropriation": D("80.00"), "other": D("10.00")}
    found = findings(basic_info=finances(income=income))
    assert [(level, rule) for level, rule, _, _ in found] == [
        ("error", "sum-mismatch"),
        ("warning", "share-sum"),
    ]
    assert found[1][3] == (
        "占总收入的比重合计为 90.00%（一般公共预算财政拨款收入80.00%、其他收入10.00%），"
        "与 100% 相差超过舍入误差 0.02 个百分点；分项可能不全或与合计不符"
    )


def test_rate_over_100() -> None:
    fin = finances(expenditure={"total": D("110.00")}, budget={"adjusted": D("100.00")})
    assert findings(basic_info=fin) == [
        (
            "warning",
            "rate-over-100",
            (*FIN, "budget", "execution_rate"),
            "预算执行率为 110.00%，超过 100%：支出大于预算，请核对支出数与预算数",
        )
    ]


def test_overall_rate_outside_its_components() -> None:
    # the CPPCC sample's other figure: 99.98% lies above both 99.89% and 91.69%
    budget = {
        "execution_rate": D("99.98"),
        "basic_execution_rate": D("99.89"),
        "project_execution_rate": D("91.69"),
    }
    assert findings(basic_info=finances(budget=budget)) == [
        (
            "error",
            "rate-range",
            (*FIN, "budget", "execution_rate"),
            "预算执行率 99.98% 不在基本支出执行率 99.89% 与项目支出执行率 91.69% 之间；"
            "总体执行率是两者的加权平均，必须介于两者之间",
        )
    ]


def test_stated_rate_differs_from_computed() -> None:
    # the NPC sample's 99.07% against 2503.53 ÷ 2526.63 = 99.09%
    fin = finances(
        expenditure={"total": D("2503.53")},
        budget={"adjusted": D("2526.63"), "execution_rate": D("99.07")},
    )
    assert findings(basic_info=fin) == [
        (
            "error",
            "stated-differs",
            (*FIN, "budget", "execution_rate"),
            "填写的预算执行率 99.07% 与按支出数和预算数计算的 99.09% 不符；可删去填写值，由 perfgen 计算",
        )
    ]


def test_zero_denominator() -> None:
    fin = finances(income={"total": D("10.00"), "prior_total": D("0.00")})
    assert findings(basic_info=fin) == [
        (
            "error",
            "zero-denominator",
            (*FIN, "income", "prior_total"),
            "上年总收入为 0.00，不能作除数，无法计算收入增幅；请填写实际数，或删去该项",
        )
    ]


def test_zero_headcount() -> None:
    staffing = {"authorized_headcount": 0, "staff_in_post": 3}
    basic = {"functions": {"staffing": staffing}, "annual_work": {}, "finances": {}}
    [(_, _, _, message)] = findings(basic_info=basic)
    assert message == "编制数为 0，不能作除数，无法计算在职人员控制率；请填写实际数，或删去该项"


def test_grade_mismatch() -> None:
    assert findings(evaluation={"score": D("89.99"), "grade": "优"}) == [
        (
            "error",
            "grade-mismatch",
            ("evaluation", "grade"),
            "评价等级填写为“优”，但得分 89.99 分对应“良”（分档下限含本数）；可删去 grade，由得分确定",
        )
    ]


def test_year_range_and_signature_date() -> None:
    found = findings(year=2025, signature={"unit": "本办", "date": dt.date(2025, 6, 14)})
    assert found == [
        (
            "warning",
            "year-range",
            ("year",),
            "评价年度 2025 不在合理范围（2015–2024）：自评报告评价的是已结束的年度",
        ),
        (
            "error",
            "signature-date",
            ("signature", "date"),
            "落款日期 2025-06-14 早于评价年度 2025 年结束，自评报告应在年度结束后成文",
        ),
    ]


def _duty(*indicators: dict[str, Any]) -> dict[str, Any]:
    return {"score": 95, "duty_effectiveness": {"indicators": list(indicators)}}


def test_indicator_target_not_positive() -> None:
    indicator = {"kind": "output", "name": "培训人次", "target": 0, "actual": 10}
    assert findings(evaluation=_duty(indicator)) == [
        (
            "error",
            "target-nonpositive",
            ("evaluation", "duty_effectiveness", "indicators", 0, "target"),
            "指标“培训人次”的年度指标值为 0，“≥”指标的目标值必须大于 0，否则无法计算完成率",
        )
    ]


def test_indicator_incomplete() -> None:
    found = findings(
        evaluation=_duty(
            {"kind": "output", "name": "甲", "target": 5},
            {"kind": "outcome", "name": "乙", "comparator": "定性"},
        )
    )
    assert [message for _, _, _, message in found] == [
        "指标“甲”缺少实际完成值（actual），无法计算完成率",
        "定性指标“乙”缺少完成情况（achieved：达成、基本达成或未达成）",
    ]


def test_prior_year_missing() -> None:
    fin = finances(income={"total": D("10.00"), "change_reasons": ["政策调整"]})
    assert findings(basic_info=fin) == [
        (
            "error",
            "prior-missing",
            (*FIN, "income", "change_reasons"),
            "填写了收入增减原因，但缺少上年总收入（prior_total），无法写出同比增减",
        )
    ]


# --- the CLI -----------------------------------------------------------------------------


def test_check_command_on_the_samples() -> None:
    result = CliRunner().invoke(main, ["check", *(str(DATA / f"{n}.yaml") for n in SAMPLES)])
    assert result.exit_code == 0
    assert result.stdout == "".join(f"{DATA / n}.yaml: 检查通过\n" for n in SAMPLES)


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    """The NPC sample with one change that only earns a warning (execution rate above 100%)."""
    path = tmp_path / "dept.yaml"
    text = (DATA / "nansha-npc-office-2023.yaml").read_text(encoding="utf-8")
    text = text.replace("project: 628.67", "project: 600.00")
    path.write_text(text.replace("adjusted: 2526.63", "adjusted: 2497.96"), encoding="utf-8")
    return path


def test_warnings_exit_0_unless_strict(warned: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(warned)])
    assert result.exit_code == 0
    assert (
        "警告[rate-over-100] basic_info.finances.budget.project_execution_rate: 项目支出执行率为 100.93%"
        in result.stdout
    )
    assert runner.invoke(main, ["check", "--strict", str(warned)]).exit_code == 1


def test_render_prints_warnings_and_writes(warned: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(warned), "-o", str(warned.with_suffix(".md"))])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0].startswith(f"{warned}:")
    assert "警告[rate-over-100]" in result.stderr
    assert warned.with_suffix(".md").exists()


def test_render_strict_refuses_warnings(warned: Path) -> None:
    result = CliRunner().invoke(main, ["render", "--strict", str(warned)])
    assert result.exit_code == 1
    assert not warned.with_suffix(".docx").exists()


def test_check_reports_every_file(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    shutil.copy(DATA / "nansha-npc-office-2023.yaml", good)
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2023\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(bad), str(good)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == f"{good}: 检查通过"
    assert f"{bad}:1:1: unit: 缺少必填字段" in result.stdout


# --- the third level, 提示 (issue 22) ---------------------------------------------------------


def _finding(level: str, rule: str = "unterminated", message: str = "段落末尾没有结束标点") -> Any:
    from perfgen.rules import Finding

    return Finding(rule, level, ("evaluation", "conclusion", 0), message, file="a.yaml", line=3)  # type: ignore[arg-type]


def test_a_hint_never_stops_a_run_and_is_shown_only_when_asked() -> None:
    from perfgen.cli.findings import counted, lines
    from perfgen.rules import blocking

    error, warning, hint = _finding("error"), _finding("warning"), _finding("hint")
    assert blocking([hint]) == () and blocking([hint], strict=True) == ()
    assert blocking([warning, hint], strict=True) == (warning,)
    assert [text for text, _ in lines([hint, warning, error])] == [
        "a.yaml:3:0: 错误[unterminated] evaluation.conclusion[0]: 段落末尾没有结束标点",
        "a.yaml:3:0: 警告[unterminated] evaluation.conclusion[0]: 段落末尾没有结束标点",
        "提示 1 处（无法确定的问题，加 --verbose 逐条列出）",
    ]
    shown = [text for text, _ in lines([hint], verbose=True)]
    assert shown == [
        "a.yaml:3:0: 提示[unterminated] evaluation.conclusion[0]: 段落末尾没有结束标点"
    ]
    assert counted([error, warning, hint, hint]) == "错误 1 处，警告 1 处，提示 2 处"


def test_a_hint_is_named_apart_in_a_draft_and_a_stopped_run() -> None:
    from perfgen.errors import CheckError
    from perfgen.writers.notes import Note, summary

    notes = [Note(level, "unterminated", "…", "a.yaml:3") for level in ("error", "hint", "hint")]
    assert summary(notes) == "草稿 · 检查发现 3 处（错误 1 处，警告 0 处，提示 2 处）"
    stopped = CheckError([_finding("error")], [_finding("error"), _finding("hint")])
    assert stopped.verdict() == "未生成：1 处错误"
