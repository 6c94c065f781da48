"""What a template expression holds, known statically: attribute chains resolved against the
model (:mod:`perfgen.input.model`) and the figures (:mod:`perfgen.figures.types`).

``perfgen templates lint`` asks :func:`attribute` for each ``a.b`` and :func:`element` for each
``{% for x in a %}``. A type is a Python annotation (a pydantic model, a dataclass, ``str``,
``tuple[X, ...]``, ``X | None`` …) or one of the markers below. Where the type cannot be known
(a macro's argument, a filter's result) it is :data:`UNKNOWN`, and nothing further is checked.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel


class _Marker:
    """A type known only by name (see the module docstring)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


UNKNOWN: Any = _Marker("UNKNOWN")
"""Nothing is known: every attribute is allowed and unknown in turn."""

CALLABLE: Any = _Marker("CALLABLE")
"""A method or a macro: calling it gives :data:`UNKNOWN`."""


@dataclass(frozen=True)
class Module:
    """A template imported as a namespace (``{% import "macros.md.jinja" as m %}``).

    Attributes:
        template: Its name.
        exports: Its macros and top-level variables.
    """

    template: str
    exports: frozenset[str]


LOOP_ATTRIBUTES = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle"}
    | {"depth", "depth0", "previtem", "nextitem", "changed"}
)
"""The attributes of Jinja's ``loop`` variable."""

LOOP: Any = _Marker("LOOP")
"""Jinja's ``loop`` inside a ``{% for %}``."""


@dataclass(frozen=True)
class Found:
    """The result of :func:`attribute`.

    Attributes:
        type: The attribute's type (:data:`UNKNOWN` when it cannot be known).
        missing: The attribute does not exist: an error.
        unchecked: Its existence cannot be decided statically (a key of a free mapping): a
            warning.
    """

    type: Any
    missing: bool = False
    unchecked: bool = False


def members(annotation: Any) -> list[Any]:
    """The alternatives of a type, ``None`` left out, ``Annotated`` and aliases unwrapped."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return members(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [m for arg in get_args(annotation) for m in members(arg)]
    if annotation is None or annotation is type(None):
        return []
    return [annotation]


def attribute(owner: Any, name: str) -> Found:
    """The type of ``owner.name`` as Jinja looks it up (an attribute, else an item)."""
    if owner is UNKNOWN or owner is CALLABLE:
        return Found(UNKNOWN)
    if owner is LOOP:
        return Found(UNKNOWN, missing=name not in LOOP_ATTRIBUTES)
    if isinstance(owner, Module):
        return Found(CALLABLE, missing=name not in owner.exports)
    found = [_one(member, name) for member in members(owner)]
    if not found:
        return Found(UNKNOWN)  # only None: a test of `is not none` guards it
    if any(f.type is UNKNOWN and not f.missing and not f.unchecked for f in found):
        return Found(UNKNOWN)
    present = [f for f in found if not f.missing]
    if not present:
        return Found(UNKNOWN, missing=True)
    unchecked = any(f.unchecked for f in present)
    kinds = [f.type for f in present]
    return Found(kinds[0] if len(kinds) == 1 else Union[tuple(kinds)], unchecked=unchecked)  # noqa: UP007


def _one(owner: Any, name: str) -> Found:
    """``owner.name`` for a type that is not a union."""
    if owner is Any or owner is object or owner is UNKNOWN:
        return Found(UNKNOWN)
    fields = _fields(owner)
    if fields is not None:
        if name in fields:
            return Found(fields[name])
        return _member(owner, name)
    origin = get_origin(owner)
    if origin is dict or origin is collections.abc.Mapping:
        if hasattr(dict, name):
            return Found(CALLABLE)
        args = get_args(owner)
        return Found(args[1] if len(args) == 2 else UNKNOWN, unchecked=True)
    if origin is Literal:
        return _member(str, name)
    return _member(origin or owner, name)


def _member(owner: Any, name: str) -> Found:
    """A property or method of a class: its return type, or :data:`CALLABLE`."""
    if not isinstance(owner, type):
        return Found(UNKNOWN)
    if name.startswith("_") or not hasattr(owner, name):
        return Found(UNKNOWN, missing=True)
    value = getattr(owner, name, None)
    if isinstance(value, property) and value.fget is not None:
        try:
            return Found(typing.get_type_hints(value.fget).get("return", UNKNOWN))
        except (NameError, TypeError):
            return Found(UNKNOWN)
    return Found(CALLABLE if callable(value) else UNKNOWN)


@functools.cache
def _fields(owner: Any) -> dict[str, Any] | None:
    """The fields of a pydantic model or a dataclass, by name, with their types."""
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        return {name: field.annotation for name, field in owner.model_fields.items()}
    if isinstance(owner, type) and dataclasses.is_dataclass(owner):
        hints = typing.get_type_hints(owner)
        return {f.name: hints.get(f.name, UNKNOWN) for f in dataclasses.fields(owner)}
    return None


def element(sequence: Any) -> Any:
    """The type of each item of ``{% for x in sequence %}`` (:data:`UNKNOWN` if not known)."""
    found = [_element(member) for member in members(sequence)]
    known = [f for f in found if f is not UNKNOWN]
    if len(known) != len(found) or not known:
        return UNKNOWN
    return known[0] if len(known) == 1 else Union[tuple(known)]  # noqa: UP007


def _element(sequence: Any) -> Any:
    origin = get_origin(sequence)
    args = [a for a in get_args(sequence) if a is not Ellipsis]
    if origin in (tuple, list, set, frozenset, collections.abc.Sequence) and len(set(args)) == 1:
        return args[0]
    if origin in (dict, collections.abc.Mapping) and args:
        return args[0]
    return UNKNOWN


def is_number(annotation: Any) -> bool:
    """Whether every alternative of a type is a number (printed only through a filter)."""
    from decimal import Decimal

    from perfgen.placeholders import Pending

    kinds = members(annotation)
    numbers = [k for k in kinds if k in (Decimal, int)]
    return bool(numbers) and all(k in (Decimal, int, Pending) for k in kinds)


def names_of(owner: Any) -> list[str]:
    """The attribute names a type offers (for suggesting the nearest to a misspelled one)."""
    if owner is LOOP:
        return sorted(LOOP_ATTRIBUTES)
    if isinstance(owner, Module):
        return sorted(owner.exports)
    found: list[str] = []
    for member in members(owner):
        fields = _fields(member)
        if fields is not None:
            found += list(fields)
        cls = member if isinstance(member, type) else None
        if cls is not None:
            found += [n for n in dir(cls) if isinstance(getattr(cls, n, None), property)]
    return found
