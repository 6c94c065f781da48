"""Indicator sentences and tables read back: “名称88人次，指标完成率为110%” → an indicator with
its actual value, unit and (on import only) the target that rate implies; a row of a Word
table (指标名称 | 指标性质 | 年度指标值 | 实际完成值 | 指标完成率) gives the stated target."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from perfgen.arithmetic import HUNDRED, quantize
from perfgen.locations import FieldPath
from perfgen.reading.placing import Placer, abridged
from perfgen.reading.source import Block

_INDICATOR_KINDS = (("产出", "output"), ("效益", "outcome"), ("满意", "satisfaction"))
_RATE_TOKEN = re.compile(r"^(?:指标)?完成(?:指标)?率(?:为)?(\d+(?:\.\d+)?)%$")
_VALUED = re.compile(
    r"^(?P<name>.*?[^\d.])(?P<about>约)?(?P<actual>\d+(?:\.\d+)?)(?P<unit>[^\d，。；]{0,3})$"
)
_ACHIEVED = {Decimal(100): "达成", Decimal(80): "基本达成", Decimal(0): "未达成"}


class IndicatorReader(Placer):
    """The indicators under a 履职效能 heading of 产出/效益/满意度 指标."""

    def indicator_group(self, blocks: list[Block], kind: str, base: FieldPath) -> None:
        """The paragraphs under an indicator heading: the sentence listing the indicators, and
        a table of them (a Word table's rows give the targets; a PDF's table, flattened into
        lines without “。” or “，”, is left out — its indicators are the sentence's)."""
        for block in blocks:
            prose = "。" in block.text or "，" in block.text  # a table's lines have neither
            if block.cells:
                self.indicator_row(block, base)
            elif "完成率" in block.text and prose:
                self.indicators(block, kind, base)
            elif prose:
                self.plain((*base, "text"), block)
            else:
                self.missed.append(
                    (block, f"表格的文字“{abridged(block.text)}”未读入（指标读自上文的句子）")
                )

    def indicator_row(self, block: Block, base: FieldPath) -> None:
        """A row of perfgen's indicator table (指标名称 | 指标性质 | 年度指标值 | 实际完成值 |
        指标完成率): its target replaces the one worked out from the sentence."""
        cells = block.cells
        if len(cells) < 5 or cells[0] == "指标名称":
            return
        indicators = (
            self.data.get("evaluation", {}).get("duty_effectiveness", {}).get("indicators", [])
        )
        found = next((i for i in indicators if i.get("name") == cells[0]), None)
        target = re.match(r"^(\d+(?:\.\d+)?)", cells[2])
        if found is None or target is None or found.get("comparator") == "定性":
            return
        found["target"] = Decimal(target[1])
        found["comparator"] = cells[1] if cells[1] in ("≥", "≤", "=") else found["comparator"]
        n = indicators.index(found)
        path = (*base, "indicators", n)
        quote = self.notes.get(path, ("", ""))[0]
        self.notes[path] = (quote, f"年度指标值读自表格（{block.where()}）")

    def indicators(self, block: Block, kind: str, base: FieldPath) -> None:
        """An indicator sentence: “名称88人次，指标完成率为110%，…” → indicators, each target
        worked out from its actual value and rate when the text gives no target."""
        head, _, body = block.text.partition("：")
        tokens = [t for t in re.split(r"[，,；;。]", body or head) if t]
        found: list[dict[str, Any]] = []
        notes: list[str] = []
        for n, token in enumerate(tokens):
            rate = _RATE_TOKEN.match(token)
            if rate is None or n == 0:
                continue
            item, value = tokens[n - 1], Decimal(rate[1])
            valued = _VALUED.match(item)
            if valued and valued["name"] and not _RATE_TOKEN.match(item):
                actual = Decimal(valued["actual"])
                indicator: dict[str, Any] = {"kind": kind, "name": valued["name"]}
                indicator |= {"comparator": "≥"}
                if self.infer:  # the target is worked out; an audit judges what is stated
                    target, note = _target(actual, value, len(rate[1].partition(".")[2]))
                    if target is not None:
                        indicator["target"] = target
                else:
                    note = "原文未写年度指标值"
                indicator["actual"] = actual
                if valued["about"]:
                    indicator["approximate"] = True
                indicator["unit"] = valued["unit"].strip()
                notes.append(note)
            else:
                achieved = _ACHIEVED.get(value)
                if achieved is None:
                    self.missed.append((block, f"{item}：{token}"))
                    continue
                indicator = {"kind": kind, "name": item, "comparator": "定性", "achieved": achieved}
                notes.append(f"原文只写“{token}”，作定性指标“{achieved}”")
            found.append(indicator)
        if not found:
            self.plain((*base, "text"), block)
            return
        if self.infer:
            self.regenerated.append((block, block.text))
        else:  # what the sentence states stays for check to read
            self.plain((*base, "text"), block)
        duty = self.data["evaluation"].setdefault("duty_effectiveness", {})
        start = len(duty.setdefault("indicators", []))
        for n, (indicator, note) in enumerate(zip(found, notes, strict=True), start):
            duty["indicators"].append(indicator)
            path = (*base, "indicators", n)
            self.origins[path] = block
            self.notes[path] = (f"原文（{block.where()}）：“{abridged(block.text)}”", note)
        rates = [t for t in tokens if _RATE_TOKEN.match(t)]
        if rates and all("." not in t for t in rates):
            self.data.setdefault("settings", {})["indicator_rate_decimals"] = 0


def indicator_kind(title: str) -> str | None:
    if "指标" not in title:
        return None
    return next((kind for word, kind in _INDICATOR_KINDS if word in title), None)


def _target(actual: Decimal, rate: Decimal, decimals: int) -> tuple[Decimal | None, str]:
    """The target an indicator had, worked out from its actual value and its completion rate
    as printed: of the numbers that give exactly that rate, the roundest (80 for 88 and 110%;
    900 for 1300 and 144%); ``None`` for a rate of 0% (any target gives it).

    The roundest is found digit by digit (the largest power of ten with a multiple in the
    range, then its multiples there, fewer than ten), never by listing the range: a count of
    10^11 gives a range of 10^9 numbers.
    """
    if not rate:
        return None, "原文未写年度指标值，完成率为 0%，无法反推，请填写"
    half = Decimal(5).scaleb(-decimals - 1)
    low = int(actual * HUNDRED / (rate + half)) + 1
    high = int(actual * HUNDRED / (rate - half)) if rate > half else int(actual * HUNDRED)
    exact = actual * HUNDRED / rate
    candidates: list[Decimal] = []
    for power in range(len(str(high)), -1, -1) if high >= low else ():
        step = 10**power
        first = -(-low // step) * step
        if first <= high:
            candidates = [Decimal(n) for n in range(first, high + 1, step)]
            break
    if not candidates:
        value = quantize(exact, 2)
    else:
        value = max(candidates, key=lambda c: (_zeros(c), -abs(c - exact)))
    note = (
        f"原文未写年度指标值，按 实际值 {actual} ÷ 完成率 {rate}% 反推，"
        f"取能得出该完成率的最整的数 {value}"
    )
    return value, note


def _zeros(value: Decimal) -> int:
    digits = str(int(value))
    return len(digits) - len(digits.rstrip("0"))
