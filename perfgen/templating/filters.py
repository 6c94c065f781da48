"""The template filters: how a figure or a list is written in the report's Chinese.

Filters only format. A figure arrives rounded to its printed precision (:mod:`perfgen.figures`)
and is written as it is: ``wan`` and ``pts`` pad to two decimals and raise rather than round,
``pct`` writes the digits it is given. A pending figure (:data:`~perfgen.placeholders.PENDING`)
is written as the highlighted placeholder 【待填写】 by every number filter. Wording that
depends on a sign (增加/减少, 提高/下降) is decided here, once, for every template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import jinja2

from perfgen import arithmetic
from perfgen.figures import Change
from perfgen.input.settings import Settings
from perfgen.markdown import Md, chinese_number, escape
from perfgen.narrative.numbering import unnumbered
from perfgen.narrative.punctuation import CLOSERS, CLOSING_QUOTES
from perfgen.placeholders import FILL, PENDING, Pending

PENDING_TEXT = escape(FILL)
"""How a pending figure prints: the placeholder, highlighted (a Markdown code span)."""

Number = Decimal | int | Pending


class MissingFigure(ValueError):
    """A number filter got ``None``: the template prints a figure that does not apply without
    asking ``is not none`` first (a template bug, reported with its template and line)."""


def _pending(value: object) -> bool:
    if value is None:
        raise MissingFigure("数字不存在（为 none）：输出前须先判断 is not none")
    return value is PENDING


def _reads(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a filter that takes the context with the names it reads from it (the sandbox keeps
    an import whose module's values these are: :mod:`perfgen.templating.imports`)."""

    def mark(function: Callable[..., Any]) -> Callable[..., Any]:
        function.context_names = frozenset(names)  # type: ignore[attr-defined]
        return function

    return mark


@_reads("settings")
@jinja2.pass_context
def wan(ctx: jinja2.runtime.Context, value: Number) -> Md:
    """万元 with two decimals (thousands separators by setting): ``11.4`` → ``11.40``."""
    if _pending(value):
        return PENDING_TEXT
    settings: Settings = ctx["settings"]
    return Md(arithmetic.money(Decimal(value), settings.thousands_separator))  # type: ignore[arg-type]


def pct(value: Number) -> Md:
    """A percentage as computed or typed, with its sign: ``99.80`` → ``99.80%``, ``10`` →
    ``10%``."""
    if _pending(value):
        return PENDING_TEXT
    return Md(arithmetic.as_typed(Decimal(value)) + "%")  # type: ignore[arg-type]


def pp(value: Number) -> Md:
    """A rate's change in 个百分点: 提高2.64个百分点 / 下降…个百分点 / 持平 (docs/domain.md §2)."""
    if _pending(value):
        return PENDING_TEXT
    value = Decimal(value)  # type: ignore[arg-type]
    if value == 0:
        return Md("持平")
    return Md(f"{'提高' if value > 0 else '下降'}{arithmetic.as_typed(abs(value))}个百分点")


@_reads("settings")
@jinja2.pass_context
def yoy(ctx: jinja2.runtime.Context, change: Change, unit: str = "万元") -> Md:
    """增加198.68万元，增幅8.58% / 减少…，降幅… / 持平 — wording by sign (docs/domain.md §2)."""
    if _pending(change.amount):
        return PENDING_TEXT
    amount = Decimal(change.amount)  # type: ignore[arg-type]
    if amount == 0:
        return Md("持平")
    up = amount > 0
    text = f"{'增加' if up else '减少'}{wan(ctx, abs(amount))}{unit}"
    if change.rate is not None:
        rate = change.rate if _pending(change.rate) else abs(change.rate)  # type: ignore[arg-type]
        text += f"，{'增幅' if up else '降幅'}{pct(rate)}"
    return Md(text)


def num(value: Number) -> Md:
    """A count or an indicator's value as typed, without trailing zeros (88, 1300, 4.5)."""
    if _pending(value):
        return PENDING_TEXT
    return Md(arithmetic.plain(Decimal(value)))  # type: ignore[arg-type]


