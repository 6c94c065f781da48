"""Placeholders 【待填写】/【待更新】: accepted where text is, "not known yet" where a number is,
listed by ``perfgen check``, and highlighted in every output format."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner
from docx.enum.text import WD_COLOR_INDEX
from helpers import minimal
from markdown_it import MarkdownIt

import perfgen
from perfgen.checks import Finding, check
from perfgen.cli import main
from perfgen.markdown import escape
from perfgen.model import Report
from perfgen.validate import without_pending
from perfgen.writers import DocumentInfo, render_bytes

TODAY = dt.date(2025, 6, 1)
FIN = ("basic_info", "finances")


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "dept.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_escape_turns_placeholders_into_code_spans() -> None:
    assert escape("【待更新】2023年，本办*完成*任务") == "`【待更新】`2023年，本办\\*完成\\*任务"
    html = MarkdownIt("commonmark").renderInline(escape("前文【待填写】后文"))
    assert html == "前文<code>【待填写】</code>后文"


def test_escape_leaves_backticks_typed_by_the_clerk_literal() -> None:
    html = MarkdownIt("commonmark").renderInline(escape("`代码`【待填写】"))
    assert html == "`代码`<code>【待填写】</code>"


def test_placeholder_in_an_optional_number_means_absent() -> None:
    data = minimal(basic_info={"functions": {}, "annual_work": {}, "finances": {}})
    data["basic_info"]["finances"] = {"income": {"total": "【待填写】", "prior_total": D("9.00")}}  # type: ignore[index]
    assert without_pending(data)["basic_info"]["finances"]["income"] == {"prior_total": D("9.00")}
    assert data["basic_info"]["finances"]["income"]["total"] == "【待填写】"  # type: ignore[index]


def test_placeholder_in_text_stays_text() -> None:
    data = minimal(title="【待填写】", problems=["【待更新】问题甲"])
    assert without_pending(data) == data


def test_required_field_needs_a_real_value(tmp_path: Path) -> None:
    path = write(tmp_path, minimal(year="【待填写】"))
    with pytest.raises(perfgen.InputError) as caught:
        perfgen.load(path)
    assert str(caught.value) == (
        f"{path}:4:7: year: 此项必须填写实际内容（评价年度，如 2023），不能留作“【待填写】”"
    )


def test_score_may_wait_but_not_be_blank(tmp_path: Path) -> None:
    report = Report.model_validate(minimal(evaluation={"score": "【待填写】"}))
    figures = perfgen.derive(report)
    assert (report.evaluation.score, figures.score, figures.grade) == (None, None, None)
    text = perfgen.compose(report, figures)
    assert "自评得分为`【待填写】`分，评价等级为“`【待填写】`”。" in text
    path = write(tmp_path, minimal(evaluation={"score": None}))
    with pytest.raises(perfgen.InputError) as caught:
        perfgen.load(path)
    assert (
        "evaluation.score: 应为数字（部门整体绩效自评得分（满分 100）；有自评表时可不填，由表计算），实际为 空值"
        in str(caught.value)
    )


def findings(data: dict[str, Any]) -> list[Finding]:
    report = Report.model_validate(without_pending(data))
    return check(report, perfgen.derive(report), TODAY, data)


def test_each_placeholder_is_a_warning_with_its_path() -> None:
    data = minimal(
        basic_info={
            "functions": {"text": ["【待更新】本办职能……"]},
            "annual_work": {},
            "finances": {"carryover": {"opening": D("4.58"), "closing": "【待填写】"}},
        },
        evaluation={"score": "【待填写】"},
    )
    assert findings(data) == [
        Finding(
            "warning",
            "placeholder",
            ("basic_info", "functions", "text", 0),
            "沿用上年的内容，尚未更新：请按本年实际修改，并删去“【待更新】”",
        ),
        Finding(
            "warning",
            "placeholder",
            (*FIN, "carryover", "closing"),
            "尚未填写（年末结转结余（万元）；不写则不计算结转结余率）：请把“【待填写】”换成实际内容",
        ),
        Finding(
            "warning",
            "placeholder",
            ("evaluation", "score"),
            "尚未填写（部门整体绩效自评得分（满分 100）；有自评表时可不填，由表计算）：请把“【待填写】”换成实际内容",
        ),
    ]


def test_without_file_data_text_placeholders_are_still_found() -> None:
    report = Report.model_validate(minimal(measures=["措施【待填写】"]))
    [finding] = check(report, perfgen.derive(report), TODAY)
    assert (finding.rule, finding.path) == ("placeholder", ("measures", 0, "text", 0))


def test_a_pending_field_is_not_also_reported_missing() -> None:
    indicator = {"kind": "output", "name": "培训人次", "target": 80, "actual": "【待填写】"}
    qualitative = {
        "kind": "outcome",
        "name": "满意度",
        "comparator": "定性",
        "achieved": "【待填写】",
    }
    income = {"total": D("10.00"), "prior_total": "【待填写】", "change_reasons": ["政策调整"]}
    data = minimal(
        basic_info={"functions": {}, "annual_work": {}, "finances": {"income": income}},
        evaluation={
            "score": 95,
            "grade": "【待填写】",
            "duty_effectiveness": {"indicators": [indicator, qualitative]},
        },
    )
    assert {(f.rule, f.path[-1]) for f in findings(data)} == {
        ("placeholder", "prior_total"),
        ("placeholder", "grade"),
        ("placeholder", "actual"),
        ("placeholder", "achieved"),
    }
    del indicator["actual"]
    assert ("indicator-incomplete", 0) in {(f.rule, f.path[-1]) for f in findings(data)}


def test_empty_procurement_and_assets_print_nothing() -> None:
    finances = {
        "procurement": {"actual": "【待填写】", "prior_actual": D("30.71")},
        "assets": {"total": "【待填写】", "fixed_gross": "【待填写】"},
    }
    items = [{"title": "采购管理情况", "kind": "procurement", "text": "甲。"}]
    items.append({"title": "资产管理情况", "kind": "assets", "text": "乙。"})
    data = minimal(
        basic_info={"functions": {}, "annual_work": {}, "finances": finances},
        evaluation={"score": 95, "management_efficiency": {"items": items}},
    )
    report = Report.model_validate(without_pending(data))
    text = perfgen.compose(report, perfgen.derive(report))
    assert "#### 1.采购管理情况\n\n甲。\n\n#### 2.资产管理情况\n\n乙。\n\n## 三、" in text


@pytest.fixture
def drafted() -> str:
    report = Report.model_validate(minimal(problems=["【待更新】问题甲"], measures=["【待填写】"]))
    return perfgen.compose(report, perfgen.derive(report))


def test_docx_highlights_placeholder_runs(drafted: str) -> None:
    document = docx.Document(io.BytesIO(render_bytes(drafted, "docx", DocumentInfo("t"))))
    runs = [r for p in document.paragraphs for r in p.runs]
    marked = [r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marked == ["【待更新】", "【待填写】"]
    assert "问题甲。" in [r.text for r in runs if r.font.highlight_color is None]


def test_html_highlights_placeholders(drafted: str) -> None:
    html = render_bytes(drafted, "html", DocumentInfo("t")).decode()
    assert "<p><code>【待更新】</code>问题甲。</p>" in html
    assert "code { font-family: inherit; font-size: inherit; background: #ffeb3b; }" in html


def test_check_lists_placeholders_and_strict_fails(tmp_path: Path) -> None:
    path = write(tmp_path, minimal(problems=["【待更新】问题甲"]))
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"{path}:12:3: 警告[placeholder] problems[0]: "
        "沿用上年的内容，尚未更新：请按本年实际修改，并删去“【待更新】”\n"
    )
    assert runner.invoke(main, ["check", "--strict", str(path)]).exit_code == 1
    assert runner.invoke(main, ["render", "--strict", str(path)]).exit_code == 1
    assert not path.with_suffix(".docx").exists()
