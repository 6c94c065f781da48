"""The worksheet XML (perfgen.input.sheet_xml): the C parser for what cannot declare an entity,
defusedxml for the rest — the same elements either way; plain cells read as openpyxl
reads them."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import pytest
from defusedxml import DefusedXmlException
from openpyxl.worksheet._reader import WorkSheetParser

from perfgen.input.sheet_xml import elements, plain_cell

SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1836.2</v></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>约1,300人次 &amp; 达成</t></is></c></row>'
    '</sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells></worksheet>'
)


def _encoded(text: str, encoding: str) -> bytes:
    return text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)


def _seen(data: bytes) -> list[tuple[str, str, dict[str, str], str | None]]:
    return [(ev, el.tag, dict(el.attrib), el.text) for ev, el in elements(io.BytesIO(data))]


def test_the_fast_parser_reads_what_defusedxml_reads() -> None:
    plain = SHEET.encode()
    # a comment sends the same sheet to defusedxml; a BOM keeps it on the C parser
    commented = SHEET.replace("<sheetData>", "<!-- 注释 --><sheetData>").encode()
    with_bom = b"\xef\xbb\xbf" + plain
    expected = _seen(commented)
    assert len(expected) == 13  # v c v c row t is c row sheetData mergeCell mergeCells worksheet
    assert (
        "end",
        "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t",
        {},
        "约1,300人次 & 达成",
    ) in expected
    assert _seen(plain) == expected
    assert _seen(with_bom) == expected
    assert _seen(_encoded(SHEET, "utf-16")) == expected  # not ASCII-compatible: defusedxml


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_entity_declaration_is_refused(encoding: str) -> None:
    hostile = SHEET.replace(
        "<worksheet", '<!DOCTYPE worksheet [<!ENTITY a "aaaa">]><worksheet', 1
    ).replace("0</v>", "&a;</v>", 1)
    with pytest.raises(DefusedXmlException):
        list(elements(io.BytesIO(_encoded(hostile, encoding))))


_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="B3" s="3" t="inlineStr"><is><t>单位名称 &amp; 达成</t></is></c>',
        '<c r="B3" t="inlineStr"><is><t/></is></c>',
        '<c r="AA30" s="0" t="inlineStr"><is><t xml:space="preserve">  约1,300\n 人次 </t></is></c>',
        '<c r="B4" s="3" t="inlineStr"></c>',  # how openpyxl writes an empty text
        '<c r="E9" s="6" t="n"><v>80</v></c>',
        '<c r="E9"><v>-1836.2</v></c>',
        '<c r="E9" s="2"><v>1E-3</v></c>',  # style 2 is a date format, but not this parser's
        '<c r="E9" s="6" t="n"><v>12345678901234567890</v></c>',
        '<c r="E9" s="6" t="n"><v/></c>',
        '<c r="C3" s="4" t="n"></c>',
        '<c r="K3"/>',
    ],
)
def test_a_plain_cell_reads_as_openpyxl_reads_it(cell: str) -> None:
    element = ElementTree.fromstring(cell.replace("<c ", f'<c xmlns="{_NS}" ', 1))
    theirs, ours = WorkSheetParser(None, [], data_only=True), WorkSheetParser(None, [], True)
    expected = theirs.parse_cell(element)
    got = plain_cell(ours, element)
    assert got == expected
    assert got is not None and type(got["value"]) is type(expected["value"])
    assert ours.col_counter == theirs.col_counter == expected["column"]


def test_a_number_in_a_date_format_is_left_to_openpyxl_and_a_bad_style_refused() -> None:
    parser = WorkSheetParser(None, [], data_only=True, date_formats={2})
    dated = ElementTree.fromstring(f'<c xmlns="{_NS}" r="E9" s="2"><v>1</v></c>')
    assert plain_cell(parser, dated) is None  # openpyxl reads it as 1900-01-01
    bad = ElementTree.fromstring(f'<c xmlns="{_NS}" r="E9" s="x"><v>1</v></c>')
    with pytest.raises(ValueError):
        plain_cell(parser, bad)


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="B3" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>',
        '<c r="B3" t="inlineStr"><is><t>a</t><rPh sb="0" eb="1"><t>b</t></rPh></is></c>',
        '<c r="B3" t="s"><v>0</v></c>',
        '<c t="inlineStr"><is><t>无坐标</t></is></c>',
        "<c><v>1</v></c>",
        '<c r="A1"><f>1+1</f><v>2</v></c>',
        '<c r="A1"><f>1+1</f></c>',
        '<c r="A1" t="b"><v>1</v></c>',
        '<c r="A1" t="e"><v>#N/A</v></c>',
        '<c r="A1" t="str"><v>公式的结果</v></c>',
        '<c r="A1" t="n"><v>1</v><extLst/></c>',
        '<c r="A1" t="inlineStr"><f>1</f></c>',
    ],
)
def test_any_other_cell_is_left_to_openpyxl(cell: str) -> None:
    element = ElementTree.fromstring(cell.replace("<c ", f'<c xmlns="{_NS}" ', 1))
    assert plain_cell(WorkSheetParser(None, [], True), element) is None
