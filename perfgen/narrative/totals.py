"""A total and its parts as the narrative states them: “总支出100.00万元，其中基本支出60.00万元，
项目支出50.00万元”.

A *breakdown* is the amount named as a total of money spent (支出) or received (收入) — or
as 基本支出, the whole of 人员经费 and 公用经费 — that
stands last before a “其中” in its sentence or the sentence before, and the amounts of the same
kind written after the “其中” up to the end of that sentence (。). Parts of another kind (a
rate, an amount received among amounts spent), of another period or of subordinate units are
not parts; a breakdown with a comparison or a stock figure (上年、同比、原值、净值、累计) is not
read at all.

Whether the parts claim to be the whole is the rule's question: only the splits every budget
makes are complete (支出 = 基本支出 + 项目支出; 基本支出 = 人员经费 + 公用经费).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from perfgen.narrative.mentions import Mention, amounts
from perfgen.narrative.passages import Passage
from perfgen.narrative.subjects import other_periods, subordinate

_WHERE = re.compile(r"其中")
_FULL_STOP = re.compile(r"[。！？!?\n]")
_SPENT = re.compile(r"(?:支出|经费|支出决算|决算支出|支出决算数|支出总额|支出合计)$")
_RECEIVED = re.compile(r"(?:收入|拨款|收入决算|收入总额|收入合计)$")
_TOTAL = re.compile(r"总|合计|共计|总计|全年|年度|本年|决算")
_NOT_A_PART = re.compile(r"上年|去年|同比|较|比|原值|净值|累计|增加|减少|增长|下降|结转|结余|占")
LEAD = re.compile(r"^(?:其中|[，,：:、\s])+")
"""What opens a part's label and is not its name: “其中”, punctuation."""
_NESTED = re.compile(r"其中|含|包括|包含|[（(][^）)]*\d[^）)]*[）)]")


@dataclass(frozen=True)
class Breakdown:
    """A total and the parts listed after its “其中”.

    Attributes:
        total: The total as a mention (its label says what it totals).
        parts: The parts, each a mention whose label is cleaned of “其中”.
        kind: ``spent`` or ``received``.
    """

    total: Mention
    parts: tuple[Mention, ...]
    kind: str


def kind_of(label: str) -> str | None:
    """``spent`` for an amount named as money spent, ``received`` for money received."""
    if _SPENT.search(label):
        return "spent"
    if _RECEIVED.search(label):
        return "received"
    return None


def part_name(mention: Mention) -> str:
    """A part's label without the “其中” and punctuation before it."""
    return LEAD.sub("", mention.label)


def breakdowns(
    passage: Passage, year: int, written: Sequence[Mention] | None = None
) -> Iterator[Breakdown]:
    """Every breakdown of ``passage`` (see the module docstring).

    Args:
        passage: The text.
        year: The year evaluated (parts of another period are not parts).
        written: The passage's amounts when the caller has read them already
            (:func:`perfgen.narrative.mentions.amounts`, as the rules' context reads them once
            for every rule), else ``None`` and they are read here.
    """
    text = passage.text
    if "其中" not in text:  # (a string search: the regex engine reads a text more slowly)
        return  # no 其中: no breakdown, and its amounts need not be read
    found = [m for m in (amounts(passage) if written is None else written) if not m.approximate]
    for where in _WHERE.finditer(text):
        stop = _FULL_STOP.search(text, where.end())
        end = stop.start() if stop else len(text)
        opened = max(text.rfind("（", 0, where.start()), text.rfind("(", 0, where.start()))
        if opened >= 0 and not re.search(r"[）)]", text[opened : where.start()]):
            closing = re.compile(r"[）)]").search(text, where.end())
            end = min(end, closing.start()) if closing else end  # a 其中 inside brackets
        before = text.rfind("。", 0, where.start())
        begin = text.rfind("。", 0, before) + 1 if before >= 0 else 0
        if before >= 0 and text[before + 1 : where.start()].strip(" ，,"):
            begin = before + 1  # the 其中 opens no sentence: its total is in its own
        region = text[where.end() : end]
        if _NESTED.search(region):
            continue  # a part broken down in turn: which amounts are parts of which, unsure
        parts = [m for m in found if where.start() <= m.start < end]
        if not parts or any(_NOT_A_PART.search(m.label) for m in parts):
            continue
        kinds = {kind_of(part_name(m)) for m in parts}
        if len(kinds) != 1 or None in kinds:
            continue
        kind = kinds.pop()
        totals = [
            m
            for m in found
            if begin <= m.start < where.start()
            and kind_of(m.label) == kind
            and (_TOTAL.search(m.label) or m.label.endswith("基本支出"))
        ]
        if not totals:
            continue
        total = totals[-1]
        elsewhere = any(other_periods(m, year) or subordinate(m.label) for m in (total, *parts))
        if elsewhere or _NOT_A_PART.search(total.label) or kind is None:
            continue
        yield Breakdown(total, tuple(parts), kind)
