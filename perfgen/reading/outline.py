"""The outline of a published report: its front, its parts and sections, and their headings.

Headings are found by numbering sequences (:mod:`perfgen.narrative.numbering`), not by the form of
a number alone: the first 一、 opens the parts; a number is a heading when it continues the
sequence of an open level (二 after 一 of the same form), or skips one with nothing but a short
title after it, or starts a new one at 1 below the current level. So a list that starts again at
一、 inside a part (work items 一、二、三、 under 年度工作) is a level below it, and the real 二、
still closes it; a number that continues no sequence (“（五）十分重要的说明” after （一）) is a
paragraph. A part is matched to perfgen's outline by the words of its title, the best match
first (the longest word found, titles of at most 40 characters); sections likewise under parts
一 and 二. A heading run into its text (“（一）部门职能：我局负责…”) is cut after its title; a
template's note after a title (“（限300字）”) is dropped from the title. A contents list
(numbered short lines that the body repeats) is set aside; what precedes part 一 is read by
:mod:`perfgen.reading.front`.

What it cannot see: headings without numbers are paragraphs; a part whose title names nothing
perfgen knows (“评价工作简述”) is kept, with its heading, as an unplaced section.

Over 300 lines because the numbering sequences, the contents list and the matching of parts
and sections share the one walk over the blocks and the tables of words it matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfgen.input.settings import PRESET_TITLES
from perfgen.narrative.numbering import Number, number_of
from perfgen.reading.front import Front, read_front
from perfgen.reading.source import Block

PART = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*(.*)$")
SECTION = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.*)$")
POINT = re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*(.*)$")
SUBPOINT = re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(.*)$")
CIRCLED = re.compile(r"^([\u2460-\u2473])\s*(.*)$")
ATTACHMENT_LABEL = re.compile(r"^附件\s*(?:\d{1,2}(?:\s*[-－—.]\s*\d{1,2})?)?$")

PARTS: tuple[tuple[str, str], ...] = (
    ("basic_info", "基本情况|基本概况|概况|概述|基本信息"),
    (
        "evaluation",
        "自评情况|评价分析|评价情况|自评结论|评价结论|得分情况|综合评价|绩效分析|绩效情况|自评分析",
    ),
    ("problems", "问题"),
    ("measures", "措施|改进|下一步|建议"),
    ("attachments", "附件"),
)
"""Part keys and the words their titles contain (the longest word found decides)."""

SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "basic_info": (
        ("functions", "职能|概况|职责|基本情况|机构设置|设置机构|人员情况|人员编制|机构情况"),
        ("annual_work", "年度总体工作|重点工作任务|年度工作|工作任务|工作计划|总体工作"),
        ("performance_goals", "支出绩效目标|绩效目标"),
        ("finances", "收支|预算资金|资金情况|预算情况|收入支出"),
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
"""Section keys under each part and the words their titles contain (the longest word found
decides; 部门职能 may span several sections: 职能, then 机构设置及人员情况)."""

REPEATABLE = {"functions"}
"""Sections whose key a later section may share (their blocks are read together)."""

MAX_TITLE = 40
"""The longest heading title matched to a part or section (characters)."""

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
        title: The title as printed (joined when wrapped), ``""`` when there is none.
        title_blocks: Its blocks (and those of its repetitions).
        attachment_label: “附件 2” when the first block is one.
        parts: The parts, in order.
        front: What precedes part 一 (title, cover, preamble).
        contents: The blocks of a contents list, set aside.
        wrapped: The second lines of headings wrapped over two, joined to their first.
    """

    title: str
    title_blocks: list[Block]
    attachment_label: str | None
    parts: list[Part]
    front: Front = field(default_factory=Front)
    contents: list[Block] = field(default_factory=list)
    wrapped: list[Block] = field(default_factory=list)

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
        found = {p.key: p.title for p in self.parts if p.key}
        for part in self.parts:
            for section in part.sections:
                if section.key and section.heading:
                    found.setdefault(section.key, section.title)
        return {key: title for key, title in found.items() if preset.get(key) != title}


