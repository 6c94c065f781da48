"""The reviewer's precision figure (issue 22): every finding ``perfgen audit`` gives on the
published samples and the openings, judged by hand in tests/fixtures/audit-verdicts.yaml.

A finding that appears unjudged, a judged one that is no longer given, or a rule whose share of
true findings falls below its floor fails here; docs/checks.md prints the counts. The audit's
words are the reviewer's: no field of the YAML is named.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import field_names, found, minimal

from perfgen.audit import Audited, audit_many
from perfgen.cli import main
from perfgen.input.loader import load_file
from perfgen.rules import RULES

FIXTURES = Path(__file__).parent / "fixtures"
VERDICTS = FIXTURES / "audit-verdicts.yaml"
SAMPLES = sorted((FIXTURES / "published-text").glob("*.txt"))
OPENINGS = sorted((FIXTURES / "openings").glob("*.txt"))
TODAY = dt.date(2025, 6, 1)

Key = tuple[str, str, str, str, str]


def _verdicts() -> dict[str, Any]:
    return load_file(VERDICTS).data


def _key(report: str, entry: dict[str, Any]) -> Key:
    return (report, entry["rule"], entry["level"], entry.get("where", ""), entry["said"])


def _judged() -> dict[Key, dict[str, Any]]:
    judged: dict[Key, dict[str, Any]] = {}
    for report, entries in _verdicts()["reports"].items():
        for entry in entries or ():
            key = _key(report, entry)
            assert key not in judged, f"listed twice: {key}"
            judged[key] = entry
    return judged


@pytest.fixture(scope="module")
def audited() -> list[Audited]:
    return audit_many([*SAMPLES, *OPENINGS], TODAY)


def _given(audited: list[Audited]) -> dict[Key, str]:
    """Each finding the audit gives, by its key, with its message."""
    given: dict[Key, str] = {}
    for report in audited:
        name = Path(report.file).relative_to(FIXTURES).as_posix()
        for p in report.placed:
            f = p.finding
            given[(name, f.rule, f.level, p.where, p.quote or f.message)] = f.message
    return given


def _entry(key: Key, message: str) -> str:
    """A finding as an entry of the fixture, its verdict left to judge."""
    report, rule, level, where, said = key
    place = f"\n      where: {where}" if where else ""
    return (
        f'  {report}:\n    - rule: {rule}\n      level: {level}{place}\n      said: "{said}"\n'
        f"      verdict: ?  # {message}"
    )


def test_every_finding_is_judged_and_every_judged_one_is_given(audited: list[Audited]) -> None:
    given, judged = _given(audited), _judged()
    new = [_entry(key, message) for key, message in given.items() if key not in judged]
    gone = [key for key in judged if key not in given]
    assert not new, "findings not yet judged in audit-verdicts.yaml:\n" + "\n".join(new)
    assert not gone, f"findings judged but no longer given: {gone}"


def test_reports_not_read_are_the_ones_listed(audited: list[Audited]) -> None:
    unread = {
        Path(a.file).relative_to(FIXTURES).as_posix(): a.failure.split(": ", 1)[1]
        for a in audited
        if a.failure
    }
    assert unread == _verdicts()["unread"]


def test_each_false_finding_says_why_and_precision_keeps_its_floor() -> None:
    floors = _verdicts()["floors"]
    shown: dict[str, list[bool]] = {}
    for (_, rule, level, _, _), entry in _judged().items():
        assert entry["verdict"] in (True, False), entry
        assert entry["verdict"] or entry.get("why"), f"a false finding without its why: {entry}"
        assert rule in RULES, rule
        if level != "hint":
            shown.setdefault(rule, []).append(entry["verdict"])
    assert set(floors) == set(shown), "every rule that speaks (errors, warnings) has a floor"
    for rule, verdicts in shown.items():
        precision = 100 * sum(verdicts) / len(verdicts)
        assert precision >= floors[rule], (rule, f"{precision:.0f}% < {floors[rule]}%")


def test_the_figure_counts_findings_and_true_ones_per_rule(tmp_path: Path) -> None:
    from perfgen.rules.reference import precision_markdown, tally

    verdicts = tmp_path / "verdicts.yaml"
    verdicts.write_text(
        """reports:
  a.txt:
    - {rule: unterminated, level: warning, where: 第 2 段, said: 甲, verdict: true}
    - {rule: unterminated, level: warning, where: 第 3 段, said: 乙, verdict: false, why: 标题}
    - {rule: unterminated, level: hint, where: 第 9 段, said: 丙, verdict: true}
  b.txt:
    - {rule: sum-rounded, level: warning, where: 第 4 段, said: 丁, verdict: true}
  c.txt: []
