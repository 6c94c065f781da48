"""The rows of perfgen's sheets written as one XML part (perfgen.writers.sheet_rows): the same
bytes as openpyxl writes for the same cells, built here one Cell at a time as openpyxl's own
API builds them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal as D
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

from perfgen.writers import fixed_zip
from perfgen.writers.sheet_rows import Sheet, add_styles, fit_rows, save

STAMP = dt.datetime(2024, 1, 1)

FIRST: list[tuple[list[Any], list[str | None]]] = [
    (["标题 & <说明>"], ["大"]),
    (
        [" 前有空格", "后有空格 ", "\u3000全角空格", "a&b<c>d\"e'f", "行一\n行二\r\n行三\tx"],
        ["字", "字", None, "数", "字"],
    ),
    (["😀 emoji", "", None, 0, -3], ["字", "字", "字", "数", None]),
    ([D("0.9963"), D("1836.20"), 1.5, 12345678901234567890, None], ["数"] * 5),
    (["=SUM(A1)", "响\x07铃", "长" * 40_000, None, "末"], [None, "字", "字", None, "大"]),
    ([None, None, None], [None, None, None]),  # nothing to write: an empty row
]
SECOND: list[tuple[list[Any], list[str | None]]] = [
    (["另一张表", 7], ["新", "数"]),  # a style the first sheet never used
    (["字"], ["字"]),
]


def _styles() -> list[NamedStyle]:
    wrap = Alignment(wrap_text=True)
    return [
        NamedStyle("字", font=Font(name="宋体", size=11), alignment=wrap),
        NamedStyle("大", font=Font(name="宋体", size=16, bold=True), alignment=wrap),
        NamedStyle("数", font=Font(name="宋体", size=11), number_format="0.00"),
        NamedStyle("新", font=Font(name="黑体", size=12)),
    ]


def _ours() -> tuple[bytes, list[dict[int, float]]]:
    book = Workbook()
    styles = add_styles(book, _styles())
    first = book.active
    assert first is not None
    sheets = [Sheet(first, styles), Sheet(book.create_sheet("二"), styles)]
    for out, rows in zip(sheets, (FIRST, SECOND), strict=True):
        for values, names in rows:
            out.add(values, names)
    sheets[0].merge(1, 1, 1, 5)
    for out in sheets:
        fit_rows(out, [10, 10, 20, 8, 8])
    return save(book, sheets, STAMP), [out.heights for out in sheets]


def _openpyxl(heights: list[dict[int, float]]) -> bytes:
    """The same workbook through openpyxl's cells (as perfgen wrote it before): each cell built
    with its named style's indexes, text set as a string, the heights given."""
    book = Workbook()
    styles: dict[str | None, Any] = {None: None}
    for style in _styles():
        book.add_named_style(style)
        styles[style.name] = style.as_tuple()
    first = book.active
    assert first is not None
    for sheet, rows, high in zip(
        (first, book.create_sheet("二")), (FIRST, SECOND), heights, strict=True
    ):
        for r, (values, names) in enumerate(rows, 1):
            cells = []
            for c, (value, name) in enumerate(zip(values, names, strict=True), 1):
                cell = Cell(sheet, r, c, style_array=styles[name])
                if isinstance(value, str):
                    cell.value = value.replace("\x07", "␇")
                    cell.data_type = "s"
                else:
                    cell.value = value
                cells.append(cell)
            sheet.append(cells)
        for r, height in high.items():
            sheet.row_dimensions[r].height = height
    first.merged_cells = MultiCellRange([CellRange("A1:E1")])
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue(), modified=STAMP)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_rows_are_the_bytes_openpyxl_writes_for_the_same_cells() -> None:
    ours, heights = _ours()
    assert heights[0][1] == 21  # the title: one line of 16 points × 1.3, rounded up to ¼
    assert heights[0][5] > 15  # 40,000 characters wrap (cut at 32,767)
    expected = _parts(_openpyxl(heights))
    got = _parts(ours)
    assert list(got) == list(expected)
    for name in expected:
        assert got[name] == expected[name], name
    sheet = got["xl/worksheets/sheet1.xml"]
    assert b'<dimension ref="A1:E6"/>' in sheet
    assert b'<t xml:space="preserve"> &#21069;' in sheet  # leading space kept, CJK as references
    assert b"a&amp;b&lt;c&gt;d\"e'f" in sheet
    assert b"&#13;" in sheet  # a carriage return, as libxml2 writes it in text
    assert "长".encode("ascii", "xmlcharrefreplace") * 32_767 in sheet
    assert "长".encode("ascii", "xmlcharrefreplace") * 32_768 not in sheet


def test_an_empty_sheet_is_left_as_openpyxl_writes_it() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    out = Sheet(sheet, add_styles(book, []))
    assert out.dimensions == "A1:A1" and out.row == 0
    buffer = io.BytesIO()
    book.save(buffer)
    assert save(book, [out], STAMP) == fixed_zip(buffer.getvalue(), modified=STAMP)


@pytest.mark.parametrize("value", [True, dt.date(2024, 1, 1), 1j])
def test_a_value_that_is_neither_text_nor_number_is_refused(value: object) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    out = Sheet(sheet, add_styles(book, []))
    with pytest.raises(TypeError):
        out.add([value], [None])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="1 values but 2 styles"):
        out.add(["一"], [None, None])
