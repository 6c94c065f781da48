"""The scaffold that ``perfgen init`` writes: a YAML input with every field, explained.

Generated from the models, it lists every field there is: each with its Chinese description as
a comment, marked 必填 or 可选. Required fields, and the optional ones that give the report
its shape, hold 【待填写】; the other optional fields are shown commented out with their default or
an example. The scaffold renders as it is, so the clerk sees the whole report's shape on day
one, and ``perfgen check`` lists what is still to be written.

Over 300 lines because one walker turns every field of the models into its commented YAML
lines; split, the rules for which fields are shown, commented or pending would live apart.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from perfgen.errors import InputError, OutputError
from perfgen.files import write_atomic
from perfgen.input.introspect import choices, has_required, inner_model, is_list
from perfgen.input.model import Report
from perfgen.input.schema import SCHEMA_FILE, schema_text
from perfgen.input.settings import PRESET_TITLES, Outline
from perfgen.locations import Problem, unwritable, visible
from perfgen.placeholders import FILL

MANAGEMENT_ASPECTS = (
    ("预算编制情况", "budget_preparation"),
    ("预算执行情况", "budget_execution"),
    ("信息公开情况", "disclosure"),
    ("绩效管理情况", "performance_management"),
    ("采购管理情况", "procurement"),
    ("资产管理情况", "assets"),
    ("运行成本情况", "running_cost"),
)
"""The aspects of 管理效率分析 in the standard form (docs/domain.md §1), as the samples title
them."""

PERFORMANCE_PARTS = (
    "绩效建设情况",
    "绩效目标管理情况",
    "绩效运行监控管理情况",
    "绩效评价开展情况",
    "绩效结果应用情况",
)
"""The parts of 部门整体绩效管理情况 (docs/domain.md §1)."""

_COMMENTED = {
    "title",
    "unplaced",
    "closing",
    "attachment_label",
    "section_titles",
    "settings",
    "attachments",
    "basic_info.functions.subordinate_units",
    "basic_info.functions.staffing",
    "basic_info.finances.expenditure.personnel_use",
    "basic_info.finances.expenditure.public_use",
    "basic_info.finances.expenditure.project_use",
    "basic_info.finances.budget.execution_rate",
    "basic_info.finances.budget.basic_execution_rate",
    "basic_info.finances.budget.project_execution_rate",
    "basic_info.finances.carryover.target_rate",
    "basic_info.performance_management.title",
    "basic_info.performance_management.points[].points",
    "evaluation.grade",
    "evaluation.achievements",
    "evaluation.duty_effectiveness.points[].points",
    "evaluation.duty_effectiveness.indicators[].approximate",
    "evaluation.duty_effectiveness.indicators[].achieved",
    "evaluation.duty_effectiveness.spending_rate_text",
    "evaluation.management_efficiency.text",
    "evaluation.management_efficiency.items[].points",
    "evaluation.management_efficiency.closing",
}
"""Optional fields shown commented out (by field path; ``[]`` stands for any list item):
their absence has a meaning, such as a computed default or a title of the preset."""

_COMMENTED_NAMES = {
    "settings_file",
    "scope",
    "basis",
    "run_in",
    "sample_size",
    "adjustment_reason",
    "execution_reason",
}
"""Optional fields shown commented out wherever they stand: a unit needs them only in some
years (a scope sentence, a reason for a low rate) or to differ from the default."""

_MISSING = object()


def scaffold(unit: str | None = None, year: int | None = None, preset: Outline = "standard") -> str:
    """The scaffold's YAML text.

    Args:
        unit: The unit's full name; 【待填写】 when not given.
        year: The evaluated year; by default last year.
        preset: Outline preset, ``standard`` or ``legacy`` (docs/domain.md §1).

    Returns:
        YAML text that loads, validates and renders as it is (with placeholder warnings).

    Raises:
        InputError: ``unit`` cannot be written into YAML (:func:`perfgen.locations.unwritable`).
    """
    if unit is not None and (reason := unwritable(unit)):
        raise InputError(
            [Problem("--unit", 0, 0, "", f"单位名称“{visible(unit, lines=True)}”{reason}")]
        )
    year = year if year is not None else dt.date.today().year - 1
    values: dict[str, Any] = {
        "unit": {"name": unit or FILL},
        "year": year,
        "outline": preset,
        "attachment_label": "附件 2",
        "attachments": ["部门整体支出绩效自评表"],
        "section_titles": dict(PRESET_TITLES[preset]),
        "basic_info": {
            "functions": {"subordinate_units": [], "staffing": {"as_of": dt.date(year, 12, 31)}},
            "performance_management": {
                "points": [{"title": t, "text": [FILL]} for t in PERFORMANCE_PARTS]
            },
        },
        "evaluation": {
            "duty_effectiveness": {
                "points": [{"title": FILL, "text": [FILL]}],
                "indicators": [{"kind": "output", "comparator": "≥"}],
            },
            "management_efficiency": {
                "items": [{"title": t, "kind": k, "text": [FILL]} for t, k in MANAGEMENT_ASPECTS]
            },
        },
        "signature": {"unit": unit or FILL},
        "settings": {"list_styles": {}, "omit": [], "score_caps": []},
        "unplaced": [{"after": "basic_info", "level": 2, "title": FILL, "text": [FILL]}],
    }
    commented = _COMMENTED | ({"evaluation.outcomes"} if preset == "standard" else set())
    body = _Writer(commented).model(Report, values, "", 0, describe=True)
    return _header(unit, year, preset) + "\n".join(body) + "\n"


def _header(unit: str | None, year: int, preset: str) -> str:
    return (
        f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"
        f"# {unit or '本单位'}{year}年部门整体支出绩效自评报告的数据文件"
        f"（由 perfgen init 生成，提纲 {preset}）\n"
        "#\n"
        "# 填写方法：\n"
        "# - 每个字段上方的注释是它的说明，注明必填或可选。\n"
        f"# - 把{FILL}换成实际内容；用不到的可选字段可以整段删去。\n"
        "# - 以“# 键: 值”注释掉的是可选字段，删去行首的“# ”即可启用。\n"
        "# - 金额以万元为单位，写两位小数；比率写百分数的数值（96.33 表示 96.33%）；\n"
        "#   能由程序计算的数字（合计、占比、执行率、得分等级）不必手填。\n"
        "# - perfgen check 本文件：列出尚未填写的地方；perfgen render 本文件：生成报告。\n"
        "\n"
    )


class _Writer:
    """Writes model fields as commented YAML lines (mapping indent 2, list items at +2)."""

    def __init__(self, commented: set[str]) -> None:
        self.commented = commented

    def model(
        self, model: type[BaseModel], values: Any, path: str, indent: int, *, describe: bool
    ) -> list[str]:
        """Lines for every field of ``model`` at field path ``path``; ``values`` gives the
        content or example of some fields, the others get generated ones.

        ``describe`` adds each field's description; without it (a list's later items),
        fields commented out are left out.
        """
        values = values if isinstance(values, dict) else {}
        lines: list[str] = []
        for name, field in model.model_fields.items():
            value = values.get(name, _MISSING)
            key = f"{path}.{name}" if path else name
            active = field.is_required() or (
                key not in self.commented and name not in _COMMENTED_NAMES
            )
            if not describe and not active:
                continue
            if describe:
                if indent == 0 and lines:
                    lines.append("")
                need = "必填" if field.is_required() else "可选"
                about = (field.description or name).replace("（可选）", "")
                lines.append(f"{' ' * indent}# {need}：{about}")
            body = self.field(name, field, value, key, indent, describe=describe)
            lines += body if active else [_comment_out(line, indent) for line in body]
        return lines

    def field(
        self, name: str, field: FieldInfo, value: Any, path: str, indent: int, *, describe: bool
    ) -> list[str]:
        """Lines of one ``name: value`` entry (nested blocks below it)."""
        pad = " " * indent
        if value is _MISSING:
            value = _default(field)
        inner = inner_model(field.annotation)
        if is_list(field.annotation):
            example = {} if inner and has_required(inner) else FILL
            items = value if isinstance(value, list | tuple) else [example]
            if not items and inner is not None and describe:  # empty by default: show an item
                body = self.model(inner, {}, f"{path}[]", indent + 4, describe=True)
                return [
                    f"{pad}{name}: []",
                    *(_comment_out(x, indent + 2) for x in _as_item(body, indent + 2)),
                ]
            if not items:
                return [f"{pad}{name}: []"]
            lines = [f"{pad}{name}:"]
            for n, item in enumerate(items):
                if isinstance(item, dict | BaseModel) and inner is not None:
                    data = item.model_dump() if isinstance(item, BaseModel) else item
                    first = describe and n == 0
                    body = self.model(inner, data, f"{path}[]", indent + 4, describe=first)
                    lines += _as_item(body, indent + 2)
                else:
                    lines.append(f"{pad}  - {_scalar(item)}")
            return lines
        if inner is not None:
            data = value.model_dump() if isinstance(value, BaseModel) else value
            body = self.model(inner, data, path, indent + 2, describe=describe)
            return [f"{pad}{name}:", *body]
        if isinstance(value, dict):  # a mapping of plain values (staffing.breakdown)
            entries = ", ".join(f"{_scalar(k)}: {_scalar(v)}" for k, v in value.items())
            return [f"{pad}{name}: {{{entries}}}"]
        if value is _MISSING:
            value = choices(field.annotation)[0] if choices(field.annotation) else FILL
        return [f"{pad}{name}: {_scalar(value)}"]


def _default(field: FieldInfo) -> Any:
    """The field's default when it says something (not None, empty or a blank model)."""
    default = field.get_default(call_default_factory=True)
    if default is None or default == () or default == "" or field.is_required():
        return _MISSING
    if isinstance(default, BaseModel) and not default.model_fields_set:
        return _MISSING
    return default


