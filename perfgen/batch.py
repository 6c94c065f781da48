"""``perfgen batch``: every unit of a district rendered by worker processes, and a summary.

Each unit is the pipeline of ``render`` (:func:`render_unit`), run in its own worker; one unit's
bad input never stops the others. A unit whose input, workbook, templates, reference document
and options are unchanged since the last batch into the same folder is skipped (its content hash
is kept in the folder's manifest). PDFs are converted after all units, by one LibreOffice process
per worker. Progress is reported through a callback; the CLI draws it.

Over 300 lines because a batch's parts share its units and folder — discovering units, the
manifest that skips unchanged ones, the worker pool, the PDF conversion, the summary's rows —
and each is a few functions only the batch calls.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import glob
import hashlib
import json
import os
import shutil
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from perfgen.errors import InputError, PerfgenError, Problem
from perfgen.pipeline import Examined, document_info, examine
from perfgen.placeholders import PENDING
from perfgen.rules import Finding

FORMATS = ("docx", "pdf", "md", "html", "xlsx")
"""Formats a batch writes: the report's, and the 自评表 (xlsx)."""

MANIFEST = ".perfgen-batch.json"
"""The folder's record of what each unit was made from, for skipping unchanged ones."""

Status = Literal["done", "skipped", "failed"]


@dataclass(frozen=True)
class Options:
    """What every unit of a batch is rendered with.

    Attributes:
        formats: Some of :data:`FORMATS`.
        templates: A unit's template folder, or ``None``.
        reference_doc: A unit's Word style file, or ``None``.
        strict: Warnings stop a unit as errors do.
        force: Render units even when nothing changed.
        settings: A shared settings file for every unit (:mod:`perfgen.input.shared_settings`),
            else each unit's own ``settings_file``.
    """

    formats: tuple[str, ...] = ("docx",)
    templates: Path | None = None
    reference_doc: Path | None = None
    strict: bool = False
    force: bool = False
    settings: Path | None = None


@dataclass(frozen=True)
class Unit:
    """One input of a batch: its file and the stem its outputs are named by."""

    source: Path
    name: str


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
    key: str = ""
    rss_kb: int = 0

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f[0] == "error")

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(1 for f in self.findings if f[0] == "warning")


def plan(inputs: Sequence[str | Path]) -> list[Unit]:
    """The units of a batch: files, directories (their ``*.yaml``) and glob patterns.

    Outputs are named by each input's file name; inputs of the same name in different folders
    get their folder's name in front (``区甲-dept``, ``区乙-dept``).

    Raises:
        InputError: an input names nothing, or nothing is found at all.
    """
    found: list[Path] = []
    problems = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            matches = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
        elif path.is_file():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(str(given), recursive=True))
        if not matches:
            problems.append(Problem(str(given), 0, 0, "", "没有找到 YAML 数据文件"))
        found += [m for m in matches if m.resolve() not in {f.resolve() for f in found}]
    if problems:
        raise InputError(problems)
    stems = [p.stem for p in found]
    return [
        Unit(p, f"{p.parent.name}-{p.stem}" if stems.count(p.stem) > 1 else p.stem) for p in found
    ]


def run(
    units: Sequence[Unit],
    folder: Path,
    options: Options,
    jobs: int,
    progress: Callable[[Outcome], None] = lambda outcome: None,
    converted: Callable[[str], None] = lambda name: None,
) -> list[Outcome]:
    """Render every unit into ``folder`` with ``jobs`` worker processes.

    Args:
        units: From :func:`plan`.
        folder: The output folder (created if missing).
        options: The formats and the options of ``render``.
        jobs: Worker processes (1: in this process).
        progress: Called with each unit's outcome as it is known.
        converted: Called with each unit's name as its PDF is made.

    Returns:
        The outcomes in the order of ``units``; the folder also holds ``汇总.xlsx`` and
        ``汇总.json`` (:mod:`perfgen.writers.summary`).

    Raises:
        OutputError: ``folder`` cannot be created.
        TemplateError: ``options.templates`` is not a folder.
        InputError: ``options.reference_doc`` is not a file.
    """
    from perfgen.errors import OutputError, TemplateError

    if options.templates is not None and not options.templates.is_dir():
        raise TemplateError(str(options.templates), None, "模板目录不存在")
    if options.reference_doc is not None and not options.reference_doc.is_file():
        raise InputError([Problem(str(options.reference_doc), 0, 0, "", "文件不存在")])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出目录 {folder}：{exc.strerror}") from None
    previous = _manifest(folder) if not options.force else {}
    shared = _shared_key(options)
    work = [(unit, folder, options, shared, previous.get(unit.name)) for unit in units]
    outcomes: dict[str, Outcome] = {}
    try:
        _render_all(work, jobs, outcomes, progress)
    except BaseException:
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)
        raise

    try:
        ordered = [outcomes[unit.name] for unit in units]
        if "pdf" in options.formats:
            ordered = _convert(ordered, folder, options, max(jobs, 1), converted)
    finally:
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)
    _save_manifest(folder, ordered)
    _save_summary(folder, ordered)
    return ordered


