"""Every piece of the clerk's text in a report, with its field path.

A :class:`Passage` is one string of the input: a paragraph (an item of a
:data:`~perfgen.input.values.Paragraphs` field, printed as written) or another text (a title, a
name, a fragment perfgen builds a sentence around). Codes (``kind: output``), settings and section
titles are not narrative; nor is a text still holding a placeholder, which the rule
``placeholder`` already lists and whose figures are last year's.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from perfgen.input.introspect import is_code, is_paragraphs
from perfgen.input.model import Report
from perfgen.locations import FieldPath
from perfgen.placeholders import contains_placeholder

SKIPPED = frozenset({"settings", "section_titles", "settings_file", "xlsx"})
"""Fields that hold configuration or file names, not narrative."""


@dataclass(frozen=True)
class Passage:
    """One string of the clerk's text.

    Attributes:
        path: Its field path, e.g. ``("evaluation", "conclusion", 0)``.
        text: The text as validated (stripped).
        paragraph: Whether it is a paragraph printed as written (so it must end with its own
            punctuation), not a title, a name or a fragment.
    """

    path: FieldPath
    text: str
    paragraph: bool


def passages(report: Report) -> tuple[Passage, ...]:
    """Every text of ``report`` in the order of the model (the order of the outline).

    Returns:
        The passages, paragraphs and other texts alike; placeholders left out.
    """
    found: list[Passage] = []
    _walk(report, (), found)
    return tuple(found)


@functools.cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``model`` that may hold narrative, each with whether it holds paragraphs
    (worked out once per model class): not a code, nor a field that can only hold numbers,
    dates or a mapping (which never give a passage), so their values are not even read."""
    return tuple(
        (name, is_paragraphs(field))
        for name, field in model.model_fields.items()
        if name not in SKIPPED
        and not is_code(field.annotation)
        and _may_hold_text(field.annotation)
    )


_NOT_TEXT = (Decimal, int, float, bool, dt.date, type(None))
"""Types whose values are never a passage (:func:`_add` takes only texts and models)."""


def _may_hold_text(annotation: Any) -> bool:
    """Whether a field of this type may hold a text or a model (when unsure, it may)."""
    origin = get_origin(annotation)
    if origin is dict:
        return False  # a mapping's values are never read as passages (see _add)
    if origin is Annotated:
        return _may_hold_text(get_args(annotation)[0])
    if origin in (Union, types.UnionType, tuple):
        return any(_may_hold_text(arg) for arg in get_args(annotation) if arg is not Ellipsis)
    if isinstance(annotation, type) and origin is None:
        return not issubclass(annotation, _NOT_TEXT)
    return True


def _walk(model: BaseModel, path: FieldPath, found: list[Passage]) -> None:
    # a text is taken here rather than in a call for each value: most values are texts
    for name, paragraph in _plan(type(model)):
        value = getattr(model, name)
        if isinstance(value, str):
            if value and not contains_placeholder(value):
                found.append(Passage((*path, name), value, paragraph))
        elif isinstance(value, tuple):
            here = (*path, name)
            for index, item in enumerate(value):
                _add(item, (*here, index), paragraph, found)
        elif isinstance(value, BaseModel):
            _walk(value, (*path, name), found)


def _add(value: object, path: FieldPath, paragraph: bool, found: list[Passage]) -> None:
    if isinstance(value, str):
        if value and not contains_placeholder(value):
            found.append(Passage(path, value, paragraph))
    elif isinstance(value, BaseModel):
        _walk(value, path, found)
