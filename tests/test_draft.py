"""``render --draft``: findings do not stop the run; each is shown beside what it blames.

The inputs are the published samples of ``data/`` with one figure changed by the test, so the
expected finding and the paragraph it belongs to follow from the sample by hand: the NPC's
income is 2503.22 (appropriation) + 11.40 (other) = 2514.62 万元, so a total of 2515.62 is
1.00 万元 off, and the paragraph printing it is the one that opens “2023年区人大常委会办公室总收入”.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from perfgen.cli import main
from perfgen.input.settings import PRESET_TITLES
from perfgen.rules.notes import section_keys
from perfgen.writers.notes import Note, anchored, place
from perfgen.writers.pipe_tables import table_of
from perfgen.writers.tokens import parse

DATA = Path(__file__).parent.parent / "data"
NPC_INCOME = "2023年区人大常委会办公室总收入2515.62万元"


def _copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A sample with one line changed (the first occurrence of ``old``)."""
    text = (DATA / f"{name}.yaml").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / f"{name}.yaml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.fixture
def npc_wrong_total(tmp_path: Path) -> Path:
    return _copy(tmp_path, "nansha-npc-office-2023", "total: 2514.62", "total: 2515.62")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _anchors(document: docx.document.Document) -> dict[str, str]:
    """Comment id → the text of the paragraph (or first table cell) its range starts in."""
    found = {}
    cells = [c.paragraphs for t in document.tables for r in t.rows for c in r.cells]
    for paragraph in [*document.paragraphs, *(p for ps in cells for p in ps)]:
        for comment_id in paragraph._p.xpath(".//w:commentRangeStart/@w:id"):
            found[comment_id] = paragraph.text
    return found


def test_final_render_refuses_and_draft_writes_comments_on_the_paragraph(
    npc_wrong_total: Path, tmp_path: Path
) -> None:
    final = tmp_path / "final.docx"
    code, output = _run("render", str(npc_wrong_total), "-o", str(final))
    assert code == 1 and "错误[sum-mismatch]" in output and not final.exists()

    draft = tmp_path / "draft.docx"
    code, output = _run("render", "--draft", str(npc_wrong_total), "-o", str(draft))
    assert code == 0
    assert output.endswith(f"已生成草稿：{draft}，2 条检查结果已标在文中\n")
    document = docx.Document(str(draft))
    comments = {str(c.comment_id): c for c in document.comments}
    assert sorted(comments) == ["0", "1"]
    mismatch = comments["1"]
    assert mismatch.author == "perfgen"
    assert mismatch.text.splitlines() == [
        "错误[sum-mismatch] 总收入 2515.62 万元与一般公共预算财政拨款收入 2503.22 万元、其他收入 "
        "11.40 万元之和 2514.62 万元相差 1.00 万元，超过允许的舍入误差 0.02 万元（每项 0.01 万元）；"
        "请核对合计数或各分项",
        f"位置：{npc_wrong_total}:50:14 basic_info.finances.income.total",
    ]
    # 2503.22 / 2515.62 = 99.507 % and 11.40 / 2515.62 = 0.453 %: 99.51 + 0.45 = 99.96, not 100.
    assert comments["0"].text.startswith("警告[share-sum] 占总收入的比重合计为 99.96%")
    anchors = _anchors(document)
    assert anchors["1"].startswith(NPC_INCOME) and anchors["0"].startswith(NPC_INCOME)
    headers = {s.header.paragraphs[0].text for s in document.sections}
    assert (
        headers == {"草稿"} and document.sections[0].even_page_header.paragraphs[0].text == "草稿"
    )


