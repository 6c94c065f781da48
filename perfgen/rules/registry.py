"""The registry of consistency rules, and the one type of their results.

Each rule is declared once with :func:`rule`: its id, level, what it checks, its Chinese
message template, the field it blames, and an example input that triggers it. The rule's
function only finds the places (:class:`Hit`); the registry turns them into
:class:`Finding`s. ``docs/checks.md`` is generated from this registry
(:mod:`perfgen.rules.reference`), so a rule cannot exist undocumented.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from perfgen.errors import LEVEL_NAMES
from perfgen.figures import Figures
from perfgen.input.model import Report
from perfgen.input.validation import Input
from perfgen.locations import FieldPath, dotted, visible
from perfgen.narrative import mentions
from perfgen.narrative.labels import Known, known_figures
from perfgen.narrative.mentions import Mention
from perfgen.narrative.passages import Passage, passages

if TYPE_CHECKING:
    from perfgen.rules.prior import Published

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one place of the input.

    Attributes:
        rule: The rule id, e.g. ``sum-mismatch`` (docs/checks.md).
        level: ``error`` (stops ``render``) or ``warning``.
        path: The field blamed, e.g. ``("basic_info", "finances", "income", "total")``.
        message: Chinese explanation with the figures involved.
        file: The input file, once located.
        line: 1-based line of the blamed value in the file (0 when unknown).
        column: 1-based column (0 when unknown).
        part: The heading of the part of the report that prints the field (“部门基本情况”), once
            located; "" when none does.
    """

    rule: str
    level: Level
    path: FieldPath
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    part: str = ""

    def __str__(self) -> str:
        """``file:line:column: 错误[rule] path: message`` on one line."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        head = f"{LEVEL_NAMES[self.level]}[{self.rule}] {dotted(self.path)}".rstrip()
        text = f"{where}: {head}: {self.message}" if where else f"{head}: {self.message}"
        return visible(text, lines=True)


@dataclass(frozen=True)
class Hit:
    """A place a rule blames, and the values its message template needs."""

    path: FieldPath
    values: dict[str, object] = field(default_factory=dict)


def hit(path: FieldPath, **values: object) -> Hit:
    """A :class:`Hit` at ``path`` with the message values ``values``."""
    return Hit(path, values)


@dataclass(frozen=True)
class Context:
    """What a rule looks at: the input (report, pending paths), its figures, today, and what
    the unit's previous-year report published when ``perfgen review`` read it too (else
    ``None``; :mod:`perfgen.rules.prior`)."""

    input: Input
    figures: Figures
    today: dt.date
    prior: Published | None = None

    @property
    def report(self) -> Report:
        """The validated report."""
        return self.input.report

    @functools.cached_property
    def passages(self) -> tuple[Passage, ...]:
        """Every text of the report (:func:`perfgen.narrative.passages.passages`), read once
        for all the narrative rules."""
        return passages(self.report)

    @functools.cached_property
    def amounts(self) -> tuple[tuple[Passage, Mention], ...]:
        """Every money amount of the narrative with its passage, read once."""
        return tuple((p, m) for p in self.passages for m in mentions.amounts(p))

    @functools.cached_property
    def rates(self) -> tuple[tuple[Passage, Mention], ...]:
        """Every percentage of the narrative with its passage, read once."""
        return tuple((p, m) for p in self.passages for m in mentions.rates(p))

    @functools.cached_property
    def known(self) -> dict[str, Known]:
        """The report's own figures by key (:func:`perfgen.narrative.labels.known_figures`)."""
        return known_figures(self.report, self.figures)


Finder = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A consistency rule, declared once.

    Attributes:
        id: Stable id shown in brackets, e.g. ``sum-mismatch``.
        level: ``error`` or ``warning``.
        summary: What it checks, in Chinese (docs/checks.md's table).
        message: The Chinese message, a :meth:`str.format` template of the hit's values.
        blames: The field it blames, in Chinese (docs).
        example: YAML merged into a minimal report, which triggers the rule (docs, tests).
        find: The function that finds the places.
        limits: What the rule cannot see, in Chinese (docs), where that is not obvious.
        read: Whether ``example`` is a published report's text, read back as ``perfgen audit``
            reads it, rather than YAML (for a rule on what only a printed report has, such as
            its contents list).
        prior_example: For a rule across years: YAML merged into a minimal report of the year
            before, the previous-year report the example is checked against.
    """

    id: str
    level: Level
    summary: str
    message: str
    blames: str
    example: str
    find: Finder
    limits: str = ""
    read: bool = False
    prior_example: str = ""

    def findings(self, context: Context) -> Iterator[Finding]:
        """This rule's findings on ``context``, unlocated."""
        for place in self.find(context):
            yield Finding(self.id, self.level, place.path, self.message.format(**place.values))


RULES: dict[str, Rule] = {}
"""Every rule by id, in the order they run."""


def rule(
    id: str,
    level: Level,
    *,
    summary: str,
    message: str,
    blames: str,
    example: str,
    limits: str = "",
    read: bool = False,
    prior_example: str = "",
) -> Callable[[Finder], Finder]:
    """Register the decorated function as the rule ``id``.

    Raises:
        ValueError: ``id`` is already registered.
    """

    def register(find: Finder) -> Finder:
        if id in RULES:
            raise ValueError(f"rule {id} declared twice")
        RULES[id] = Rule(
            id, level, summary, message, blames, example, find, limits, read, prior_example
        )
        return find

    return register


def blocking(findings: Sequence[Finding], strict: bool = False) -> tuple[Finding, ...]:
    """The findings that stop a run: the errors, and under ``--strict`` the warnings too.

    This is the one place ``--strict`` is applied (``check``'s exit code, ``render``,
    ``table``).
    """
    return tuple(f for f in findings if strict or f.level == "error")


def of_level(findings: Sequence[Finding], level: Level) -> tuple[Finding, ...]:
    """The findings of one level, in order."""
    return tuple(f for f in findings if f.level == level)
