"""Apply the style table and the page of :mod:`perfgen.writers.docx.styles` to a document.

Used once per process and settings, by :mod:`perfgen.writers.docx.base`, to lay out the empty
package; fonts are set for ascii, hAnsi and eastAsia with theme font attributes removed, so
Chinese text really uses them (docs/domain.md, “Layout of a Word report”).
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from perfgen.writers.docx.styles import FOOTER_DISTANCE_MM, LINE_PITCH_TWIPS, PAGE, Style


def set_fonts(rpr: Any, east_asian: str, latin: str) -> None:
    """Set ascii/hAnsi/eastAsia/cs fonts on an ``rPr`` element; drop theme font attributes."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian)):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:cs"), latin)


def define_styles(document: Any, table: dict[str, Style], keep: frozenset[str]) -> None:
    """Create or overwrite the styles of ``table`` in ``document``, except those in ``keep``.

    ``keep`` holds the styles a unit's reference document defines; they are used as they are.
    """
    if "Normal" not in keep:
        defaults = document.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(rpr, table["Normal"].font, table["Normal"].latin)

    for name, spec in table.items():
        if name in keep:
            continue
        try:
            style = document.styles[name]
        except KeyError:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
        _apply(style, spec)


def _apply(style: Any, spec: Style) -> None:
    style.hidden = False
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element.get_or_add_rPr(), spec.font, spec.latin)
    fmt = style.paragraph_format
    fmt.alignment = getattr(WD_ALIGN_PARAGRAPH, spec.align)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(spec.line_twips)
    fmt.first_line_indent = Pt(spec.size * spec.first_line_chars)
    rpr = style.element.get_or_add_rPr()
    if spec.tracking:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(spec.tracking))
        rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)
    ppr = style.element.get_or_add_pPr()
    if not spec.grid:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.insert_element_before(snap, *_PPR_AFTER_SNAP)
    if spec.first_line_chars:
        ppr.find(qn("w:ind")).set(qn("w:firstLineChars"), str(spec.first_line_chars * 100))
    if spec.outline is not None:
        level = ppr.find(qn("w:outlineLvl"))
        if level is None:
            level = OxmlElement("w:outlineLvl")
            ppr.append(level)
        level.set(qn("w:val"), str(spec.outline))
        fmt.keep_with_next = True


_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u")
_PPR_AFTER_SNAP = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:jc",
    "w:textAlignment",
    "w:outlineLvl",
    "w:rPr",
    "w:sectPr",
)
"""Elements that must follow w:spacing in rPr, and w:snapToGrid in pPr (schema order)."""


def page_setup(document: Any) -> None:
    """A4 with GB/T 9704 margins, a 22-line grid, and the footer distance."""
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE["width"]), Twips(PAGE["height"])
    section.top_margin, section.bottom_margin = Twips(PAGE["top"]), Twips(PAGE["bottom"])
    section.left_margin, section.right_margin = Twips(PAGE["left"]), Twips(PAGE["right"])
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def add_page_numbers(document: Any, char_pt: float = 14) -> None:
    """“— N —” in the footer: odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles["Footer"]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(char_pt)
        else:
            fmt.left_indent = Pt(char_pt)
        paragraph.add_run("— ")
        _page_field(paragraph)
        paragraph.add_run(" —")


def _page_field(paragraph: Any) -> None:
    """Append a PAGE field (begin, instruction, separator, placeholder, end)."""

    def run_with(element: Any) -> None:
        run = paragraph.add_run()
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run_with(instruction)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


DRAFT_MARK = "草稿"
"""What a draft (``render --draft``) carries at the top of every page."""


def add_draft_mark(document: Any, fonts: dict[str, str], char_pt: float = 16) -> None:
    """“草稿” centred in the header of every page (odd and even), in the 一级标题 font, 三号,
    and the comments part the draft's notes are written into."""
    section = document.sections[0]
    headers = [section.header]
    if document.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
    for header in headers:
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(DRAFT_MARK)
        run.font.size = Pt(char_pt)
        set_fonts(run._r.get_or_add_rPr(), fonts["heading1"], fonts["latin"])
    document.comments  # noqa: B018 - python-docx adds the (empty) comments part on first use
