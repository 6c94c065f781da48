"""Orchestration: each command as the pipeline of DESIGN.md, from a path to a written file.

``load`` (file → :class:`~perfgen.input.validation.Input`, with the 自评表 workbook joined) →
``derive`` → ``check`` → ``compose`` → ``write``. This module decides the output format and path,
stops on findings (errors; warnings too under ``--strict``, through
:func:`perfgen.rules.blocking`), and never lets a run overwrite one of its own inputs. It prints
nothing: the CLI does.

The module is over 300 lines because it is the one place each command's stages are joined
(render and its draft, table, reference-doc, schema, and the pieces serve and the pytest
plugin reuse); each function is a few calls into the stage modules, documented for the API.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from perfgen.errors import CheckError, InputError, OutputError, Problem
from perfgen.figures import Figures, derive
from perfgen.input.loader import load_file
from perfgen.input.model import Report
from perfgen.input.validation import Input, validate
from perfgen.markdown import visible
from perfgen.placeholders import is_placeholder
from perfgen.rules import Finding, blocking, check, of_level
from perfgen.writers import (
    BINARY_FORMATS,
    FORMATS,
    DocumentInfo,
    refuse_inputs,
    render_bytes,
    write_atomic,
)


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
    source = load(path, scores=scores, settings=settings)
    figures = derive(source)
    return Examined(source, figures, tuple(check(source, figures, today)))


def document_info(report: Report, reference_doc: Path | None = None) -> DocumentInfo:
    """Title, properties and layout settings of ``report``'s output files.

    The date stamped into the properties is the signature date, else 1 January of the year
    after the evaluated one, so the same input always gives the same bytes. Title and author
    show their XML-illegal characters as symbols (:func:`perfgen.markdown.visible`), as the
    page does.
    """
    return DocumentInfo(
        title=visible(report.printed_title),
        author=visible(report.unit.name),
        date=(report.signature.date if report.signature else None)
        or dt.date(report.year + 1, 1, 1),
        fonts=report.settings.fonts.model_dump(),
        level3_bold=report.settings.level3_bold,
        reference_doc=reference_doc,
    )


def output_format(output: Path | None, fmt: str | None) -> str:
    """The format to write: ``fmt`` if given, else the output's suffix, else ``docx``.

    ``-`` (standard output) defaults to ``md``. Formats: docx, md, html, pdf.

    Raises:
        OutputError: the suffix names no known format and no ``fmt`` was given.
    """
    if fmt is not None:
        return fmt
    if output is None:
        return "docx"
    if str(output) == "-":
        return "md"
    suffix = output.suffix.lstrip(".").lower()
    if suffix not in FORMATS:
        raise OutputError(
            f"无法从文件名 {output} 判断输出格式，请用 --format 指定（{'、'.join(FORMATS)}）"
        )
    return suffix


@dataclass(frozen=True)
class Rendered:
    """The result of :func:`render`.

    Attributes:
        data: The output's bytes.
        target: The file written, or ``None`` when the output goes to standard output.
        warnings: The findings to print beside the file: the check warnings, or for a draft
            every finding (the CLI prints them).
    """

    data: bytes
    target: Path | None
    warnings: tuple[Finding, ...]


def render(
    source: str | Path,
    output: str | Path | None = None,
    fmt: str | None = None,
    templates: Path | None = None,
    *,
    reference_doc: Path | None = None,
    scores: Path | None = None,
    settings: Path | None = None,
    strict: bool = False,
    draft: bool = False,
    today: dt.date | None = None,
) -> Rendered:
    """Run the whole pipeline: load, derive, check, compose, write.

    A draft (``render --draft``) is written even when the check finds errors: each finding is
    shown in the document beside what it blames (:mod:`perfgen.rules.notes`), and the document is
    marked 草稿. The input must still load and validate.

    Args:
        source: The input YAML file.
        output: Target file; ``-`` for standard output (the bytes are returned, nothing is
            written); by default the input's path with the format's suffix.
        fmt: ``docx``, ``md``, ``html`` or ``pdf``; by default from ``output``'s suffix, else
            docx (``md`` for standard output).
        templates: Directory of templates that override the bundled ones.
        reference_doc: A unit's .docx whose styles and page setup the Word output uses.
        scores: A workbook holding the self-evaluation table (see :func:`load`).
        settings: A shared settings file (see :func:`load`).
        strict: Treat check warnings as errors (not for a draft).
        draft: Write a draft: findings do not stop the run, they go into the document.
        today: The date the report year is judged against (default: today).

    Raises:
        InputError: bad input (nothing is written then).
        CheckError: check errors, or warnings when ``strict`` (not for a draft; nothing is
            written then).
        PerfgenError: a template or output problem (nothing is written then).
    """
    source = Path(source)
    to_stdout = output is not None and str(output) == "-"
    target = None if output is None or to_stdout else Path(output)
    fmt = output_format(Path("-") if to_stdout else target, fmt)
    if to_stdout and fmt in BINARY_FORMATS:
        raise OutputError(f"{fmt} 是二进制文件，不能输出到标准输出；请用 -o 文件名.{fmt}")
    if not to_stdout:
        target = target or source.with_suffix(f".{fmt}")
        refuse_inputs(target, source, scores, settings, reference_doc, templates)
    examined = examine(source, scores=scores, settings=settings, today=today)
    if target is not None:
        refuse_inputs(target, *named_inputs(examined.input, source))
    if not draft:
        examined.require_clean(strict)
    data = render_examined(examined, fmt, templates, reference_doc, draft=draft)
    if target is not None:
        write_atomic(data, target)
    return Rendered(data, target, examined.findings if draft else examined.warnings)


def render_examined(
    examined: Examined,
    fmt: str,
    templates: Path | None = None,
    reference_doc: Path | None = None,
    *,
    draft: bool = False,
) -> bytes:
    """Compose and write an examined input in ``fmt``, in memory.

    Args:
        examined: The input after load, derive and check (:func:`examine`).
        fmt: One of :data:`perfgen.writers.FORMATS`.
        templates: Directory of templates that override the bundled ones.
        reference_doc: A unit's .docx whose styles and page setup the Word output uses.
        draft: Show every finding beside what it blames, and mark the document 草稿.

    Raises:
        PerfgenError: a template or output problem.
    """
    markdown, info = composed(examined, templates, reference_doc, draft=draft)
    return render_bytes(markdown, fmt, info)


def composed(
    examined: Examined,
    templates: Path | None = None,
    reference_doc: Path | None = None,
    *,
    draft: bool = False,
) -> tuple[str, DocumentInfo]:
    """The report's Markdown and what the writers need besides, a draft's notes included.

    Raises:
        TemplateError: a template fails.
    """
    from perfgen.templating.composition import compose

    markdown = compose(examined.input, examined.figures, templates)
    info = document_info(examined.input.report, reference_doc)
    if draft:
        from perfgen.rules.notes import notes

        info = dataclasses.replace(info, notes=notes(examined.findings, examined.input))
    return markdown, info


def write(markdown: str, target: Path, fmt: str, info: DocumentInfo) -> None:
    """Render ``markdown`` in ``fmt`` and store it atomically at ``target``.

    Raises:
        OutputError: unknown format or the file cannot be written.
    """
    write_atomic(render_bytes(markdown, fmt, info), target)


def write_table(
    source: str | Path,
    output: Path,
    *,
    scores: Path | None = None,
    settings: Path | None = None,
    strict: bool = False,
    today: dt.date | None = None,
) -> tuple[Finding, ...]:
    """Write the computed self-evaluation table of ``source`` as an .xlsx file (``scores`` and
    ``settings`` as for :func:`load`).

    Returns:
        The check warnings.

    Raises:
        InputError: bad input, or a report without a table.
        CheckError: check errors (or warnings, when ``strict``).
        OutputError: the file cannot be written, or it is one of the inputs.
    """
    from perfgen.writers import xlsx

    source = Path(source)
    refuse_inputs(output, source, scores, settings)
    examined = examine(source, scores=scores, settings=settings, today=today)
    refuse_inputs(output, *named_inputs(examined.input, source))
    report = examined.input.report
    if report.evaluation.table is None:
        raise InputError(
            [Problem(str(source), 0, 0, "evaluation.table", "报告中没有自评表（table）")]
        )
    examined.require_clean(strict)
    info = document_info(report)
    write_atomic(xlsx.render(report, examined.figures, info.date), output)
    return examined.warnings


def write_reference_doc(target: Path) -> None:
    """Write a .docx that shows every style perfgen uses, for ``--reference-doc``.

    Raises:
        OutputError: the file cannot be written.
    """
    from perfgen.writers.docx.document import reference_document

    write_atomic(reference_document(), target)


def write_schema(target: Path) -> None:
    """Write the input's JSON Schema to ``target`` (replacing a file that is there).

    Raises:
        OutputError: the file cannot be written.
    """
    from perfgen.input.schema import schema_text

    write_atomic(schema_text().encode("utf-8"), target)
