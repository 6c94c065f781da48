"""``perfgen audit``: reports as they were submitted, checked by every rule of ``check``.

A report (.docx, .pdf or text) is read in memory without inferring what it does not state
(:func:`perfgen.reading.read_report` with ``infer=False``), validated, derived and checked; each
finding is placed in the source document — page (for a PDF) and paragraph, and the paragraph's
opening words — rather than in a YAML file nobody wrote, and is worded for a reviewer who reads
the report, not the YAML (:attr:`perfgen.rules.registry.Finding.for_reviewer`: no field names).
提示 (what the reader cannot be sure of) are kept but shown only when asked (``--all``). Many
reports give the batch's summary workbook (one row per report, a sheet of findings).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.errors import LEVEL_NAMES, PerfgenError
from perfgen.locations import FieldPath, Source, shortened, undotted
from perfgen.placeholders import FILL
from perfgen.reading.source import Block
from perfgen.rules import Finding

if TYPE_CHECKING:
    from perfgen.pipeline import Examined
    from perfgen.reading.placing import Imported

AUDIT_STATUSES = {"done": "已检查", "skipped": "已检查", "failed": "无法读取"}
"""The status column of the audit summary."""
UNKNOWN_YEAR = 1990
"""The year a report that names none is checked as of: the schema's first, which no report of
the last ten years writes, so every dated mention counts as another year's."""
YEAR_UNKNOWN = "原文没有写明评价年度：已按年度未知检查，与年度有关的检查（评价年度、落款日期）未做"
"""The one warning of an audit of a report without a year."""
_OF_THE_YEAR = ("year-range", "signature-date")
"""Rules that judge the year itself: left out when it is unknown."""


@dataclass(frozen=True)
class Placed:
    """A finding placed in the source document.

    Attributes:
        finding: The finding (its path is a field of the imported report).
        where: “第 3 页第 12 段”, or "" when the field has no source paragraph.
        quote: What of that paragraph the finding is about (the clause it quotes, else the
            paragraph's opening words).
        number: The paragraph's number (0 when unknown), for the document's order.
    """

    finding: Finding
    where: str
    quote: str
    number: int = 0

    def __str__(self) -> str:
        """``file:where: 级别[rule] message（原文：“quote…”）`` on one line, in the reviewer's
        words."""
        f = self.finding
        head = f"{f.file}:{self.where}" if self.where else f.file
        level = LEVEL_NAMES[f.level]
        quote = f"（原文：“{self.quote}”）" if self.quote else ""
        return f"{head}: {level}[{f.rule}] {f.message}{quote}"


@dataclass(frozen=True)
class Audited:
    """One report audited.

    Attributes:
        file: The report's file name as given.
        placed: Its findings, in the order of the document.
        examined: The examined import (its figures feed the summary), or ``None`` when the
            report could not be read.
        failure: Why it could not be read, or "".
        year_unknown: The report names no year: it was checked as of :data:`UNKNOWN_YEAR`,
            and the summary leaves its year empty.
    """

    file: str
    placed: tuple[Placed, ...]
    examined: Examined | None
    failure: str = ""
    year_unknown: bool = False

    def shown(self, everything: bool = False) -> tuple[Placed, ...]:
        """The findings a reviewer sees: the errors and warnings, and the hints (提示) too
        when ``everything`` (``--all``)."""
        return tuple(p for p in self.placed if everything or p.finding.level != "hint")

    def count(self, level: str) -> int:
        """How many findings of ``level`` (``error``, ``warning``, ``hint``)."""
        return sum(p.finding.level == level for p in self.placed)


def audit(path: Path, today: dt.date | None = None) -> Audited:
    """Read and check one report.

    Raises:
        InputError: the report cannot be read, or what was read does not validate (each
            problem located in the source document where possible).
    """
    return audit_read(path, today)[0]


def audit_read(path: Path, today: dt.date | None = None) -> tuple[Audited, Imported]:
    """Read and check one report (:func:`audit`), with the report as read: its paragraphs,
    outline and what could not be placed (``perfgen review`` shows them).

    Raises:
        InputError: as :func:`audit`.
    """
    from perfgen.figures import derive
    from perfgen.pipeline import Examined
    from perfgen.reading import read_report, validated
    from perfgen.rules import check

    imported = read_report(path, infer=False)
    unknown = not isinstance(imported.data.get("year"), int)
    if unknown:  # checked as of a year no text names; what judges the year itself is left out
        imported = dataclasses.replace(imported, data={**imported.data, "year": UNKNOWN_YEAR})
    checked = validated(imported, path, fields=False)
    source = checked.source
    figures = derive(checked)
    findings = check(checked, figures, today)
    if unknown:
        findings = [f for f in findings if f.path != ("year",) and f.rule not in _OF_THE_YEAR]
        findings.insert(0, Finding("placeholder", "warning", ("year",), YEAR_UNKNOWN, str(path)))
    placed = []
    for finding in findings:
        block = origin(finding.path, imported.origins, imported.source)
        message = FIELD_PLACE.sub(lambda m: _field_place(m[1], source), finding.for_reviewer)
        placed.append(
            Placed(
                dataclasses.replace(finding, message=message, review=message),
                block.where() if block else "",
                _quote(block.text, message) if block else "",
                block.number if block else 0,
            )
        )
    placed.sort(key=lambda p: p.number)
    examined = Examined(checked, figures, tuple(findings))
    return Audited(str(path), tuple(placed), examined, year_unknown=unknown), imported


