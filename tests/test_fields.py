"""Fields real reports need, as the report prints them: staffing by category, the funding basis,
the 自评 scope, reasons, a closing paragraph, sentence switches, list styles and run-in headings.

Figures in the expected sentences are worked out by hand in the comments.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from helpers import compose, finances, minimal

from perfgen.cli import main
from perfgen.writers import DocumentInfo, render_bytes

SPENDING = {"total": D("1829.40"), "basic": D("962.44"), "project": D("866.96")}


def _lines(data: dict[str, Any]) -> list[str]:
    return compose(data).splitlines()


def test_staffing_by_category_with_or_without_a_headcount() -> None:
    staffing = {"staff_in_post": 50, "breakdown": {"行政": 36, "工勤": 3, "政府聘员": 11}}
    data = minimal(
        basic_info={"functions": {"staffing": staffing}, "annual_work": {}, "finances": {}}
    )
    assert "本办实有在职人员50人（其中行政36人、工勤3人、政府聘员11人）。" in _lines(data)
    # 23 ÷ 26 = 88.4615…% → 88.46%
    staffing = {"authorized_headcount": 26, "staff_in_post": 23, "other_staff": 8}
    data = minimal(
        basic_info={"functions": {"staffing": staffing}, "annual_work": {}, "finances": {}}
    )
    assert "本办编制数26人，实有在职人员23人，在职人员控制率为88.46%；其他人员8人。" in _lines(data)


@pytest.mark.parametrize(
    ("staffing", "sentence"),
    [
        ({"authorized_headcount": 205}, "本办编制数205人。"),
        ({"authorized_headcount": 205, "other_staff": 3}, "本办编制数205人；其他人员3人。"),
        (
            {"authorized_headcount": 60, "breakdown": {"行政": 36, "工勤": 14}},
            "本办编制数60人，在职人员中行政36人、工勤14人。",
        ),
    ],
)
def test_staffing_stated_without_the_staff_in_post(
    staffing: dict[str, Any], sentence: str, tmp_path: Path
) -> None:
    # no staff in post: no 在职人员控制率, and check and render both go through
    data = minimal(
        basic_info={"functions": {"staffing": staffing}, "annual_work": {}, "finances": {}}
    )
    lines = _lines(data)
    assert sentence in lines
    assert not any("控制率" in line for line in lines)
    path = tmp_path / "dept.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "denominator" not in checked.output
    rendered = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "r.docx")])
    assert rendered.exit_code == 0, rendered.output
    assert (tmp_path / "r.docx").exists()


def test_a_staffing_with_nothing_stated_prints_no_sentence() -> None:
    data = minimal(basic_info={"functions": {"staffing": {}}, "annual_work": {}, "finances": {}})
    assert not any(line.startswith("本办") and line.endswith("人。") for line in _lines(data))
    assert "本办。" not in _lines(data)


def test_the_appropriation_basis_names_the_figures_so() -> None:
    budget = {"initial": D("1800.00"), "adjusted": D("1836.20")}
    data = minimal(basic_info=finances(expenditure=SPENDING, budget=budget))
    data["basic_info"]["finances"]["basis"] = "appropriation"
    lines = _lines(data)
    # 962.44 ÷ 1829.40 = 52.6096…% → 52.61%; 866.96 ÷ 1829.40 = 47.39%;
    # (1836.20 − 1800.00) ÷ 1800.00 = 2.01%; 1829.40 ÷ 1836.20 = 99.6297…% → 99.63%
    assert (
        "2024年本办一般公共预算财政拨款支出1829.40万元。其中，基本支出962.44万元，"
        "占一般公共预算财政拨款支出的52.61%；项目支出866.96万元，占一般公共预算财政拨款支出的47.39%。"
    ) in lines
    assert (
        "2024年一般公共预算财政拨款年初预算1800.00万元，调整后预算（全年预算数）1836.20万元，"
        "预算调整率为2.01%。"
    ) in lines
    assert "本办一般公共预算财政拨款预算执行率为99.63%。" in lines


def test_the_sources_of_the_funds_follow_the_budget_sentence() -> None:
    sources = {"general": D("1873.66"), "other": D("2880")}
    budget = {"adjusted": D("4753.66"), "sources": sources}
    lines = _lines(minimal(basic_info=finances(budget=budget)))
    assert (
        "2024年调整后预算（全年预算数）4753.66万元。"
        "按收入性质分，一般公共预算1873.66万元，其他资金2880.00万元。"
    ) in lines
    alone = _lines(minimal(basic_info=finances(budget={"adjusted": D("4753.66"), "sources": {}})))
    assert "2024年调整后预算（全年预算数）4753.66万元。" in alone


def _assets_lines(assets: dict[str, D]) -> list[str]:
    item = {"title": "资产管理情况", "kind": "assets", "text": "乙。"}
    evaluation = {"score": 95, "management_efficiency": {"items": [item]}}
    return _lines(minimal(basic_info=finances(assets=assets), evaluation=evaluation))


def test_accumulated_depreciation_stands_between_gross_and_net() -> None:
    assets = {"fixed_gross": D("482.46"), "fixed_depreciation": D("162.14")}
    stated = _assets_lines(assets | {"fixed_net": D("320.32")})
    assert "2024年末固定资产原值482.46万元，累计折旧162.14万元，净值320.32万元。" in stated
    unstated = _assets_lines({"fixed_gross": D("482.46"), "fixed_net": D("320.32")})
    assert "2024年末固定资产原值482.46万元，净值320.32万元。" in unstated


def test_the_scope_sentence() -> None:
    scope = {
        "first_level_projects": 2,
        "second_level_projects": 5,
        "project_funds": D("500.00"),
        "key_evaluations": [{"name": "会务保障项目", "funds": D("120.00")}],
        "department_funds": D("1829.40"),
    }
    data = minimal(
        basic_info=finances(expenditure=SPENDING), evaluation={"score": 95, "scope": scope}
    )
    # 500.00 ÷ 866.96 = 57.6728…% → 57.67%
    assert (
        "本办组织对2024年度项目支出开展绩效自评，其中一级项目2个，二级项目5个，共涉及资金500.00万元，"
        "占项目支出总额的57.67%。对会务保障项目开展重点评价，涉及资金120.00万元。"
        "部门整体支出绩效自评涉及资金1829.40万元。"
    ) in _lines(data)


def test_reasons_closing_and_paragraphs_printed_as_written() -> None:
    budget = {
        "initial": D("1800.00"),
        "adjusted": D("1836.20"),
        "adjustment_reason": ["年中追加会议经费36.20万元。"],
    }
    data = minimal(
        basic_info=finances(budget=budget, expenditure=SPENDING),
        evaluation={"score": 95, "conclusion": ["全年完成各项工作任务"]},
        closing=["特此报告。"],
    )
    text = compose(data)
    assert "预算调整率为2.01%。年中追加会议经费36.20万元。" in text
    assert "\n全年完成各项工作任务\n" in text  # no 。 added: the rule unterminated says so
    assert text.index("措施甲") < text.index("特此报告。")


def test_omitted_sentences_and_clauses() -> None:
    budget = {"initial": D("1800.00"), "adjusted": D("1836.20")}
    data = minimal(
        basic_info=finances(expenditure=SPENDING, budget=budget),
        settings={"omit": ["adjustment_rate", "shares", "score"]},
    )
    text = compose(data)
    assert "预算调整率" not in text and "占总支出" not in text and "自评得分" not in text
    assert "2024年本办总支出1829.40万元。其中，基本支出962.44万元；项目支出866.96万元。" in text


def test_list_styles() -> None:
    data = minimal(
        basic_info={
            "functions": {},
            "annual_work": {},
            "finances": {},
            "performance_goals": ["加强统筹协调；", "做好服务保障。"],
        },
        problems=["预算执行进度偏慢。", "制度有待完善。"],
        measures=[
            {"title": "修订绩效管理制度", "text": ["完善内部绩效管理机制。"]},
            {"title": "加强预算执行力度", "text": ["提高预算资金支付均衡性。"]},
        ],
        settings={"list_styles": {"performance_goals": "inline", "problems": "numbered"}},
    )
    lines = _lines(data)
    assert "一是加强统筹协调；二是做好服务保障。" in lines
    # numbered paragraphs under 三、 take the next level's numbers (GB/T 9704): （一） （二）
    assert "（一）预算执行进度偏慢。" in lines and "（二）制度有待完善。" in lines
    assert "### （一）修订绩效管理制度" in lines and "### （二）加强预算执行力度" in lines


def test_run_in_headings_by_setting_and_by_item() -> None:
    points = [
        {"title": "绩效建设情况", "text": ["积极推进预算绩效管理。"]},
        {"title": "绩效目标管理情况", "text": ["设置了各层次的绩效目标。"], "run_in": False},
        {"title": "结果应用。", "text": ["把评价结果作为预算安排的依据。"]},
    ]
    data = minimal(
        basic_info={
            "functions": {},
            "annual_work": {},
            "finances": {},
            "performance_management": {"points": points},
        },
        settings={"run_in_headings": True},
    )
    markdown = compose(data)
    lines = markdown.splitlines()
    assert "**1.绩效建设情况**：积极推进预算绩效管理。" in lines
    assert "#### 2.绩效目标管理情况" in lines  # this item keeps its heading
    assert "**3.结果应用。**把评价结果作为预算安排的依据。" in lines  # no “：” after a full stop
    document = docx.Document(io.BytesIO(render_bytes(markdown, "docx", DocumentInfo("t"))))
    [paragraph] = [p for p in document.paragraphs if p.text.startswith("1.绩效建设情况")]
    assert paragraph.style.name == "Normal"
    assert [(r.text, r.bold) for r in paragraph.runs if r.text] == [
        ("1.绩效建设情况", True),
        ("：积极推进预算绩效管理。", None),
    ]
