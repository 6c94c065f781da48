"""Tables as structured rows (perfgen.writers.pipe_tables): the line scanner gives exactly what
markdown-it's own table rule gives — the same blocks around the table, the same cells, the same
alignment, the same inline tokens in each cell, the same HTML — on the templates' tables and on
every other form a custom template may write (in a list, a fence, a quote, after a paragraph,
rows without pipes, escaped pipes, ragged rows)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from perfgen.writers.html import _RENDERER
from perfgen.writers.pipe_tables import MARK, TABLE, blocks, table_of

PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")


def _inline(children: list[Token]) -> list[tuple[str, str]]:
    return [(child.type, child.content) for child in children]


def _reference(markdown: str) -> list[Any]:
    """What markdown-it's table rule gives, written independently of the scanner: each block
    token as (type, tag, level, content), each table as its alignment and its cells' inline
    tokens."""
    out: list[Any] = []
    table: dict[str, Any] | None = None
    for token in PARSER.parse(markdown):
        if token.type == "table_open":
            table = {"aligns": [], "rows": [], "level": token.level}
        elif token.type == "table_close":
            assert table is not None
            out.append(("table", table["level"], table["aligns"], table["rows"]))
            table = None
        elif table is None:
            out.append((token.type, token.tag, token.level, token.content))
        elif token.type == "tr_open":
            table["rows"].append([])
        elif token.type == "th_open":
            style = str(token.attrGet("style") or "")
            table["aligns"].append(style.removeprefix("text-align:"))
        elif token.type == "inline":
            table["rows"][-1].append((token.content, _inline(token.children or [])))
    return out


def _scanned(markdown: str) -> list[Any]:
    out: list[Any] = []
    for token in blocks(PARSER, markdown):
        if token.type != TABLE:
            out.append((token.type, token.tag, token.level, token.content))
            continue
        table = table_of(token)
        rows = [
            [(source, _inline(table.children(r, c))) for c, source in enumerate(row)]
            for r, row in enumerate(table.rows)
        ]
        out.append(("table", token.level, table.aligns, rows))
    return out


def _cut(markdown: str) -> bool:
    """Whether the scanner cut a table out (rather than leaving it to markdown-it)."""
    tokens = blocks(PARSER, markdown)
    return any(t.type == TABLE and not table_of(t).parsed for t in tokens)


TEMPLATE_TABLE = """\
**部门整体支出绩效自评表**

| 一级指标 | 二级指标 | 指标性质 | 年度指标值 | 偏差原因 |
| --- | --- | :---: | ---: | :-- |
| 履职效能 | 产出指标 | ≥ | 80 | 第3项偏差：\\*部分\\* 任务 \\| 延期\\_原因 \\#3 |
| 〃 | 〃 | 定性 | — | `【待填写】` |
| 总分 | | | 100.00 | |

