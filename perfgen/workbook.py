"""Read a 部门整体支出绩效自评表 from an Excel workbook (the common column layout).

The sheet named 自评表 (else the first sheet) is searched for its header rows by their
texts, as :mod:`perfgen.table_layout` defines them: the funding block (全年预算数, 全年执行数 …)
and the indicator block (一级指标 … 偏差原因分析及改进措施). Merged 一级/二级指标 cells apply to
every row they span. Every bad cell is
reported with sheet, cell and column; numbers are read as Decimal from Excel's shortest
representation of the stored double, so 1836.2 stays 1836.2.
"""

from __future__ import annotations

import bisect
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange
from pydantic import ValidationError

from perfgen.errors import InputError, Problem
from perfgen.model import SelfEvaluationTable
from perfgen.table_layout import (
    END_LABELS,
    FUNDING_COLUMNS,
    INDICATOR_COLUMNS,
    SHEET,
    SUBTOTAL_PREFIXES,
    TOTAL_LABELS,
    read_columns,
)
from perfgen.validation import Input
from perfgen.values import ACHIEVED, INDICATOR_KINDS

COMPARATORS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", "=": "=", "＝": "=", "定性": "定性"}
"""How workbooks write 指标性质 → the comparator."""

KIND_WORDS = {label.removesuffix("指标"): kind for kind, label in INDICATOR_KINDS.items()}
"""A word in 二级指标 → the indicator kind (产出 → output …)."""


MAX_CELLS = 2_000_000
"""Most non-empty cells read from a sheet (a 自评表 of 10,000 indicators has about 110,000)."""


