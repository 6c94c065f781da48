"""Part 一 of a report read back: 部门职能 (duties, staffing, internal units), 年度工作
(key tasks), 绩效目标, 收支情况 (its standard sentences) and 绩效管理 (points)."""

from __future__ import annotations

import re
from collections import Counter

from perfgen.narrative.numbering import number_of
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
        basic_info = self.data.setdefault("basic_info", {})  # a cover's form may hold figures
        for name in ("functions", "annual_work", "finances"):
            basic_info.setdefault(name, {})
        merged: dict[str, Section] = {}
        for section in part.sections:
            if section.key in merged:  # 部门职能 over several sections: read together
                merged[section.key].blocks.extend(section.blocks)
            elif section.key:
                merged[section.key] = Section(section.key, section.title, section.heading, [])
                merged[section.key].blocks.extend(section.blocks)
        done: set[str] = set()
        for section in part.sections:
            handler = getattr(self, f"basic_{section.key}", None)
            if handler is None and section.heading is not None:
                self.unplaced("basic_info", section.heading, 2, section.blocks)
                continue
            if handler is None:
                self.staffing_and_text(_paired(section.blocks))
                continue
            if section.key not in done:
                done.add(section.key)
                handler(merged[section.key])

    def basic_functions(self, section: Section) -> None:
        base = ("basic_info", "functions")
        duties = _duties(section.blocks)
        self.items((*base, "duties"), duties)
        self.staffing_and_text([b for b in _paired(section.blocks) if b not in duties])

    def staffing_and_text(self, blocks: list[Block]) -> None:
        """Paragraphs of 部门职能: the staffing sentences read (perfgen writes them again),
        the rest kept as its text."""
        base = ("basic_info", "functions")
        read_blocks = [(b, [read_functions(t) for t in read.split(b.text)]) for b in blocks]
        for block, sentences in read_blocks:
            kept = []
            for n, sentence in enumerate(sentences):
                text = sentence.text
                after = sentences[n + 1].text.lstrip() if n + 1 < len(sentences) else ""
                if after.startswith("其中"):  # the next sentence goes on from it: both kept
                    if sentence.captures:
                        self.capture(sentence, block)
                    kept.append(read.Sentence(text))
                    continue
                if sentence.captures and len(text) <= 90 and _all_read(sentence):
                    self.capture(sentence, block)
                    self.regenerated.append((block, text))
                    continue
                if sentence.captures:  # its figures read; the sentence says more: kept
                    self.capture(sentence, block)
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
        if numbered and len(numbered) == len(section.blocks):
            self.items(path, numbered)
            return  # else paragraphs between the numbered ones: each kept as written
        for block in section.blocks:
            parts = [p for p in re.split(r"(?<=；)", block.text) if p]
            for n, text in enumerate(parts, len(self.get(path) or {})):
                self.put((*path, n), text, block)
        self.listify(path)

    def basic_finances(self, section: Section) -> None:
        """The paragraphs of 部门整体收支情况: its standard sentences read, and a form among
        them (a Word table, or cells a line each) read by the form's grammar and kept."""
        path = ("basic_info", "finances", "text")
        forms = self.form(section.blocks)
        for block in section.blocks:
            form = forms.get(block.number)
            if form is not None and form.text:  # a cell alone: read only as the form's
                self.narrative(path, block, [form])
                continue
            text = NUMBER.sub("", block.text)
            self.standard(path, block, text)
            if form is not None:
                self.pieces[path][-1].sentences.append(form)

    def basic_performance_management(self, section: Section) -> None:
        self.points(("basic_info", "performance_management"), section.blocks, level=POINT)


_LABEL = re.compile(r"^(?:人员编制|编制数|编制人数|实有人数|在职人数|实有人员|在编人数)\s*\|?$")


def _paired(blocks: list[Block]) -> list[Block]:
    """A form's label and value printed as separate paragraphs (“人员编制” then “36”) joined
    into one “人员编制 | 36”, so that the staffing reads as a table row."""
    out: list[Block] = []
    for block in blocks:
        label = out[-1] if out else None
        if label and _LABEL.match(label.text) and re.fullmatch(r"\d{1,5}\s*\|?", block.text):
            text = f"{label.text.rstrip('| ')} | {block.text.rstrip('| ')}"
            out[-1] = Block(text, label.page, label.number, (label.text, block.text))
            continue
        out.append(block)
    return out


_RATE = re.compile(r"在职人员控制率为?\d+(?:\.\d+)?[%％]")
"""The rate perfgen computes from the staffing (it prints it again itself)."""


def _all_read(sentence: read.Sentence) -> bool:
    """Whether every number of a staffing sentence is one of the figures read from it (else
    perfgen's own sentence would lose the rest: 内设处室20个, 2021年末在职人数57人)."""
    read_values: set[str] = set()
    for capture in sentence.captures:
        value = capture.value
        if isinstance(value, dict):
            read_values |= {str(v) for v in value.values()}
        elif hasattr(value, "year") and hasattr(value, "day"):
            read_values |= {str(value.year), str(value.month), str(value.day)}
        else:
            read_values.add(str(value))
    return all(
        n.lstrip("0") in {v.lstrip("0") for v in read_values}
        for n in re.findall(r"\d+", _RATE.sub("", sentence.text))
    )


_DUTY_FORMS = ("arabic", "ar_paren", "ar_close", "circled")


def _duties(blocks: list[Block]) -> list[Block]:
    """The duties among the paragraphs of 部门职能: the numbered paragraphs of the commonest
    form that read as sentences. A short numbered title (“1.职责职能”, a heading over the list)
    and a paragraph that states the staffing are not duties."""
    numbered = [(b, number_of(b.text)) for b in blocks]
    candidates = [
        (b, n)
        for b, n in numbered
        if n is not None
        and n.form in _DUTY_FORMS
        and (len(n.rest) > 15 or re.search("[，,。；;]", n.rest))
        and not any(read_functions(t).captures for t in read.split(b.text))
    ]
    forms = Counter(n.form for _, n in candidates).most_common(1)
    return [b for b, n in candidates if forms and n.form == forms[0][0]]
