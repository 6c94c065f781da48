"""Two amounts printed side by side that differ only by two neighbouring digits swapped
(661.682093 and 661.628093), where the report's own sums tell which one is right.

A form copied from a PDF or a web page arrives one cell a paragraph; the same amount printed in
two cells of one row (实际支出金额 and its 市本级 part, 预算数 and 下达数) is often typed twice.
Two long amounts one swap apart are no coincidence, but they may both be right; the reading
claims a slip only when one of them — and not the other — adds up with the report's other
amounts: it plus another printed amount equals a printed amount, or the sum of two printed
amounts (docs/domain.md §4: a total is the sum of its parts).

Limits: amounts of at least :data:`MIN_DIGITS` significant digits, written with a decimal
point, at most :data:`NEAR` paragraphs apart; a swap across the decimal point is not read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

MIN_DIGITS = 6
"""Fewest significant digits of the two amounts (661.682093 has nine): among short amounts a
swap may be a coincidence."""

NEAR = 3
"""Most paragraphs between the two amounts (the same cell typed in the next cell or row)."""

_AMOUNT = re.compile(r"(?<![\d.])\d{1,9}\.\d{1,6}(?![\d.])")


@dataclass(frozen=True)
class Swap:
    """Two neighbouring amounts one swap apart, and the sum that says which is right.

    Attributes:
        wrong: The amount as written that adds up with nothing.
        right: The amount as written that adds up.
        wrong_at: Index of the paragraph printing ``wrong``.
        sum: The sum that holds for ``right``, as printed (“661.628093 + 18273.721787 =
            2465.390098 + 16469.959782”).
    """

    wrong: str
    right: str
    wrong_at: int
    sum: str


def swapped(first: str, second: str) -> bool:
    """Whether two amounts as written differ only by two neighbouring digits swapped (the
    decimal point in place), each with at least :data:`MIN_DIGITS` significant digits."""
    if len(first) != len(second) or first == second:
        return False
    if len(first.replace(".", "").strip("0")) < MIN_DIGITS:
        return False
    differ = [i for i in range(len(first)) if first[i] != second[i]]
    if len(differ) != 2 or differ[1] != differ[0] + 1:
        return False
    i, j = differ
    return "." not in (first[i], first[j]) and first[i] == second[j] and first[j] == second[i]


def swaps(paragraphs: Sequence[str]) -> Iterator[Swap]:
    """Every pair of neighbouring amounts of ``paragraphs`` one swap apart where exactly one
    of them adds up with the others (module docstring). Cost: linear in the paragraphs (each
    amount is compared with those of the next :data:`NEAR` paragraphs; a sum is sought among
    the amounts within :data:`TERMS` of the pair)."""
    found = [(n, m[0]) for n, text in enumerate(paragraphs) for m in _AMOUNT.finditer(text)]
    values = [Decimal(written) for _, written in found]
    for a, (at_a, first) in enumerate(found):
        for b in range(a + 1, len(found)):
            at_b, second = found[b]
            if at_b - at_a > NEAR:
                break
            if not swapped(first, second):
                continue
            sums = [_sum(values, found, k, other) for k, other in ((a, b), (b, a))]
            if sums[0] and not sums[1]:
                yield Swap(second, first, at_b, sums[0])
            elif sums[1] and not sums[0]:
                yield Swap(first, second, at_a, sums[1])


TERMS = 40
"""A sum is sought among the amounts printed at most this many amounts before or after the
pair (a form's parts and totals are printed around it); it bounds the cost of a report with
very many amounts."""


def _sum(values: list[Decimal], found: list[tuple[int, str]], k: int, other: int) -> str:
    """A sum that holds with amount ``k`` as a part: ``k`` + c = d, or ``k`` + c = d + e, its
    terms other amounts near it (not ``k``'s twin ``other``, nor an amount equal to ``k``,
    which would make the sum hold trivially), as printed; "" when none."""
    value = values[k]
    near = range(max(0, k - TERMS), min(len(values), k + TERMS + 1))
    rest = [i for i in near if i not in (k, other) and values[i] not in (0, value)]
    totals: dict[Decimal, str] = {}
    for i in rest:
        totals.setdefault(values[i], found[i][1])
    for i, j in itertools.combinations(rest, 2):
        if values[i] != values[j]:
            totals.setdefault(values[i] + values[j], f"{found[i][1]} + {found[j][1]}")
    for c in rest:
        words = totals.get(value + values[c])
        if words and found[c][1] not in words.split(" + "):
            return f"{found[k][1]} + {found[c][1]} = {words}"
    return ""
