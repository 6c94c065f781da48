"""The sandbox every template runs in: templates are code from outside, whoever wrote them.

:class:`Sandbox` is Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` (no attribute
starting with ``_``, no function internals, no mutation of lists and dicts) whose operators,
calls, filters, loops and ``~`` are charged to the render's budget
(:mod:`perfgen.templating.limits`). Classes, modules and pydantic's ``model_*`` API are refused
as attributes too: a template sees values, never the code behind them. Loops and ``~`` are
counted by rewriting the syntax tree before it is compiled (:meth:`Sandbox._generate`); the tree
that ``perfgen templates lint`` reads is Jinja's own. The compiled code reads a plain attribute
in place and calls the charges directly (:class:`_Generator`).

Over 300 lines because every hook that decides what a template may do (attribute, call,
operator, filter, the compiled code) is kept in this one module, to be read together.
"""

from __future__ import annotations

import abc
import datetime as dt
import functools
import types
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import jinja2.filters
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg

from perfgen.templating.imports import READS, ImportedOnce, module_reads
from perfgen.templating.limits import (
    CONTAINERS,
    ESTIMATED,
    MAX_DEPTH,
    LimitExceeded,
    check_arguments,
    check_format,
    check_power,
    check_repeat,
    current,
    estimate,
    printed,
    safe_range,
    size,
)

_JINJA_FILTERS = frozenset(jinja2.filters.FILTERS.values())
"""Jinja's own filters: those that take the context only pass it on to the filters and tests
they call by name."""

REFUSED_PREFIXES = ("_", "model_")
"""Attributes no template reads: Python internals, pydantic's API (``model_fields`` …)."""

REFUSED_NAMES = frozenset({"mro", "format_map", "func_globals", "func_code", "gi_frame"})
"""Further attributes no template reads."""


