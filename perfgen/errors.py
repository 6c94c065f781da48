"""The one error tree of perfgen.

The CLI catches :class:`PerfgenError`, prints ``str(error)`` (Chinese) to stderr and exits 1.
Any other exception is a bug in perfgen and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class PerfgenError(Exception):
    """Base of every error caused by the user's input, templates or output location."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located for the clerk.

    Attributes:
        file: Path of the input file as the user named it.
        line: 1-based line number, or 0 when unknown.
        column: 1-based column number, or 0 when unknown.
        path: Dotted field path such as ``finances.income.total`` ("" for the whole file).
        message: Chinese explanation saying what was expected and what was found.
        label: Optional kind shown before the path, e.g. ``错误[sum-mismatch]``.
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    label: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        head = " ".join(part for part in (self.label, self.path) if part)
        return f"{where}: {head}: {self.message}" if head else f"{where}: {self.message}"


class InputError(PerfgenError):
    """Raised when an input file cannot be read, parsed or validated.

    Carries every problem found in the file, so the clerk sees them all at once.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TemplateError(PerfgenError):
    """Raised when a template is missing, malformed, or refers to a value that does not exist."""

    def __init__(self, template: str, line: int | None, message: str) -> None:
        self.template = template
        self.line = line
        where = f"{template}:{line}" if line else template
        super().__init__(f"模板 {where}: {message}")


class OutputError(PerfgenError):
    """Raised when the report cannot be written where the user asked."""
