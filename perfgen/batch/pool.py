"""A batch's work: every unit rendered by worker processes through the pipeline's one render
path (:class:`perfgen.pipeline.Renderer`), then PDFs converted by one LibreOffice process per
worker, then the manifest and the summary saved."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import os
import shutil
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.batch.manifest import (
    Made,
    previous_units,
    save_manifest,
    shared_key,
    unchanged,
    unit_key,
)
from perfgen.batch.pdfs import SCRATCH, convert, scratch_folder
from perfgen.batch.plan import Options, Unit
from perfgen.batch.stopping import Interrupted, quiet_worker
from perfgen.errors import InputError, OutputError, PerfgenError, TemplateError
from perfgen.files import refuse_inputs, write_atomic
from perfgen.formats import TABLE_FORMAT
from perfgen.locations import Problem
from perfgen.writers.summary import SUMMARY, Outcome, save_summary

if TYPE_CHECKING:
    from perfgen.pipeline import Examined

Done = tuple[Outcome, tuple[str, ...]]
"""A unit's outcome and the other files it was made from (workbook, shared settings)."""


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
        Interrupted: Ctrl-C or SIGTERM: no unit was started after it, the running ones were
            finished (in workers) or abandoned (in this process, their temporary files
            removed), and the manifest records the units done.
    """
    if options.templates is not None and not options.templates.is_dir():
        raise TemplateError(str(options.templates), None, "模板目录不存在")
    if options.reference_doc is not None and not options.reference_doc.is_file():
        raise InputError([Problem(str(options.reference_doc), 0, 0, "", "文件不存在")])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出目录 {folder}：{exc.strerror}") from None
    previous = previous_units(folder)
    shared = shared_key(options)
    outcomes: dict[str, Outcome] = {}
    inputs: dict[str, tuple[str, ...]] = {}
    work = []
    for unit in units:  # an unchanged unit is skipped before it is read
        made = previous.get(unit.name)
        if made is not None and not options.force and unchanged(unit, made, folder, shared):
            outcomes[unit.name] = _skipped(unit, made)
            inputs[unit.name] = made.inputs
            progress(outcomes[unit.name])
        else:
            work.append((unit, folder, options, shared, made))
    try:
        _render_all(work, jobs, outcomes, inputs, progress)
    except (KeyboardInterrupt, SystemExit) as stop:
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)
        finished = list(outcomes.values())
        if "pdf" in options.formats:  # not converted yet: made again next time, as this run's
            finished = [dataclasses.replace(o, key="") for o in finished]
        save_manifest(folder, finished, inputs, previous)
        done = sum(o.status != "failed" for o in finished)
        code = stop.code if isinstance(stop, SystemExit) and isinstance(stop.code, int) else 130
        raise Interrupted(done, len(units), code) from None
    except BaseException:
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)
        raise

    try:
        ordered = [outcomes[unit.name] for unit in units]
        if "pdf" in options.formats:
            ordered = convert(ordered, folder, options, max(jobs, 1), converted)
    finally:
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)
    save_manifest(folder, ordered, inputs, previous)
    save_summary(folder, ordered)
    return ordered


def _skipped(unit: Unit, made: Made) -> Outcome:
    """The outcome of an unchanged unit, from what the manifest says of it."""
    figures, findings = made.figures, made.findings
    source = str(unit.source)
    return Outcome(unit.name, source, "skipped", made.outputs, figures, findings, key=made.key)


def _render_all(
    work: list[tuple[Unit, Path, Options, str, Made | None]],
    jobs: int,
    outcomes: dict[str, Outcome],
    inputs: dict[str, tuple[str, ...]],
    progress: Callable[[Outcome], None],
) -> None:
    """Render every unit, in this process or in ``jobs`` workers, as outcomes arrive."""
    if not work:
        return
    if jobs <= 1:
        for item in work:
            outcome, inputs[item[0].name] = render_unit(*item)
            outcomes[outcome.name] = outcome
            progress(outcome)
        return
    _prepare(work[0][2])
    workers = min(jobs, len(work))
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, initializer=quiet_worker)
    futures = [pool.submit(render_unit, *item) for item in work]
    try:
        for future in concurrent.futures.as_completed(futures):
            outcome, named = future.result()
            outcomes[outcome.name], inputs[outcome.name] = outcome, named
            progress(outcome)
    except BaseException:
        # Ctrl-C or SIGTERM: start nothing more; the units running finish (workers ignore the
        # signal), and what they made is recorded.
        pool.shutdown(wait=True, cancel_futures=True)
        for future in futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                outcome, named = future.result()
                if outcome.name not in outcomes:
                    outcomes[outcome.name], inputs[outcome.name] = outcome, named
        raise
    pool.shutdown(wait=True)


def _prepare(options: Options) -> None:
    """Import the pipeline and the writers of ``options.formats`` here, before the workers are
    started: where workers are forked (Linux), each starts with them loaded instead of
    importing them again. Only when there is a unit to render: a re-run with nothing changed
    imports none of it."""
    import importlib

    import perfgen.pipeline

    for fmt in options.formats:
        module = "docx" if fmt == "pdf" else fmt
        if module != "md":
            importlib.import_module(f"perfgen.writers.{module}")
    perfgen.pipeline.Renderer  # noqa: B018 — the render path and its imports
    from perfgen.templating.composition import ENTRY, environment

    environment(options.templates).get_template(ENTRY)  # the templates compiled


def render_unit(
    unit: Unit, folder: Path, options: Options, shared: str, previous: Made | None
) -> Done:
    """Render one unit in every format but PDF (converted later, per worker); never raises.

    Returns:
        The unit's outcome, and the other files it was made from (its workbook and shared
        settings, as named; for the manifest).
    """
    from perfgen.pipeline import examine, named_inputs
    from perfgen.writers.summary import finding_row, problem_row, unit_figures

    source = str(unit.source)
    try:
        examined = examine(unit.source, settings=options.settings)
    except InputError as exc:
        rows = tuple(problem_row(problem) for problem in exc.problems)
        return Outcome(unit.name, source, "failed", findings=rows, failure=exc.for_user()), ()
    except PerfgenError as exc:
        return Outcome(unit.name, source, "failed", failure=exc.for_user()), ()
    except Exception:  # a bug in perfgen: this unit fails, the batch goes on
        return Outcome(unit.name, source, "failed", failure=_bug()), ()
    named = tuple(str(path) for path in named_inputs(examined.input, unit.source) if path)
    key = unit_key(unit.source, named, shared)
    base = Outcome(
        unit.name,
        source,
        "done",
        figures=unit_figures(examined.input.report, examined.figures),
        findings=tuple(finding_row(f) for f in examined.findings),
        key=key,
        rss_kb=_rss_kb(),
    )
    try:
        written = _write(unit, examined, folder, options, previous)
    except PerfgenError as exc:
        return dataclasses.replace(base, status="failed", failure=exc.for_user()), named
    except Exception:
        return dataclasses.replace(base, status="failed", failure=_bug()), named
    missing = () if examined.input.report.evaluation.table is not None else NO_TABLE
    notes: tuple[str, ...] = missing if TABLE_FORMAT in options.formats else ()
    if "pdf" in options.formats:
        from perfgen.writers.pdf import font_notes

        fonts = examined.input.report.settings.fonts
        notes += font_notes([fonts.title, fonts.heading1, fonts.heading2, fonts.body])
    return dataclasses.replace(base, outputs=written, notes=notes, rss_kb=_rss_kb()), named


NO_TABLE = ("未生成 xlsx：报告中没有自评表（evaluation.table）",)
"""Why a unit asked for its 自评表 (``-f xlsx``) has none: said in the summary, not silently."""


def _write(
    unit: Unit, examined: Examined, folder: Path, options: Options, previous: Made | None
) -> tuple[str, ...]:
    """Write the unit's formats (the .docx a PDF needs too, in a scratch folder).

    An existing file is replaced only when the folder's manifest says this unit wrote it, or
    under ``--force`` when it is none of the run's inputs.

    Raises:
        PerfgenError: the unit's checks stop it, or a file cannot be written or replaced.
    """
    from perfgen.pipeline import Renderer, named_inputs

    examined.require_clean(options.strict)
    workbook, settings = named_inputs(examined.input, unit.source)
    inputs = (unit.source, workbook, settings, options.reference_doc, options.templates)
    ours = set(previous.outputs) if previous else set()
    has_table = examined.input.report.evaluation.table is not None
    formats = [f for f in options.formats if f != TABLE_FORMAT or has_table]
    for fmt in formats:  # every target is checked before any is written
        target = folder / f"{unit.name}.{fmt}"
        if target.name.casefold() in SUMMARY_FILES:
            raise OutputError(
                f"单位的输出文件 {target.name} 与批量汇总表同名，未写出；请把数据文件 "
                f"{unit.source.name} 改名（如 {unit.name}单位.yaml）"
            )
        refuse_inputs(target, *inputs)
        if os.path.lexists(target) and target.name not in ours and not options.force:
            raise OutputError(
                f"输出目录中已有文件 {target}，不是本批次先前为该单位生成的，未覆盖；"
                "请移走它、换一个输出目录，或加 --force"
            )
    renderer = Renderer(examined, options.templates, options.reference_doc)
    written: list[str] = []
    try:
        for fmt in formats:
            if fmt == "pdf":  # converted from its .docx after every unit (pdfs.convert)
                write_atomic(renderer.bytes("docx"), scratch_folder(folder) / f"{unit.name}.docx")
            else:
                write_atomic(renderer.bytes(fmt), folder / f"{unit.name}.{fmt}")
            written.append(f"{unit.name}.{fmt}")
    except (KeyboardInterrupt, SystemExit):  # abandoned: no part of the unit is left
        for name in written:
            (folder / name).unlink(missing_ok=True)
        raise
    return tuple(written)


SUMMARY_FILES = frozenset(f"{SUMMARY}.{suffix}".casefold() for suffix in ("xlsx", "json"))
"""The summary's files: no unit's output may take their names."""


def _bug() -> str:
    """A bug's message: perfgen's fault, with the traceback to report."""
    return "perfgen 内部错误，请把以下内容报告给开发者：\n" + traceback.format_exc()


def _rss_kb() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, AttributeError):
        return 0
