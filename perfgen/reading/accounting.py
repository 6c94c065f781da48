"""Where every character of a report's source went: placed in a field, kept verbatim, or left to
perfgen to write again from the figures read.

Each source paragraph is cut into sentences (and a run-in heading's title from its text); a
sentence perfgen writes again is *regenerated*; one found verbatim in a narrative field or an
unplaced section is *kept*; one found in a structured field (a title, a list item, a name) or
recognised as a heading of perfgen's outline is *placed*; a heading's number is perfgen's to
print again. What is found nowhere is unaccounted for, and ``import`` says so rather than
claiming the text was kept. The lines left out as not part of the report (page numbers, running
headers, web-page chrome, a contents list) are counted apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from perfgen.reading.numbering import number_of
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
    """

    total: int
    placed: int
    kept: int
    regenerated: int
    unaccounted: int
    left_out: int

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
    if isinstance(node, str):
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
    titles = {b.number for b in outline.title_blocks}
    if outline.attachment_label and imported.source:
        titles.add(imported.source[0].number)
    aside = {b.number for b in outline.contents} | {b.number for b, _ in outline.front.left_out}
    kept_text, placed_text = "\n".join(kept_strings), "\n".join(placed_strings)
    regenerated_by_block: dict[int, list[str]] = {}
    for block, sentence in imported.regenerated:
        regenerated_by_block.setdefault(block.number, []).append(sentence)
    placed = kept = regenerated = unaccounted = 0
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
                text = text.replace(sentence.strip(), "", 1)
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
        value = text.strip("| ")
        if value.isdigit() and value in previous_regenerated:
            text = value
            regenerated += len(text)  # a form's value, read with the label before it
            continue
        for piece in _PIECE.split(text):
            core = piece.strip()
            if not core:
                continue
            bare = core.rstrip("。；;！？!?：:，, ")
            if bare and bare in kept_text:
                kept += len(core)
            elif bare and bare in placed_text:
                placed += len(core)
            elif not bare:
                kept += len(core)
            else:
                unaccounted += len(core)
    total = placed + kept + regenerated + unaccounted
    return Account(total, placed, kept, regenerated, unaccounted, len(imported.left_out))
