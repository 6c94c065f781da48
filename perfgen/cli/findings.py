"""How findings are shown on a terminal: errors first, then warnings, then the placeholders
still to fill in — counted by the part of the report that prints them, or listed one by one
with ``--verbose`` — then the hints (提示: what perfgen cannot be sure of), counted, or listed
with ``--verbose``. Errors are red and warnings yellow on a terminal; click drops the colours
when the output is a file or a pipe. A hint never counts as an error or a warning and never
changes an exit code (:func:`perfgen.rules.blocking`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

from perfgen.errors import LEVEL_NAMES

if TYPE_CHECKING:
    from perfgen.rules import Finding

PLACEHOLDER = "placeholder"
"""The rule that lists each 【待填写】 and 【待更新】 (:mod:`perfgen.rules.general`)."""

VERBOSE_KEY = "perfgen.verbose"
"""Where a command records ``--verbose`` in click's context, for the findings of an error."""

_COLOURS = {"error": "red", "warning": "yellow"}


def lines(findings: Sequence[Finding], verbose: bool = False) -> Iterable[tuple[str, str | None]]:
    """Each line to show, with its colour: the errors, the warnings, then the placeholders (one
    line per part of the report, or each of them when ``verbose``), then the hints (each of
    them when ``verbose``, else how many)."""
    hints = [f for f in findings if f.level == "hint"]
    findings = [f for f in findings if f.level != "hint"]
    placeholders = [f for f in findings if f.rule == PLACEHOLDER]
    for level in ("error", "warning"):
        for finding in findings:
            if finding.level == level and (verbose or finding.rule != PLACEHOLDER):
                yield str(finding), _COLOURS[level]
    if placeholders and not verbose:
        parts = Counter(f.part or "其他" for f in placeholders)
        order = sorted(parts, key=lambda part: part == "其他")  # the report's order, 其他 last
        counted = "、".join(f"{part} {parts[part]} 处" for part in order)
        yield (
            f"{_named(placeholders)} {len(placeholders)} 处：{counted}（加 --verbose 逐条列出）",
            None,
        )
    if hints and verbose:
        yield from ((str(f), None) for f in hints)
    elif hints:
        yield (
            f"{LEVEL_NAMES['hint']} {len(hints)} 处（无法确定的问题，加 --verbose 逐条列出）",
            None,
        )


def show(findings: Sequence[Finding], *, verbose: bool = False, err: bool = True) -> None:
    """Print :func:`lines` to stderr (``err``) or stdout."""
    for text, colour in lines(findings, verbose):
        click.echo(click.style(text, fg=colour) if colour else text, err=err)


def counted(findings: Sequence[Finding]) -> str:
    """“错误 1 处，警告 2 处，待填写 78 处”: what a file holds, the kinds it has (提示 last)."""
    errors = sum(f.level == "error" for f in findings)
    hints = sum(f.level == "hint" for f in findings)
    placeholders = [f for f in findings if f.rule == PLACEHOLDER and f.level != "hint"]
    warnings = len(findings) - errors - hints - len(placeholders)
    kinds = (
        (LEVEL_NAMES["error"], errors),
        (LEVEL_NAMES["warning"], warnings),
        (_named(placeholders), len(placeholders)),
        (LEVEL_NAMES["hint"], hints),
    )
    return "，".join(f"{name} {count} 处" for name, count in kinds if count)


def _named(placeholders: Sequence[Finding]) -> str:
    """待填写, or 待填写或待更新 when some are 【待更新】 (last year's text to update)."""
    from perfgen.placeholders import UPDATE

    return "待填写或待更新" if any(UPDATE in f.message for f in placeholders) else "待填写"


def verbose_here() -> bool:
    """Whether the running command was given ``--verbose``."""
    context = click.get_current_context(silent=True)
    return bool(context and context.meta.get(VERBOSE_KEY))
