"""Composition: the Markdown of every sample, wording by sign, and clerk text kept literal."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from helpers import SAMPLES, compose, finances, minimal, read

import perfgen
from perfgen.writers import DocumentInfo, render_bytes


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_markdown(name: str, samples: dict[str, perfgen.Input], md_snapshot) -> None:  # type: ignore[no-untyped-def]
    source = samples[name]
    assert perfgen.compose(source, perfgen.derive(source)) == md_snapshot


def test_four_parts_in_order_for_both_presets() -> None:
    for outline, second in (("standard", "二、绩效自评情况"), ("legacy", "二、综合评价分析")):
        lines = [
            ln for ln in compose(minimal(outline=outline)).splitlines() if ln.startswith("## ")
        ]
        assert lines == [
            "## 一、" + ("部门基本情况" if outline == "standard" else "基本情况"),
            "## " + second,
            "## 三、存在的主要问题",
            "## 四、下一步改进措施",
        ]


def test_absent_section_does_not_skip_numbers() -> None:
    text = compose(minimal(problems=[{"title": "甲", "text": "一"}, {"title": "乙", "text": "二"}]))
    assert "### （一）甲" in text and "### （二）乙" in text


def test_decrease_wording_and_percentage_points() -> None:
    text = compose(
        minimal(
            basic_info=finances(
                income={"total": Decimal("90.00"), "prior_total": Decimal("100.00")},
                budget={
                    "execution_rate": Decimal("93.69"),
                    "prior_execution_rate": Decimal("96.33"),
                },
            )
        )
    )
    assert "总收入90.00万元，同比减少10.00万元，降幅10.00%" in text
    assert "预算执行率为93.69%，较上年下降2.64个百分点" in text


def test_fallback_to_initial_budget_is_said() -> None:
    text = compose(
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
    markdown = compose(minimal(problems=HOSTILE, measures=[{"title": "<i>x</i>", "text": HOSTILE}]))
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
    markdown = compose(minimal(problems=["响铃\x07字符", long_line]))
    assert "响铃␇字符" in markdown and long_line in markdown
    html = render_bytes(markdown, "html", DocumentInfo("t")).decode()
    assert "响铃␇字符" in html and long_line in html
    document = docx.Document(io.BytesIO(render_bytes(markdown, "docx", DocumentInfo("t"))))
    text = "".join(p.text for p in document.paragraphs)
    assert "响铃␇字符" in text and long_line in text


def test_three_public_expenses_print_only_under_a_running_cost_item() -> None:
    three = {
        "budget": Decimal("12.00"),
        "actual": Decimal("10.50"),
        "prior_actual": Decimal("11.00"),
    }
    data = minimal(basic_info=finances(three_public=three))
    assert read(data).report.basic_info.finances.three_public is not None
    assert compose(data) == compose(minimal())


def test_two_of_something_is_liang_but_task_two_is_er() -> None:
    basic = {
        "functions": {"internal_units": ["秘书科", "综合科"]},
        "annual_work": {},
        "finances": {},
    }
    assert "本办内设两个机构，分别为秘书科、综合科。" in compose(minimal(basic_info=basic))
    tasks = [{"name": "甲"}, {"name": "乙"}]
    text = compose(minimal(evaluation={"score": 95, "duty_effectiveness": {"key_tasks": tasks}}))
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
    text = compose(minimal(basic_info=basic, evaluation=evaluation))
    # 10.50 ÷ 12.00 = 87.50%; 10.50 − 11.20 = −0.70; −0.70 ÷ 11.20 = −6.25%
    assert (
        "2024年“三公”经费实际支出10.50万元，预算12.00万元，“三公”经费控制率为87.50%，"
        "同比减少0.70万元，降幅6.25%。"
    ) in text
