"""The one error tree of perfgen.

The CLI catches :class:`PerfgenError`, prints :meth:`PerfgenError.for_user` (Chinese) to stderr
and exits 1. Any other exception is a bug in perfgen and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.locations import Problem

if TYPE_CHECKING:
    from perfgen.rules.registry import Finding


class PerfgenError(Exception):
    """Base of every error caused by the user's input, templates or output location."""

    def for_user(self) -> str:
        """The message as the CLI prints it."""
        return f"错误：{self}"


class InputError(PerfgenError):
    """Raised when an input file cannot be read, parsed or validated.

    Carries every problem found in the file, so the clerk sees them all at once.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def for_user(self) -> str:
        """Every problem, one located line each."""
        return str(self)


LEVEL_NAMES: dict[str, str] = {"error": "错误", "warning": "警告", "hint": "提示"}
"""How a finding's level is written, everywhere a user reads it (messages, documents, workbooks).

错误 stops ``render``; 警告 is a contradiction or an omission to look at; 提示 is what perfgen
cannot be sure of (a published report's text cut off at its end, a figure its reader did not
find): never counted as an error or a warning, never stopping a run, hidden by ``perfgen audit``
unless ``--all`` and by ``check`` unless ``--verbose``."""


def tally(levels: list[str]) -> str:
    """“错误 1 处，警告 2 处”, and “，提示 3 处” when there are hints: the count of each level
    among ``levels`` (``"error"``, ``"warning"``, ``"hint"``)."""
    counts = f"{LEVEL_NAMES['error']} {levels.count('error')} 处，"
    counts += f"{LEVEL_NAMES['warning']} {levels.count('warning')} 处"
    if hints := levels.count("hint"):
        counts += f"，{LEVEL_NAMES['hint']} {hints} 处"
    return counts


class CheckError(PerfgenError):
    """Raised when consistency findings stop a run: the errors, and under ``--strict`` the
    warnings too (:func:`perfgen.rules.blocking`).

    Attributes:
        findings: The findings that stop the run.
        shown: Every finding of the run, stopping or not, in report order: what the user sees,
            so that the warnings ``check`` would show are not lost when ``render`` stops.
        target: The file the run would have written, if known; an older version of it left
            there is now out of date.
    """

    def __init__(
        self,
        findings: Sequence[Finding],
        shown: Sequence[Finding] = (),
        target: Path | None = None,
    ) -> None:
        self.findings = tuple(findings)
        self.shown = tuple(shown) or self.findings
        self.target = target
        super().__init__("\n".join(str(f) for f in self.shown))

    def for_user(self) -> str:
        """Every finding of the run, one located line each, then what was not written."""
        return f"{self}\n{self.verdict()}"

    def verdict(self) -> str:
        """The closing line: “未生成：2 处错误”, and the stale file an earlier run left, if any."""
        counts = "、".join(
            f"{len(of)} 处{LEVEL_NAMES[level]}"
            for level in ("error", "warning")
            if (of := [f for f in self.findings if f.level == level])
        )
        what = f"未生成 {self.target}" if self.target is not None else "未生成"
        stale = (
            f"；旧文件 {self.target} 仍是上次生成的，未更新"
            if self.target is not None and self.target.exists()
            else ""
        )
        return f"{what}：{counts}{stale}"


class TemplateError(PerfgenError):
    """Raised when a template is missing, malformed, or refers to a value that does not exist."""

    def __init__(self, template: str, line: int | None, message: str) -> None:
        self.template = template
        self.line = line
        self.message = message
        where = f"{template}:{line}" if line else template
        super().__init__(f"模板 {where}: {message}")


class OutputError(PerfgenError):
    """Raised when the report cannot be written where the user asked."""