class _Reader:
    """A sheet's non-empty cells and merged ranges, read in one streaming pass, with merged
    cells resolved to their top-left cell and problems collected.

    The workbook is opened read-only, so openpyxl neither builds a cell object for every
    position nor styles every cell of a merged range (which grows with the square of a long
    table); merged ranges are kept as ranges and looked up by column.
    """

    def __init__(self, file: str, sheet: Any) -> None:
        self.file, self.title = file, sheet.title
        self.problems: list[Problem] = []
        self.rows: dict[int, dict[int, Any]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self._spans: dict[int, tuple[list[int], list[tuple[int, int, int]]]] = {}
        self._read(sheet)
        self.max_row = max(self.rows, default=0)
        self.max_column = max((max(cells) for cells in self.rows.values() if cells), default=0)

    def _read(self, sheet: Any) -> None:
        # openpyxl's own worksheet parser, as its read-only rows use it: one pass yields the
        # cells and, at the end of the sheet's XML, the merged ranges.
        book = sheet.parent
        count = 0
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for row, cells in parser.parse():
                values = {c["column"]: c["value"] for c in cells if c["value"] is not None}
                if values:
                    self.rows[row] = values
                    count += len(values)
                    if count > MAX_CELLS:
                        message = f"工作表过大：非空单元格超过 {MAX_CELLS} 个，不是自评表"
                        raise InputError([Problem(self.file, row, 0, self.title, message)])
            merged = parser.merged_cells.mergeCell if parser.merged_cells else []
        for cell_range in merged:
            self.merges.append(CellRange(cell_range.ref).bounds)

    def top(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding ``(row, col)``, or the cell itself."""
        if col not in self._spans:
            spans = sorted(
                (top, bottom, left)
                for left, top, right, bottom in self.merges
                if left <= col <= right
            )
            self._spans[col] = ([s[0] for s in spans], spans)
        starts, spans = self._spans[col]
        at = bisect.bisect_right(starts, row) - 1
        if at >= 0 and spans[at][0] <= row <= spans[at][1]:
            return spans[at][0], spans[at][2]
        return row, col

    def value(self, row: int, col: int) -> Any:
        top = self.top(row, col)
        value = self.rows.get(top[0], {}).get(top[1])
        return value.strip() if isinstance(value, str) else value

    def text(self, row: int, col: int) -> str:
        value = self.value(row, col)
        return "" if value is None else str(value)

    def fail(self, row: int, col: int, header: str, message: str) -> None:
        where = f"{self.title}!{get_column_letter(col)}{row}"
        self.problems.append(Problem(self.file, row, col, where, f"{header}列：{message}"))

    def number(self, row: int, col: int, header: str) -> Decimal | None:
        value = self.value(row, col)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self.fail(row, col, header, f"应为数字，实际为 {value}")
            return None
        try:
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
        except InvalidOperation:
            self.fail(row, col, header, f"应为数字，实际为 “{value}”")
            return None

    def find(self, *texts: str) -> tuple[int, int] | None:
        """The first cell, row by row, whose text starts with any of ``texts``."""
        for row in sorted(self.rows):
            for col in sorted(self.rows[row]):
                value = self.rows[row][col]
                if isinstance(value, str) and value.strip().startswith(texts):
                    return row, col
        return None

    def columns(self, row: int, wanted: dict[str, str]) -> dict[str, int]:
        """Map the fields of ``wanted`` to the columns of the header row ``row``."""
        found: dict[str, int] = {}
        for col in sorted(self.rows.get(row, {})):
            if self.top(row, col) != (row, col):
                continue
            header = self.text(row, col)
            for prefix, field in wanted.items():
                if header.startswith(prefix) and field not in found:
                    found[field] = col
        return found


def read_table(path: str | Path) -> SelfEvaluationTable:
    """Read the self-evaluation table of a workbook.

    Args:
        path: The .xlsx file.

    Returns:
        The table as the YAML would state it (scores in the sheet count as typed).

    Raises:
        InputError: unreadable file, missing headers, or bad cells (all of them, located).
    """
    name = str(path)
    unreadable = InputError([Problem(name, 0, 0, "", "不是可读取的 Excel（.xlsx）文件")])
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError([Problem(name, 0, 0, "", "文件不存在")]) from None
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile):
        raise unreadable from None
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        reader = _Reader(name, sheet)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError):
        raise unreadable from None
    finally:
        book.close()
    header = reader.find("三级指标")
    if header is None:
        raise InputError([Problem(name, 0, 0, reader.title, "找不到指标表头（“三级指标”所在行）")])
    data: dict[str, Any] = {
        "indicators": _indicators(reader, header[0]),
        **_funding(reader),
        **_texts(reader),
    }
    if reader.problems:
        raise InputError(reader.problems)
    try:
        return SelfEvaluationTable.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(name, 0, 0, reader.title, f"{'.'.join(map(str, e['loc']))}：{e['msg']}")
            for e in exc.errors()
        ]
        raise InputError(problems) from None


def _indicators(reader: _Reader, header: int) -> list[dict[str, Any]]:
    columns = reader.columns(header, read_columns(INDICATOR_COLUMNS))
    missing = [c.match for c in INDICATOR_COLUMNS if c.required and c.field not in columns]
    if missing:
        reader.fail(
            header, 1, "表头", f"找不到{'、'.join(missing)}列；表头的合并单元格须拆开，每列一个标题"
        )
        return []
    headers = {c.field: c.match for c in INDICATOR_COLUMNS}
    rows = []
    for row in range(header + 1, reader.max_row + 1):
        first = reader.text(row, columns["level1"])
        if first.startswith(END_LABELS) or not reader.text(row, columns["name"]):
            break
        item: dict[str, Any] = {"name": reader.text(row, columns["name"])}
        for field in ("level1", "level2", "unit", "deviation"):
            if field in columns and reader.text(row, columns[field]):
                item[field] = reader.text(row, columns[field])
        sign = reader.text(row, columns["comparator"])
        if sign not in COMPARATORS:
            reader.fail(
                row, columns["comparator"], "指标性质", f"应为 ≥、≤、= 或 定性，实际为 “{sign}”"
            )
            continue
        item["comparator"] = COMPARATORS[sign]
        actual = reader.text(row, columns["actual"])
        if actual in ACHIEVED:
            item["achieved"] = actual
        elif actual.startswith("约"):
            item["approximate"] = True
            item["actual"] = _parse(reader, row, columns["actual"], actual[1:], "实际完成值")
        else:
            item["actual"] = reader.number(row, columns["actual"], "实际完成值")
        for field in ("target", "weight", "score"):
            item[field] = reader.number(row, columns[field], headers[field])
        for word, kind in KIND_WORDS.items():
            if word in item.get("level2", ""):
                item["kind"] = kind
        rows.append({k: v for k, v in item.items() if v is not None})
    return rows


def _parse(reader: _Reader, row: int, col: int, text: str, header: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        reader.fail(row, col, header, f"应为数字，实际为 “{text}”")
        return None


def _funding(reader: _Reader) -> dict[str, Any]:
    header = reader.find("全年执行数")
    if header is None:
        return {}
    columns = reader.columns(header[0], read_columns(FUNDING_COLUMNS))
    names = {c.field: c.match for c in FUNDING_COLUMNS}
    labels = columns.get("name", 1)
    out: dict[str, Any] = {"funding": []}
    for row in range(header[0] + 1, reader.max_row + 1):
        label = reader.text(row, labels)
        for prefix in SUBTOTAL_PREFIXES:
            label = label.removeprefix(prefix)
        if not label or label.endswith("指标"):
            break
        amounts = {
            f: reader.number(row, columns[f], names[f])
            for f in ("initial_budget", "full_year_budget", "executed")
            if f in columns
        }
        if label in TOTAL_LABELS:
            for field, key in (("weight", "funding_weight"), ("score", "funding_score")):
                if field in columns:
                    out[key] = reader.number(row, columns[field], names[field])
            continue
        row_data: dict[str, Any] = {k: v for k, v in amounts.items() if v is not None}
        out["funding"].append({"name": label, **row_data})
    return {k: v for k, v in out.items() if v is not None}


def _texts(reader: _Reader) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label, field in (
        ("年度总体绩效目标", "goals"),
        ("评价结论", "conclusion"),
        ("负责人", "responsible"),
        ("填表人", "preparer"),
    ):
        at = reader.find(label)
        if at is None:
            continue
        for col in range(at[1] + 1, reader.max_column + 1):
            text = reader.text(at[0], col)
            if text and text != reader.text(*at):  # skip the label's own merged cells
                out[field] = text
                break
    return out


def attach_table(source: Input, path: Path) -> Input:
    """``source`` with its self-evaluation table read from the workbook ``path``.

    Whatever the YAML's ``evaluation.table`` held besides ``xlsx`` and ``appendix`` is replaced,
    and so are the placeholders recorded there.

    Raises:
        InputError: the workbook cannot be read or has bad cells.
    """
    table = read_table(path)
    report = source.report
    old = report.evaluation.table
    if old is not None:
        table = table.model_copy(update={"appendix": old.appendix, "xlsx": old.xlsx})
    evaluation = report.evaluation.model_copy(update={"table": table})
    kept = ("evaluation", "table", "xlsx"), ("evaluation", "table", "appendix")
    pending = {
        path: text
        for path, text in source.pending.items()
        if path[:2] != ("evaluation", "table") or path[:3] in kept
    }
    return Input(report.model_copy(update={"evaluation": evaluation}), source.source, pending)
