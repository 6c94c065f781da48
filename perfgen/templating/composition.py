"""Compose the report's Markdown from an :class:`~perfgen.input.validation.Input` and its figures.

One sandboxed Jinja2 environment (:class:`perfgen.templating.sandbox.Sandbox`) per template
directory per process (StrictUndefined), built once and kept: templates are compiled once, and
every render is bounded (:func:`perfgen.templating.limits.bounded`). Templates only phrase:
every number they print comes from
:class:`~perfgen.figures.Figures` or the YAML, written by the filters of
:mod:`perfgen.templating.filters`; every text value from the YAML arrives escaped
(:func:`perfgen.markdown.escape`). Heading and paragraph numbers are written afterwards by level
(:func:`perfgen.markdown.number_outline`).

The context a template sees (:data:`CONTEXT`, documented in docs/templates.md):

- ``report``: the input (:class:`~perfgen.input.model.Report`), every text escaped;
- ``figures``: the derived figures (:class:`~perfgen.figures.Figures`);
- ``settings``: ``report.settings``, unescaped;
- ``titles``: every section's title (the preset's, with ``section_titles`` applied);
- ``subject``: how the report names the unit (its short name, else 本单位);
- ``year``: the evaluated year as text (2023);
- ``document_title``: the report's title;
- ``pending``: the placeholder 【待填写】, highlighted;
- ``basis``: 一般公共预算财政拨款 when the finances are on that basis, else empty;
- ``omitted``: the names of the computed sentences the unit leaves out (``settings.omit``).
"""

from __future__ import annotations

import functools
import os
from dataclasses import is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel

from perfgen.errors import TemplateError
from perfgen.figures import Figures
from perfgen.input.finances import BASIS_LABELS
from perfgen.input.introspect import is_code
from perfgen.input.model import Report
from perfgen.input.settings import SectionTitles, Settings
from perfgen.input.validation import Input
from perfgen.markdown import Md, escape, number_outline, without_empty_sections
from perfgen.placeholders import FILL, Pending
from perfgen.templating.bundled import template_dirs
from perfgen.templating.filters import FILTERS, PENDING_TEXT
from perfgen.templating.limits import charge_output, current
from perfgen.templating.running import BareNumber, run
from perfgen.templating.sandbox import Sandbox

ENTRY = "report.md.jinja"
"""The template that renders the whole report."""

CONTEXT: dict[str, Any] = {
    "report": Report,
    "figures": Figures,
    "settings": Settings,
    "titles": SectionTitles,
    "subject": str,
    "year": str,
    "document_title": str,
    "pending": str,
    "basis": str,
    "omitted": frozenset[str],
}
"""Every name a template sees, with the type of its value: the one list that :func:`context`
fills, ``perfgen templates lint`` checks templates against, and docs/templates.md documents
(tests hold all three to it). ``titles`` holds a title for each field of
:class:`~perfgen.input.settings.SectionTitles`, always text. A change here is a change of the
template interface: CHANGELOG.md records it."""


def _finalize(value: Any) -> Any:
    """Refuse to print a bare number (money and rates go through a filter); print a pending
    figure as the highlighted placeholder."""
    kind = type(value)
    if kind is Md or kind is str:  # nearly every value printed: escaped text, a filter's result
        current().charge(len(value))
        return value
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        raise BareNumber(f"数字 {value} 未经格式过滤器（wan、pct、num 等）直接输出")
    if isinstance(value, Pending):
        return PENDING_TEXT
    charge_output(value)
    return value


class _Escaped:
    """A read-only view of a model or figure in which every text value is escaped Markdown.

    This is how clerk text is "escaped on the way in" (docs/architecture.md): templates see only
    escaped strings, so nothing typed in the YAML can become Markdown structure. Codes
    (``Literal`` fields such as ``kind``) stay as they are, for templates to compare.

    Each attribute is escaped on its first reading and kept in the view (models and figures are
    frozen); templates cannot reach the store (the sandbox refuses names starting with ``_``).
    """

    __slots__ = ("__dict__", "_target")

    def __init__(self, target: BaseModel | object) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        target = self._target
        value = getattr(target, name)
        if (wrap := _field_wrapper(type(target), name, type(value))) is not None:  # type: ignore
            value = wrap(value)
        self.__dict__[name] = value
        return value

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return type(self._target).__name__


@functools.cache
def _field_wrapper(owner: Any, name: str, kind: Any) -> Any:
    """How :class:`_Escaped` shows ``owner.name`` holding a ``kind``: as :func:`_escaped`
    does, but a code (a model field whose annotation is a ``Literal``) as it is."""
    field = owner.model_fields.get(name) if issubclass(owner, BaseModel) else None
    if field is not None and issubclass(kind, str) and is_code(field.annotation):
        return None
    return _wrapper(kind)


def _escaped(value: Any) -> Any:
    """``value`` as templates see it: text escaped, models and figures as :class:`_Escaped`
    views, lists as tuples of such values, anything else as it is."""
    wrap = _wrapper(type(value))  # type: ignore[arg-type]
    return value if wrap is None else wrap(value)