def actual(result: Any) -> Md:
    """An indicator's actual value without its unit, as the tables print it: ``88``, ``约1300``
    (approximate), its outcome (``达成``) when it has no value, else ``—``. ``result`` is an item
    of ``figures.indicators`` or a 自评表 row's ``result``. A filter rather than the macro it was
    (``m.actual``, which calls it): printed once per indicator in each table, a macro call cost
    most of the time of a 10,000-row table."""
    value = result.actual
    if value is not None:
        return Md(("约" if result.indicator.approximate else "") + num(value))
    achieved = result.indicator.achieved
    return achieved if achieved else Md("—")


def pts(value: Number) -> Md:
    """Points (分) as computed: ``9.47``; a score at 0 decimals prints ``99``."""
    if _pending(value):
        return PENDING_TEXT
    return Md(arithmetic.as_typed(Decimal(value)))  # type: ignore[arg-type]


def verdict(value: bool | Pending | None, yes: str, no: str) -> Md:
    """Words for a decision of the figures: ``yes`` when true, ``no`` when false:
    ``figures.carryover.within_target | verdict("未超过", "超过")``."""
    if value is None or _pending(value):
        return PENDING_TEXT
    return Md(yes if value else no)


def label(value: str | Pending) -> Md:
    """A label of the figures (such as the grade ``优``), or the placeholder while pending."""
    if _pending(value):
        return PENDING_TEXT
    return value if isinstance(value, Md) else escape(str(value))


def cn(value: int) -> Md:
    """An ordinal in Chinese numerals: 任务二, 一是…二是…"""
    return Md(chinese_number(value))


def count(value: int) -> Md:
    """A quantity before a measure word in Chinese numerals: 3 → 三, but 2 → 两 (两个机构)."""
    return Md("两" if value == 2 else chinese_number(value))


def date_cn(value: dt.date) -> Md:
    """A date as 2023年6月14日: Arabic numerals, full year, no zero padding (docs/domain.md §4)."""
    return Md(f"{value.year}年{value.month}月{value.day}日")


def _text_of(item: Any) -> str:
    """Text of a string or a point (its title run into its text), trailing punctuation removed."""
    if isinstance(item, str):
        return item.rstrip("。；;，,")
    text = "".join(item.text)
    if item.title:
        text = f"{item.title}{run_in_separator(item.title, text)}{text}"
    return text.rstrip("。；;，,")


def run_in_separator(title: str, text: str) -> Md:
    """What stands between a run-in title and its text: “：”, or nothing when the title ends
    with punctuation or there is no text (“1.人大会议：全年……”)."""
    return Md("" if not text or title.endswith(CLOSERS + CLOSING_QUOTES) else "：")


def inline(items: Iterable[Any]) -> Md:
    """An inline enumeration 一是…；二是…；三是… without the final 。 (docs/domain.md §4)."""
    texts = unnumbered([_text_of(item) for item in items])  # the enumeration numbers them
    if len(texts) == 1:
        return Md(texts[0])
    return Md("；".join(f"{chinese_number(i)}是{text}" for i, text in enumerate(texts, 1)))


def hashes(level: int) -> Md:
    """The Markdown heading marker of a depth: 4 → ``####``."""
    return Md("#" * level)


def join_cn(items: Iterable[str]) -> Md:
    """Names joined with the Chinese enumeration comma: A、B、C."""
    return Md("、".join(items))


FILTERS: dict[str, Callable[..., Md]] = {
    "wan": wan,
    "pct": pct,
    "pp": pp,
    "yoy": yoy,
    "num": num,
    "actual": actual,
    "pts": pts,
    "verdict": verdict,
    "label": label,
    "cn": cn,
    "count": count,
    "date_cn": date_cn,
    "inline": inline,
    "run_in_separator": run_in_separator,
    "hashes": hashes,
    "join_cn": join_cn,
}
"""Every filter, by the name templates use (documented with examples in docs/templates.md)."""