""",
        encoding="utf-8",
    )
    # by hand: unterminated 2 shown (1 true), 1 hint (true); sum-rounded 1 (true); in the
    # registry's order, sum-rounded (finances) before unterminated (wording)
    assert tally(verdicts) == {
        "sum-rounded": {"shown": [1, 1], "hint": [0, 0]},
        "unterminated": {"shown": [2, 1], "hint": [1, 1]},
    }
    table = precision_markdown(verdicts)
    assert table[-3:] == [
        "| `sum-rounded` | 1 | 1 | 0 | 0 |",
        "| `unterminated` | 2 | 1 | 1 | 1 |",
        "| 合计 | 3 | 2 | 1 | 1 |",
    ]


_FIELD_NAMES = field_names()
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@pytest.mark.parametrize("report", [*SAMPLES, *OPENINGS], ids=lambda p: p.stem)
def test_audit_names_no_field_of_the_yaml(report: Path) -> None:
    assert {"target", "basic_info", "sample_size", "execution_reason"} <= _FIELD_NAMES
    result = CliRunner().invoke(main, ["audit", "--all", str(report)])
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[-1].startswith(("共检查 1 份报告：", "共检查 0 份报告；1 份无法读取"))
    for line in lines:
        said = line.removeprefix(str(report)).split("]", 1)[-1]  # the file and 级别[rule] aside
        named = set(_WORD.findall(said)) & _FIELD_NAMES
        assert not named, (named, line)


# --- unterminated on a report read back: what is a paragraph, and where a text may be cut ----

_REPORT = """示例县档案馆2023年度部门整体支出绩效自评报告
一、部门基本情况
(一)部门主要职能
1.主要职能职责
负责全县档案的收集、整理和保管工作,指导全县档案业务。
报告日期:2024年3月1日
收入合计 | 支出合计 |
评价机构:部门评价组□ 中介机构□
全馆编制7人,实有人员7人,其中馆员2人,助理馆员5人,全年完成档案数字化3万页
(二)年度工作
全年完成各项工作任务,各项绩效目标基本实现,但部分项目的执行进度
"""


def test_unterminated_in_a_report_read_back(tmp_path: Path) -> None:
    report = tmp_path / "示例.txt"
    report.write_text(_REPORT, encoding="utf-8")
    (found,) = audit_many([report], TODAY)
    cut = [(p.where, p.finding.level) for p in found.placed if p.finding.rule == "unterminated"]
    # a heading (1.主要职能职责), a cover's field (报告日期:…), a table row (…|) and a form's
    # check boxes (□) are not paragraphs; the body's sentence without its end is a warning; the
    # last paragraph, where a copied text may have been cut, a hint
    assert cut == [("第 9 段", "warning"), ("第 11 段", "hint")]
    # a full report that ends with its date: no hint, the date is no sentence cut off
    dated = tmp_path / "落款.txt"
    dated.write_text(_REPORT.replace("执行进度\n", "执行进度较慢。\n2024年3月1日\n"), "utf-8")
    (found,) = audit_many([dated], TODAY)
    cut = [(p.where, p.finding.level) for p in found.placed if p.finding.rule == "unterminated"]
    assert cut == [("第 9 段", "warning")]
    result = CliRunner().invoke(main, ["audit", str(report)])
    assert "第 11 段" not in result.output and "第 9 段: 警告[unterminated]" in result.output
    assert result.output.splitlines()[-1] == (
        "共检查 1 份报告：错误 0 处，警告 1 处（另有提示 2 处未显示，加 --all 显示）"
    )
    assert result.exit_code == 0  # neither a warning nor a hint fails the run
    everything = CliRunner().invoke(main, ["audit", "--all", "--strict", str(report)])
    assert "第 11 段: 提示[unterminated]" in everything.output
    assert "原文到此结束" in everything.output
    assert everything.exit_code == 1  # --strict: the warning fails it, the hints never do


_FORM = """示例镇2021年度部门整体支出绩效评价自评报告
一、部门(单位)基本概况
联系人
张三
人员编制
12
职能职责概述
负责全镇的经济和社会发展规划,维护社会治安和社会稳定,领导和管理经济、教育、文化等工作
年度主要工作内容
任务1:认真落实国家的方针、政策,严格依法行政,充分发挥经济管理职能,加强政策引导
人员情况
全镇编制12个,政府临聘编制2个,实有人员20
二、存在的问题
无。
"""


def test_unterminated_skips_a_forms_cell_among_cells_not_a_paragraph_under_a_heading(
    tmp_path: Path,
) -> None:
    report = tmp_path / "表.txt"
    report.write_text(_FORM, encoding="utf-8")
    (found,) = audit_many([report], TODAY)
    cut = [p.where for p in found.placed if p.finding.rule == "unterminated"]
    # 职能职责概述's content lies among a form's cells (two before it, one after it): no
    # sentence; 任务1 has a cell after it but a long paragraph two before it, and the staff
    # paragraph under its heading “人员情况” ends the section: both are paragraphs cut short
    assert cut == ["第 10 段", "第 12 段"]


def test_a_short_paragraph_of_the_clerks_yaml_is_still_checked() -> None:
    # the read-back leniency is for a reader unsure of what a paragraph is; the clerk's YAML
    # says it: its short paragraph without an end is reported as before
    data = minimal(evaluation={"score": 95, "conclusion": ["各项工作顺利完成"]})
    assert [rule for rule, _, _ in found(data, "unterminated")] == ["unterminated"]


def test_audit_summary_of_every_sample_and_opening(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    workbook = tmp_path / "汇总.xlsx"
    reports = [str(p) for p in (*SAMPLES, *OPENINGS)]
    result = CliRunner().invoke(main, ["audit", *reports, "--summary", str(workbook)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.splitlines()[-1].endswith(
        f"处未显示，加 --all 显示）；已生成汇总表 {workbook}"
    )
    book = load_workbook(workbook)
    units = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in units] == reports  # one row per report, in the order given
    assert not [row for row in units if row[10] == "无法读取"]  # 03, without a year, is read too
    assert units[len(SAMPLES) + 1][:2] == ("泸西县司法局", None)  # its year left empty
    assert "【待填写】" not in repr(units)  # what the reader did not find is said so
    problems = list(book["问题"].iter_rows(min_row=2, values_only=True))
    judged = [e for e in _judged().values() if e["level"] != "hint"]
    assert len(problems) == len(judged)
    assert {row[3] for row in problems} <= {"错误", "警告"}


def test_no_rule_names_a_field_to_a_reviewer() -> None:
    # every rule's reviewer wording, on its own example; a field path in brackets is the one
    # thing audit replaces, by where the report states that field (“（见第 14 段）”)
    from perfgen.audit import FIELD_PLACE
    from perfgen.rules.reference import example_findings

    for rule in RULES.values():
        for finding in example_findings(rule):
            said = FIELD_PLACE.sub("", finding.for_reviewer)
            assert not set(_WORD.findall(said)) & _FIELD_NAMES, (rule.id, said)
