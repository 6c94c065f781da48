"""A unit's page of the review site: its findings, its report with each finding's paragraph
marked — a YAML file's ``--draft`` page (:func:`perfgen.writers.html.marked`), a published
report's own paragraphs as read — and, beside it, the figures perfgen read, what it could not
place, and a relative link to the file.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from perfgen.errors import LEVEL_NAMES, tally
from perfgen.review.model import Row
from perfgen.review.pages import data_table, head
from perfgen.review.units import Mark, Unit


def _panel(marks: list[Mark]) -> str:
    title = (
        f"检查发现 {len(marks)} 处（{tally([m.level for m in marks])}）"
        if marks
        else "检查未发现问题"
    )
    items = "".join(
        f'<li class="{m.level}"><a href="#{m.anchor or "report"}">'
        f'<span class="rule">{escape(LEVEL_NAMES[m.level])}[{escape(m.rule)}]</span> '
        f"{escape(m.message)}</a><br>"
        + (f'<span class="quote">原文：“{escape(m.quote)}”</span><br>' if m.quote else "")
        + f'<span class="where">{escape(m.where)}</span></li>\n'
        for m in marks
    )
    listing = f"<ol>\n{items}</ol>\n" if items else ""
    return f'<aside id="findings">\n<h2>{escape(title)}</h2>\n{listing}</aside>\n'


def _report_body(unit: Unit) -> str:
    """A published report's own paragraphs, each finding's paragraph marked."""
    levels: dict[str, str] = {}
    for mark in unit.marks:
        if mark.anchor and levels.get(mark.anchor) != "error":
            levels[mark.anchor] = mark.level
    out: list[str] = []
    rows: list[str] = []
    for anchor, level, text, cells in unit.blocks:
        flagged = levels.get(anchor)
        attrs = f' id="{anchor}"' + (
            f' class="flagged{" error" if flagged == "error" else ""}"' if flagged else ""
        )
        if level == -1:
            tds = "".join(f"<td>{escape(c)}</td>" for c in cells)
            rows.append(f"<tr{attrs}>{tds}</tr>")
            continue
        if rows:
            out.append("<table>" + "".join(rows) + "</table>")
            rows = []
        tag = f"h{level}" if level else "p"
        out.append(f"<{tag}{attrs}>{escape(text)}</{tag}>")
    if rows:
        out.append("<table>" + "".join(rows) + "</table>")
    return "\n".join(out) + "\n"


def body(unit: Unit) -> str:
    """The unit's report marked: a YAML file's draft page (laid out again when findings across
    years were added), a report's own paragraphs."""
    if unit.kind != "data":
        return _report_body(unit)
    if unit.body:
        return unit.body
    from perfgen.writers.html import marked
    from perfgen.writers.notes import Note

    notes = [
        Note(
            n["level"],
            n["rule"],
            n["message"],
            n["where"],
            tuple(n["sections"]),
            n["item"],
            (Decimal(n["value"]) if n.get("number") else n["value"]) if n["value"] else None,
        )
        for n in unit.notes
    ]
    html, at = marked(unit.markdown, notes)
    for k, mark in enumerate(unit.marks):
        mark.anchor = at.get(k, "")
    return html


def _read_panel(unit: Unit, source: str) -> str:
    read = data_table(("项目", "数值", "位置"), unit.read) if unit.read else "<p>无</p>"
    unplaced = data_table(("内容", "位置或原因"), unit.unplaced) if unit.unplaced else "<p>无</p>"
    account = f"<p>{escape(unit.account)}</p>" if unit.account else ""
    if (
        unit.compared
    ):  # one table per previous-year report: [label, stated, published, file, verdict]
        files = dict.fromkeys(row[3] for row in unit.compared)
        headers = ("项目", "本报告写的上年数", "上年报告公布", "结果")
        across = "".join(
            f"<p>与 {escape(file)} 核对：</p>"
            + data_table(headers, [[*r[:3], r[4]] for r in unit.compared if r[3] == file])
            for file in files
        )
    elif unit.published.get("stated"):
        across = "<p>输入中没有本单位上一年度的报告，上年数未核对。</p>"
    else:
        across = "<p>本报告没有写上年数。</p>"
    return (
        '<aside id="read">\n'
        f'<h2>原文件</h2><p><a href="{escape(source)}">{escape(source.rsplit("/", 1)[-1])}</a></p>'
        f"{account}<h2>与上一年度报告核对</h2>{across}"
        f"<h2>读入的数字</h2>{read}<h2>未能归入提纲或读入的内容</h2>{unplaced}</aside>\n"
    )


def unit_page(unit: Unit, row: Row) -> str:
    """One unit's page: its findings, its report marked, the figures read beside it."""
    from perfgen.writers.html import DRAFT_STYLE, style

    marked_body = body(unit)
    fonts = {**_default_fonts(), **unit.fonts}
    styled = f"<style>\n{style(fonts)}\n{DRAFT_STYLE}\n</style>\n"
    title = unit.title or row.unit or unit.name
    counts = f"错误 {row.errors} 处，警告 {row.warnings} 处"
    share = f"；原文放入字段 {row.share}" if row.share else ""
    return (
        head(title, styled) + '<body class="review unit">\n<header>'
        '<p class="no-print"><a href="index.html">← 返回总览</a></p>'
        f"<h1>{escape(title)}</h1><p>{escape(counts + share)}</p></header>\n"
        f'<div class="unit-layout">\n{_panel(unit.marks)}'
        f'<main class="page" id="report">\n{marked_body}</main>\n'
        f"{_read_panel(unit, row.source)}</div>\n</body>\n</html>\n"
    )


def _default_fonts() -> dict[str, str]:
    from perfgen.input.settings import DEFAULT_FONTS

    return dict(DEFAULT_FONTS)
