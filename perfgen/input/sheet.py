"""One worksheet of a user's workbook, read in one bounded streaming pass.

The workbook is read into memory only when it is a regular file within :data:`MAX_BYTES` whose
members unpack to at most :data:`MAX_UNPACKED` bytes (:mod:`perfgen.files`); it is then opened
read-only, so openpyxl neither builds an object for every position of the sheet's dimension nor
styles every cell of a merged range, and the sheet is streamed by openpyxl's own worksheet
parser, which yields the cells and, at the end of the sheet, the merged ranges. Rows, cells and
merged ranges are counted as they come and refused past their limits, before any later work.
Merged ranges are kept as ranges and looked up by column. Each problem names sheet, cell, column.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.worksheet._reader import (
    FORMULA_TAG,
    MERGE_TAG,
    ROW_TAG,
    VALUE_TAG,
    WorkSheetParser,
)

from perfgen.errors import InputError
from perfgen.files import read_zip
from perfgen.input.merges import Merges
from perfgen.input.sheet_xml import elements, plain_cell
from perfgen.input.values import printed_number
from perfgen.locations import Problem, shortened

MAX_BYTES = 20_000_000
"""Largest workbook file accepted (a 自评表 of 10,000 indicators is about 0.5 MB)."""

MAX_UNPACKED = 100_000_000
"""Most bytes a workbook's parts may unpack to."""

MAX_ROWS = 100_000
"""Most non-empty rows read from a sheet."""

MAX_CELLS = 500_000
"""Most non-empty cells read from a sheet (10,000 indicators fill about 110,000)."""

MAX_MERGES = 100_000
"""Most merged ranges read from a sheet."""

FORMULA: Final = object()
"""The value of a formula cell whose result the file does not hold."""

_UNREADABLE = "不是可读取的 Excel（.xlsx）文件"
_MERGE_CELL_TAG = MERGE_TAG.removesuffix("s")
_ENTITIES = "工作簿的 XML 中有实体声明（<!ENTITY>），Excel 不会写出这种内容，已拒绝"


class _Parser(WorkSheetParser):
    """openpyxl's worksheet parser, marking a formula whose result was never saved (a file
    written by a program that does not calculate) instead of reading it as an empty cell, and
    reading a cell openpyxl cannot (a number “NaN”, a shared string that does not exist, a bad
    date) as empty, told to ``bad`` with its row and column."""

    bad: Callable[[int, int, str], None]
    merge_refs: list[str]

    def parse(self) -> Any:
        """The rows, as openpyxl's parser yields them, and the merged ranges' references (kept
        as text in :attr:`merge_refs`, at most one past :data:`MAX_MERGES`); the rest of the
        sheet (page setup, formatting …) is skipped unread, so it can neither fail nor cost."""
        self.merge_refs = []
        for _, element in elements(self.source):
            if element.tag == ROW_TAG:
                try:
                    row = self.parse_row(element)
                except Exception:  # a row number that is not one
                    self.row_counter += 1
                    self.bad(self.row_counter, 1, "这一行的编号无法读取，整行未读")
                    row = None
                element.clear()
                if row is not None:
                    yield row
            elif element.tag == _MERGE_CELL_TAG:
                self.merge_refs.append(element.get("ref") or "")
                element.clear()
                if len(self.merge_refs) > MAX_MERGES:
                    return  # refused by the caller, before more are read

    def parse_cell(self, element: Any) -> Any:
        try:
            cell = plain_cell(self, element) or super().parse_cell(element)
        except Exception:  # the cell's XML is not what Excel writes: the user's file is bad
            try:
                row, column = coordinate_to_tuple(element.get("r") or "")
            except Exception:
                row, column = self.row_counter, self.col_counter + 1
            self.col_counter = column
            kind, text = element.get("t", "n"), element.findtext(VALUE_TAG) or ""
            self.bad(row, column, f"单元格无法读取（类型“{kind}”，内容“{_shown(text)}”）")
            return {"row": row, "column": column, "value": None, "data_type": "n", "style_id": 0}
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = FORMULA
        return cell


