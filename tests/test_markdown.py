"""Escaping of clerk text and official heading numbering."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from perfgen.markdown import (
    chinese_number,
    escape,
    heading_number,
    number_outline,
    without_empty_sections,
)


@pytest.mark.parametrize(
    "text",
    [
        "# 标题",
        "1. 第一",
        "{{ 7*7 }}",
        "<b>粗</b> & 细",
        "- 项",
        "a|b",
        "*强调*",
        "`代码`",
        "[链接](http://x)",
        "---",
        "1) 甲",
        "> 引用",
        "_下划线_",
        "\\反斜杠",
    ],
)
def test_escaped_text_renders_literally(text: str) -> None:
    html = MarkdownIt("commonmark", {"html": False}).render(escape(text))
    rendered = html.removeprefix("<p>").removesuffix("</p>\n")
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert rendered == expected


def test_line_breaks_join_without_space_between_chinese() -> None:
    assert escape("部门\n整体") == "部门整体"
    assert escape("budget\nexecution") == "budget execution"
    assert escape("控制\x07字符\x7f") == "控制␇字符␡"


def test_numbers_inside_text_are_not_escaped() -> None:
    assert escape("2514.62万元") == "2514.62万元"


@pytest.mark.parametrize(
    ("n", "cn"),
    [
        (0, "零"),
        (1, "一"),
        (3, "三"),
        (10, "十"),
        (12, "十二"),
        (25, "二十五"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (123, "一百二十三"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (10000, "一万"),
        (10001, "一万零一"),
        (10010, "一万零一十"),
        (10100, "一万零一百"),
        (11000, "一万一千"),
        (100000, "十万"),
        (1000000, "一百万"),
        (123456, "十二万三千四百五十六"),
        (100000000, "一亿"),
        (100010000, "一亿零一万"),
        (120000300, "一亿二千万零三百"),
    ],
)
def test_chinese_number(n: int, cn: str) -> None:
    assert chinese_number(n) == cn


def test_chinese_number_bounds() -> None:
    with pytest.raises(ValueError, match="got -1"):
        chinese_number(-1)
    with pytest.raises(ValueError, match="got 10000000000000000"):
        chinese_number(10**16)


def test_level_five_numbers_go_to_fifty() -> None:
    assert [heading_number(5, n) for n in (1, 20, 21, 35, 36, 50, 51)] == [
        "①",
        "⑳",
        "㉑",
        "㉟",
        "㊱",
        "㊿",
        "51)",
    ]


def test_heading_numbers_by_level() -> None:
    assert [heading_number(level, 2) for level in (1, 2, 3, 4, 5)] == [
        "二、",
        "（二）",
        "2.",
        "（2）",
        "②",
    ]


def test_numbering_restarts_below_and_never_skips() -> None:
    text = "# 标题\n\n## 甲\n\n### 子一\n\n### 子二\n\n#### 孙\n\n## 乙\n\n### 子\n"
    assert number_outline(text).splitlines()[::2] == [
        "# 标题",
        "## 一、甲",
        "### （一）子一",
        "### （二）子二",
        "#### 1.孙",
        "## 二、乙",
        "### （一）子",
    ]


SECTIONS = (
    "# 标题\n\n## 部门基本情况\n\n### 部门职能\n\n### 年度工作\n\n文字。\n\n"
    "## 绩效自评情况\n\n### 履职效能分析\n\n#### 任务一：甲\n\n### 管理效率分析\n\n"
    "## 存在的主要问题\n\n---\n\n单位\n"
)


def test_an_empty_section_is_left_out_but_parts_and_items_stay() -> None:
    assert without_empty_sections(SECTIONS) == (
        "# 标题\n\n## 部门基本情况\n\n### 年度工作\n\n文字。\n\n"
        "## 绩效自评情况\n\n### 履职效能分析\n\n#### 任务一：甲\n\n"
        "## 存在的主要问题\n\n---\n\n单位\n"
    )


def test_a_draft_keeps_an_empty_section_with_the_placeholder_under_it() -> None:
    filled = without_empty_sections(SECTIONS, fill="`【待填写】`")
    assert "### 部门职能\n\n`【待填写】`\n\n### 年度工作" in filled
    assert "### 管理效率分析\n\n`【待填写】`\n\n## 存在的主要问题" in filled
    assert filled.count("【待填写】") == 2


def test_numbers_follow_the_sections_left() -> None:
    numbered = number_outline(without_empty_sections(SECTIONS))
    assert "### （一）年度工作" in numbered and "### （一）履职效能分析" in numbered


def test_a_number_typed_before_list_items_is_printed_once() -> None:
    typed = "### 职能\n\n1. 1.负责接收文件。\n\n1. 2、负责会议。\n\n1. 5.负责督办。\n"
    assert (
        number_outline(typed)
        == "### （一）职能\n\n1.负责接收文件。\n\n2.负责会议。\n\n3.负责督办。\n"
    )


def test_a_lone_item_or_an_enumeration_in_a_sentence_keeps_its_number() -> None:
    lone = "### 问题\n\n1. 1.满意度调查不全；2.目标不细。\n"
    assert number_outline(lone) == "### （一）问题\n\n1.1.满意度调查不全；2.目标不细。\n"
    sentences = "### 措施\n\n1. 一是加强编制。\n\n1. 二是加快执行。\n"
    assert number_outline(sentences) == "### （一）措施\n\n1.一是加强编制。\n\n2.二是加快执行。\n"
