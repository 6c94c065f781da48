"""Validate loaded data into an :class:`Input`: the report, its positions, what is pending.

Every pydantic error becomes a :class:`~perfgen.errors.Problem` at the YAML position of the
field it blames, naming what was expected and what was found; all problems are reported
together. A placeholder (【待填写】) in a field that takes no text means "not known yet": the
field is left out of the model and its path is recorded as pending, so that nothing is computed
from it as if it were known (:mod:`perfgen.figures`).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from perfgen.errors import InputError
from perfgen.input.introspect import accepts_placeholder, field_description, inner_model, model_at
from perfgen.input.model import Report
from perfgen.locations import FieldPath, Problem, Source, dotted, shortened
from perfgen.placeholders import PATTERN, find, is_placeholder


@dataclass(frozen=True)
class Input:
    """A validated input file: what travels through derive, check and compose.

    Attributes:
        report: The frozen :class:`~perfgen.input.model.Report`.
        source: The loaded file: its name and the position of every value and key.
        pending: Every value that holds a placeholder (【待填写】/【待更新】), by field path, in
            document order, e.g. ``{("basic_info", "finances", "income", "total"): "【待填写】"}``.
            A pending field that takes no text is absent from ``report``.
    """

    report: Report
    source: Source
    pending: Mapping[FieldPath, str]

    @property
    def file(self) -> str:
        """The input file's name as the user gave it."""
        return self.source.file

    def is_pending(self, path: FieldPath) -> bool:
        """Whether the value at ``path`` is a placeholder (not known yet)."""
        return path in self.pending

    def where(self, path: FieldPath) -> str:
        """See :meth:`perfgen.input.loader.Source.where`."""
        return self.source.where(path)

    def locate(self, path: FieldPath) -> tuple[int, int]:
        """1-based (line, column) of ``path`` or its nearest ancestor in the file; (0, 0)
        when unknown."""
        return self.source.locate(path)


def validate(source: Source) -> Input:
    """Validate a loaded file.

    Args:
        source: Output of :func:`perfgen.input.loader.load_file` (or a :class:`Source` made from
            plain data).

    Returns:
        The :class:`Input`.

    Raises:
        InputError: with one :class:`~perfgen.errors.Problem` per invalid field.
    """
    found: list[tuple[FieldPath, str]] = []
    try:
        report = Report.model_validate(_without_pending(source.data, Report, (), found))
    except ValidationError as exc:
        problems = [_problem(source, e) for e in exc.errors()]
        problems.sort(key=lambda p: (p.line, p.column))
        raise InputError(problems) from None
    return Input(report, source, dict(found))


def without_pending(data: Any, model: type[BaseModel] | None = Report) -> Any:
    """Drop placeholders from optional fields that cannot take them as text.

    ``total: 【待填写】`` then validates as if ``total`` were not written: the figure is not
    known yet. A placeholder in a text field stays (it is text, printed highlighted); in a
    required field that takes no text it stays too, so validation says that the field needs a
    real value.

    Args:
        data: Plain data at the level of ``model`` (the whole file for :class:`Report`).
        model: The model that holds the keys of ``data``; ``None`` below the models.

    Returns:
        A copy of ``data`` without those keys; ``data`` itself is not changed.
    """
    return _without_pending(data, model, (), [])


def _without_pending(
    data: Any, model: type[BaseModel] | None, path: FieldPath, found: list[tuple[FieldPath, str]]
) -> Any:
    """:func:`without_pending` of ``data`` at ``path``, and in the same walk what
    :func:`~perfgen.placeholders.find` says of it appended to ``found`` (the same values in
    the same order): the file's tree is walked once, not twice."""
    if isinstance(data, list):
        return [_without_pending(v, model, (*path, i), found) for i, v in enumerate(data)]
    if not isinstance(data, dict) or model is None:
        found.extend(find(data, path))
        return data
    fields = _fields(model)
    out: dict[str, Any] = {}
    for key, value in data.items():
        field = fields.get(key) if isinstance(key, str) else None
        inner = None if field is None else field[1]
        if isinstance(value, str):
            if "【" in value and PATTERN.search(value):
                found.append(((*path, key), value))
            inner = None  # a text is kept as it is, as without_pending's walk keeps it
        elif inner is None and isinstance(value, dict | list | tuple):
            found.extend(find(value, (*path, key)))  # a collection not walked below
        if field is None:
            out[key] = value  # an unknown key: validation reports it
        elif not is_placeholder(value) or accepts_placeholder(model, key):
            out[key] = (
                value if inner is None else _without_pending(value, inner, (*path, key), found)
            )
        elif field[0]:
            out[key] = value  # validation says that it needs a real value
    return out


