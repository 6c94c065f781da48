"""perfgen: drafts a 部门整体支出绩效自评报告 from one YAML file.

The public API mirrors the pipeline (DESIGN.md): :func:`load` → :func:`derive` →
:func:`compose` → :func:`write`, and :func:`render` for all of them.
"""

from __future__ import annotations

from pathlib import Path

from perfgen.compose import compose, report_title
from perfgen.errors import InputError, OutputError, PerfgenError, TemplateError
from perfgen.figures import Figures, derive
from perfgen.loader import load_file
from perfgen.model import Report
from perfgen.validate import validate
from perfgen.writers import FORMATS, render_bytes, write_atomic

__all__ = [
    "FORMATS",
    "Figures",
    "InputError",
    "OutputError",
    "PerfgenError",
    "Report",
    "TemplateError",
    "compose",
    "derive",
    "load",
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


def write(markdown: str, target: Path, fmt: str, title: str) -> None:
    """Render ``markdown`` in ``fmt`` and store it atomically at ``target``.

    Raises:
        OutputError: unknown format or the file cannot be written.
    """
    write_atomic(render_bytes(markdown, fmt, title), target)


def output_format(output: Path | None, fmt: str | None) -> str:
    """The format to write: ``fmt`` if given, else the output's suffix, else ``docx``.

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


def render(
    source: str | Path,
    output: str | Path | None = None,
    fmt: str | None = None,
    templates: Path | None = None,
) -> Path:
    """Run the whole pipeline: load, derive, compose, write.

    Args:
        source: The input YAML file.
        output: Target file; by default the input's path with the format's suffix.
        fmt: ``docx``, ``md`` or ``html``; by default from ``output``'s suffix, else docx.
        templates: Directory of templates that override the bundled ones.

    Returns:
        The path written.

    Raises:
        PerfgenError: bad input, template or output (nothing is written then).
    """
    source = Path(source)
    target = Path(output) if output is not None else None
    fmt = output_format(target, fmt)
    target = target or source.with_suffix(f".{fmt}")
    if target.resolve() == source.resolve():
        raise OutputError(f"输出文件 {target} 与输入文件相同，已拒绝覆盖输入")
    report = load(source)
    markdown = compose(report, derive(report), templates)
    write(markdown, target, fmt, report_title(report))
    return target
