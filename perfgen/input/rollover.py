"""Next year's draft from this year's input file (``perfgen rollover``).

Most reports are written by starting from last year's. The draft keeps the clerk's file as it
is (comments, key order, quoting, through a ruamel.yaml round trip) and changes only this:

- the year goes up by one, also inside a ``title`` that names it;
- this year's actual figures become last year's comparison figures: total income →
  ``income.prior_total``, total expenditure → ``expenditure.prior_total``, initial budget →
  ``budget.prior_initial``, the three execution rates → ``budget.prior_*execution_rate``,
  procurement and "三公" actuals → their ``prior_actual``, closing carryover → opening;
- this year's figures, the score, the grade, the spending rate, indicators' actual values
  and outcomes, the staffing date and the signature date become 【待填写】 (a placeholder:
  "not known yet", listed by ``perfgen check``);
- every narrative paragraph or item is kept, prefixed with 【待更新】.

Names, settings, section titles, indicator targets and staffing numbers are kept as they are.

Over 300 lines because each carried-over figure is named with its source and target field, and
the round trip that keeps the clerk's file as written needs its own walk over every node.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError

from perfgen.errors import InputError, OutputError
from perfgen.figures import Figures, Rate, derive
from perfgen.files import refuse_inputs, write_atomic
from perfgen.input.finances import Finances
from perfgen.input.introspect import accepts, accepts_placeholder, inner_model
from perfgen.input.loader import decode, load_file
from perfgen.input.model import (
    FundingRow,
    Indicator,
    KeyTask,
    ManagementItem,
    Point,
    Report,
    SelfEvaluationTable,
    Unit,
)
from perfgen.input.roundtrip import like, round_tripper
from perfgen.input.shared_settings import with_shared
from perfgen.input.validation import validate
from perfgen.input.yaml_messages import syntax_problem
from perfgen.placeholders import FILL, UPDATE, contains_placeholder

_THIS_YEAR = {
    ("basic_info", "finances", "income"): ("total", "appropriation", "other"),
    ("basic_info", "finances", "expenditure"): ("total", "basic", "personnel", "public", "project"),
    ("basic_info", "finances", "budget"): (
        *("initial", "adjusted", "basic", "project"),
        *("execution_rate", "basic_execution_rate", "project_execution_rate"),
    ),
    ("basic_info", "finances", "expense"): (
        *("wage_and_welfare", "goods_and_services", "subsidies"),
        *("depreciation", "amortization"),
    ),
    ("basic_info", "finances", "budget", "sources"): (
        *("general", "government_fund", "special_account", "other"),
    ),
    ("basic_info", "finances", "carryover"): ("closing",),
    ("basic_info", "finances", "procurement"): ("actual",),
    ("basic_info", "finances", "assets"): (
        *("total", "fixed_gross", "fixed_depreciation", "fixed_net", "fixed_in_use"),
    ),
    ("basic_info", "finances", "three_public"): ("budget", "actual"),
    ("basic_info", "functions", "staffing"): ("as_of",),
    ("evaluation",): ("score", "grade"),
    ("evaluation", "scope"): (
        *("first_level_projects", "second_level_projects"),
        *("project_funds", "project_share", "department_funds"),
    ),
    ("evaluation", "duty_effectiveness"): ("spending_rate",),
    ("evaluation", "table"): ("funding_score",),
    ("signature",): ("date",),
}
"""Fields holding this year's facts, by the mapping that holds them: they become 【待填写】."""

_KEEP_PATHS = {
    "unit",
    "title",
    "settings_file",
    "attachment_label",
    "section_titles",
    "settings",
    "attachments",
    "signature",
    "basic_info.functions.internal_units",
    "basic_info.functions.subordinate_units",
}
"""Text that names things rather than tells this year's story: kept unmarked."""

_HEADINGS: dict[type[BaseModel], str] = {
    Point: "title",
    ManagementItem: "title",
    KeyTask: "name",
    Indicator: "name",
}
"""The heading of an item: left unmarked when the item's text below it is marked."""

