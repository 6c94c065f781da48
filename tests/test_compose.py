"""Composition: the Markdown of every sample, wording by sign, and clerk text kept literal."""

from __future__ import annotations

import io
import os
import re
from decimal import Decimal
from pathlib import Path

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


NPC_INCOME = (
    "2023年区人大常委会办公室总收入2514.62万元，同比增加198.68万元，增幅8.58%，"
    "主要原因：一是由于政策性调整增加人员经费；二是本年度成立立法专班，相应增加了项目费用。"
    "其中，一般公共预算财政拨款收入2503.22万元，占总收入的99.55%；"
    "其他收入11.40万元，占总收入的0.45%。"
)


def test_a_unit_overrides_the_income_sentence_alone(
    tmp_path: Path, samples: dict[str, perfgen.Input]
) -> None:
    sentences = tmp_path / "tpl" / "sentences"
    sentences.mkdir(parents=True)
    (sentences / "income.md.jinja").write_text(
        "{{ year }}年度{{ subject }}收入合计{{ figures.income.total | wan }}万元"
        "{% if figures.income.change %}，比上年{{ figures.income.change | yoy }}{% endif %}。\n",
        encoding="utf-8",
    )
    source = samples["nansha-npc-office-2023"]
    figures = perfgen.derive(source)
    default = perfgen.compose(source, figures).splitlines()
    ours = perfgen.compose(source, figures, tmp_path / "tpl").splitlines()
    changed = [(a, b) for a, b in zip(default, ours, strict=True) if a != b]
    assert changed == [
        (
            NPC_INCOME,
            "2023年度区人大常委会办公室收入合计2514.62万元，比上年增加198.68万元，增幅8.58%。",
        )
    ]


NUMBERED = minimal(
    basic_info={
        "functions": {"duties": ["负责甲；", "负责乙。"]},
        "annual_work": {},
        "finances": {},
        "performance_management": {
            "points": [{"title": "绩效建设情况", "points": ["子项一；", "子项二。"]}]
        },
    },
    measures=["措施甲", "措施乙"],
)
"""Numbered paragraphs under a （一） heading (1. 2.) and under a 1. heading (（1） （2）), and an
inline 一是…二是… enumeration."""


def test_numbers_read_the_same_in_every_format() -> None:
    markdown = compose(NUMBERED)
    expected = ["1.负责甲；", "2.负责乙。", "（1）子项一；", "（2）子项二。"]
    numbered = re.compile(r"^(\d+\.|（\d+）)\S")
    md = [line for line in markdown.splitlines() if numbered.match(line)]
    html = render_bytes(markdown, "html", DocumentInfo("t")).decode()
    paragraphs = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", html)]
    document = docx.Document(io.BytesIO(render_bytes(markdown, "docx", DocumentInfo("t"))))
    word = [p.text for p in document.paragraphs if p.style.name == "Normal"]
    assert md == expected
    assert [p for p in paragraphs if numbered.match(p)] == expected
    assert [p for p in word if numbered.match(p)] == expected
    assert "<ol>" not in html and "<li>" not in html
    # the heading above them, and the inline enumeration, read the same too
    assert "#### 1.绩效建设情况" in markdown and "<h4>1.绩效建设情况</h4>" in html
    assert ("Heading 3", "1.绩效建设情况") in [(p.style.name, p.text) for p in document.paragraphs]
    for text in (markdown, "\n".join(paragraphs), "\n".join(word)):
        assert "一是措施甲；二是措施乙。" in text


def test_templates_doc_lists_every_filter_and_template() -> None:
    from perfgen.templating.bundled import BUNDLED_TEMPLATES, template_dirs
    from perfgen.templating.filters import FILTERS

    doc = (Path(__file__).parent.parent / "docs" / "templates.md").read_text(encoding="utf-8")
    for name in FILTERS:
        assert f"| `{name}" in doc, name
    bundled = template_dirs()[-1]
    assert bundled in (BUNDLED_TEMPLATES, Path(__file__).parent.parent / "templates")
    for path in bundled.rglob("*.jinja"):
        name = path.relative_to(bundled).as_posix()
        assert f"`{name}`" in doc or name.startswith("part"), name


def test_every_template_says_what_it_reads_and_keeps_lines_short() -> None:
    from perfgen.templating.composition import template_dirs

    for path in template_dirs()[-1].rglob("*.jinja"):
        text = path.read_text(encoding="utf-8")
        header = text[: text.index("#}")]
        assert text.startswith("{#") and ("Reads:" in header or path.name == "macros.md.jinja")
        assert max(len(line) for line in text.splitlines()) <= 160, path.name


def test_more_than_ninety_nine_of_a_kind() -> None:
    units = [f"科室{n}" for n in range(1, 121)]
    problems = [{"title": f"问题{n}", "text": "说明"} for n in range(1, 121)]
    text = compose(minimal(basic_info=finances(), problems=problems))
    assert "### （一百二十）问题120" in text
    text = compose(
        minimal(
            basic_info={"functions": {"internal_units": units}, "annual_work": {}, "finances": {}}
        )
    )
    assert "本办内设一百二十个机构，分别为科室1、" in text


def test_a_template_of_the_users_folder_edited_between_renders_is_read_again(
    tmp_path: Path,
) -> None:
    # perfgen serve keeps one process: an edit to a unit's template shows in the next render.
    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "part4_measures.md.jinja"
    template.write_text("## 改进措施\n\n第一版\n", encoding="utf-8")
    assert "第一版" in compose(minimal(), folder)
    template.write_text("## 改进措施\n\n第二版\n", encoding="utf-8")
    later = template.stat().st_mtime + 10
    os.utime(template, (later, later))
    markdown = compose(minimal(), folder)
    assert "第二版" in markdown and "第一版" not in markdown


def test_the_actual_filter_and_macro_print_each_kind_of_actual_value(tmp_path: Path) -> None:
    """An indicator's actual value as the tables print it: the number, 约 before an approximate
    one, the outcome when there is no number, — when there is neither; a custom template's
    ``m.actual`` prints the same."""
    rows = [
        {"name": "甲", "target": 80, "actual": Decimal("88.0"), "weight": 10},
        {"name": "乙", "target": 900, "actual": 1300, "approximate": True, "weight": 10},
        {"name": "丙", "comparator": "定性", "achieved": "基本达成", "weight": 10},
        {"name": "丁", "comparator": "定性", "weight": 10},
        {"name": "戊", "target": 5, "actual": "【待填写】", "weight": 10},
    ]
    data = minimal(evaluation={"table": {"funding_weight": 50, "indicators": rows}})
    custom = tmp_path / "templates"
    custom.mkdir()
    (custom / "report.md.jinja").write_text(
        '{% import "macros.md.jinja" as m with context %}'
        "{% for row in figures.table.rows %}"
        "{{ row.result | actual }}={{ m.actual(row.result) }};{% endfor %}\n",
        encoding="utf-8",
    )
    printed = compose(data, custom)
    assert printed.strip() == "88=88;约1300=约1300;基本达成=基本达成;—=—;`【待填写】`=`【待填写】`;"
