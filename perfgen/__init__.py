"""perfgen: drafts a 部门整体支出绩效自评报告 from one YAML file.

The public API mirrors the pipeline (DESIGN.md): :func:`load` → :func:`derive` → :func:`check`
→ :func:`compose` → :func:`write`; :func:`examine` runs the first three on a file with positions,
and :func:`render` runs them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from perfgen.checks import Finding, check, locate
from perfgen.compose import compose, report_title
from perfgen.errors import InputError, OutputError, PerfgenError, Problem, TemplateError
from perfgen.figures import Figures, derive
from perfgen.loader import load_file
from perfgen.model import Report
from perfgen.validate import validate
from perfgen.writers import FORMATS, render_bytes, write_atomic

__all__ = [
    "FORMATS",
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
    "examine",
    "load",
    "output_format",
    "produce",
    "render",
    "report_title",
    "write",
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


def examine(path: str | Path, today: dt.date | None = None) -> Examined:
    """Load, validate, derive and check a file.

    Args:
        path: The input YAML file.
        today: The date the report year is judged against (default: today).

    Raises:
        InputError: the file cannot be read, parsed or validated.
    """
    source = load_file(path)
    report = validate(source)
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


def write(markdown: str, target: Path, fmt: str, title: str) -> None:
    """Render ``markdown`` in ``fmt`` and store it atomically at ``target``.

    Raises:
        OutputError: unknown format or the file cannot be written.
    """
    write_atomic(render_bytes(markdown, fmt, title), target)


def output_format(output: Path | None, fmt: str | None) -> str:
    """The format to write: ``fmt`` if given, else the output's suffix, else ``docx``.

    ``-`` (stdout) defaults to ``md``.

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
    examined = examine(source, today)
    fatal = examined.findings if strict else examined.errors
    if fatal:
        raise InputError(list(fatal))
    markdown = compose(examined.report, examined.figures, templates)
    return render_bytes(markdown, fmt, report_title(examined.report)), examined.warnings


def render(
    source: str | Path,
    output: str | Path | None = None,
    fmt: str | None = None,
    templates: Path | None = None,
    *,
    strict: bool = False,
    today: dt.date | None = None,
) -> tuple[Path, tuple[Problem, ...]]:
    """Run the whole pipeline: load, derive, check, compose, write.

    Args:
        source: The input YAML file.
        output: Target file; by default the input's path with the format's suffix.
        fmt: ``docx``, ``md`` or ``html``; by default from ``output``'s suffix, else docx.
        templates: Directory of templates that override the bundled ones.
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
    data, warnings = produce(source, fmt, templates, strict=strict, today=today)
    write_atomic(data, target)
    return target, warnings
