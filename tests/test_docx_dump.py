"""The readable dump of a Word file (perfgen.writers.docx.dump): comments, merges, fields, run fonts."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from perfgen.writers.docx.dump import dump


def _saved(document) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_comments_are_listed_with_the_start_of_their_paragraph() -> None:
    # As the draft writer anchors them: python-docx's own comment markup on a paragraph's runs.
    document = docx.Document()
    first = document.add_paragraph(
        "2023年区人大常委会办公室总收入2514.62万元，同比增加198.68万元。"
    )
    document.add_comment(first.runs, text="总收入与各项收入之和不符", author="perfgen")
    second = document.add_paragraph("结转结余率为0.45%。")
    document.add_comment(second.runs[0], text="请说明原因", author="perfgen")
    lines = dump(_saved(document))
    assert lines[-2:] == [
        "批注 0 [2023年区人大常委会办公室总收入251]: 总收入与各项收入之和不符",
        "批注 1 [结转结余率为0.45%。]: 请说明原因",
    ]


def test_merged_cells_are_marked_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "产出指标"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "数量"
    table.cell(0, 2).text = "分值"
    lines = dump(_saved(document))
    assert lines[-4:] == [
        "表格| 第1个，3行×3列",
        "表| 产出指标⟨跨2列⟩ | 分值",
        "表| 数量⟨向下合并⟩ |  | ",
        "表| ⟨接上⟩ |  | ",
    ]


def test_page_setup_footer_fields_and_direct_run_fonts() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = docx.shared.Twips(11906), docx.shared.Twips(16838)
    section.top_margin = docx.shared.Mm(37)
    footer = section.footer.paragraphs[0]
    footer.add_run("— ")
    field = (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {nsdecls('w')}><w:t>7</w:t></w:r>",
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    )
    for xml in field:
        footer._p.append(parse_xml(xml))
    footer.add_run(" —")
    paragraph = document.add_paragraph()
    run = paragraph.add_run("Times 标题")
    run.font.name = "Times New Roman"
    run.font.size = Pt(14)
    run._r.rPr.rFonts.set(docx.oxml.ns.qn("w:eastAsia"), "黑体")
    lines = dump(_saved(document))
    assert lines[0].startswith("页面| 210.0×297.0mm 纵向 边距 上37.0 ")
    assert lines[1] == "页脚| — {PAGE} —"
    assert lines[-1] == "Normal||?|字 黑体/Times New Roman 14| Times 标题"
