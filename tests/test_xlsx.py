"""The Excel writer of the 自评表: layout, numbers and formats, merged groups, pending 总分,
repeatable bytes.

The table below is built for hand arithmetic; test_table.py covers the CLI and the round trip.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal as D
from typing import Any

import openpyxl
import pytest
from helpers import minimal, read
from openpyxl.worksheet.worksheet import Worksheet

import perfgen
from perfgen.input.table_layout import FUNDING_COLUMNS, INDICATOR_COLUMNS, WIDTHS
from perfgen.writers.xlsx import render


def indicator(*cells: object, **extra: object) -> dict[str, object]:
    """An indicator from level1, level2, name, target, actual, unit, weight (None: not given)."""
    keys = ("level1", "level2", "name", "target", "actual", "unit", "weight")
    return {k: v for k, v in zip(keys, cells, strict=True) if v is not None} | extra


QUALITATIVE = {"comparator": "定性", "achieved": "基本达成"}
TABLE = {
    "goals": "加强统筹协调。",
    "funding": [
        {
            "name": "财政拨款",
            "initial_budget": D("1800.00"),
            "full_year_budget": D("1836.20"),
            "executed": D("1829.40"),
        },
        {"name": "其他资金", "full_year_budget": D("20.00"), "executed": D("10.00")},
    ],
    "funding_weight": 10,
    "indicators": [
        indicator("履职效能", "产出指标", "甲", 80, 88, "人次", 20),
        indicator("履职效能", "产出指标", "乙", 900, 1300, "人次", 20, approximate=True),
        indicator("履职效能", "效益指标", "丙", None, None, None, 20, **QUALITATIVE),
        indicator("管理效率", "效益指标", "丁", 95, 90, "%", 10, deviation="设备待报废"),
        indicator("管理效率", None, "戊", 10, D("0.25"), "%", 10, comparator="≤"),
        indicator(None, None, "己", 3, 3, "篇", 10),
    ],
    "conclusion": "绩效良好。",
}
# Rows: 1 title, 2 year, 3 unit, 4 goals, 5 funding header, 6 total, 7–8 “其中：”, 9 indicator
# header, 10–15 indicators, 16 总分, 17 grade, 18 conclusion, 19 signatures.


def workbook(table: dict[str, Any], date: dt.date | None = None) -> bytes:
    source = read(minimal(evaluation={"table": table}))
    return render(source.report, perfgen.derive(source), date)


def sheet_of(data: bytes) -> Worksheet:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["自评表"]
    assert isinstance(sheet, Worksheet)
    return sheet


def values(sheet: Worksheet, row: int) -> list[object]:
    """A row's values, each double read as the Decimal of its shortest form (1836.2 → 1836.2)."""
    return [D(repr(c.value)) if isinstance(c.value, float) else c.value for c in sheet[row]]


@pytest.fixture(scope="module")
def sheet() -> Worksheet:
    return sheet_of(workbook(TABLE))


def test_header_rows_follow_the_layout(sheet: Worksheet) -> None:
    assert sheet.title == "自评表"
    assert values(sheet, 5) == [c.header for c in FUNDING_COLUMNS] + [None] * 4
    assert values(sheet, 9) == [c.header for c in INDICATOR_COLUMNS]
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJK"]
    assert widths == list(WIDTHS)


def test_funding_rows_are_numbers_and_fractions(sheet: Worksheet) -> None:
    # total row: 1800.00 (the only initial budget); 1836.20 + 20.00 = 1856.20;
    # 1829.40 + 10.00 = 1839.40; 1839.40 ÷ 1856.20 = 0.990949… → 99.09% → 0.9909;
    # score 10 × 0.990949 = 9.909… → 9.91
    assert (
        values(sheet, 6)
        == ["年度资金总额", 1800, D("1856.2"), D("1839.4"), D("0.9909"), 10, D("9.91")] + [None] * 4
    )
    # 1829.40 ÷ 1836.20 = 0.996297… → 99.63% → 0.9963; 10.00 ÷ 20.00 = 50% → 0.5
    assert values(sheet, 7)[:7] == [
        "其中：财政拨款",
        1800,
        D("1836.2"),
        D("1829.4"),
        D("0.9963"),
        None,
        None,
    ]
    assert values(sheet, 8)[:7] == ["其中：其他资金", None, 20, 10, D("0.5"), None, None]
    # whole amounts are written as integers, not as 1800.0
    assert [type(c.value) for c in sheet[6][:4]] == [str, int, float, float]
    formats = [c.number_format for c in sheet[6][:7]]
    assert formats == ["General", "0.00", "0.00", "0.00", "0.00%", "General", "0.00"]


