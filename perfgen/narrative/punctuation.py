"""The punctuation that closes a sentence or a paragraph, named once for every stage: the
reader joining printed lines back into paragraphs (:mod:`perfgen.reading.source`), the rule on
paragraphs that stop mid-sentence (``unterminated``), and the filter that runs a heading into
its text (:func:`perfgen.templating.filters.run_in_separator`)."""

from __future__ import annotations

CLOSERS = tuple("。！？；：!?;:…")
"""Characters a sentence or a paragraph may end with, full and half width."""

CLOSING_QUOTES = tuple("”’）》」』)\"'")
"""Closing quotes and brackets, which may follow a closer (“……。”)."""


def closed(text: str) -> bool:
    """Whether ``text`` ends with a closer, alone or followed by closing quotes and brackets
    (“……完成。”, “（详见附件。）”)."""
    return text.rstrip("".join(CLOSING_QUOTES)).endswith(CLOSERS) or text.endswith(CLOSERS)
