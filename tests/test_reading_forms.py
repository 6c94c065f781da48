"""The grammar of a form's cells (perfgen/reading/form_cells.py), on short forms of our own: a
header over cells, a row of values typed by column, an empty cell that makes a row ambiguous,
the 其中 parts of a total, a year row, a Word table's row, and a form read by ``import``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgen.reading import read_report
from perfgen.reading.form_cells import FIGURES, cells_of, column_of, header_columns, read_form
from perfgen.reading.form_indicators import read_indicator_rows
from perfgen.reading.source import Block


def _blocks(*texts: str) -> list[Block]:
    return [Block(text, None, n) for n, text in enumerate(texts, 1)]


def _figures(*texts: str, year: int | None = 2023) -> dict[str, Decimal]:
    return {read.key: read.value for read in read_form(_blocks(*texts), year).figures}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("年初预算数", "initial"),
        ("年初数", "initial"),
        ("全年预算数", "adjusted"),
        ("调整后预算数", "adjusted"),
        ("全年执行数", "spent"),
        ("实际支出金额", "spent"),
        ("执行率", "rate"),
        ("分值", "weight"),
        ("得分", "score"),
        ("年度", "year"),
        ("实际下达额度", "amount"),
        ("资金下达文件及文号", "text"),
        ("项目单位", "text"),
    ],
)
def test_a_columns_name_is_read_by_the_catalogue(name: str, kind: str) -> None:
    assert column_of(name) == kind


def test_a_columns_name_split_over_cells_is_joined() -> None:
    columns = header_columns(cells_of(_blocks("项目", "年初", "预算数", "全年", "执行数", "分值")))
    assert [kind for kind, _ in columns] == ["text", "initial", "spent", "weight"]
    assert ["".join(c.text for c in cells) for _, cells in columns][1] == "年初预算数"


def test_a_total_row_under_its_header_is_read() -> None:
    # 100 + 20 = 120 is not asked: the form states each column
    found = read_form(
        _blocks(
            "年初", "预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
            "年度资金总额", "100万元", "120万元", "108万元", "10", "90%", "10",
        ),
        2023,
    )  # fmt: skip
    figures = {read.key: read.value for read in found.figures}
    assert figures == {
        "budget.initial": Decimal(100),
        "budget.adjusted": Decimal(120),
        "expenditure.total": Decimal(108),
    }
    assert [(r.key, r.value, r.decimals) for r in found.rates] == [
        ("budget.execution_rate", Decimal(90), 0)
    ]
    assert found.figures[1].quote == "年度资金总额 | 全年预算数 | 120万元"


def test_a_row_with_an_empty_cell_is_not_read() -> None:
    # three amount columns, two amounts: which column was left empty is not known
    assert _figures("年初预算数", "全年预算数", "全年执行数", "合计", "100万元", "108万元") == {}


def test_a_value_that_does_not_fit_its_column_is_not_read() -> None:
    assert _figures("全年预算数", "执行率", "合计", "90%", "120万元") == {}


def test_bare_numbers_are_amounts_only_where_the_form_says_wan() -> None:
    cells = ("全年预算数", "全年执行数", "合计", "120", "108")
    assert _figures(*cells) == {}
    assert _figures("（单位：万元）", *cells) == {
        "budget.adjusted": Decimal(120),
        "expenditure.total": Decimal(108),
    }


def test_a_row_of_another_year_is_not_the_reports() -> None:
    cells = ("单位：万元", "年度", "全年预算数", "全年执行数", "2022", "120", "108")
    assert _figures(*cells, year=2023) == {}
    assert _figures(*cells, year=2022) == {
        "budget.adjusted": Decimal(120),
        "expenditure.total": Decimal(108),
    }


def test_a_part_whose_year_is_left_empty_is_not_read() -> None:
    # 安排年度 left empty: the row's year is not known (in 贺州's form such rows add up two
    # years), so 88.5 and 29.5 are not the report's 基本支出 and 项目支出
    cells = ("单位：万元", "资金使用方向", "安排年度", "实际下达额度", "实际支出金额")
    assert _figures(*cells, "基本支出", "90", "88.5", "项目支出", "30", "29.5") == {}


def test_a_part_with_its_year_is_not_read_as_the_years_total() -> None:
    # “基本支出 | 2023 | 90 | 88.5”: 2023 is the 基本支出 row's year cell, not a row of its
    # own; 88.5 is not the total spending of 2023
    cells = ("单位：万元", "资金使用方向", "安排年度", "实际下达额度", "实际支出金额")
    found = _figures(*cells, "基本支出", "2023", "90", "88.5")
    assert "expenditure.total" not in found and "budget.adjusted" not in found


def test_more_than_two_decimals_of_wan_are_rounded_once_and_said() -> None:
    found = read_form(_blocks("单位：万元", "全年预算数", "全年执行数", "合计", "1.005", "1"), 2023)
    read = found.figures[0]
    assert (read.key, read.value) == ("budget.adjusted", Decimal("1.01"))
    assert read.note == "原文 1.005（万元），取两位小数 1.01"


@pytest.mark.parametrize(
    ("basic", "project", "expected"),
    [
        ("70万元", "50万元", {"budget.basic": Decimal(70), "budget.project": Decimal(50)}),
        (
            "60万元",
            "48万元",
            {"expenditure.basic": Decimal(60), "expenditure.project": Decimal(48)},
        ),
        ("60万元", "50万元", {}),  # adds up to neither: not read
    ],
)
def test_the_parts_of_a_total_go_to_the_column_they_add_up_to(
    basic: str, project: str, expected: dict[str, Decimal]
) -> None:
    cells = ("全年预算数", "全年执行数", "合计", "120万元", "108万元", "按支出性质分:")
    parts = (f"其中:基本支出:{basic}", f"项目支出:{project}")
    total = {"budget.adjusted": Decimal(120), "expenditure.total": Decimal(108)}
    assert _figures(*cells, *parts) == total | expected


def test_parts_that_add_up_to_both_budget_and_spending_are_not_read() -> None:
    cells = ("全年预算数", "全年执行数", "合计", "120万元", "120万元")
    parts = ("其中:基本支出:70万元", "项目支出:50万元")
    assert set(_figures(*cells, *parts)) == {"budget.adjusted", "expenditure.total"}


def test_the_sources_of_the_funds_are_read_as_stated() -> None:
    # 按收入性质分 cells after the total row; an empty cell (政府性基金拨款:) states nothing
    cells = ("全年预算数", "全年执行数", "年度资金总额", "120万元", "108万元", "按收入性质分:")
    sources = ("其中:一般公共预算:100万元", "政府性基金拨款:", "纳入专户管理的非税收入拨款:")
    assert _figures(*cells, *sources, "其他资金:20.5万元") == {
        "budget.adjusted": Decimal(120),
        "expenditure.total": Decimal(108),
        "budget.sources.general": Decimal(100),
        "budget.sources.other": Decimal("20.5"),
    }


def test_sources_without_a_total_row_are_not_read() -> None:
    assert _figures("其中:一般公共预算:100万元", "其他资金:20万元") == {}


def test_a_word_tables_rows_are_read_as_their_cells() -> None:
    rows = [
        Block("项目 | 全年预算数 | 全年执行数", None, 1, ("项目", "全年预算数", "全年执行数")),
        Block("合计 | 120万元 | 108万元", None, 2, ("合计", "120万元", "108万元")),
    ]
    figures = {read.key: read.value for read in read_form(rows, 2023).figures}
    assert figures == {"budget.adjusted": Decimal(120), "expenditure.total": Decimal(108)}


def test_import_reads_a_cover_forms_figures_and_keeps_its_text(tmp_path: Path) -> None:
    title = "某县某局2023年度部门整体支出绩效自评表"
    header = ("单位：万元", "年初预算数", "全年预算数", "全年执行数", "执行率")
    form = "\n".join((title, *header, "年度资金总额", "100", "120", "96", "80%"))
    text = form + "\n一、部门基本情况\n本局负责全县某项工作。\n"
    path = tmp_path / "报告.txt"
    path.write_text(text, encoding="utf-8")
    imported = read_report(path)
    finances = imported.data["basic_info"]["finances"]
    assert finances["budget"] == {"initial": Decimal(100), "adjusted": Decimal(120)}
    assert finances["expenditure"] == {"total": Decimal(96)}
    assert "execution_rate" not in finances["budget"]  # 96 ÷ 120 = 80%: perfgen computes it
    kept = imported.data["unplaced"][0]["text"]
    assert kept[-5:] == ["年度资金总额", "100", "120", "96", "80%"]
    assert imported.missed == []


def test_import_says_when_a_forms_rate_contradicts_its_amounts(tmp_path: Path) -> None:
    form = "\n".join(
        ["单位：万元", "全年预算数", "全年执行数", "执行率", "合计", "120", "96", "100%"]
    )
    path = tmp_path / "报告.txt"
    path.write_text(
        "某局2023年度部门整体支出绩效自评报告\n" + form + "\n一、部门基本情况\n略。\n", "utf-8"
    )
    imported = read_report(path)
    assert "execution_rate" not in imported.data["basic_info"]["finances"]["budget"]
    assert [why for _, why in imported.missed] == ["“100%”中未能读入：100%"]


# --- indicator rows -----------------------------------------------------------------------------

_INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值")
_INDICATOR_HEADER += ("分值", "得分", "偏差原因分析及改进措施")


def _rows(*cells: str) -> list[dict[str, object]]:
    return [row.fields for row in read_indicator_rows(_blocks(*_INDICATOR_HEADER, *cells))]


def test_an_indicator_row_under_its_groups_is_read() -> None:
    rows = _rows("产出指标", "（40）", "数量", "指标", "培训人次", "300人次", "320人次", "10", "10")
    assert rows == [
        {
            "kind": "output",
            "level1": "产出指标",
            "level2": "数量指标",
            "name": "培训人次",
            "target": Decimal(300),
            "actual": Decimal(320),
            "unit": "人次",
            "weight": Decimal(10),
            "score": Decimal(10),
        }
    ]


def test_a_new_first_level_group_resets_the_second() -> None:
    rows = _rows(
        "产出指标", "质量", "指标", "合格率", "95%", "98%", "10", "10",
        "效益指标", "满意率", "90%", "92%", "10", "10",
    )  # fmt: skip
    assert [(r["kind"], r.get("level2"), r["unit"]) for r in rows] == [
        ("output", "质量指标", "%"),
        ("outcome", None, "%"),
    ]


@pytest.mark.parametrize(
    "values",
    [
        ("显著", "显著", "6", "6"),  # qualitative: not read
        ("每亩300", "每亩300", "6", "6"),  # no unit
        ("300人次", "3万元", "6", "6"),  # two units
        ("300人次", "300人次", "6", "8"),  # a score above its weight
        ("300人次", "300人次", "6"),  # a cell left empty
    ],
)
def test_an_indicator_row_that_does_not_fit_is_not_read(values: tuple[str, ...]) -> None:
    assert _rows("产出指标", "培训人次", *values) == []


def test_no_indicator_rows_without_the_forms_header() -> None:
    assert read_indicator_rows(_blocks("培训人次", "300人次", "320人次", "10", "10")) == []


def test_a_form_published_as_word_tables_is_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县某局2023年度部门整体支出绩效自评报告")
    tables = [
        (("项目", "年初预算数", "全年预算数", "全年执行数", "执行率"),
         ("年度资金总额", "100万元", "120万元", "96万元", "80%")),
        (("二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"),
         ("数量指标", "培训人次", "300人次", "320人次", "10", "10", "")),
    ]  # fmt: skip
    for header, row in tables:
        table = document.add_table(rows=2, cols=len(header))
        for n, (name, value) in enumerate(zip(header, row, strict=True)):
            table.cell(0, n).text, table.cell(1, n).text = name, value
    document.add_paragraph("一、部门基本情况")
    document.add_paragraph("本局负责全县某项工作。")
    path = tmp_path / "报告.docx"
    document.save(str(path))
    imported = read_report(path)
    finances = imported.data["basic_info"]["finances"]
    assert finances == {
        "budget": {"initial": Decimal(100), "adjusted": Decimal(120)},
        "expenditure": {"total": Decimal(96)},
    }
    [row] = imported.data["evaluation"]["duty_effectiveness"]["indicators"]
    assert (row["level2"], row["name"], row["target"], row["actual"]) == (
        "数量指标",
        "培训人次",
        Decimal(300),
        Decimal(320),
    )


def test_a_table_in_the_finances_section_is_read_and_kept(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "某县某局2023年度部门整体支出绩效自评报告",
            "一、部门基本情况",
            "（一）部门职能",
            "负责全县某项工作。",
            "（二）部门整体收支情况",
            "本局2023年总收入120万元。",
            "单位：万元",
            "项目 | 全年预算数 | 全年执行数",
            "基本支出 | 70 | 60",
            "项目支出 | 50 | 48",
            "二、绩效自评情况",
            "自评得分95分。",
        ]
    )
    path = tmp_path / "报告.txt"
    path.write_text(text, encoding="utf-8")
    imported = read_report(path)
    finances = imported.data["basic_info"]["finances"]
    assert finances["budget"] == {"basic": Decimal(70), "project": Decimal(50)}
    assert finances["expenditure"] == {"basic": Decimal(60), "project": Decimal(48)}
    assert finances["income"] == {"total": Decimal(120)}
    assert "基本支出 | 70 | 60" in finances["text"]  # the table's text stays as written


_CELLS = (
    "年初", "预算数", "全年预算数", "全年", "执行数", "实际支出金额", "执行率", "分值", "得分",
    "年度", "安排年度", "实际下达额度", "合计", "年度资金总额", "基本支出", "项目支出", "2023",
    "2022", "120", "96.5", "1.005", "120万元", "1,200元", "2.6亿元", "90%", "100%", "10",
    "单位：万元", "（万元）", "其中:基本支出:70万元", "项目支出:50万元", "三级指标", "指标名称",
    "年度指标值", "实际完成值", "产出指标", "数量", "指标", "(50)", "培训人次", "300人次",
    "显著", "……", "|", "",
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(cells=st.lists(st.sampled_from(_CELLS), max_size=60), year=st.sampled_from([2023, None]))
def test_any_cells_give_figures_only_from_their_own_values(
    cells: list[str], year: int | None
) -> None:
    blocks = _blocks(*cells)
    found = read_form(blocks, year)
    written = {c.text for c in cells_of(blocks)} | {
        text.partition(":")[2].rpartition(":")[2] for text in cells
    }
    for read in [*found.figures, *found.rates]:
        assert read.key in FIGURES.values()
        assert read.written in written  # a figure is one of the cells, never made up
        assert read.value == read.value.quantize(Decimal("0.01")) or read.key.endswith("rate")
    for row in read_indicator_rows(blocks):
        assert row.fields["name"] in cells
        assert row.fields["score"] <= row.fields["weight"]  # type: ignore[operator]


def test_a_forms_cells_one_a_line_are_not_joined_into_a_sentence(tmp_path: Path) -> None:
    from perfgen.reading.source import read_blocks

    content = "负责全镇的经济和社会发展规划,维护社会治安和社会稳定,领导和管理经济、教育、文化等工作"
    cut = "制定并组织实施全镇的经济和社会发展规划,维护当地社会治安和社会稳定,宣传贯彻执行党的"
    lines = [
        "联系人",
        "张三",
        "职能职责概述",
        content,
        "年度主要",
        "工作内容",
        cut,
        "路线、方针、政策。",
    ]
    path = tmp_path / "表.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    # each cell its own paragraph, the long one too; a long line cut by a page break still
    # continues into the rest of its sentence
    assert [b.text for b in read_blocks(path)] == [*lines[:6], cut + "路线、方针、政策。"]