SUMMARY = "汇总"
"""The summary's file name (``汇总.xlsx``, ``汇总.json``)."""


def _save_summary(folder: Path, outcomes: list[Outcome]) -> None:
    import datetime as dt

    from perfgen.writers import summary, write_atomic

    today = dt.date.today()
    write_atomic(summary.workbook(outcomes, today), folder / f"{SUMMARY}.xlsx")
    write_atomic(summary.json_text(outcomes).encode("utf-8"), folder / f"{SUMMARY}.json")


def _render_all(
    work: list[tuple[Unit, Path, Options, str, Made | None]],
    jobs: int,
    outcomes: dict[str, Outcome],
    progress: Callable[[Outcome], None],
) -> None:
    """Render every unit, in this process or in ``jobs`` workers, as outcomes arrive."""
    if jobs <= 1:
        for item in work:
            outcomes[item[0].name] = _report(render_unit(*item), progress)
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(render_unit, *item) for item in work]
        for future in concurrent.futures.as_completed(futures):
            outcome = _report(future.result(), progress)
            outcomes[outcome.name] = outcome


def _report(outcome: Outcome, progress: Callable[[Outcome], None]) -> Outcome:
    progress(outcome)
    return outcome


def render_unit(
    unit: Unit, folder: Path, options: Options, shared: str, previous: Made | None
) -> Outcome:
    """Render one unit in every format but PDF (converted later, per worker); never raises.

    A unit whose hash is the one it was last made from, and whose outputs are all there, is
    skipped.
    """
    source = str(unit.source)
    try:
        examined = examine(unit.source, settings=options.settings)
    except InputError as exc:
        rows = tuple(_input_row(problem) for problem in exc.problems)
        return Outcome(unit.name, source, "failed", findings=rows, failure=exc.for_user())
    except PerfgenError as exc:
        return Outcome(unit.name, source, "failed", failure=exc.for_user())
    except Exception:  # a bug in perfgen: this unit fails, the batch goes on
        return Outcome(unit.name, source, "failed", failure=_bug())
    key = _unit_key(unit, examined, shared)
    base = Outcome(
        unit.name,
        source,
        "done",
        figures=summary_figures(examined),
        findings=tuple(_row(f) for f in examined.findings),
        key=key,
        rss_kb=_rss_kb(),
    )
    if previous and key == previous.key and all((folder / n).is_file() for n in previous.outputs):
        return dataclasses.replace(base, status="skipped", outputs=previous.outputs)
    try:
        written = _write(unit, examined, folder, options, previous)
    except PerfgenError as exc:
        return dataclasses.replace(base, status="failed", failure=exc.for_user())
    except Exception:
        return dataclasses.replace(base, status="failed", failure=_bug())
    return dataclasses.replace(base, outputs=written, rss_kb=_rss_kb())


def _write(
    unit: Unit, examined: Examined, folder: Path, options: Options, previous: Made | None
) -> tuple[str, ...]:
    """Write the unit's formats (the .docx a PDF needs too, in a scratch folder).

    An existing file is replaced only when the folder's manifest says this unit wrote it, or
    under ``--force`` when it is none of the run's inputs.

    Raises:
        PerfgenError: the unit's checks stop it, or a file cannot be written or replaced.
    """
    from perfgen.errors import OutputError
    from perfgen.templating.composition import compose
    from perfgen.writers import refuse_inputs, render_bytes, write_atomic

    examined.require_clean(options.strict)
    report = examined.input.report
    info = document_info(report, options.reference_doc)
    table = report.evaluation.table
    workbook = unit.source.parent / table.xlsx if table is not None and table.xlsx else None
    ours = set(previous.outputs) if previous else set()
    formats = [f for f in options.formats if f != "xlsx" or table is not None]
    for fmt in formats:  # every target is checked before any is written
        target = folder / f"{unit.name}.{fmt}"
        settings = examined.input.source.shared_settings
        inputs = (unit.source, workbook, options.reference_doc, options.templates)
        refuse_inputs(target, *inputs, Path(settings) if settings else None)
        if os.path.lexists(target) and target.name not in ours and not options.force:
            raise OutputError(
                f"输出目录中已有文件 {target}，不是本批次先前为该单位生成的，未覆盖；"
                "请移走它、换一个输出目录，或加 --force"
            )
    written = []
    markdown = None
    for fmt in formats:
        target = folder / f"{unit.name}.{fmt}"
        if fmt == "xlsx":
            from perfgen.writers import xlsx

            data = xlsx.render(report, examined.figures, info.date)
        else:
            markdown = markdown or compose(examined.input, examined.figures, options.templates)
            fmt_written = "docx" if fmt == "pdf" else fmt
            data = render_bytes(markdown, fmt_written, info)
            if fmt == "pdf":
                target = _scratch(folder) / f"{unit.name}.docx"
        write_atomic(data, target)
        written.append(f"{unit.name}.{fmt}")
    return tuple(written)