def _match(title: str, table: tuple[tuple[str, str], ...], taken: set[str]) -> str:
    """The key whose words ``title`` contains, the longest word found first; ``""`` for none."""
    if len(title) > MAX_TITLE:
        return ""
    best, length = "", 0
    for key, words in table:
        if key in taken and key not in REPEATABLE:
            continue
        for found in re.finditer(words, title):
            if len(found[0]) > length:
                best, length = key, len(found[0])
    return best


_NOTE = re.compile(
    r"[（(][^（）()]{0,20}(?:\d+字|字以内|字左右|可选|选填|如有|必填)[^（）()]{0,10}[）)]"
)
"""A template's note left after a heading: “（限300字）”, “（500字以内）”."""
_SENTENCE_START = re.compile(
    r"(?<=[\u4e00-\u9fff)）])(?=(?:我|本)(?:局|厅|委|办|单位|部门|馆|院|校|园|中心|所|站|镇|乡|会)"
    r"|根据|按照|依据|为(?:进一步|贯彻|加强)|截至|截止)"
)


def heading_title(rest: str) -> tuple[str, str]:
    """A heading's title and the text run into it: “部门职能：我局负责…” → (部门职能, 我局负责…);
    a title with a template's note keeps the title only."""
    rest = _NOTE.sub("", rest).strip()
    match = re.match(r"^(.{2,30}?)[：:。](.*)$", rest)
    if match and not re.search("[，,；;]", match[1]):
        return match[1].strip(), match[2].strip()
    if len(rest) > 12 and (cut := _SENTENCE_START.search(rest, 2)) and cut.start() <= 25:
        return rest[: cut.start()].strip(), rest[cut.start() :].strip()
    return clean_title(rest), ""


@dataclass
class _Level:
    form: str
    last: int


def _contents(blocks: list[Block], start: int) -> tuple[int, int]:
    """Where a contents list ends and the body's part 一 starts: ``(end, body)``; ``(start,
    start)`` when the first 一、 is not a contents list."""
    first = number_of(blocks[start].text)
    if first is None:
        return start, start
    key = heading_title(first.rest)[0][:4]
    last_numbered, ended = start, False
    for n in range(start + 1, len(blocks)):
        number = number_of(blocks[n].text)
        if (
            number is not None
            and (number.form, number.value) == (first.form, first.value)
            and heading_title(number.rest)[0][:4] == key
            and last_numbered - start >= 2
        ):
            return last_numbered + 1, n  # part 一 again: what came before was its contents
        if len(blocks[n].text) > MAX_TITLE:
            ended = True  # past the contents: the front of the body (its title, a preamble)
        elif number is not None:
            if ended:
                return start, start
            last_numbered = n
    return start, start


def _part_like(number: Number) -> bool:
    title = heading_title(number.rest)[0]
    return len(title) <= MAX_TITLE and _match(title, PARTS, set()) != ""


def outline(blocks: list[Block], chrome_lines: list[str] | None = None) -> Outline:
    """Find the front, parts and sections of a report's blocks (see the module docstring).

    Args:
        blocks: The report's paragraphs (:func:`perfgen.reading.source.read_source`).
        chrome_lines: The lines left out as web-page chrome (a publisher's name is a hint).
    """
    label = None
    rest, wrapped = _rejoined(blocks)
    if rest and ATTACHMENT_LABEL.match(rest[0].text):
        label = rest.pop(0).text.replace("附件", "附件 ").replace("  ", " ").strip()
    start = next(
        (
            n
            for n, b in enumerate(rest)
            if (number := number_of(b.text)) and number.form == "cn" and _part_like(number)
        ),
        len(rest),
    )
    end, body = _contents(rest, start) if start < len(rest) else (start, start)
    contents = rest[start:end]
    front = read_front(rest[:start] + rest[end:body], chrome_lines or [])
    parts = _parts(rest[body:])
    return Outline(front.title, front.title_blocks, label, parts, front, contents, wrapped)


