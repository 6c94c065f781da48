"""Validate loaded data into a :class:`~perfgen.model.Report`, with Chinese messages.

Every pydantic error becomes a :class:`~perfgen.errors.Problem` at the YAML position of the
field it blames, naming what was expected and what was found; all problems are reported
together.
"""

from __future__ import annotations

import difflib
import types
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from perfgen.errors import InputError, Problem
from perfgen.loader import FieldPath, Source, dotted
from perfgen.model import Report

_MESSAGES = {
    "missing": "缺少必填字段",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数，不能有小数",
    "string_type": "应为文字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期，格式如 2023-06-14",
    "date_parsing": "应为日期，格式如 2023-06-14",
    "date_from_datetime_parsing": "应为日期，格式如 2023-06-14",
    "tuple_type": "应为列表（每项以“- ”开头）",
    "list_type": "应为列表（每项以“- ”开头）",
    "model_type": "应为“键: 值”形式的映射",
    "dict_type": "应为“键: 值”形式的映射",
    "model_attributes_type": "应为“键: 值”形式的映射",
    "string_too_short": "不能为空",
    "too_short": "不能为空",
}


def validate(source: Source) -> Report:
    """Validate a loaded file.

    Args:
        source: Output of :func:`perfgen.loader.load_file`.

    Returns:
        The frozen :class:`Report`.

    Raises:
        InputError: with one :class:`~perfgen.errors.Problem` per invalid field.
    """
    try:
        return Report.model_validate(source.data)
    except ValidationError as exc:
        problems = [_problem(source, e) for e in exc.errors()]
        problems.sort(key=lambda p: (p.line, p.column))
        raise InputError(problems) from None


def _problem(source: Source, error: ErrorDetails) -> Problem:
    """Locate an error: an unknown key at the key, a missing field at its parent's key."""
    path, message = _path(error), _message(error)
    missing = error["type"] == "missing"
    if error["type"] == "value_error" and "score_or_table" in error["msg"]:
        path, missing = (*path, "score"), True
    if error["type"] == "extra_forbidden":
        return source.problem(path, message, at_key=True)
    if missing and path[:-1] in source.key_positions:
        line, column = source.key_positions[path[:-1]]
        return Problem(source.file, line, column, dotted(path), message)
    return source.problem(path, message)


def _path(error: ErrorDetails) -> FieldPath:
    return tuple(k for k in error["loc"] if isinstance(k, int | str))


def _message(error: ErrorDetails) -> str:
    kind, path, ctx = error["type"], _path(error), error.get("ctx", {})
    if kind == "extra_forbidden":
        return _unknown_key(path)
    if kind == "value_error" and "score_or_table" in error["msg"]:
        return "缺少自评得分：请填写 score（满分 100），或填写自评表 table 由程序计算"
    if kind == "literal_error":
        text = f"取值应为 {ctx.get('expected', '')} 之一"
    elif kind == "decimal_max_places":
        text = f"最多保留 {ctx.get('decimal_places')} 位小数"
    elif kind == "decimal_max_digits":
        text = "数字位数过多"
    elif kind in ("greater_than_equal", "greater_than"):
        text = f"应不小于 {ctx.get('ge', ctx.get('gt'))}"
    elif kind in ("less_than_equal", "less_than"):
        text = f"应不大于 {ctx.get('le', ctx.get('lt'))}"
    else:
        text = _MESSAGES.get(kind, f"取值不符合要求（{error['msg']}）")
    description = _description(path)
    if description:
        text += f"（{description}）"
    if kind != "missing":
        text += f"，实际为 {_shown(error.get('input'))}"
    return text


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "一个映射"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        text = str(value)
    else:
        text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 40 else text[:37] + "…"


def _unknown_key(path: FieldPath) -> str:
    key = str(path[-1])
    model = _model_at(path[:-1])
    allowed = list(model.model_fields) if model else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"，是否应为“{close[0]}”？" if close else ""
    listing = f"可用的字段：{'、'.join(allowed)}" if allowed and not close else ""
    return f"未知字段“{key}”{hint}{listing}"


def _description(path: FieldPath) -> str:
    """The Chinese description of the field at ``path``, or ""."""
    if not path or not isinstance(path[-1], str):
        return ""
    model = _model_at(path[:-1])
    field = model.model_fields.get(path[-1]) if model else None
    return (field.description or "") if field else ""


def _model_at(path: FieldPath) -> type[BaseModel] | None:
    """The model class that holds the fields at ``path`` (``()`` is :class:`Report`)."""
    model: type[BaseModel] | None = Report
    for key in path:
        if model is None:
            return None
        if isinstance(key, int):
            continue
        field = model.model_fields.get(key)
        model = _inner_model(field.annotation) if field else None
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType, tuple) or get_args(annotation):
        for arg in get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
