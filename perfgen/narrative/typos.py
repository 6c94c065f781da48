"""Whether two amounts are one slip of the pen apart.

Three slips are recognized, on the amounts written out to two decimals (万元, docs/domain.md §4):
two neighbouring digits swapped (1234.56 ↔ 1243.56), one digit changed (2959.47 ↔ 2959.46),
and the decimal point shifted (1234.56 ↔ 123.46 is not one; 1234.50 ↔ 123.45 is). Amounts with
fewer than :data:`MIN_SIGNIFICANT` significant digits are never compared: among small amounts
(9.43 and 9.48) one differing digit is a coincidence, not a slip.

What it cannot see: two slips at once, a digit dropped or doubled (2503.53 ↔ 250.53), and
amounts that differ by exactly a rounding of 0.01 for a reason (a total against its rounded
parts): those are reported as a changed digit.
"""

from __future__ import annotations

from decimal import Decimal

MIN_SIGNIFICANT = 4
"""Fewest significant digits an amount needs to be compared (1234.00 has four; 30.00 one)."""

SLIPS = {"swap": "两位数字颠倒", "digit": "一位数字不同", "point": "小数点错位"}
"""The slips, in Chinese, by name."""


def _digits(value: Decimal) -> str:
    """The digits of ``value`` written with two decimals, without the point: 2959.47 → 295947."""
    return f"{value:.2f}".replace(".", "").lstrip("-")


def _significant(value: Decimal) -> int:
    return len(_digits(value).strip("0"))


def slip(first: Decimal, second: Decimal) -> str | None:
    """The slip that turns one amount into the other (a key of :data:`SLIPS`), or ``None``
    when they are equal, differ otherwise, or either is too small to compare."""
    if first == second or min(_significant(first), _significant(second)) < MIN_SIGNIFICANT:
        return None
    a, b = _digits(first), _digits(second)
    if a.strip("0") == b.strip("0"):
        return "point"
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differ) == 1:
            return "digit"
        if len(differ) == 2 and differ[1] == differ[0] + 1:
            i, j = differ
            if a[i] == b[j] and a[j] == b[i]:
                return "swap"
    return None