def test_a_placeholder_is_a_comment_on_the_indicator_that_prints_it(tmp_path: Path) -> None:
    # 业务岗位培训人数: target 80, actual 88 人次 in the sample; the actual is left to fill in.
    source = _copy(
        tmp_path,
        "nansha-party-committee-office-2023",
        "target: 80\n        actual: 88",
        "target: 80\n        actual: 【待填写】",
    )
    draft = tmp_path / "draft.docx"
    assert _run("render", "--draft", str(source), "-o", str(draft))[0] == 0
    document = docx.Document(str(draft))
    (comment,) = document.comments
    assert comment.text.startswith("警告[placeholder] 尚未填写（实际完成值（定量指标必填））")
    assert "evaluation.duty_effectiveness.indicators[1].actual" in comment.text
    anchor = _anchors(document)[str(comment.comment_id)]
    assert "业务岗位培训人数" in anchor and "【待填写】" in anchor


def test_a_clean_draft_differs_from_the_final(tmp_path: Path) -> None:
    source = DATA / "nansha-cppcc-office-2022.yaml"
    for fmt in ("docx", "md", "html"):
        final, draft = tmp_path / f"final.{fmt}", tmp_path / f"draft.{fmt}"
        assert _run("render", str(source), "-o", str(final))[0] == 0
        assert _run("render", "--draft", str(source), "-o", str(draft))[0] == 0
        assert final.read_bytes() != draft.read_bytes()
    assert "草稿 · 检查未发现问题" in (tmp_path / "draft.md").read_text(encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "draft.docx") as package:
        assert b"<w:comment " not in package.read("word/comments.xml")
    with zipfile.ZipFile(tmp_path / "final.docx") as package:
        assert "word/comments.xml" not in package.namelist()


