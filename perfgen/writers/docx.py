"""Word writer: report Markdown to a .docx laid out after GB/T 9704 (domain.md §6).

One style table (:data:`STYLES`) defines every paragraph style perfgen uses; fonts are set
for ascii, hAnsi and eastAsia with theme font attributes removed, so Chinese text really
uses them. The file's bytes are deterministic: fixed zip timestamps and fixed properties.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from markdown_it.token import Token

from perfgen.markdown import heading_number
from perfgen.placeholders import contains_placeholder
from perfgen.writers import parse

BODY_PT = 16
"""三号: body and heading size in points (domain.md §6)."""

LINE_PITCH_TWIPS = 578
"""Exact line spacing, 28.9 pt: 22 lines fill the 225 mm text block (637.8 pt ÷ 22 = 28.99)."""

PAGE = {"width": 11906, "height": 16838, "top": 2098, "bottom": 1984, "left": 1588, "right": 1474}
"""A4 page and GB/T 9704 margins in twips (domain.md §6)."""


@dataclass(frozen=True)
class Style:
    """A paragraph style: font (East Asian name), size in pt, weight, alignment, indent."""

    font: str
    size: float = BODY_PT
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_line_chars: int = 2
    latin: str = "Times New Roman"
    line_twips: int = 0
    """Exact line spacing in twips; 0 means the body pitch, :data:`LINE_PITCH_TWIPS`."""


STYLES: dict[str, Style] = {
    "Normal": Style("仿宋_GB2312"),
    "Report Title": Style(
        "方正小标宋简体", 22, align=WD_ALIGN_PARAGRAPH.CENTER, first_line_chars=0
    ),
    "Heading 1": Style("黑体"),
    "Heading 2": Style("楷体_GB2312"),
    "Heading 3": Style("仿宋_GB2312", bold=True),
    "Heading 4": Style("仿宋_GB2312"),
    "Attachment Label": Style("黑体", align=WD_ALIGN_PARAGRAPH.LEFT, first_line_chars=0),
    "Signature": Style("仿宋_GB2312", align=WD_ALIGN_PARAGRAPH.RIGHT, first_line_chars=0),
    "Table Text": Style(
        "仿宋_GB2312", 12, align=WD_ALIGN_PARAGRAPH.CENTER, first_line_chars=0, line_twips=360
    ),
}
"""Every paragraph style perfgen writes, by name (the names a reference .docx may define)."""

ROLE_STYLES = {"label": "Attachment Label", "signature": "Signature"}
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _set_fonts(rpr: Any, east_asian: str, latin: str) -> None:
    """Set ascii/hAnsi/eastAsia/cs fonts on an rPr element and drop theme font attributes."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), latin)


def _define_styles(document: Any) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, STYLES["Normal"].font, STYLES["Normal"].latin)
    for name, spec in STYLES.items():
        try:
            style = document.styles[name]
        except KeyError:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
        style.hidden = False
        font = style.font
        font.size = Pt(spec.size)
        font.bold = spec.bold
        font.italic = False
        font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(style.element.get_or_add_rPr(), spec.font, spec.latin)
        fmt = style.paragraph_format
        fmt.alignment = spec.align
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Twips(spec.line_twips or LINE_PITCH_TWIPS)
        fmt.first_line_indent = Pt(spec.size * spec.first_line_chars)
        if spec.first_line_chars:
            ind = style.element.get_or_add_pPr().find(qn("w:ind"))
            ind.set(qn("w:firstLineChars"), str(spec.first_line_chars * 100))
        if name.startswith("Heading"):
            fmt.keep_with_next = True


def _page_setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE["width"]), Twips(PAGE["height"])
    section.top_margin, section.bottom_margin = Twips(PAGE["top"]), Twips(PAGE["bottom"])
    section.left_margin, section.right_margin = Twips(PAGE["left"]), Twips(PAGE["right"])


def _add_inline(paragraph: Any, inline: Token, prefix: str = "") -> None:
    """Append an inline token's text as runs, honouring **bold** and *italic*.

    A run holding a placeholder (【待填写】) is highlighted yellow, so a draft shows what is
    unfinished.
    """
    if prefix:
        paragraph.add_run(prefix)
    bold = italic = False
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold = bold or None
            run.italic = italic or None
            if contains_placeholder(child.content):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run().add_break() if child.type == "hardbreak" else None
        elif child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"


class _Builder:
    """Walks block tokens and adds paragraphs and tables to a document."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.heading_depth = 1
        self.list_counters: list[int] = []
        self.item_fresh = False

    def build(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "heading_open":
                self._heading(token, tokens[i + 1])
            elif token.type == "paragraph_open":
                self._paragraph(token, tokens[i + 1])
            elif token.type in ("ordered_list_open", "bullet_list_open"):
                self.list_counters.append(0)
            elif token.type in ("ordered_list_close", "bullet_list_close"):
                self.list_counters.pop()
            elif token.type == "list_item_open":
                self.list_counters[-1] += 1
                self.item_fresh = True
            elif token.type == "table_open":
                end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
                self._table(tokens[i:end])
                i = end
            i += 1

    def _heading(self, token: Token, inline: Token) -> None:
        level = int(token.tag[1])
        self.heading_depth = level
        style = "Report Title" if level == 1 else f"Heading {min(level - 1, 4)}"
        _add_inline(self.document.add_paragraph(style=style), inline)

    def _paragraph(self, token: Token, inline: Token) -> None:
        style = ROLE_STYLES.get(token.meta.get("role", ""), "Normal")
        prefix = ""
        if self.list_counters and self.item_fresh:
            prefix = heading_number(self.heading_depth, self.list_counters[-1])
            self.item_fresh = False
        _add_inline(self.document.add_paragraph(style=style), inline, prefix)

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
        header = table.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))
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


def render(markdown: str, title: str) -> bytes:
    """Render report Markdown as .docx bytes.

    Args:
        markdown: The composed report.
        title: The document title (core property).

    Returns:
        Deterministic bytes of the Word file.
    """
    document = Document()
    _define_styles(document)
    _page_setup(document)
    props = document.core_properties
    props.title = title
    props.author = props.last_modified_by = "perfgen"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    _Builder(document).build(parse(markdown))
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalize_zip(buffer.getvalue())


def _normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