_ANY_SECTION = tuple(pair for table in SECTIONS.values() for pair in table)
_BARE = re.compile(r"^[\u4e00-\u9fff（）()、和及与]{1,24}$")


def _rejoined(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The blocks with each heading wrapped over two lines (or cut by a page break) joined,
    and the second lines: a heading whose title names no part or section of perfgen's outline
    alone, but does with the short line after it (“二、部门整体支出绩效自评” + “情况”)."""
    out: list[Block] = []
    second: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        number = number_of(previous.text) if previous else None
        if (
            previous is not None
            and number is not None
            and len(block.text) <= 10
            and _BARE.match(block.text)
            and _BARE.match(number.rest)
            and number_of(block.text) is None
        ):
            table = PARTS if number.form == "cn" else _ANY_SECTION
            if not _match(number.rest, table, set()) and _match(
                number.rest + block.text, table, set()
            ):
                out[-1] = Block(previous.text + block.text, previous.page, previous.number)
                second.append(block)
                continue
        out.append(block)
    return out, second


def _parts(blocks: list[Block]) -> list[Part]:
    parts: list[Part] = []
    taken_parts: set[str] = set()
    levels: list[_Level] = []
    for block in blocks:
        number = number_of(block.text)
        depth = _depth(number, levels) if number is not None else None
        if number is not None and depth is not None:
            del levels[depth + 1 :]
            if depth == len(levels):
                levels.append(_Level(number.form, number.value))
            levels[depth].last = number.value
        if number is not None and depth == 0:
            title, text = heading_title(number.rest)
            key = _match(title, PARTS, taken_parts)
            taken_parts.add(key)
            parts.append(Part(key, title, block, [Section("", "", None)]))
            if text:
                parts[-1].sections[0].blocks.append(Block(text, block.page, block.number))
            continue
        if not parts:
            continue
        part = parts[-1]
        if number is not None and depth == 1 and part.key in SECTIONS:
            title, text = heading_title(number.rest)
            if len(title) <= 30:
                taken = {s.key for s in part.sections if s.key}
                key = _match(title, SECTIONS[part.key], taken)
                part.sections.append(Section(key, title, block))
                if text:
                    part.sections[-1].blocks.append(Block(text, block.page, block.number))
                continue
        part.sections[-1].blocks.append(block)
    for part in parts:
        if not part.sections[0].blocks and part.sections[0].heading is None:
            part.sections.pop(0)
    return parts


MAX_DEPTH = 8
"""Most levels of headings read (a report uses four or five: 一、 （一） 1. （1） ①); a number
that would open a deeper one is read as a paragraph."""


def _depth(number: Number, levels: list[_Level]) -> int | None:
    """The level of a numbered block: the deepest open level whose sequence it continues (a
    part heading's words prefer the parts' level), a new level when it starts at 1, else
    ``None`` (a paragraph)."""
    if not levels:
        return 0 if number.form == "cn" else None
    continues = [
        n
        for n, level in enumerate(levels)
        if level.form == number.form and number.value == level.last + 1
    ]
    if continues:
        if 0 in continues and _part_like(number):
            return 0
        return max(continues)
    top = levels[0]
    if (
        number.form == top.form
        and top.last + 1 < number.value <= top.last + 3
        and _part_like(number)
    ):
        return 0  # a part whose number skips (docs/domain.md §9): its words say it is one
    if number.value == 1:
        # a new level, up to MAX_DEPTH: a text of 20,000 “（一）” otherwise opens as many
        # levels, and each later number is matched against all of them
        return len(levels) if len(levels) < MAX_DEPTH else None
    skipped = [
        n
        for n, level in enumerate(levels)
        if level.form == number.form and number.value == level.last + 2
    ]
    if skipped and len(number.rest) <= 20 and not re.search("[，,；;]", number.rest):
        return max(skipped)  # one number missing before a bare heading (“（三）固定资产情况”)
    return None