def refused_attribute(name: str) -> bool:
    """Whether templates may not read an attribute of this name (lint reports it)."""
    return name.startswith(REFUSED_PREFIXES) or name in REFUSED_NAMES


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose arguments are checked first and whose result is charged."""
    skip = 1 if _PassArg.from_obj(function) is not None else 0
    estimated = name in ESTIMATED
    counted = name != "length"

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if len(args) > skip + 1:
            check_arguments(args[skip + 1 :])
        if kwargs:
            check_arguments(kwargs.values())
        if len(args) > skip:
            if counted and type(args[skip]) in CONTAINERS:
                printed(args[skip])
            if estimated:
                estimate(name, args[skip], args[skip + 1 :], kwargs)
        result = function(*args, **kwargs)
        current().charge(1 + size(result))
        return result

    return wrapper


def _call_macro(context: Context, macro: Macro, args: tuple[Any, ...], kwargs: Any) -> Any:
    """What Jinja's ``Context.call`` does with a macro, which takes neither context nor
    environment: the loop's and block's variables are not its arguments."""
    kwargs.pop("_block_vars", None)
    kwargs.pop("_loop_vars", None)
    try:
        return macro(*args, **kwargs)
    except StopIteration:
        return context.environment.undefined(
            "value was undefined because a callable raised a StopIteration exception"
        )


class _Generator(CodeGenerator):
    """Jinja's code generator; the charges the sandbox inserts (:data:`_CHARGES`) are called
    directly, not through :meth:`Sandbox.call`, and ``x.name`` returns a :attr:`Sandbox.plain`
    value as :meth:`Sandbox.getattr` would (its name was checked when compiled), in place."""

    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if self.environment.is_async or refused_attribute(node.attr):
            super().visit_Getattr(node, frame)
            return
        if self.optimizer is not None and not frame.eval_ctx.volatile:
            folded = self.optimizer.visit(node, frame.eval_ctx)
            if folded != node:  # as Jinja's @optimizeconst
                self.visit(folded, frame)
                return
        self.write("(_pg_v if type(_pg_v := getattr((_pg_o := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) in environment.plain ")
        self.write(f"else environment.getattr(_pg_o, {node.attr!r}))")

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        if isinstance(node.node, nodes.ImportedName) and node.node.importname in _CHARGES:
            self.visit(node.node, frame)
            self.write("(")
            for n, argument in enumerate(node.args):
                self.write(", " if n else "")
                self.visit(argument, frame)
            self.write(")")
        else:
            super().visit_Call(node, frame, forward_caller=forward_caller)


_CHARGES = frozenset(f"perfgen.templating.limits.{f}" for f in ("bounded_loop", "bounded_text"))


class Sandbox(ImmutableSandboxedEnvironment):
    """The environment of every template (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    template_class = ImportedOnce
    code_generator_class = _Generator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)
        self.globals["range"] = safe_range
        self.plain: set[type] = {str, int, bool, float, Decimal, type(None), dt.date, *CONTAINERS}
        """Types of attribute values that are data, never code (callers add their own)."""
        self._decisions: dict[tuple[type, str, type], bool] = {}
        self._loaded: dict[tuple[Any, str], jinja2.Template] = {}
        self._decided_at: object = abc.get_cache_token()

    def add_filters(self, filters: dict[str, Callable[..., Any]]) -> None:
        """Jinja's filters and ``filters``, each bounded."""
        self.filters.update(filters)
        for name, function in list(self.filters.items()):
            self.filters[name] = _bounded_filter(name, function)

    def context_reads(self) -> frozenset[str] | None:
        """The names of the context that the filters and tests taking it read (their
        ``context_names``; Jinja's own only pass it on); ``None`` when one does not say."""
        reads: set[str] = set()
        for function in [*self.filters.values(), *self.tests.values()]:
            if _PassArg.from_obj(function) is not _PassArg.context:
                continue
            if getattr(function, "__wrapped__", function) in _JINJA_FILTERS:
                continue
            names = getattr(function, "context_names", None)
            if names is None:
                return None
            reads |= names
        return frozenset(reads)

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        """Jinja's; a template never re-read (no ``auto_reload``) is kept by name, as Jinja
        keeps it, in a plain dict: every ``include`` asks for its template again."""
        if self.auto_reload or globals or self.cache is None:
            return super()._load_template(name, globals)
        key = (self.loader, name)
        template = self._loaded.get(key)
        if template is None:
            template = self._loaded[key] = super()._load_template(name, globals)
        return template

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's rule, and no class, module or :data:`REFUSED_NAMES` attribute."""
        if refused_attribute(attr) or isinstance(value, type | types.ModuleType):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's lookup, refusing :func:`refused_attribute` names before reading them; a
        value of one of :attr:`plain` types (data, not code) is returned without Jinja's
        further checks, which would cost most of a render's time."""
        # refused_attribute(attribute), written out: this runs for every attribute read
        if attribute.startswith(REFUSED_PREFIXES) or attribute in REFUSED_NAMES:
            if isinstance(obj, Undefined):
                return super().getattr(obj, attribute)
            return self.unsafe_undefined(obj, attribute)
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)
        if type(value) in self.plain:
            return value
        wrapped = self.wrap_str_format(value)
        if wrapped is not None:
            return wrapped
        if self._safe(obj, attribute, value):
            return value
        return self.unsafe_undefined(obj, attribute)

    def _safe(self, obj: Any, attribute: str, value: Any) -> bool:
        """:meth:`is_safe_attribute`, decided once per type of ``obj``, name and type of
        ``value``: the decision depends on nothing else (the name; which classes ``obj`` and
        ``value`` are instances of, as ``isinstance`` tells, which the types tell when neither
        class redefines ``__class__``; and the registrations of the mutable ABCs, whose token
        empties the store when one is made)."""
        token = abc.get_cache_token()
        if token != self._decided_at:
            self._decisions.clear()
            self._decided_at = token
        owner: type = type(obj)
        kind: type = type(value)
        key = (owner, attribute, kind)
        decision = self._decisions.get(key)
        if decision is None:
            decision = self.is_safe_attribute(obj, attribute, value)
            if _honest(owner) and _honest(kind):
                self._decisions[key] = decision
        return decision

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Jinja's subscription; a refused name is not looked up as an attribute either."""
        if (
            isinstance(argument, str)
            and refused_attribute(argument)
            and not isinstance(obj, dict | Undefined)
        ):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed ``str.format``, refusing a too-wide format string first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            check_format(value.__self__)
        return wrapped

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``*``, ``**``, ``%`` and ``+``, refused when the result would be too large."""
        if operator == "*":
            check_repeat(left, right)
        elif operator == "**":
            check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            check_format(left)
            check_arguments(right if isinstance(right, tuple) else (right,))  # "%*s" widths
        result = super().call_binop(context, operator, left, right)
        current().charge(1 + size(result))
        return result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call from a template: arguments checked, nesting counted, result charged."""
        if not isinstance(__obj, Macro | Undefined) and __obj is not safe_range:
            check_arguments(args)
            check_arguments(kwargs.values())
            estimate(getattr(__obj, "__name__", ""), getattr(__obj, "__self__", None), args, kwargs)
        budget = current()
        budget.depth += 1
        try:
            if budget.depth > MAX_DEPTH:
                raise LimitExceeded(f"模板的宏调用嵌套超过 {MAX_DEPTH} 层（可能是宏递归调用自身）")
            if type(__obj) is Macro and __self.is_safe_callable(__obj):
                result = _call_macro(__context, __obj, args, kwargs)
            else:
                result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        budget.charge(1 + size(result))
        return result

    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> str:
        """Compile with every loop's iterable and every ``~`` charged to the budget, and
        the names its module depends on (:func:`~perfgen.templating.imports.module_reads`)."""
        for loop in list(source.find_all(nodes.For)):
            cost = 1 + sum(len(d.data) for d in loop.find_all(nodes.TemplateData))
            loop.iter = _call("bounded_loop", loop.iter, nodes.Const(cost), lineno=loop.lineno)
        for parent in list(source.find_all(nodes.Node)):
            for field in parent.fields:
                value = getattr(parent, field)
                if isinstance(value, nodes.Concat):
                    setattr(parent, field, _call("bounded_text", value, lineno=value.lineno))
                elif isinstance(value, list):
                    value[:] = [
                        _call("bounded_text", v, lineno=v.lineno)
                        if isinstance(v, nodes.Concat)
                        else v
                        for v in value
                    ]
        code = super()._generate(source, *args, **kwargs)
        return f"{code}\n{READS} = {module_reads(source, self, self.context_reads())!r}\n"


@functools.cache
def _honest(kind: type) -> bool:
    """Whether ``isinstance`` sees instances of ``kind`` as ``type()`` does: no class of its
    MRO but ``object`` defines ``__class__``."""
    return all("__class__" not in vars(c) for c in kind.__mro__ if c is not object)


def _call(function: str, *args: Any, lineno: int) -> nodes.Call:
    name = nodes.ImportedName(f"perfgen.templating.limits.{function}", lineno=lineno)
    return nodes.Call(name, list(args), [], None, None, lineno=lineno)
