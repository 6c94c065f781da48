"""The openings of eighteen published reports from eleven provinces (tests/fixtures/openings/)
import: exit 0, the unit and year where the text states them, the staffing and finance figures
the text states in their fields, and every character placed, kept or regenerated."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from perfgen.cli import main
from perfgen.reading import read_report
from perfgen.reading.accounting import account

OPENINGS = Path(__file__).parent / "fixtures" / "openings"
PENDING = "【待填写】"

EXPECTED: dict[str, tuple[str, int | str]] = {
    "01-maoming-drc-2021": ("茂名市发展和改革局", 2021),
    "03-luxi-justice-2024": ("泸西县司法局", PENDING),  # the opening names no year
    "05-hunan-justice-dept-2024": (PENDING, 2024),  # no title; the unit only as 我厅
    "07-honghe-ethnic-religious-2024": ("红河州民族宗教事务委员会", 2024),
    "09-honghe-reception-office-2024": ("红河州接待办公室", 2024),
    "11-changning-police-2023": ("昌宁县公安局", 2023),
    "13-nanxian-finance-2020": ("南县财政局", 2020),
    "15-hezhou-natural-resources-2022": ("贺州市自然资源局", 2022),
    "16-nmg-hrss-dept-2020": ("内蒙古自治区人力资源和社会保障厅", 2020),
    "19-yueyanglou-govoffice-2021": ("岳阳市岳阳楼区人民政府办公室", 2021),
    "21-linzhi-guangdong-primary-2023": ("林芝市广东实验小学", 2023),
    "23-lingling-forestry-2021-form": ("零陵区林业局", 2021),
    "25-dazu-drc-2020": ("重庆市大足区发展和改革委员会", 2020),
    "27-shaanxi-emergency-dept-2022": (PENDING, 2022),  # no title; the unit only as 我厅
    "29-yueyangxian-xinkai-town-2021": ("岳阳县新开镇政府", 2021),
    "31-panzhihua-xiqu-kindergarten1-2021": ("攀枝花市西区第一幼儿园", 2021),
    "33-nanchang-archives-2022": ("南昌市档案馆", 2022),
    "35-shidian-library-2023": ("施甸县图书馆", 2023),
}
"""Each opening's unit and year, as its text states them (【待填写】 where it does not)."""

STAFFING: dict[str, dict[str, Any]] = {
    # “…在职人数 57 人、离 退休人数 94 人”: 离退休 broken over two lines
    "01-maoming-drc-2021": {"authorized_headcount": 63, "staff_in_post": 57, "retired": 94},
    # “现有编制人员205人。其中,局机关在职113人、离休2人、退休75人、财政事务中心10人,国库集中
    # 支付中心5人。”: no one in post stated for the whole bureau; the in post by body are
    # 113, 10 and 5 (“在职” dropped from 局机关在职); 2 + 75 = 77 retired; and
    # 113 + 10 + 5 + 77 = 205, so the list counts the 205 people
    "13-nanxian-finance-2020": {
        "authorized_headcount": 205,
        "breakdown": {"局机关": 113, "财政事务中心": 10, "国库集中支付中心": 5},
        "retired": 77,
    },
    "09-honghe-reception-office-2024": {
        "staff_in_post": 22,
        "breakdown": {"参公管理事业人员": 10, "非参公管理事业人员": 7, "机关工勤": 5},
    },
    "16-nmg-hrss-dept-2020": {"authorized_headcount": 103, "staff_in_post": 89},
    "19-yueyanglou-govoffice-2021": {"authorized_headcount": 36, "staff_in_post": 38},
    "29-yueyangxian-xinkai-town-2021": {"authorized_headcount": 128, "staff_in_post": 185},
    "31-panzhihua-xiqu-kindergarten1-2021": {"authorized_headcount": 18, "staff_in_post": 20},
    "35-shidian-library-2023": {"authorized_headcount": 7, "staff_in_post": 7},
}
"""The staffing each opening states (the unit's own, where it states a unit's and its
subordinates')."""

