"""Landscape pages for tables too wide for a portrait one (GB/T 9704 §5.2.2 allows a table to
be set across the page): the section that holds such a table — from its heading to the next
heading — becomes its own landscape section.

A Word section ends with a ``w:sectPr``: inside the last paragraph of every section but the
last, and at the end of the body for the last. The page setup of each is the body's own (from
the base package or the unit's reference document), turned: width and height swapped, the
margins turned with the page, the headers and footers kept.
"""

from __future__ import annotations

import re

SECTION_END = "</w:sectPr>"

_PAGE_SIZE = re.compile(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"(?: w:orient="\w+")?/>')
_MARGINS = re.compile(r'<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"')


def section_properties(tail: str) -> str:
    """The body's ``w:sectPr`` (the start of the package's tail), without its revision ids."""
    sect_pr = tail[: tail.index(SECTION_END) + len(SECTION_END)]
    return re.sub(r"<w:sectPr[^>]*>", "<w:sectPr>", sect_pr, count=1)


def turned(sect_pr: str) -> str:
    """``sect_pr`` for a landscape page: the paper turned, the text block with it — the top
    margin becomes the left one, so the binding edge keeps its room."""
    size = _PAGE_SIZE.search(sect_pr)
    margins = _MARGINS.search(sect_pr)
    if size is None or margins is None:  # a reference document we cannot turn: keep it
        return sect_pr
    width, height = size.groups()
    top, right, bottom, left = margins.groups()
    sect_pr = _PAGE_SIZE.sub(
        f'<w:pgSz w:w="{height}" w:h="{width}" w:orient="landscape"/>', sect_pr
    )
    return _MARGINS.sub(
        f'<w:pgMar w:top="{left}" w:right="{bottom}" w:bottom="{right}" w:left="{top}"', sect_pr
    )


def text_width(sect_pr: str, default: int) -> int:
    """The width of the text block of ``sect_pr``'s page, in twips (``default`` when unknown)."""
    size = _PAGE_SIZE.search(sect_pr)
    margins = _MARGINS.search(sect_pr)
    if size is None or margins is None:
        return default
    _top, right, _bottom, left = (int(m) for m in margins.groups())
    return int(size.group(1)) - left - right


def ending(paragraph: str, sect_pr: str) -> str:
    """``paragraph`` (a ``w:p``) made the last of its section: ``sect_pr`` as the last child of
    its properties."""
    if paragraph.startswith("<w:p><w:pPr/>"):
        return paragraph.replace("<w:pPr/>", f"<w:pPr>{sect_pr}</w:pPr>", 1)
    at = paragraph.index("</w:pPr>")
    return paragraph[:at] + sect_pr + paragraph[at:]
