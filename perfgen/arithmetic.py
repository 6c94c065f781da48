"""Decimal arithmetic for 万元, % and 个百分点: the one rounding, and exact formatting.

Every rounding in perfgen is :func:`quantize`, half-up (四舍五入, docs/domain.md §4), called once
per figure where :mod:`perfgen.figures` computes it. The formatting functions below never round:
they pad a value to its printed number of decimals and refuse one that would lose a digit, so a
figure cannot be rounded a second time on its way into the report. ``float`` and ``round()``
are never used for money or rates.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, localcontext

HUNDRED = Decimal(100)
ZERO = Decimal(0)

_EXACT = Context(prec=60, traps=[Inexact])
"""Arithmetic context in which an operation that would have to round raises instead."""


def quantize(value: Decimal, places: int) -> Decimal:
    """Round ``value`` half-up to ``places`` decimals (``places=2`` → 0.01); a result of zero
    has no sign (−0.004 → 0.00, not −0.00).

    The only rounding in perfgen; call it once, where a figure is computed.
    """
    result = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return result.copy_abs() if result.is_zero() else result


def ratio_percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """``part ÷ whole × 100``, unrounded (34 significant digits).

    Args:
        part: Numerator (万元, persons, …).
        whole: Denominator in the same unit as ``part``.

    Returns:
        The percentage, e.g. 8.5788… for 8.58%; ``None`` when ``whole`` is missing, zero or
        negative, since the rate is then undefined (the checks report it).
    """
    if whole is None or whole <= ZERO:
        return None
    with localcontext() as ctx:
        ctx.prec = 34
        return part * HUNDRED / whole


def padded(value: Decimal, places: int) -> Decimal:
    """``value`` written with exactly ``places`` decimals, without rounding: 11.4 → 11.40.

    Raises:
        ValueError: ``value`` has more decimals than ``places``, so printing it would round
            it a second time (a bug in the caller: figures are rounded where computed).
    """
    try:
        return value.quantize(Decimal(1).scaleb(-places), context=_EXACT)
    except Inexact:
        message = f"{value} has more than {places} decimals; round it where computed"
        raise ValueError(message) from None


def money(value: Decimal, thousands: bool = False) -> str:
    """An amount in 万元 with exactly two decimals: ``11.4`` → ``"11.40"``.

    Args:
        value: Amount in 万元, at most two decimals (input money is validated so; sums of such
            amounts keep two).
        thousands: Insert thousands separators (``"1,519.36"``).

    Raises:
        ValueError: ``value`` has more than two decimals.
    """
    exact = padded(value, 2)
    return f"{exact:,}" if thousands else f"{exact}"


def plain(value: Decimal) -> str:
    """A count or indicator value as typed, without trailing zeros: ``88.0`` → ``"88"``."""
    return format(value.normalize(), "f")


def as_typed(value: Decimal) -> str:
    """A decimal exactly as it is held, trailing zeros kept: ``Decimal("99.80")`` → ``"99.80"``.

    Figures are rounded to their setting's precision where computed, so this prints them with
    that precision; a clerk's own number prints as the clerk typed it.
    """
    return format(value, "f")