FINANCES: dict[str, dict[str, Any]] = {
    "23-lingling-forestry-2021-form": {  # its 自评表's 年度资金总额 row and 其中 cells
        "budget": {
            "initial": Decimal("4753.66"),
            "adjusted": Decimal("4753.66"),
            "basic": Decimal("1768.16"),
            "project": Decimal("2985.5"),
            # 按收入性质分: 政府性基金拨款 and 纳入专户管理的非税收入拨款 left empty
            "sources": {"general": Decimal("1873.66"), "other": Decimal("2880")},
        },
        "expenditure": {"total": Decimal("3824.26")},
    },
    "31-panzhihua-xiqu-kindergarten1-2021": {
        "assets": {
            "fixed_gross": Decimal("482.46"),
            "fixed_depreciation": Decimal("162.14"),
            "fixed_net": Decimal("320.32"),
        }
    },
    "35-shidian-library-2023": {
        # stated in 元: 1451077.73元 is 145.107773万元, kept at the schema's two decimals
        "income": {
            "total": Decimal("145.11"),
            "appropriation": Decimal("143.10"),
            "other": Decimal("2.00"),
        },
        # under the heading “1、基本支出”, “基本支989312.11元” (a character dropped) is that
        # heading's figure: 98.931211万元, kept as 98.93. Its 工资福利支出 and 商品和服务支出
        # are the expenditure by economic classification (收付实现制), not the cost lines
        # (费用, 权责发生制): no field holds them, the sentence stays as written
        "expenditure": {"basic": Decimal("98.93")},
    },
}
"""The finance figures each opening states in a form perfgen reads."""


