"""The width of text as it is printed: a Chinese character is one, an ASCII letter or digit
half. The Word title's lines, the signature's indent and the 自评表's row heights in Excel are
all measured with it."""

from __future__ import annotations

import unicodedata


class _Widths(dict[str, float]):
    """Character → its printed width, looked up once per character (a long 自评表 measures
    every cell)."""

    def __missing__(self, char: str) -> float:
        value = 1 if unicodedata.east_asian_width(char) in "WF" else 0.5
        self[char] = value
        return value


_WIDTHS = _Widths()


def width(text: str) -> float:
    """Width of text in full-width characters: Chinese 1, ASCII letters and digits ½."""
    if text.isascii():  # a file name, a rule's name: every character ½
        return len(text) / 2
    return sum(map(_WIDTHS.__getitem__, text))
