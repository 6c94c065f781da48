"""One unit of a batch, rendered through the pipeline's one render path
(:class:`perfgen.pipeline.Renderer`) in a worker process (or in the batch's own process with
``-j 1``): its outcome for the summary, the other files it was made from and the hashes of the
files it wrote, for the manifest (:mod:`perfgen.batch.manifest`)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.batch.manifest import Made, unit_key
from perfgen.batch.pdfs import scratch_folder
from perfgen.batch.plan import Options, Unit
from perfgen.errors import InputError, OutputError, PerfgenError
from perfgen.files import refuse_inputs, write_atomic
from perfgen.formats import TABLE_FORMAT
from perfgen.writers.summary import SUMMARY, Outcome

if TYPE_CHECKING:
    from perfgen.pipeline import Examined

Done = tuple[Outcome, tuple[str, ...], dict[str, str]]
"""A unit's outcome, the other files it was made from (workbook, shared settings), and the
SHA-256 of each file it wrote, by name relative to the output folder (a PDF's is not known
until it is converted)."""


def render_unit(
    unit: Unit, folder: Path, options: Options, shared: str, previous: Made | None
) -> Done:
    """Render one unit in every format but PDF (converted later, per worker); never raises.

    Returns:
        The unit's outcome, the other files it was made from (its workbook and shared
        settings, as named) and the hashes of the files written (:data:`Done`; for the
        manifest).
    """
    from perfgen.pipeline import examine, named_inputs
    from perfgen.writers.summary import finding_row, problem_row, unit_figures

    source = str(unit.source)
    try:
        examined = examine(unit.source, settings=options.settings)
    except InputError as exc:
        rows = tuple(problem_row(problem) for problem in exc.problems)
        return Outcome(unit.name, source, "failed", findings=rows, failure=exc.for_user()), (), {}
    except PerfgenError as exc:
        return Outcome(unit.name, source, "failed", failure=exc.for_user()), (), {}
    except Exception:  # a bug in perfgen: this unit fails, the batch goes on
        return Outcome(unit.name, source, "failed", failure=_bug()), (), {}
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
        digests = _write(unit, examined, folder, options, previous)
    except PerfgenError as exc:
        return dataclasses.replace(base, status="failed", failure=exc.for_user()), named, {}
    except Exception:
        return dataclasses.replace(base, status="failed", failure=_bug()), named, {}
    missing = () if examined.input.report.evaluation.table is not None else NO_TABLE
    notes: tuple[str, ...] = missing if TABLE_FORMAT in options.formats else ()
    if "pdf" in options.formats:
        from perfgen.writers.pdf import font_notes

        fonts = examined.input.report.settings.fonts
        notes += font_notes([fonts.title, fonts.heading1, fonts.heading2, fonts.body])
    done = dataclasses.replace(base, outputs=tuple(digests), notes=notes, rss_kb=_rss_kb())
    return done, named, {name: digest for name, digest in digests.items() if digest}


NO_TABLE = ("未生成 xlsx：报告中没有自评表（evaluation.table）",)
"""Why a unit asked for its 自评表 (``-f xlsx``) has none: said in the summary, not silently."""


def _write(
    unit: Unit, examined: Examined, folder: Path, options: Options, previous: Made | None
) -> dict[str, str]:
    """Write the unit's formats (the .docx a PDF needs too, in a scratch folder).

    Returns:
        Each output's name (relative to ``folder``, in the order of ``options.formats``) → the
        SHA-256 of the bytes written ("" for a PDF, not converted yet).

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
    written: dict[str, str] = {}
    try:
        for fmt in formats:
            if fmt == "pdf":  # converted from its .docx after every unit (pdfs.convert)
                write_atomic(renderer.bytes("docx"), scratch_folder(folder) / f"{unit.name}.docx")
                written[f"{unit.name}.{fmt}"] = ""
            else:
                data = renderer.bytes(fmt)
                write_atomic(data, folder / f"{unit.name}.{fmt}")
                written[f"{unit.name}.{fmt}"] = hashlib.sha256(data).hexdigest()
    except (KeyboardInterrupt, SystemExit):  # abandoned: no part of the unit is left
        for name in written:
            (folder / name).unlink(missing_ok=True)
        raise
    return written


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
