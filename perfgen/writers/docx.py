"""Word writer: report Markdown to a .docx laid out after GB/T 9704 (domain.md §6).

Styles and page come from :mod:`perfgen.writers.docx_styles`, or from a unit's reference
document. The file's bytes are deterministic: fixed zip timestamps, properties from the data.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import math
import unicodedata
from typing import Any

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from markdown_it.token import Token

from perfgen.errors import InputError, Problem
from perfgen.placeholders import contains_placeholder
from perfgen.writers import DocumentInfo, fixed_zip
from perfgen.writers.docx_styles import (
    BODY_PT,
    LINE_PITCH_TWIPS,
    TEXT_WIDTH_TWIPS,
    add_page_numbers,
    define_styles,
    page_setup,
    style_table,
)
from perfgen.writers.tokens import parse

ROLE_STYLES = {"label": "Attachment Label", "signature": "Signature"}
TITLE_CHARS_PER_LINE = 20
"""二号 characters that fit the 156 mm text block (442 pt ÷ 22 pt)."""


def width(text: str) -> float:
    """Width of text in full-width characters: Chinese 1, ASCII letters and digits ½."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


BREAK_AFTER = tuple("会室局厅府院委处办年度")
"""A line may well end after these (委员会, 办公室, 人民政府, 2023年度 …)."""

KEEP_TOGETHER = (
    "办公室",
    "委员会",
    "常务委员会",
    "人民代表大会",
    "人民政府",
    "中国共产党",
    "自评报告",
)
"""Words never split across title lines."""


