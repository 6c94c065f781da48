"""Questions about the input models, answered in one place.

Validation messages, the scaffold (``perfgen init``), the JSON Schema, ``perfgen rollover`` and
the template context all need to know what a field holds: the model inside it, whether it is a
list, a code or text, and its Chinese description. They ask here.
"""

from __future__ import annotations

import functools
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from perfgen.input.values import AS_PARAGRAPHS
from perfgen.locations import FieldPath
from perfgen.placeholders import FILL


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside a field's type (``Income | None`` → Income, ``tuple[Point, ...]`` →
    Point), or ``None`` for a field of plain values."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType, tuple) or get_args(annotation):
        for arg in get_args(annotation):
            found = inner_model(arg)
            if found is not None:
                return found
    return None


def is_list(annotation: Any) -> bool:
    """Whether a field's type is a tuple (a YAML list), optional or not."""
    if get_origin(annotation) is tuple:
        return True
    if get_origin(annotation) in (Union, types.UnionType):
        return any(is_list(arg) for arg in get_args(annotation) if arg is not type(None))
    return False


def choices(annotation: Any) -> tuple[Any, ...]:
    """The values of a ``Literal`` field (optional or not); empty for other types."""
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    for arg in get_args(annotation):
        if found := choices(arg):
            return found
    return ()


def is_code(annotation: Any) -> bool:
    """True for a ``Literal`` field (an enumerated code such as ``kind``), which is not text."""
    return bool(choices(annotation))


def is_paragraphs(field: FieldInfo) -> bool:
    """Whether a field holds paragraphs (:data:`perfgen.input.values.Paragraphs`): text printed as
    written, each item ending with its own punctuation."""
    return any(mark is AS_PARAGRAPHS for mark in field.metadata)


def has_required(model: type[BaseModel]) -> bool:
    """Whether ``model`` has a field the clerk must write."""
    return any(field.is_required() for field in model.model_fields.values())


def accepts(model: type[BaseModel], name: str, value: object) -> bool:
    """Whether ``model.name`` validates ``value`` as it is (its type and its bounds)."""
    field = model.model_fields[name]
    annotation: Any = field.annotation
    if field.metadata:
        annotation = Annotated[(annotation, *field.metadata)]
    try:
        TypeAdapter(annotation).validate_python(value)
    except ValidationError:
        return False
    return True


@functools.cache
def accepts_placeholder(model: type[BaseModel], name: str) -> bool:
    """Whether ``model.name`` validates a placeholder as it is (a text field, or the score).

    Other fields cannot hold one: validation leaves a placeholder in them out of the model and
    records the field as pending (:func:`perfgen.input.validation.validate`).
    """
    return accepts(model, name, FILL)


def nested_models(root: type[BaseModel]) -> dict[type[BaseModel], FieldInfo | None]:
    """Every model reachable from ``root``, breadth first, with the first field that holds it
    (``None`` for ``root``)."""
    found: dict[type[BaseModel], FieldInfo | None] = {root: None}
    queue: list[type[BaseModel]] = [root]
    while queue:
        model = queue.pop(0)
        for field in model.model_fields.values():
            inner = inner_model(field.annotation)
            if inner is not None and inner not in found:
                found[inner] = field
                queue.append(inner)
    return found


def model_at(root: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """The model class that holds the fields at ``path`` below ``root`` (``()`` is ``root``)."""
    model: type[BaseModel] | None = root
    for key in path:
        if model is None:
            return None
        if isinstance(key, int):
            continue
        field = model.model_fields.get(key)
        model = inner_model(field.annotation) if field else None
    return model


def field_description(root: type[BaseModel], path: FieldPath) -> str:
    """The Chinese description of the field at ``path`` below ``root``, or ""."""
    if not path or not isinstance(path[-1], str):
        return ""
    model = model_at(root, path[:-1])
    field = model.model_fields.get(path[-1]) if model else None
    return (field.description or "") if field else ""
