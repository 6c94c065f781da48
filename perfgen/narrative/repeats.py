"""Paragraphs written twice: word for word, or nearly (a clerk's copy of last year's section).

Only paragraphs of at least :data:`MIN_LENGTH` characters count (a short phrase such as
“具体绩效目标完成情况如下：” may well recur). Candidates are found through a few shared
character runs (:func:`repeats`), so the cost grows with the text, not with the square of the
number of paragraphs; a candidate pair is a repeat when its similarity
(:class:`difflib.SequenceMatcher`) is at least :data:`SIMILAR`.

What it cannot see: a paragraph repeated inside a longer one (a repeated sentence), or a
paraphrase that shares words but not runs of eight characters.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from perfgen.arithmetic import quantize
from perfgen.narrative.mentions import squeezed
from perfgen.narrative.passages import Passage

MIN_LENGTH = 50
"""Shortest paragraph compared, in characters (issue 12: “≥ 50 characters”)."""

SIMILAR = Decimal("0.9")
"""Least similarity (0–1) of two paragraphs that count as nearly the same."""

SHINGLE = 8
"""Length of the character runs that index a paragraph."""


@dataclass(frozen=True)
class Repeat:
    """A paragraph that repeats an earlier one.

    Attributes:
        first: The earlier paragraph.
        again: The later one, which is blamed.
        similarity: 1 when word for word, else the ratio (0.9–1).
    """

    first: Passage
    again: Passage
    similarity: Decimal


def repeats(passages: Iterable[Passage]) -> Iterator[Repeat]:
    """Each paragraph (at least :data:`MIN_LENGTH` characters) that repeats an earlier one,
    with the earliest it repeats.

    Word-for-word repeats are found by their text. For near ones, each paragraph is indexed by
    a few of its 8-character shingles, the :data:`SKETCH` smallest in text order (bottom-k
    min-wise sketching: two paragraphs that share most shingles share most of these); earlier
    paragraphs sharing one are the candidates, a candidate of too different a length is not
    compared, and the rest are compared by :class:`difflib.SequenceMatcher`. A sketch shingle
    found in more than :data:`COMMON` paragraphs is common phrasing and not indexed further.
    The cost grows with the length of the text.
    """
    seen: list[tuple[Passage, str]] = []
    exact: dict[str, int] = {}
    index: dict[str, list[int]] = defaultdict(list)
    for passage in passages:
        if not passage.paragraph or len(passage.text) < MIN_LENGTH:
            continue  # (taking the spaces out only shortens a text)
        text = squeezed(passage.text)
        if len(text) < MIN_LENGTH:
            continue
        sketch = _sketch(text)
        if text in exact:
            yield Repeat(seen[exact[text]][0], passage, Decimal(1))
        elif (near := _near(text, sketch, seen, index)) is not None:
            yield Repeat(seen[near[0]][0], passage, near[1])
        exact.setdefault(text, len(seen))
        for shingle in sketch:
            if len(index[shingle]) <= COMMON:
                index[shingle].append(len(seen))
        seen.append((passage, text))


SKETCH = 6
"""How many shingles index a paragraph."""

COMMON = 8
"""A sketch shingle held by more paragraphs than this is common phrasing, not a sign of copying."""


def _sketch(text: str) -> list[str]:
    """The :data:`SKETCH` smallest distinct shingles of ``text``, in order: what
    ``heapq.nsmallest`` gives over the set of all its shingles, read without building them all.

    A shingle starting with a character below a bound is smaller than any starting at or above
    it; so when the shingles starting with a character below the bound (:data:`_RANGES`) are
    :data:`SKETCH` or more, the smallest of them are the smallest of all. The positions of
    those characters are found by a regular expression, not by iterating over the text in
    Python (a Chinese character is a new object each time it is taken out of a string); a text
    with too few is read whole, as before. Linear in the text.
    """
    held: set[str] = set()  # the shingles starting below the bound of the ranges read so far
    for within in _RANGES:
        held.update([first + rest for first, rest in within.findall(text)])
        if len(held) >= SKETCH:
            return sorted(held)[:SKETCH]
    return heapq.nsmallest(SKETCH, {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)})


_RANGES = tuple(
    re.compile(f"([{within}])(?=(.{{{SHINGLE - 1}}}))", re.DOTALL)
    for within in (r"\x00-\x7f", r"\x80-\u303f", r"\u3040-\u4eff", r"\u4f00-\u53ff")
)
"""The characters whose shingles :func:`_sketch` takes first, range after range, each read once:
ASCII (digits, Latin letters, ASCII punctuation); then everything below the kana, which adds the
CJK punctuation (。、「」“”); then the first Chinese characters (一 上 不 中 为 主 也 了 人 以 … up
to U+53FF), which nearly every paragraph has six of. The full-width forms (，：（）) come last.
Each pattern gives a shingle as its first character and the seven after it (only where seven
follow), found by the regex engine without a match object each."""


def _near(
    text: str, sketch: list[str], seen: list[tuple[Passage, str]], index: dict[str, list[int]]
) -> tuple[int, Decimal] | None:
    """The earliest earlier paragraph nearly the same as ``text``, with its similarity."""
    candidates = sorted({n for shingle in sketch for n in index.get(shingle, ())})
    for other in candidates:
        earlier = seen[other][1]
        shorter, longer = sorted((len(text), len(earlier)))
        if 2 * shorter < SIMILAR * (shorter + longer):  # even all of the shorter cannot do
            continue
        if _at_most(earlier, text) < SIMILAR:  # nor the characters they have in common
            continue
        similarity = _similarity(earlier, text)
        if similarity >= SIMILAR:
            return other, similarity
    return None


def _at_most(first: str, second: str) -> Decimal:
    """A bound :func:`_similarity` never exceeds: the ratio of the characters the texts share,
    counted with repeats and in any order (difflib's ``quick_ratio``, counted in C). The
    matching blocks of ``ratio`` are shared characters in order, so they are no more, and
    rounding half-up to two decimals keeps the order."""
    shared = (Counter(first) & Counter(second)).total()
    return quantize(Decimal(repr(2.0 * shared / (len(first) + len(second)))), 2)


def _similarity(first: str, second: str) -> Decimal:
    """1 for the same text, else difflib's ratio to two decimals (half-up)."""
    if first == second:
        return Decimal(1)
    ratio = difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()
    return quantize(Decimal(repr(ratio)), 2)
