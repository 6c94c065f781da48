"""Static analysis of templates: what each one reads, checked without rendering.

From the entry template (``report.md.jinja``), through every ``{% include %}``, ``{% import %}``
and ``{% from %}``, each template is parsed by the one Jinja environment
(:func:`perfgen.templating.composition.environment`) and its syntax tree walked with the names in
scope: the render context (:data:`perfgen.templating.composition.CONTEXT`), and what the template
or the one including it binds (``{% set %}``, ``{% for %}`` targets, macros, imports). An included
template sees the variables of its ``{% include %}`` (``group`` in
``sentences/indicators.md.jinja``). Each variable, attribute chain
(:mod:`perfgen.templating.types`), filter, test and macro must exist; a number printed without a
filter is an error too, and so is an attribute the sandbox refuses
(:func:`perfgen.templating.sandbox.refused_attribute`).

Over 300 lines because one walker handles every kind of Jinja node that binds
or reads a name; split, the scoping rules would be spread over two files.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes

from perfgen.templating.running import syntax_message
from perfgen.templating.sandbox import refused_attribute
from perfgen.templating.types import (
    CALLABLE,
    LOOP,
    UNKNOWN,
    Module,
    attribute,
    element,
    is_number,
    names_of,
)


@dataclass(frozen=True)
class Note:
    """Something a template does wrong, or that cannot be checked statically.

    Attributes:
        template: The template's name (``sentences/income.md.jinja``).
        filename: The file it was read from.
        line: 1-based line.
        error: An error (else a warning).
        text: Chinese explanation.
    """

    template: str
    filename: str
    line: int
    error: bool
    text: str


Scope = dict[str, Any]

_GUARDS = frozenset({"default", "d", "defined", "undefined"})
"""Filters and tests whose operand may be an undefined name."""


class Scanner:
    """Walks the templates reachable from an entry, collecting :class:`Note`\\ s.

    Attributes:
        notes: What was found, without repeats.
        reached: The names of the templates reached (included, imported or entered).
    """

    def __init__(self, env: jinja2.Environment, context: Scope) -> None:
        self.env = env
        self.context = context
        self.notes: dict[tuple[str, int, str], Note] = {}
        self.reached: set[str] = set()
        self._done: set[tuple[str, str]] = set()
        self._stack: list[str] = []
        self._trees: dict[str, tuple[nodes.Template, str] | None] = {}
        self._where = ("", "")

    def scan(self, name: str, scope: Scope | None = None) -> None:
        """Check the template ``name`` with ``scope`` (the context by default) in scope."""
        scope = dict(self.context if scope is None else scope)
        key = (name, repr(sorted(scope.items(), key=lambda item: item[0])))
        if key in self._done or name in self._stack:
            return
        self._done.add(key)
        parsed = self._parse(name)
        if parsed is None:
            return
        tree, filename = parsed
        self._stack.append(name)
        outer, self._where = self._where, (name, filename)
        for macro in tree.find_all(nodes.Macro):
            scope.setdefault(macro.name, CALLABLE)
        self._body(tree.body, scope)
        self._where = outer
        self._stack.pop()

    def exports(self, name: str) -> frozenset[str]:
        """The macros and top-level variables of a template (empty if it cannot be read)."""
        parsed = self._parse(name)
        if parsed is None:
            return frozenset()
        tree = parsed[0]
        found = {m.name for m in tree.find_all(nodes.Macro)}
        for assign in tree.body:
            if isinstance(assign, nodes.Assign | nodes.AssignBlock):
                found |= {n.name for n in assign.target.find_all(nodes.Name)}
        return frozenset(found)

    def _parse(self, name: str) -> tuple[nodes.Template, str] | None:
        """The syntax tree and file of a template, parsed once; a syntax error is noted."""
        from perfgen.errors import TemplateError

        if name in self._trees:
            return self._trees[name]
        self.reached.add(name)
        self._trees[name] = None
        loader = self.env.loader
        assert loader is not None
        try:
            source, filename, _ = loader.get_source(self.env, name)
        except TemplateError as exc:
            self._note_at((name, name), 1, exc.message)
            return None
        filename = filename or name
        try:
            tree = self.env.parse(source, name, filename)
        except jinja2.TemplateSyntaxError as exc:
            self._note_at((name, filename), exc.lineno, syntax_message(exc.message))
            return None
        except RecursionError:
            self._note_at((name, filename), 1, "模板嵌套过深（表达式或语句层层嵌套），无法解析")
            return None
        self._trees[name] = (tree, filename)
        return self._trees[name]

    def _note(self, node: nodes.Node, text: str, *, error: bool = True) -> None:
        self._note_at(self._where, node.lineno, text, error=error)

    def _note_at(self, where: tuple[str, str], line: int, text: str, error: bool = True) -> None:
        note = Note(where[0], where[1], line, error, text)
        self.notes.setdefault((note.filename, note.line, note.text), note)

    # Statements

    def _body(self, body: list[nodes.Node], scope: Scope) -> None:
        for node in body:
            self._statement(node, scope)

    def _statement(self, node: nodes.Node, scope: Scope) -> None:
        handler: Callable[[Any, Scope], None] | None = getattr(
            self, f"_stmt_{type(node).__name__}", None
        )
        if handler is not None:
            handler(node, scope)
            return
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self._expr(child, scope)
            else:
                self._statement(child, scope)

    def _stmt_Output(self, node: nodes.Output, scope: Scope) -> None:
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                continue
            if is_number(self._expr(child, scope)):
                self._note(
                    child, f"数字“{_dotted(child)}”未经格式过滤器（wan、pct、num 等）直接输出"
                )

    def _stmt_For(self, node: nodes.For, scope: Scope) -> None:
        inner = dict(scope)
        self._bind(node.target, element(self._expr(node.iter, scope)), inner)
        inner["loop"] = LOOP
        if node.test is not None:
            self._expr(node.test, inner)
        self._body(node.body, inner)
        self._body(node.else_, dict(scope))

    def _stmt_Assign(self, node: nodes.Assign, scope: Scope) -> None:
        self._bind(node.target, self._expr(node.node, scope), scope)

    def _stmt_AssignBlock(self, node: nodes.AssignBlock, scope: Scope) -> None:
        if node.filter is not None:
            self._expr(node.filter, scope)
        self._body(node.body, dict(scope))
        self._bind(node.target, str, scope)

    def _stmt_Macro(self, node: nodes.Macro, scope: Scope) -> None:
        self._callable(node.args, node.defaults, node.body, scope)
        scope[node.name] = CALLABLE

    def _stmt_CallBlock(self, node: nodes.CallBlock, scope: Scope) -> None:
        self._expr(node.call, scope)
        self._callable(node.args, node.defaults, node.body, scope)

    def _callable(
        self,
        args: list[nodes.Name],
        defaults: list[nodes.Expr],
        body: list[nodes.Node],
        scope: Scope,
    ) -> None:
        """A macro's or call block's body: its arguments are of unknown type."""
        inner = {**scope, "caller": CALLABLE, "varargs": UNKNOWN, "kwargs": UNKNOWN}
        for default in defaults:
            self._expr(default, scope)
        for arg in args:
            inner[arg.name] = UNKNOWN
        self._body(body, inner)

    def _stmt_With(self, node: nodes.With, scope: Scope) -> None:
        inner = dict(scope)
        for target, value in zip(node.targets, node.values, strict=True):
            self._bind(target, self._expr(value, scope), inner)
        self._body(node.body, inner)

    def _stmt_Include(self, node: nodes.Include, scope: Scope) -> None:
        names = self._template_names(node.template, scope)
        for name in names:
            # Of several names Jinja takes the first that exists; ignore missing allows none.
            if self._exists(node, name, quiet=node.ignore_missing or len(names) > 1):
                self.scan(name, scope if node.with_context else self.context)

    def _stmt_Extends(self, node: nodes.Extends, scope: Scope) -> None:
        for name in self._template_names(node.template, scope):
            if self._exists(node, name):
                self.scan(name, self.context)

    def _stmt_Import(self, node: nodes.Import, scope: Scope) -> None:
        names = self._template_names(node.template, scope)
        scope[node.target] = UNKNOWN
        if len(names) == 1 and self._exists(node, names[0]):
            self.scan(names[0], self.context)
            scope[node.target] = Module(names[0], self.exports(names[0]))

    def _stmt_FromImport(self, node: nodes.FromImport, scope: Scope) -> None:
        names = self._template_names(node.template, scope)
        known = len(names) == 1 and self._exists(node, names[0])
        if known:
            self.scan(names[0], self.context)
        exports = self.exports(names[0]) if known else frozenset()
        for item in node.names:
            name, alias = item if isinstance(item, tuple) else (item, item)
            if known and name not in exports:
                self._note(node, f"模板 {names[0]} 中没有宏“{name}”{_guess(name, exports)}")
            scope[alias] = CALLABLE

    def _template_names(self, expr: nodes.Expr, scope: Scope) -> list[str]:
        """The template names an include or import names, when they are written as text."""
        if isinstance(expr, nodes.Const) and isinstance(expr.value, str):
            return [expr.value]
        if isinstance(expr, nodes.List | nodes.Tuple) and all(
            isinstance(item, nodes.Const) and isinstance(item.value, str) for item in expr.items
        ):
            return [item.value for item in expr.items]  # type: ignore[attr-defined]
        self._expr(expr, scope)
        self._note(expr, "引入的模板名不是写定的文字，无法静态检查该模板", error=False)
        return []

    def _exists(self, node: nodes.Node, name: str, quiet: bool = False) -> bool:
        try:
            self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            if quiet:
                return False
            from perfgen.templating.bundled import builtins, nearest

            guess = nearest(name, [b.name for b in builtins()])
            self._note(node, f"找不到模板 {name}" + (f"；你是不是想写 {guess}？" if guess else ""))
            return False
        except Exception:  # an unreadable file: noted when it is parsed
            pass
        self.reached.add(name)
        return True

    def _bind(self, target: nodes.Node, value: Any, scope: Scope) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.NSRef):
            self._name(target, target.name, scope)
        else:
            for name in target.find_all(nodes.Name):
                scope[name.name] = UNKNOWN

    # Expressions

    def _expr(self, node: nodes.Node, scope: Scope) -> Any:
        """Check an expression; return the type of its value."""
        if isinstance(node, nodes.Name):
            return self._name(node, node.name, scope)
        if isinstance(node, nodes.Getattr):
            return self._attribute(node, self._expr(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            owner = self._expr(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self._attribute(node, owner, node.arg.value)
            self._expr(node.arg, scope)
            if isinstance(node.arg, nodes.Slice):
                return owner
            return element(owner) if isinstance(node.arg, nodes.Const) else UNKNOWN
        if isinstance(node, nodes.Filter | nodes.Test):
            table, kind = (
                (self.env.filters, "过滤器")
                if isinstance(node, nodes.Filter)
                else (self.env.tests, "测试")
            )
            if node.name not in table:
                self._note(node, f"未知的{kind}“{node.name}”{_guess(node.name, table)}")
            if node.name == "attr" and node.args and isinstance(node.args[0], nodes.Const):
                self._refused(node, str(node.args[0].value))
            if node.name in _GUARDS and isinstance(node.node, nodes.Name):
                # `base | default(4)`, `x is defined`: the name may be undefined.
                scope = {node.node.name: UNKNOWN, **scope}
        elif isinstance(node, nodes.Const):
            return type(node.value)
        elif isinstance(node, nodes.Concat):
            self._children(node, scope)
            return str
        self._children(node, scope)
        return UNKNOWN

    def _children(self, node: nodes.Node, scope: Scope) -> None:
        for child in node.iter_child_nodes():
            self._expr(child, scope)

    def _name(self, node: nodes.Node, name: str, scope: Scope) -> Any:
        if name in scope:
            return scope[name]
        if name in self.env.globals:
            return CALLABLE
        self._note(node, f"引用了未定义的变量“{name}”{_guess(name, scope)}")
        return UNKNOWN

    def _refused(self, node: nodes.Node, name: str) -> bool:
        """Note an attribute the sandbox refuses (``__init__``, ``mro``, ``model_fields`` …)."""
        if refused_attribute(name):
            text = f"沙箱禁止访问属性“{name}”（{_dotted(node)}）：模板不能触及 Python 内部"
            self._note(node, text)
        return refused_attribute(name)

    def _attribute(self, node: nodes.Expr, owner: Any, name: str) -> Any:
        if self._refused(node, name):
            return UNKNOWN
        found = attribute(owner, name)
        if found.missing:
            guess = _guess(name, names_of(owner))
            if isinstance(owner, Module):
                self._note(node, f"模板 {owner.template} 中没有宏“{name}”{guess}")
            else:
                self._note(node, f"引用了不存在的字段“{name}”（{_dotted(node)}）{guess}")
        elif found.unchecked:
            self._note(
                node, f"无法静态确认“{_dotted(node)}”存在（其中的键由数据决定）", error=False
            )
        return found.type


def _guess(name: str, names: Any) -> str:
    """``；你是不是想写“x”？`` for the nearest of ``names``, or ""."""
    found = difflib.get_close_matches(name, [str(n) for n in names], n=1, cutoff=0.6)
    return f"；你是不是想写“{found[0]}”？" if found else ""


def _dotted(node: nodes.Node) -> str:
    """An expression as the template writes it, for attribute chains (``report.basic_info``)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}[{node.arg.value!r}]"
    return "…"
