"""The first stages of every command: load a YAML input (with its shared settings and its
自评表 workbook), validate, derive and check it (``perfgen check``; the start of ``render``,
``batch``, ``serve``), and the check that follows ``perfgen import``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.errors import CheckError, InputError, PerfgenError
from perfgen.figures import Figures, derive
from perfgen.input.loader import load_file
from perfgen.input.validation import Input, validate
from perfgen.pipeline.collection import collector_paused
from perfgen.placeholders import is_placeholder
from perfgen.rules import Finding, blocking, check, of_level

if TYPE_CHECKING:
    from perfgen.reading.assemble import Imported


def load(path: str | Path, *, scores: Path | None = None, settings: Path | None = None) -> Input:
    """Load and validate an input YAML file, with its shared settings and its 自评表 workbook
    if it names them.

    Args:
        path: The input YAML file.
        scores: A workbook holding the self-evaluation table; by default the one named in
            ``evaluation.table.xlsx`` (relative to the YAML file), if any.
        settings: A shared settings file (:mod:`perfgen.input.shared_settings`); by default the one
            named in ``settings_file``, if any. The file's own ``settings`` override it key by key.

    Raises:
        InputError: the file, the shared settings or the workbook cannot be read, parsed or
            validated (every problem, located in its own file).
    """
    from perfgen.input.shared_settings import with_shared

    source = validate(with_shared(load_file(path), settings))
    workbook = scores if scores is not None else _named_workbook(source, Path(path))
    if workbook is None:
        return source
    from perfgen.input.evaluation_table import attach_table

    return attach_table(source, workbook)


def _named_workbook(source: Input, path: Path) -> Path | None:
    table = source.report.evaluation.table
    if table is None or not table.xlsx or is_placeholder(table.xlsx):
        return None
    return path.parent / table.xlsx


def named_inputs(source: Input, path: Path) -> tuple[Path | None, Path | None]:
    """The inputs a YAML file names: its 自评表 workbook and its shared settings file."""
    shared = source.source.shared_settings
    return _named_workbook(source, path), Path(shared) if shared else None


@dataclass(frozen=True)
class Examined:
    """An input after load, derive and check.

    Attributes:
        input: The validated input.
        figures: Its derived figures.
        findings: Every finding, located in the file, in file order.
    """

    input: Input
    figures: Figures
    findings: tuple[Finding, ...]

    @property
    def notes(self) -> tuple[str, ...]:
        """What the user should know about the file that no rule finds (its encoding)."""
        if self.input.source.encoding == "utf-8":
            return ()
        return (
            f"提示：{self.input.source.file} 不是 UTF-8 编码，已按 GBK（GB18030）读入；"
            "建议在编辑器中另存为 UTF-8（记事本：另存为 → 编码选 UTF-8）",
        )

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of level error."""
        return of_level(self.findings, "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of level warning."""
        return of_level(self.findings, "warning")

    def require_clean(self, strict: bool = False) -> None:
        """Stop when a finding blocks the run (:func:`perfgen.rules.blocking`).

        Raises:
            CheckError: with the findings that stop it, and every other finding to show.
        """
        if stopping := blocking(self.findings, strict):
            raise CheckError(stopping, self.findings)


def examine(
    path: str | Path,
    *,
    scores: Path | None = None,
    settings: Path | None = None,
    today: dt.date | None = None,
) -> Examined:
    """Load, derive and check a file (``perfgen check``).

    Args:
        path: The input YAML file.
        scores: See :func:`load`.
        settings: See :func:`load`.
        today: The date the report year is judged against (default: today).

    Raises:
        InputError: the file, the shared settings or the workbook cannot be read, parsed or
            validated.
    """
    with collector_paused():
        source = load(path, scores=scores, settings=settings)
        figures = derive(source)
        return Examined(source, figures, tuple(check(source, figures, today)))


def check_files(
    paths: Iterable[Path], *, scores: Path | None = None, settings: Path | None = None
) -> Iterator[Checked]:
    """``perfgen check`` over several files: each examined in turn, one file's bad input never
    stopping the others (see :func:`examine` for ``scores`` and ``settings``)."""
    for path in paths:
        try:
            yield Checked(path, examine(path, scores=scores, settings=settings))
        except InputError as exc:
            yield Checked(path, None, exc)


@dataclass(frozen=True)
class Checked:
    """One file of ``perfgen check``: what was found, or why it could not be read.

    Attributes:
        path: The input file.
        examined: The file after load, derive and check; ``None`` when it could not be read.
        problem: Why it could not be read or validated, else ``None``.
    """

    path: Path
    examined: Examined | None
    problem: InputError | None = None

    def failed(self, strict: bool = False) -> bool:
        """Whether the file stops the run: unreadable, or a finding that blocks it."""
        return self.examined is None or bool(blocking(self.examined.findings, strict))


@dataclass(frozen=True)
class ImportChecked:
    """What ``perfgen import`` did: the report read and written, and what ``check`` then finds
    in the YAML written.

    Attributes:
        imported: The report as read (:func:`perfgen.reading.read_report`).
        examined: The YAML written, after load, derive and check; ``None`` when it does not
            load (then ``failure`` says why).
        failure: Why the YAML written does not load, else ``None``.
    """

    imported: Imported
    examined: Examined | None
    failure: PerfgenError | None = None


def import_report(report: Path, target: Path, *, force: bool = False) -> ImportChecked:
    """Read a published report into a YAML input file (:func:`perfgen.reading.import_report`),
    then check what was written.

    Raises:
        InputError: the report cannot be read.
        OutputError: ``target`` exists (without ``force``), is the report itself, or cannot be
            written.
    """
    from perfgen.reading import import_report as read_and_write

    imported = read_and_write(report, target, force=force)
    try:
        return ImportChecked(imported, examine(target))
    except PerfgenError as exc:
        return ImportChecked(imported, None, exc)
