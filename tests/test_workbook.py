"""Reading the 自评表 from a workbook: headers by text, merged groups, the funding block, every
bad cell located, and attaching the table to a YAML input.

Each workbook is built here with openpyxl; test_table.py covers the round trip through perfgen's
own writer.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import minimal, read

import perfgen
from perfgen.input.evaluation_table import attach_table, read_table
from perfgen.input.model import FundingRow, SelfEvaluationTable

FUNDING: list[Any] = ["资金", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）"]
FUNDING += ["执行率", "分值", "得分"]
# an indicator row: level1, level2, name, comparator, target, unit, actual, rate, weight, …
HEADER: list[Any] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "年度指标值",
    "度量单位",
    "实际完成值",
]
HEADER += ["完成率", "分值", "得分", "偏差原因分析及改进措施"]


def save(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    """A workbook whose sheet 自评表 holds ``rows`` from A1, with ``merges`` merged."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "自评表"
    for row in rows:
        sheet.append(row)
    for bounds in merges:
        sheet.merge_cells(bounds)
    book.save(path)
    return path


def failure(path: Path) -> str:
    with pytest.raises(perfgen.InputError) as info:
        read_table(path)
    return str(info.value)


def test_headers_are_found_by_text_with_extra_columns_and_suffixes(tmp_path: Path) -> None:
    header = ["一级指标", "二级指标", "三级指标", "指标说明", "指标性质", "年度指标值（人次）"]
    header += ["度量单位", "实际完成值", "分值（分）", "得分", "偏差原因", "备注"]
    cells = ["履职效能", "产出指标", "培训人数", "说明文字", "≥", 80, "人次", 88, 20, 19.5]
    path = save(tmp_path / "t.xlsx", [["自评表"], header, [*cells, "无", "备注文字"], ["总分"]])
    [indicator] = read_table(path).indicators
    names = (indicator.level1, indicator.level2, indicator.name)
    assert names == ("履职效能", "产出指标", "培训人数")
    assert (indicator.comparator, indicator.target, indicator.actual) == ("≥", D(80), D(88))
    assert (indicator.unit, indicator.weight, indicator.score) == ("人次", D(20), D("19.5"))
    assert indicator.deviation == "无"


def test_merged_groups_apply_to_each_row_and_name_the_kind(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["履职效能", "产出指标", "甲", "≥", 1, "次", 1, None, 20],
        [None, None, "乙", "≥", 1, "次", 1, None, 20],
        [None, "效益指标", "丙", "≥", 1, "次", 1, None, 20],
        [None, "满意度指标", "丁", "≥", 1, "%", 1, None, 20],
        ["管理效率", "预算执行", "戊", "≥", 1, "%", 1, None, 20],
        ["总分", None, None, None, None, None, None, None, 100],
        ["不是指标", None, "己", "≥", 1, "次", 1, None, 20],  # after 总分: not read
    ]
    path = save(tmp_path / "t.xlsx", rows, merges=("A2:A5", "B2:B3"))
    table = read_table(path)
    assert [(i.level1, i.level2, i.name, i.kind) for i in table.indicators] == [
        ("履职效能", "产出指标", "甲", "output"),
        ("履职效能", "产出指标", "乙", "output"),
        ("履职效能", "效益指标", "丙", "outcome"),
        ("履职效能", "满意度指标", "丁", "satisfaction"),
        ("管理效率", "预算执行", "戊", None),
    ]


def test_outcomes_approximate_values_and_comparators(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["甲", "产出指标", "约数", ">=", 900, "人次", "约1300", None, 20],
        ["甲", "产出指标", "上限", "<=", 10, "%", 0.25, None, 20],
        ["甲", "效益指标", "达成", "定性", None, None, "达成", None, 20],
        ["甲", "效益指标", "基本达成", "＝", None, None, "基本达成", None, 20],
        ["甲", "效益指标", "未达成", "=", None, None, "未达成", None, 20],
    ]
    table = read_table(save(tmp_path / "t.xlsx", rows))
    read_back = [(i.comparator, i.actual, i.approximate, i.achieved) for i in table.indicators]
    assert read_back == [
        ("≥", D(1300), True, None),
        # 0.25 is stored as a double; read from its shortest form it is exactly 0.25
        ("≤", D("0.25"), False, None),
        ("定性", None, False, "达成"),
        ("=", None, False, "基本达成"),
        ("=", None, False, "未达成"),
    ]


