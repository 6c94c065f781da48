"""The bounds of one render: what a template may make, how long, how deep.

Every render runs inside :func:`bounded`, which gives it one :class:`_Budget`:

- work: every character an operation makes (``*``, ``+``, ``%``, ``~``, a call, a filter, an
  output) and every loop iteration (with the loop body's literal text) is charged; at most
  :data:`MAX_WORK`;
- loop iterations (and ``range``): at most :data:`MAX_ITERATIONS`;
- nested calls (a recursive macro): at most :data:`MAX_DEPTH`;
- time: :data:`MAX_SECONDS`, checked at each charge;
- what would be too large is refused before it is made: ``'x' * 10**9``, ``2 ** 10**9``, a
  width or precision of eight digits in a format string, a number argument over
  :data:`MAX_ARGUMENT` to a filter or method, ``join``, ``replace``, ``indent`` and ``wordwrap``
  whose result would exceed :data:`MAX_TEXT`.

A breach raises :class:`LimitExceeded` inside the template, so the caller names the template and
line. The hooks that charge are in :mod:`perfgen.templating.sandbox`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

MAX_TEXT = 10_000_000
"""Longest text one operation may make, and longest report a template may write (characters)."""

MAX_WORK = 50_000_000
"""Characters made plus loop iterations, per render."""

MAX_ITERATIONS = 1_000_000
"""Loop iterations per render (the bundled templates make a few hundred)."""

MAX_DEPTH = 50
"""Calls nested inside each other (a macro calling a macro …)."""

MAX_SECONDS = 10.0
"""Time one render may take (the bundled templates take a few milliseconds)."""

MAX_ARGUMENT = 1_000_000
"""Largest whole number passed to a filter or a method (a width, a count)."""

MAX_BITS = 100_000
"""Largest whole number an operator may make, in bits (about 30,000 digits)."""

_WIDE = re.compile(r"\d{8,}")
"""A width or precision of at least :data:`MAX_TEXT` in a format string."""


CONTAINERS = frozenset({list, tuple, dict, set, frozenset})
"""Values whose printed size is estimated before they are printed."""

ESTIMATED = frozenset({"join", "replace", "indent", "wordwrap", "format"})
"""Filters and methods whose result's size is estimated before they run (:func:`estimate`)."""