_KEEP_FIELDS = {
    (Indicator, "unit"),
    (Indicator, "level1"),
    (Indicator, "level2"),
    (FundingRow, "name"),
    (SelfEvaluationTable, "xlsx"),
    (Unit, "name"),
    (Unit, "short_name"),
}


def default_output(source: Path, year: int) -> Path:
    """Next year's file name: the year in the name moved on (``npc-2023.yaml`` →
    ``npc-2024.yaml``), else ``-{year + 1}`` added before the suffix."""
    name, next_year = source.name, str(year + 1)
    if str(year) in name:
        head, _, tail = name.rpartition(str(year))
        return source.with_name(head + next_year + tail)
    return source.with_name(f"{source.stem}-{next_year}{source.suffix}")


def rollover(source: Path, target: Path | None = None, *, force: bool = False) -> Path:
    """Write next year's draft of ``source``.

    Args:
        source: This year's input YAML file (valid; check errors do not matter).
        target: The draft to write; by default :func:`default_output`.
        force: Replace ``target`` if it exists.

    Returns:
        The path written.

    Raises:
        InputError: ``source`` cannot be read or validated, or ruamel.yaml cannot read what
            perfgen's loader did.
        OutputError: ``target`` is ``source``, exists (without ``force``), or cannot be written.
    """
    given = validate(with_shared(load_file(source)))
    report = given.report
    target = target if target is not None else default_output(source, report.year)
    shared = given.source.shared_settings
    refuse_inputs(target, source, Path(shared) if shared else None)
    if target.exists() and not force:
        raise OutputError(f"{target} 已存在，未覆盖；如确要覆盖，请加 --force")
    text, _ = decode(source.read_bytes(), str(source))  # the draft is written in UTF-8
    try:
        drafted = draft(text, report, derive(given))
    except MarkedYAMLError as exc:  # what the loader accepts, ruamel should too
        raise InputError([syntax_problem(exc, str(source))]) from None
    write_atomic(drafted.encode("utf-8"), target)
    return target


def draft(text: str, report: Report, figures: Figures) -> str:
    """Next year's draft of an input file's text.

    Args:
        text: The input file's YAML text.
        report: The same file, validated.
        figures: Its derived figures (the source of the rolled totals and rates).

    Returns:
        The draft's YAML text.
    """
    yaml = round_tripper(text)
    document = yaml.load(text)
    document["year"] = report.year + 1
    if report.title is not None:
        document["title"] = like(document["title"], _next_title(report.title, report.year))
    _carry_over(document, report, figures)
    _pend(document)
    _mark(document, Report, "")
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _carry_over(document: CommentedMap, report: Report, figures: Figures) -> None:
    """This year's actual figures into next year's comparison fields."""
    fin = report.basic_info.finances
    budget = fin.budget

    def rate(value: Rate | None) -> Decimal | None:
        return value.value if value is not None and isinstance(value.value, Decimal) else None

    def known(value: object) -> Decimal | None:
        return value if isinstance(value, Decimal) else None

    rates = figures.budget
    moves: dict[str, dict[str, Decimal | None]] = {
        "income": {"prior_total": known(figures.income.total) if figures.income else None},
        "expenditure": {
            "prior_total": known(figures.expenditure.total) if figures.expenditure else None
        },
        "budget": {
            "prior_initial": budget.initial if budget else None,
            "prior_execution_rate": rate(rates.execution_rate) if rates else None,
            "prior_basic_execution_rate": rate(rates.basic_execution_rate) if rates else None,
            "prior_project_execution_rate": rate(rates.project_execution_rate) if rates else None,
        },
        "carryover": {"opening": fin.carryover.closing if fin.carryover else None},
        "procurement": {"prior_actual": fin.procurement.actual if fin.procurement else None},
        "three_public": {"prior_actual": fin.three_public.actual if fin.three_public else None},
    }
    finances = _at(document, ("basic_info", "finances"))
    for block, fields in moves.items():
        mapping = _at(finances, (block,)) if finances is not None else None
        if mapping is None:
            continue
        model = inner_model(Finances.model_fields[block].annotation)
        for key, value in fields.items():
            if value is not None and model is not None and accepts(model, key, value):
                mapping[key] = value
            elif value is not None:  # outside what the field accepts (a rate over 1000%)
                mapping[key] = FILL
                if not mapping.fa.flow_style():  # a comment cannot sit inside { … }
                    shown = f"{value}%" if key.endswith("rate") else f"{value} 万元"
                    note = f"本年为 {shown}，超出该项可填写的范围，请核对"
                    mapping.yaml_add_eol_comment(note, key)
            elif key in mapping:
                mapping[key] = FILL


