"""The width of text as it is printed: a Chinese character is one, an ASCII letter or digit
half. The Word title's lines, the signature's indent and the 自评表's row heights in Excel are
all measured with it."""

from __future__ import annotations

import unicodedata


def width(text: str) -> float:
    """Width of text in full-width characters: Chinese 1, ASCII letters and digits ½."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
