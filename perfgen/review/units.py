"""One unit of a review, read and checked in a worker: a YAML data file (``check``, then the
``--draft`` page) or a published report (``audit``: its own paragraphs, each finding placed on
its paragraph). The result (:class:`Unit`) is plain data, kept in the site's cache (JSON) so
that an unchanged file is not read again."""

from __future__ import annotations

import dataclasses
import hashlib
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfgen.errors import InputError, PerfgenError
from perfgen.locations import FieldPath, dotted, shortened
from perfgen.review.read import figures_read
from perfgen.rules.prior import COMPARED, published

if TYPE_CHECKING:
    from perfgen.input.validation import Input
    from perfgen.pipeline import Examined
    from perfgen.reading.placing import Imported

DATA_SUFFIXES = (".yaml", ".yml")
REPORT_SUFFIXES = (".docx", ".pdf", ".txt")
SUFFIXES = (*REPORT_SUFFIXES, *DATA_SUFFIXES)
"""The files a review reads: published reports and YAML data files."""


@dataclass
class Mark:
    """A finding as a unit's page shows it.

    Attributes:
        level: ``error`` or ``warning``.
        rule: The rule id.
        message: The Chinese message.
        where: Where it stands: the report's page and paragraph, or the YAML's file:line.
        quote: What of the paragraph it is about ("" for a YAML file).
        anchor: The id of the marked block on the page (``b12``), "" when none.
    """

    level: str
    rule: str
    message: str
    where: str
    quote: str = ""
    anchor: str = ""


