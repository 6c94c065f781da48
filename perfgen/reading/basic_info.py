"""Part 一 of a report read back: 部门职能 (duties, staffing, internal units), 年度工作
(key tasks), 绩效目标, 收支情况 (its standard sentences) and 绩效管理 (points)."""

from __future__ import annotations

import re

from perfgen.reading import sentences as read
from perfgen.reading.outline import POINT, Part, Section
from perfgen.reading.placing import Placer
from perfgen.reading.source import Block
from perfgen.reading.staff_and_score import read_functions

NUMBER = re.compile(
    r"^\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]|[\u2460-\u2473])\s*"
)


class BasicInfoReader(Placer):
    """The readers of part 一, one per section key of :mod:`perfgen.reading.outline`."""

    def part_basic_info(self, part: Part) -> None:
        self.data["basic_info"] = {"functions": {}, "annual_work": {}, "finances": {}}
        for section in part.sections:
            handler = getattr(self, f"basic_{section.key}", None)
            if handler is None:
                path = ("basic_info", "functions", "text")
                for block in section.blocks:
                    self.plain(path, block)
                continue
            handler(section)

    def basic_functions(self, section: Section) -> None:
        base = ("basic_info", "functions")
        duties = [b for b in section.blocks if POINT.match(b.text)]
        self.items((*base, "duties"), duties)
        for block in section.blocks:
            if block in duties:
                continue
            kept = []
            for text in read.split(block.text):
                sentence = read_functions(text)
                if sentence.captures and len(text) <= 90:
                    self.capture(sentence, block)
                    self.regenerated.append((block, text))
                else:
                    kept.append(read.Sentence(text))
            if kept:
                self.narrative((*base, "text"), block, kept)

    def basic_annual_work(self, section: Section) -> None:
        base = ("basic_info", "annual_work")
        tasks: list[Block] = []
        for block in section.blocks:
            if block.text.startswith("重点工作任务："):
                rest = block.text.removeprefix("重点工作任务：")
                if rest:
                    for n, text in enumerate(read.split(rest)):
                        self.put((*base, "key_tasks", n), text, block)
                continue
            if tasks or POINT.match(block.text):
                tasks.append(block)
                continue
            self.plain((*base, "text"), block)
        if tasks:
            self.items((*base, "key_tasks"), tasks)
        self.listify((*base, "key_tasks"))

    def basic_performance_goals(self, section: Section) -> None:
        path = ("basic_info", "performance_goals")
        numbered = [b for b in section.blocks if POINT.match(b.text)]
        if numbered:
            self.items(path, numbered)
            return
        for block in section.blocks:
            parts = [p for p in re.split(r"(?<=；)", block.text) if p]
            for n, text in enumerate(parts, len(self.get(path) or {})):
                self.put((*path, n), text, block)
        self.listify(path)

    def basic_finances(self, section: Section) -> None:
        path = ("basic_info", "finances", "text")
        for block in section.blocks:
            text = NUMBER.sub("", block.text)
            self.standard(path, block, text)

    def basic_performance_management(self, section: Section) -> None:
        self.points(("basic_info", "performance_management"), section.blocks, level=POINT)
