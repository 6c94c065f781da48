"""The indicator rows of a 自评表 flattened to text (or a Word table), read by a grammar of its
cells, as :mod:`perfgen.reading.form_cells` reads its funding rows.

The block starts at a header naming the indicator (三级指标 or 指标名称) and its target (年度
指标值, 指标值, 目标值); then each row is a name cell and four value cells in the order of the
standard form (docs/domain.md §3): 年度指标值, 实际完成值, 分值, 得分. The target and the actual
value are quantities in the same unit (“1.2万亩”, “85%”, “1100万元”); 分值 and 得分 are bare
numbers, the score not above the weight. The text cells between rows name its groups: an
一级指标 (产出指标, 效益指标, 满意度指标 — the kind), then a 二级指标 (“数量” + “指标”); a weight
written beside a group (“（50）”, “30分）”) is left out. A row whose values do not fit (a
qualitative “显著”, “每亩300” with no unit, a cell left empty) is not read: its text stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from perfgen.reading.form_cells import Cell, cells_of
from perfgen.reading.source import Block

if TYPE_CHECKING:
    from perfgen.reading.placing import Placer

_HEADER = re.compile(r"(?:三级指标|指标名称).{0,12}?(?:年度)?(?:指标值|目标值)")
_QUANTITY = re.compile(r"(\d{1,10}(?:\.\d{1,4})?)([%％]|[^\d\s.%％，。；]{1,4})?")
_POINTS = re.compile(r"\d{1,3}(?:\.\d{1,2})?")
_KINDS = (("产出", "output"), ("效益", "outcome"), ("满意", "satisfaction"))
_LEVEL1 = re.compile(r"(产出|效益|满意度?)指标")
_NOISE = re.compile(r"[（(]?\d{1,3}分?[)）]|……|\.\.\.")
_MOST_NAME = 30
"""Most characters of an indicator's name; a longer cell is text, not a row."""


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator read from a form's row: as :class:`perfgen.input.model.Indicator` takes it
    (kind, level1, level2, name, target, actual, unit, weight, score), and its cells."""

    fields: dict[str, object]
    cells: tuple[Cell, ...]

    @property
    def quote(self) -> str:
        """The row's cells, as the YAML's comment quotes them."""
        return " | ".join(c.text for c in self.cells)


def _quantity(text: str) -> tuple[Decimal, str] | None:
    if (match := _QUANTITY.fullmatch(text)) is None:
        return None
    unit = match[2] or ""
    return Decimal(match[1]), "%" if unit in ("%", "％") else unit


def _points(text: str) -> Decimal | None:
    return Decimal(text) if _POINTS.fullmatch(text) and Decimal(text) <= 100 else None


def _row(cells: Sequence[Cell]) -> dict[str, object] | None:
    """A name and its four values (target, actual, weight, score), or ``None``."""
    name, *values = (c.text for c in cells)
    if len(values) != 4 or len(name) > _MOST_NAME or _quantity(name) or _LEVEL1.fullmatch(name):
        return None
    target, actual = _quantity(values[0]), _quantity(values[1])
    weight, score = _points(values[2]), _points(values[3])
    if target is None or actual is None or weight is None or score is None:
        return None
    if target[1] != actual[1] or score > weight:
        return None  # not one unit, or not a 分值 and its 得分
    return {"name": name, "target": target[0], "actual": actual[0], "unit": target[1]} | {
        "weight": weight,
        "score": score,
    }


def read_indicator_rows(blocks: Sequence[Block]) -> list[IndicatorRow]:
    """The indicator rows of the forms among ``blocks`` (see the module docstring)."""
    cells = cells_of(blocks)
    found: list[IndicatorRow] = []
    at = _start(cells)
    level1: str | None = None
    level2: str | None = None
    between: list[str] = []
    while at is not None and at < len(cells):
        fields = _row(cells[at : at + 5])
        if fields is None:
            between.append(cells[at].text)
            at += 1
            continue
        level1, level2 = _groups(between, level1, level2)
        between = []
        kind = next((k for word, k in _KINDS if level1 and word in level1), None)
        grouped = {"kind": kind, "level1": level1, "level2": level2}
        fields = {k: v for k, v in grouped.items() if v} | fields
        found.append(IndicatorRow(fields, tuple(cells[at : at + 5])))
        at += 5
    return found


def _start(cells: Sequence[Cell]) -> int | None:
    """Where the rows start: after the header naming the indicator and its target."""
    for at in range(len(cells)):
        joined = "".join(c.text for c in cells[at : at + 12])
        if (match := _HEADER.match(joined)) is not None:
            taken, length = at, 0
            while taken < len(cells) and length < match.end():
                length += len(cells[taken].text)
                taken += 1
            return taken
    return None


def _groups(between: list[str], level1: str | None, level2: str | None) -> tuple[str | None, ...]:
    """The groups the text cells before a row name: a new 一级指标 (a cell, or two joined)
    resets the 二级指标, which is the last cell when it ends in 指标, or the last two joined
    when the last is a fragment (“数量” + “指标”, “经济效” + “益指标”)."""
    cells = [c for c in (_NOISE.sub("", c) for c in between) if c]
    for n in range(len(cells) - 1, -1, -1):
        for width in (1, 2):
            if _LEVEL1.fullmatch("".join(cells[n : n + width])):
                level1, level2, cells = "".join(cells[n : n + width]), None, cells[n + width :]
                break
        else:
            continue
        break
    last = cells[-1] if cells else ""
    tail = last if len(last) >= 4 else "".join(cells[-2:])  # “指标”, “益指标”: split names
    if tail.endswith("指标") and 2 < len(tail) <= 12 and not _LEVEL1.fullmatch(tail):
        level2 = tail
    return level1, level2


def place_indicator_rows(placer: Placer, blocks: Sequence[Block]) -> None:
    """Put the indicator rows of the forms among ``blocks`` in 履职效能分析's indicators, each
    with the cells it was read from (the form's text is kept as written by the caller)."""
    rows = read_indicator_rows(blocks)
    if not rows:
        return
    duty = placer.data.setdefault("evaluation", {}).setdefault("duty_effectiveness", {})
    indicators = duty.setdefault("indicators", [])
    for row in rows:
        path = ("evaluation", "duty_effectiveness", "indicators", len(indicators))
        indicators.append(row.fields)
        block = row.cells[0].block
        placer.origins[path] = block
        placer.notes[path] = (f"原文（{block.where()}）：“{row.quote}”", "")