def test_indicator_rows_and_total(sheet: Worksheet) -> None:
    assert [values(sheet, n)[2:] for n in range(10, 16)] == [
        # 88 ÷ 80 = 110% → 1.1; score 20 × min(110%, 100%) = 20
        ["甲", "≥", 80, "人次", 88, D("1.1"), 20, 20, None],
        # 1300 ÷ 900 = 1.444… → 144.44% → 1.4444
        ["乙", "≥", 900, "人次", "约1300", D("1.4444"), 20, 20, None],
        # 基本达成 → 80%; 20 × 0.8 = 16; no unit is an empty cell
        ["丙", "定性", None, None, "基本达成", D("0.8"), 20, 16, None],
        # 90 ÷ 95 = 0.947368… → 94.74% → 0.9474; 10 × 0.947368 = 9.47
        ["丁", "≥", 95, "%", 90, D("0.9474"), 10, D("9.47"), "设备待报废"],
        # ≤: 0.25 ≤ 10 → 100%
        ["戊", "≤", 10, "%", D("0.25"), 1, 10, 10, None],
        ["己", "≥", 3, "篇", 3, 1, 10, 10, None],
    ]
    # weights 10 + 20 + 20 + 20 + 10 + 10 + 10 = 100;
    # scores 9.91 + 20 + 20 + 16 + 9.47 + 10 + 10 = 95.38
    assert values(sheet, 16) == ["总分", *[None] * 7, 100, D("95.38"), None]
    assert values(sheet, 17)[:2] == ["自评等级", "优"]
    assert [c.number_format for c in sheet[10]][7:10] == ["0.00%", "General", "0.00"]
    # whole numbers are integers in the file (80, not 80.0); the rate 1.1 is not
    assert [type(c.value) for c in sheet[10][4:10]] == [int, str, int, float, int, int]
    assert sheet["J16"].number_format == "0.00"


def test_groups_are_merged_where_the_rows_continue(sheet: Worksheet) -> None:
    # 甲 乙 丙 share 履职效能 (A10:A12); 丁 戊 share 管理效率 (A13:A14); 己 has none.
    # 甲 乙 share 产出指标 (B10:B11); 丁 is 效益指标 like 丙 but under another 一级指标: no merge.
    groups = {"A10:A12", "A13:A14", "B10:B11"}
    banners = {"A1:K1", "A2:K2", "B3:K3", "B4:K4", "B17:K17", "B18:K18"}
    assert {str(r) for r in sheet.merged_cells.ranges} == groups | banners
    assert (sheet["A10"].value, sheet["A13"].value, sheet["B12"].value) == (
        "履职效能",
        "管理效率",
        "效益指标",
    )


def test_a_pending_actual_leaves_its_cells_and_the_total_empty() -> None:
    rows = [
        {"level1": "履职效能", "name": "甲", "target": 10, "actual": "【待填写】", "weight": 50},
        {"level1": "履职效能", "name": "乙", "target": 10, "actual": 10, "weight": 50},
    ]
    sheet = sheet_of(workbook({"indicators": rows}))
    # no funding block: the indicator header is row 5, the indicators 6–7, 总分 8
    assert values(sheet, 5)[0] == "一级指标"
    assert values(sheet, 6)[2:10] == ["甲", "≥", 10, None, None, None, 50, None]
    assert values(sheet, 7)[2:10] == ["乙", "≥", 10, None, 10, 1, 50, 50]
    # 50 + 50 = 100 points given, but 甲 has no score yet: 总分 is not 50
    assert values(sheet, 8)[8:10] == [100, None]
    assert values(sheet, 9)[:2] == ["自评等级", None]  # no score, no grade


def test_same_input_same_bytes_and_the_date_is_stamped() -> None:
    date = dt.date(2024, 6, 14)
    first = workbook(TABLE, date)
    assert workbook(TABLE, date) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2024-06-14T00:00:00Z") == 2  # created and modified
    assert workbook(TABLE, dt.date(2024, 6, 15)) != first


def test_a_report_without_a_table_is_refused() -> None:
    source = read(minimal())
    with pytest.raises(ValueError, match="report has no self-evaluation table"):
        render(source.report, perfgen.derive(source))


def test_text_starting_with_equals_is_stored_as_text() -> None:
    rows = [
        {
            "name": "=1+1",
            "target": 1,
            "actual": 1,
            "weight": 100,
            "deviation": '=HYPERLINK("http://x")',
        }
    ]
    sheet = sheet_of(workbook({"indicators": rows}))
    assert [(c.value, c.data_type) for c in (sheet["C6"], sheet["K6"])] == [
        ("=1+1", "s"),
        ('=HYPERLINK("http://x")', "s"),
    ]


def test_rows_are_as_tall_as_their_wrapped_text() -> None:
    """A long goal over columns B–K; the funding header, whose 年初预算数（万元） (9 characters, 18
    units) takes three lines of column B (10 − 1.5 = 8.5 units a line); a short row keeps Excel's
    15 points."""
    long_goal = "加强统筹协调。" * 20  # 140 characters over columns B–K (B..K: 127 units)
    sheet = sheet_of(workbook({**TABLE, "goals": long_goal}))
    line = 11 * 1.3
    # row 4: 280 units of text in 127 − 1.5 units a line → 3 lines
    assert sheet.row_dimensions[4].height == pytest.approx(3 * line, abs=0.25)
    assert sheet.row_dimensions[5].height == pytest.approx(3 * line, abs=0.25)  # funding header
    assert sheet.row_dimensions[19].height == 15  # 负责人 张三: one line, Excel's default


def test_the_summary_prints_landscape_one_page_wide_with_its_header_repeated() -> None:
    from perfgen.writers.summary import Outcome
    from perfgen.writers.summary import workbook as summary

    outcome = Outcome("甲", "甲.yaml", "failed", failure="原因" * 100)
    book = openpyxl.load_workbook(io.BytesIO(summary([outcome], dt.date(2024, 1, 1))))
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$1:$1"
    # the reason (200 characters) wraps in its 60-wide column: 400 units → 7 lines
    assert book["汇总"].row_dimensions[2].height == pytest.approx(7 * 11 * 1.3, abs=0.25)
