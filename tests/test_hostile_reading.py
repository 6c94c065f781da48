"""Hostile published reports read by ``perfgen import`` and ``perfgen audit`` (issue 23):
texts whose numbers break the reader's arithmetic, Word files whose tables are huge or
malformed, PDF files with a page that does not load. Each file is generated here from a sample
text (or built by python-docx / pypdfium2); nothing binary is committed. A case either reads
(in the time of its real content) or exits 1 with exactly the expected message, no traceback,
and nothing written.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import folder_state, pdf_bytes
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgen.cli import main
from perfgen.reading.indicators import _target
from perfgen.reading.source import read_source

TEXTS = Path(__file__).parent / "fixtures" / "published-text"
CPPCC = TEXTS / "nansha-cppcc-office-2022.txt"
PARTY = TEXTS / "nansha-party-committee-office-2023.txt"


def _text(tmp_path: Path, sample: Path, old: str, new: str) -> Path:
    text = sample.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _import(path: Path) -> tuple[int, str, Path]:
    target = path.parent / "out.yaml"
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(target)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output, target


def _refused(path: Path, message: str) -> None:
    before = folder_state(path.parent)
    code, output, _ = _import(path)
    assert code == 1
    assert output.strip() == f"{path}: {message}"
    assert folder_state(path.parent) == before
    audited = CliRunner().invoke(main, ["audit", str(path)])
    assert audited.exit_code == 1
    assert audited.output.splitlines() == [f"{path}: {message}", "共检查 0 份报告；1 份无法读取"]


DIGITS = "超过可读取的 20 位上限（报告中的金额、人数和编码都不会这么长），请检查原文"


def test_an_amount_of_ten_to_the_29th_is_refused_by_its_paragraph(tmp_path: Path) -> None:
    path = _text(tmp_path, CPPCC, "30.71 万元，同比下降", f"1{'0' * 29} 万元，同比下降")
    _refused(path, f"第 48 段: 有一个 30 位的数字，{DIGITS}")


def test_a_count_of_5000_digits_is_refused_before_it_is_converted(tmp_path: Path) -> None:
    path = _text(tmp_path, PARTY, "88人次", f"{'8' * 5000}人次")
    _refused(path, f"第 39 段: 有一个 5000 位的数字，{DIGITS}")


def test_a_decrease_of_100_percent_leaves_last_year_unread(tmp_path: Path) -> None:
    path = _text(tmp_path, CPPCC, "同比下降 60.92%", "同比下降 100%")
    code, output, target = _import(path)
    assert code == 0, output
    text = target.read_text(encoding="utf-8")
    assert "prior_actual" not in text
    assert "同比下降100%" in text


def test_a_completion_rate_of_zero_leaves_the_target_to_fill(tmp_path: Path) -> None:
    path = _text(tmp_path, PARTY, "指标完成率为110%", "指标完成率为0%")
    code, output, target = _import(path)
    assert code == 0, output
    assert "完成率为 0%，无法反推，请填写" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("count", "target"), [("1000000000", "910000000"), ("100000000000", None)])
def test_a_huge_count_works_out_its_target_digit_by_digit(
    tmp_path: Path, count: str, target: str | None
) -> None:
    path = _text(tmp_path, PARTY, "88人次", f"{count}人次")
    code, output, written = _import(path)
    if target is None:  # over the schema's bound on an indicator's value: said, not written
        assert code == 1 and "应不大于 10000000000" in output
        assert not written.exists()
    else:
        assert code == 0, output
        assert f"target: {target}" in written.read_text(encoding="utf-8")


def _brute(actual: Decimal, rate: Decimal, decimals: int) -> Decimal | None:
    """The target as the reader used to find it: by listing every candidate."""
    half = Decimal(5).scaleb(-decimals - 1)
    low = actual * 100 / (rate + half)
    high = actual * 100 / (rate - half) if rate > half else actual * 100
    candidates = [Decimal(n) for n in range(int(low) + 1, int(high) + 1)]
    if not candidates:
        return None
    zeros = lambda c: len(str(int(c))) - len(str(int(c)).rstrip("0"))  # noqa: E731
    exact = actual * 100 / rate
    return max(candidates, key=lambda c: (zeros(c), -abs(c - exact)))


@settings(deadline=None, max_examples=200)
@given(st.integers(0, 5_000), st.integers(1, 400), st.integers(0, 2))
def test_the_target_digit_by_digit_is_the_one_listing_found(
    actual: int, rate: int, decimals: int
) -> None:
    value = Decimal(rate) + Decimal(rate % 7).scaleb(-decimals)  # 1% to 400%, small ranges
    expected = _brute(Decimal(actual), value, decimals)
    found, _ = _target(Decimal(actual), value, decimals)
    if expected is not None:
        assert found == expected


def test_the_targets_of_the_samples() -> None:
    assert _target(Decimal(88), Decimal(110), 0)[0] == 80
    assert _target(Decimal(1300), Decimal(144), 0)[0] == 900


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _word(tmp_path: Path, rows: str, *, edit: Callable[[str], str] = lambda x: x) -> Path:
    """A Word file made by python-docx: a title, a heading, then a table of ``rows`` (XML)."""
    import docx

    document = docx.Document()
    document.add_paragraph("某单位2023年度部门整体支出绩效自评报告")
    document.add_paragraph("一、部门基本情况")
    document.add_table(rows=1, cols=1)
    path = tmp_path / "report.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as source:
        members = {item.filename: source.read(item) for item in source.infolist()}
    xml = members["word/document.xml"].decode()
    start, end = xml.index("<w:tr"), xml.rindex("</w:tr>") + len("</w:tr>")
    members["word/document.xml"] = edit(xml[:start] + rows + xml[end:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return path


def _row(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ("300000000", "表格的一格跨 300000000 列，超过 63 列（Word 表格的列数上限），无法读取"),
        ("1000000", "表格的一格跨 1000000 列，超过 63 列（Word 表格的列数上限），无法读取"),
        ("abc", "表格的列数“abc”不是整数（文件已损坏？），无法读取"),
    ],
)
def test_a_huge_or_broken_span_is_refused_by_its_cell(
    tmp_path: Path, span: str, message: str
) -> None:
    path = _word(tmp_path, _row(_cell("甲", f'<w:gridSpan w:val="{span}"/>')))
    _refused(path, f"第 1 个表格第 1 行第 1 格: {message}")


def test_a_row_over_63_columns_is_refused(tmp_path: Path) -> None:
    path = _word(tmp_path, _row(*[_cell("甲", '<w:gridSpan w:val="9"/>')] * 8))
    message = "表格的一行超过 63 列（Word 表格的列数上限），无法读取"
    _refused(path, f"第 1 个表格第 1 行第 8 格: {message}")


def test_a_table_of_100000_rows_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = _word(tmp_path, _row(_cell("甲")) * 100_000)
    _refused(path, "第 1 个表格: 表格有 100000 行，超过可读取的 5000 行上限")


def test_merges_are_read_in_one_pass(tmp_path: Path) -> None:
    """A chain of 3,000 merged rows, a merge in the first row, a merge under a shorter row."""
    merged = _cell("", "<w:vMerge/>")
    rows = _row(_cell("首", "<w:vMerge/>"), _cell("甲"))  # a merge continued in the first row
    rows += _row(_cell("起", '<w:vMerge w:val="restart"/>'), _cell("乙"))
    rows += _row(merged, _cell("丙")) * 3_000
    rows += _row(_cell("短", '<w:gridSpan w:val="2"/>'))
    rows += _row(_cell("宽"), _cell("宽"), merged)  # nothing above its third column
    blocks = read_source(_word(tmp_path, rows)).blocks
    cells = [block.cells for block in blocks if block.cells]
    assert cells[0] == ("首", "甲")
    assert cells[1:3002] == [("起", "乙")] + [("起", "丙")] * 3_000
    assert cells[3002:] == [("短",), ("宽", "宽", "")]


def test_a_word_file_without_a_body_is_refused(tmp_path: Path) -> None:
    path = _word(tmp_path, "", edit=lambda xml: re.sub(r"<w:body>.*</w:body>", "", xml, flags=re.S))
    _refused(path, "Word 文件中没有正文（w:body），无法读取")


def test_a_strict_open_xml_word_file_is_refused(tmp_path: Path) -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    path = _word(
        tmp_path,
        _row(_cell("甲")),
        edit=lambda xml: xml.replace(
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main", strict
        ),
    )
    _refused(path, "是 Strict Open XML 格式的 Word 文件，无法读取；请在 Word 中另存为普通 .docx")


def test_a_pdf_page_that_does_not_load_refuses_the_file_by_its_page(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes(second=b"42"))  # the page tree's second kid is not a page
    _refused(path, "第 2 页: PDF 的这一页无法读取（文件已损坏？），未读取这份文件")


def test_a_pdf_made_by_hand_reads(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes())
    assert [block.text for block in read_source(path).blocks] == ["Report 2023"]


def test_a_decrease_of_nearly_100_percent_is_not_worked_out_beyond_precision(
    tmp_path: Path,
) -> None:
    """30.71 ÷ (1 − 99.99999999999999999999%) has 23 integer digits: left as written."""
    path = _text(tmp_path, CPPCC, "同比下降 60.92%", f"同比下降 99.{'9' * 20}%")
    code, output, target = _import(path)
    assert code == 0, output
    assert "prior_actual" not in target.read_text(encoding="utf-8")


def test_a_text_of_300000_paragraphs_is_refused_after_joining_before_the_outline(
    tmp_path: Path,
) -> None:
    path = tmp_path / "report.txt"
    path.write_text("一、部门基本情况\n" + "（一）甲。\n" * 300_000, encoding="utf-8")
    _refused(path, "报告有 300001 段，超过可读取的 20000 段上限")


def test_repeated_first_numbers_open_no_more_than_max_depth_levels(tmp_path: Path) -> None:
    """Each “（一）” under another used to open a level, and each later number was matched
    against all of them (quadratic); past MAX_DEPTH levels they are paragraphs."""
    from perfgen.reading.outline import MAX_DEPTH, outline

    path = tmp_path / "report.txt"
    path.write_text("一、部门基本情况\n" + "（一）甲。\n" * 50, encoding="utf-8")
    parts = outline(read_source(path).blocks, []).parts
    assert len(parts) == 1
    headed = [s for s in parts[0].sections if s.heading is not None]
    assert len(headed) == 1 and MAX_DEPTH == 8


def _indicators(count: int) -> str:
    return "，".join(f"指标{n}人数88人次，指标完成率为110%" for n in range(count)) + "，"


def test_more_than_200_indicators_are_refused_before_audit_checks_them(tmp_path: Path) -> None:
    path = _text(
        tmp_path, PARTY, "业务岗位培训人数88人次", _indicators(300) + "业务岗位培训人数88人次"
    )
    _refused(path, "第 39 段: 报告的绩效指标超过可读取的 200 个上限")


def test_a_paragraph_over_20000_characters_is_refused(tmp_path: Path) -> None:
    path = _text(
        tmp_path, PARTY, "业务岗位培训人数88人次", _indicators(900) + "业务岗位培训人数88人次"
    )
    _refused(path, "第 39 段: 这一段有 20721 字，超过可读取的 20000 字上限（段落之间缺少换行？）")