SCORES: dict[str, Decimal] = {
    "13-nanxian-finance-2020": Decimal(
        97
    ),  # “…开展了绩效评价,综合评分为97分。” under 一、自评得分情况
    "27-shaanxi-emergency-dept-2022": Decimal("97.5"),  # the preamble: “…,自评得97.5分。”
}
"""The self-evaluation score each opening states outside a 自评结论 section."""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_opening_imports_with_its_unit_and_year(name: str, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.yaml"
    result = CliRunner().invoke(main, ["import", str(OPENINGS / f"{name}.txt"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert target.exists()
    imported = read_report(OPENINGS / f"{name}.txt")
    unit, year = EXPECTED[name]
    assert imported.data["unit"]["name"] == unit
    assert imported.data["year"] == year
    if year == PENDING:
        assert "没有写明评价年度" in result.output


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_character_of_an_opening_is_accounted_for(name: str) -> None:
    imported = read_report(OPENINGS / f"{name}.txt")
    counted = account(imported)
    assert counted.total > 300
    assert counted.unaccounted == 0, counted.lost


@pytest.mark.parametrize("name", sorted(STAFFING))
def test_the_staffing_an_opening_states_is_in_its_fields(name: str) -> None:
    data = read_report(OPENINGS / f"{name}.txt").data
    assert data["basic_info"]["functions"]["staffing"] == STAFFING[name]


@pytest.mark.parametrize("name", sorted(SCORES))
def test_the_score_an_opening_states_in_a_summary_is_read(name: str) -> None:
    assert read_report(OPENINGS / f"{name}.txt").data["evaluation"]["score"] == SCORES[name]


@pytest.mark.parametrize("name", sorted(FINANCES))
def test_the_finances_an_opening_states_are_in_their_fields(name: str) -> None:
    finances = read_report(OPENINGS / f"{name}.txt").data["basic_info"]["finances"]
    for block, figures in FINANCES[name].items():
        assert {k: finances[block].get(k) for k in figures} == figures


def test_chrome_is_left_out_and_the_import_says_so(tmp_path: Path) -> None:
    name = "25-dazu-drc-2020"
    imported = read_report(OPENINGS / f"{name}.txt")
    reasons = {why for _, why in imported.left_out}
    assert any("索引号" in why for why in reasons)
    assert "网页导航" in reasons
    everything = repr(imported.data)
    assert "索引号" not in everything and "发布机构" not in everything
    result = CliRunner().invoke(
        main, ["import", str(OPENINGS / f"{name}.txt"), "-o", str(tmp_path / "o.yaml")]
    )
    assert "不属于报告，未读入" in result.output


def test_a_forms_figures_are_read_into_fields_and_its_text_kept() -> None:
    """The 自评表's 年度资金总额 row under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 |
    得分, and its 其中 cells: 1768.16 + 2985.5 = 4753.66 (全年预算数), so they split the budget,
    not the spending. Its 执行率 100% is not 3824.26 ÷ 4753.66 = 80.45%: not taken, and said."""
    imported = read_report(OPENINGS / "23-lingling-forestry-2021-form.txt")
    finances = imported.data["basic_info"]["finances"]
    assert finances["budget"] == {
        "initial": Decimal("4753.66"),
        "adjusted": Decimal("4753.66"),
        "basic": Decimal("1768.16"),
        "project": Decimal("2985.5"),
        "sources": {"general": Decimal("1873.66"), "other": Decimal("2880")},
    }
    assert finances["expenditure"] == {"total": Decimal("3824.26")}
    kept = repr(imported.data["unplaced"])
    assert "基本支出:1768.16万元" in kept and "项目支出:2985.5万元" in kept and "'100%'" in kept
    assert any("未能读入：100%" in why for _, why in imported.missed)


def test_a_forms_rows_of_unknown_year_are_not_the_reports_figures() -> None:
    # 贺州 2022: 按方向划分 | 资金使用方向 | 安排年度 | 实际下达额度 | 实际支出金额, then
    # “基本支出 | 2465.390098 | 2465.390098” and “项目支出 | 16469.959782 | 16469.959782” with
    # 安排年度 left empty. They are not 2022's: 2465.390098 + 16469.959782 = 18935.349880, the
    # 2021 and 2022 year rows together (661.628093 + 18273.721787 = 18935.349880), not 2022's
    # 18273.721787. The year rows leave one of three columns empty: ambiguous, unread too.
    imported = read_report(OPENINGS / "15-hezhou-natural-resources-2022.txt")
    finances = imported.data["basic_info"]["finances"]
    assert "expenditure" not in finances and "budget" not in finances
    kept = " ".join(" ".join(s.get("text", [])) for s in imported.data["unplaced"])
    assert "2465.390098" in kept and "16469.959782" in kept  # the form's text stays as written


def test_audit_of_an_opening_does_not_pair_counts_of_different_units() -> None:
    # 南县财政局: “内设副科级事业单位2个” and “直属事业单位10个” are two groups, not one
    # count written twice; count-differs once reported them as a contradiction
    name = "13-nanxian-finance-2020"
    result = CliRunner().invoke(main, ["audit", str(OPENINGS / f"{name}.txt")])
    assert "Traceback" not in result.output
    assert result.output.splitlines()[-1].startswith("共检查 1 份报告：")  # the audit ran
    assert "[count-differs]" not in result.output


def test_audit_finds_the_forms_execution_rate_its_own_amounts_contradict() -> None:
    # 零陵区林业局's form: 全年预算数 4753.66, 全年执行数 3824.26, 执行率 100%;
    # 3824.26 ÷ 4753.66 = 80.4487…% → 80.45% (tests/fixtures/openings/README.md)
    name = "23-lingling-forestry-2021-form"
    result = CliRunner().invoke(main, ["audit", str(OPENINGS / f"{name}.txt")])
    found = [line for line in result.output.splitlines() if "[rate-against-amounts]" in line]
    assert len(found) == 1
    assert "“执行率100%”" in found[0] and "= 80.45%" in found[0]


def test_audit_of_a_clean_opening_takes_no_amount_in_yuan_for_a_slip() -> None:
    # 施甸县图书馆 writes 基本支(出)989312.11元; its 总费用 is 98.94 万元: different amounts, not a
    # slip of the pen (the README lists this opening as clean)
    name = "35-shidian-library-2023"
    result = CliRunner().invoke(main, ["audit", str(OPENINGS / f"{name}.txt")])
    assert "Traceback" not in result.output
    assert "[amount-slip]" not in result.output
    assert result.output.splitlines()[-1].startswith("共检查 1 份报告：")  # the audit ran


def test_audit_of_a_report_without_a_year_checks_it_with_the_year_unknown(tmp_path: Path) -> None:
    # 泸西县司法局's opening names no year: the audit goes on, with one warning saying so, and
    # no finding about the year (the year it was checked as of is none of the report's)
    name = "03-luxi-justice-2024"
    summary = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(
        main, ["audit", "--all", str(OPENINGS / f"{name}.txt"), "--summary", str(summary)]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "此项必须填写" not in result.output
    said = [line for line in result.output.splitlines() if "没有写明评价年度" in line]
    assert len(said) == 1 and "警告" in said[0]
    assert "[year-range]" not in result.output and "1990" not in result.output
    assert "[unterminated]" in result.output  # the other rules ran
    rows = list(openpyxl.load_workbook(summary).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("单位", "年度") and rows[1][:2] == ("泸西县司法局", None)


def test_a_forms_indicator_rows_are_read_and_its_text_kept() -> None:
    # 零陵区林业局's 自评表: seven rows with a target and an actual value in one unit; the two
    # 成本指标 rows (“每亩300”, no unit) and the qualitative one (“显著”) stay text only
    imported = read_report(OPENINGS / "23-lingling-forestry-2021-form.txt")
    rows = imported.data["evaluation"]["duty_effectiveness"]["indicators"]
    assert [r["name"] for r in rows] == [
        "造林面积", "病虫害防治面积", "森林经营面积", "造林成活率", "当期完成", "木材销售收入",
        "林产品收入",
    ]  # fmt: skip
    assert rows[5] == {
        "kind": "outcome",
        "level1": "效益指标",
        "level2": "经济效益指标",
        "name": "木材销售收入",
        "target": Decimal(1100),
        "actual": Decimal(1093),
        "unit": "万元",
        "weight": Decimal(6),
        "score": Decimal(5),
    }
    kept = imported.data["unplaced"][0]["text"]
    assert "木材销售收入" in kept and "每亩300" in kept and "显著" in kept
