"""Part 二 of a report read back: 自评结论 (score, grade, scope, achievements), 履职效能
(points, key tasks, indicators, the spending rate) and 管理效率 (items by kind, their points)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from perfgen.locations import FieldPath
from perfgen.reading import sentences as read
from perfgen.reading.basic_info import NUMBER
from perfgen.reading.indicators import IndicatorReader, indicator_kind
from perfgen.reading.outline import CIRCLED, POINT, SUBPOINT, Part, Section, clean_title
from perfgen.reading.placing import grouped, run_in
from perfgen.reading.source import Block
from perfgen.reading.staff_and_score import read_conclusion, score_of

_KINDS = (
    ("预算编制", "budget_preparation"),
    ("预算执行|支出执行|执行管理", "budget_execution"),
    ("公开", "disclosure"),
    ("绩效管理", "performance_management"),
    ("采购", "procurement"),
    ("资产", "assets"),
    ("运行成本|三公", "running_cost"),
)


class EvaluationReader(IndicatorReader):
    """The readers of part 二 (standard and legacy outlines)."""

    def part_evaluation(self, part: Part) -> None:
        self.data.setdefault("evaluation", {})  # a preamble may have stated the score
        for section in part.sections:
            handler = getattr(self, f"evaluation_{section.key}", None)
            if handler is None and section.heading is not None:
                self.unplaced("evaluation", section.heading, 2, section.blocks)
                continue
            if handler is None:  # the part's own paragraphs: its score read, its text kept
                for block in section.blocks:
                    self.plain(("evaluation", "conclusion"), block)
                    self.summary_score(block, [read.Sentence(t) for t in read.split(block.text)])
                continue
            handler(section)

    def evaluation_conclusion(self, section: Section) -> None:
        base = ("evaluation",)
        achievements: list[Block] = []
        for block in section.blocks:
            if achievements or (
                POINT.match(block.text)
                and self.get((*base, "score")) is not None
                and not _looks_standard(block.text)
            ):
                achievements.append(block)
                continue
            text = NUMBER.sub("", block.text)
            kept: list[read.Sentence] = []
            for piece in read.split(text):
                if piece.strip() in ("具体绩效目标完成情况如下：", "具体情况如下："):
                    self.regenerated.append((block, piece))
                    continue
                scored = read_conclusion(piece)
                if scored.captures:
                    self.capture(scored, block)
                    rest = _without_score(piece)
                    if rest:
                        kept.append(read.Sentence(rest))
                    self.regenerated.append((block, piece[len(rest.removesuffix("。")) :]))
                    continue
                kept.append(self.sentence(piece, block))
            if kept:
                self.narrative((*base, "conclusion"), block, kept)
        if achievements:
            self.items((*base, "achievements"), achievements)

    def evaluation_duty_effectiveness(self, section: Section) -> None:
        self.duty(section.blocks, ("evaluation", "duty_effectiveness"))

    def evaluation_management_efficiency(self, section: Section) -> None:
        self.management(section.blocks)

    def evaluation_task_completion(self, section: Section) -> None:
        groups = grouped(section.blocks, POINT)
        management: list[Block] = []
        for heading, blocks in groups:
            if heading is not None and re.search("履职绩效|履职效能", heading.text):
                self.duty(blocks, ("evaluation", "duty_effectiveness"))
                continue
            management += ([heading] if heading else []) + blocks
        self.management(management)

    def evaluation_outcomes(self, section: Section) -> None:
        for block in section.blocks:
            self.plain(("evaluation", "outcomes"), block)

    def duty(self, blocks: list[Block], base: FieldPath) -> None:
        """履职效能分析: text, points, key tasks, indicator sentences, the spending rate."""
        other: list[Block] = []
        for heading, group in grouped(blocks, POINT):
            title = clean_title(POINT.sub(r"\2", heading.text)) if heading else ""
            if heading is not None and _read_under(title):
                self.regenerated.append((heading, heading.text))  # perfgen prints its own heading
            if heading is not None and "重点任务" in title:
                self.key_tasks(group, base)
            elif heading is not None and (kind := indicator_kind(title)):
                self.indicator_group(group, kind, base)
            elif heading is not None and "支出率" in title:
                for block in group:
                    self.spending_rate(block, base)
            else:
                other += ([heading] if heading else []) + group
        self.points(base, other, level=_level_of(other))

    def key_tasks(self, blocks: list[Block], base: FieldPath) -> None:
        tasks: list[dict[str, Any]] = []
        for block in blocks:
            match = SUBPOINT.match(block.text)
            title = match[2] if match else block.text
            if named := re.match(r"^任务[一二三四五六七八九十]+[：:]\s*(.+)$", title):
                tasks.append({"name": named[1].rstrip("。")})
                self.origins[(*base, "key_tasks", len(tasks) - 1)] = block
                continue
            if not tasks:
                self.plain((*base, "text"), block)
                continue
            content = re.match(r"^主要实施内容(?:是|为|：)?(.+)$", block.text)
            outcome = re.match(r"^年度目标实际完[成全]情况[：:]?(.+)$", block.text)
            if content:
                tasks[-1].setdefault("content", []).append(content[1])
            elif outcome:
                tasks[-1].setdefault("outcome", []).append(outcome[1])
            else:
                tasks[-1].setdefault("content", []).append(block.text)
        if tasks:
            node = self.data["evaluation"].setdefault("duty_effectiveness", {})
            node["key_tasks"] = tasks

    def spending_rate(self, block: Block, base: FieldPath) -> None:
        match = re.match(r"^(.*?)为(\d+(?:\.\d+)?)%。?$", block.text)
        if match is None:
            self.plain((*base, "text"), block)
            return
        self.put((*base, "spending_rate"), Decimal(match[2]), block, f"原文（{block.where()}）")
        self.regenerated.append((block, block.text[len(match[1]) :]))  # “为99.63%。”
        self.put((*base, "spending_rate_text"), match[1], block)

    def management(self, blocks: list[Block]) -> None:
        """管理效率分析 (legacy: 各项工作任务绩效目标完成情况分析): an item per numbered heading,
        with its kind from its title; standard sentences read; a last unnumbered paragraph after
        untitled items is the closing."""
        base = ("evaluation", "management_efficiency")
        management = self.data["evaluation"].setdefault("management_efficiency", {})
        items: list[dict[str, Any]] = management.setdefault("items", [])
        groups = grouped(blocks, POINT)
        for index, (heading, group) in enumerate(groups):
            if heading is None:
                for block in group:
                    self.standard((*base, "text"), block, block.text)
                continue
            number = POINT.match(heading.text)
            raw = number[2] if number else heading.text
            title = clean_title(raw)
            n = len(items)
            path = (*base, "items", n)
            self.origins[path] = heading
            if len(title) <= 16 and not re.search("[，。]", title):
                item: dict[str, Any] = {"title": title}
                kind = next((k for words, k in _KINDS if re.search(words, title)), None)
                if kind:
                    item["kind"] = kind
                items.append(item)
                self.sub_points(path, group)
                continue
            items.append({})  # an untitled numbered paragraph; what follows the last one closes
            self.standard((*path, "text"), heading, raw)
            last = index == len(groups) - 1
            for block in group:
                self.standard((*base, "closing") if last else (*path, "text"), block, block.text)
        if not items:
            del management["items"]

    def sub_points(self, path: FieldPath, blocks: list[Block]) -> None:
        """An item's paragraphs, with （1） points run into their text."""
        points: list[dict[str, Any]] = []
        for block in blocks:
            match = SUBPOINT.match(block.text) or CIRCLED.match(block.text)
            if match is None:
                target = (*path, "points", len(points) - 1, "text") if points else (*path, "text")
                self.standard(target, block, block.text)
                continue
            title, text = run_in(match[2])
            point: dict[str, Any] = {"title": title}
            if text:
                point["run_in"] = True
            points.append(point)
            self.origins[(*path, "points", len(points) - 1)] = block
            if text:
                self.standard((*path, "points", len(points) - 1, "text"), block, text)
        if points:
            node = self.get(path)
            node["points"] = points


def _level_of(blocks: list[Block]) -> re.Pattern[str]:
    """The numbering that heads the points among ``blocks``: the form of the first numbered
    one (1. under a section, （1） or ① under a 1. heading)."""
    for block in blocks:
        for level in (POINT, SUBPOINT, CIRCLED):
            if level.match(block.text):
                return level
    return POINT


def _looks_standard(text: str) -> bool:
    return bool(re.search(r"\d\s*万元|\d\s*%", text))


def _without_score(sentence: str) -> str:
    """A sentence of 自评结论 without the clauses that state the score (perfgen writes them):
    from “经过组织自评” (or the clause with the score) to the end."""
    clauses = re.split(r"(?<=[，,])", sentence)
    for n, clause in enumerate(clauses):
        if "经过组织自评" in clause or "得分" in clause or score_of(clause) is not None:
            kept = "".join(clauses[:n]).rstrip("，, ")
            return kept + "。" if kept else ""
    return sentence


def _read_under(title: str) -> bool:
    """Whether the heading ``title`` heads what 履职效能分析 reads into fields (key tasks,
    indicator groups, the spending rate), whose headings perfgen prints itself."""
    return "重点任务" in title or bool(indicator_kind(title)) or "支出率" in title
