"""Inline Markdown as Word runs: text, **bold**, *italic*, line breaks, highlighted placeholders."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_COLOR_INDEX
from markdown_it.token import Token

from perfgen.placeholders import contains_placeholder


def add_inline(paragraph: Any, inline: Token) -> None:
    """Append an inline token's text as runs, honouring **bold** and *italic*.

    A run holding a placeholder (【待填写】) is highlighted yellow, so a draft shows what is
    unfinished.
    """
    bold = italic = False
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold = bold or None
            run.italic = italic or None
            if contains_placeholder(child.content):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif child.type == "hardbreak":
            paragraph.add_run().add_break()
        elif child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