def _scalar(value: Any) -> str:
    """A scalar as YAML text; strings are quoted only when YAML would misread them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump([str(value)], default_flow_style=True, allow_unicode=True, width=1 << 20)
    return text.strip()[1:-1]


def _as_item(lines: list[str], dash: int) -> list[str]:
    """Turn a mapping's lines (indented ``dash + 2``) into a list item: ``- `` on the first
    entry, the comments before it moved out to the dash's column."""
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    head = [" " * dash + line.lstrip() for line in lines[:first]]
    return [*head, " " * dash + "- " + lines[first].lstrip(), *lines[first + 1 :]]


def _comment_out(line: str, indent: int) -> str:
    """Comment a line out at ``indent``, keeping the indentation of what follows."""
    return line if not line.strip() else f"{' ' * indent}# {line[indent:]}"


def init(
    target: Path,
    unit: str | None = None,
    year: int | None = None,
    preset: Outline = "standard",
    *,
    force: bool = False,
) -> list[Path]:
    """Write a scaffold to ``target``, and the JSON Schema beside it unless one is there.

    Args:
        target: The YAML file to create.
        unit, year, preset: As for :func:`scaffold`.
        force: Replace ``target`` if it exists.

    Returns:
        The files written: the scaffold, then the schema if it was written.

    Raises:
        InputError: ``unit`` cannot be written into YAML (see :func:`scaffold`).
        OutputError: ``target`` exists (without ``force``) or cannot be written.
    """
    if target.exists() and not force:
        raise OutputError(f"{target} 已存在，未覆盖；如确要覆盖，请加 --force")
    write_atomic(scaffold(unit, year, preset).encode("utf-8"), target)
    written = [target]
    schema = target.parent / SCHEMA_FILE
    if not schema.exists():
        write_atomic(schema_text().encode("utf-8"), schema)
        written.append(schema)
    return written
