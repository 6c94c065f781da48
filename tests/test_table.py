"""The 部门整体支出绩效自评表: scores, 总分, grade, appendix, and Excel in and out."""

from __future__ import annotations

import io
import shutil
import zipfile
from decimal import Decimal as D
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from helpers import minimal, read

import perfgen
from perfgen.arithmetic import quantize
from perfgen.cli import main
from perfgen.figures.formulas import capped_score
from perfgen.input.evaluation_table import read_table
from perfgen.input.loader import load_text
from perfgen.input.validation import validate
from perfgen.writers import render_bytes

FIXTURE = Path(__file__).parent / "fixtures" / "with-table.yaml"


@pytest.fixture(scope="module")
def report() -> perfgen.Input:
    return perfgen.load(FIXTURE)


def test_scores_and_total(report: perfgen.Input) -> None:
    figures = perfgen.derive(report)
    table = figures.table
    assert table is not None and table.funding[0].is_total
    # 1829.40 ÷ 1836.20 = 0.996297… → 99.63%; 10 × 0.996297 = 9.96
    assert table.funding[0].execution_rate == D("99.63")
    assert table.funding_score == D("9.96")
    # ≥ indicators are not capped for the rate, but the score is: 88 ÷ 80 = 110% → 20 points;
    # 90 ÷ 95 = 94.7368…% → 10 × 0.947368 = 9.47; ≤ 10 with 0.25 → 100% → 10
    assert [r.result.score for r in table.rows] == [D(20), D(20), D(20), D(10), D(10), D("9.47")]
    assert [r.result.completion_rate for r in table.rows][-1] == D("94.74")
    # 10 + 20 + 20 + 20 + 10 + 10 + 10 = 100; 9.96 + 80 + 9.47 = 99.43, the sum of the printed scores
    assert (table.weights_total, table.total) == (D(100), D("99.43"))
    assert (figures.score, figures.grade) == (D("99.43"), "优")
    # the duty section lists the table's output and outcome indicators
    assert [r.indicator.name for r in figures.indicators] == [
        "业务岗位培训人数",
        "会议参与人数",
        "信息稿件成果被省采纳",
        "信息稿件成果被国家采纳",
    ]


@pytest.mark.parametrize(
    ("weight", "rate", "expected"),
    [
        ("20", "110", "20.00"),
        ("10", "94.7368", "9.47"),
        ("10", "0", "0.00"),
        ("5", "99.995", "5.00"),
    ],
)
def test_indicator_score(weight: str, rate: str, expected: str) -> None:
    assert quantize(capped_score(D(weight), D(rate)), 2) == D(expected)


def test_score_above_100_is_refused() -> None:
    text = (
        "unit: {name: 甲}\nyear: 2023\nbasic_info: {functions: {}, annual_work: {}, finances: {}}\n"
        "evaluation: {score: 100.01}\nproblems: [a]\nmeasures: [b]\n"
    )
    with pytest.raises(perfgen.InputError) as info:
        validate(load_text(text, "f.yaml"))
    assert str(info.value).startswith("f.yaml:4:21: evaluation.score: 应不大于 100")


def _with(table: dict[str, object], **evaluation: object) -> list[str]:
    data = minimal(evaluation={"table": table, **evaluation})
    source = read(data)
    return [f"{f.rule}: {f.message}" for f in perfgen.check(source, perfgen.derive(source))]


ROW = {"level1": "履职效能", "name": "甲", "target": 10, "actual": 10, "weight": 50}


def test_weights_must_sum_to_100() -> None:
    assert _with({"indicators": [ROW, {**ROW, "name": "乙", "weight": 45}]}) == [
        "weights-sum: 自评表各项分值合计为 95 分，应为 100 分；请核对分值"
    ]


def test_score_over_weight_and_far_from_computed() -> None:
    rows = [{**ROW, "score": 51}, {**ROW, "name": "乙", "score": 40}]
    assert _with({"indicators": rows}) == [
        "score-over-weight: 指标“甲”的得分 51 分超过其分值 50 分",
        "score-far: 指标“乙”填写的得分 40 分与按完成率计算的 50.00 分（分值 50 × 完成率，最高 100%）"
        "相差超过分值的 10%；请在偏差原因中说明，或删去得分由程序计算",
    ]


def test_typed_score_must_match_the_table() -> None:
    rows = [ROW, {**ROW, "name": "乙"}]
    assert _with({"indicators": rows}, score=D("99.69")) == [
        "score-mismatch: 填写的自评得分 99.69 分与自评表总分 100.00 分不符；可删去 score，由自评表计算"
    ]


def test_appendix_in_markdown(report: perfgen.Input, md_snapshot) -> None:  # type: ignore[no-untyped-def]
    markdown = perfgen.compose(report, perfgen.derive(report))
    appendix = markdown[markdown.index("## 五、附件") :]
    assert "| 〃 | 〃 | 会议参与人数 |" in appendix
    assert appendix == md_snapshot


def test_appendix_in_word_merges_groups(report: perfgen.Input) -> None:
    markdown = perfgen.compose(report, perfgen.derive(report))
    document = docx.Document(
        io.BytesIO(render_bytes(markdown, "docx", perfgen.document_info(report.report)))
    )
    table = document.tables[-1]
    assert "〃" not in "".join(c.text for row in table.rows for c in row.cells)
    # 履职效能 spans the four rows below the header; 管理效率 the next two
    merges = [tc.get(qn("w:val")) for tc in table._tbl.xpath(".//w:tc/w:tcPr/w:vMerge")]
    assert merges.count("restart") == 4  # 履职效能, 产出指标, 效益指标, 管理效率
    assert table.cell(1, 0).text == table.cell(4, 0).text == "履职效能"
    assert table.cell(5, 0).text == table.cell(6, 0).text == "管理效率"