自评等级：优。
"""


def test_the_templates_table_is_cut_and_equals_markdown_its() -> None:
    assert _cut(TEMPLATE_TABLE)
    assert _scanned(TEMPLATE_TABLE) == _reference(TEMPLATE_TABLE)
    table = next(table_of(t) for t in blocks(PARSER, TEMPLATE_TABLE) if t.type == TABLE)
    assert table.aligns == ["", "", "center", "right", "left"]
    # the escaped pipe is unescaped by the split, the other escapes stay for the inline parser
    assert table.rows[1][4] == "第3项偏差：\\*部分\\* 任务 | 延期\\_原因 \\#3"
    assert [c.content for c in table.children(1, 4)] == ["第3项偏差：*部分* 任务 | 延期_原因 #3"]
    assert table.is_plain(1, 0) and not table.is_plain(1, 4) and not table.is_plain(2, 4)
    assert table.rows[3] == ["总分", "", "", "100.00", ""]


OTHER_FORMS = {
    "in a list item": "- 项目\n\n  | a | b |\n  | - | - |\n  | 1 | 2 |\n",
    "in a fence": "```\n\n| a | b |\n| - | - |\n```\n",
    "in a quote": "> | a |\n> | - |\n> | 1 |\n",
    "right after a paragraph": "段落\n| a | b |\n| - | - |\n| 1 | 2 |\n",
    "a row without a leading pipe": "| a | b |\n| - | - |\n1 | 2\n",
    "a paragraph line right after": "| a |\n| - |\n| 1 |\n正文\n",
    "indented four spaces": "    | a |\n    | - |\n",
    "header without a leading pipe": "a | b\n--- | ---\n| 1 | 2 |\n",
    "a vertical tab line after": "| a |\n| - |\n| 1 |\n\x0b\n",
    "the marker itself in the text": f"{MARK}0\n\n| a |\n| - |\n| 1 |\n",
    "a link reference in a cell": "[r]: /url\n\n| a |\n| - |\n| [r] |\n",
    "ragged rows": "| a | b | c |\n|:-|-:|:-:|\n| 1 |\n| 1 | 2 | 3 | 4 |\n|\n",
    "columns that differ from the delimiter": "| a | b |\n| - |\n| 1 | 2 |\n",
    "two tables and CRLF": "| a |\r\n| - |\r\n| 1 |\r\n\r\n| b |\r\n| :-: |\r\n",
    "escaped backslash before a pipe": "| a \\\\| b |\n| - | - |\n| \\\\\\| c |\n",
}


def test_every_other_form_equals_markdown_its() -> None:
    for name, markdown in OTHER_FORMS.items():
        assert _scanned(markdown) == _reference(markdown), name


def test_a_table_where_the_table_rule_would_not_find_it_is_left_to_markdown_it() -> None:
    for name in ("in a list item", "in a fence", "right after a paragraph", "in a quote"):
        assert not _cut(OTHER_FORMS[name]), name
    assert _cut(OTHER_FORMS["two tables and CRLF"])


def test_html_of_tables_equals_markdown_its() -> None:
    for markdown in [TEMPLATE_TABLE, *OTHER_FORMS.values(), "- a\n- b\n| x |\n| - |\n"]:
        tokens = blocks(PARSER, markdown)
        html = _RENDERER.renderer.render(tokens, _RENDERER.options, {})
        assert html == PARSER.render(markdown), markdown


LINES = [
    "",
    "   ",
    "| a | b |",
    "| 一级指标 | **粗** |",
    "|---|:-:|",
    "| --- | ---: |",
    "|:--|",
    "| - |",
    "| x \\| y | `【待填写】` |",
    "| 〃 | 1,829.40 |",
    "| &amp; | <b> | [r] | ![i](u) |",
    "|",
    "||",
    "| a |",
    "a | b",
    "--- | ---",
    "- 列表",
    "  | 缩进 |",
    "    | 代码 |",
    "```",
    "> | 引用 |",
    "# 标题",
    "正文段落",
    "[r]: /url",
    "***",
    "1. 编号",
    "\t| tab |",
    "| 尾 |  ",
]


@settings(
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(LINES), max_size=14), st.sampled_from(["\n", "\r\n"]))
def test_any_document_of_table_lines_equals_markdown_its(lines: list[str], end: str) -> None:
    markdown = end.join(lines)
    assert _scanned(markdown) == _reference(markdown)
    tokens = blocks(PARSER, markdown)
    assert _RENDERER.renderer.render(tokens, _RENDERER.options, {}) == PARSER.render(markdown)


ROWS = ["| 1 | 2 |", "| 〃 | |", "| x \\| y | **b** |", "|", "| 1 | 2 | 3 |", "| `【待填写】` |"]
BLOCKS = [
    ["正文段落"],
    ["- 列表"],
    ["```"],
    ["> 引用"],
    ["# 标题"],
    ["  | 缩进 |"],
    ["a | b"],
]


@st.composite
def _documents(draw: st.DrawFn) -> str:
    """Documents of blocks, most of them tables of the templates' form, some set apart by a
    blank line and some not."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            lines.append("")
        if draw(st.integers(0, 3)):
            header = draw(st.sampled_from(["| a | b |", "| 指标 | 值 |", "| a |", "|a|b|"]))
            delimiter = draw(st.sampled_from(["| --- | ---: |", "|:-:|:--|", "| - |", "|-|-|"]))
            body = draw(st.lists(st.sampled_from(ROWS), max_size=4))
            lines += [header, delimiter, *body]
        else:
            lines += draw(st.sampled_from(BLOCKS))
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, database=None)
@given(_documents())
def test_any_document_of_tables_equals_markdown_its(markdown: str) -> None:
    assert _scanned(markdown) == _reference(markdown)
    tokens = blocks(PARSER, markdown)
    assert _RENDERER.renderer.render(tokens, _RENDERER.options, {}) == PARSER.render(markdown)
