"""Placeholders 【待填写】 (not filled in yet) and 【待更新】 (carried over from last year).

A placeholder is text, so it is allowed wherever the input takes text, and is printed
highlighted in every output format (:func:`perfgen.markdown.escape`, the docx writer). In a
field that takes a number, a date or a code it means "not known yet": validation leaves the
field out of the model and records its path as pending (:class:`perfgen.input.validation.Input`),
and every figure computed from it is :data:`PENDING` (:mod:`perfgen.figures`), so its sentence
prints the placeholder instead of a number. ``perfgen check`` lists every placeholder with its
position (rule ``placeholder``), so an unfinished draft cannot go out unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Final, final

from perfgen.locations import FieldPath, Key

FILL = "【待填写】"
"""Marks a value the clerk has still to write (scaffolds, this year's figures after rollover)."""

UPDATE = "【待更新】"
"""Marks text carried over from last year's report that must be brought up to date."""

PLACEHOLDERS = (FILL, UPDATE)

PATTERN = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))
"""Matches either placeholder anywhere in a text."""


@final
class Pending:
    """The value of a figure that is not known yet, because an input it needs is a placeholder.

    There is one instance, :data:`PENDING`; compare with ``is``. It is never equal to a number
    and never silently treated as zero: the format filters print it as 【待填写】.
    """

    _instance: Pending | None = None

    def __new__(cls) -> Pending:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "PENDING"

    def __str__(self) -> str:
        return FILL

    def __reduce__(self) -> str:
        return "PENDING"


PENDING: Final = Pending()
"""The one :class:`Pending` value."""


def is_placeholder(value: object) -> bool:
    """True when ``value`` is nothing but a placeholder (surrounding blanks allowed)."""
    return isinstance(value, str) and value.strip() in PLACEHOLDERS


def contains_placeholder(text: str) -> bool:
    """True when ``text`` holds a placeholder anywhere."""
    return PATTERN.search(text) is not None


def find(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text value in plain data that holds a placeholder, in document order.

    Args:
        data: Loaded YAML data (dicts, lists, scalars).
        path: The field path of ``data`` itself.

    Returns:
        An iterator over ``(field path, the text)`` for each such value, e.g.
        ``(("basic_info", "finances", "income", "total"), "【待填写】")``.
    """
    found: list[tuple[FieldPath, str]] = []
    _collect(data, path, found)
    return iter(found)


def _collect(data: Any, path: FieldPath, found: list[tuple[FieldPath, str]]) -> None:
    """:func:`find` into ``found``; a value's path is built only when it holds a placeholder
    (both start with 【, looked for before the pattern)."""
    if isinstance(data, str):
        if "【" in data and PATTERN.search(data):
            found.append((path, data))
        return
    if isinstance(data, dict):
        items: Iterable[tuple[Key, Any]] = data.items()
    elif isinstance(data, list | tuple):
        items = enumerate(data)
    else:
        return
    for key, value in items:
        if isinstance(value, str):
            if "【" in value and PATTERN.search(value):
                found.append(((*path, key), value))
        elif isinstance(value, dict | list | tuple):
            _collect(value, (*path, key), found)
