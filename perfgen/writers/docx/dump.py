"""A Word file as readable lines of text, for snapshot tests that diff line by line.

Used by perfgen's own docx snapshot tests and by the pytest plugin (:mod:`perfgen.testing`) that
units use for their reports. The dump shows what a reviewer checks in Word, never raw XML:

- each section's page setup: paper size, orientation and margins in mm, headers and footers
  (page-number fields written as ``{PAGE}``);
- the styles the paragraphs use: East Asian and Latin fonts, size, bold;
- each paragraph: ``style|East Asian font|size[粗][|numbering][|direct run formatting]| text``;
- each table row, cells joined by ``|``, a merged cell marked (``⟨跨2列⟩``, ``⟨向下合并⟩``,
  ``⟨接上⟩``);
- each comment with the start of the paragraph it is anchored on.
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

_TWIPS_PER_MM = Decimal(1440) / Decimal("25.4")
_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ANCHOR_CHARS = 20
"""How much of a comment's anchor paragraph is shown."""


def dump(data: bytes) -> list[str]:
    """The lines of a .docx file's readable dump (see the module docstring).

    Args:
        data: The bytes of a .docx file.

    Returns:
        One string per line, without line breaks (a paragraph's own line breaks stay in it).
    """
    import docx

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for section in document.sections:
        lines += _section(section)
    used = {p.style.name: p.style for p in document.paragraphs if p.style is not None}
    lines += [_style_line(style) for style in used.values()]
    lines += [_paragraph(p) for p in document.paragraphs]
    for number, table in enumerate(document.tables, 1):
        lines.append(f"表格| 第{number}个，{len(table.rows)}行×{len(table.columns)}列")
        lines += ["表| " + " | ".join(_cell(tc) for tc in row._tr.tc_lst) for row in table.rows]
    lines += _comments(document)
    return lines


def _mm(length: Any) -> str:
    """A length in twips as millimetres with one decimal."""
    if length is None:
        return "?"
    return str((Decimal(length.twips) / _TWIPS_PER_MM).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _section(section: Any) -> list[str]:
    orientation = "横向" if section.orientation == 1 else "纵向"
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    top, bottom, left, right = (_mm(m) for m in margins)
    lines = [
        f"页面| {_mm(section.page_width)}×{_mm(section.page_height)}mm {orientation} "
        f"边距 上{top} 下{bottom} 左{left} 右{right}mm "
        f"页眉距{_mm(section.header_distance)} 页脚距{_mm(section.footer_distance)}mm"
    ]
    parts = (
        ("页眉", section.header),
        ("页眉（偶数页）", section.even_page_header),
        ("页眉（首页）", section.first_page_header),
        ("页脚", section.footer),
        ("页脚（偶数页）", section.even_page_footer),
        ("页脚（首页）", section.first_page_footer),
    )
    for label, part in parts:
        if part.is_linked_to_previous:
            continue
        text = " / ".join(_with_fields(p._p) for p in part.paragraphs)
        lines.append(f"{label}| {text}")
    return lines


def _with_fields(element: Any) -> str:
    """A paragraph's text with its field codes shown as ``{PAGE}`` (not their last result)."""
    text = []
    result = False  # inside a field's last computed result, which the code stands for
    for node in element.iter():
        if node.tag == f"{_NS}fldChar":
            result = node.get(f"{_NS}fldCharType") == "separate"
        elif node.tag == f"{_NS}t" and not result:
            text.append(node.text or "")
        elif node.tag == f"{_NS}instrText":
            text.append("{" + (node.text or "").strip() + "}")
        elif node.tag == f"{_NS}fldSimple":
            text.append("{" + (node.get(f"{_NS}instr") or "").strip() + "}")
        elif node.tag == f"{_NS}tab":
            text.append("\t")
    return "".join(text)


def _fonts(element: Any) -> tuple[str, str]:
    """East Asian and Latin font names of an ``rPr`` ("" where not set)."""
    fonts = element.find(f"{_NS}rFonts") if element is not None else None
    if fonts is None:
        return "", ""
    return fonts.get(f"{_NS}eastAsia") or "", fonts.get(f"{_NS}ascii") or ""


def _style_line(style: Any) -> str:
    east_asian, latin = _fonts(style.element.rPr)
    size = f"{style.font.size.pt:g}" if style.font.size is not None else "?"
    bold = "粗" if style.font.bold else ""
    return f"样式| {style.name}: {east_asian or '?'}/{latin or '?'} {size}{bold}"


def _paragraph(paragraph: Any) -> str:
    """``style|East Asian font|size[粗]…| text``: the first fields as perfgen's snapshots have
    always had them, then numbering and direct run formatting where there are any."""
    style = paragraph.style
    east_asian = _fonts(style.element.rPr)[0] if style is not None else ""
    size = f"{style.font.size.pt:g}" if style is not None and style.font.size else "?"
    bold = "粗" if any(r.bold for r in paragraph.runs) else ""
    extra = ""
    ppr = paragraph._p.pPr
    numbering = ppr.numPr if ppr is not None else None
    if numbering is not None:
        num = numbering.numId.val if numbering.numId is not None else "?"
        level = numbering.ilvl.val if numbering.ilvl is not None else 0
        extra += f"|编号{num}.{level}"
    direct = dict.fromkeys(_run_format(r) for r in paragraph.runs)
    extra += "".join(f"|字 {f}" for f in direct if f)
    name = style.name if style is not None else "?"
    return f"{name}|{east_asian}|{size}{bold}{extra}| {paragraph.text}"


def _run_format(run: Any) -> str:
    """A run's own fonts and size, where it sets them ("" when it only inherits)."""
    east_asian, latin = _fonts(run._r.rPr)
    size = f" {run.font.size.pt:g}" if run.font.size is not None else ""
    if not (east_asian or latin or size):
        return ""
    return f"{east_asian or '-'}/{latin or '-'}{size}"


def _cell(tc: Any) -> str:
    """A table cell's text, with its horizontal span and vertical merge marked."""
    text = "\n".join("".join(t.text or "" for t in p.iter(f"{_NS}t")) for p in tc.p_lst)
    if tc.grid_span > 1:
        text += f"⟨跨{tc.grid_span}列⟩"
    merge = tc.vMerge
    if merge == "restart":
        text += "⟨向下合并⟩"
    elif merge == "continue":
        text += "⟨接上⟩"
    return text


def _comments(document: Any) -> list[str]:
    """``批注 N [anchor…]: text`` for each comment (python-docx ≥ 1.2 reads them)."""
    comments = getattr(document, "comments", None)
    if comments is None:
        return []
    anchors: dict[str, str] = {}
    for paragraph in document.element.body.iter(f"{_NS}p"):
        for mark in paragraph.iter(f"{_NS}commentRangeStart", f"{_NS}commentReference"):
            text = "".join(t.text or "" for t in paragraph.iter(f"{_NS}t"))
            anchors.setdefault(mark.get(f"{_NS}id"), text[:_ANCHOR_CHARS])
    return [
        f"批注 {c.comment_id} [{anchors.get(str(c.comment_id), '?')}]: "
        + c.text.replace("\n", " ／ ")
        for c in comments
    ]
