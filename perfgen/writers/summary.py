"""The summary of many reports for the finance bureau — what became of each (:class:`Outcome`),
written as ``汇总.xlsx`` and the same as ``汇总.json``; ``batch`` and ``audit`` both use it.

One row per unit (unit, year, 总收入, 总支出, 预算执行率, 自评得分, 等级, errors, warnings, status,
outputs or the reason it failed), and a second sheet with every finding. Amounts and scores are
numbers, rates are fractions in a percent format; the header rows are frozen and filtered.
The JSON writes the same numbers as JSON numbers with their exact decimal digits.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from perfgen.arithmetic import HUNDRED
from perfgen.errors import LEVEL_NAMES
from perfgen.files import write_atomic
from perfgen.locations import Problem, dotted, visible
from perfgen.placeholders import PENDING
from perfgen.writers import fixed_zip

if TYPE_CHECKING:
    from perfgen.figures import Figures
    from perfgen.input.model import Report
    from perfgen.rules import Finding

Status = Literal["done", "skipped", "failed"]

SUMMARY = "汇总"
"""The summary's file name (``汇总.xlsx``, ``汇总.json``)."""


@dataclass(frozen=True)
class Outcome:
    """What became of one unit.

    Attributes:
        name: The unit's output stem.
        source: Its input file.
        status: done, skipped (unchanged) or failed.
        outputs: The files written, relative to the output folder.
        figures: The unit's name, year and headline figures for the summary (strings for
            amounts and rates, as printed); empty when its input could not be read.
        findings: Its findings, as ``(level, rule, field, message, file:line)``; the problems
            of an input that cannot be read are rule ``input``.
        failure: Why it failed (Chinese), or "".
        notes: What was asked of it and not written, and why (Chinese), for the summary.
        key: The hash of what it was made from.
        rss_kb: The worker's resident memory after the unit (Linux; 0 elsewhere).
    """

    name: str
    source: str
    status: Status
    outputs: tuple[str, ...] = ()
    figures: dict[str, str] = field(default_factory=dict)
    findings: tuple[tuple[str, str, str, str, str], ...] = ()
    failure: str = ""
    notes: tuple[str, ...] = ()
    key: str = ""
    rss_kb: int = 0

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f[0] == "error")

    @property
    def warnings(self) -> int:
        """How many findings are warnings (提示, hints, are neither: they are listed on the
        sheet of findings only)."""
        return sum(1 for f in self.findings if f[0] == "warning")


def unit_figures(report: Report, figures: Figures) -> dict[str, str]:
    """A unit's figures for the summary, as printed (amounts 万元, rates %)."""

    def text(value: object) -> str:
        return "" if value is None or value is PENDING else str(value)

    budget = figures.budget
    rate = budget.execution_rate if budget else None
    return {
        "unit": report.unit.name,
        "year": str(report.year),
        "income": text(figures.income.total if figures.income else None),
        "expenditure": text(figures.expenditure.total if figures.expenditure else None),
        "execution_rate": text(rate.value if rate else None),
        "score": text(figures.score),
        "grade": text(figures.grade),
    }


def finding_row(
    finding: Finding, where: str | None = None, subject: str | None = None
) -> tuple[str, str, str, str, str]:
    """A finding as a summary row: level, rule, what it is about (its field, unless
    ``subject`` says otherwise, e.g. the report's words it quotes), message, and where it
    stands (``file:line`` of the YAML unless ``where`` says otherwise, e.g. a report's
    paragraph)."""
    if where is None:
        where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    about = dotted(finding.path) if subject is None else subject
    return (finding.level, finding.rule, about, finding.message, where)


def problem_row(problem: Problem) -> tuple[str, str, str, str, str]:
    """An input error as a finding row: level error, rule ``input``."""
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    return ("error", "input", problem.path, problem.message, where)


UNIT_COLUMNS = (
    ("单位", "unit", 30),
    ("年度", "year", 7),
    ("数据文件", "source", 30),
    ("总收入（万元）", "income", 14),
    ("总支出（万元）", "expenditure", 14),
    ("预算执行率", "execution_rate", 11),
    ("自评得分", "score", 10),
    ("等级", "grade", 6),
    ("错误", "errors", 6),
    ("警告", "warnings", 6),
    ("状态", "status", 8),
    ("输出文件或失败原因", "result", 60),
)
"""The units sheet: header, key, column width."""

FINDING_COLUMNS = (
    ("单位", 30),
    ("数据文件", 30),
    ("位置", 36),
    ("级别", 6),
    ("规则", 20),
    ("字段", 40),
    ("说明", 80),
)

STATUS_NAMES = {"done": "已生成", "skipped": "未变，跳过", "failed": "失败"}
_NUMBERS = ("income", "expenditure", "execution_rate", "score")


