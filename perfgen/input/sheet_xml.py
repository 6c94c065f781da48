"""The elements of a worksheet's XML, parsed by the C parser when the text cannot hold an
entity declaration, else by defusedxml (which openpyxl parses with, and which refuses one).

defusedxml's parser is Python's pure-Python ElementTree parser with entity declarations
forbidden; for a 自评表 of 10,000 indicators (a sheet of about 6 MB, 240,000 elements) it takes
more than twice the time of the C parser. Excel writes no DOCTYPE, no entity declaration, no
comment and no CDATA section, so a sheet in an ASCII-compatible encoding without ``<!`` anywhere
cannot declare an entity, and the C parser reads it into the same elements; anything else (a
UTF-16 sheet, a DOCTYPE) goes to defusedxml as before, and is refused or read as it was.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import INLINE_STRING, VALUE_TAG
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse as defused_iterparse

_ASCII_STARTS = (b"<", b"\xef\xbb\xbf<")
"""How XML in UTF-8 (with or without its byte order mark) or in ASCII begins."""


def elements(source: Any) -> Iterator[tuple[str, Any]]:
    """``(event, element)`` at the end of each element of the XML in ``source`` (a binary file
    object, read whole: its size is bounded by :data:`perfgen.input.sheet.MAX_UNPACKED`), as
    ``iterparse`` yields them.

    Raises:
        Exception: whatever the parser raises for XML that is not well formed, or defusedxml
            for an entity declaration.
    """
    data = source.read()
    if data.startswith(_ASCII_STARTS) and b"<!" not in data:
        return ElementTree.iterparse(io.BytesIO(data))
    return defused_iterparse(io.BytesIO(data))


_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"


def plain_cell(parser: Any, element: Any) -> dict[str, Any] | None:
    """openpyxl's cell (as its worksheet parser returns it) for a cell of the forms openpyxl, and
    so ``perfgen table``, writes, read without openpyxl's general path (most of the time of
    reading a 10,000-row 自评表, whose 110,000 cells are all of these forms); ``None`` for any
    other cell, which ``parser`` reads itself:

    - an inline string holding one plain text (``<c r="B3" t="inlineStr"><is><t>…</t></is></c>``),
      without building openpyxl's rich-text objects for it;
    - a number (``<c r="E9" s="6" t="n"><v>80</v></c>``, ``t`` absent or ``n``), its style no
      date format;
    - an empty cell (``<c r="C3" s="4" t="n"></c>``, or an inline string without its ``<is>``).

    Raises:
        Exception: a coordinate, style or number that is not one (as openpyxl's parser raises).
    """
    coordinate = element.get("r")
    if not coordinate:
        return None
    kind = element.get("t", "n")
    value: Any = None
    children = len(element)
    if children > 1:
        return None
    if kind == "inlineStr":
        if children:
            inline = element[0]
            if inline.tag != INLINE_STRING or len(inline) != 1:
                return None
            text = inline[0]
            if text.tag != _TEXT_TAG or len(text):
                return None
            value, kind = text.text or "", "s"
    elif kind == "n":
        if children:
            number = element[0]
            if number.tag != VALUE_TAG or len(number):
                return None
            value = number.text or None
    else:
        return None
    style_id = element.get("s", 0)
    if style_id:
        style_id = int(style_id)
    row, column = coordinate_to_tuple(coordinate)
    parser.col_counter = column
    if value is not None and kind == "n":
        if style_id in parser.date_formats:
            return None  # a date: openpyxl converts it
        # as openpyxl casts a number. Excel stores a double and writes up to 17 digits of it
        # (88.120000000000005 for a typed 88.12): Sheet.number turns the float into a Decimal
        # through its shortest repr, the digits the clerk typed; no arithmetic is done on it.
        value = float(value) if "." in value or "E" in value or "e" in value else int(value)
    return {"row": row, "column": column, "value": value, "data_type": kind, "style_id": style_id}
