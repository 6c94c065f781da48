"""The numbering grammar of published reports: which number a paragraph starts with.

Official documents number their headings and items in a handful of forms (GB/T 9704 and the
habits of each province), each in full-width and half-width punctuation:

======================  ===========  ==========================================
form                    key          examples
======================  ===========  ==========================================
Chinese numeral + 、    ``cn``       一、 二． 三.
Chinese in brackets     ``cn_paren`` （一） (二) （三)
ordinal clause          ``cn_is``    一是 二是
ordinal word            ``ordinal``  第一， 第二、 第三：
Arabic + 、 or .        ``arabic``   1、 1. 1． 1 、
Arabic in brackets      ``ar_paren`` （1） (2) (3）
Arabic + closing        ``ar_close`` 1） 2)
circled                 ``circled``  ① ②
======================  ===========  ==========================================

A number says nothing about its level by itself: :mod:`perfgen.reading.outline` decides the
level from the sequence a number continues (二 after 一 of the same form) and from nesting (a
list that starts again at 1 inside another is a level below it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十"
_CN_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", 1)}

_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn_paren", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*")),
    ("ar_paren", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、.．]\s*")),
    ("cn_is", re.compile(rf"^([{_CN}]{{1,3}})是(?=[^，,。；;]{{2}})")),
    ("ordinal", re.compile(rf"^第([{_CN}]{{1,3}})\s*[，,、：:]\s*")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[、.．](?![\d.．])\s*")),
    ("ar_close", re.compile(r"^(\d{1,2})\s*[）)]\s*")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*")),
)


@dataclass(frozen=True)
class Number:
    """The number a paragraph starts with.

    Attributes:
        form: Its form (``cn``, ``cn_paren``, ``arabic`` … see the module docstring).
        value: Its value (一 and 1 and ① are 1).
        written: The number as written, with the punctuation and spaces that follow it.
        rest: The paragraph after it.
    """

    form: str
    value: int
    written: str
    rest: str


def chinese_value(numeral: str) -> int | None:
    """The value of a Chinese numeral up to 九十九 (十 → 10, 十二 → 12, 二十三 → 23)."""
    if numeral == "十":
        return 10
    if "十" not in numeral:
        return _CN_DIGITS.get(numeral) if len(numeral) == 1 else None
    tens, _, units = numeral.partition("十")
    high = _CN_DIGITS.get(tens, 0) if tens else 1
    low = _CN_DIGITS.get(units, 0) if units else 0
    if (tens and not high) or (units and not low) or "十" in units:
        return None
    return high * 10 + low


def number_of(text: str) -> Number | None:
    """The number ``text`` starts with, or ``None`` (a year “2023年” or an amount is not one)."""
    stripped = text.lstrip()
    for form, pattern in _FORMS:
        if not (match := pattern.match(stripped)):
            continue
        digits = match[1]
        if form == "circled":
            value: int | None = ord(digits) - 0x2460 + 1
        elif digits.isdigit():
            value = int(digits)
        else:
            value = chinese_value(digits)
        if value is None or value == 0:
            return None
        return Number(form, value, match[0], stripped[match.end() :])
    return None


LIST_FORMS = frozenset({"arabic", "ar_paren", "ar_close", "circled", "cn", "cn_paren"})
"""The forms a clerk types before a list item (1. （1） ① 一、 （一）); 一是 and 第一， open an
enumeration inside a sentence, which is the item's content."""


def typed_number(text: str) -> Number | None:
    """The number a clerk typed before a list item (1. （1） ① 一、 （一）, with text after it), or
    ``None``: 一是 and 第一， open an enumeration inside a sentence and are the item's content."""
    number = number_of(text)
    return number if number is not None and number.form in LIST_FORMS and number.rest else None


def unnumbered(texts: list[str]) -> list[str]:
    """The items of a list perfgen numbers, without the numbers the clerk typed before them: when
    the first item is typed 1 and another is typed too, every typed number goes (a skipped or
    repeated one included — perfgen numbers the items 1, 2, 3 …; ``enumeration-gap`` reports the
    skip). A list of one item keeps its number: it may open an enumeration running on inside it.
    """
    typed = [typed_number(text) for text in texts]
    first = typed[0] if typed else None
    if first is None or first.value != 1 or sum(t is not None for t in typed) < 2:
        return texts
    return [number.rest if number else text for number, text in zip(typed, texts, strict=True)]
