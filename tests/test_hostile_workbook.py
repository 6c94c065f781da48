"""Hostile and broken 自评表 workbooks, one per case, through ``perfgen render --scores``.

Each workbook is generated here from the one ``perfgen table`` writes for the fixture (rows: 1
title, 2 year, 3 unit, 4 goals, 5–7 funding, 8 indicator header, 9–13 indicators, 14 总分), by
editing its XML or its cells; nothing binary is committed. A case either renders (a stray cell
or a huge merged range far from the table is read in the time of the real content) or exits 1
with exactly the expected message, no traceback, and no file written.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from perfgen.cli import main
from perfgen.input import sheet as sheet_module

FIXTURE = Path(__file__).parent / "fixtures" / "with-table.yaml"
SHEET = "xl/worksheets/sheet1.xml"
UNREADABLE = "不是可读取的 Excel 工作簿（文件已损坏，或不是 zip 格式）"


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The workbook perfgen writes for the fixture."""
    path = tmp_path_factory.mktemp("table") / "t.xlsx"
    result = CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def rezip(data: bytes, member: str, edit: Callable[[str], str]) -> bytes:
    """``data`` (a zip) with the text of ``member`` replaced by ``edit(text)``."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == member:
                content = edit(content.decode()).encode()
            target.writestr(item, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def edited(
    data: bytes, path: Path, edit: Callable[[openpyxl.worksheet.worksheet.Worksheet], None]
) -> None:
    """Write ``data`` to ``path`` with ``edit`` applied to its sheet by openpyxl."""
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    edit(book["自评表"])
    book.save(path)


def _before_sheet_data_end(xml: str, rows: str) -> str:
    return xml.replace("</sheetData>", rows + "</sheetData>")


def _stray_cell(data: bytes, path: Path) -> None:
    row = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'

    def edit(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        return _before_sheet_data_end(xml, row)

    path.write_bytes(rezip(data, SHEET, edit))


def _huge_merge(data: bytes, path: Path) -> None:
    def edit(xml: str) -> str:
        return re.sub(r"(<mergeCells[^>]*>)", r'\1<mergeCell ref="L1:XFD1048576"/>', xml)

    path.write_bytes(rezip(data, SHEET, edit))


def _no_sheets(data: bytes, path: Path) -> None:
    def edit(xml: str) -> str:
        xml = re.sub(r"<sheets>.*</sheets>", "<sheets/>", xml)
        return re.sub(r"<definedNames>.*</definedNames>", "", xml)

    path.write_bytes(rezip(data, "xl/workbook.xml", edit))


def _dtd(data: bytes, path: Path) -> None:
    def edit(xml: str) -> str:
        return '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>' + xml.replace("<t>", "<t>&a;", 1)

    path.write_bytes(rezip(data, SHEET, edit))


def _renamed_sheet(data: bytes, path: Path) -> None:
    path.write_bytes(rezip(data, "xl/workbook.xml", lambda xml: xml.replace("自评表", "Sheet1")))


def _cell(ref: str, value: object) -> Callable[[bytes, Path], None]:
    def build(data: bytes, path: Path) -> None:
        def edit(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
            sheet[ref].value = value

        edited(data, path, edit)

    return build


def _bytes(content: bytes) -> Callable[[bytes, Path], None]:
    return lambda _data, path: path.write_bytes(content)


def _truncated(data: bytes, path: Path) -> None:
    path.write_bytes(data[: len(data) // 2])


def _zip_bomb(_data: bytes, path: Path) -> None:
    """A zip of 101 MB of zeros (about 100 KB on disk), written in chunks."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(SHEET, "w") as member,
    ):
        for _ in range(101):
            member.write(bytes(1_000_000))


def _too_large(_data: bytes, path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(20_000_001)  # sparse: nothing is written to disk


def _far_cell_and_small_merges(data: bytes, path: Path) -> None:
    """A stray cell at XFD1048576, 99,000 two-cell merges below the table, no goal text (its
    label's row is searched to the last column)."""

    def edit(xml: str) -> str:
        xml = re.sub(r'<c r="B4"[^>]*><is><t>[^<]*</t></is></c>', "", xml)
        merges = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(100, 99_100))
        xml = re.sub(r'<mergeCells count="\d+">', "<mergeCells>" + merges, xml)
        return _stray_cell_row(xml)

    path.write_bytes(rezip(data, SHEET, edit))


def _stray_cell_row(xml: str) -> str:
    row = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return _before_sheet_data_end(xml, row)


