"""``{% import … with context %}`` made once per render for the values the module can read.

Jinja runs an imported template anew for every ``import … with context``, since its macros see
the importer's context; the bundled templates import ``macros.md.jinja`` that way eight times
per render, each time making the same macros. A template whose module depends only on the
values of the names it mentions (:func:`module_reads` decides it from the syntax tree when the
template is compiled) is made once per render (:func:`imports`) for each set of those values,
compared by identity; any other template is imported as Jinja imports it. What a macro prints,
and what it may read, stays what it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.environment import TemplateModule
from jinja2.utils import missing

READS = "perfgen_context_reads"
"""The name under which a compiled template holds :func:`module_reads` (``None``: imported as
Jinja imports it)."""

_UNREAD = (
    nodes.Include,
    nodes.Import,
    nodes.FromImport,
    nodes.Extends,
    nodes.Block,
    nodes.ContextReference,
    nodes.DerivedContextReference,
    nodes.EvalContextModifier,
)
"""What hands a template's whole context on, or reads it otherwise than by name."""

_MODULES: ContextVar[dict[tuple[Any, ...], tuple[TemplateModule, tuple[Any, ...]]] | None] = (
    ContextVar("perfgen_template_modules", default=None)
)


def module_reads(
    source: nodes.Template, environment: jinja2.Environment, filters: frozenset[str] | None
) -> tuple[str, ...] | None:
    """The names whose values are all the module of ``source`` can depend on, or ``None``.

    That is when its top level only defines macros (and writes constant text): nothing is made
    at import that a macro could change (a ``namespace``, a ``cycler``); and nothing in it
    reads the context but by name (no ``include``, ``import``, ``extends`` or block, which hand
    the whole context on). The names are those it looks up in the context, and ``filters``:
    the names the filters and tests that take the context read from it (``None``: one reads it
    in a way not declared, and no template is made once). Called on a tree that compiled.
    """
    if filters is None:
        return None
    for node in source.body:
        constant = isinstance(node, nodes.Output) and all(
            isinstance(n, nodes.TemplateData) for n in node.nodes
        )
        if not (constant or isinstance(node, nodes.Macro)):
            return None
    if next(source.find_all(_UNREAD), None) is not None:
        return None
    # Jinja's own list of the names looked up in the context, and those it leaves out there
    # because they name a global, which the importer's variable of that name hides
    names = {n.name for n in source.find_all(nodes.Name)}
    shadowed = names & set(environment.globals)
    return tuple(sorted(meta.find_undeclared_variables(source) | shadowed | filters))


@contextmanager
def imports() -> Iterator[None]:
    """The imports of one render: a module made inside this block is kept until its end."""
    token = _MODULES.set({})
    try:
        yield
    finally:
        _MODULES.reset(token)


class ImportedOnce(jinja2.Template):
    """A template whose module, imported with context, is made once per render for each set
    of values of its :func:`module_reads` names."""

    reads: tuple[str, ...] | None = None

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: MutableMapping[str, Any],
        globals: MutableMapping[str, Any],
    ) -> jinja2.Template:
        template = super()._from_namespace(environment, namespace, globals)
        template.reads = namespace.get(READS)  # type: ignore[attr-defined]
        return template

    def make_module(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> TemplateModule:
        """Jinja's module; for an import with context (``shared``), the one made before in
        this render from the same values, if any."""
        modules = _MODULES.get()
        if self.reads is None or modules is None or not shared or vars is None:
            return super().make_module(vars, shared, locals)
        # the values the module's context gives each name (Jinja's new_context: a local that
        # is not missing wins over the importer's variable)
        given = locals or {}
        values = tuple(
            value if (value := given.get(name, missing)) is not missing else vars.get(name, missing)
            for name in self.reads
        )
        key = (self, *map(id, values))  # the values are kept with the module: no id is reused
        made = modules.get(key)
        if made is None:
            made = modules[key] = (super().make_module(vars, shared, locals), values)
        return made[0]
