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
from collections.abc import Callable, Iterable, Sequence
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

Level = Literal["error", "warning", "hint"]
"""错误, 警告 or 提示 (:data:`perfgen.errors.LEVEL_NAMES`)."""


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one place of the input.

    Attributes:
        rule: The rule id, e.g. ``sum-mismatch`` (docs/checks.md).
        level: ``error`` (stops ``render``), ``warning``, or ``hint`` (what perfgen cannot be
            sure of: never blocking, shown only when asked).
        path: The field blamed, e.g. ``("basic_info", "finances", "income", "total")``.
        message: Chinese explanation with the figures involved, for the clerk who edits the
            YAML (it may name a field: “请填写 target”).
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
    review: str = ""

    @property
    def for_reviewer(self) -> str:
        """The message as a reviewer who reads the published report reads it
        (``perfgen audit``): the report's own words, never a field of the YAML."""
        return self.review or self.message

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
    hint: bool = False


def hit(path: FieldPath, **values: object) -> Hit:
    """A :class:`Hit` at ``path`` with the message values ``values``."""
    return Hit(path, values)


def hint(path: FieldPath, **values: object) -> Hit:
    """A :class:`Hit` the rule gives as 提示 (level ``hint``) whatever its own level: a place
    the rule's reading cannot be sure of (:attr:`Rule.hints` says when and why)."""
    return Hit(path, values, hint=True)


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

    @property
    def read_back(self) -> bool:
        """Whether the report was read from a published document (``perfgen audit``) rather
        than written as YAML: what is a paragraph, and what the report states, the reader may
        not be sure of (a rule then says less: :func:`hint`)."""
        source = self.input.source
        return bool(source.places or source.ends)

    @functools.cached_property
    def passages(self) -> tuple[Passage, ...]:
        """Every text of the report (:func:`perfgen.narrative.passages.passages`), read once
        for all the narrative rules."""
        return passages(self.report)

    @functools.cached_property
    def texts(self) -> tuple[tuple[FieldPath, str], ...]:
        """Every text of the report with the path a finding on it blames, read once for the
        rules on the form and the marks (:func:`perfgen.rules.form.texts`)."""
        source = self.input.source
        if source.document:
            contents = set(source.contents)
            return tuple(
                (("document", n), text)
                for n, text in enumerate(source.document)
                if n not in contents
            )
        titles = self.report.section_titles
        return (
            *((passage.path, passage.text) for passage in self.passages),
            *(
                (("section_titles", name), title)
                for name in type(titles).model_fields
                if (title := getattr(titles, name))
            ),
        )

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
        level: ``error`` or ``warning`` (its findings' level, but for the hits it gives as
            ``hint``).
        summary: What it checks, in Chinese (docs/checks.md's table).
        message: The Chinese message, a :meth:`str.format` template of the hit's values, for
            the clerk (``check``, ``render``): it may name the YAML field to edit.
        review: The same finding in a reviewer's words (``perfgen audit``, who reads the
            published report): the same template values, never a field name; "" when
            ``message`` already is.
        blames: The field it blames, in Chinese (docs).
        example: YAML merged into a minimal report, which triggers the rule (docs, tests).
        find: The function that finds the places.
        limits: What the rule cannot see, in Chinese (docs), where that is not obvious.
        read: Whether ``example`` is a published report's text, read back as ``perfgen audit``
            reads it, rather than YAML (for a rule on what only a printed report has, such as
            its contents list).
        prior_example: For a rule across years: YAML merged into a minimal report of the year
            before, the previous-year report the example is checked against.
        hints: When the rule speaks as 提示 rather than at its level, and why, in Chinese
            (docs); "" when it never does.
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
    review: str = ""
    hints: str = ""

    def findings(self, context: Context) -> list[Finding]:
        """This rule's findings on ``context``, unlocated (a list, not a generator: most rules
        find nothing, and 56 generators a check cost more than the lists).

        Raises:
            ValueError: the rule gives a hit as a hint but its registry entry does not say
                when it does (``hints``): the registry is wrong.
        """
        return [self._finding(place) for place in self.find(context)]

    def _finding(self, place: Hit) -> Finding:
        if place.hint and not self.hints:
            raise ValueError(f"rule {self.id} gives a hint but does not say when (hints=)")
        level: Level = "hint" if place.hint else self.level
        message = self.message.format(**place.values)
        review = self.review.format(**place.values) if self.review else ""
        return Finding(self.id, level, place.path, message, review=review)


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
    review: str = "",
    hints: str = "",
) -> Callable[[Finder], Finder]:
    """Register the decorated function as the rule ``id``.

    Raises:
        ValueError: ``id`` is already registered.
    """

    def register(find: Finder) -> Finder:
        if id in RULES:
            raise ValueError(f"rule {id} declared twice")
        RULES[id] = Rule(
            id,
            level,
            summary,
            message,
            blames,
            example,
            find,
            limits,
            read,
            prior_example,
            review,
            hints,
        )
        return find

    return register


def blocking(findings: Sequence[Finding], strict: bool = False) -> tuple[Finding, ...]:
    """The findings that stop a run: the errors, and under ``--strict`` the warnings too; a
    hint (提示) never does.

    This is the one place ``--strict`` is applied (``check``'s exit code, ``render``,
    ``table``, ``audit``).
    """
    return tuple(f for f in findings if f.level == "error" or (strict and f.level == "warning"))


def of_level(findings: Sequence[Finding], level: Level) -> tuple[Finding, ...]:
    """The findings of one level, in order."""
    return tuple(f for f in findings if f.level == level)