NOT_READ = "（原文未读到）"
"""A figure of the summary the reader did not find in the report (the unit's name, say)."""


def origin(path: FieldPath, origins: dict[FieldPath, Block], document: list[Block]) -> Block | None:
    """The source paragraph of a field, or of its nearest ancestor that has one; a rule on the
    document's form blames ``("document", n)``, its ``n``-th paragraph."""
    if len(path) == 2 and path[0] == "document" and isinstance(path[1], int):
        return document[path[1]] if 0 <= path[1] < len(document) else None
    for end in range(len(path), -1, -1):
        if path[:end] in origins:
            return origins[path[:end]]
    return None


FIELD_PLACE = re.compile(r"（([a-z_]+(?:\.[a-z_]+|\[\d+\])+)）")
"""A field path a message names in brackets: “（basic_info.finances.expenditure.total）”."""

_QUOTED = re.compile(r"“([^”]{2,})”")


def _field_place(dotted_path: str, source: Source) -> str:
    """A field path a message names, replaced by where the report states that field."""
    where = source.places.get(undotted(dotted_path))
    return f"（见{where}）" if where else ""


def _quote(text: str, message: str) -> str:
    """What of ``text`` a finding is about: the clause around the first phrase ``message``
    quotes from it (“文中写“…””) — about 60 characters — else the paragraph's opening."""
    for quoted in _QUOTED.findall(message):
        at = text.find(quoted)
        if at < 0:
            continue
        start = max(max(text.rfind(c, 0, at) for c in "。，；：") + 1, at - 24, 0)
        end = min(len(text), at + len(quoted) + 24)
        clause = text[start:end]
        return ("…" if start > 0 else "") + clause + ("…" if end < len(text) else "")
    return shortened(text, 59)


def audit_many(paths: list[Path], today: dt.date | None = None) -> list[Audited]:
    """Audit each report; one that cannot be read is recorded with why, the others go on."""
    out = []
    for path in paths:
        try:
            out.append(audit(path, today))
        except PerfgenError as exc:
            out.append(Audited(str(path), (), None, exc.for_user()))
    return out


def closing(audited: list[Audited], everything: bool = False, summary: Path | None = None) -> str:
    """The run's last line: reports read, errors, warnings (and the hints not shown), reports
    that could not be read, and the workbook written.

    “共检查 21 份报告：错误 1 处，警告 12 处（另有提示 20 处未显示，加 --all 显示）；已生成汇总表
    汇总.xlsx”.
    """
    read = [a for a in audited if not a.failure]
    counts = {level: sum(a.count(level) for a in read) for level in LEVEL_NAMES}
    said = "，".join(f"{LEVEL_NAMES[level]} {counts[level]} 处" for level in ("error", "warning"))
    if counts["hint"] and everything:
        said += f"，{LEVEL_NAMES['hint']} {counts['hint']} 处"
    elif counts["hint"]:
        said += f"（另有{LEVEL_NAMES['hint']} {counts['hint']} 处未显示，加 --all 显示）"
    line = f"共检查 {len(read)} 份报告：{said}" if read else "共检查 0 份报告"
    if failed := len(audited) - len(read):
        line += f"；{failed} 份无法读取"
    if summary is not None:
        line += f"；已生成汇总表 {summary}"
    return line


def summary(audited: list[Audited], date: dt.date, everything: bool = False) -> bytes:
    """The bureau's workbook: one row per report, a sheet of findings (the batch's layout,
    :mod:`perfgen.writers.summary`); the hints only when ``everything``, as on the terminal."""
    from perfgen.writers.summary import Outcome, finding_row, unit_figures, workbook

    outcomes = []
    for report in audited:
        stem = Path(report.file).stem
        if report.examined is None:
            outcomes.append(Outcome(stem, report.file, "failed", failure=report.failure))
            continue
        rows = tuple(
            finding_row(p.finding, f"{report.file}:{p.where}" if p.where else report.file, p.quote)
            for p in report.shown(everything)
        )
        figures = {  # what the reader did not find is not a placeholder the reviewer must fill
            key: NOT_READ if value == FILL else value
            for key, value in unit_figures(
                report.examined.input.report, report.examined.figures
            ).items()
        }
        if report.year_unknown:
            figures = {**figures, "year": ""}
        outcomes.append(Outcome(stem, report.file, "done", figures=figures, findings=rows))
    return workbook(outcomes, date, AUDIT_STATUSES, subject="原文")


def write_summary(
    audited: list[Audited],
    target: Path,
    date: dt.date | None = None,
    everything: bool = False,
) -> None:
    """Write the bureau's workbook of ``audited`` (:func:`summary`) to ``target``, never over one
    of the reports read (``date``: today by default; the hints only when ``everything``).

    Raises:
        OutputError: ``target`` is one of the reports, or cannot be written.
    """
    from perfgen.files import refuse_inputs, write_atomic

    refuse_inputs(target, *(Path(report.file) for report in audited))
    write_atomic(summary(audited, date or dt.date.today(), everything), target)
