"""Report Markdown parsed into markdown-it block tokens, each table one token of structured rows
(:mod:`perfgen.writers.pipe_tables`), with the framing paragraphs marked."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from perfgen.writers.pipe_tables import blocks

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
"""CommonMark with tables and raw HTML off: clerk text can never become markup."""


def parse(markdown: str) -> list[Token]:
    """Parse report Markdown into block tokens, marking the framing paragraphs.

    Each table is one :data:`~perfgen.writers.pipe_tables.TABLE` token whose
    ``meta["table"]`` is a :class:`~perfgen.writers.pipe_tables.Table`.

    Paragraphs before the title (``#``) get ``meta["role"] = "label"`` (the 附件 label);
    paragraphs after the final ``---`` get ``"signature"`` and the rule itself is dropped.
    """
    tokens = blocks(_PARSER, markdown)
    rules = [i for i, t in enumerate(tokens) if t.type == "hr"]
    last_rule = rules[-1] if rules else len(tokens)
    seen_title = False
    out = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            seen_title = True
        if i == last_rule:
            continue
        if token.type == "paragraph_open":
            if not seen_title:
                token.meta["role"] = "label"
            elif i > last_rule:
                token.meta["role"] = "signature"
        out.append(token)
    return out