def test_funding_block_and_texts(tmp_path: Path) -> None:
    rows = [
        ["年度总体绩效目标", "加强统筹协调。"],
        FUNDING,
        ["年度资金总额", 1800, 1856.2, 1839.4, 0.9909, 10, 9.91],
        ["其中：财政拨款", 1800, 1836.2, 1829.4, 0.9963],
        ["其中:其他资金", None, 20, 10, 0.5],
        HEADER,
        ["履职效能", "产出指标", "甲", "≥", 1, "次", 1, None, 90],
        ["总分"],
        ["评价结论", "绩效良好。"],
        ["负责人", "张三", None, "填表人", "李四"],
    ]
    table = read_table(save(tmp_path / "t.xlsx", rows))
    # 1836.2 and 1829.4 are doubles in the file, read back as the decimals typed
    assert table.funding == (
        FundingRow(
            name="财政拨款",
            initial_budget=D("1800"),
            full_year_budget=D("1836.20"),
            executed=D("1829.40"),
        ),
        FundingRow(name="其他资金", full_year_budget=D(20), executed=D(10)),
    )
    assert (table.funding_weight, table.funding_score) == (D(10), D("9.91"))
    assert (table.goals, table.conclusion) == (("加强统筹协调。",), "绩效良好。")
    assert (table.responsible, table.preparer) == ("张三", "李四")


def test_funding_labels_are_read_from_the_funding_column(tmp_path: Path) -> None:
    # a unit's workbook with a leading 序号 column: the labels stand under 资金 (column B)
    rows = [
        ["序号", *FUNDING],
        [None, "年度资金总额", 1800, 1836.2, 1829.4, 0.9963, 10, 9.96],
        [1, "其中：财政拨款", 1800, 1836.2, 1829.4, 0.9963],
        HEADER,
        ["履职效能", "产出指标", "甲", "≥", 1, "次", 1, None, 90],
        ["总分"],
    ]
    table = read_table(save(tmp_path / "t.xlsx", rows))
    assert [row.name for row in table.funding] == ["财政拨款"]
    assert (table.funding_weight, table.funding_score) == (D(10), D("9.96"))


def test_bad_cells_are_all_reported_with_their_place(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["甲", "产出指标", "布尔", "≥", 1, "次", 1, None, True],
        ["甲", "产出指标", "文字", "≥", "八十", "次", "约九十", None, 10],
        ["甲", "产出指标", "符号", ">", 1, "次", 1, None, 10],
    ]
    path = save(tmp_path / "t.xlsx", rows)
    # 分值 is column I (9), 年度指标值 E (5), 实际完成值 G (7), 指标性质 D (4); the actual is
    # checked before the target; “约” is read off before the number
    assert failure(path) == (
        f"{path}:2:9: 自评表!I2: 分值列：应为数字，实际为 True\n"
        f"{path}:3:7: 自评表!G3: 实际完成值列：应为数字（可写作“约1300”），实际为 “约九十”\n"
        f"{path}:3:5: 自评表!E3: 年度指标值列：应为数字，实际为 “八十”\n"
        f"{path}:4:4: 自评表!D4: 指标性质列：应为 ≥、≤、= 或 定性，实际为 “>”"
    )


def test_missing_header_columns(tmp_path: Path) -> None:
    header = [h for h in HEADER if h not in ("指标性质", "分值")]
    path = save(tmp_path / "t.xlsx", [["标题"], header])
    assert failure(path) == (
        f"{path}:2:1: 自评表!A2: 表头列：找不到指标性质、分值列；表头的合并单元格须拆开，每列一个标题"
    )
    no_header = save(tmp_path / "n.xlsx", [["一级指标", "二级指标"]])
    assert failure(no_header) == f"{no_header}: 自评表: 找不到指标表头（“三级指标”所在行）"


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    text = tmp_path / "t.csv"
    text.write_text("一级指标,二级指标\n", encoding="utf-8")
    assert failure(text) == f"{text}: 不是可读取的 Excel 工作簿（文件已损坏，或不是 zip 格式）"
    assert failure(tmp_path / "absent.xlsx") == f"{tmp_path / 'absent.xlsx'}: 文件不存在"


