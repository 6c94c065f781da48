"""Composition: the Markdown of every sample, wording by sign, and clerk text kept literal."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from helpers import SAMPLES, minimal

import perfgen
from perfgen.model import Report
from perfgen.writers import DocumentInfo, render_bytes


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_markdown(name: str, samples: dict[str, Report], md_snapshot) -> None:  # type: ignore[no-untyped-def]
    report = samples[name]
    assert perfgen.compose(report, perfgen.derive(report)) == md_snapshot


def _compose(data: dict[str, object]) -> str:
    report = Report.model_validate(data)
    return perfgen.compose(report, perfgen.derive(report))


def test_four_parts_in_order_for_both_presets() -> None:
    for outline, second in (("standard", "二、绩效自评情况"), ("legacy", "二、综合评价分析")):
        lines = [
            ln for ln in _compose(minimal(outline=outline)).splitlines() if ln.startswith("## ")
        ]
        assert lines == [
            "## 一、" + ("部门基本情况" if outline == "standard" else "基本情况"),
            "## " + second,
            "## 三、存在的主要问题",
            "## 四、下一步改进措施",
        ]


def test_absent_section_does_not_skip_numbers() -> None:
    text = _compose(
        minimal(problems=[{"title": "甲", "text": "一"}, {"title": "乙", "text": "二"}])
    )
    assert "### （一）甲" in text and "### （二）乙" in text


def _finances(income: dict[str, object], budget: dict[str, object]) -> dict[str, object]:
    return {"functions": {}, "annual_work": {}, "finances": {"income": income, "budget": budget}}


def test_decrease_wording_and_percentage_points() -> None:
    text = _compose(
        minimal(
            basic_info=_finances(
                {"total": Decimal("90.00"), "prior_total": Decimal("100.00")},
                {"execution_rate": Decimal("93.69"), "prior_execution_rate": Decimal("96.33")},
            )
        )
    )
    assert "总收入90.00万元，同比减少10.00万元，降幅10.00%" in text
    assert "预算执行率为93.69%，较上年下降2.64个百分点" in text


def test_fallback_to_initial_budget_is_said() -> None:
    text = _compose(
        minimal(
            basic_info={
                "functions": {},
                "annual_work": {},
                "finances": {
                    "expenditure": {"total": Decimal("95.00")},
                    "budget": {"initial": Decimal("100.00")},
                },
            }
        )
    )
    assert "预算执行率为95.00%（未填报预算调整，按年初预算计算）" in text


HOSTILE = [
    "{{ 7*7 }}",
    "{% if x %}",
    "# 不是标题",
    "1. 不是列表",
    "*星号* _下划线_",
    "a | b",
    "`反引号`",
    "[x](http://y)",
    "<b>粗体</b>",
]


def test_clerk_text_is_literal_in_every_format() -> None:
    report = Report.model_validate(
        minimal(problems=HOSTILE, measures=[{"title": "<i>x</i>", "text": HOSTILE}])
    )
    markdown = perfgen.compose(report, perfgen.derive(report))
    html = render_bytes(markdown, "html", DocumentInfo("t")).decode()
    document = docx.Document(io.BytesIO(render_bytes(markdown, "docx", DocumentInfo("t"))))
    docx_text = "\n".join(p.text for p in document.paragraphs)
    for text in HOSTILE:
        assert text in docx_text
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in html
    assert "<b>" not in html and "<i>" not in html
    assert "49" not in docx_text


def test_control_characters_and_long_lines_survive_every_format() -> None:
    long_line = "很长的一行文字" * 2000
    report = Report.model_validate(minimal(problems=["响铃\x07字符", long_line]))
    markdown = perfgen.compose(report, perfgen.derive(report))
    assert "响铃␇字符" in markdown and long_line in markdown
    html = render_bytes(markdown, "html", DocumentInfo("t")).decode()
    assert "响铃␇字符" in html and long_line in html
    document = docx.Document(io.BytesIO(render_bytes(markdown, "docx", DocumentInfo("t"))))
    text = "".join(p.text for p in document.paragraphs)
    assert "响铃␇字符" in text and long_line in text


def test_three_public_expenses_are_recorded_but_not_printed() -> None:
    three = {
        "budget": Decimal("12.00"),
        "actual": Decimal("10.50"),
        "prior_actual": Decimal("11.00"),
    }
    data = minimal(
        basic_info={"functions": {}, "annual_work": {}, "finances": {"three_public": three}}
    )
    report = Report.model_validate(data)
    assert report.basic_info.finances.three_public is not None
    assert report.basic_info.finances.three_public.actual == Decimal("10.50")
    plain = Report.model_validate(minimal())
    assert perfgen.compose(report, perfgen.derive(report)) == perfgen.compose(
        plain, perfgen.derive(plain)
    )


def test_two_of_something_is_liang_but_task_two_is_er() -> None:
    basic = {
        "functions": {"internal_units": ["秘书科", "综合科"]},
        "annual_work": {},
        "finances": {},
    }
    assert "本办内设两个机构，分别为秘书科、综合科。" in _compose(minimal(basic_info=basic))
    tasks = [{"name": "甲"}, {"name": "乙"}]
    text = _compose(minimal(evaluation={"score": 95, "duty_effectiveness": {"key_tasks": tasks}}))
    assert "任务二：乙" in text


def test_three_public_expenses_under_running_cost() -> None:
    basic = {
        "functions": {},
        "annual_work": {},
        "finances": {
            "three_public": {
                "budget": Decimal("12.00"),
                "actual": Decimal("10.50"),
                "prior_actual": Decimal("11.20"),
            }
        },
    }
    items = [{"title": "运行成本情况", "kind": "running_cost", "text": "公用经费得到有效控制。"}]
    evaluation = {"score": 95, "management_efficiency": {"items": items}}
    text = _compose(minimal(basic_info=basic, evaluation=evaluation))
    # 10.50 ÷ 12.00 = 87.50%; 10.50 − 11.20 = −0.70; −0.70 ÷ 11.20 = −6.25%
    assert (
        "2024年“三公”经费实际支出10.50万元，预算12.00万元，“三公”经费控制率为87.50%，"
        "同比减少0.70万元，降幅6.25%。"
    ) in text
