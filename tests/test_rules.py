"""The registry of rules: every rule declared once, documented from itself, its example true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import found, minimal, read

import perfgen
from perfgen.rules import RULES, Rule, blocking
from perfgen.rules.reference import example_findings, updated
from perfgen.rules.registry import hit, rule

CHECKS_MD = Path(__file__).parent.parent / "docs" / "checks.md"


def test_docs_are_generated_from_the_registry() -> None:
    document = CHECKS_MD.read_text(encoding="utf-8")
    verdicts = CHECKS_MD.parent.parent / "tests" / "fixtures" / "audit-verdicts.yaml"
    assert updated(document, verdicts) == document, "docs/checks.md 已过时：python -m perfgen.rules"
    for rule_id in RULES:
        assert f"### `{rule_id}`" in document


@pytest.mark.parametrize("rule_id", list(RULES))
def test_each_example_triggers_its_rule_at_its_level(rule_id: str) -> None:
    declared = RULES[rule_id]
    found = example_findings(declared)
    assert found and all(f.level == declared.level for f in found)
    assert all(f.message and "{" not in f.message for f in found)


def test_rules_are_declared_completely() -> None:
    assert len(RULES) == 56
    for declared in RULES.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", declared.id)
        assert declared.level in ("error", "warning")
        assert declared.summary and declared.message and declared.blames and declared.example


def test_a_rule_cannot_be_declared_twice() -> None:
    with pytest.raises(ValueError, match="rule sum-mismatch declared twice"):
        rule("sum-mismatch", "error", summary="", message="", blames="", example="")(
            lambda context: iter(())
        )
    assert isinstance(RULES["sum-mismatch"], Rule)


def test_the_message_template_is_filled_by_the_hit() -> None:
    declared = RULES["grade-mismatch"]
    assert (
        declared.message.format(**hit((), stated="优", score="89.99", grade="良").values)
        == "评价等级填写为“优”，但得分 89.99 分对应“良”（分档下限含本数）；可删去 grade，由得分确定"
    )


def test_strict_is_applied_in_one_place() -> None:
    source = read(minimal(year=2030, problems=["【待填写】"]))
    found = perfgen.check(source, perfgen.derive(source))
    assert {f.level for f in found} == {"warning"}
    assert blocking(found) == ()
    assert blocking(found, strict=True) == tuple(found)


def test_findings_are_located_and_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "dept.yaml"
    path.write_text(
        "unit: {name: 测试单位}\n"
        "year: 2024\n"
        "basic_info:\n"
        "  functions: {}\n"
        "  annual_work: {}\n"
        "  finances:\n"
        "    income: {total: 100.00, appropriation: 80.00, other: 10.00}\n"
        "evaluation: {score: 89.99, grade: 优}\n"
        "problems: [问题甲]\n"
        "measures: [措施甲]\n",
        encoding="utf-8",
    )
    examined = perfgen.examine(path)
    assert [(f.rule, f.file, f.line, f.column) for f in examined.findings] == [
        ("share-sum", str(path), 7, 13),
        ("sum-mismatch", str(path), 7, 21),
        ("grade-mismatch", str(path), 8, 35),
    ]
    assert str(examined.findings[2]).startswith(
        f"{path}:8:35: 错误[grade-mismatch] evaluation.grade: 评价等级填写为“优”"
    )


def test_typed_numbering_is_one_warning_per_list_and_silent_on_near_misses() -> None:
    from helpers import minimal, read

    import perfgen

    def found(**data: object) -> list[str]:
        source = read(minimal(**data))
        findings = perfgen.check(source, perfgen.derive(source))
        return [".".join(map(str, f.path)) for f in findings if f.rule == "typed-numbering"]

    assert found(
        problems=["1.问题甲", "2.问题乙", "3.问题丙"], measures=["（1）措施甲", "（2）措施乙"]
    ) == [
        "problems.0.text.0",  # problems and measures are points: the item's first paragraph
        "measures.0.text.0",
    ]
    assert found(problems=["1.满意度调查不全；2.目标不细。"]) == []  # one item: its own enumeration
    assert found(problems=["一是问题甲", "二是问题乙"]) == []  # 一是 opens a sentence's enumeration
    assert found(problems=["2023年问题甲", "问题乙"]) == []  # a year is not a number


def _year(name: str, year: int, **finances: object) -> perfgen.Input:
    data = minimal(unit={"name": name, "short_name": "本办"}, year=year)
    data["basic_info"] = {"functions": {}, "annual_work": {}, "finances": finances}
    return read(data, f"{name}{year}.yaml")


def _across(current: perfgen.Input, before: perfgen.Input) -> list[tuple[str, str]]:
    import datetime as dt

    from perfgen.locations import dotted
    from perfgen.rules.prior import published

    prior = published(before, perfgen.derive(before))
    findings = perfgen.check(current, perfgen.derive(current), dt.date(2025, 6, 1), prior)
    return [(dotted(f.path), f.message) for f in findings if f.rule == "prior-published"]


def test_prior_published_finds_a_planted_mismatch() -> None:
    # 2023 published 总收入 120.50 and 三公 3.20; 2024 states 上年 121.50 and 3.20.
    before = _year("甲单位", 2023, income={"total": "120.50"}, three_public={"actual": "3.20"})
    current = _year(
        "甲单位",
        2024,
        income={"total": "130.00", "prior_total": "121.50"},
        three_public={"actual": "3.00", "prior_actual": "3.20"},
    )
    assert _across(current, before) == [
        (
            "basic_info.finances.income.prior_total",
            "上年总收入写为 121.50 万元，与甲单位2023.yaml（2023 年度报告）公布的 120.50 万元 不一致",
        )
    ]


def test_prior_published_is_silent_on_a_consistent_pair() -> None:
    # 2023 published 执行率 (98.00 ÷ 100.00 = 98.00%) and 总支出 98.00; 2024 states 98 and 98.0
    # (equal at the stated precision).
    before = _year("甲单位", 2023, expenditure={"total": "98.00"}, budget={"adjusted": "100.00"})
    current = _year(
        "甲单位",
        2024,
        expenditure={"total": "99.00", "prior_total": "98.0"},
        budget={"adjusted": "100.00", "prior_execution_rate": "98"},
    )
    assert _across(current, before) == []


def test_prior_published_compares_at_the_coarser_precision() -> None:
    # 120.46 published, 120.5 stated: 120.46 → 120.5 half-up, equal; 120.44 → 120.4, not.
    stated = {"total": "130.00", "prior_total": "120.5"}
    agrees = _year("甲单位", 2023, income={"total": "120.46"})
    differs = _year("甲单位", 2023, income={"total": "120.44"})
    assert _across(_year("甲单位", 2024, income=stated), agrees) == []
    assert len(_across(_year("甲单位", 2024, income=stated), differs)) == 1


def test_prior_published_needs_the_same_unit_and_the_year_before() -> None:
    current = _year("甲单位", 2024, income={"total": "130.00", "prior_total": "121.50"})
    other_unit = _year("乙单位", 2023, income={"total": "120.50"})
    two_years_back = _year("甲单位", 2022, income={"total": "120.50"})
    assert _across(current, other_unit) == []
    assert _across(current, two_years_back) == []
    # and without a previous report (check, render) the rule finds nothing
    assert not [f for f in found(current.source.data) if f[0] == "prior-published"]