def test_excel_round_trip(report: perfgen.Input, tmp_path: Path) -> None:
    target = tmp_path / "自评表.xlsx"
    result = CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    back = perfgen.derive(read({**minimal(), "evaluation": {"table": read_table(target)}}))
    original = perfgen.derive(report)
    assert back.table is not None and original.table is not None
    rows = zip(original.table.rows, back.table.rows, strict=True)
    for ours, theirs in ((a.result, b.result) for a, b in rows):
        a, b = ours.indicator, theirs.indicator
        assert (a.level1, a.level2, a.name, a.comparator, a.target, a.actual, a.unit, a.weight) == (
            b.level1,
            b.level2,
            b.name,
            b.comparator,
            b.target,
            b.actual,
            b.unit,
            b.weight,
        )
        assert (ours.completion_rate, ours.score, a.approximate, a.kind) == (
            theirs.completion_rate,
            theirs.score,
            b.approximate,
            b.kind,
        )
    assert (back.table.total, back.table.weights_total) == (
        original.table.total,
        original.table.weights_total,
    )
    assert back.table.funding == original.table.funding


def test_excel_cells_are_numbers_with_formats(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    assert CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(target)]).exit_code == 0
    sheet = openpyxl.load_workbook(target)["自评表"]
    values = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    rate = next(c for c in sheet["H"] if isinstance(c.value, float) and c.value > 1)
    assert rate.number_format == "0.00%" and rate.value == pytest.approx(1.1)
    assert isinstance(values["业务岗位培训人数"].offset(0, 2).value, int)
    merged = [str(r) for r in sheet.merged_cells.ranges]
    assert any(r.startswith("A") and ":A" in r for r in merged)
    assert sheet.page_setup.orientation == "landscape"


def test_excel_bytes_repeat(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for target in (a, b):
        CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(target)])
    assert a.read_bytes() == b.read_bytes()
    # openpyxl stamps the saving time; perfgen puts back the date from the data (no signature:
    # 1 January after the year), so runs a second apart still agree
    with zipfile.ZipFile(a) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "2024-01-01T00:00:00Z</dcterms:modified>" in core


def test_excel_in_via_yaml_and_option(tmp_path: Path) -> None:
    workbook = tmp_path / "scores.xlsx"
    assert CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(workbook)]).exit_code == 0
    text = FIXTURE.read_text(encoding="utf-8")
    head = text[: text.index("  table:")]
    (tmp_path / "dept.yaml").write_text(
        head + "  table: {xlsx: scores.xlsx}\n" + text[text.index("problems:") :], encoding="utf-8"
    )
    out = CliRunner().invoke(main, ["render", str(tmp_path / "dept.yaml"), "-o", "-"])
    assert out.exit_code == 0, out.output
    assert "自评得分为99.43分" in out.stdout and "| 〃 | 〃 | 会议参与人数 |" in out.stdout
    plain = tmp_path / "plain.yaml"
    plain.write_text(
        head.replace("evaluation:\n", "evaluation:\n  score: 90\n")
        + text[text.index("problems:") :],
        encoding="utf-8",
    )
    out = CliRunner().invoke(main, ["render", str(plain), "--scores", str(workbook), "-o", "-"])
    assert out.exit_code == 1
    assert "错误[score-mismatch]" in out.stderr


def _broken(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    target = tmp_path / "t.xlsx"
    CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(target)])
    book = openpyxl.load_workbook(target)
    edit(book["自评表"])
    book.save(target)
    return target


def test_excel_text_where_a_number_belongs(tmp_path: Path) -> None:
    def edit(sheet) -> None:  # type: ignore[no-untyped-def]
        cell = next(c for c in sheet["E"] if c.value == 80)
        cell.value = "八十"

    path = _broken(tmp_path, edit)
    with pytest.raises(perfgen.InputError) as info:
        read_table(path)
    # rows: 1 title, 2 year, 3 unit, 4 goals, 5–7 funding, 8 indicator header, 9 first indicator
    assert str(info.value) == f"{path}:9:5: 自评表!E9: 年度指标值列：应为数字，实际为 “八十”"


def test_excel_merged_header_cannot_be_placed(tmp_path: Path) -> None:
    def edit(sheet) -> None:  # type: ignore[no-untyped-def]
        sheet["D8"].value = None
        sheet.merge_cells("C8:D8")

    path = _broken(tmp_path, edit)
    with pytest.raises(perfgen.InputError) as info:
        read_table(path)
    assert str(info.value) == (
        f"{path}:8:1: 自评表!A8: 表头列：找不到指标性质列；表头的合并单元格须拆开，每列一个标题"
    )


def test_table_command_without_table(tmp_path: Path) -> None:
    source = Path(__file__).parent.parent / "data" / "nansha-npc-office-2023.yaml"
    shutil.copy(source, tmp_path / "d.yaml")
    out = CliRunner().invoke(
        main, ["table", str(tmp_path / "d.yaml"), "-o", str(tmp_path / "x.xlsx")]
    )
    assert out.exit_code == 1
    assert out.stderr == f"{tmp_path / 'd.yaml'}: evaluation.table: 报告中没有自评表（table）\n"
