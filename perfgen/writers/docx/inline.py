"""Inline Markdown as WordprocessingML runs: text, **bold**, *italic*, line breaks, and
placeholders highlighted yellow.

The XML is written as text, element for element as python-docx writes it (``add_run``, then
``bold``/``italic`` set, an empty ``w:rPr`` kept), so the Word file does not change with the
writer. :func:`xml_text` is the one escaping of text for the package.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from perfgen.locations import visible
from perfgen.placeholders import contains_placeholder

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SPECIAL = re.compile("([\t\r\n])")


def xml_text(text: str) -> str:
    """``text`` escaped for XML character data; characters XML cannot hold are shown as their
    visible symbols (:func:`perfgen.markdown.visible`)."""
    return visible(text).translate(_ESCAPES)


def run_content(text: str) -> str:
    """The inner content of a run: ``w:t`` text, a tab as ``w:tab``, a line break as ``w:br``.

    ``xml:space="preserve"`` is set when the text begins or ends with white space.
    """
    out = []
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{xml_text(piece)}</w:t>")
    return "".join(out)


def run(text: str, *, bold: bool = False, italic: bool = False, highlight: bool = False) -> str:
    """One run with its properties (an empty ``w:rPr`` when it has none)."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    props += '<w:highlight w:val="yellow"/>' if highlight else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else "<w:rPr/>"
    return f"<w:r>{rpr}{run_content(text)}</w:r>"


def runs(inline: Token, *, bold: bool = False) -> str:
    """The runs of an inline token; ``bold`` makes every run bold (a table's header row)."""
    return runs_of(inline.children or [], bold=bold)


def plain_runs(text: str, *, bold: bool = False) -> str:
    """The runs of plain text (no inline markup): what :func:`runs` gives for its one text
    token."""
    return run(text, bold=bold, highlight=contains_placeholder(text)) if text else ""


def runs_of(children: list[Token], *, bold: bool = False) -> str:
    """The runs of an inline token's children (see :func:`runs`)."""
    out = []
    strong = emphasis = False
    for child in children:
        if child.type in ("text", "code_inline"):
            highlight = contains_placeholder(child.content)
            out.append(
                run(child.content, bold=bold or strong, italic=emphasis, highlight=highlight)
            )
        elif child.type == "hardbreak":
            out.append("<w:r><w:rPr><w:b/></w:rPr><w:br/></w:r>" if bold else "<w:r><w:br/></w:r>")
        elif child.type in ("strong_open", "strong_close"):
            strong = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            emphasis = child.type == "em_open"
    return "".join(out)


def plain_text(inline: Token) -> str:
    """The text an inline token shows (its Markdown escapes resolved)."""
    return "".join(
        child.content if child.type in ("text", "code_inline") else "\n"
        for child in inline.children or []
        if child.type in ("text", "code_inline", "hardbreak")
    )
