"""The worksheet XML's two parsers (perfgen.input.sheet_xml): the C parser for what cannot
declare an entity, defusedxml for the rest — the same elements either way."""

from __future__ import annotations

import io

import pytest
from defusedxml import DefusedXmlException

from perfgen.input.sheet_xml import elements

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
