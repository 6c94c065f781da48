"""The rows of perfgen's worksheets (the 自评表, ``汇总.xlsx``), kept as values and named styles
and written as the sheet's XML in one pass, byte for byte as openpyxl writes them.

openpyxl builds a :class:`~openpyxl.cell.cell.Cell` for every cell, then, when saving, looks each
cell's style up in the workbook's list and writes it through lxml element by element; for a
自评表 of 10,000 indicators (110,000 cells) that was most of the writer's time. Here a
:class:`Sheet` keeps each row's values and style names; openpyxl saves the workbook with the
sheet's rows left out (its page setup, merged ranges, styles …), and :func:`save` puts the rows
back into the sheet's part: ``<dimension>`` and ``<sheetData>`` as openpyxl would have written them
(with lxml, which python-docx requires), the style indexes registered in the order openpyxl's
writer registers them (a sheet's cells row by row, the sheets in the workbook's order).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from openpyxl.compat import safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

from perfgen.locations import visible
from perfgen.writers import fixed_zip
from perfgen.writers.widths import width

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import NamedStyle
    from openpyxl.worksheet.worksheet import Worksheet

CellValue = str | int | Decimal | None

Styles = dict[str | None, StyleArray | None]
"""A named style's name → the style indexes each of its cells takes (``None``: the default)."""

MAX_TEXT = 32_767
"""The most characters a cell holds (openpyxl cuts a longer text there)."""


def add_styles(book: Workbook, styles: Sequence[NamedStyle]) -> Styles:
    """Add ``styles`` (:mod:`perfgen.writers.sheet_styles`) to ``book``, once, for every sheet
    of it to give by name."""
    added: Styles = {None: None}
    for style in styles:
        book.add_named_style(style)
        added[style.name] = style.as_tuple()
    return added


def stored(value: CellValue) -> CellValue:
    """A cell's value as the sheet stores it: text with its XML-illegal characters shown as
    symbols (:func:`~perfgen.locations.visible`), cut at :data:`MAX_TEXT`; numbers as they are.

    Raises:
        TypeError: a value of another type (a bool, a date), which the sheet does not write.
    """
    if isinstance(value, str):
        return visible(value)[:MAX_TEXT]
    if value is None or (isinstance(value, int | Decimal | float) and not isinstance(value, bool)):
        return value
    raise TypeError(f"a cell of a perfgen sheet holds text or a number, not {type(value)}")


class Sheet:
    """Appends rows to a worksheet, each cell in one of the workbook's named styles (from
    :func:`add_styles`), and collects the merged ranges (given to the sheet at once: openpyxl
    compares each range it is given one by one with every range it has). The rows are written
    by :func:`save`; the heights :func:`fit_rows` gives them go with them.

    Attributes:
        sheet: The openpyxl worksheet (page setup, columns, merged ranges).
        rows: Each row's stored values and style names.
        merged: The merged ranges.
        heights: Row number → height in points.
    """

    def __init__(self, sheet: Worksheet, styles: Styles) -> None:
        self.sheet = sheet
        self.styles = styles
        self.rows: list[tuple[list[CellValue], list[str | None]]] = []
        self.merged: list[CellRange] = []
        self.heights: dict[int, float] = {}

    @property
    def row(self) -> int:
        """The number of the last row added (0 before the first)."""
        return len(self.rows)

    def add(self, values: Sequence[CellValue], styles: Sequence[str | None]) -> int:
        """Append a row of cells, each in its style (``None``: the default); its number.

        Raises:
            ValueError: not one style per value.
            TypeError: a value that is neither text nor a number (see :func:`stored`).
        """
        if len(values) != len(styles):
            raise ValueError(f"{len(values)} values but {len(styles)} styles")
        self.rows.append(([stored(v) for v in values], list(styles)))
        return len(self.rows)

    def merge(self, top: int, left: int, bottom: int, right: int) -> None:
        self.merged.append(CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom))

    def banner(self, text: str, style: str, columns: int) -> None:
        """A row of one text merged across ``columns`` columns."""
        row = self.add([text], [style])
        self.merge(row, 1, row, columns)

    @property
    def dimensions(self) -> str:
        """The range the cells span (``A1:K1012``), as openpyxl computes it (``A1:A1`` when
        empty)."""
        columns = max((len(values) for values, _ in self.rows), default=0)
        if not columns:
            return "A1:A1"
        return f"A1:{get_column_letter(columns)}{len(self.rows)}"

    def sheet_data(self, book: Workbook) -> bytes:
        """The ``<sheetData>`` element of the rows, each styled cell's style registered in
        ``book`` as openpyxl's writer registers it on the way."""
        registered: Any = book._cell_styles  # type: ignore[attr-defined]  # openpyxl's own list
        ids: dict[str | None, str] = {}
        letters = [get_column_letter(c) for c in range(1, 1 + max(len(v) for v, _ in self.rows))]
        out = ["<sheetData>"]
        for n, (values, styles) in enumerate(self.rows, 1):
            height = self.heights.get(n)
            high = f' ht="{safe_string(height)}" customHeight="1"' if height else ""
            out.append(f'<row r="{n}"{high}>')
            for letter, value, style in zip(letters, values, styles, strict=False):
                if style not in ids:
                    array = self.styles[style]
                    styled = array is not None and any(array)
                    ids[style] = f' s="{registered.add(array)}"' if styled else ""
                s = ids[style]
                if isinstance(value, str):
                    out.append(_text(f'<c r="{letter}{n}"{s} t="inlineStr">', value))
                elif value is not None:
                    out.append(f'<c r="{letter}{n}"{s} t="n"><v>{safe_string(value)}</v></c>')
                elif s:
                    out.append(f'<c r="{letter}{n}"{s} t="n"></c>')
            out.append("</row>")
        out.append("</sheetData>")
        return "".join(out).encode("ascii", "xmlcharrefreplace")