SCRATCH = ".perfgen-pdf"
"""The folder (inside the output folder) that holds the .docx of PDFs still to convert; it is
removed when the batch ends, however it ends."""


def _scratch(folder: Path) -> Path:
    """The folder that holds the .docx of PDFs still to convert."""
    path = folder / SCRATCH
    path.mkdir(exist_ok=True)
    return path


def _convert(
    outcomes: list[Outcome],
    folder: Path,
    options: Options,
    workers: int,
    converted: Callable[[str], None],
) -> list[Outcome]:
    """Convert the batch's new .docx to PDF: one LibreOffice process per worker."""
    from perfgen.writers import pdf

    scratch = folder / SCRATCH
    pending = [o for o in outcomes if o.status == "done" and f"{o.name}.pdf" in o.outputs]
    if not pending:
        return outcomes
    sources = [scratch / f"{o.name}.docx" for o in pending]
    shares = [sources[n::workers] for n in range(workers) if sources[n::workers]]
    made: dict[Path, Path | None] = {}
    failure = ""
    with tempfile.TemporaryDirectory(prefix="perfgen-pdf-", dir=folder) as temporary:

        def done(source: Path) -> None:
            converted(source.stem)

        with concurrent.futures.ThreadPoolExecutor(max_workers=len(shares)) as pool:
            futures = [pool.submit(pdf.convert, share, Path(temporary), done) for share in shares]
            for future in futures:
                try:
                    made.update(future.result())
                except PerfgenError as exc:
                    failure = exc.for_user()
        for result in made.values():
            if result is not None:
                os.replace(result, folder / result.name)
    reasons = {s.stem: failure or "LibreOffice 未能转换为 PDF" for s in sources if not made.get(s)}
    return [
        dataclasses.replace(o, status="failed", failure=reasons[o.name]) if o.name in reasons else o
        for o in outcomes
    ]


def summary_figures(examined: Examined) -> dict[str, str]:
    """The summary's figures of a unit, as printed (amounts 万元, rates %)."""
    report, figures = examined.input.report, examined.figures

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


def _row(finding: Finding) -> tuple[str, str, str, str, str]:
    from perfgen.input.loader import dotted

    where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    return (finding.level, finding.rule, dotted(finding.path), finding.message, where)


def _input_row(problem: Problem) -> tuple[str, str, str, str, str]:
    """An input error as a finding row: level error, rule ``input``."""
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    return ("error", "input", problem.path, problem.message, where)


def _bug() -> str:
    """A bug's message: perfgen's fault, with the traceback to report."""
    return "perfgen 内部错误，请把以下内容报告给开发者：\n" + traceback.format_exc()


def _rss_kb() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, AttributeError):
        return 0


def _digest_tree(folder: Path | None) -> str:
    """A hash of every file below ``folder`` (names and contents); "" for none."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _shared_key(options: Options) -> str:
    """The part of every unit's hash that the batch shares: perfgen, templates, options."""
    from perfgen.templating.composition import template_dirs

    bundled = template_dirs()[-1]
    reference = options.reference_doc.read_bytes() if options.reference_doc else b""
    parts = [
        _version(),
        _digest_tree(options.templates),
        _digest_tree(bundled),
        hashlib.sha256(reference).hexdigest(),
        repr((options.formats, options.strict)),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _unit_key(unit: Unit, examined: Examined, shared: str) -> str:
    """The hash of what a unit's outputs are made from: its input, its workbook, the batch."""
    digest = hashlib.sha256(shared.encode("utf-8"))
    digest.update(unit.source.read_bytes())
    settings = examined.input.source.shared_settings
    if settings is not None:
        digest.update(Path(settings).read_bytes() if Path(settings).is_file() else b"")
    table = examined.input.report.evaluation.table
    if table is not None and table.xlsx:
        workbook = unit.source.parent / table.xlsx
        digest.update(workbook.read_bytes() if workbook.is_file() else b"")
    return digest.hexdigest()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("perfgen")
    except PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class Made:
    """What the manifest says of a unit: the hash it was last made from and its outputs."""

    key: str
    outputs: tuple[str, ...]


def _manifest(folder: Path) -> dict[str, Made]:
    """Unit name → how it was last made, for the units that were."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {
            name: Made(str(entry["key"]), tuple(str(o) for o in entry["outputs"]))
            for name, entry in data["units"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _save_manifest(folder: Path, outcomes: list[Outcome]) -> None:
    from perfgen.writers import write_atomic

    units = {o.name: {"key": o.key, "outputs": o.outputs} for o in outcomes if o.status != "failed"}
    text = json.dumps({"version": 1, "units": units}, ensure_ascii=False, indent=1)
    write_atomic(text.encode("utf-8"), folder / MANIFEST)
