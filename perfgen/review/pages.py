"""The review site's ``index.html`` as HTML text: the table of units (sortable and filterable
by the shipped script, :data:`JS`) and the charts with their data tables. Everything is escaped;
every link is relative; nothing is fetched from a network. The units' pages are
:mod:`perfgen.review.unit_page`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from perfgen.review import model
from perfgen.review.model import Row
from perfgen.review.units import Unit

CSS, JS = "review.css", "review.js"
"""The site's shipped style and script, copied beside the pages."""

COLUMNS = (
    ("单位", "text", "unit"),
    ("年度", "number", "year"),
    ("文件", "text", "file"),
    ("总收入（万元）", "number", "income"),
    ("总支出（万元）", "number", "expenditure"),
    ("预算执行率", "number", "rate"),
    ("自评得分", "number", "score"),
    ("等级", "text", "grade"),
    ("错误", "number", "errors"),
    ("警告", "number", "warnings"),
    ("放入字段", "number", "share"),
)
"""The index's columns: header, how it sorts, the row's attribute."""


def head(title: str, extra: str = "") -> str:
    """A page's start, to ``</head>``: its title, ``extra`` elements, the site's style."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{extra}"
        f'<link rel="stylesheet" href="{CSS}">\n</head>\n'
    )


def _cell(row: Row, key: str) -> str:
    value: Any = getattr(row, key)
    if key == "unit":
        from perfgen.placeholders import is_placeholder

        name = escape(value or row.name)
        if not value or is_placeholder(value):
            name = f'<span class="muted">（未写明单位名称：{escape(row.name)}）</span>'
        return f'<td><a href="{escape(row.href)}">{name}</a></td>'
    if key == "file":
        return f'<td><a href="{escape(row.source)}">{escape(value)}</a></td>'
    if key == "grade":
        return (
            f'<td><span class="grade grade-{escape(value)}">{escape(value)}</span></td>'
            if value
            else "<td></td>"
        )
    if key == "share":
        return (
            f'<td class="num" data-value="{escape(value.rstrip("%"))}">{escape(value) or "—"}</td>'
        )
    if key in ("errors", "warnings"):
        some = " some" if value else ""
        return f'<td class="num {key}{some}">{value}</td>'
    if value is None:
        return '<td class="num" data-value=""></td>'
    text = f"{value}%" if key == "rate" else str(value)
    return f'<td class="num" data-value="{value}">{escape(text)}</td>'


def _num(kind: str, key: str) -> str:
    return ' class="num"' if kind == "number" and key != "year" else ""


def _units_table(table: list[Row]) -> str:
    heads = "".join(
        f'<th data-type="{kind}" tabindex="0"{_num(kind, key)}>{escape(header)}</th>'
        for header, kind, key in COLUMNS
    )
    body = []
    for row in table:
        if row.failure:
            continue
        cells = "".join(_cell(row, key) for _, _, key in COLUMNS)
        body.append(
            f'<tr data-grade="{escape(row.grade)}" data-year="{row.year or ""}" '
            f'data-errors="{row.errors}">{cells}</tr>'
        )
    return (
        f'<table class="data" id="units">\n<thead><tr>{heads}</tr></thead>\n<tbody>\n'
        + "\n".join(body)
        + "\n</tbody>\n</table>\n"
    )


def _options(values: Sequence[str], everything: str) -> str:
    items = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
    return f'<option value="">{escape(everything)}</option>{items}'


def _controls(table: list[Row]) -> str:
    read = [r for r in table if not r.failure]
    grades = [b.grade for b in reversed(model.bands()) if any(r.grade == b.grade for r in read)]
    years = sorted({str(r.year) for r in read if r.year}, reverse=True)
    return (
        '<div class="controls">'
        '<label>查找 <input type="search" id="filter" placeholder="单位、文件名…"></label>'
        f'<label>等级 <select id="grade">{_options(grades, "全部")}</select></label>'
        f'<label>年度 <select id="year">{_options(years, "全部")}</select></label>'
        '<label><input type="checkbox" id="errors-only"> 只看有错误的</label>'
        '<span id="shown" class="muted"></span></div>\n'
    )


def data_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A small table of ``rows`` under ``headers`` (a chart's data, the figures read)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return (
        f'<div class="table"><table class="data"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _figure(caption: str, image: str | None, table: str) -> str:
    picture = (
        f'<img src="{image}" alt="{escape(caption)}">'
        if image
        else '<p class="muted">没有可画的数据。</p>'
    )
    return f"<figure>\n<figcaption>{escape(caption)}</figcaption>\n{picture}\n{table}</figure>\n"


def chart_tables(table: list[Row], units: list[Unit]) -> dict[str, str]:
    """Each chart's data table, by chart name (``scores``, ``rates``, ``rules``, ``ranking``)."""
    named = model.labelled(table)
    points = [r for r in table if r.rate is not None and r.score is not None]
    return {
        "scores": data_table(
            ("得分段", "等级", "单位数"),
            [
                (f"{low}–{high}", grade, count)
                for low, high, count, grade in model.score_bins(table)
            ],
        ),
        "rates": data_table(
            ("单位", "年度", "预算执行率", "自评得分", "图中标名"),
            [
                (r.unit, r.year or "", f"{r.rate}%", r.score, "是" if r.name in named else "")
                for r in points
            ],
        ),
        "rules": data_table(
            ("规则", "检查内容", "错误", "警告"),
            [(r, _summary(r), e, w) for r, e, w in model.by_rule(units)],
        ),
        "ranking": data_table(
            ("单位", "年度", "错误", "警告"),
            [(r.unit or r.name, r.year or "", r.errors, r.warnings) for r in model.ranked(table)],
        ),
    }


