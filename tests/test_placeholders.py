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
from helpers import compose, minimal, read
from markdown_it import MarkdownIt

import perfgen
from perfgen.cli import main
from perfgen.input.validation import without_pending
from perfgen.markdown import escape
from perfgen.placeholders import PENDING, PLACEHOLDERS, find
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
    source = read(minimal(evaluation={"score": "【待填写】"}))
    figures = perfgen.derive(source)
    assert source.report.evaluation.score is None
    assert (figures.score, figures.grade) == (PENDING, PENDING)
    text = perfgen.compose(source, figures)
    assert "自评得分为`【待填写】`分，评价等级为“`【待填写】`”。" in text
    path = write(tmp_path, minimal(evaluation={"score": None}))
    with pytest.raises(perfgen.InputError) as caught:
        perfgen.load(path)
    assert (
        "evaluation.score: 应为数字（部门整体绩效自评得分（满分 100）；有自评表时可不填，由表计算），实际为 空值"
        in str(caught.value)
    )


def findings(data: dict[str, Any]) -> list[tuple[str, str, tuple[str | int, ...], str]]:
    source = read(data)
    found = perfgen.check(source, perfgen.derive(source), TODAY)
    return [(f.level, f.rule, f.path, f.message) for f in found]


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
        (
            "warning",
            "placeholder",
            ("basic_info", "functions", "text", 0),
            "沿用上年的内容，尚未更新：请按本年实际修改，并删去“【待更新】”",
        ),
        (
            "warning",
            "placeholder",
            (*FIN, "carryover", "closing"),
            "尚未填写（年末结转结余（万元）；不写则不计算结转结余率）：请把“【待填写】”换成实际内容",
        ),
        (
            "warning",
            "placeholder",
            ("evaluation", "score"),
            "尚未填写（部门整体绩效自评得分（满分 100）；有自评表时可不填，由表计算）：请把“【待填写】”换成实际内容",
        ),
    ]


def test_a_placeholder_inside_text_is_found_at_its_item() -> None:
    [(_, rule, path, _)] = findings(minimal(measures=["措施【待填写】"]))
    assert (rule, path) == ("placeholder", ("measures", 0))


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
    assert {(rule, path[-1]) for _, rule, path, _ in findings(data)} == {
        ("placeholder", "prior_total"),
        ("placeholder", "grade"),
        ("placeholder", "actual"),
        ("placeholder", "achieved"),
    }
    del indicator["actual"]
    assert ("indicator-incomplete", 0) in {(rule, path[-1]) for _, rule, path, _ in findings(data)}


def test_pending_procurement_and_assets_print_the_placeholder() -> None:
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
    text = compose(data)
    assert (
        "#### 1.采购管理情况\n\n甲。\n\n"
        "2024年度政府采购实际采购金额`【待填写】`万元，同比`【待填写】`。\n\n"
        "#### 2.资产管理情况\n\n乙。\n\n"
        "2024年末资产总额`【待填写】`万元，其中固定资产原值`【待填写】`万元。\n\n## 三、"
    ) in text


@pytest.fixture
def drafted() -> str:
    return compose(minimal(problems=["【待更新】问题甲"], measures=["【待填写】"]))


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
        "待填写或待更新 1 处：存在的主要问题 1 处（加 --verbose 逐条列出）\n"
        f"{path}: 待填写或待更新 1 处\n"
    )
    verbose = runner.invoke(main, ["check", "--verbose", str(path)])
    assert verbose.stdout == (
        f"{path}:12:3: 警告[placeholder] problems[0]: "
        "沿用上年的内容，尚未更新：请按本年实际修改，并删去“【待更新】”\n"
        f"{path}: 待填写或待更新 1 处\n"
    )
    assert runner.invoke(main, ["check", "--strict", str(path)]).exit_code == 1
    assert runner.invoke(main, ["render", "--strict", str(path)]).exit_code == 1
    assert not path.with_suffix(".docx").exists()


PENDING_TOTAL = """\
unit: {name: 测试单位, short_name: 本办}
year: 2024
basic_info:
  functions: {}
  annual_work: {}
  finances:
    income: {total: 【待填写】, other: 1.00}
    expenditure: {total: 【待填写】, basic: 60.00, project: 40.00}
    budget: {adjusted: 120.00}
evaluation: {score: 95}
problems: [问题甲]
measures: [措施甲]
"""


def test_a_pending_total_is_not_invented_from_its_parts(tmp_path: Path) -> None:
    path = tmp_path / "dept.yaml"
    path.write_text(PENDING_TOTAL, encoding="utf-8")
    source = perfgen.load(path)
    figures = perfgen.derive(source)
    assert figures.income is not None and figures.expenditure is not None
    assert figures.income.total is PENDING
    assert [(p.amount, p.share) for p in figures.income.parts] == [(D("1.00"), PENDING)]
    # 60.00 + 40.00 would be 100.00; the clerk has not said so: the total stays pending
    assert figures.expenditure.total is PENDING
    assert figures.budget is not None and figures.budget.execution_rate is not None
    assert figures.budget.execution_rate.value is PENDING
    text = perfgen.compose(source, figures)
    assert (
        "2024年本办总收入`【待填写】`万元。其中，其他收入1.00万元，占总收入的`【待填写】`。" in text
    )
    assert "本办预算执行率为`【待填写】`。" in text
    assert "100.00" not in text
    found = perfgen.check(source, figures, TODAY)
    assert [(f.rule, f.path[-2:], f.line, f.column) for f in found] == [
        ("placeholder", ("income", "total"), 7, 21),
        ("placeholder", ("expenditure", "total"), 8, 26),
    ]


def test_pending_is_public_through_load_derive_check(tmp_path: Path) -> None:
    path = tmp_path / "dept.yaml"
    path.write_text(PENDING_TOTAL, encoding="utf-8")
    examined = perfgen.examine(path, today=TODAY)
    source = perfgen.load(path)
    assert examined.findings == tuple(perfgen.check(source, perfgen.derive(source), TODAY))
    assert dict(source.pending) == {
        ("basic_info", "finances", "income", "total"): "【待填写】",
        ("basic_info", "finances", "expenditure", "total"): "【待填写】",
    }


def test_every_placeholder_opens_with_the_bracket_looked_for_first() -> None:
    # find() and escape() look for "【" before the pattern: a placeholder must begin with it.
    assert PLACEHOLDERS and all(p.startswith("【") for p in PLACEHOLDERS)
    data = {"a": ["x【待填写】", {"b": " 【待更新】 "}], "c": "【 待填写】", "d": ("【待填写】",)}
    assert list(find(data)) == [
        (("a", 0), "x【待填写】"),
        (("a", 1, "b"), " 【待更新】 "),
        (("d", 0), "【待填写】"),
    ]
