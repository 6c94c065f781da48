"""Where every character of a report's source went: placed in a field, kept verbatim, or left to
perfgen to write again from the figures read.

Each source paragraph is cut into sentences (and a run-in heading's title from its text); a
sentence perfgen writes again is *regenerated*; one found verbatim in a narrative field or an
unplaced section is *kept*; one found in a structured field (a title, a list item, a name) or
recognised as a heading of perfgen's outline is *placed*; a heading's number is perfgen's to
print again, and so is a label alone before its value (“任务一：”, “结转结余率：”) that the
reader took as the name of what follows. What is found nowhere is unaccounted for, and
``import`` says so rather than claiming the text was kept. The lines left out as not part of
the report (page numbers, running headers, web-page chrome, a contents list) are counted apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfgen.input.settings import PRESET_TITLES
from perfgen.narrative.numbering import number_of
from perfgen.reading.outline import heading_title
from perfgen.reading.placing import Imported

_PIECE = re.compile(r"(?<=[。；;！？!?：:])")
_NARRATIVE = {"text", "conclusion", "outcomes", "closing", "unplaced"}


@dataclass(frozen=True)
class Account:
    """The share of a source's characters in each fate.

    Attributes:
        total: The characters of the report's paragraphs (what was left out aside).
        placed: In structured fields or recognised as headings.
        kept: Verbatim in narrative fields or unplaced sections.
        regenerated: Written again by perfgen from the figures read (numbers of headings too).
        unaccounted: Found nowhere.
        left_out: Lines left out as not part of the report.
        lost: The pieces found nowhere, with the number of their paragraph.
    """

    total: int
    placed: int
    kept: int
    regenerated: int
    unaccounted: int
    left_out: int
    lost: tuple[tuple[int, str], ...] = ()

    def share(self, count: int) -> str:
        """``count`` as a percentage of the total, one decimal (“99.6%”)."""
        if not self.total:
            return "0%"
        tenths = (count * 1000 + self.total // 2) // self.total
        return f"{tenths // 10}.{tenths % 10}%"

    def for_user(self) -> str:
        """The account in Chinese, as ``import`` prints it."""
        text = (
            f"原文 {self.total} 字：放入字段 {self.share(self.placed)}，"
            f"原样保留 {self.share(self.kept)}，由 perfgen 按读入的数字重写 "
            f"{self.share(self.regenerated)}"
        )
        if self.unaccounted:
            text += f"；未能保留 {self.share(self.unaccounted)}（{self.unaccounted} 字）"
        if self.left_out:
            text += f"。另有 {self.left_out} 行网页信息、页码、目录等不属于报告，未读入"
        return text + "。"


def _strings(node: Any, narrative: bool, out: tuple[list[str], list[str]]) -> None:
    if isinstance(node, dt.date):
        out[1].append(f"{node.year}年{node.month}月{node.day}日")
    elif isinstance(node, Decimal | int) and not isinstance(node, bool):
        out[1].append(f"{node}")
    elif isinstance(node, str):
        out[0 if narrative else 1].append(node)
    elif isinstance(node, dict):
        for key, value in node.items():
            _strings(value, narrative or key in _NARRATIVE, out)
    elif isinstance(node, list | tuple):
        for value in node:
            _strings(value, narrative, out)


def account(imported: Imported) -> Account:
    """Where the characters of ``imported``'s source went (see the module docstring)."""
    kept_strings: list[str] = []
    placed_strings: list[str] = []
    _strings(imported.data, False, (kept_strings, placed_strings))
    outline = imported.outline
    headings = {b.number for p in outline.parts for b in [p.heading] if p.key}
    headings |= {s.heading.number for p in outline.parts for s in p.sections if s.key and s.heading}
    titles = {b.number for b in [*outline.title_blocks, *outline.wrapped]}
    if outline.attachment_label and imported.source:
        titles.add(imported.source[0].number)
    aside = {b.number for b in outline.contents} | {b.number for b, _ in outline.front.left_out}
    placed_strings += [t for titles_ in PRESET_TITLES.values() for t in titles_.values()]
    kept_text, placed_text = "\n".join(kept_strings), "\n".join(placed_strings)
    regenerated_by_block: dict[int, list[str]] = {}
    for block, sentence in imported.regenerated:
        regenerated_by_block.setdefault(block.number, []).append(sentence)
    placed = kept = regenerated = unaccounted = 0
    lost: list[tuple[int, str]] = []
    previous_regenerated = ""
    for block in imported.source:
        text = block.text
        previous_regenerated = "".join(regenerated_by_block.get(block.number - 1, []))
        if block.number in aside:
            continue  # left out, and counted with the lines left out
        if block.number in titles:
            placed += len(text)
            continue
        mine = regenerated_by_block.get(block.number, [])
        if any(text.strip("| ") in sentence for sentence in mine):
            regenerated += len(text)  # a form's label, read with the value after it
            continue
        for sentence in mine:
            if sentence.strip() and sentence.strip() in text:
                text = _cut(text, sentence.strip())
                regenerated += len(sentence.strip())
        number = number_of(text)
        if number is not None:
            regenerated += len(number.written)
            text = number.rest
        if block.number in headings:
            title, text = heading_title(text)
            placed += len(title)
            if not text:
                continue
            run_in = number_of(text)  # a numbered item run into the heading (“问题。1.…”)
            if run_in is not None and run_in.rest.strip():
                regenerated += len(run_in.written)
                text = run_in.rest
        value = text.strip("| ")
        if value.isdigit() and value in previous_regenerated:
            text = value
            regenerated += len(text)  # a form's value, read with the label before it
            continue
        for piece in _PIECE.split(text):
            for core, fate in _fates(piece.strip(), kept_text, placed_text):
                if fate == "kept":
                    kept += len(core)
                elif fate == "placed":
                    placed += len(core)
                elif fate == "regenerated":
                    regenerated += len(core)
                else:
                    unaccounted += len(core)
                    lost.append((block.number, core))
    total = placed + kept + regenerated + unaccounted
    left_out = len(imported.left_out)
    return Account(total, placed, kept, regenerated, unaccounted, left_out, tuple(lost))


