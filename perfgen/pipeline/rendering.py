"""The last stages of every command that writes a report: compose and write, in every format,
through one :class:`Renderer` — ``render``, ``table``, ``batch``, ``serve``, ``templates lint``
and the pytest plugin all call it. Decides the output format and path, stops on findings
(errors; warnings too under ``--strict``, through :func:`perfgen.rules.blocking`), and never lets
a run overwrite one of its own inputs. It prints nothing: the CLI does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from perfgen.errors import CheckError, InputError, OutputError
from perfgen.files import refuse_inputs, write_atomic
from perfgen.formats import BINARY_FORMATS, REPORT_FORMATS, TABLE_FORMAT
from perfgen.input.model import Report
from perfgen.locations import Problem, visible
from perfgen.pipeline.collection import collector_paused
from perfgen.pipeline.examining import Examined, examine, named_inputs
from perfgen.rules import Finding
from perfgen.writers import DocumentInfo, render_bytes


def document_info(report: Report, reference_doc: Path | None = None) -> DocumentInfo:
    """Title, properties and layout settings of ``report``'s output files.

    The date stamped into the properties is the signature date, else 1 January of the year
    after the evaluated one, so the same input always gives the same bytes. Title and author
    show their XML-illegal characters as symbols (:func:`perfgen.locations.visible`), as the
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
    """The report format to write: ``fmt`` if given, else the output's suffix, else ``docx``.

    ``-`` (standard output) defaults to ``md``. Formats:
    :data:`~perfgen.formats.REPORT_FORMATS`.

    Raises:
        OutputError: the suffix names no report format and no ``fmt`` was given.
    """
    if fmt is not None:
        return fmt
    if output is None:
        return "docx"
    if str(output) == "-":
        return "md"
    suffix = output.suffix.lstrip(".").lower()
    if suffix == TABLE_FORMAT:
        raise OutputError(
            f"{output} 是 Excel 文件：自评表请用 perfgen table 生成（如 perfgen table "
            f"单位.yaml -o {output.name}）；报告可写成 {'、'.join(REPORT_FORMATS)}"
        )
    if suffix not in REPORT_FORMATS:
        raise OutputError(
            f"无法从文件名 {output} 判断输出格式，请用 --format 指定（{'、'.join(REPORT_FORMATS)}）"
        )
    return suffix


class Renderer:
    """One examined input written in one format or several: the one render path of every
    command (``render``, ``table``, ``batch``, ``serve``, ``templates lint``, the pytest
    plugin). The report is composed once, on the first format that needs its Markdown.

    Args:
        examined: The input after load, derive and check (:func:`examine`); its findings become
            a draft's notes.
        templates: Directory of templates that override the bundled ones.
        reference_doc: A unit's .docx whose styles and page setup the Word output uses.
        draft: Show every finding beside what it blames, and mark the document 草稿.
        head: Extra elements of an HTML page's ``<head>`` (the preview's script).
    """

    def __init__(
        self,
        examined: Examined,
        templates: Path | None = None,
        reference_doc: Path | None = None,
        *,
        draft: bool = False,
        head: str = "",
    ) -> None:
        self.examined = examined
        self.templates = templates
        self.info = dataclasses.replace(
            document_info(examined.input.report, reference_doc), head=head
        )
        self.draft = draft
        self._markdown: str | None = None

    def compose(self) -> str:
        """The composed report, composed on the first call (a draft's notes are added by each
        writer).

        Raises:
            TemplateError: a template fails.
        """
        if self._markdown is None:
            from perfgen.templating.composition import compose

            examined = self.examined
            self._markdown = compose(
                examined.input, examined.figures, self.templates, draft=self.draft
            )
            if self.draft:
                from perfgen.rules.notes import notes

                self.info = dataclasses.replace(
                    self.info, notes=notes(examined.findings, examined.input)
                )
        return self._markdown

    def bytes(self, fmt: str) -> bytes:
        """The output in ``fmt``: one of :data:`~perfgen.formats.FORMATS`.

        Raises:
            InputError: ``fmt`` is the 自评表 and the report has none.
            PerfgenError: a template or output problem.
        """
        with collector_paused():
            if fmt == TABLE_FORMAT:
                from perfgen.writers import xlsx

                report = self.examined.input.report
                require_table(self.examined)
                return xlsx.render(report, self.examined.figures, self.info.date)
            markdown = self.compose()
            return render_bytes(markdown, fmt, self.info)


def require_table(examined: Examined) -> None:
    """Stop when the report has no 自评表 to write (raises :class:`InputError`)."""
    if examined.input.report.evaluation.table is None:
        file = examined.input.source.file
        raise InputError([Problem(file, 0, 0, "evaluation.table", "报告中没有自评表（table）")])


@dataclass(frozen=True)
class Rendered:
    """The result of :func:`render`.

    Attributes:
        data: The output's bytes.
        target: The file written, or ``None`` when the output goes to standard output.
        warnings: The findings to print beside the file: the check warnings, or for a draft
            every finding (the CLI prints them).
        notes: What else the user should know (:attr:`Examined.notes`).
    """

    data: bytes
    target: Path | None
    warnings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()


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
    shown in the document beside what it blames (:mod:`perfgen.rules.notes`), and the document
    is marked 草稿. The input must still load and validate.

    Args:
        source: The input YAML file.
        output: Target file; ``-`` for standard output (the bytes are returned, nothing is
            written); by default the input's path with the format's suffix.
        fmt: ``docx``, ``md``, ``html`` or ``pdf`` (``xlsx``: the 自评表, as :func:`write_table`);
            by default from ``output``'s suffix, else docx (``md`` for standard output).
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
    if fmt == TABLE_FORMAT:
        require_table(examined)
    if not draft:
        try:
            examined.require_clean(strict)
        except CheckError as exc:
            raise CheckError(exc.findings, exc.shown, target) from None
    data = Renderer(examined, templates, reference_doc, draft=draft).bytes(fmt)
    if target is not None:
        write_atomic(data, target)
    warnings = examined.findings if draft else examined.warnings
    notes = examined.notes
    if fmt == "pdf":
        from perfgen.writers.pdf import font_notes

        fonts = examined.input.report.settings.fonts
        notes += font_notes([fonts.title, fonts.heading1, fonts.heading2, fonts.body])
    return Rendered(data, target, warnings, notes)


def render_examined(
    examined: Examined,
    fmt: str,
    templates: Path | None = None,
    reference_doc: Path | None = None,
    *,
    draft: bool = False,
) -> bytes:
    """Compose and write an examined input in ``fmt``, in memory (:class:`Renderer`).

    Raises:
        PerfgenError: a template or output problem.
    """
    return Renderer(examined, templates, reference_doc, draft=draft).bytes(fmt)


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
    """Write the computed self-evaluation table of ``source`` as an .xlsx file (``perfgen
    table``: :func:`render` in the 自评表's format; ``scores`` and ``settings`` as for
    :func:`load`).

    Returns:
        The check warnings.

    Raises:
        InputError: bad input, or a report without a table.
        CheckError: check errors (or warnings, when ``strict``).
        OutputError: the file cannot be written, or it is one of the inputs.
    """
    rendered = render(
        source, output, TABLE_FORMAT, scores=scores, settings=settings, strict=strict, today=today
    )
    return rendered.warnings
