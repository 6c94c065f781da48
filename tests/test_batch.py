"""``perfgen batch``: many units, one bad unit never stops the others, unchanged ones skipped,
and the summary the bureau reads."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers import DATA, SAMPLES

import perfgen
from perfgen.batch import Options, plan, run
from perfgen.cli import main
from perfgen.writers.pdf import office_program
from perfgen.writers.summary import Outcome

FIXTURE = Path(__file__).parent / "fixtures" / "with-table.yaml"


@pytest.fixture
def district(tmp_path: Path) -> Path:
    """Two folders of units: the three samples, and a copy of one, the 自评表 fixture and a
    unit whose YAML is broken."""
    first, second = tmp_path / "区甲", tmp_path / "区乙"
    first.mkdir()
    second.mkdir()
    for name in SAMPLES:
        shutil.copy(DATA / f"{name}.yaml", first)
    shutil.copy(DATA / "nansha-npc-office-2023.yaml", second)
    shutil.copy(FIXTURE, second)
    (second / "broken.yaml").write_text("year: 二〇二三\n", encoding="utf-8")
    return tmp_path


def test_plan_takes_files_folders_and_patterns(district: Path) -> None:
    units = plan([district / "区甲", str(district / "区乙" / "*.yaml")])
    assert [u.name for u in units] == [
        "nansha-cppcc-office-2022",
        "区甲-nansha-npc-office-2023",
        "nansha-party-committee-office-2023",
        "broken",
        "区乙-nansha-npc-office-2023",
        "with-table",
    ]
    # a file named twice is one unit
    assert len(plan([district / "区乙", district / "区乙" / "broken.yaml"])) == 3


def test_plan_refuses_what_names_nothing(tmp_path: Path) -> None:
    with pytest.raises(perfgen.InputError) as caught:
        plan([tmp_path, str(tmp_path / "无此文件.yaml")])
    assert str(caught.value) == (
        f"{tmp_path}: 没有找到 YAML 数据文件\n{tmp_path / '无此文件.yaml'}: 没有找到 YAML 数据文件"
    )


def _run(district: Path, out: Path, jobs: int = 1, **options: object) -> list[Outcome]:
    units = plan([district / "区甲", district / "区乙"])
    return run(units, out, Options(**options), jobs)  # type: ignore[arg-type]


def test_a_bad_unit_stops_no_other(district: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    outcomes = _run(district, out, formats=("docx", "xlsx"))
    status = {o.name: o.status for o in outcomes}
    assert status == {
        "nansha-cppcc-office-2022": "done",
        "区甲-nansha-npc-office-2023": "done",
        "nansha-party-committee-office-2023": "done",
        "broken": "failed",
        "区乙-nansha-npc-office-2023": "done",
        "with-table": "done",
    }
    broken = next(o for o in outcomes if o.name == "broken")
    assert broken.failure.startswith(f"{district / '区乙' / 'broken.yaml'}:1:1: unit: 缺少必填字段")
    assert ("error", "input", "year", "应为整数（评价年度，如 2023），实际为 “二〇二三”") in {
        row[:4] for row in broken.findings
    }
    # only the unit with a 自评表 has one to write as xlsx
    assert sorted(p.name for p in out.iterdir() if p.suffix in (".docx", ".xlsx")) == [
        "nansha-cppcc-office-2022.docx",
        "nansha-party-committee-office-2023.docx",
        "with-table.docx",
        "with-table.xlsx",
        "区乙-nansha-npc-office-2023.docx",
        "区甲-nansha-npc-office-2023.docx",
        "汇总.xlsx",
    ]
    # each report is the one render would write
    alone = tmp_path / "alone.docx"
    perfgen.render(DATA / "nansha-cppcc-office-2022.yaml", alone)
    assert (out / "nansha-cppcc-office-2022.docx").read_bytes() == alone.read_bytes()


def test_the_summary_holds_each_unit_and_every_finding(district: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(district, out)
    book = openpyxl.load_workbook(out / "汇总.xlsx")
    units = book["汇总"]
    assert units.freeze_panes == "A2" and units.auto_filter.ref == "A1:L7"
    header = [c.value for c in units[1]]
    rows = {
        r[2].split("/")[-2] + "/" + r[2].split("/")[-1]: r
        for r in units.iter_rows(min_row=2, values_only=True)
    }
    npc = dict(zip(header, rows["区甲/nansha-npc-office-2023.yaml"], strict=True))
    # 2514.62 and 2503.53 as published; 2503.53 ÷ 2526.63 = 99.0857…% → 99.09% → 0.9909
    assert (npc["总收入（万元）"], npc["总支出（万元）"]) == (2514.62, 2503.53)
    assert npc["预算执行率"] == pytest.approx(0.9909)
    assert (npc["自评得分"], npc["等级"], npc["错误"], npc["警告"]) == (98.75, "优", 0, 0)
    assert units.cell(2, 6).number_format == "0.00%"
    findings = [r for r in book["问题"].iter_rows(min_row=2, values_only=True)]
    assert {(r[3], r[4]) for r in findings} == {("错误", "input")}
    # the JSON holds the same figures as exact decimals
    data = json.loads((out / "汇总.json").read_text(encoding="utf-8"), parse_float=D)
    npc_json = next(
        u for u in data["units"] if u["source"].endswith("区甲/nansha-npc-office-2023.yaml")
    )
    assert (npc_json["income"], npc_json["execution_rate"]) == (D("2514.62"), D("99.09"))
    assert npc_json["status"] == "已生成"


def test_unchanged_units_are_skipped(district: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(district, out)
    again = {o.name: o.status for o in _run(district, out)}
    assert set(again.values()) == {"skipped", "failed"}  # the broken unit is tried again
    cppcc = district / "区甲" / "nansha-cppcc-office-2022.yaml"
    cppcc.write_text(cppcc.read_text(encoding="utf-8").replace("97.61", "97.60"), encoding="utf-8")
    changed = {o.name for o in _run(district, out) if o.status == "done"}
    assert changed == {"nansha-cppcc-office-2022"}
    assert {o.status for o in _run(district, out, force=True)} == {"done", "failed"}


def test_worker_processes_give_the_same_outputs(district: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    _run(district, one)
    outcomes = _run(district, two, jobs=2)
    assert [o.status for o in outcomes].count("done") == 5
    for path in one.glob("*.docx"):
        assert (two / path.name).read_bytes() == path.read_bytes()


def test_the_command_reports_each_unit_and_fails_when_one_does(
    district: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(district / "区乙"), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"[1/3] {district / '区乙' / 'broken.yaml'}: 失败"
    assert lines[-1] == f"完成 2 个，未变跳过 0 个，失败 1 个；汇总：{out / '汇总.xlsx'}"
    result = CliRunner().invoke(
        main, ["batch", str(district / "区甲"), "-o", str(out), "-f", "docx,odt"]
    )
    assert result.exit_code == 2
    assert "不支持的格式 odt，可选：docx、md、html、pdf、xlsx" in result.stderr


@pytest.mark.skipif(office_program() is None, reason="未安装 soffice (LibreOffice)")
def test_pdfs_of_a_batch(district: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    outcomes = run(plan([district / "区甲"]), out, Options(formats=("pdf",)), 2)
    assert [o.status for o in outcomes] == ["done"] * 3
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "nansha-cppcc-office-2022.pdf",
        "nansha-npc-office-2023.pdf",
        "nansha-party-committee-office-2023.pdf",
        "汇总.json",
        "汇总.xlsx",
    ]
    assert all(p.read_bytes().startswith(b"%PDF") for p in out.glob("*.pdf"))


def test_shared_options_are_checked_before_any_unit(district: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    missing = tmp_path / "无"
    args = ["batch", str(district / "区甲"), "-o", str(tmp_path / "out")]
    result = runner.invoke(main, [*args, "--templates", str(missing)])
    assert (result.exit_code, result.stderr) == (1, f"错误：模板 {missing}: 模板目录不存在\n")
    result = runner.invoke(main, [*args, "--reference-doc", str(missing / "样式.docx")])
    assert (result.exit_code, result.stderr) == (1, f"{missing / '样式.docx'}: 文件不存在\n")
    assert not (tmp_path / "out").exists()


def test_a_file_the_batch_did_not_write_is_replaced_only_with_force(
    district: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    foreign = out / "nansha-cppcc-office-2022.docx"
    foreign.write_bytes(b"a clerk's own file")
    first = {o.name: o for o in _run(district, out)}
    cppcc = first["nansha-cppcc-office-2022"]
    assert (cppcc.status, cppcc.failure) == (
        "failed",
        f"错误：输出目录中已有文件 {foreign}，不是本批次先前为该单位生成的，未覆盖；"
        "请移走它、换一个输出目录，或加 --force",
    )
    assert foreign.read_bytes() == b"a clerk's own file"
    assert first["with-table"].status == "done"
    # a file the batch wrote is its own to replace next time; --force replaces the foreign one
    npc = district / "区乙" / "nansha-npc-office-2023.yaml"
    npc.write_text(npc.read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    assert {o.name: o.status for o in _run(district, out)}["区乙-nansha-npc-office-2023"] == "done"
    assert {o.name: o.status for o in _run(district, out, force=True)}[cppcc.name] == "done"
    assert foreign.read_bytes().startswith(b"PK")


def test_a_batch_never_writes_over_its_inputs(tmp_path: Path) -> None:
    """Output folder = input folder; the unit's 自评表 comes from t.xlsx, the very file its
    xlsx output would be."""
    assert (
        CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(tmp_path / "t.xlsx")]).exit_code
        == 0
    )
    text = FIXTURE.read_text(encoding="utf-8")
    table = text[text.index("  table:") : text.index("problems:")]
    (tmp_path / "t.yaml").write_text(
        text.replace(table, "  table: {xlsx: t.xlsx}\n"), encoding="utf-8"
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    [outcome] = run(plan([tmp_path]), tmp_path, Options(formats=("md", "xlsx")), 1)
    workbook = tmp_path / "t.xlsx"
    assert (outcome.status, outcome.failure) == (
        "failed",
        f"错误：输出文件 {workbook} 与输入文件 {workbook} 相同，已拒绝覆盖输入",
    )
    # the inputs as they were, and no report of the unit (not even t.md): only the summaries
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert {name: after[name] for name in before} == before
    assert sorted(set(after) - set(before)) == [".perfgen-batch.json", "汇总.json", "汇总.xlsx"]


def test_a_unit_without_a_table_says_its_xlsx_was_not_written(tmp_path: Path) -> None:
    source = tmp_path / "无表.yaml"
    source.write_text(
        (DATA / "nansha-npc-office-2023.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["batch", str(source), "-o", str(tmp_path / "out"), "-f", "md,xlsx", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    assert f"{source}: 未生成 xlsx：报告中没有自评表（evaluation.table）" in result.stderr
    summary = json.loads((tmp_path / "out" / "汇总.json").read_text(encoding="utf-8"))
    assert (
        summary["units"][0]["result"]
        == "无表.md、未生成 xlsx：报告中没有自评表（evaluation.table）"
    )
    assert not (tmp_path / "out" / "无表.xlsx").exists()


def test_a_missing_font_is_said_once_for_the_units_sharing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """batch -f pdf asks fontconfig as render -f pdf does; the note is said once, not per unit."""
    from perfgen.writers import pdf

    monkeypatch.setattr(pdf, "_match", lambda name: ("DejaVu Sans", frozenset({"en"})))
    monkeypatch.setattr(pdf, "convert", lambda sources, folder, done: {s: None for s in sources})
    sources = []
    for n in (1, 2):
        source = tmp_path / f"单位{n}.yaml"
        source.write_text(
            (DATA / "nansha-npc-office-2023.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        sources.append(str(source))
    result = CliRunner().invoke(
        main, ["batch", *sources, "-o", str(tmp_path / "out"), "-f", "md,pdf", "-j", "1"]
    )
    notes = [line for line in result.stderr.splitlines() if "中文字形" in line]
    assert len(notes) == 4  # four fonts of the report, each once
    assert all(line.startswith("2 个单位: 提示：本机没有字体“") for line in notes)


def test_plan_names_files_of_one_folder_apart_by_suffix_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given as bare names from the working folder: no folder name to put in front, and the
    # names must not begin with “-” (a file named “-x.html” reads as an option in a shell)
    for name in ("单位.txt", "单位.yaml", "其他.yaml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "乙").mkdir()
    (tmp_path / "乙" / "其他.yaml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    units = plan(["单位.txt", "单位.yaml", "其他.yaml", "乙/其他.yaml"], suffixes=(".txt", ".yaml"))
    assert [u.name for u in units] == ["单位-txt", "单位-yaml", f"{tmp_path.name}-其他", "乙-其他"]