def _text(start: str, value: str) -> str:
    """An inline text cell, its text escaped as libxml2 escapes it (the rest of the characters,
    non-ASCII ones, become character references when the sheet is encoded)."""
    if not value:
        return f"{start}</c>"
    space = ' xml:space="preserve"' if value != value.strip() else ""
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        value = value.replace("\r", "&#13;")
    return f"{start}<is><t{space}>{value}</t></is></c>"


def save(book: Workbook, sheets: Sequence[Sheet], modified: dt.datetime) -> bytes:
    """The workbook's bytes, each of ``sheets`` with its rows (:func:`fixed_zip`, stamped
    ``modified``).

    Raises:
        ValueError: openpyxl wrote a sheet's part in a form this module does not know.
    """
    order = {id(sheet): n for n, sheet in enumerate(book.worksheets)}
    written = sorted(sheets, key=lambda out: order[id(out.sheet)])
    data = [(out, out.sheet_data(book) if out.rows else b"") for out in written]
    for out, _ in data:
        out.sheet.merged_cells = MultiCellRange(out.merged)
    buffer = io.BytesIO()
    book.save(buffer)
    edits = {out.sheet.path[1:]: _spliced(out.dimensions, rows) for out, rows in data}
    return fixed_zip(buffer.getvalue(), modified=modified, edits=edits)


def _spliced(dimensions: str, rows: bytes) -> Callable[[bytes], bytes]:
    def splice(part: bytes) -> bytes:
        for empty in (b"<sheetData></sheetData>", b"<sheetData/>"):
            if part.count(empty) == 1 and part.count(b'<dimension ref="A1:A1"/>') == 1:
                dimension = f'<dimension ref="{dimensions}"/>'.encode()
                part = part.replace(b'<dimension ref="A1:A1"/>', dimension)
                return part.replace(empty, rows or empty)
        raise ValueError("openpyxl wrote the sheet in an unexpected form")

    return splice


LINE_HEIGHT = 1.3
"""A wrapped line's height in points, per point of the font's size."""


def fit_rows(out: Sheet, widths: Sequence[float]) -> None:
    """Give each row the height its wrapped text needs, since Excel only grows a row that
    someone edits: the lines of each text cell in its column's width (or in its merged range's
    width, a vertical merge sharing its lines among its rows), at its font's size.

    Args:
        out: A filled sheet whose cells wrap.
        widths: Its column widths, in Excel's character units (a Chinese character takes two).
    """
    spans = {}
    for merged in out.merged:
        across = sum(widths[c - 1] for c in range(merged.min_col, merged.max_col + 1))
        spans[(merged.min_row, merged.min_col)] = (across, merged.max_row - merged.min_row + 1)
    book: Any = out.sheet.parent
    fonts = book._fonts
    sizes: dict[str | None, float] = {}
    for style, array in out.styles.items():
        font = fonts[(array or StyleArray()).fontId]
        sizes[style] = (font.sz if font else None) or 11  # points; a layout measure
    lines_of: dict[tuple[str, float], int] = {}
    for n, (values, styles) in enumerate(out.rows, 1):
        needed = 0.0
        for c, (value, style) in enumerate(zip(values, styles, strict=True), 1):
            if not isinstance(value, str) or not value:
                continue
            across, rows = spans.get((n, c), (widths[c - 1], 1))
            per_line = max(across - 1.5, 2.0)  # the cell's padding
            key = (value, per_line)
            if (lines := lines_of.get(key)) is None:
                lines = lines_of[key] = sum(_lines(part, per_line) for part in value.split("\n"))
            needed = max(needed, lines * sizes[style] * LINE_HEIGHT / rows)
        if needed:
            out.heights[n] = round_up_points(needed)


def _lines(text: str, per_line: float) -> int:
    """The lines ``text`` wraps into at ``per_line`` half-width characters a line; a text of
    no more characters than half of that fits on one, whatever they are (none is wider than
    two halves), without measuring it."""
    if len(text) * 2 <= per_line:
        return 1
    return max(1, math.ceil(width(text) * 2 / per_line))


def round_up_points(height: float) -> float:
    """A row height in Excel's steps (¼ point), never lower than the default 15 points."""
    return max(15.0, math.ceil(height * 4) / 4)
