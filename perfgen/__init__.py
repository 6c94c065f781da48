"""perfgen: drafts a 部门整体支出绩效自评报告 from one YAML file.

The public API mirrors the pipeline (DESIGN.md): :func:`load` → :func:`derive` → :func:`check`
→ :func:`compose` → :func:`write`; :func:`examine` runs the first three on a file with positions,
and :func:`render` runs them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from perfgen.checks import check, locate
from perfgen.compose import compose, report_title
from perfgen.errors import InputError, OutputError, PerfgenError, Problem, TemplateError
from perfgen.figures import Figures, derive
from perfgen.finding import Finding
from perfgen.loader import load_file
from perfgen.model import Report
from perfgen.placeholders import is_placeholder
from perfgen.validate import validate
from perfgen.workbook import attach_table
from perfgen.writers import FORMATS, DocumentInfo, render_bytes, write_atomic

__all__ = [
    "FORMATS",
    "DocumentInfo",
    "Examined",
    "Figures",
    "Finding",
    "InputError",
    "OutputError",
    "PerfgenError",
    "Problem",
    "Report",
    "TemplateError",
    "check",
    "compose",
    "derive",
    "document_info",
    "examine",
    "load",
    "output_format",
    "produce",
    "render",
    "report_title",
    "write",
    "write_reference_doc",
    "write_table",
]


def load(path: str | Path) -> Report:
    """Load and validate an input YAML file.

    Raises:
        InputError: the file cannot be read, parsed or validated (every problem, located).
    """
    return validate(load_file(path))


@dataclass(frozen=True)
class Examined:
    """An input file after load, validate, derive and check.

    Attributes:
        report: The validated input.
        figures: Its derived figures.
        findings: Every consistency finding, located in the file (``错误[…]``/``警告[…]``).
        errors: The findings of level error.
        warnings: The findings of level warning.
    """

    report: Report
    figures: Figures
    findings: tuple[Problem, ...]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]

    def require_clean(self, strict: bool = False) -> None:
        """Stop on check errors (and on warnings too when ``strict``).

        Raises:
            InputError: with the located findings that stop the run.
        """
        fatal = self.findings if strict else self.errors
        if fatal:
            raise InputError(list(fatal))


def examine(path: str | Path, today: dt.date | None = None, scores: Path | None = None) -> Examined:
    """Load, validate, derive and check a file.

    Args:
        path: The input YAML file.
        today: The date the report year is judged against (default: today).
        scores: A workbook holding the self-evaluation table; by default the one named in
            ``evaluation.table.xlsx`` (relative to the YAML file), if any.

    Raises:
        InputError: the file or the workbook cannot be read, parsed or validated.
    """
    source = load_file(path)
    report = validate(source)
    table = report.evaluation.table
    if scores is None and table is not None and table.xlsx and not is_placeholder(table.xlsx):
        scores = Path(path).parent / table.xlsx
    if scores is not None:
        report = attach_table(report, scores)
    figures = derive(report)
    findings = check(report, figures, today, source.data)
    pairs = sorted(zip(locate(findings, source), findings, strict=True), key=lambda p: p[0].line)
    located = [problem for problem, _ in pairs]
    levels = [finding.level for _, finding in pairs]
    return Examined(
        report,
        figures,
        tuple(located),
        tuple(p for p, level in zip(located, levels, strict=True) if level == "error"),
        tuple(p for p, level in zip(located, levels, strict=True) if level == "warning"),
    )


def document_info(report: Report, reference_doc: Path | None = None) -> DocumentInfo:
    """Title, properties and layout settings of ``report``'s output files.

    The date stamped into the properties is the signature date, else 1 January of the year
    after the evaluated one, so the same input always gives the same bytes.
    """
    return DocumentInfo(
        title=report_title(report),
        author=report.unit.name,
        date=(report.signature.date if report.signature else None)
        or dt.date(report.year + 1, 1, 1),
        fonts=report.settings.fonts.model_dump(),
        level3_bold=report.settings.level3_bold,
        reference_doc=reference_doc,
    )


def write_table(
    source: str | Path,
    output: Path,
    *,
    scores: Path | None = None,
    strict: bool = False,
    today: dt.date | None = None,
) -> tuple[Path, tuple[Problem, ...]]:
    """Write the computed self-evaluation table of ``source`` as an .xlsx file.

    Returns:
        The path written and the check warnings.

    Raises:
        InputError: bad input, check errors, or a report without a table.
        OutputError: the file cannot be written.
    """
    from perfgen.writers import xlsx

    examined = examine(source, today, scores)
    if examined.report.evaluation.table is None:
        raise InputError(
            [Problem(str(source), 0, 0, "evaluation.table", "报告中没有自评表（table）")]
        )
    fatal = examined.findings if strict else examined.errors
    if fatal:
        raise InputError(list(fatal))
    info = document_info(examined.report)
    write_atomic(xlsx.render(examined.report, examined.figures, info.date), output)
    return output, examined.warnings


def write_reference_doc(target: Path) -> None:
    """Write a .docx that shows every style perfgen uses, for ``--reference-doc``.

    Raises:
        OutputError: the file cannot be written.
    """
    from perfgen.writers.docx import reference_document

    write_atomic(reference_document(), target)


def write(markdown: str, target: Path, fmt: str, info: DocumentInfo) -> None:
    """Render ``markdown`` in ``fmt`` and store it atomically at ``target``.

    Raises:
        OutputError: unknown format or the file cannot be written.
    """
    write_atomic(render_bytes(markdown, fmt, info), target)


def output_format(output: Path | None, fmt: str | None) -> str:
    """The format to write: ``fmt`` if given, else the output's suffix, else ``docx``.

    ``-`` (stdout) defaults to ``md``. Formats: docx, md, html, pdf.

    Raises:
        OutputError: the suffix names no known format and no ``fmt`` was given.
    """
    if fmt is not None:
        return fmt
    if output is None or str(output) == "-":
        return "docx" if output is None else "md"
    suffix = output.suffix.lstrip(".").lower()
    if suffix not in FORMATS:
        raise OutputError(
            f"无法从文件名 {output} 判断输出格式，请用 --format 指定（{'、'.join(FORMATS)}）"
        )
    return suffix


def produce(
    source: str | Path,
    fmt: str,
    templates: Path | None = None,
    *,
    reference_doc: Path | None = None,
    scores: Path | None = None,
    strict: bool = False,
    today: dt.date | None = None,
) -> tuple[bytes, tuple[Problem, ...]]:
    """Load, check and compose a file, and render it in ``fmt`` without writing anything.

    Returns:
        The output's bytes and the check warnings.

    Raises:
        InputError: bad input, or check errors (or warnings, when ``strict``).
        PerfgenError: a template problem or an unknown format.
    """
    examined = examine(source, today, scores)
    examined.require_clean(strict)
    markdown = compose(examined.report, examined.figures, templates)
    info = document_info(examined.report, reference_doc)
    return render_bytes(markdown, fmt, info), examined.warnings


def render(
    source: str | Path,
    output: str | Path | None = None,
    fmt: str | None = None,
    templates: Path | None = None,
    *,
    reference_doc: Path | None = None,
    scores: Path | None = None,
    strict: bool = False,
    today: dt.date | None = None,
) -> tuple[Path, tuple[Problem, ...]]:
    """Run the whole pipeline: load, derive, check, compose, write.

    Args:
        source: The input YAML file.
        output: Target file; by default the input's path with the format's suffix.
        fmt: ``docx``, ``md``, ``html`` or ``pdf``; by default from ``output``'s suffix, else
            docx.
        templates: Directory of templates that override the bundled ones.
        reference_doc: A unit's .docx whose styles and page setup the Word output uses.
        scores: A workbook holding the self-evaluation table (see :func:`examine`).
        strict: Treat check warnings as errors.
        today: The date the report year is judged against (default: today).

    Returns:
        The path written and the check warnings (printed by the CLI, not fatal).

    Raises:
        InputError: bad input, or check errors (nothing is written then).
        PerfgenError: a template or output problem (nothing is written then).
    """
    source = Path(source)
    target = Path(output) if output is not None else None
    fmt = output_format(target, fmt)
    target = target or source.with_suffix(f".{fmt}")
    if target.resolve() == source.resolve():
        raise OutputError(f"输出文件 {target} 与输入文件相同，已拒绝覆盖输入")
    data, warnings = produce(
        source,
        fmt,
        templates,
        reference_doc=reference_doc,
        scores=scores,
        strict=strict,
        today=today,
    )
    write_atomic(data, target)
    return target, warnings
