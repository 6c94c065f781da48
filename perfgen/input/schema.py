"""JSON Schema of the input file, for editors (VS Code's YAML extension) and validators.

Generated from the models with pydantic, then adjusted so that it describes what perfgen
really accepts, in Chinese:

- draft-07 with ``definitions``, the dialect yaml-language-server supports;
- every field titled and described in Chinese from its model description (the title is the
  description's first phrase); every model described by the field that holds it;
- an item (``Point``) may be a single string, as the loader allows;
- a placeholder (【待填写】) is allowed where validation allows it: text fields, the score,
  and every optional field (where it means "not known yet");
- numbers are YAML numbers, or strings that spell a number (pydantic's Decimal input).
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from perfgen.input.introspect import accepts_placeholder, nested_models
from perfgen.input.model import Point, Report
from perfgen.input.settings import FONT_PRESETS
from perfgen.input.values import PRINTED_NUMBER, SUFFIXES
from perfgen.placeholders import PLACEHOLDERS

SCHEMA_FILE = "perfgen.schema.json"
"""File name of the schema next to a scaffold, as its ``yaml-language-server`` line names it."""

DRAFT = "http://json-schema.org/draft-07/schema#"

REPORT_TITLE = "部门整体支出绩效自评报告数据文件"
REPORT_DESCRIPTION = (
    "perfgen 的输入：一个单位一个年度的自评报告。金额以万元为单位，写两位小数；"
    "比率写百分数的数值（96.33 表示 96.33%）。还没有内容的地方写【待填写】。"
)

_SHARED: dict[type[BaseModel], tuple[str, str]] = {
    Point: (
        "条目",
        "条目：一句文字，或写成 title（小标题）、text（正文段落）、points（下级条目）；"
        "有小标题的条目成为下一级标题",
    )
}
"""Descriptions of models held by many fields, which no single field describes."""

_NUMBER_TEXT = {
    "type": "string",
    "pattern": rf"^\s*{PRINTED_NUMBER}\s*({'|'.join(SUFFIXES)})?\s*$",
}
_PLACEHOLDER = {"enum": list(PLACEHOLDERS), "description": "占位符：尚未填写或尚未更新"}
_TITLE_END = re.compile(r"[，；：（(]")
_NUMBERED = re.compile(r"^（[一二三四五六七八九十]+）[^，；：（(]*")
_DEFAULT_TITLE = re.compile(r"^(?:legacy )?默认“([^”]+)”")


def json_schema() -> dict[str, Any]:
    """The input's JSON Schema (draft-07), with Chinese titles and descriptions.

    Returns:
        The schema as plain JSON data; the same every time (no dates, no paths).
    """
    schema = Report.model_json_schema(ref_template="#/definitions/{model}")
    definitions: dict[str, Any] = schema.pop("$defs", {})
    held_by = _holders(Report)
    for model in held_by:
        node = schema if model is Report else definitions[model.__name__]
        node["title"], node["description"] = held_by[model]
        for name, field in model.model_fields.items():
            prop = node["properties"][name]
            _spell_numbers(prop)
            if not field.is_required() and not accepts_placeholder(model, name):
                prop = _with_placeholder(prop)
            description = field.description or ""
            prop["title"] = title_of(description)
            prop["description"] = description
            node["properties"][name] = prop
        if model is not Report and _takes_string(model):
            description = node["description"]
            if "一句文字" not in description:
                description += "：可以只写一句文字，或写成映射"
            definitions[model.__name__] = {
                "title": node["title"],
                "description": description,
                "anyOf": [{"type": "string", "minLength": 1}, node],
            }
    fonts = definitions["Settings"]["properties"]["fonts"]
    fonts["anyOf"] = [{"type": "string", "enum": sorted(FONT_PRESETS)}, *fonts.pop("anyOf")]
    head = {
        "$schema": DRAFT,
        "title": schema.pop("title"),
        "description": schema.pop("description"),
    }
    return {**head, **schema, "definitions": definitions}


def schema_text() -> str:
    """:func:`json_schema` as JSON text: indented, Chinese unescaped, ending with a newline."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def title_of(description: str) -> str:
    """A short Chinese title from a field description: its first phrase.

    ``总收入（万元）；不写则为各项之和`` → ``总收入``; ``（一）部门职能`` → ``（一）部门职能``;
    ``默认“部门职能”（legacy：“部门概况”）`` → ``“部门职能”的标题``.
    """
    if match := _DEFAULT_TITLE.match(description):
        return f"“{match[1]}”的标题"
    if match := _NUMBERED.match(description):
        return match[0]
    return _TITLE_END.split(description, maxsplit=1)[0] or description


def _holders(root: type[BaseModel]) -> dict[type[BaseModel], tuple[str, str]]:
    """Every model reachable from ``root``, with the title and description of the first field
    that holds it (models' own docstrings are English, for developers)."""
    found: dict[type[BaseModel], tuple[str, str]] = {}
    for model, holder in nested_models(root).items():
        if model is root:
            found[model] = (REPORT_TITLE, REPORT_DESCRIPTION)
        elif model in _SHARED:
            found[model] = _SHARED[model]
        else:
            description = (holder.description if holder else None) or model.__name__
            found[model] = (title_of(description), description)
    return found


def _takes_string(model: type[BaseModel]) -> bool:
    """Whether the model validates a bare string (an item written as one sentence)."""
    try:
        TypeAdapter(model).validate_python("一句文字")
    except ValidationError:
        return False
    return True


def _spell_numbers(node: Any) -> None:
    """Narrow pydantic's "any string" alternative of a Decimal to strings that spell a number."""
    if isinstance(node, dict):
        options = node.get("anyOf", [])
        if any(isinstance(o, dict) and o.get("type") == "number" for o in options):
            node["anyOf"] = [_NUMBER_TEXT if o == {"type": "string"} else o for o in options]
        for value in node.values():
            _spell_numbers(value)
    elif isinstance(node, list):
        for value in node:
            _spell_numbers(value)


def _with_placeholder(prop: dict[str, Any]) -> dict[str, Any]:
    """``prop`` widened to also accept a placeholder; its default stays outside the choice."""
    outer = ("title", "description", "default")
    inner = {k: v for k, v in prop.items() if k not in outer}
    options = inner["anyOf"] if list(inner) == ["anyOf"] else [inner]
    return {**{k: prop[k] for k in ("default",) if k in prop}, "anyOf": [*options, _PLACEHOLDER]}
