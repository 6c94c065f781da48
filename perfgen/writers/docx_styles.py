"""The Word layout after GB/T 9704-2012 (domain.md §6): one style table, page, page numbers.

Every paragraph style perfgen writes is in :func:`style_table`; fonts are set for ascii,
hAnsi and eastAsia with theme font attributes removed, so Chinese text really uses them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

BODY_PT = 16
"""三号: body and heading size in points."""

LINE_PITCH_TWIPS = 578
"""Exact line spacing of body text, 28.9 pt: the 225 mm text block (637.8 pt) holds 22 lines
(637.8 ÷ 22 = 28.99 pt; 28.9 leaves 2 pt so rounding in a renderer never drops the 22nd line)."""

CONDENSE_TWENTIETHS = -5
"""−0.25 pt per 三号 character so a line holds 28 (domain.md §6): 28 × 15.75 pt = 441 pt fits the
442.2 pt line, 29 do not."""

PAGE = {"width": 11906, "height": 16838, "top": 2098, "bottom": 1984, "left": 1588, "right": 1474}
"""A4 page and margins in twips: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm."""

TEXT_WIDTH_TWIPS = PAGE["width"] - PAGE["left"] - PAGE["right"]
"""Width of the text block, 156 mm = 8844 twips."""

FOOTER_DISTANCE = Mm(23)
"""Page number's baseline sits about 7 mm below the text block (35 mm − 7 mm − its height)."""


@dataclass(frozen=True)
class Style:
    """A paragraph style.

    Attributes:
        font: East Asian font name.
        size: Size in points.
        bold: Bold weight.
        align: Paragraph alignment.
        first_line_chars: First-line indent in characters (two for body and headings).
        line_twips: Exact line spacing in twips.
        outline: Outline level (0 for 一、) so Word's navigation pane lists the heading.
        latin: Font for Latin letters and digits.
    """

    font: str
    size: float = BODY_PT
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_line_chars: int = 2
    line_twips: int = LINE_PITCH_TWIPS
    outline: int | None = None
    latin: str = "Times New Roman"

    @property
    def grid(self) -> bool:
        """Snap lines to the 22-line grid: only 三号 text; other sizes keep their own pitch."""
        return self.size == BODY_PT

    @property
    def tracking(self) -> int:
        """Character spacing in 1/20 pt: 三号 text is condensed by 0.25 pt so that exactly
        28 characters fill the 156 mm line (442.2 pt ÷ 28 = 15.79 pt a character)."""
        return CONDENSE_TWENTIETHS if self.size == BODY_PT else 0


def style_table(fonts: Mapping[str, str], level3_bold: bool) -> dict[str, Style]:
    """The style of every paragraph kind perfgen writes, by Word style name.

    Args:
        fonts: Font names by role: ``title``, ``heading1``, ``heading2``, ``body``,
            ``page_number``, ``latin`` (see :class:`perfgen.model.Fonts`).
        level3_bold: Whether level-3 headings (1.) are bold.

    Returns:
        Style name → :class:`Style`. These names are the ones a reference .docx may define.
    """
    body, latin = fonts["body"], fonts["latin"]
    left = WD_ALIGN_PARAGRAPH.LEFT
    return {
        "Normal": Style(body, latin=latin),
        "Report Title": Style(
            fonts["title"],
            22,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            first_line_chars=0,
            line_twips=770,
            latin=latin,
        ),
        "Heading 1": Style(fonts["heading1"], outline=0, latin=latin),
        "Heading 2": Style(fonts["heading2"], outline=1, latin=latin),
        "Heading 3": Style(body, bold=level3_bold, outline=2, latin=latin),
        "Heading 4": Style(body, outline=3, latin=latin),
        "Attachment Label": Style(fonts["heading1"], align=left, first_line_chars=0, latin=latin),
        "Signature": Style(body, align=WD_ALIGN_PARAGRAPH.RIGHT, first_line_chars=0, latin=latin),
        "Table Text": Style(
            body,
            12,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            first_line_chars=0,
            line_twips=360,
            latin=latin,
        ),
        "Footer": Style(
            fonts["page_number"],
            14,
            first_line_chars=0,
            line_twips=320,
            latin=fonts["page_number"],
        ),
    }


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
    fmt.alignment = spec.align
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
    section.footer_distance = FOOTER_DISTANCE
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