_INDICATOR_RESULTS = ("actual", "achieved", "score", "sample_size")
"""An indicator's results of this year."""


def _pend(document: CommentedMap) -> None:
    """This year's facts become 【待填写】: also the indicators' actual values, outcomes and
    scores, and the 自评表's funding amounts."""
    for path, keys in _THIS_YEAR.items():
        mapping = _at(document, path)
        if mapping is None:
            continue
        for key in keys:
            if mapping.get(key) is not None:
                mapping[key] = FILL
    rows = (
        (("evaluation", "duty_effectiveness"), "indicators", _INDICATOR_RESULTS),
        (("evaluation", "table"), "indicators", _INDICATOR_RESULTS),
        (("evaluation", "table"), "funding", ("initial_budget", "full_year_budget", "executed")),
        (("evaluation", "scope"), "key_evaluations", ("funds",)),
    )
    for path, key, fields in rows:
        holder = _at(document, path)
        items = holder.get(key) if holder is not None else None
        for item in items if isinstance(items, list) else ():
            for field in fields:
                if isinstance(item, dict) and item.get(field) is not None:
                    item[field] = FILL


def _mark(node: Any, model: type[BaseModel], path: str) -> int:
    """Prefix 【待更新】 to every narrative text below ``node``; returns how many were marked.

    An item's heading (``title``, a task's ``name``) stays unmarked when text below it was
    marked, and is marked when it is all the item has.
    """
    marked = 0
    for key in list(node):
        field = model.model_fields.get(key) if isinstance(key, str) else None
        where = f"{path}.{key}" if path else str(key)
        if field is None or where in _KEEP_PATHS or (model, key) in _KEEP_FIELDS:
            continue
        if _HEADINGS.get(model) == key:
            continue
        value, inner = node[key], inner_model(field.annotation)
        if isinstance(value, str) and accepts_placeholder(model, key):
            node[key], hit = _updated(value)
            marked += hit
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, str):
                    value[n], hit = _updated(item)
                    marked += hit
                elif isinstance(item, dict) and inner is not None:
                    marked += _mark_item(item, inner, f"{where}[]")
        elif isinstance(value, dict) and inner is not None:
            marked += _mark(value, inner, where)
    return marked


def _mark_item(item: Any, model: type[BaseModel], path: str) -> int:
    marked = _mark(item, model, path)
    heading = _HEADINGS.get(model)
    if marked == 0 and heading and isinstance(item.get(heading), str) and model is not Indicator:
        item[heading], marked = _updated(item[heading])
    return marked


def _updated(text: str) -> tuple[str, int]:
    """``text`` prefixed with 【待更新】 (its YAML style kept), unless it holds a placeholder."""
    if contains_placeholder(text):
        return text, 0
    return like(text, UPDATE + text), 1


def _next_title(title: str, year: int) -> str:
    """A custom title with its year moved on: “…2022年部门整体…” → “…2023年部门整体…”."""
    return re.sub(rf"(?<!\d){year}(?=年)", str(year + 1), title)


def _at(node: Any, path: tuple[str, ...]) -> Any:
    """The mapping at ``path`` below ``node``, or ``None``."""
    for key in path:
        if not isinstance(node, dict) or not isinstance(node.get(key), dict):
            return None
        node = node[key]
    return node