def _escaped_items(value: tuple[Any, ...] | list[Any]) -> tuple[Any, ...]:
    wrapper: Any = _wrapper  # typeshed: a type is no Hashable
    return tuple([v if (wrap := wrapper(type(v))) is None else wrap(v) for v in value])


def _escaped_values(value: dict[Any, Any]) -> dict[Any, Any]:
    return {k: _escaped(v) for k, v in value.items()}


@functools.cache
def _wrapper(kind: Any) -> Any:
    """How :func:`_escaped` treats a value of type ``kind`` (``None``: as it is), per type."""
    if issubclass(kind, Md):
        return None
    if issubclass(kind, str):
        return escape
    if issubclass(kind, tuple | list):
        return _escaped_items
    if issubclass(kind, dict):
        return _escaped_values
    if issubclass(kind, BaseModel) or is_dataclass(kind):
        return _Escaped
    return None


MAX_TEMPLATE_BYTES = 1_000_000
"""Largest template file read (the bundled ones are under 5 KB)."""


class _Loader(jinja2.FileSystemLoader):
    """Templates read as the user's input files are: a regular file of at most
    :data:`MAX_TEMPLATE_BYTES`, in UTF-8, inside its templates folder (a link leading out of it
    is refused); anything else is a :class:`TemplateError` naming it."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        from perfgen.errors import InputError
        from perfgen.files import regular_size

        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if os.path.lexists(path):
                if not path.resolve().is_relative_to(Path(folder).resolve()):
                    message = "模板文件是指向模板目录之外的链接，已拒绝"
                    raise TemplateError(template, None, message)
                try:
                    regular_size(path, MAX_TEMPLATE_BYTES, "模板文件")
                except InputError as exc:
                    raise TemplateError(template, None, exc.problems[0].message) from None
                break
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            message = "模板文件不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8"
            raise TemplateError(template, None, message) from None


@functools.cache
def environment(templates: Path | None = None) -> jinja2.Environment:
    """The Jinja environment of a template directory (``None``: the bundled templates only).

    Built once per directory per process; its templates are compiled on first use and kept.
    A folder of the user's templates is watched (Jinja re-reads a template when its file
    changes: ``perfgen serve`` shows an edit); the bundled templates are part of the installed
    package and are never looked at again, so an ``include`` costs no file system call.

    Raises:
        TemplateError: ``templates`` is not a directory.
    """
    if templates is not None and not templates.is_dir():
        raise TemplateError(str(templates), None, "模板目录不存在")
    env = Sandbox(
        loader=_Loader([str(d) for d in template_dirs(templates)]),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        auto_reload=templates is not None,
    )
    env.add_filters(FILTERS)
    env.plain |= {_Escaped, Md, Pending}
    env.bytecode_cache = _bytecode_cache(env)
    return env


def _bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs in perfgen's cache directory (:mod:`perfgen.cache`),
    in a folder of their own for each Jinja version and set of compile options; Jinja checks
    each template's source before it uses its cached code."""
    from perfgen import cache

    options = (
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.autoescape,
        type(env).__qualname__,
        "bounded-6",
    )
    folder = cache.directory(f"jinja-{cache.key(repr(options), jinja2.__version__)[:16]}")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


def context(source: Input, figures: Figures) -> dict[str, Any]:
    """The names a template sees (:data:`CONTEXT`)."""
    report = source.report
    return {
        "report": _Escaped(report),
        "figures": _Escaped(figures),
        "settings": report.settings,
        "titles": _escaped(report.section_headings),
        "subject": escape(report.unit.short_name or "本单位"),
        "year": str(report.year),
        "document_title": escape(report.printed_title),
        "pending": PENDING_TEXT,
        "basis": escape(BASIS_LABELS[report.basic_info.finances.basis]),
        "omitted": frozenset(report.settings.omit),
    }


def compose(
    source: Input, figures: Figures, templates: Path | None = None, *, draft: bool = False
) -> str:
    """Render the report's Markdown.

    Args:
        source: The validated input.
        figures: Its derived figures (:func:`perfgen.figures.derive`).
        templates: Optional directory whose templates override the bundled ones by name.
        draft: A section with nothing written under it keeps its heading, with 【待填写】 under
            it; in a final report it is left out (:func:`perfgen.markdown.without_empty_sections`).

    Returns:
        Markdown text: ``#`` title, ``##``–``#####`` numbered headings, paragraphs (numbered
        ones carry their number as text), tables, and, after a final ``---``, the signature.

    Raises:
        TemplateError: a template is missing or malformed, or names an undefined value.
    """
    if templates is not None and not templates.is_dir():
        raise TemplateError(str(templates), None, "模板目录不存在")
    env = environment(templates.resolve() if templates else None)
    text = run(env, ENTRY, context(source, figures))
    fill = escape(FILL) if draft else None
    return number_outline(without_empty_sections(_tidy(text), fill))


def _tidy(text: str) -> str:
    """Collapse runs of blank lines and strip trailing spaces; end with one newline (line by
    line: two regular expressions over the whole text took longer)."""
    lines: list[str] = []
    blank = False
    for line in text.split("\n"):
        line = line.rstrip(" \t")
        if line:
            lines.append(line)
            blank = False
        elif not blank:  # the first blank line of a run stays
            lines.append(line)
            blank = True
    return "\n".join(lines).strip() + "\n"
