"""A published report's outline and sentences placed into perfgen's input.

Each section of the outline (:mod:`perfgen.reading.outline`) has its reader here: the finances
and the analysis sections give their standard sentences to :mod:`perfgen.reading.sentences`;
lists (duties, goals, achievements, problems, measures) become lists, numbered headings become
points, “任务一：” tasks become key tasks, indicator sentences become indicators. Everything
not turned into a figure stays as narrative, in order, in its section.

A sentence perfgen writes again from the figures is dropped only when it is understood: every
figure in it captured, without conflict with an earlier statement, and every rate in it equal to
the one perfgen computes (checked after deriving the imported report's figures). A figure stated
twice keeps its first statement; the later sentence stays as narrative, where ``check`` compares
it (rule ``amount-differs``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from perfgen.loader import FieldPath, Source
from perfgen.numbers import HUNDRED, quantize
from perfgen.reading import sentences as read
from perfgen.reading.outline import (
    CIRCLED,
    POINT,
    SECTION,
    SUBPOINT,
    Outline,
    Part,
    Section,
    clean_title,
)
from perfgen.reading.sentences import FIN
from perfgen.reading.source import Block

_ORDINAL = re.compile(r"(?:^|(?<=[；;。，,]))\s*[一二三四五六七八九十]{1,3}是")
_NUMBER = re.compile(
    r"^\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]|[\u2460-\u2473])\s*"
)
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_TITLE_FORMS = (
    re.compile(r"^(?P<year>\d{4})年度?(?P<unit>.+?)部门整体支出绩效自评报告$"),
    re.compile(r"^(?P<unit>.+?)(?P<year>\d{4})年度?部门整体支出绩效自评报告$"),
)
_SHORT_NAME = re.compile(r"以下简称[“\"]([^”\"]{2,20})[”\"]")
_KINDS = (
    ("预算编制", "budget_preparation"),
    ("预算执行|支出执行|执行管理", "budget_execution"),
    ("公开", "disclosure"),
    ("绩效管理", "performance_management"),
    ("采购", "procurement"),
    ("资产", "assets"),
    ("运行成本|三公", "running_cost"),
)
_INDICATOR_KINDS = (("产出", "output"), ("效益", "outcome"), ("满意", "satisfaction"))
_RATE_TOKEN = re.compile(r"^(?:指标)?完成(?:指标)?率(?:为)?(\d+(?:\.\d+)?)%$")
_VALUED = re.compile(
    r"^(?P<name>.*?[^\d.])(?P<about>约)?(?P<actual>\d+(?:\.\d+)?)(?P<unit>[^\d，。；]{0,3})$"
)
_ACHIEVED = {Decimal(100): "达成", Decimal(80): "基本达成", Decimal(0): "未达成"}


@dataclass
class Piece:
    """A paragraph of the source placed in a narrative field, sentence by sentence.

    Attributes:
        block: The source paragraph.
        sentences: Its sentences; an understood one is left out of the narrative.
    """

    block: Block
    sentences: list[read.Sentence]

    def text(self, dropped: set[int]) -> str:
        """The paragraph without the sentences whose ids are in ``dropped``."""
        return "".join(s.text for s in self.sentences if id(s) not in dropped).strip()


@dataclass
class Imported:
    """A report read back into perfgen's input.

    Attributes:
        data: The input as plain data (what a YAML file would load to).
        notes: For a field: the source it was read from, and how it was worked out.
        origins: The source paragraph of each field or list item.
        missed: What was not understood, with its paragraph.
        outline: The report's outline.
        regenerated: The sentences (and clauses) left out of the narrative because perfgen
            writes them again from the figures read, with their paragraphs.
    """

    data: dict[str, Any]
    notes: dict[FieldPath, tuple[str, str]]
    origins: dict[FieldPath, Block]
    missed: list[tuple[Block, str]]
    outline: Outline
    regenerated: list[tuple[Block, str]] = field(default_factory=list)


@dataclass
class _Assembler:
    outline: Outline
    data: dict[Any, Any] = field(default_factory=dict)
    notes: dict[FieldPath, tuple[str, str]] = field(default_factory=dict)
    origins: dict[FieldPath, Block] = field(default_factory=dict)
    missed: list[tuple[Block, str]] = field(default_factory=list)
    regenerated: list[tuple[Block, str]] = field(default_factory=list)
    claims: list[tuple[read.Sentence, read.Claim, Block]] = field(default_factory=list)
    pieces: dict[FieldPath, list[Piece]] = field(default_factory=dict)
    basis: str = "all"
    infer: bool = True

    # --- placing values -------------------------------------------------------------------

    def put(
        self, path: FieldPath, value: Any, block: Block, quote: str = "", worked: str = ""
    ) -> None:
        """Set the field at ``path`` (mappings made on the way; list items must exist), with
        the source it was read from and how it was worked out, for the YAML's comments."""
        node: Any = self.data
        for key in path[:-1]:
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        node[path[-1]] = value
        self.origins[path] = block
        if quote or worked:
            self.notes[path] = (quote, worked)

    def get(self, path: FieldPath) -> Any:
        node: Any = self.data
        for key in path:
            held = isinstance(node, dict) and key in node
            listed = isinstance(node, list) and isinstance(key, int) and key < len(node)
            if not (held or listed):
                return None
            node = node[key]
        return node

    def capture(self, sentence: read.Sentence, block: Block) -> None:
        """Store a sentence's figures; one that contradicts an earlier statement is not
        stored, and leaves the sentence not understood."""
        for item in sentence.captures:
            exponent = item.value.as_tuple().exponent if isinstance(item.value, Decimal) else 0
            if isinstance(exponent, int) and exponent < -2:
                sentence.missed.append(f"{item.value}（超过两位小数）")
                continue
            earlier = self.get(item.path)
            if earlier is not None and earlier != item.value:
                sentence.missed.append(f"{item.value}（前文为 {earlier}）")
                continue
            if earlier is None:
                quote = f"原文（{block.where()}）：“{_excerpt(item.quote, item.value)}”"
                self.put(item.path, item.value, block, quote, item.note)
        for claim in sentence.claims:
            self.claims.append((sentence, claim, block))

    def narrative(self, path: FieldPath, block: Block, sentences: list[read.Sentence]) -> None:
        """Keep a paragraph for the narrative field at ``path`` (sentences understood later
        are left out)."""
        self.pieces.setdefault(path, []).append(Piece(block, sentences))

    def plain(self, path: FieldPath, block: Block, text: str | None = None) -> None:
        """Keep a paragraph as it is."""
        self.narrative(path, block, [read.Sentence(text if text is not None else block.text)])

    # --- the report -------------------------------------------------------------------------

    def run(self) -> Imported:
        self.header()
        for part in self.outline.parts:
            handler = getattr(self, f"part_{part.key}", None) if part.key else None
            if handler is None:
                for section in part.sections:
                    for block in section.blocks:
                        self.missed.append((block, "不属于标准提纲的部分，未读入"))
                continue
            handler(part)
        overrides = self.outline.title_overrides()
        if overrides:
            self.data["section_titles"] = overrides
        basic_info = self.data.setdefault("basic_info", {})
        for name in ("functions", "annual_work", "finances"):  # a part the report lacks
            basic_info.setdefault(name, {})
        self.data.setdefault("problems", [])
        self.data.setdefault("measures", [])
        evaluation = self.data.setdefault("evaluation", {})
        if "score" not in evaluation:  # a report that states no score: the clerk fills it in
            evaluation["score"] = "【待填写】"
        self.finish()
        _drop_empty(self.data)
        return Imported(
            self.data, self.notes, self.origins, self.missed, self.outline, self.regenerated
        )

    # --- verifying and writing the narrative ------------------------------------------------

    def finish(self) -> None:
        """Verify the rates the standard sentences state against the figures perfgen derives
        from what was captured, then write each narrative field without the understood
        sentences, and record what was not understood."""
        verified = self.verify()
        dropped: set[int] = set()
        for path, pieces in self.pieces.items():
            place = self.place(path)
            for piece in pieces:
                for sentence in piece.sentences:
                    standard = bool(sentence.captures or sentence.claims)
                    if not standard:
                        continue
                    claims_ok = all(id(c) in verified for c in sentence.claims)
                    if not sentence.missed and claims_ok:
                        if place is not None and _homes(sentence) == {place}:
                            dropped.add(id(sentence))
                            self.regenerated.append((piece.block, sentence.text))
                    else:
                        wrong = [c.written for c in sentence.claims if id(c) not in verified]
                        what = "、".join([*sentence.missed, *wrong])
                        self.missed.append(
                            (piece.block, f"“{_short(sentence.text)}”中未能读入：{what}")
                        )
        for path, pieces in self.pieces.items():
            texts = [(piece.text(dropped), piece.block) for piece in pieces]
            texts = [(t, b) for t, b in texts if t]
            if not texts:
                continue
            current = self.get(path)
            start = len(current) if isinstance(current, list) else 0
            node = self.data
            for key in path[:-1]:
                node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
            if isinstance(node, list):
                continue
            node[path[-1]] = [
                *(current if isinstance(current, list) else []),
                *(t for t, _ in texts),
            ]
            for n, (_, block) in enumerate(texts, start):
                self.origins[(*path, n)] = block
        _prune(self.data)

    def place(self, path: FieldPath) -> str | None:
        """Where perfgen writes its own sentences for a narrative field: ``finances`` for
        部门整体收支情况, an item's kind under 管理效率分析, else ``None``."""
        if path[:2] == FIN:
            return "finances"
        if path[:3] == ("evaluation", "management_efficiency", "items"):
            item = self.get(path[:4])
            return item.get("kind") if isinstance(item, dict) else None
        return None

    def verify(self) -> set[int]:
        """The ids of the claims that hold: rates equal to perfgen's at the written decimals,
        and stated execution rates taken where perfgen cannot compute them."""
        from perfgen.errors import InputError
        from perfgen.figures import derive
        from perfgen.validation import validate

        try:
            figures = derive(validate(Source("import", self.data)))
        except InputError:
            return set()
        evaluation = self.data.get("evaluation", {})
        if evaluation.get("grade") == figures.grade:  # perfgen prints the score's grade itself
            del evaluation["grade"]
        verified: set[int] = set()
        for sentence, claim, block in self.claims:
            value = _figure(figures, claim)
            if value is None and claim.stated is not None:
                earlier = self.get(claim.stated)
                if earlier is None:
                    quote = f"原文（{block.where()}）：“{_short(sentence.text)}”"
                    self.put(claim.stated, claim.value, block, quote, "没有预算数，照原文填写")
                if earlier is None or earlier == claim.value:
                    verified.add(id(claim))
            elif isinstance(value, Decimal) and quantize(value, claim.decimals) == claim.value:
                verified.add(id(claim))
        return verified

    def header(self) -> None:
        outline = self.outline
        title = outline.title
        unit, year = None, None
        for form in _TITLE_FORMS:
            if match := form.match(title):
                unit, year = match["unit"], int(match["year"])
                break
        first = outline.title_blocks[0] if outline.title_blocks else None
        self.data["unit"] = {"name": unit or "【待填写】"}
        if first is not None:
            self.origins[("unit", "name")] = first
        short = self.short_name()
        if short:
            self.data["unit"]["short_name"] = short
        self.data["year"] = year or self.likely_year() or "【待填写】"
        self.data["outline"] = outline.preset()
        if outline.attachment_label:
            self.data["attachment_label"] = outline.attachment_label
        if unit is None or title != f"{unit}{year}年部门整体支出绩效自评报告":
            self.data["title"] = title

    def likely_year(self) -> int | None:
        """The year a report without one in its title speaks of most (“2023年” ×40)."""
        text = "".join(b.text for p in self.outline.parts for s in p.sections for b in s.blocks)
        years = Counter(re.findall(r"(20\d\d)年", text)).most_common(1)
        return int(years[0][0]) if years else None

    def short_name(self) -> str | None:
        text = "".join(b.text for p in self.outline.parts for s in p.sections for b in s.blocks)
        if match := _SHORT_NAME.search(text):
            return match[1]
        names = Counter(re.findall(r"区[\u4e00-\u9fff]{1,8}?办公室", text))
        common = names.most_common(1)
        return common[0][0] if common and common[0][1] >= 3 else None

    # --- part 一 ----------------------------------------------------------------------------

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
                sentence = read.read_functions(text)
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
            text = _NUMBER.sub("", block.text)
            self.standard(path, block, text)

    def basic_performance_management(self, section: Section) -> None:
        self.points(("basic_info", "performance_management"), section.blocks, level=POINT)

    # --- part 二 ----------------------------------------------------------------------------

    def part_evaluation(self, part: Part) -> None:
        self.data["evaluation"] = {}
        for section in part.sections:
            handler = getattr(self, f"evaluation_{section.key}", None)
            if handler is None:
                for block in section.blocks:
                    self.plain(("evaluation", "conclusion"), block)
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
            text = _NUMBER.sub("", block.text)
            kept: list[read.Sentence] = []
            for piece in read.split(text):
                if piece.strip() in ("具体绩效目标完成情况如下：", "具体情况如下："):
                    self.regenerated.append((block, piece))
                    continue
                scored = read.read_conclusion(piece)
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
        groups = _groups(section.blocks, POINT)
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
        for heading, group in _groups(blocks, POINT):
            title = clean_title(POINT.sub(r"\2", heading.text)) if heading else ""
            if heading is not None and "重点任务" in title:
                self.key_tasks(group, base)
            elif heading is not None and (kind := _indicator_kind(title)):
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

    def indicator_group(self, blocks: list[Block], kind: str, base: FieldPath) -> None:
        """The paragraphs under an indicator heading: the sentence listing the indicators, and
        a table of them (a Word table's rows give the targets; a PDF's table, flattened into
        lines, is left out — its indicators are the sentence's)."""
        for block in blocks:
            if block.cells:
                self.indicator_row(block, base)
            elif "完成率" in block.text and "。" in block.text:
                self.indicators(block, kind, base)
            elif "。" in block.text:
                self.plain((*base, "text"), block)
            else:
                self.missed.append(
                    (block, f"表格的文字“{_short(block.text)}”未读入（指标读自上文的句子）")
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
            self.notes[path] = (f"原文（{block.where()}）：“{_short(block.text)}”", note)
        rates = [t for t in tokens if _RATE_TOKEN.match(t)]
        if rates and all("." not in t for t in rates):
            self.data.setdefault("settings", {})["indicator_rate_decimals"] = 0

    def spending_rate(self, block: Block, base: FieldPath) -> None:
        match = re.match(r"^(.*?)为(\d+(?:\.\d+)?)%。?$", block.text)
        if match is None:
            self.plain((*base, "text"), block)
            return
        self.put((*base, "spending_rate"), Decimal(match[2]), block, f"原文（{block.where()}）")
        self.put((*base, "spending_rate_text"), match[1], block)

    def management(self, blocks: list[Block]) -> None:
        """管理效率分析 (legacy: 各项工作任务绩效目标完成情况分析): an item per numbered heading,
        with its kind from its title; standard sentences read; a last unnumbered paragraph after
        untitled items is the closing."""
        base = ("evaluation", "management_efficiency")
        management = self.data["evaluation"].setdefault("management_efficiency", {})
        items: list[dict[str, Any]] = management.setdefault("items", [])
        groups = _groups(blocks, POINT)
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
            title, text = _run_in(match[2])
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

    def points(self, base: FieldPath, blocks: list[Block], level: re.Pattern[str]) -> None:
        """Paragraphs before the first numbered heading are the text; each numbered heading a
        point with the paragraphs below it (a numbered paragraph whose first sentence is short
        is a point whose title runs into its text)."""
        points: list[dict[str, Any]] = []
        for heading, group in _groups(blocks, level):
            if heading is None:
                for block in group:
                    self.plain((*base, "text"), block)
                continue
            number = level.match(heading.text)
            title, text = _run_in(number[2] if number else heading.text)
            n = len(points)
            point: dict[str, Any] = {"title": title}
            points.append(point)
            self.origins[(*base, "points", n)] = heading
            if text:
                point["run_in"] = True
                self.plain((*base, "points", n, "text"), heading, text)
            for block in group:
                self.plain((*base, "points", n, "text"), block)
        if points:
            node = self.data
            for key in base:
                node = node.setdefault(key, {})
            node["points"] = points

    # --- parts 三 四 五 --------------------------------------------------------------------

    def part_problems(self, part: Part) -> None:
        self.enumerated(("problems",), [b for s in part.sections for b in _with_heading(s)])

    def part_measures(self, part: Part) -> None:
        self.enumerated(("measures",), [b for s in part.sections for b in _with_heading(s)])

    def part_attachments(self, part: Part) -> None:
        blocks = [b for s in part.sections for b in s.blocks]
        if blocks and (date := _DATE.match(blocks[-1].text)):
            import datetime as dt

            try:
                signed = dt.date(*map(int, date.groups()))
            except ValueError:
                self.missed.append((blocks[-1], f"落款日期“{blocks[-1].text}”不是有效日期"))
                signed = None
            self.origins[("signature", "date")] = blocks[-1]
            date_block, blocks = blocks[-1], blocks[:-1]
            unit = self.data["unit"]["name"]
            if blocks and len(blocks[-1].text) <= 30 and not blocks[-1].text.endswith("。"):
                unit = blocks[-1].text
                self.origins[("signature", "unit")] = blocks[-1]
                blocks = blocks[:-1]
            else:
                self.notes[("signature", "unit")] = ("", "原文落款没有单位名称，取标题中的单位")
            if signed is not None:
                self.data["signature"] = {"unit": unit, "date": signed}
                self.origins[("signature",)] = date_block
        names = [b.text for b in blocks]
        if names:
            self.data["attachments"] = names

    def enumerated(self, path: FieldPath, blocks: list[Block]) -> None:
        """Problems or measures: “一是…；二是…” split into items, numbered paragraphs as items,
        （一） headings as titled items."""
        titled = [b for b in blocks if SECTION.match(b.text) and len(b.text) <= 30]
        if titled:
            self.points_as_items(path, blocks)
            return
        numbered = [b for b in blocks if POINT.match(b.text)]
        if numbered and len(numbered) == len(blocks):
            self.items(path, blocks)
            self.data.setdefault("settings", {}).setdefault("list_styles", {})[path[-1]] = (
                "numbered"
            )
            return
        items: list[str] = []
        for block in blocks:
            parts = [p.strip() for p in _ORDINAL.split(block.text) if p.strip()]
            for text in parts if len(parts) == 1 else [p.rstrip("。；;，,") for p in parts]:
                self.origins[(*path, len(items))] = block
                items.append(text)
        self.data[path[0]] = items

    def points_as_items(self, path: FieldPath, blocks: list[Block]) -> None:
        items: list[dict[str, Any]] = []
        for block in blocks:
            match = SECTION.match(block.text)
            if match and len(block.text) <= 30:
                items.append({"title": clean_title(match[2])})
                self.origins[(*path, len(items) - 1)] = block
            elif items:
                items[-1].setdefault("text", []).append(block.text)
            else:
                items.append({"text": [block.text]})
        self.data[path[0]] = items

    # --- shared readers ----------------------------------------------------------------------

    def items(self, path: FieldPath, blocks: list[Block]) -> None:
        """Numbered paragraphs as list items, their numbers removed (perfgen numbers items
        itself); when the source skips or repeats a number, an audit keeps the numbers (so
        that ``check`` reports it) and an import says so in a comment."""
        numbers = [int(m[1]) for b in blocks if (m := POINT.match(b.text))]
        regular = numbers == list(range(1, len(numbers) + 1))
        start = len(self.get(path) or {}) if isinstance(self.get(path), dict) else 0
        for n, block in enumerate(blocks, start):
            text = POINT.sub(r"\2", block.text) if regular or self.infer else block.text
            self.put((*path, n), text, block)
        if not regular and numbers and self.infer:
            listed = "、".join(map(str, numbers))
            self.notes[(*path, start)] = ("", f"原文编号为 {listed}，不连续；已由 perfgen 重新编号")
        self.listify(path)

    def listify(self, path: FieldPath) -> None:
        """Turn a mapping of numbered items (built by :meth:`put`) into a list."""
        node = self.get(path)
        if isinstance(node, dict) and all(isinstance(k, int) for k in node):
            parent = self.get(path[:-1])
            parent[path[-1]] = [node[k] for k in sorted(node)]

    def standard(self, path: FieldPath, block: Block, text: str) -> None:
        """A paragraph that may hold standard sentences: their figures captured, the rest kept
        (sentences understood after the claims are verified are left out)."""
        self.narrative(path, block, [self.sentence(piece, block) for piece in read.split(text)])

    def sentence(self, text: str, block: Block) -> read.Sentence:
        """One sentence, read as a standard sentence of the finances: its figures captured."""
        sentence = read.read_finances(text, self.basis)
        if sentence.captures or sentence.claims:
            self.capture(sentence, block)
        return sentence


def _drop_empty(node: Any) -> None:
    """Remove what a damaged report leaves empty: blank list items and blank titles (a
    heading whose numbering was all there was)."""
    if isinstance(node, dict):
        for key in [k for k, v in node.items() if isinstance(v, str) and not v.strip()]:
            if key == "title":
                del node[key]
        for value in node.values():
            _drop_empty(value)
    elif isinstance(node, list):
        node[:] = [v for v in node if not (isinstance(v, str) and not v.strip())]
        for value in node:
            _drop_empty(value)


def _prune(node: Any) -> None:
    """Drop run-in points left without text: their sentence was understood, and perfgen
    writes it again from the figures (“（1）结转结余率：…”)."""
    if isinstance(node, dict):
        for value in node.values():
            _prune(value)
        points = node.get("points")
        if isinstance(points, list):
            node["points"] = [
                p
                for p in points
                if not (
                    isinstance(p, dict)
                    and p.get("run_in")
                    and not p.get("text")
                    and not p.get("points")
                )
            ]
            if not node["points"]:
                del node["points"]
    elif isinstance(node, list):
        for value in node:
            _prune(value)


_HOMES = {
    "income": "finances",
    "expenditure": "finances",
    "budget": "finances",
    "expense": "finances",
    "carryover": "budget_execution",
    "procurement": "procurement",
    "assets": "assets",
    "three_public": "running_cost",
}
"""Where perfgen writes each block of figures: in 部门整体收支情况, or with the 管理效率分析
item of that kind (templates/finances.md.jinja, templates/management_efficiency.md.jinja)."""


def _homes(sentence: read.Sentence) -> set[str | None]:
    """Where perfgen writes again the figures a standard sentence states."""
    blocks = [str(c.path[2] if c.path[:2] == FIN else c.path[-1]) for c in sentence.captures]
    for claim in sentence.claims:
        key = str(claim.part) if claim.key == "yoy" else claim.key
        blocks.append("income" if claim.key == "share" else key.split(".")[0])
    return {"budget_execution" if b == "carryover_rate_base" else _HOMES.get(b) for b in blocks}


def _figure(figures: Any, claim: read.Claim) -> Decimal | None:
    """perfgen's own value of what a claim states (unrounded where known)."""
    if claim.key == "share":
        wholes = {
            "总收入": figures.income,
            "总支出": figures.expenditure,
            "总费用": figures.expense,
        }
        whole = wholes.get(claim.whole)
        total = whole.total if whole is not None else None
        if isinstance(claim.part, Decimal) and isinstance(total, Decimal) and total:
            return claim.part / total * HUNDRED
        return None
    if claim.key == "yoy":
        block = getattr(figures, str(claim.part).split(".")[0], None)
        change = getattr(block, "change", None) or getattr(block, "initial_change", None)
        rate = getattr(change, "rate", None)
        return abs(rate) if isinstance(rate, Decimal) else None
    block_name, _, name = claim.key.partition(".")
    holder = getattr(figures, block_name, None)
    value = getattr(holder, name, None) if name else holder
    if value is not None and hasattr(value, "stated"):
        if value.on_initial_budget:
            return None  # a fallback on 年初预算: a stated rate is better (domain.md §2)
        if value.stated:
            return value.value if isinstance(value.value, Decimal) else None
        value = value.exact if value.exact is not None else value.value
    return value if isinstance(value, Decimal) else None


def _with_heading(section: Section) -> list[Block]:
    return ([section.heading] if section.heading else []) + section.blocks


def _groups(blocks: list[Block], level: re.Pattern[str]) -> list[tuple[Block | None, list[Block]]]:
    """The blocks cut at each heading of ``level``: (heading, blocks below it); the blocks
    before the first heading come with ``None``."""
    groups: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for block in blocks:
        if level.match(block.text):
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    return [g for g in groups if g[0] is not None or g[1]]


def _run_in(text: str) -> tuple[str, str]:
    """A heading's title and the text run into it: “人大会议：全年……” → (人大会议, 全年……);
    a heading alone → (title, "")."""
    stripped = text.strip()
    match = re.match(r"^(.{2,30}?)([：:。])(.+)$", stripped)
    if match and (len(match[1]) <= 24 or not re.search("[，,；;]", match[1])):
        return match[1], match[3].strip()
    return clean_title(stripped), ""


def _level_of(blocks: list[Block]) -> re.Pattern[str]:
    """The numbering that heads the points among ``blocks``: the form of the first numbered
    one (1. under a section, （1） or ① under a 1. heading)."""
    for block in blocks:
        for level in (POINT, SUBPOINT, CIRCLED):
            if level.match(block.text):
                return level
    return POINT


def _indicator_kind(title: str) -> str | None:
    if "指标" not in title:
        return None
    return next((kind for word, kind in _INDICATOR_KINDS if word in title), None)


def _looks_standard(text: str) -> bool:
    return bool(re.search(r"\d\s*万元|\d\s*%", text))


def _without_score(sentence: str) -> str:
    """A sentence of 自评结论 without the clauses that state the score (perfgen writes them):
    from “经过组织自评” (or the clause with the score) to the end."""
    clauses = re.split(r"(?<=[，,])", sentence)
    for n, clause in enumerate(clauses):
        if "经过组织自评" in clause or re.search(r"得分", clause):
            kept = "".join(clauses[:n]).rstrip("，, ")
            return kept + "。" if kept else ""
    return sentence


def _target(actual: Decimal, rate: Decimal, decimals: int) -> tuple[Decimal, str]:
    """The target an indicator had, worked out from its actual value and its completion rate
    as printed: of the numbers that give exactly that rate, the roundest (80 for 88 and 110%;
    900 for 1300 and 144%)."""
    half = Decimal(5).scaleb(-decimals - 1)
    low = actual * HUNDRED / (rate + half)
    high = actual * HUNDRED / (rate - half) if rate > half else actual * HUNDRED
    candidates = [Decimal(n) for n in range(int(low) + 1, int(high) + 1)]
    exact = actual * HUNDRED / rate
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


def _excerpt(sentence: str, value: Any) -> str:
    """A sentence, or its 60 characters around ``value`` as written (“1,519.36”)."""
    if len(sentence) <= 60:
        return sentence
    at = -1
    if isinstance(value, Decimal | int):
        digits = str(value).rstrip("0").rstrip(".") if "." in str(value) else str(value)
        found = re.search(",?".join(map(re.escape, digits)), sentence)
        at = found.start() if found else -1
    if at < 30:
        return _short(sentence)
    start = max(max(sentence.rfind(c, 0, at - 10) for c in "，。；") + 1, at - 30)
    excerpt = sentence[start : start + 58]
    return "…" + excerpt + ("…" if start + 58 < len(sentence) else "")


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:58] + "…"


def assemble(outline: Outline, *, infer: bool = True) -> Imported:
    """Place a report's outline into perfgen's input (see the module docstring).

    Args:
        outline: The report's outline (:func:`perfgen.reading.outline.outline`).
        infer: Work out what the report implies but does not state (an indicator's target
            from its actual value and rate), with a note; an audit reads without inferring,
            so that ``check`` judges what the report states.
    """
    return _Assembler(outline, infer=infer).run()


__all__ = ["Imported", "Piece", "assemble"]
