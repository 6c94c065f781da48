"""The Word layout after GB/T 9704-2012 (docs/domain.md, “Layout of a Word report”): the one
style table and the page.

Every paragraph style perfgen writes is in :func:`style_table`, as plain values; the page is
:data:`PAGE`. :mod:`perfgen.writers.docx.layout` applies them to a document with python-docx
(once per process, or never when the package is cached); the body writer only needs the
sizes, so this module imports no Word library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

BODY_PT = 16
"""三号: body and heading size in points."""

LINE_PITCH_TWIPS = 578
"""Exact line spacing of body text, 28.9 pt: the 225 mm text block (637.8 pt) holds 22 lines
(637.8 ÷ 22 = 28.99 pt; 28.9 leaves 2 pt so rounding in a renderer never drops the 22nd line)."""

CONDENSE_TWENTIETHS = -5
"""−0.25 pt per 三号 character so a line holds 28 (docs/domain.md, “Layout of a Word report”):
28 × 15.75 pt = 441 pt fits the 442.2 pt line, 29 do not."""

PAGE = {"width": 11906, "height": 16838, "top": 2098, "bottom": 1984, "left": 1588, "right": 1474}
"""A4 page and margins in twips: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm."""

TEXT_WIDTH_TWIPS = PAGE["width"] - PAGE["left"] - PAGE["right"]
"""Width of the text block, 156 mm = 8844 twips."""

FOOTER_DISTANCE_MM = 23
"""Page number's baseline sits about 7 mm below the text block (35 mm − 7 mm − its height)."""


Alignment = Literal["JUSTIFY", "CENTER", "LEFT", "RIGHT"]
"""Paragraph alignment, by the name python-docx's ``WD_ALIGN_PARAGRAPH`` gives it."""


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
    align: Alignment = "JUSTIFY"
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
            ``page_number``, ``latin`` (see :class:`perfgen.input.model.Fonts`).
        level3_bold: Whether level-3 headings (1.) are bold.

    Returns:
        Style name → :class:`Style`. These names are the ones a reference .docx may define.
    """
    body, latin = fonts["body"], fonts["latin"]
    return {
        "Normal": Style(body, latin=latin),
        "Report Title": Style(
            fonts["title"],
            22,
            align="CENTER",
            first_line_chars=0,
            line_twips=770,
            latin=latin,
        ),
        "Heading 1": Style(fonts["heading1"], outline=0, latin=latin),
        "Heading 2": Style(fonts["heading2"], outline=1, latin=latin),
        "Heading 3": Style(body, bold=level3_bold, outline=2, latin=latin),
        "Heading 4": Style(body, outline=3, latin=latin),
        "Attachment Label": Style(fonts["heading1"], align="LEFT", first_line_chars=0, latin=latin),
        "Signature": Style(body, align="RIGHT", first_line_chars=0, latin=latin),
        "Table Text": Style(
            body,
            12,
            align="CENTER",
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
