"""A batch's work: every unit rendered (:func:`perfgen.batch.unit.render_unit`) by worker
processes, then PDFs converted by one LibreOffice process per worker, then the manifest and the
summary saved.

What a batch costs besides its units is kept small, and where it cannot be, it is done while
the workers render (``benchmarks/bench.py --goals``, the batch rows):

- a unit is skipped on its hashes alone (:func:`perfgen.batch.manifest.unchanged`), and a
  re-run with nothing changed imports none of the pipeline;
- the pipeline, the writers and the templates are loaded once, here, before the workers are
  forked (:func:`_prepare`), and the objects loaded are frozen out of the cyclic garbage
  collector (:func:`gc.freeze`): a worker's collections never walk them again;
- a worker hashes the bytes it writes, so the manifest reads no output back;
- the summary's workbook is built by a helper process forked as the command starts
  (:class:`~perfgen.batch.summarizing.Summarizer`), which imports openpyxl (without numpy)
  while the batch loads, hashes or renders its units, instead of after them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.batch.manifest import Made, previous_units, save_manifest, shared_key, unchanged
from perfgen.batch.pdfs import SCRATCH
from perfgen.batch.plan import Options, Unit
from perfgen.batch.stopping import Interrupted, quiet_worker
from perfgen.batch.summarizing import Summarizer, import_openpyxl
from perfgen.batch.unit import render_unit
from perfgen.errors import InputError, OutputError, TemplateError
from perfgen.files import write_atomic
from perfgen.locations import Problem
from perfgen.writers.summary import SUMMARY, Outcome, json_text

if TYPE_CHECKING:
    import multiprocessing.context

Work = tuple[Unit, Path, Options, str, Made | None]
"""The arguments of :func:`~perfgen.batch.unit.render_unit` for one unit."""


@dataclasses.dataclass
class _Made:
    """What the units rendered so far gave: outcome, other inputs and written hashes, each by
    unit name (outputs' hashes by output name)."""

    outcomes: dict[str, Outcome] = dataclasses.field(default_factory=dict)
    inputs: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    written: dict[str, str] = dataclasses.field(default_factory=dict)

    def add(self, outcome: Outcome, named: tuple[str, ...], written: dict[str, str]) -> None:
        self.outcomes[outcome.name], self.inputs[outcome.name] = outcome, named
        self.written.update(written)


def run(
    units: Sequence[Unit],
    folder: Path,
    options: Options,
    jobs: int,
    progress: Callable[[Outcome], None] = lambda outcome: None,
    converted: Callable[[str], None] = lambda name: None,
    summarizer: Summarizer | None = None,
) -> list[Outcome]:
    """Render every unit into ``folder`` with ``jobs`` worker processes.

    Args:
        units: From :func:`plan`.
        folder: The output folder (created if missing).
        options: The formats and the options of ``render``.
        jobs: Worker processes (1: in this process).
        progress: Called with each unit's outcome as it is known.
        converted: Called with each unit's name as its PDF is made.
        summarizer: The summary's helper, when the caller started it sooner (``perfgen
            batch`` does, as the command starts); ended here, as one started here is.

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
    with summarizer or Summarizer() as helper:  # its helper imports openpyxl meanwhile
        return _run(units, folder, options, jobs, progress, converted, helper)


def _run(
    units: Sequence[Unit],
    folder: Path,
    options: Options,
    jobs: int,
    progress: Callable[[Outcome], None],
    converted: Callable[[str], None],
    summarizer: Summarizer,
) -> list[Outcome]:
    """:func:`run`, once its options are checked and its folder is there."""
    previous = previous_units(folder)
    shared = shared_key(options)
    made = _Made()
    work: list[Work] = []
    for unit in units:  # an unchanged unit is skipped before it is read
        before = previous.get(unit.name)
        if before is not None and not options.force and unchanged(unit, before, folder, shared):
            made.add(_skipped(unit, before), before.inputs, {})
            progress(made.outcomes[unit.name])
        else:
            work.append((unit, folder, options, shared, before))
    try:
        _render_all(work, jobs, made, progress, summarizer.helped)
    except (KeyboardInterrupt, SystemExit) as stop:
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)
        finished = list(made.outcomes.values())
        if "pdf" in options.formats:  # not converted yet: made again next time, as this run's
            finished = [dataclasses.replace(o, key="") for o in finished]
        save_manifest(folder, finished, made.inputs, previous, made.written)
        done = sum(o.status != "failed" for o in finished)
        code = stop.code if isinstance(stop, SystemExit) and isinstance(stop.code, int) else 130
        raise Interrupted(done, len(units), code) from None
    except BaseException:
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)
        raise

    try:
        ordered = [made.outcomes[unit.name] for unit in units]
        if "pdf" in options.formats:
            from perfgen.batch.pdfs import convert

            ordered = convert(ordered, folder, options, max(jobs, 1), converted)
    finally:
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)
    summarizer.order(ordered, dt.date.today())  # built meanwhile by the helper
    save_manifest(folder, ordered, made.inputs, previous, made.written)
    text = json_text(ordered).encode("utf-8")
    write_atomic(summarizer.workbook(), folder / f"{SUMMARY}.xlsx")
    write_atomic(text, folder / f"{SUMMARY}.json")
    return ordered


def _skipped(unit: Unit, made: Made) -> Outcome:
    """The outcome of an unchanged unit, from what the manifest says of it."""
    figures, findings = made.figures, made.findings
    source = str(unit.source)
    return Outcome(unit.name, source, "skipped", made.outputs, figures, findings, key=made.key)


def _render_all(
    work: list[Work],
    jobs: int,
    made: _Made,
    progress: Callable[[Outcome], None],
    helped: bool = True,
) -> None:
    """Render every unit, in this process or in ``jobs`` workers, as outcomes arrive."""
    if not work:
        return
    if jobs <= 1:
        for item in work:
            made.add(*render_unit(*item))
            progress(made.outcomes[item[0].name])
        return
    import concurrent.futures

    _prepare(work[0][2])
    gc.freeze()  # what is loaded now, every worker has too: its collections need not walk it
    try:
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=min(jobs, len(work)), mp_context=_forking(), initializer=quiet_worker
        )
        futures = [pool.submit(render_unit, *item) for item in work]  # the workers forked
    finally:
        gc.unfreeze()
    try:
        if not helped:  # no helper process imports it: imported while the workers render
            import_openpyxl()
        for future in concurrent.futures.as_completed(futures):
            outcome, named, written = future.result()
            made.add(outcome, named, written)
            progress(outcome)
    except BaseException:
        # Ctrl-C or SIGTERM: start nothing more; the units running finish (workers ignore the
        # signal), and what they made is recorded.
        pool.shutdown(wait=True, cancel_futures=True)
        for future in futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                outcome, named, written = future.result()
                if outcome.name not in made.outcomes:
                    made.add(outcome, named, written)
        raise
    pool.shutdown(wait=True)


def _forking() -> multiprocessing.context.BaseContext | None:
    """Workers forked where the system forks safely (Linux), so that each starts with what
    :func:`_prepare` loaded (Python 3.14 no longer forks by default); elsewhere the default."""
    if sys.platform != "linux":
        return None
    import multiprocessing

    return multiprocessing.get_context("fork")


def _prepare(options: Options) -> None:
    """Import the pipeline and the writers of ``options.formats`` here, before the workers are
    started: where workers are forked (Linux), each starts with them loaded instead of
    importing them again. Only when there is a unit to render: a re-run with nothing changed
    imports none of it."""
    import importlib

    import perfgen.pipeline

    for fmt in options.formats:
        module = "docx" if fmt == "pdf" else fmt
        if module == "xlsx":
            import_openpyxl()
        if module != "md":
            importlib.import_module(f"perfgen.writers.{module}")
    perfgen.pipeline.Renderer  # noqa: B018 — the render path and its imports
    from perfgen.templating.composition import ENTRY, environment

    environment(options.templates).get_template(ENTRY)  # the templates compiled
