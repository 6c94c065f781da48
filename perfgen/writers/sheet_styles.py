"""The named cell styles of perfgen's workbooks (the 自评表, :mod:`perfgen.writers.xlsx`; the
batch's and the audit's ``汇总.xlsx``, :mod:`perfgen.writers.summary`): one per kind of cell,
added to a workbook once and given to each cell by name.

openpyxl stores a cell's font, border and alignment as indexes into the workbook's lists; setting
them cell by cell builds and hashes a style object each time, which was most of the time of a long
自评表. A named style is looked up by its name and its indexes copied.
"""

from __future__ import annotations

from copy import copy

from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.styles.borders import DEFAULT_BORDER
from openpyxl.styles.fonts import DEFAULT_FONT

from perfgen.input.table_layout import MONEY_FORMAT, PERCENT_FORMAT

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTERED = Alignment(horizontal="center", vertical="center", wrap_text=True)

TEXT, HEADER, TITLE, YEAR = "自评表-文字", "自评表-表头", "自评表-标题", "自评表-年度"
FORMATTED = {MONEY_FORMAT: "自评表-金额", PERCENT_FORMAT: "自评表-百分比"}
DOWN, DOWN_END = "自评表-合并格（竖）", "自评表-合并格（竖，末格）"
ACROSS, ACROSS_END = "自评表-合并格（横）", "自评表-合并格（横，末格）"
"""The workbook's named styles, one per kind of cell: set once per workbook and given to each
cell by name, so that no cell's font, border or alignment is built and compared on its own. The
merged kinds are the cells a merge covers after its first: the edges of the merged range's
border, as Excel draws it (the border a merge in openpyxl gives them, side by side)."""


def _edges(*sides: Border) -> Border:
    """The border of a covered cell: the merged range's sides that run along it, added one by
    one in the order openpyxl adds them (top, left, right, bottom) to a cell without a border."""
    border = copy(DEFAULT_BORDER)
    for side in sides:
        border = border + side
    return border


def named_styles(font: str) -> list[NamedStyle]:
    """The named styles of the 自评表 in the report's body font (``settings.fonts.body``)."""
    body = Font(name=font, size=11)
    plain, none = copy(DEFAULT_FONT), copy(DEFAULT_BORDER)  # a workbook's defaults
    return [
        NamedStyle(TEXT, font=body, border=_BORDER, alignment=_WRAP),
        NamedStyle(
            HEADER, font=Font(name=font, size=11, bold=True), border=_BORDER, alignment=_WRAP
        ),
        *(
            NamedStyle(name, font=body, border=_BORDER, alignment=_WRAP, number_format=fmt)
            for fmt, name in FORMATTED.items()
        ),
        NamedStyle(
            TITLE, font=Font(name=font, size=16, bold=True), border=none, alignment=_CENTERED
        ),
        NamedStyle(
            YEAR, font=Font(name=font, size=11, bold=False), border=none, alignment=_CENTERED
        ),
        NamedStyle(DOWN, font=plain, border=_edges(Border(left=_THIN), Border(right=_THIN))),
        NamedStyle(
            DOWN_END,
            font=plain,
            border=_edges(Border(left=_THIN), Border(right=_THIN), Border(bottom=_THIN)),
        ),
        NamedStyle(ACROSS, font=plain, border=_edges(Border(top=_THIN), Border(bottom=_THIN))),
        NamedStyle(
            ACROSS_END,
            font=plain,
            border=_edges(Border(top=_THIN), Border(right=_THIN), Border(bottom=_THIN)),
        ),
    ]


SUMMARY_TEXT, SUMMARY_HEADER = "汇总-文字", "汇总-表头"
SUMMARY_FORMATTED = {"0.00": "汇总-两位小数", "0.00%": "汇总-百分比"}
"""The named styles of ``汇总.xlsx``: every cell wrapped at the top, the header row bold, the
amounts and scores with two decimals, the rates in percent."""


def summary_styles() -> list[NamedStyle]:
    """The named styles of ``汇总.xlsx``, in the workbook's default font."""
    top = Alignment(wrap_text=True, vertical="top")
    plain, bold, none = copy(DEFAULT_FONT), copy(DEFAULT_FONT), copy(DEFAULT_BORDER)
    bold.b = True
    return [
        NamedStyle(SUMMARY_TEXT, font=plain, border=none, alignment=top),
        NamedStyle(SUMMARY_HEADER, font=bold, border=none, alignment=top),
        *(
            NamedStyle(name, font=plain, border=none, alignment=top, number_format=fmt)
            for fmt, name in SUMMARY_FORMATTED.items()
        ),
    ]
