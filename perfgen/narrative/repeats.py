"""Paragraphs written twice: word for word, or nearly (a clerk's copy of last year's section).

Only paragraphs of at least :data:`MIN_LENGTH` characters count (a short phrase such as
“具体绩效目标完成情况如下：” may well recur). Candidates are found through shared character
runs (an index of 8-character shingles), so the cost grows with the text, not with the square
of the number of paragraphs; a candidate pair is a repeat when its similarity
(:class:`difflib.SequenceMatcher`) is at least :data:`SIMILAR`.

What it cannot see: a paragraph repeated inside a longer one (a repeated sentence), or a
paraphrase that shares words but not runs of eight characters.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from perfgen.narrative.passages import Passage
from perfgen.numbers import quantize

MIN_LENGTH = 50
"""Shortest paragraph compared, in characters (issue 12: “≥ 50 characters”)."""

SIMILAR = Decimal("0.9")
"""Least similarity (0–1) of two paragraphs that count as nearly the same."""

SHINGLE = 8
"""Length of the character runs candidates must share."""

_SPACE = re.compile(r"\s+")


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
    with the earliest it repeats."""
    seen: list[tuple[Passage, str]] = []
    index: dict[str, set[int]] = defaultdict(set)
    for passage in passages:
        if not passage.paragraph:
            continue
        text = _SPACE.sub("", passage.text)
        if len(text) < MIN_LENGTH:
            continue
        shingles = {text[i : i + SHINGLE] for i in range(0, len(text) - SHINGLE + 1)}
        counts: dict[int, int] = defaultdict(int)
        for shingle in shingles:
            for other in index[shingle]:
                counts[other] += 1
        for other in sorted(n for n, c in counts.items() if c >= len(shingles) // 2):
            earlier, earlier_text = seen[other]
            similarity = _similarity(earlier_text, text)
            if similarity >= SIMILAR:
                yield Repeat(earlier, passage, similarity)
                break
        for shingle in shingles:
            index[shingle].add(len(seen))
        seen.append((passage, text))


def _similarity(first: str, second: str) -> Decimal:
    """1 for the same text, else difflib's ratio to two decimals (half-up)."""
    if first == second:
        return Decimal(1)
    ratio = difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()
    return quantize(Decimal(repr(ratio)), 2)