def _raw_cell(ref: str, cell: str) -> Callable[[bytes, Path], None]:
    """The cell ``ref`` replaced by the XML ``cell``, as no spreadsheet program writes it."""

    def edit(xml: str) -> str:
        return re.sub(f'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell, xml, count=1)

    return lambda data, path: path.write_bytes(rezip(data, SHEET, edit))


def _merge_ref(ref: str) -> Callable[[bytes, Path], None]:
    def edit(xml: str) -> str:
        return xml.replace('<mergeCell ref="B9:B10"/>', f'<mergeCell ref="{ref}"/>')

    return lambda data, path: path.write_bytes(rezip(data, SHEET, edit))


GOOD = "ok"
CASES: list[tuple[str, Callable[[bytes, Path], None], str]] = [
    ("stray-cell-at-XFD1048576", _stray_cell, GOOD),
    ("merge-L1-to-XFD1048576", _huge_merge, GOOD),
    ("sheet-under-another-name", _renamed_sheet, GOOD),
    ("far-cell-99000-merges-no-goal", _far_cell_and_small_merges, GOOD),
    (
        "number-NaN",
        _raw_cell("G9", '<c r="G9" t="n"><v>NaN</v></c>'),
        "{path}:9:7: 自评表!G9: 单元格无法读取（类型“n”，内容“NaN”）",
    ),
    (
        "number-with-a-comma",
        _raw_cell("G9", '<c r="G9" t="n"><v>1,5</v></c>'),
        "{path}:9:7: 自评表!G9: 单元格无法读取（类型“n”，内容“1,5”）",
    ),
    (
        "shared-string-that-does-not-exist",
        _raw_cell("G9", '<c r="G9" t="s"><v>999</v></c>'),
        "{path}:9:7: 自评表!G9: 单元格无法读取（类型“s”，内容“999”）",
    ),
    (
        "merge-ref-B9-colon",
        _merge_ref("B9:"),
        "{path}: 自评表: 合并单元格区域“B9:”无法读取，请在 Excel 中重新合并",
    ),
    ("truncated", _truncated, f"{{path}}: {UNREADABLE}"),
    ("garbage", _bytes(bytes(range(256)) * 8), f"{{path}}: {UNREADABLE}"),
    ("empty", _bytes(b""), f"{{path}}: {UNREADABLE}"),
    ("renamed-csv", _bytes("一级指标,二级指标\n".encode()), f"{{path}}: {UNREADABLE}"),
    ("no-worksheets", _no_sheets, "{path}: 工作簿中没有工作表"),
    (
        "dtd-with-entity",
        _dtd,
        "{path}: 工作簿的 XML 中有实体声明（<!ENTITY>），Excel 不会写出这种内容，已拒绝",
    ),
    (
        "zip-bomb",
        _zip_bomb,
        "{path}: Excel 工作簿解压后过大（101000000 字节），上限为 100000000 字节",
    ),
    ("too-large", _too_large, "{path}: Excel 工作簿过大（20000001 字节），上限为 20000000 字节"),
    (
        "weight-150",
        _cell("I9", 150),
        "{path}:9:9: 自评表!I9: 分值列：应不大于 100（分值（自评表）），实际为 150",
    ),
    (
        "actual-of-1e300",
        _cell("G9", 1e300),
        "{path}:9:7: 自评表!G9: 实际完成值列：应不大于 10000000000（实际完成值（定量指标必填）），"
        "实际为 1E+300",
    ),
    (
        "weight-with-three-decimals",
        _cell("I9", 10.555),
        "{path}:9:9: 自评表!I9: 分值列：最多保留 2 位小数（分值（自评表）），实际为 10.555",
    ),
    (
        "formula-without-result",
        _cell("G9", "=1+1"),
        "{path}:9:7: 自评表!G9: 实际完成值列：单元格是公式，但文件中没有保存它的计算结果；"
        "请在 Excel 中打开并保存，或改填数值",
    ),
    (
        "blank-indicator-name",
        _cell("C9", None),
        "{path}:9:3: 自评表!C9: 三级指标列：不能为空（每个指标都要有名称）",
    ),
]


@pytest.mark.parametrize(("build", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_workbook(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    original: bytes,
    build: Callable[[bytes, Path], None],
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    yaml = FIXTURE.read_text(encoding="utf-8")
    Path("u.yaml").write_text(yaml, encoding="utf-8")
    build(original, Path("s.xlsx"))
    before = Path("s.xlsx").read_bytes()
    result = CliRunner().invoke(main, ["render", "u.yaml", "--scores", "s.xlsx", "-o", "u.md"])
    assert "Traceback" not in result.output
    assert Path("s.xlsx").read_bytes() == before
    if expected == GOOD:
        assert result.exit_code == 0, result.output
        assert "| 〃 |" in Path("u.md").read_text(encoding="utf-8")
        return
    assert (result.exit_code, result.stderr) == (1, expected.format(path="s.xlsx") + "\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.xlsx", "u.yaml"]


@pytest.mark.parametrize(
    ("limit", "rows", "message"),
    [
        ("MAX_ROWS", 4, "s.xlsx:5:1: 自评表!A5: 工作表过大：有内容的行超过 4 个，不是自评表"),
        ("MAX_CELLS", 10, "s.xlsx:5:1: 自评表!A5: 工作表过大：非空单元格超过 10 个，不是自评表"),
        ("MAX_MERGES", 2, "s.xlsx: 自评表: 工作表过大：合并单元格区域超过 2 个，不是自评表"),
    ],
)
def test_sheet_limits_stop_the_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    original: bytes,
    limit: str,
    rows: int,
    message: str,
) -> None:
    """The limits of perfgen.input.sheet, lowered so that the fixture's table passes them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sheet_module, limit, rows)
    Path("s.xlsx").write_bytes(original)
    result = CliRunner().invoke(main, ["render", str(FIXTURE), "--scores", "s.xlsx", "-o", "u.md"])
    assert (result.exit_code, result.stderr) == (1, message + "\n")
    assert not Path("u.md").exists()


def test_a_sheet_of_more_than_100000_rows_is_refused_as_it_is_read(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 100_002))

    def edit(xml: str) -> str:
        return re.sub(r"<sheetData>.*</sheetData>", f"<sheetData>{rows}</sheetData>", xml)

    book = openpyxl.Workbook()
    book.active.title = "自评表"  # type: ignore[union-attr]
    plain = tmp_path / "p.xlsx"
    book.save(plain)
    path = tmp_path / "s.xlsx"
    path.write_bytes(rezip(plain.read_bytes(), SHEET, edit))
    result = CliRunner().invoke(main, ["render", str(FIXTURE), "--scores", str(path), "-o", "-"])
    expected = (
        f"{path}:100001:1: 自评表!A100001: 工作表过大：有内容的行超过 100000 个，不是自评表\n"
    )
    assert (result.exit_code, result.stderr) == (1, expected)
