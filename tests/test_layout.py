"""The GB/T 9704 layout at XML level: styles, page numbers, title shape, signature, properties,
and a unit's reference document."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from helpers import DATA, minimal, read

import perfgen
from perfgen.writers import DocumentInfo, render_bytes
from perfgen.writers.docx.document import reference_document
from perfgen.writers.docx.title_lines import balanced_lines


def _document(source: perfgen.Input, reference: Path | None = None) -> docx.document.Document:
    markdown = perfgen.compose(source, perfgen.derive(source))
    data = render_bytes(markdown, "docx", perfgen.document_info(source.report, reference))
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def npc() -> docx.document.Document:
    return _document(perfgen.load(DATA / "nansha-npc-office-2023.yaml"))


def _rpr(document: docx.document.Document, name: str):  # type: ignore[no-untyped-def]
    return document.styles[name].element.rPr


def test_body_style(npc: docx.document.Document) -> None:
    style = npc.styles["Normal"]
    assert style.font.size.pt == 16
    assert style.paragraph_format.line_spacing.twips == 578  # exactly 28.9 pt: 22 lines a page
    assert str(style.paragraph_format.line_spacing_rule) == "EXACTLY (4)"
    assert _rpr(npc, "Normal").find(qn("w:spacing")).get(qn("w:val")) == "-5"  # 28 a line
    indent = style.element.pPr.find(qn("w:ind"))
    assert (indent.get(qn("w:firstLineChars")), indent.get(qn("w:firstLine"))) == ("200", "640")


@pytest.mark.parametrize(
    ("name", "font", "size", "bold", "outline"),
    [
        ("Report Title", "方正小标宋简体", 22, False, None),
        ("Heading 1", "黑体", 16, False, "0"),
        ("Heading 2", "楷体_GB2312", 16, False, "1"),
        ("Heading 3", "仿宋_GB2312", 16, True, "2"),
        ("Heading 4", "仿宋_GB2312", 16, False, "3"),
        ("Attachment Label", "黑体", 16, False, None),
        ("Table Text", "仿宋_GB2312", 12, False, None),
        ("Footer", "宋体", 14, False, None),
    ],
)
def test_style_fonts_sizes_outline(
    npc: docx.document.Document, name: str, font: str, size: int, bold: bool, outline: str | None
) -> None:
    style = npc.styles[name]
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == font
    assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
    assert style.font.size.pt == size
    assert bool(style.font.bold) is bold
    level = style.element.pPr.find(qn("w:outlineLvl"))
    assert (level.get(qn("w:val")) if level is not None else None) == outline


def test_fonts_and_level3_weight_come_from_settings() -> None:
    settings = {"fonts": {"body": "FangSong", "heading1": "SimHei"}, "level3_bold": False}
    document = _document(read(minimal(settings=settings)))
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "FangSong"
    assert (
        document.styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
        == "SimHei"
    )
    assert not document.styles["Heading 3"].font.bold


def test_page_numbers_odd_right_even_left(npc: docx.document.Document) -> None:
    assert npc.settings.odd_and_even_pages_header_footer
    section = npc.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —"
    assert str(odd.alignment) == "RIGHT (2)" and odd.paragraph_format.right_indent.pt == 14
    assert str(even.alignment) == "LEFT (0)" and even.paragraph_format.left_indent.pt == 14
    instruction = odd._p.xpath(".//w:instrText")[0].text
    assert instruction.strip() == "PAGE"


def test_grid_and_margins(npc: docx.document.Document) -> None:
    section = npc.sections[0]
    assert (section.top_margin.mm, section.left_margin.mm) == pytest.approx((37, 28), abs=0.05)
    assert (section.right_margin.mm, section.bottom_margin.mm) == pytest.approx((26, 35), abs=0.05)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "578")


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        # as published: the NPC and party committee titles break after 委员会
        (
            "广州市南沙区人民代表大会常务委员会办公室2023年部门整体支出绩效自评报告",
            ["广州市南沙区人民代表大会常务委员会", "办公室2023年部门整体支出绩效自评报告"],
        ),
        (
            "2023年度中国共产党广州市南沙区委员会办公室部门整体支出绩效自评报告",
            ["2023年度中国共产党广州市南沙区委员会", "办公室部门整体支出绩效自评报告"],
        ),
        ("区人大常委会办公室自评报告", ["区人大常委会办公室自评报告"]),
    ],
)
def test_balanced_title_lines(title: str, lines: list[str]) -> None:
    assert balanced_lines(title) == lines


def test_title_has_line_breaks_not_separate_paragraphs(npc: docx.document.Document) -> None:
    title = next(p for p in npc.paragraphs if p.style.name == "Report Title")
    assert len(title._p.xpath(".//w:br")) == 1


def test_signature_indents() -> None:
    document = _document(perfgen.load(DATA / "nansha-cppcc-office-2022.yaml"))
    unit, date = [p for p in document.paragraphs if p.style.name == "Signature"]
    # 政协广州市南沙区委员会办公室: 14 characters, two in from the right. 2023年6月14日 is
    # 6.5 characters wide; its first character sits two right of the name's first:
    # 2 + 14 − 2 − 6.5 = 7.5 characters from the right.
    assert unit._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "200"
    assert date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "750"
    assert date.text == "2023年6月14日"


def test_long_date_moves_the_name_left() -> None:
    report = read(minimal(signature={"unit": "本办", "date": dt.date(2024, 12, 31)}, year=2023))
    unit, date = [p for p in _document(report).paragraphs if p.style.name == "Signature"]
    # 2024年12月31日 is 7 wide, 本办 2: the date keeps 2, the name 2 + 7 + 2 − 2 = 9
    assert date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "200"
    assert unit._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "900"


def test_table_header_repeats_and_numbers_align_right() -> None:
    document = _document(perfgen.load(DATA / "nansha-party-committee-office-2023.yaml"))
    table = document.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert str(table.cell(2, 3).paragraphs[0].alignment) == "RIGHT (2)"
    assert table.style.name == "Table Grid"


def test_properties_come_from_the_data() -> None:
    cppcc = _document(perfgen.load(DATA / "nansha-cppcc-office-2022.yaml")).core_properties
    assert cppcc.author == "中国人民政治协商会议广州市南沙区委员会办公室"
    assert cppcc.created.date() == dt.date(2023, 6, 14)  # the signature date
    npc = _document(perfgen.load(DATA / "nansha-npc-office-2023.yaml")).core_properties
    assert npc.created.date() == dt.date(2024, 1, 1)  # no signature: 1 January after the year
    assert npc.title == "广州市南沙区人民代表大会常务委员会办公室2023年部门整体支出绩效自评报告"


def test_reference_doc_styles_and_page_are_used(tmp_path: Path) -> None:
    reference = docx.Document(io.BytesIO(reference_document()))
    reference.styles["Normal"].font.size = docx.shared.Pt(15)
    reference.styles["Normal"].element.rPr.find(qn("w:rFonts")).set(qn("w:eastAsia"), "宋体")
    reference.sections[0].left_margin = docx.shared.Mm(30)
    path = tmp_path / "unit.docx"
    reference.save(str(path))
    document = _document(perfgen.load(DATA / "nansha-npc-office-2023.yaml"), path)
    assert document.styles["Normal"].font.size.pt == 15
    assert (
        document.styles["Normal"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    )
    assert document.sections[0].left_margin.mm == pytest.approx(30, abs=0.05)
    texts = [p.text for p in document.paragraphs]
    assert not any("样式" in t for t in texts)  # the sample's own text is gone
    assert texts[0] == "附件 2"


def test_reference_doc_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "unit.docx"
    path.write_text("not a docx", encoding="utf-8")
    report = perfgen.load(DATA / "nansha-npc-office-2023.yaml")
    with pytest.raises(perfgen.InputError) as info:
        _document(report, path)
    assert str(info.value) == f"{path}: 不是可读取的 Word 文件（文件已损坏，或不是 zip 格式）"


def test_pdf_without_libreoffice_names_the_program(monkeypatch: pytest.MonkeyPatch) -> None:
    from perfgen.writers import pdf

    monkeypatch.setattr(pdf, "office_program", lambda: None)
    with pytest.raises(perfgen.OutputError) as info:
        render_bytes("# 标题\n", "pdf", DocumentInfo("t"))
    assert str(info.value) == (
        "生成 PDF 需要 LibreOffice，但未找到 soffice 或 libreoffice 程序；"
        "请安装 LibreOffice（如 apt-get install libreoffice-writer），或改用 --format docx"
    )


def test_same_input_same_bytes_for_every_sample() -> None:
    for path in sorted(DATA.glob("*.yaml")):
        report = perfgen.load(path)
        markdown = perfgen.compose(report, perfgen.derive(report))
        info = perfgen.document_info(report.report)
        assert render_bytes(markdown, "docx", info) == render_bytes(markdown, "docx", info)


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def appendix() -> docx.document.Document:
    """A report whose 自评表 is appended (tests/fixtures/with-table.yaml)."""
    return _document(perfgen.load(FIXTURES / "with-table.yaml"))


def test_the_appendix_is_a_landscape_section_after_portrait_pages(
    appendix: docx.document.Document,
) -> None:
    first, last = appendix.sections[0], appendix.sections[-1]
    assert len(appendix.sections) == 2
    assert (first.page_width, first.page_height) == (11906 * 635, 16838 * 635)  # EMU
    assert str(last.orientation) == "LANDSCAPE (1)"
    assert (last.page_width, last.page_height) == (16838 * 635, 11906 * 635)
    # the page turned with its margins: the top one (37 mm) is now the left
    assert (last.left_margin, last.top_margin) == (first.top_margin, first.left_margin)
    assert last.footer.paragraphs[0].text == first.footer.paragraphs[0].text  # page numbers
    # the portrait section ends on the paragraph before 五、附件
    paragraphs = appendix.paragraphs
    ends = [
        n for n, p in enumerate(paragraphs) if p._p.pPr is not None and p._p.pPr.sectPr is not None
    ]
    assert len(ends) == 1 and paragraphs[ends[0] + 1].text == "五、附件"


def test_appendix_columns_are_wide_enough_and_rows_stay_whole(
    appendix: docx.document.Document,
) -> None:
    indicators = next(t for t in appendix.tables if t.rows[0].cells[0].text == "一级指标")
    grid = [int(c.get(qn("w:w"))) for c in indicators._tbl.tblGrid.findall(qn("w:gridCol"))]
    # no column under two 小四 characters (240 twips each) with its padding (1.5 characters)
    assert min(grid) >= (2 + 1.5) * 240
    # 实际完成值 holds “约1300”: its number 1300 (4 × 0.6 characters) is never broken
    assert grid[6] >= (4 * 0.6 + 1.5) * 240
    # the table fills the landscape text block (297 − 37 − 35 mm), not the portrait one
    assert sum(grid) > 11906 - 1588 - 1474
    rows = indicators._tbl.findall(qn("w:tr"))
    assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    last_row = rows[-1].findall(".//" + qn("w:keepNext"))
    assert last_row  # kept with 自评等级 and 负责人/填表人 below it
    after = [p.text for p in appendix.paragraphs[-2:]]
    assert after[-1].startswith("负责人") and appendix.paragraphs[-2]._p.pPr.keepNext is not None


def test_a_portrait_report_has_one_section(npc: docx.document.Document) -> None:
    assert len(npc.sections) == 1 and str(npc.sections[0].orientation) == "PORTRAIT (0)"