def test_a_renamed_file_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE2 (.xls) header
    assert failure(path) == f"{path}: 不是可读取的 Excel 工作簿（文件已损坏，或不是 zip 格式）"


def test_attach_table_keeps_appendix_and_xlsx_and_drops_pending_table_paths(
    tmp_path: Path,
) -> None:
    yaml_table = {
        "xlsx": "【待填写】",
        "appendix": False,
        "goals": "【待填写】",
        "indicators": [{"name": "旧", "target": 1, "actual": "【待填写】", "weight": 100}],
    }
    source = read(minimal(evaluation={"table": yaml_table}, problems=["【待更新】问题甲"]))
    rows = [HEADER, ["履职效能", "产出指标", "新", "≥", 80, "人次", 88, None, 100]]
    attached = attach_table(source, save(tmp_path / "t.xlsx", rows))
    table = attached.report.evaluation.table
    assert isinstance(table, SelfEvaluationTable)
    assert (table.xlsx, table.appendix, table.goals) == ("【待填写】", False, ())
    assert [(i.name, i.actual) for i in table.indicators] == [("新", D(88))]
    assert dict(attached.pending) == {
        ("evaluation", "table", "xlsx"): "【待填写】",
        ("problems", 0): "【待更新】问题甲",
    }
    # the input itself is not changed
    assert len(source.pending) == 4 and source.report.evaluation.table is not None
    assert source.report.evaluation.table.indicators[0].name == "旧"


def test_numbers_typed_as_text_the_way_reports_print_them(tmp_path: Path) -> None:
    rows = [HEADER, ["履职效能", "产出指标", "甲", "≥", "1,300", "人次", "1,450", None, "20分"]]
    rows.append(["总分", None, None, None, None, None, None, None, 20])
    [indicator] = read_table(save(tmp_path / "t.xlsx", rows)).indicators
    assert (indicator.target, indicator.actual, indicator.weight) == (D(1300), D(1450), D(20))


def test_a_value_written_with_its_unit_is_read_as_the_yaml_reads_it(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["履职效能", "产出指标", "甲", "≥", "1,300人次", "人次", "约1,450人次", None, 20],
    ]
    rows.append(["履职效能", "产出指标", "乙", "≥", "3篇", "人次", 3, None, 20])
    rows.append(["总分", None, None, None, None, None, None, None, 40])
    path = save(tmp_path / "t.xlsx", rows)
    message = failure(path)  # 3篇 is not the row's unit (人次): still refused, at its cell
    assert "自评表!E3: 年度指标值列：应为数字，实际为 “3篇”" in message
    rows[2][4] = 3
    first, _ = read_table(save(tmp_path / "u.xlsx", rows)).indicators
    assert (first.target, first.actual, first.approximate) == (D(1300), D(1450), True)


def test_whole_numbers_read_exactly_whatever_the_unit(tmp_path: Path) -> None:
    """A whole number read as itself, with or without a unit; a unit that is a number's own last
    digits (a unit typed “0”) is taken off as from a text, as it always was."""
    rows = [HEADER, ["履职效能", "产出指标", "甲", "≥", 1234567, "人次", 0, None, 20]]
    rows.append(["履职效能", "产出指标", "乙", "≥", 80, "0", 100, None, 0])
    rows.append(["总分", None, None, None, None, None, None, None, 20])
    first, second = read_table(save(tmp_path / "t.xlsx", rows)).indicators
    assert (first.target, first.actual, first.weight) == (D("1234567"), D(0), D(20))
    assert str(first.weight) == "20"  # exponent 0, as Decimal("20")
    assert (second.target, second.actual, second.weight) == (D(8), D(10), D(0))
