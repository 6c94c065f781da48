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
