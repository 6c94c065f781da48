"""Arithmetic on figures that may be pending, and the one place a figure is rounded.

A :data:`Figure` is a :class:`~decimal.Decimal`, or :data:`~perfgen.placeholders.PENDING` when
an input it needs is a placeholder. Anything computed from a pending value is pending (it is
never replaced by a value computed from the other inputs); ``None`` means "not applicable"
(not given, or a zero denominator).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar, overload

from perfgen.arithmetic import ZERO, quantize
from perfgen.input.validation import Input
from perfgen.locations import FieldPath
from perfgen.placeholders import PENDING, Pending

Figure = Decimal | Pending
"""A known value, or :data:`~perfgen.placeholders.PENDING`."""

T = TypeVar("T")


def known(source: Input, model: Any, field: str, path: FieldPath) -> Figure | None:
    """The clerk's value of ``model.field`` (at ``path``): PENDING when it is a placeholder.

    Args:
        source: The input, which knows the pending paths.
        model: The model that holds the field, or ``None`` when that block is absent.
        field: The field name.
        path: The field path of ``model``.
    """
    if source.is_pending((*path, field)):
        return PENDING
    value = getattr(model, field) if model is not None else None
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return None
    return Decimal(value)


def lift(formula: Callable[..., T | None], *args: object) -> T | Pending | None:
    """``formula(*args)``; ``None`` (not applicable) when any argument is missing, else PENDING
    when any argument is pending."""
    if any(a is None for a in args):
        return None
    if any(a is PENDING for a in args):
        return PENDING
    return formula(*args)


@overload
def rounded(value: Figure, places: int) -> Figure: ...
@overload
def rounded(value: Figure | None, places: int) -> Figure | None: ...
def rounded(value: Figure | None, places: int) -> Figure | None:
    """Round a computed value once, half-up, to ``places`` decimals (None and PENDING pass)."""
    return quantize(value, places) if isinstance(value, Decimal) else value


def total(
    stated: Figure | None, parts: Sequence[Figure | None], *, every: bool = False
) -> Figure | None:
    """A total: the stated one when given (known or pending), else the sum of the given parts.

    A pending part makes the sum pending; no part at all gives ``None``; with ``every`` (a
    total made of exactly these parts, as 总支出 of 基本支出 and 项目支出), a missing part gives
    ``None`` too: the sum of the others is not the total. Source: docs/domain.md §5
    ("every total must equal the sum of its parts"); disagreement beyond 0.01 万元 per part is
    a check (rule ``sum-mismatch``), not silently corrected here.
    """
    if stated is not None:
        return stated
    present = [p for p in parts if p is not None]
    if every and len(present) < len(parts):
        return None
    if any(p is PENDING for p in present):
        return PENDING
    return sum((p for p in present if isinstance(p, Decimal)), ZERO) if present else None
