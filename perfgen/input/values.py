"""The value types of the input file, shared by :mod:`perfgen.input.model` and
:mod:`perfgen.input.settings`.

Money is in 万元 as :class:`~decimal.Decimal` with at most two decimals; rates the clerk states
are percentages (``99.89`` means 99.89%). Each type carries the bounds validation enforces.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from perfgen.placeholders import PLACEHOLDERS, is_placeholder


class Frozen(BaseModel):
    """Base of all input models: immutable, unknown keys rejected, text stripped."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _as_paragraphs(value: Any) -> Any:
    """Accept one string where a list of paragraphs is expected."""
    return [value] if isinstance(value, str) else value


Text = Annotated[str, Field(min_length=1)]
"""Text that may not be empty."""

Name = Annotated[str, Field(min_length=1, pattern=r"^[^\x00-\x1f\x7f]*$")]
"""A name that goes into a file's structure (a font), where control characters cannot be."""

_TEXT_SCHEMA = {"type": "string", "minLength": 1}

AS_PARAGRAPHS = BeforeValidator(_as_paragraphs)
"""The mark of a :data:`Paragraphs` field in its metadata
(:func:`perfgen.input.introspect.is_paragraphs`)."""

Paragraphs = Annotated[
    tuple[Text, ...],
    AS_PARAGRAPHS,
    WithJsonSchema({"anyOf": [_TEXT_SCHEMA, {"type": "array", "items": _TEXT_SCHEMA}]}),
]
"""One paragraph or a list of them: text the report prints as written, each item a paragraph
that ends with its own punctuation."""


_CHINESE_DATE = re.compile(
    r"\s*(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[./](\d{1,2})[./](\d{1,2})"
    r"|-(\d{1,2})-(\d{1,2}))\s*"
)


def _printed_date(value: Any) -> Any:
    """A date as a clerk types it: ``2025年3月15日``, ``2025.3.15``, ``2025/3/15`` or
    ``2025-3-15`` (YAML itself reads only ``2025-03-15``); anything else is left for pydantic,
    which says what it expected."""
    if not isinstance(value, str) or not (match := _CHINESE_DATE.fullmatch(value)):
        return value
    year, *rest = (int(g) for g in match.groups() if g is not None)
    try:
        return dt.date(year, rest[0], rest[1])
    except ValueError:
        return value


Date = Annotated[
    dt.date,
    BeforeValidator(_printed_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": _CHINESE_DATE.pattern},
            ]
        }
    ),
]
"""A date: YAML's ``2025-03-15``, or as reports print it (``2025年3月15日``, ``2025.3.15``)."""


PRINTED_NUMBER = r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
"""A number as reports print it: digits, optionally grouped by thousands (1,234.56)."""

SUFFIXES = ("万元", "%", "％", "分")
"""Units a clerk may copy along with a number: 万元 after money, % after a rate, 分 after a
score."""

_PRINTED = re.compile(rf"\s*({PRINTED_NUMBER})\s*({'|'.join(SUFFIXES)})?\s*")