def _cut(text: str, sentence: str) -> str:
    """``text`` without ``sentence`` (which it holds): where it stands as a sentence of its own
    (after a sentence's end, else after a clause's), else where it is first found (“编制数1人。
    编制数1” loses its second sentence, not the first's words)."""
    for bounds in ("。；;！？!?", "。；;！？!?：:，,、 |"):
        at = text.find(sentence)
        while at >= 0:
            end = at + len(sentence)
            if (at == 0 or text[at - 1] in bounds) and (
                end == len(text) or text[end] in bounds or sentence[-1] in bounds
            ):
                return text[:at] + text[end:]
            at = text.find(sentence, at + 1)
    at = text.find(sentence)
    return text[:at] + text[at + len(sentence) :]


_CLAUSE = re.compile(r"(?<=[，,、；;])")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、])")
_LEAD_IN = re.compile(r"^[^，,。；;]{1,10}?(?:是|为|：|:)")
"""A label and its copula before a value (“主要实施内容是…”): perfgen prints its own."""
_LABEL = re.compile(r"^[^，,。；;：:]{1,12}[：:]$")
"""A label on its own before its value: perfgen's templates print their own."""
_PUNCTUATION = "。；;！？!?：:，,、. "


def _fates(piece: str, kept_text: str, placed_text: str) -> list[tuple[str, str]]:
    """Where a sentence went: kept, placed, regenerated or lost (``""``), whole or by clause.

    A sentence not found whole is looked for clause by clause, each without a leading ordinal
    (一是) or a short label and its copula (perfgen writes its own); what is left of a clause
    that is punctuation, an ordinal or such a label is perfgen's to write again.
    """
    if not piece:
        return []
    if _LABEL.match(piece):
        return [(piece, "regenerated")]  # “任务一：”, “结转结余率：”: perfgen prints its own
    found = _fate(piece, kept_text, placed_text)
    if found:
        return [(piece, found)]
    fates: list[tuple[str, str]] = []
    for clause in _CLAUSE.split(piece):
        bare = clause.strip().rstrip(_PUNCTUATION)
        if not bare:
            fates.append((clause, "regenerated"))
            continue
        found = _fate(bare, kept_text, placed_text)
        if not found and (head := _ORDINAL.match(bare) or _LEAD_IN.match(bare)):
            rest = bare[head.end() :]
            found = _fate(rest, kept_text, placed_text) if rest else "regenerated"
            if found:
                fates.append(
                    (clause[: len(clause) - len(clause.lstrip()) + head.end()], "regenerated")
                )
                clause = clause[len(clause) - len(clause.lstrip()) + head.end() :]
        fates.append((clause, found))
    return fates


def _fate(text: str, kept_text: str, placed_text: str) -> str:
    bare = text.strip().rstrip(_PUNCTUATION)
    if not bare:
        return "regenerated"
    if bare in kept_text:
        return "kept"
    if bare in placed_text:
        return "placed"
    number = number_of(bare)
    if number is not None and number.rest and _fate(number.rest, kept_text, placed_text):
        return _fate(number.rest, kept_text, placed_text)
    return ""
