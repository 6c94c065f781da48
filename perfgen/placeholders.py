"""Placeholders: 【待填写】 (not filled in yet) and 【待更新】 (carried over from last year).

A placeholder is text, so it is allowed wherever the input takes text, and is printed
highlighted in every output format (:func:`perfgen.markdown.escape`, the docx writer). In a
field that takes a number, a date or a code it means "not known yet": validation treats the
field as absent (:mod:`perfgen.validate`). ``perfgen check`` lists every placeholder with its
position (rule ``placeholder``), so an unfinished draft cannot go out unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from perfgen.loader import FieldPath

FILL = "【待填写】"
"""Marks a value the clerk has still to write (scaffolds, this year's figures after rollover)."""

UPDATE = "【待更新】"
"""Marks text carried over from last year's report that must be brought up to date."""

PLACEHOLDERS = (FILL, UPDATE)

FINANCES_TODO = (
    f"{FILL}本年收支数字：填好数据文件 finances 中各项数字后删去本段，收支情况的语句由程序生成"
)
"""A paragraph that drafts put in 部门整体收支情况, whose sentences only appear once the
figures are filled in: without it that section of a draft would print empty."""

PATTERN = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))
"""Matches either placeholder anywhere in a text."""


def is_placeholder(value: object) -> bool:
    """True when ``value`` is nothing but a placeholder (surrounding blanks allowed)."""
    return isinstance(value, str) and value.strip() in PLACEHOLDERS


def contains_placeholder(text: str) -> bool:
    """True when ``text`` holds a placeholder anywhere."""
    return PATTERN.search(text) is not None


def find(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text value in plain data that holds a placeholder, in document order.

    Args:
        data: Loaded YAML data (dicts, lists, scalars), or a model dump of the same shape.
        path: The field path of ``data`` itself.

    Yields:
        ``(field path, the text)`` for each such value, e.g.
        ``(("basic_info", "finances", "income", "total"), "【待填写】")``.
    """
    if isinstance(data, str):
        if contains_placeholder(data):
            yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from find(value, (*path, key))
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            yield from find(value, (*path, index))