@dataclass
class Unit:
    """One unit read and checked (plain data: strings, lists and dicts of them).

    Attributes:
        name: The page's stem (:func:`perfgen.batch.plan`).
        source: The file as given.
        kind: ``report`` (docx, pdf, txt) or ``data`` (YAML).
        key: The hash of the file's bytes and perfgen's version.
        failure: Why it could not be read (Chinese), "" when it was.
        problems: The rows of an input that could not be read (the summary's findings).
        title: The report's title.
        fonts: Its fonts by role.
        figures: Its summary figures (:func:`perfgen.writers.summary.unit_figures`).
        short: The unit's short name (简称), "" when the report gives none.
        rows: Its findings as summary rows (:func:`perfgen.writers.summary.finding_row`).
        marks: Its findings as the page shows them, in the order of the report.
        read: The figures perfgen read: (label, value, where).
        unplaced: What could not be placed in perfgen's outline: (what, where).
        share: The share of the report's characters read into fields (“87.3%”), "" for YAML.
        account: Where all its characters went, in Chinese (reports).
        blocks: The report's paragraphs: (id, level, text) with level 1–3 a heading, 0 a
            paragraph, -1 a table row (reports).
        markdown: The composed report (YAML data), its notes in ``notes``.
        notes: The draft's notes of ``markdown`` (field dicts of
            :class:`perfgen.writers.notes.Note`, values as text).
        body: The page's report, marked (YAML data; reports are laid out from ``blocks``).
        published: What the report published and states of the year before
            (:class:`perfgen.rules.prior.Published`, values as text).
        anchors: For each 上年 field and the field it is compared with (dotted): where a
            finding on it is placed — ``{"block": id, "where": …}`` or a note's fields.
        compared: The 上年 figures checked against previous-year reports among the files:
            (label, stated, published, that report's file, 一致/不一致); set by
            :func:`perfgen.review.model.across_years`, never cached.
    """

    name: str
    source: str
    kind: str
    key: str
    failure: str = ""
    problems: list[list[str]] = field(default_factory=list)
    title: str = ""
    fonts: dict[str, str] = field(default_factory=dict)
    figures: dict[str, str] = field(default_factory=dict)
    short: str = ""
    rows: list[list[str]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    read: list[list[str]] = field(default_factory=list)
    unplaced: list[list[str]] = field(default_factory=list)
    share: str = ""
    account: str = ""
    blocks: list[list[Any]] = field(default_factory=list)
    markdown: str = ""
    notes: list[dict[str, Any]] = field(default_factory=list)
    body: str = ""
    published: dict[str, Any] = field(default_factory=dict)
    anchors: dict[str, dict[str, Any]] = field(default_factory=dict)
    compared: list[list[str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The unit as JSON data (the site's cache)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Unit:
        """A unit from :meth:`to_json`'s data.

        Raises:
            TypeError, KeyError: the data is not a unit's (a damaged cache: read again).
        """
        marks = [Mark(**m) for m in data["marks"]]
        return cls(**{**data, "marks": marks})


CACHE_FORMAT = "1"
"""The layout of a cached :class:`Unit`: changed with its fields, so that an older cache is
read again rather than misread."""


def file_key(path: Path, version: str) -> str:
    """The hash of what a unit's page is made from: the file's bytes, perfgen's version and
    :data:`CACHE_FORMAT`."""
    digest = hashlib.sha256(f"{version}\0{CACHE_FORMAT}\0".encode())
    digest.update(path.read_bytes())
    return digest.hexdigest()


def read_unit(name: str, path: Path, key: str) -> Unit:
    """Read and check one file (never raises: a failure is the unit's ``failure``)."""
    kind = "data" if path.suffix.lower() in DATA_SUFFIXES else "report"
    unit = Unit(name, str(path), kind, key)
    try:
        if kind == "data":
            _data(unit, path)
        else:
            _report(unit, path)
    except InputError as exc:
        from perfgen.writers.summary import problem_row

        unit.failure = exc.for_user()
        unit.problems = [list(problem_row(p)) for p in exc.problems]
    except PerfgenError as exc:
        unit.failure = exc.for_user()
    except Exception:  # a bug in perfgen: this unit fails, the review goes on
        unit.failure = "perfgen 内部错误，请把以下内容报告给开发者：\n" + traceback.format_exc()
    return unit


def _common(unit: Unit, examined: Examined) -> None:
    from perfgen.writers.summary import unit_figures

    report = examined.input.report
    unit.title = report.printed_title
    unit.fonts = report.settings.fonts.model_dump()
    unit.figures = unit_figures(report, examined.figures)
    unit.short = report.unit.short_name or ""
    found = published(examined.input, examined.figures)
    unit.published = {
        "file": Path(unit.source).name,
        "unit": found.unit,
        "year": found.year,
        "basis": found.basis,
        "values": {k: str(v) for k, v in found.values.items()},
        "stated": {k: str(v) for k, v in found.stated.items()},
    }
    unit.unplaced = [
        [section.title or "（无标题）", shortened(" ".join(section.text), 80)]
        for section in report.unplaced
    ]


def _data(unit: Unit, path: Path) -> None:
    from perfgen.pipeline import Renderer, examine
    from perfgen.rules.notes import note
    from perfgen.writers.html import marked
    from perfgen.writers.summary import finding_row

    examined = examine(path)
    _common(unit, examined)
    unit.rows = [list(finding_row(f)) for f in examined.findings]
    renderer = Renderer(examined, draft=True)
    unit.markdown = renderer.compose()
    notes = renderer.info.notes or ()
    unit.notes = [_note_data(n) for n in notes]
    unit.body, at = marked(unit.markdown, notes)
    unit.marks = [
        Mark(n.level, n.rule, n.message, n.where, "", at.get(k, "")) for k, n in enumerate(notes)
    ]
    unit.read = figures_read(examined.input, lambda p: _line(examined.input, p))
    from perfgen.rules import Finding

    for compared in COMPARED:
        for target in (compared.stated, compared.published):
            placed = note(Finding("prior-published", "warning", target, ""), examined.input)
            unit.anchors[dotted(target)] = _note_data(placed)


def _note_data(note: Any) -> dict[str, Any]:
    data = dataclasses.asdict(note)
    data["sections"] = list(note.sections)
    data["value"] = None if note.value is None else str(note.value)
    data["number"] = isinstance(note.value, Decimal)
    return data


def _line(source: Input, path: FieldPath) -> str:
    line, _column = source.locate(path)
    return f"第 {line} 行" if line else ""


def _report(unit: Unit, path: Path) -> None:
    from perfgen.audit import audit_read
    from perfgen.reading.accounting import account
    from perfgen.writers.summary import finding_row

    audited, imported = audit_read(path)
    examined = audited.examined
    assert examined is not None
    _common(unit, examined)
    if audited.year_unknown:  # checked as of no year: none to show, none to pair across years
        unit.figures["year"] = ""
        unit.published = {}
    unit.rows = [
        list(finding_row(p.finding, f"{unit.source}:{p.where}" if p.where else unit.source))
        for p in audited.placed
    ]
    unit.marks = [
        Mark(p.finding.level, p.finding.rule, p.finding.message, p.where, p.quote, _id(p.number))
        for p in audited.placed
    ]
    counted = account(imported)
    unit.share = counted.share(counted.placed)
    unit.account = counted.for_user()
    unit.blocks = _blocks(imported)
    unit.unplaced += [
        [block.text[:80], f"{block.where()}：{why}"] for block, why in imported.missed
    ]
    places = examined.input.source.places
    unit.read = figures_read(examined.input, lambda p: places.get(p, ""))
    for compared in COMPARED:
        for target in (compared.stated, compared.published):
            block = imported.origins.get(target)
            if block is not None:
                unit.anchors[dotted(target)] = {"block": _id(block.number), "where": block.where()}


def _id(number: int) -> str:
    return f"b{number}" if number else ""


def _blocks(imported: Imported) -> list[list[Any]]:
    """The report's paragraphs with their heading levels (title 1, parts 2, sections 3)."""
    outline = imported.outline
    levels = {b.number: 1 for b in outline.title_blocks}
    for part in outline.parts:
        levels[part.heading.number] = 2
        for section in part.sections:
            if section.heading is not None:
                levels.setdefault(section.heading.number, 3)
    return [
        [_id(b.number), -1 if b.cells else levels.get(b.number, 0), b.text, list(b.cells)]
        for b in imported.source
    ]