@functools.cache
def _fields(model: type[BaseModel]) -> dict[str, tuple[bool, type[BaseModel] | None]]:
    """Each field of ``model``: whether it is required and the model inside it
    (:func:`~perfgen.input.introspect.inner_model`), asked once per model."""
    return {
        name: (field.is_required(), inner_model(field.annotation))
        for name, field in model.model_fields.items()
    }


def describe(path: FieldPath) -> str:
    """The Chinese description of the input field at ``path``, or ""."""
    return field_description(Report, path)


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
    "finite_number": "应为有限的数字（不能是 NaN 或无穷大）",
    "string_pattern_mismatch": "不能含控制字符",
    "string_too_long": "文字过长",
    "date_from_datetime_inexact": "应为日期，不能带时刻",
    "date_future": "日期不能在将来",
}


_NUMBERING = re.compile(r"^（[一二三四五六七八九十]+）")
"""A section number that starts a description (（二）年度总体工作…), left out when the
description is quoted in brackets."""


def _problem(source: Source, error: ErrorDetails) -> Problem:
    """Locate an error: an unknown key at the key, a missing field at its parent's key."""
    path, message = _path(error), explain(error)
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


def explain(error: ErrorDetails, root: type[BaseModel] = Report) -> str:
    """A pydantic error in Chinese: what was expected (with the field's description from the
    model ``root`` its path starts at) and what was found."""
    kind, path, ctx = error["type"], _path(error), error.get("ctx", {})
    if kind == "extra_forbidden":
        return _unknown_key(path, root)
    if kind == "value_error" and "score_or_table" in error["msg"]:
        return "缺少自评得分：请填写 score（满分 100），或填写自评表 table 由程序计算"
    description = _NUMBERING.sub("", field_description(root, path))
    if kind != "missing" and is_placeholder(error.get("input")):
        hint = f"（{description}）" if description else ""
        return f"此项必须填写实际内容{hint}，不能留作“{str(error.get('input')).strip()}”"
    if kind == "literal_error":
        text = f"取值应为 {ctx.get('expected', '')} 之一"
    elif kind == "decimal_max_places":
        text = f"最多保留 {ctx.get('decimal_places')} 位小数"
    elif kind in ("decimal_max_digits", "decimal_whole_digits"):
        text = "数字位数过多"
    elif kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        bound = ctx.get(key)
        text = f"{word} {bound:f}" if isinstance(bound, Decimal) else f"{word} {bound}"
    else:
        text = _MESSAGES.get(kind, f"取值不符合要求（{error['msg']}）")
    if description:
        text += f"（{description}）"
    if kind != "missing":
        text += f"，实际为 {_shown(error.get('input'))}"
    return text


_BOUNDS = {
    "greater_than_equal": ("应不小于", "ge"),
    "greater_than": ("应大于", "gt"),
    "less_than_equal": ("应不大于", "le"),
    "less_than": ("应小于", "lt"),
}
"""pydantic's bound errors: the words and the context key of the bound (a Decimal bound is
written out in full: 10000000000, not 1E+10)."""


def _shown(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "一个映射"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        text = str(value)
    else:
        text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return shortened(text, 38)


_TYPED_WRONG = (
    ("\u3000", "键前面或键中有全角空格“　”：缩进请用半角空格"),
    ("：", "键中有全角冒号“：”：键后面应为半角冒号“:”，再加一个空格"),
    ("【", "键中有“【】”：占位符【待填写】只能写在冒号后面的值里"),
)
"""What a Chinese input method puts in a key by mistake, and what to say instead of “unknown”."""


def _unknown_key(path: FieldPath, root: type[BaseModel]) -> str:
    key = str(path[-1])
    for mark, said in _TYPED_WRONG:
        if mark in key:
            return f"“{key}”不是字段名：{said}"
    model = model_at(root, path[:-1])
    allowed = list(model.model_fields) if model else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"，是否应为“{close[0]}”？" if close else ""
    listing = f"，可用的字段：{'、'.join(allowed)}" if allowed and not close else ""
    return f"未知字段“{key}”{hint}{listing}"
