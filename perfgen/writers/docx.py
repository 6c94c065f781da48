"""Word writer: report Markdown to a .docx laid out after GB/T 9704 (domain.md §6).

Styles and page come from :mod:`perfgen.writers.docx_styles`, or from a unit's reference
document. The file's bytes are deterministic: fixed zip timestamps, properties from the data.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from markdown_it.token import Token

from perfgen.errors import InputError, Problem
from perfgen.writers import DocumentInfo, fixed_zip
from perfgen.writers.docx_inline import add_inline
from perfgen.writers.docx_styles import (
    BODY_PT,
    LINE_PITCH_TWIPS,
    add_page_numbers,
    define_styles,
    page_setup,
    style_table,
)
from perfgen.writers.docx_table import add_table
from perfgen.writers.title_lines import balanced_lines, width
from perfgen.writers.tokens import parse

ROLE_STYLES = {"label": "Attachment Label", "signature": "Signature"}


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
                add_table(self.document, tokens[i:end])
                i = end
            i += 1
        _place_signature(self.signature)

    def _heading(self, token: Token, inline: Token) -> None:
        level = int(token.tag[1])
        if level == 1:
            self._title(inline.content)
            return
        add_inline(self.document.add_paragraph(style=f"Heading {min(level - 1, 4)}"), inline)

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
        add_inline(paragraph, inline)
        if role == "signature":
            self.signature.append(paragraph)


def _line_break() -> Any:
    run = OxmlElement("w:r")
    brk = OxmlElement("w:br")
    run.append(brk)
    return run


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