def balanced_lines(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a long title into lines of nearly equal width, the upper ones not shorter.

    GB/T 9704 asks for a balanced shape (梯形或菱形). Among the positions near the balanced
    width, a break after a unit suffix (委员会 / 办公室 / 年度 …) is preferred; words in
    :data:`KEEP_TOGETHER` and runs of ASCII digits (a year) are never split.

    Args:
        title: The title text.
        per_line: Full-width characters that fit one line.

    Returns:
        One or more lines whose concatenation is ``title``.
    """
    total = width(title)
    count = math.ceil(total / per_line)
    if count <= 1:
        return [title]
    protected: set[int] = set()
    for word in KEEP_TOGETHER:
        at = title.find(word)
        while at >= 0:
            protected.update(range(at + 1, at + len(word)))
            at = title.find(word, at + 1)
    breaks, start = [], 0
    for k in range(1, count):
        goal = math.ceil(total * k / count)

        allowed = [
            p
            for p in range(start + 1, len(title))
            if p not in protected
            and not (title[p].isascii() and title[p - 1].isascii())
            and width(title[start:p]) <= per_line
            and width(title[p:]) <= per_line * (count - k)
        ]
        if not allowed:
            return [title]
        start = min(allowed, key=functools.partial(_break_cost, title, goal=goal))
        breaks.append(start)
    edges = [0, *breaks, len(title)]
    return [title[a:b] for a, b in itertools.pairwise(edges)]


def _break_cost(title: str, p: int, *, goal: float) -> float:
    """How far a break before ``title[p]`` is from the balanced width, less a bonus for a
    natural place (after a unit suffix, or before a year)."""
    bonus = 1.5 if title[p - 1] in BREAK_AFTER or title[p].isdigit() else 0
    return abs(width(title[:p]) - goal) - bonus


def _add_inline(paragraph: Any, inline: Token) -> None:
    """Append an inline token's text as runs, honouring **bold** and *italic*.

    A run holding a placeholder (【待填写】) is highlighted yellow, so a draft shows what is
    unfinished.
    """
    bold = italic = False
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold = bold or None
            run.italic = italic or None
            if contains_placeholder(child.content):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif child.type == "hardbreak":
            paragraph.add_run().add_break()
        elif child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"


class _Builder:
    """Walks block tokens and adds paragraphs and tables to a document.

    Heading and paragraph numbers are already text (:func:`perfgen.markdown.number_outline`);
    a list a custom template writes is laid out as its paragraphs.
    """

    def __init__(self, document: Any) -> None:
        self.document = document
        self.signature: list[Any] = []

    def build(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "heading_open":
                self._heading(token, tokens[i + 1])
            elif token.type == "paragraph_open":
                self._paragraph(token, tokens[i + 1])
            elif token.type == "table_open":
                end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
                self._table(tokens[i:end])
                i = end
            i += 1
        _place_signature(self.signature)

    def _heading(self, token: Token, inline: Token) -> None:
        level = int(token.tag[1])
        if level == 1:
            self._title(inline.content)
            return
        _add_inline(self.document.add_paragraph(style=f"Heading {min(level - 1, 4)}"), inline)

    def _title(self, text: str) -> None:
        paragraph = self.document.add_paragraph(style="Report Title")
        paragraph.paragraph_format.space_after = Twips(LINE_PITCH_TWIPS)
        for n, line in enumerate(balanced_lines(text)):
            run = paragraph.add_run(line)
            if n:
                run._r.addprevious(_line_break())

    def _paragraph(self, token: Token, inline: Token) -> None:
        role = token.meta.get("role", "")
        paragraph = self.document.add_paragraph(style=ROLE_STYLES.get(role, "Normal"))
        _add_inline(paragraph, inline)
        if role == "signature":
            self.signature.append(paragraph)

    def _table(self, tokens: list[Token]) -> None:
        rows: list[list[tuple[Token, str]]] = []
        for k, token in enumerate(tokens):
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                rows[-1].append((tokens[k + 1], str(token.attrGet("style") or "")))
        if not rows:
            return
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        header = table.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))
        for c, twips in enumerate(_column_widths(rows)):
            table.columns[c].width = Twips(twips)
            for cell in table.columns[c].cells:
                cell.width = Twips(twips)
        for r, row in enumerate(rows):
            for c, (inline, css) in enumerate(row):
                paragraph = table.cell(r, c).paragraphs[0]
                paragraph.style = self.document.styles["Table Text"]
                if "right" in css:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif "left" in css or ("center" not in css and c == 0):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                _add_inline(paragraph, inline)
                if r == 0:
                    for run in paragraph.runs:
                        run.bold = True
        _merge_ditto(table)


DITTO = "〃"
"""A table cell holding only 〃 (同上) continues the cell above it (see the 自评表 template)."""


def _merge_ditto(table: Any) -> None:
    """Merge every 〃 cell into the cell above it, keeping the text of the top cell only."""
    for c in range(len(table.columns)):
        top = 0
        for r in range(1, len(table.rows)):
            cell = table.cell(r, c)
            if cell.text != DITTO:
                top = r
                continue
            for paragraph in cell.paragraphs:
                paragraph.clear()
            merged = table.cell(top, c).merge(cell)
            for paragraph in merged.paragraphs[1:]:
                if not paragraph.text:
                    paragraph._p.getparent().remove(paragraph._p)


def _line_break() -> Any:
    run = OxmlElement("w:r")
    brk = OxmlElement("w:br")
    run.append(brk)
    return run


TABLE_CHAR_TWIPS = 240
"""Width of one 小四 (12 pt) character in twips."""

CELL_PADDING_CHARS = 1.5
"""Room for the cell margins (2 × 0.19 cm) and a little air, in characters."""

ASCII_CELL_WIDTH = 0.6
"""Width of an ASCII digit or letter in a table cell, in characters: proportional Latin
glyphs run wider than half a character in the fonts renderers substitute."""


def _cell_width(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else ASCII_CELL_WIDTH for c in text)


def _column_widths(rows: list[list[tuple[Token, str]]]) -> list[int]:
    """Column widths in twips that fill the text block.

    Columns whose body cells are all ASCII (numbers, ≥, %) get exactly what their widest cell
    needs (at least two characters, so headers wrap in pairs); the remaining width is shared by
    the text columns in proportion to their widest cell, capped at ten characters.
    """
    body = rows[1:] or rows
    columns = range(len(rows[0]))
    widest = [
        max((_cell_width(r[c][0].content) for r in body if c < len(r)), default=0) for c in columns
    ]
    numeric = [all(r[c][0].content.isascii() for r in body if c < len(r)) for c in columns]
    capacity = TEXT_WIDTH_TWIPS / TABLE_CHAR_TWIPS
    need = [max(w + CELL_PADDING_CHARS, 2.0) for w in widest]
    fixed = sum(n for n, is_number in zip(need, numeric, strict=True) if is_number)
    flexible = [
        min(n, 10.0) if not is_number else 0.0 for n, is_number in zip(need, numeric, strict=True)
    ]
    if not sum(flexible) or fixed >= capacity:
        chars = [n * capacity / sum(need) for n in need]
    else:
        scale = (capacity - fixed) / sum(flexible)
        chars = [
            n if is_number else f * scale
            for n, f, is_number in zip(need, flexible, numeric, strict=True)
        ]
    return [int(c * TABLE_CHAR_TWIPS) for c in chars]


def _place_signature(paragraphs: list[Any]) -> None:
    """GB/T 9704 §7.3.5.2 without seal: the unit's name two characters in from the right; the
    date on the next line, its first character two characters right of the name's first; if
    the date is the longer, the date keeps two characters and the name moves left."""
    if not paragraphs:
        return
    unit = paragraphs[0]
    unit.paragraph_format.space_before = Twips(LINE_PITCH_TWIPS)
    unit_right = 2.0
    if len(paragraphs) > 1:
        name, date = width(unit.text), width(paragraphs[1].text)
        date_right = unit_right + name - 2 - date
        if date_right < 2:
            date_right = 2.0
            unit_right = date_right + date + 2 - name
        _right_indent(paragraphs[1], date_right)
    _right_indent(unit, unit_right)


def _right_indent(paragraph: Any, chars: float) -> None:
    paragraph.paragraph_format.right_indent = Pt(BODY_PT * chars)
    ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
    ind.set(qn("w:rightChars"), str(int(chars * 100)))


def _document(info: DocumentInfo) -> tuple[Any, frozenset[str]]:
    """A blank document: the reference document emptied, or python-docx's default."""
    if info.reference_doc is None:
        return docx.Document(), frozenset()
    try:
        document = docx.Document(str(info.reference_doc))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        name = str(info.reference_doc)
        raise InputError([Problem(name, 0, 0, "", "不是可读取的 Word（.docx）文件")]) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    defined = {s.name for s in document.styles}
    return document, frozenset(defined)


def render(markdown: str, info: DocumentInfo) -> bytes:
    """Render report Markdown as .docx bytes.

    Args:
        markdown: The composed report.
        info: Title, unit, date, fonts and the optional reference document.

    Returns:
        Deterministic bytes of the Word file.

    Raises:
        InputError: the reference document cannot be read.
    """
    document, keep = _document(info)
    define_styles(document, style_table(info.fonts, info.level3_bold), keep)
    if info.reference_doc is None:
        page_setup(document)
    if document.sections[0].footer.is_linked_to_previous:
        add_page_numbers(document)
    stamp = dt.datetime.combine(info.date or dt.date(2000, 1, 1), dt.time(), dt.UTC)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = info.title, info.author, info.author
    props.subject = "部门整体支出绩效自评报告"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    _Builder(document).build(parse(markdown))
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue())


REFERENCE_SAMPLE = """\
附件 1

# 单位名称2024年部门整体支出绩效自评报告（样式 Report Title）

## 一、一级标题（样式 Heading 1）

### （一）二级标题（样式 Heading 2）

#### 1.三级标题（样式 Heading 3）

##### （1）四级标题（样式 Heading 4）

正文（样式 Normal）。首行缩进两个字符，每页 22 行、每行 28 个字。附件标注用样式 Attachment Label，
表格文字用样式 Table Text，落款用样式 Signature，页码用样式 Footer。

| 表头 | 数值 |
| --- | ---: |
| 表格文字（样式 Table Text） | 1.00 |

---

落款单位（样式 Signature）

2025年6月14日
"""


def reference_document() -> bytes:
    """A .docx showing every style perfgen uses, for a unit to restyle in Word.

    Returns:
        The bytes of the sample document (see :data:`REFERENCE_SAMPLE`).
    """
    return render(REFERENCE_SAMPLE, DocumentInfo(title="perfgen 样式样板"))
