"""Enumerations written into the clerk's text, and where their numbering skips or repeats.

Three kinds are read (docs/domain.md §4, §9): inline ones (一是…二是…, ①②③) within a text, and item
numbers at the start of the items of one list (“1、…” “2、…”, “（1）…”), which clerks paste
from last year's file although perfgen numbers items itself. A sequence starts at one; a
return to one starts a new sequence (two enumerations in one paragraph); any other number
that is not the next one is a gap (一是…三是) or a repeat (1. 2. 2.).

What it cannot see: an enumeration whose first item is missing (二是…三是 with no 一是) is read
as starting late, and reported at its first number; numbers written as words in running text
(第一，…第二，…) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from perfgen.locations import FieldPath
from perfgen.narrative.passages import Passage

_HAN_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九", 0)}
_CIRCLED = {chr(0x2460 + n): n + 1 for n in range(20)}  # ① … ⑳

_INLINE = re.compile(
    r"([一二三四五六七八九十](?<![^。；;，,：:\s（(][一二三四五六七八九十])[一二三四五六七八九十]{0,2})是"
)
"""一是, 二是 … at the start of the text or after a clause's punctuation: the lookbehind stands
after the first numeral, so that the search goes from numeral to numeral rather than trying
every character."""
_CIRCLED_MARK = re.compile("[\u2460-\u2473]")
_LEADING = re.compile(
    r"^\s*(?:(\d{1,2})[.、．](?!\d)|[（(](\d{1,2})[）)]|[（(]([一二三四五六七八九十]{1,3})[）)])"
)


@dataclass(frozen=True)
class Gap:
    """A number of an enumeration that does not follow the one before it.

    Attributes:
        path: Where the number is written.
        found: The number written, as written (“三是”, “④”, “4、”).
        expected: The number that should stand there, in the same form.
        previous: The number before it, in the same form.
    """

    path: FieldPath
    found: str
    expected: str
    previous: str


def han_value(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (up to 九十九)."""
    if "十" not in numeral:
        return _HAN_DIGITS.get(numeral, 0)
    tens, _, ones = numeral.partition("十")
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[ones] if ones else 0)


def _han(number: int) -> str:
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def gaps(passages: Iterable[Passage]) -> Iterator[Gap]:
    """Every skip or repeat of an enumeration in ``passages``: inline ones within each text,
    and leading item numbers across the items of each list (consecutive passages whose paths
    differ only in the list index)."""
    items: list[tuple[Passage, int, str]] = []
    passages = tuple(passages)
    # what no text has, no text is read for: one search of all the texts together, each
    # kept apart by a line break, which no mark spans
    joined = "\n".join(passage.text for passage in passages)
    numbered_is = "是" in joined and _numbered_is(joined)
    circled = _CIRCLED_MARK.search(joined) is not None
    for passage in passages:
        if (numbered_is or circled) and (found := _inline(passage, numbered_is, circled)):
            yield from found
        match = _LEADING.match(passage.text)
        if match is None:
            continue
        arabic = match[1] or match[2]
        number = int(arabic) if arabic else han_value(match[3])
        items.append((passage, number, match[0].strip()))
    yield from _leading(items)


def _inline(passage: Passage, numbered_is: bool = True, circled: bool = True) -> list[Gap]:
    """The gaps of the 一是 … and ① … enumerations written within ``passage``'s text (a text
    of one mark or none has none: it is passed over without reading a sequence).

    Args:
        passage: The text to read.
        numbered_is: False when no text of the report has a numeral before 是, so this one
            has no 一是 … to read.
        circled: False when no text of the report has a circled number (① …).
    """
    gaps: list[Gap] = []
    text = passage.text
    marks = (
        [(han_value(m[1]), m[1] + "是") for m in _INLINE.finditer(text)]
        if numbered_is and "是" in text and _numbered_is(text)
        else []
    )
    if len(marks) > 1:
        gaps.extend(_sequence(passage.path, marks, lambda n: _han(n) + "是"))
    if not circled:
        return gaps
    circles = [(_CIRCLED[m[0]], m[0]) for m in _CIRCLED_MARK.finditer(text)]
    if len(circles) > 1:
        gaps.extend(_sequence(passage.path, circles, lambda n: chr(0x2460 + n - 1)))
    return gaps


def _numbered_is(text: str) -> bool:
    """Whether ``text`` has a numeral right before 是 (一是 … 十是), which every mark of
    :data:`_INLINE` ends with: string searches, many times quicker than the regex engine trying
    the pattern at each of the many 一 of a text."""
    return any(mark in text for mark in _NUMBERED_IS)


_NUMBERED_IS = tuple(f"{numeral}是" for numeral in "一二三四五六七八九十")


def _sequence(
    path: FieldPath, marks: list[tuple[int, str]], form: Callable[[int], str]
) -> Iterator[Gap]:
    previous: tuple[int, str] | None = None
    for number, written in marks:
        if previous is not None and number not in (1, previous[0] + 1):
            expected = form(previous[0] + 1)
            yield Gap(path, written, expected, previous[1])
        previous = (number, written)


def _siblings(first: FieldPath, second: FieldPath) -> bool:
    """Whether two paths are items of one list: the same but for one list index
    (``achievements.0.text.0`` and ``achievements.1.text.0``; ``duties.3`` and ``duties.4``)."""
    if len(first) != len(second):
        return False
    differ = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    return len(differ) == 1 and all(isinstance(x, int) for x in differ[0])


def _style(written: str) -> str:
    """A leading number's form, whatever its value and bracket width: “1.” and “2、” differ,
    so do “(1)” and “（二）”; “(1)” and “（2）” do not."""
    arabic = re.sub(r"\d+", "#", written.translate(_WIDTH))
    return re.sub("[一二三四五六七八九十]+", "〇", arabic)


_WIDTH = str.maketrans("（）．", "().")


def _leading(items: list[tuple[Passage, int, str]]) -> Iterator[Gap]:
    """Gaps between the leading numbers of adjacent items of one list written in one form: a
    heading “1.职责职能” the reader kept beside an item “(6)…” is no step of its sequence."""
    previous: tuple[FieldPath, int, str] | None = None
    for passage, number, written in items:
        if (
            previous is not None
            and _siblings(previous[0], passage.path)
            and _style(previous[2]) == _style(written)
            and number not in (1, previous[1] + 1)
        ):
            expected = re.sub(
                r"\d+|[一二三四五六七八九十]+", _next(previous[1] + 1), written, count=1
            )
            yield Gap(passage.path, written, expected, previous[2])
        previous = (passage.path, number, written)


def _next(number: int) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return str(number) if match[0].isdigit() else _han(number)

    return replace
