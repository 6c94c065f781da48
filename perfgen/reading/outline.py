"""The outline of a published report: its title, its parts and sections, and their headings.

Heading levels come from the form of the number, never from its value (published numbering
skips and repeats, domain.md §9): 一、 is a part, （一） a section (half- or full-width
brackets, with or without a trailing 。 or ：), 1. or 1、 a point, （1） a sub-point, ① below
that. Parts and sections are matched to the fields of perfgen's outline by the words of their
titles (部门职能 or 部门概况, 收支, 履职效能 …); the preset is ``legacy`` when the report uses
the old titles, and any title that differs from the preset's becomes a ``section_titles``
override. What lies below a section (points, lists, sentences) is the assembler's to read.

What it cannot see: a section whose title shares no word with perfgen's is kept as narrative of
the section before it (reported as not understood); headings without numbers are paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfgen.input.settings import PRESET_TITLES
from perfgen.reading.source import Block

PART = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*(.*)$")
SECTION = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.*)$")
POINT = re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*(.*)$")
SUBPOINT = re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(.*)$")
CIRCLED = re.compile(r"^([\u2460-\u2473])\s*(.*)$")
ATTACHMENT_LABEL = re.compile(r"^附件\s*\d*$")

PARTS: tuple[tuple[str, str], ...] = (
    ("basic_info", "基本情况"),
    ("evaluation", "自评情况|评价分析|评价情况"),
    ("problems", "问题"),
    ("measures", "措施|改进"),
    ("attachments", "附件"),
)
"""Part keys and the words their titles contain."""

SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "basic_info": (
        ("functions", "职能|概况"),
        ("annual_work", "年度总体工作|重点工作任务"),
        ("performance_goals", "支出绩效目标|绩效目标"),
        ("finances", "收支"),
        ("performance_management", "绩效管理"),
    ),
    "evaluation": (
        ("conclusion", "自评结论"),
        ("task_completion", "各项工作任务|任务绩效目标完成情况"),
        ("duty_effectiveness", "履职效能|履职绩效"),
        ("management_efficiency", "管理效率"),
        ("outcomes", "工作成效"),
    ),
}
"""Section keys under each part and the words their titles contain (first match wins)."""

_TRAILING = "。：:；;，,. "


def clean_title(text: str) -> str:
    """A heading's title without its trailing punctuation (“部门职能。” → “部门职能”)."""
    return text.strip().rstrip(_TRAILING)


@dataclass
class Section:
    """A section of the report (a （一） heading, or the part itself when it has none).

    Attributes:
        key: perfgen's name for it (``functions``, ``finances`` …), ``""`` when not understood.
        title: Its title as printed, trailing punctuation removed.
        heading: The heading block (``None`` for the body of a part without sections).
        blocks: The blocks below the heading, in order.
    """

    key: str
    title: str
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Part:
    """A part of the report (一、 二、 …) and its sections.

    Attributes:
        key: ``basic_info``, ``evaluation``, ``problems``, ``measures``, ``attachments``, or
            ``""`` when not understood.
        title: Its title as printed, trailing punctuation removed.
        heading: The heading block.
        sections: Its sections; the blocks before the first （一） form a section with key ``""``
            and no heading.
    """

    key: str
    title: str
    heading: Block
    sections: list[Section] = field(default_factory=list)


@dataclass
class Outline:
    """The whole report.

    Attributes:
        title: The title (the blocks before the first part, joined).
        title_blocks: Those blocks.
        attachment_label: “附件 2” when the first block is one.
        parts: The parts, in order.
        tail: Blocks after the last part that end the document (signature), if any.
    """

    title: str
    title_blocks: list[Block]
    attachment_label: str | None
    parts: list[Part]

    def preset(self) -> str:
        """``legacy`` when the report uses the old titles (基本情况 / 部门概况 / 综合评价分析
        with 各项工作任务…), else ``standard``."""
        keys = {s.key for p in self.parts for s in p.sections}
        titles = {p.key: p.title for p in self.parts} | {
            s.key: s.title for p in self.parts for s in p.sections
        }
        if "task_completion" in keys or "outcomes" in keys:
            return "legacy"
        if titles.get("functions", "").endswith("概况"):
            return "legacy"
        return "standard"

    def title_overrides(self) -> dict[str, str]:
        """Each part and section title that differs from the preset's, by key."""
        preset = PRESET_TITLES[self.preset()]
        found = {p.key: p.title for p in self.parts if p.key} | {
            s.key: s.title for p in self.parts for s in p.sections if s.key and s.heading
        }
        return {key: title for key, title in found.items() if preset.get(key) != title}


def _match(title: str, table: tuple[tuple[str, str], ...], taken: set[str]) -> str:
    for key, words in table:
        if key not in taken and re.search(words, title):
            return key
    return ""


def outline(blocks: list[Block]) -> Outline:
    """Find the title, parts and sections of a report's blocks."""
    label = None
    rest = list(blocks)
    if rest and ATTACHMENT_LABEL.match(rest[0].text):
        label = rest.pop(0).text.replace("附件", "附件 ").replace("  ", " ").strip()
    title_blocks: list[Block] = []
    while rest and not PART.match(rest[0].text):
        title_blocks.append(rest.pop(0))
    parts: list[Part] = []
    taken_parts: set[str] = set()
    for block in rest:
        if match := PART.match(block.text):
            title = clean_title(match[2])
            key = _match(title, PARTS, taken_parts)
            taken_parts.add(key)
            parts.append(Part(key, title, block, [Section("", "", None)]))
            continue
        part = parts[-1]
        if (match := SECTION.match(block.text)) and _section_like(match[2], part.key):
            title = clean_title(match[2])
            taken = {s.key for s in part.sections if s.key}
            key = _match(title, SECTIONS.get(part.key, ()), taken)
            part.sections.append(Section(key, title, block))
            continue
        part.sections[-1].blocks.append(block)
    for part in parts:
        if not part.sections[0].blocks and part.sections[0].heading is None:
            part.sections.pop(0)
    title = "".join(b.text for b in title_blocks)
    return Outline(title, title_blocks, label, parts)


def _section_like(title: str, part: str) -> bool:
    """Whether a （一） line heads a section: a short title (parts 三、四 use （一） for their
    headed items, which are points, not sections)."""
    return part in SECTIONS and len(clean_title(title)) <= 30
