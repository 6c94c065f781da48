"""Breaking a long title into a balanced shape, and the width of text in characters.

GB/T 9704 asks for a title of several lines in a balanced shape (梯形或菱形); the signature block
is placed by the width of its lines (:func:`perfgen.writers.widths.width`).
"""

from __future__ import annotations

import functools
import itertools
import math

from perfgen.writers.widths import width

TITLE_CHARS_PER_LINE = 20
"""二号 characters that fit the 156 mm text block (442 pt ÷ 22 pt)."""


BREAK_AFTER = tuple("会室局厅府院委处办年度")
"""A line may well end after these (委员会, 办公室, 人民政府, 2023年度 …)."""

KEEP_TOGETHER = (
    "办公室",
    "委员会",
    "常务委员会",
    "人民代表大会",
    "人民政府",
    "中国共产党",
    "自评报告",
)
"""Words never split across title lines."""


def balanced_lines(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a long title into lines of nearly equal width, the upper ones not shorter.

    GB/T 9704 asks for a balanced shape (梯形或菱形). Among the positions near the balanced
    width, a break after a unit suffix (委员会 / 办公室 / 年度 …) is preferred; words in
    :data:`KEEP_TOGETHER` and runs of ASCII digits (a year) are never split.

    Args:
        title: The title text.
        per_line: Full-width characters that fit one line.

    Returns:
        One or more lines whose concatenation is ``title``.
    """
    total = width(title)
    count = math.ceil(total / per_line)
    if count <= 1:
        return [title]
    protected: set[int] = set()
    for word in KEEP_TOGETHER:
        at = title.find(word)
        while at >= 0:
            protected.update(range(at + 1, at + len(word)))
            at = title.find(word, at + 1)
    breaks, start = [], 0
    for k in range(1, count):
        goal = math.ceil(total * k / count)

        allowed = [
            p
            for p in range(start + 1, len(title))
            if p not in protected
            and not (title[p].isascii() and title[p - 1].isascii())
            and width(title[start:p]) <= per_line
            and width(title[p:]) <= per_line * (count - k)
        ]
        if not allowed:
            return [title]
        start = min(allowed, key=functools.partial(_break_cost, title, goal=goal))
        breaks.append(start)
    edges = [0, *breaks, len(title)]
    return [title[a:b] for a, b in itertools.pairwise(edges)]


def _break_cost(title: str, p: int, *, goal: float) -> float:
    """How far a break before ``title[p]`` is from the balanced width, less a bonus for a
    natural place (after a unit suffix, or before a year)."""
    bonus = 1.5 if title[p - 1] in BREAK_AFTER or title[p].isdigit() else 0
    return abs(width(title[:p]) - goal) - bonus