def rows(
    outcomes: Sequence[Outcome], statuses: dict[str, str] = STATUS_NAMES
) -> list[dict[str, Any]]:
    """One record per unit: its figures as Decimals (rates in %), counts, status (named by
    ``statuses``), result. File names are shown as :func:`~perfgen.locations.visible` text: a
    name that is not UTF-8 has lone surrogates, which neither a workbook nor UTF-8 can hold."""
    out = []
    for outcome in outcomes:
        figures = outcome.figures
        record: dict[str, Any] = {
            "unit": figures.get("unit", ""),
            "year": int(figures["year"]) if figures.get("year") else None,
            "source": visible(outcome.source),
        }
        for key in _NUMBERS:
            record[key] = Decimal(figures[key]) if figures.get(key) else None
        record["grade"] = figures.get("grade", "")
        record["errors"], record["warnings"] = outcome.errors, outcome.warnings
        record["status"] = statuses[outcome.status]
        record["result"] = visible(outcome.failure or "、".join((*outcome.outputs, *outcome.notes)))
        out.append(record)
    return out


def findings(outcomes: Sequence[Outcome]) -> list[tuple[str, ...]]:
    """Every finding of every unit: unit, file, place, level, rule, field, message (file names
    shown as in :func:`rows`)."""
    return [
        (
            o.figures.get("unit", ""),
            visible(o.source),
            visible(where),
            LEVEL_NAMES[level],
            rule,
            path,
            visible(message),
        )
        for o in outcomes
        for level, rule, path, message, where in o.findings
    ]


def workbook(
    outcomes: Sequence[Outcome],
    date: dt.date,
    statuses: dict[str, str] = STATUS_NAMES,
    subject: str = "字段",
) -> bytes:
    """``汇总.xlsx``; ``date`` is stamped into its properties (the same batch, the same bytes);
    ``statuses`` names the status column's values (``perfgen audit`` says 已检查), ``subject``
    the header of the column that says what a finding is about (the YAML field for a batch; the
    report's own words, 原文, for ``perfgen audit``, whose reviewer never sees the YAML)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from perfgen.writers import sheet_styles as named
    from perfgen.writers.sheet import Sheet, add_styles, print_wide

    book = Workbook()
    styles = add_styles(book, named.summary_styles())
    formats = {"income": "0.00", "expenditure": "0.00", "execution_rate": "0.00%", "score": "0.00"}
    units_sheet = book.active
    assert units_sheet is not None
    units_sheet.title = "汇总"
    units = Sheet(units_sheet, styles)
    header = [named.SUMMARY_HEADER] * len(UNIT_COLUMNS)
    units.add([h for h, _, _ in UNIT_COLUMNS], header)
    kinds = [
        named.SUMMARY_FORMATTED.get(formats.get(key, ""), named.SUMMARY_TEXT)
        for _, key, _ in UNIT_COLUMNS
    ]
    for record in rows(outcomes, statuses):
        values = []
        for _, key, _ in UNIT_COLUMNS:
            value = record[key]
            if key == "execution_rate" and value is not None:
                value = value / HUNDRED
            values.append(value)
        units.add(values, kinds)
    problems = Sheet(book.create_sheet("问题"), styles)
    problems.add(
        [subject if h == "字段" else h for h, _ in FINDING_COLUMNS],
        [named.SUMMARY_HEADER] * len(FINDING_COLUMNS),
    )
    text = [named.SUMMARY_TEXT] * len(FINDING_COLUMNS)
    for finding in findings(outcomes):
        problems.add(list(finding), text)
    for out, widths in (
        (units, [w for _, _, w in UNIT_COLUMNS]),
        (problems, [w for _, w in FINDING_COLUMNS]),
    ):
        sheet = out.sheet
        for n, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(n)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        out.fit(widths)
        print_wide(sheet, title_rows="1:1")
    stamp = dt.datetime.combine(date, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = "perfgen"
    book.properties.title = "部门整体支出绩效自评汇总"
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue(), modified=stamp)


_DECIMAL = re.compile(r'"\\u0000(-?[0-9.]+)\\u0000"')


def json_text(outcomes: Sequence[Outcome], statuses: dict[str, str] = STATUS_NAMES) -> str:
    """``汇总.json``: ``units`` (the records of :func:`rows`) and ``findings`` (the rows of
    :func:`findings` as objects); amounts and rates are JSON numbers with their decimal digits
    exactly as printed (never through a float)."""

    def number(value: Any) -> Any:
        return f"\0{value}\0" if isinstance(value, Decimal) else value

    keys = ("unit", "source", "place", "level", "rule", "field", "message")
    data = {
        "units": [{k: number(v) for k, v in record.items()} for record in rows(outcomes, statuses)],
        "findings": [dict(zip(keys, row, strict=True)) for row in findings(outcomes)],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return _DECIMAL.sub(lambda m: m[1], text) + "\n"


def save_summary(
    folder: Path,
    outcomes: Sequence[Outcome],
    date: dt.date | None = None,
    statuses: dict[str, str] = STATUS_NAMES,
) -> None:
    """Write ``汇总.xlsx`` and ``汇总.json`` into ``folder`` (``date``: today by default;
    ``statuses`` names the status column's values, as :func:`workbook`).

    Raises:
        OutputError: a file cannot be written.
    """
    date = date or dt.date.today()
    write_atomic(workbook(outcomes, date, statuses), folder / f"{SUMMARY}.xlsx")
    write_atomic(json_text(outcomes, statuses).encode("utf-8"), folder / f"{SUMMARY}.json")
