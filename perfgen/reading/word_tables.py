"""The rows of a Word table, read in one pass over its XML, bounded before they are read.

python-docx works out a row's cells by walking the grid: a cell spanning ``gridSpan`` columns
is listed that many times, and a cell continuing a vertical merge (``vMerge``) is found by
walking up to the cell that starts it, row by row. A ``gridSpan`` of 10^8 then costs gigabytes,
a chain of 3,000 merged rows is quadratic, and a merge in the first row (or under a shorter
row) is a traceback. Here each row is read once, left to right, keeping only the cell that
starts each column's merge in the row above: the cost is the number of cells, whatever the
spans and merges say.

Limits (each breach a located message naming it): :data:`MAX_TABLE_ROWS` rows a table,
:data:`MAX_COLUMNS` grid columns a row (a span counts its columns). A merge chain is bounded by
its table's rows and costs nothing per row.
"""

from __future__ import annotations

import re
from typing import Any

from perfgen.errors import InputError
from perfgen.locations import Problem

MAX_TABLE_ROWS = 5_000
"""Most rows a Word table may have (a report's largest, the 指标 table, has tens)."""

MAX_COLUMNS = 63
"""Most grid columns a row may have: Word's own limit on a table's columns."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NUMBER = re.compile(r"^\d{1,9}$")


def table_rows(table: Any, number: int, path: str) -> list[tuple[str, ...]]:
    """The cells of each row of ``table`` (a ``w:tbl`` element), one text per cell as Word
    shows it: a spanned cell once, a vertically merged cell with the text of the cell that
    starts the merge (and once, where it repeats the cell before it).

    Args:
        table: The ``w:tbl`` element.
        number: Its 1-based number among the document's tables, for messages.
        path: The file, for messages.

    Raises:
        InputError: the table has more than :data:`MAX_TABLE_ROWS` rows, a row more than
            :data:`MAX_COLUMNS` columns, or a span that is not a whole number; each named
            by table, row and cell.
    """
    from docx.table import _Cell

    rows = table.findall(f"{_W}tr")
    if len(rows) > MAX_TABLE_ROWS:
        message = f"表格有 {len(rows)} 行，超过可读取的 {MAX_TABLE_ROWS} 行上限"
        raise InputError([Problem(path, 0, 0, f"第 {number} 个表格", message)])
    above: dict[int, tuple[tuple[int, int], str]] = {}  # grid column -> the merge's first cell
    out: list[tuple[str, ...]] = []
    for r, row in enumerate(rows, 1):
        column = _value(
            row.find(f"{_W}trPr/{_W}gridBefore"), 0, f"第 {number} 个表格第 {r} 行", path
        )
        here: dict[int, tuple[tuple[int, int], str]] = {}
        cells: list[tuple[tuple[int, int], str]] = []
        for c, cell in enumerate(row.findall(f"{_W}tc"), 1):
            where = f"第 {number} 个表格第 {r} 行第 {c} 格"
            span = _value(cell.find(f"{_W}tcPr/{_W}gridSpan"), 1, where, path)
            if column + max(span, 1) > MAX_COLUMNS:
                message = f"表格的一行超过 {MAX_COLUMNS} 列（Word 表格的列数上限），无法读取"
                raise InputError([Problem(path, 0, 0, where, message)])
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            # a merge with no cell above it (the first row, under a shorter row) starts here
            origin = above.get(column) if continued else None
            if origin is None:
                origin = ((r, c), _Cell(cell, None).text)  # type: ignore[arg-type]
            for n in range(column, column + max(span, 1)):
                here[n] = origin
            cells.append(origin)
            column += max(span, 1)
        above = here
        out.append(
            tuple(text for n, (key, text) in enumerate(cells) if n == 0 or key != cells[n - 1][0])
        )
    return out


def _value(element: Any, default: int, where: str, path: str) -> int:
    """The whole number in ``element``'s ``w:val`` (a span, a count of skipped columns)."""
    if element is None:
        return default
    value = element.get(f"{_W}val", "")
    if not _NUMBER.match(value):
        message = f"表格的列数“{value[:20]}”不是整数（文件已损坏？），无法读取"
        raise InputError([Problem(path, 0, 0, where, message)])
    if int(value) > MAX_COLUMNS:
        message = f"表格的一格跨 {value} 列，超过 {MAX_COLUMNS} 列（Word 表格的列数上限），无法读取"
        raise InputError([Problem(path, 0, 0, where, message)])
    return int(value)