class Sheet:
    """The non-empty cells and merged ranges of one worksheet, and the problems found in it.

    Attributes:
        file: The workbook's name as the user gave it.
        title: The sheet's name.
        rows: Row number → column number → value (strings stripped).
        problems: Every bad cell found, located as ``sheet!cell`` with its column's header.
        max_row, max_column: The last row and column holding a value.
    """

    def __init__(self, file: str, sheet: Any) -> None:
        self.file, self.title = file, sheet.title
        self.problems: list[Problem] = []
        self.rows: dict[int, dict[int, Any]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self._texts: list[tuple[int, int, str]] | None = None  # text cells in order (find)
        self._read(sheet)
        self._merges = Merges(self.merges)
        self.max_row = max(self.rows, default=0)
        self.max_column = max((max(cells) for cells in self.rows.values()), default=0)

    def _too_large(self, row: int, what: str, limit: int) -> InputError:
        message = f"工作表过大：{what}超过 {limit} 个，不是自评表"
        place = self.place(row, 1) if row else self.title
        return InputError([Problem(self.file, row, 1 if row else 0, place, message)])

    def _read(self, sheet: Any) -> None:
        book = sheet.parent
        cells = 0
        with sheet._get_source() as source, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of a date serial out of range
            parser = _Parser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            parser.bad = lambda row, col, message: self.fail(row, col, "", message)
            for row, found in parser.parse():
                values = {
                    c["column"]: v.strip() if isinstance(v := c["value"], str) else v for c in found
                }
                values = {column: v for column, v in values.items() if v not in (None, "")}
                if not values:
                    continue
                self.rows[row] = values
                cells += len(values)
                if len(self.rows) > MAX_ROWS:
                    raise self._too_large(row, "有内容的行", MAX_ROWS)
                if cells > MAX_CELLS:
                    raise self._too_large(row, "非空单元格", MAX_CELLS)
            merged = parser.merge_refs
        if len(merged) > MAX_MERGES:
            raise self._too_large(0, "合并单元格区域", MAX_MERGES)
        for ref in merged:
            try:
                left, top, right, bottom = range_boundaries(ref)
                self.merges.append((left or 1, top or 1, right or 16_384, bottom or 1_048_576))
            except Exception:  # not a range Excel writes
                message = f"合并单元格区域“{_shown(ref)}”无法读取，请在 Excel 中重新合并"
                self.problems.append(Problem(self.file, 0, 0, self.title, message))

    def top(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding ``(row, col)``, or the cell itself."""
        return self._merges.top(row, col)

    def value(self, row: int, col: int, header: str) -> Any:
        """The value shown at ``(row, col)``; a formula without a saved result is a problem
        (reported once) and reads as empty."""
        top = self.top(row, col)
        value = self.rows.get(top[0], {}).get(top[1])
        if value is FORMULA:
            self.fail(
                *top,
                header,
                "单元格是公式，但文件中没有保存它的计算结果；请在 Excel 中打开并保存，或改填数值",
            )
            self.rows[top[0]][top[1]] = None
            return None
        return value

    def text(self, row: int, col: int, header: str = "") -> str:
        """The cell's value as text ("" when empty)."""
        value = self.value(row, col, header)
        return "" if value is None else str(value)

    def place(self, row: int, col: int) -> str:
        """``sheet!cell``, e.g. ``自评表!E9``."""
        return f"{self.title}!{get_column_letter(col)}{row}"

    def fail(self, row: int, col: int, header: str, message: str) -> None:
        """Record a problem at a cell, under its column's header."""
        text = f"{header}列：{message}" if header else message
        self.problems.append(Problem(self.file, row, col, self.place(row, col), text))

    def number(self, row: int, col: int, header: str, unit: str = "") -> Decimal | None:
        """The cell as a Decimal (Excel's shortest text of the stored double), or ``None``; a
        text cell may carry ``unit`` after its number, as reports print it (“1,300人次”)."""
        value = self.value(row, col, header)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self.fail(row, col, header, f"应为数字，实际为 {value}")
            return None
        if type(value) is int and not (unit and str(value).endswith(unit)):
            return Decimal(value)  # as Decimal(str(value)): the same digits, exponent 0
        text = repr(value) if isinstance(value, float) else str(value).strip()
        number = finite(text.removesuffix(unit) if unit and text != unit else text)
        if number is None:
            self.fail(row, col, header, f"应为数字，实际为 “{_shown(value)}”")
        return number

    def find(self, *texts: str) -> tuple[int, int] | None:
        """The first cell, row by row, whose text starts with any of ``texts`` (the text cells
        put in order once, as a search may scan the whole sheet: a label below the table)."""
        if self._texts is None:
            cells = ((r, c, v) for r in sorted(self.rows) for c, v in sorted(self.rows[r].items()))
            self._texts = [cell for cell in cells if isinstance(cell[2], str)]
        return next(((r, c) for r, c, v in self._texts if v.startswith(texts)), None)

    def columns(self, row: int, wanted: dict[str, str]) -> dict[str, int]:
        """Map the fields of ``wanted`` (header start → field) to the columns of header row
        ``row``; merged continuation cells are skipped."""
        found: dict[str, int] = {}
        for col in sorted(self.rows.get(row, {})):
            if self.top(row, col) != (row, col):
                continue
            header = self.text(row, col)
            for prefix, field in wanted.items():
                if header.startswith(prefix) and field not in found:
                    found[field] = col
        return found


def open_sheet(path: str | Path, name: str) -> Sheet:
    """The sheet ``name`` of a workbook (else its first sheet), read in one bounded pass.

    Raises:
        InputError: the file is missing, not a regular file, too large (packed or unpacked), not
            an xlsx, holds no sheet, or has more rows, cells or merged ranges than allowed.
    """
    file = str(path)
    data = read_zip(path, MAX_BYTES, MAX_UNPACKED, "Excel 工作簿")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(data, read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise InputError([Problem(file, 0, 0, "", "工作簿中没有工作表")])
            sheet = book[name] if name in book.sheetnames else book.worksheets[0]
            return Sheet(file, sheet)
        finally:
            book.close()
    except InputError:
        raise
    except Exception as exc:  # whatever openpyxl makes of a damaged file: the user's file is bad
        message = _ENTITIES if _defused(exc) else _UNREADABLE
        raise InputError([Problem(file, 0, 0, "", message)]) from None


def _defused(exc: BaseException | None) -> bool:
    """Whether defusedxml (which openpyxl parses with when it is installed) refused an entity
    declaration somewhere in the chain of ``exc`` (openpyxl re-raises it as a ValueError)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DefusedXmlException):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def finite(text: str) -> Decimal | None:
    """``text`` as a finite Decimal — also as a report prints it (“1,234.56”, “98.76%”,
    :func:`perfgen.input.values.printed_number`) — or ``None`` when it is not a number (NaN and
    infinities included)."""
    if (printed := printed_number(text)) is not None:
        return printed
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _shown(value: Any) -> str:
    return shortened(str(value), 38)