class LimitExceeded(Exception):
    """A template went over one of the bounds of this module, or reached for Python internals.

    Raised inside the render, so the traceback names the template and line.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Budget:
    """What one render has used so far."""

    __slots__ = ("deadline", "depth", "iterations", "work")

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS
        self.work = 0
        self.iterations = 0
        self.depth = 0

    def charge(self, work: int, iterations: int = 0) -> None:
        self.work += work
        self.iterations += iterations
        if self.work > MAX_WORK:
            raise LimitExceeded(f"模板生成的文字超过上限（{MAX_WORK:,} 字符）")
        if self.iterations > MAX_ITERATIONS:
            raise LimitExceeded(f"模板的循环次数超过上限（{MAX_ITERATIONS:,} 次）")
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"模板运行超过 {MAX_SECONDS:g} 秒，已停止")


_CURRENT: ContextVar[_Budget | None] = ContextVar("perfgen_template_budget", default=None)


@contextmanager
def bounded() -> Iterator[None]:
    """Give the renders inside this block one budget (see the module docstring)."""
    token = _CURRENT.set(_Budget())
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> _Budget:
    budget = _CURRENT.get()
    if budget is None:
        raise LimitExceeded("模板只能在 perfgen 的渲染中运行")
    return budget


def charge_output(value: Any) -> None:
    """Charge a value a template prints (refusing a container that would print too long)."""
    if isinstance(value, str):
        current().charge(len(value))
    elif isinstance(value, list | tuple | dict | set | frozenset):
        current().charge(printed(value))


def printed(value: Any) -> int:
    """About how many characters ``str(value)`` makes; stops counting past :data:`MAX_TEXT`."""
    total, stack = 0, [value]
    while stack and total <= MAX_TEXT:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item) + 4
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 8
    if total > MAX_TEXT:
        raise LimitExceeded(f"模板生成的文字超过上限（{MAX_TEXT:,} 字符）")
    return total


_SIZED = (str, list, tuple, dict, set, frozenset)


def size(value: Any) -> int:
    return len(value) if isinstance(value, _SIZED) else 0


def _too_long(length: int) -> None:
    if length > MAX_TEXT:
        raise LimitExceeded(f"模板生成的文字超过上限（{MAX_TEXT:,} 字符）")


def check_format(text: Any) -> None:
    if isinstance(text, str) and _WIDE.search(text):
        raise LimitExceeded("格式串中的宽度或精度过大")


def check_arguments(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_ARGUMENT:
            raise LimitExceeded(f"传给过滤器或方法的数字过大（上限 {MAX_ARGUMENT:,}）")


def estimate(name: str, target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a ``join``, ``replace``, ``indent``, ``wordwrap`` or ``format`` whose result would
    be too long, before it is made."""
    if not isinstance(target, str):
        if name == "join" and isinstance(target, list | tuple):
            separator = args[0] if args else kwargs.get("d", "")
            _too_long(len(target) * len(str(separator)) + sum(size(i) for i in target))
        return
    if name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        matches = target.count(old) if old else len(target) + 1
        _too_long(len(target) + matches * len(new))
    elif name == "join" and args and isinstance(args[0], list | tuple):
        _too_long(len(args[0]) * len(target) + sum(size(i) for i in args[0]))
    elif name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        per_line = len(width) if isinstance(width, str) else int(width)
        _too_long(len(target) + per_line * (target.count("\n") + 1))
    elif name == "wordwrap":
        breaks = len(target) // max(int(args[0] if args else kwargs.get("width", 79)), 1) + 1
        wrap = args[2] if len(args) > 2 else kwargs.get("wrapstring", "\n")
        _too_long(len(target) + breaks * len(str(wrap or "\n")))
    elif name == "format":
        check_format(target)


def bounded_loop(items: Any, cost: int) -> _Counted:
    """The iterable of a ``{% for %}``, charging each iteration (inserted by the sandbox)."""
    return _Counted(items, cost)


def bounded_text(text: Any) -> Any:
    """The result of ``~``, charged (inserted by the sandbox)."""
    current().charge(size(text))
    return text


class _Counted:
    """An iterable whose iterations are charged to the render's budget; sized when its
    items are (``loop.length``)."""

    __slots__ = ("_cost", "_items")

    def __init__(self, items: Any, cost: int) -> None:
        self._items, self._cost = items, cost

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        budget = current()
        for item in self._items:
            budget.charge(self._cost, 1)
            yield item


def safe_range(*args: int) -> range:
    """Jinja's ``range``, refused past :data:`MAX_ITERATIONS` before a loop starts."""
    numbers = range(*args)
    try:
        length = len(numbers)
    except OverflowError:
        length = MAX_ITERATIONS + 1
    if length > MAX_ITERATIONS:
        raise LimitExceeded(f"模板的循环次数超过上限（{MAX_ITERATIONS:,} 次）")
    return numbers


def check_repeat(left: Any, right: Any) -> None:
    sequence, times = (left, right) if isinstance(right, int) else (right, left)
    if isinstance(sequence, str | list | tuple) and isinstance(times, int):
        _too_long(len(sequence) * times)
    elif (
        isinstance(left, int)
        and isinstance(right, int)
        and left.bit_length() + right.bit_length() > MAX_BITS
    ):
        raise LimitExceeded("模板计算的数字过大")


def check_power(left: Any, right: Any) -> None:
    if not (isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0):
        return
    if right > MAX_BITS or right * left.bit_length() > MAX_BITS:
        raise LimitExceeded("模板计算的数字过大")