def test_the_same_draft_gives_the_same_bytes(npc_wrong_total: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    _run("render", "--draft", str(npc_wrong_total), "-o", str(first))
    _run("render", "--draft", str(npc_wrong_total), "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_html_draft_lists_findings_first_and_links_the_marked_paragraph(
    npc_wrong_total: Path, tmp_path: Path
) -> None:
    target = tmp_path / "draft.html"
    assert _run("render", "--draft", str(npc_wrong_total), "-o", str(target))[0] == 0
    page = target.read_text(encoding="utf-8")
    assert page.index('<aside id="findings">') < page.index('<main class="page"')
    assert "草稿 · 检查发现 2 处（错误 1 处，警告 1 处）" in page
    links = re.findall(r'<li class="(\w+)"><a href="#(b\d+)">', page)
    assert [level for level, _ in links] == ["warning", "error"]
    target_id = links[1][1]
    marked = re.search(rf'<p id="{target_id}" class="([^"]+)">([^<]*)', page)
    assert marked is not None
    assert marked.group(1) == "flagged error" and marked.group(2).startswith(NPC_INCOME)


def test_markdown_draft_lists_findings_at_the_end(npc_wrong_total: Path, tmp_path: Path) -> None:
    target = tmp_path / "draft.md"
    assert _run("render", "--draft", str(npc_wrong_total), "-o", str(target))[0] == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[-4:-2] == ["**草稿 · 检查发现 2 处（错误 1 处，警告 1 处）**", ""]
    assert lines[-1].startswith("2. 错误\\[sum-mismatch\\] 总收入 2515.62 万元")
    escaped = str(npc_wrong_total).replace("_", "\\_")  # the path is Markdown-escaped too
    assert lines[-1].endswith(
        f"（位置：{escaped}:50:14 basic\\_info.finances.income.total；"
        "所在段落：“2023年区人大常委会办公室总收入2515.62…”）"
    )


def test_an_unreadable_yaml_still_stops_a_draft(tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text("title: [unclosed\n", encoding="utf-8")
    target = tmp_path / "bad.docx"
    code, output = _run("render", "--draft", str(source), "-o", str(target))
    assert code == 1 and f"{source}:2:1: YAML 语法错误" in output
    assert not target.exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="需要 LibreOffice（soffice）")
def test_pdf_draft_carries_the_comments_as_notes(npc_wrong_total: Path, tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2", reason="需要 pypdfium2（perfgen[pdf]）")
    raw = pytest.importorskip("pypdfium2.raw")
    target = tmp_path / "draft.pdf"
    assert _run("render", "--draft", str(npc_wrong_total), "-o", str(target))[0] == 0
    pdf = pdfium.PdfDocument(io.BytesIO(target.read_bytes()))
    text_notes = [
        raw.FPDFAnnot_GetSubtype(raw.FPDFPage_GetAnnot(page, i))
        for page in pdf
        for i in range(raw.FPDFPage_GetAnnotCount(page))
    ]
    assert text_notes.count(raw.FPDF_ANNOT_TEXT) == 2
    assert "草稿" in pdf[0].get_textpage().get_text_range()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="需要 LibreOffice（soffice）")
def test_pdf_notes_stand_at_their_paragraphs_not_on_one_point(tmp_path: Path) -> None:
    """The CPPCC report as published has findings on paragraphs of four pages: each note is at
    its paragraph (as many places as paragraphs blamed), none gathered on one point."""
    pdfium = pytest.importorskip("pypdfium2", reason="需要 pypdfium2（perfgen[pdf]）")
    raw = pytest.importorskip("pypdfium2.raw")
    source = Path(__file__).parent / "fixtures" / "as-published" / "nansha-cppcc-office-2022.yaml"
    target = tmp_path / "draft.pdf"
    assert _run("render", "--draft", str(source), "-o", str(target))[0] == 0
    places = set()
    for number, page in enumerate(pdfium.PdfDocument(io.BytesIO(target.read_bytes()))):
        for i in range(raw.FPDFPage_GetAnnotCount(page)):
            note = raw.FPDFPage_GetAnnot(page, i)
            if raw.FPDFAnnot_GetSubtype(note) == raw.FPDF_ANNOT_TEXT:
                box = raw.FS_RECTF()
                raw.FPDFAnnot_GetRect(note, box)
                places.add((number, round(box.left), round(box.top)))
    assert len({page for page, _, _ in places}) >= 3 and len(places) >= 5


# place(): the paragraph of a note, on small reports written here.

REPORT = """\
# 某单位2023年部门整体支出绩效自评报告

## 一、部门基本情况

### （一）部门整体收支情况

2023年总收入1,234.50万元。

2023年总支出1200.00万元。

## 二、绩效自评情况

### （一）履职效能分析

| 指标 | 目标值 | 实际值 |
| --- | --- | --- |
| 培训人数 | 80 | `【待填写】` |
| 会议次数 | 12 | `【待填写】` |
"""


def _placed(note: Note) -> str:
    tokens = parse(REPORT)
    place(tokens, [note])
    index, row = anchored(tokens)[0]
    if row >= 0:  # a table's row: its first cell
        return table_of(tokens[index]).rows[row][0]
    return tokens[index + 1].content


def _note(**fields: object) -> Note:
    return Note("error", "r", "m", "f:1:1 p", **fields)  # type: ignore[arg-type]


def test_place_finds_the_number_with_its_separator_in_the_section() -> None:
    from decimal import Decimal

    note = _note(sections=("部门整体收支情况",), value=Decimal("1234.5"))
    assert _placed(note) == "2023年总收入1,234.50万元。"


def test_place_finds_the_named_row_then_the_placeholder() -> None:
    note = _note(sections=("履职效能分析",), item="会议次数", value="【待填写】")
    assert _placed(note) == "会议次数"


def test_place_falls_back_to_the_section_heading_then_the_title() -> None:
    from decimal import Decimal

    assert (
        _placed(_note(sections=("部门整体收支情况",), value=Decimal(7))) == "（一）部门整体收支情况"
    )
    assert _placed(_note(sections=("没有这一节",))) == "某单位2023年部门整体支出绩效自评报告"


def test_section_keys_name_the_sections_that_print_a_field() -> None:
    titles = PRESET_TITLES["standard"]
    assert section_keys(("basic_info", "finances", "income", "total"), titles) == (
        "finances",
        "basic_info",
    )
    assert section_keys(("evaluation", "score"), titles) == ("conclusion", "evaluation")
    assert section_keys(("evaluation", "table", "indicators", 2, "actual"), titles) == (
        "attachments",
        "evaluation",
    )
    management = ("evaluation", "management_efficiency", "items", 0, "text", 1)
    assert section_keys(management, titles) == (
        "management_efficiency",
        "task_completion",
        "evaluation",
    )


def test_each_mistake_of_a_published_report_is_a_comment_on_its_own_paragraph(
    tmp_path: Path,
) -> None:
    # The CPPCC report as published: its narrative states 年初预算总收入2959.46万元 in 预算编制管理,
    # and its achievements skip from 3、 to 5、 (tests/fixtures/as-published, README's list).
    source = Path(__file__).parent / "fixtures" / "as-published" / "nansha-cppcc-office-2022.yaml"
    draft = tmp_path / "draft.docx"
    assert _run("render", "--draft", str(source), "-o", str(draft))[0] == 0
    document = docx.Document(str(draft))
    anchors = _anchors(document)
    by_rule: dict[str, list[str]] = {}
    for comment in document.comments:
        rule = comment.text.split("]")[0].split("[")[1]
        by_rule.setdefault(rule, []).append(anchors[str(comment.comment_id)])
    assert by_rule["enumeration-gap"] == [by_rule["enumeration-gap"][0]]
    # printed renumbered (4.聚焦…): the typed 5、 is dropped, the gap is the rule's to report
    assert by_rule["enumeration-gap"][0].startswith("4.聚焦服务“双统筹”工作")
    assert by_rule["amount-differs"][0].startswith(
        "区政协办公室2022年部门年初预算总收入2959.46万元"
    )
    assert all(a.startswith("2022年部门总支出决算1954.07万元") for a in by_rule["rate-differs"])
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert not headings & {a for anchors in by_rule.values() for a in anchors}


def test_a_finding_on_the_self_evaluation_table_is_a_comment_on_its_row(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "with-table.yaml"
    text = fixture.read_text(encoding="utf-8")
    old = "name: 信息稿件成果被国家采纳, target: 3, actual: 3"
    source = tmp_path / "unit.yaml"
    source.write_text(text.replace(old, old[:-1] + "【待填写】"), encoding="utf-8")
    draft = tmp_path / "draft.docx"
    assert _run("render", "--draft", str(source), "-o", str(draft))[0] == 0
    document = docx.Document(str(draft))
    (comment,) = document.comments
    assert "evaluation.table.indicators[3].actual" in comment.text
    (row,) = [
        r
        for t in document.tables
        for r in t.rows
        if r._tr.xpath(f'.//w:commentRangeStart[@w:id="{comment.comment_id}"]')
    ]
    cells = [c.text for c in row.cells]
    assert "信息稿件成果被国家采纳" in cells and "【待填写】" in cells


def test_a_paragraph_with_only_hints_is_marked_as_a_hint() -> None:
    # 提示 (issue 22): a block whose notes are all hints is marked apart, lighter than a warning
    from markdown_it import MarkdownIt

    from perfgen.writers.html import _mark
    from perfgen.writers.notes import Note

    tokens = MarkdownIt("commonmark").parse("## 一、部门基本情况\n\n第一段。\n\n第二段\n")
    notes = [
        Note("hint", "unterminated", "…", "a.txt:第 3 段", sections=("一、部门基本情况",)),
        Note("warning", "amount-differs", "…", "a.txt:第 2 段", sections=("一、部门基本情况",)),
    ]
    _mark(tokens, notes[:1])
    assert [t.attrGet("class") for t in tokens if t.attrGet("class")] == ["flagged hint"]
    tokens = MarkdownIt("commonmark").parse("## 一、部门基本情况\n\n第一段。\n")
    _mark(tokens, notes)
    assert [t.attrGet("class") for t in tokens if t.attrGet("class")] == ["flagged"]
