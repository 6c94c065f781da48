"""Clerk text that would execute or break an output: spreadsheet formulas, XML-illegal control
characters, an over-long title, Markdown escapes and placeholder marks in the document title.

Each case goes through the command line into every format it reaches, and is read back from
the written file with the library a reader would use (python-docx, openpyxl).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from perfgen.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "with-table.yaml"
FORMULAS = ['=HYPERLINK("http://x","点")', "+1+1", "-1+1", "@SUM(1)", "=cmd|' /C calc'!A0"]


def _quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, control characters escaped."""
    return json.dumps(text, ensure_ascii=False)


def _hostile(
    tmp_path: Path, unit: str, title: str | None = None, cells: dict[str, str] | None = None
) -> Path:
    """The fixture with its unit name, title and named indicator cells replaced."""
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("name: 测试区委员会办公室", f"name: {_quoted(unit)}")
    if title is not None:
        text = text.replace("year: 2023\n", f"year: 2023\ntitle: {_quoted(title)}\n")
    for old, new in (cells or {}).items():
        text = text.replace(old, _quoted(new))
    path = tmp_path / "u.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_text_that_looks_like_a_formula_is_a_string_cell(tmp_path: Path) -> None:
    names = ["业务岗位培训人数", "会议参与人数", "信息稿件成果被省采纳", "信息稿件成果被国家采纳"]
    cells = dict(zip(names, FORMULAS[:4], strict=True)) | {"部分设备待报废，已启动处置程序": "=1+1"}
    source = _hostile(tmp_path, FORMULAS[4], cells=cells)
    target = tmp_path / "t.xlsx"
    _run("table", str(source), "-o", str(target))
    sheet = openpyxl.load_workbook(target)["自评表"]
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value}
    for text in [*FORMULAS, "=1+1"]:
        assert cells[text] == "s", text
    with zipfile.ZipFile(target) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_control_characters_show_as_symbols_in_every_format(tmp_path: Path) -> None:
    cells = {"业务岗位培训人数": "培训\x00人\x0c数"}
    source = _hostile(tmp_path, "测试\v办公室\x1b", title="标题\x07甲", cells=cells)
    for fmt in ("docx", "md", "html"):
        _run("render", str(source), "-o", str(tmp_path / f"u.{fmt}"))
    _run("table", str(source), "-o", str(tmp_path / "u.xlsx"))

    document = docx.Document(str(tmp_path / "u.docx"))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "标题␇甲" in body and "测试␋办公室␛" in body and "培训␀人␌数" in cells
    assert (document.core_properties.title, document.core_properties.author) == (
        "标题␇甲",
        "测试␋办公室␛",
    )
    for fmt in ("md", "html"):
        text = (tmp_path / f"u.{fmt}").read_text(encoding="utf-8")
        assert "标题␇甲" in text and "测试␋办公室␛" in text and "培训␀人␌数" in text, fmt
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text), fmt
    book = openpyxl.load_workbook(tmp_path / "u.xlsx")
    values = {c.value for row in book["自评表"].iter_rows() for c in row}
    assert {"测试␋办公室␛", "培训␀人␌数"} <= values
    assert book.properties.creator == "测试␋办公室␛"


def test_a_title_over_255_characters_is_cut_only_in_the_properties(tmp_path: Path) -> None:
    title = "长" * 300
    source = _hostile(tmp_path, "测试办公室", title=title)
    _run("render", str(source), "-o", str(tmp_path / "u.docx"))
    document = docx.Document(str(tmp_path / "u.docx"))
    assert document.core_properties.title == "长" * 255
    # the page shows the whole title (broken into lines of the title's own layout)
    assert document.paragraphs[0].text.replace("\n", "") == title


def test_the_document_title_shows_no_markdown_escapes(tmp_path: Path) -> None:
    source = _hostile(tmp_path, "测试A&B_C*办公室")
    _run("render", str(source), "-o", str(tmp_path / "u.docx"))
    _run("render", str(source), "-o", str(tmp_path / "u.html"))
    document = docx.Document(str(tmp_path / "u.docx"))
    expected = "测试A&B_C*办公室2023年部门整体支出绩效自评报告"
    assert document.core_properties.title == expected
    assert document.paragraphs[0].text.replace("\n", "") == expected
    html = (tmp_path / "u.html").read_text(encoding="utf-8")
    assert f"<title>{expected.replace('&', '&amp;')}</title>" in html


def test_init_with_a_placeholder_unit_titles_the_document_without_marks(tmp_path: Path) -> None:
    source = tmp_path / "n.yaml"
    _run("init", "-o", str(source), "--unit", "【待填写】", "--year", "2024")
    _run("render", str(source), "-o", str(tmp_path / "n.docx"))
    document = docx.Document(str(tmp_path / "n.docx"))
    assert document.core_properties.title == "【待填写】2024年部门整体支出绩效自评报告"
    assert document.paragraphs[0].text.replace("\n", "") == document.core_properties.title


@pytest.mark.parametrize("name", ["黑\x0b体", "黑\n体"])
def test_a_font_name_with_a_control_character_is_refused(tmp_path: Path, name: str) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "year: 2023\n", f"year: 2023\nsettings:\n  fonts:\n    heading1: {_quoted(name)}\n"
    )
    source = tmp_path / "u.yaml"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source)])
    shown = name.replace("\x0b", "␋").replace("\n", "␊")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{source}:8:15: settings.fonts.heading1: 不能含控制字符（一级标题“一、”字体），"
        f"实际为 “{shown}”\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["u.yaml"]