def printed_number(text: str, suffixes: tuple[str, ...] = SUFFIXES) -> Decimal | None:
    """A number copied as a report prints it, read exactly: ``"1,234.56"`` → 1234.56,
    ``"98.76%"`` → 98.76, ``"99分"`` → 99, ``"2514.62万元"`` → 2514.62.

    Args:
        text: The text typed.
        suffixes: The units accepted after the number (the field's own).

    Returns:
        The Decimal, or ``None`` when ``text`` is not such a number (thousands separators must
        group by three; a unit not in ``suffixes`` is not accepted).
    """
    match = _PRINTED.fullmatch(text)
    if match is None or (match[2] is not None and match[2] not in suffixes):
        return None
    try:
        return Decimal(match[1].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimal digits
        return None


def _printed(*suffixes: str) -> BeforeValidator:
    """Read a number typed as printed (:func:`printed_number`) before validation; any other
    text goes on unchanged, to be refused with the clerk's own text in the message.

    Put it last in ``Annotated``: before the ``Field`` its constraints would reach pydantic's
    error context as text (“Decimal('1E+10')”) rather than as a number."""

    def read(value: Any) -> Any:
        if isinstance(value, str) and (number := printed_number(value, suffixes)) is not None:
            return number
        return value

    return BeforeValidator(read)


def _unsigned_zero(value: Decimal) -> Decimal:
    """``-0.00`` is ``0.00``: a zero prints without a sign."""
    return value.copy_abs() if value.is_zero() else value


Unsigned = AfterValidator(_unsigned_zero)


class _Once:
    """An annotation whose core schema pydantic generates once, for the first field of its type,
    and copies for every other (``Annotated[Decimal, _Once(Annotated[...])]``).

    Each field of an ``Annotated`` type has its schema generated anew: the constraints applied,
    each validator's signature inspected. Money, Percent, Quantity and Weight are the types of
    ~100 fields, and building the models starts every command (issue 26). The copy is deep:
    pydantic may add to a field's schema in place. Validation, its messages and the JSON Schema
    are those of ``inner`` itself.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.schema: Any = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        """The schema of :attr:`inner`, generated on first use."""
        if self.schema is None:
            self.schema = handler.generate_schema(self.inner)
        return copy.deepcopy(self.schema)


Money = Annotated[
    Decimal,
    _Once(
        Annotated[
            Decimal,
            Field(ge=0, le=Decimal("1e10"), decimal_places=2, description="金额（万元，两位小数）"),
            Unsigned,
            _printed("万元"),
        ]
    ),
]
"""An amount in 万元, 0 to 10¹⁰, at most two decimals; may be typed “1,234.56” or “1234.56万元”."""

Percent = Annotated[
    Decimal,
    _Once(
        Annotated[
            Decimal,
            Field(ge=0, le=1000, decimal_places=4, description="百分比数值，如 99.89 表示 99.89%"),
            Unsigned,
            _printed("%", "％"),
        ]
    ),
]
"""A percentage the clerk states (99.89 means 99.89%), at most four decimals; “99.89%” too."""

Quantity = Annotated[
    Decimal,
    _Once(
        Annotated[
            Decimal,
            Field(ge=Decimal("-1e10"), le=Decimal("1e10"), decimal_places=4),
            Unsigned,
            _printed("%", "％"),
        ]
    ),
]
"""An indicator's target or actual value in its own unit (“1,300”, or “95%” when it is %)."""

Weight = Annotated[
    Decimal,
    _Once(Annotated[Decimal, Field(ge=0, le=100, decimal_places=2), Unsigned, _printed("分")]),
]
"""Points (分值/得分) of the 自评表, 0 to 100, at most two decimals (“20分” too)."""

Achieved = Literal["达成", "基本达成", "未达成"]
"""The outcome of a qualitative or "=" indicator."""

ACHIEVED: tuple[str, ...] = get_args(Achieved)
"""The outcome labels in order, for readers of the 自评表 and for messages."""

Comparator = Literal["≥", "≤", "=", "定性"]
"""指标性质: how the actual value is compared with the target."""

IndicatorKind = Literal["output", "outcome", "satisfaction"]
"""The kind of a performance indicator listed under 履职效能分析."""

INDICATOR_KINDS: dict[str, str] = {"output": "产出指标", "outcome": "效益指标"}
INDICATOR_KINDS["satisfaction"] = "满意度指标"
"""Each indicator kind's Chinese name, in report order (docs/domain.md §7)."""


def _pending_number(value: Any) -> Any:
    """A placeholder where a number is required: not known yet (``None``); a blank is an error.

    Raises:
        PydanticCustomError: the value is blank (YAML null).
    """
    if is_placeholder(value):
        return None
    if value is None:
        raise PydanticCustomError("decimal_type", "Decimal input should be a number")
    if isinstance(value, str) and (number := printed_number(value, ("分",))) is not None:
        return number
    return value


Score = Annotated[
    Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)] | None,
    BeforeValidator(_pending_number),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"enum": list(PLACEHOLDERS)},
            ]
        }
    ),
]
"""The self-evaluation score: required unless a 自评表 gives it, but a draft may hold 【待填写】
until it is assessed.

A draft made by ``perfgen rollover`` (or ``perfgen init``) cannot know next year's score, yet
the report needs one: the placeholder keeps the field visibly unfinished (``perfgen check``
lists it, ``--strict`` refuses it, the report prints it highlighted) instead of making the
score optional, so a finished report still cannot lack a score silently.
"""