def _summary(rule: str) -> str:
    from perfgen.locations import shortened
    from perfgen.rules import RULES

    declared = RULES.get(rule)
    return shortened(declared.summary.replace("`", ""), 40) if declared else ""


CHARTS = (
    ("scores", "自评得分分布（按等级着色）"),
    ("rates", "预算执行率与自评得分（每点一个单位，离群者标名）"),
    ("rules", "各规则发现的问题"),
    ("ranking", "错误最多的单位"),
)
"""The charts of the index: file stem, caption."""


def index(table: list[Row], units: list[Unit], charts: dict[str, bool], across: int) -> str:
    """``index.html``: ``charts`` says which chart files were drawn (name → has data);
    ``across``: the findings across years."""
    read = [r for r in table if not r.failure]
    failed = [r for r in table if r.failure]
    errors = sum(r.errors for r in read)
    warnings = sum(r.warnings for r in read)
    counts = (
        f"共 {len(table)} 份，读入 {len(read)} 份，无法读取 <b>{len(failed)}</b> 份；"
        f"错误 <b>{errors}</b> 处，警告 {warnings} 处；跨年度核对发现 {across} 处"
    )
    tables = chart_tables(table, units)
    figures = "".join(
        _figure(caption, f"charts/{name}.svg" if charts.get(name) else None, tables[name])
        for name, caption in CHARTS
    )
    unreadable = ""
    if failed:
        items = "".join(
            f'<li><a href="{escape(r.source)}">{escape(r.file)}</a>'
            f"<pre>{escape(r.failure)}</pre></li>"
            for r in failed
        )
        unreadable = (
            '<section class="block failed" id="failed"><h2>无法读取的文件</h2>'
            f"<ul>{items}</ul></section>\n"
        )
    return (
        head("部门整体支出绩效自评报告审阅")
        + '<body class="review">\n<header><h1>部门整体支出绩效自评报告审阅</h1>'
        f'<p class="counts">{counts}</p>'
        '<p class="no-print">汇总表：<a href="汇总.xlsx">汇总.xlsx</a>　'
        '<a href="汇总.json">汇总.json</a>　<a href="#units-list">各单位</a>'
        "（点击表头排序）</p></header>\n"
        f"{unreadable}"
        f'<div class="charts">\n{figures}</div>\n'
        '<section class="block" id="units-list"><h2>各单位</h2>\n'
        f"{_controls(table)}{_units_table(table)}</section>\n"
        f'<script src="{JS}"></script>\n</body>\n</html>\n'
    )
