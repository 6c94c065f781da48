"""Decimal arithmetic and number formatting for 万元, % and 个百分点.

Every rounding in perfgen happens here, once, half-up (四舍五入, domain.md §4); ``float`` and
``round()`` are never used for money or rates.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

HUNDRED = Decimal(100)
ZERO = Decimal(0)


def quantize(value: Decimal, places: int) -> Decimal:
    """Round ``value`` half-up to ``places`` decimals (``places=2`` → 0.01)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent_of(part: Decimal, whole: Decimal | None, places: int) -> Decimal | None:
    """Return ``part ÷ whole × 100`` rounded once, half-up, to ``places`` decimals.

    Args:
        part: Numerator (万元, persons, …).
        whole: Denominator in the same unit as ``part``.
        places: Decimals of the percentage.

    Returns:
        The percentage, e.g. ``Decimal("8.58")`` for 8.58%; ``None`` when ``whole`` is missing,
        zero or negative, since the rate is then undefined (the checks report it).
    """
    if whole is None or whole <= ZERO:
        return None
    with localcontext() as ctx:
        ctx.prec = 34
        return quantize(part * HUNDRED / whole, places)


def money(value: Decimal, thousands: bool = False) -> str:
    """Format an amount in 万元 with exactly two decimals: ``11.4`` → ``"11.40"``.

    Args:
        value: Amount in 万元.
        thousands: Insert thousands separators (``"1,519.36"``).
    """
    return f"{quantize(value, 2):,}" if thousands else f"{quantize(value, 2)}"


def percent(value: Decimal, places: int = 2) -> str:
    """Format a percentage number with its sign: ``Decimal("8.58")`` → ``"8.58%"``."""
    return f"{quantize(value, places)}%"


def plain(value: Decimal) -> str:
    """Format a count or indicator value without trailing zeros: ``88.0`` → ``"88"``."""
    text = format(value.normalize(), "f")
    return text
