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
from perfgen.reading.staff_and_score import STAFF, read_functions, staff_listed

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
        """Paragraphs of 部门职能: the staffing sentences read, the rest kept as its text.

        perfgen writes the staffing sentence again from the figures only when every sentence
        that states them can be left out (short, every number read); when one must stay as
        written (it says more, or goes on in a “其中” sentence), they all stay, and perfgen's
        own staffing sentence is omitted (``settings.omit``): a draft states each count once.
        """
        base = ("basic_info", "functions")
        read_blocks = [(b, [read_functions(t) for t in read.split(b.text)]) for b in blocks]
        stated: list[tuple[Block, read.Sentence, bool]] = []  # (paragraph, sentence, left out)
        for block, sentences in read_blocks:
            for n, sentence in enumerate(sentences):
                after = sentences[n + 1].text.lstrip() if n + 1 < len(sentences) else ""
                if after.startswith("其中") and (listed := staff_listed(sentence.text, after)):
                    sentences[n + 1].captures.append(listed)
                if sentence.captures:
                    self.capture(sentence, block)
                    alone = not after.startswith("其中") and len(sentence.text) <= 90
                    stated.append((block, sentence, alone and _all_read(sentence)))
        staffing = [s for _, s, _ in stated if any(c.path[:3] == STAFF for c in s.captures)]
        kept_any = any(not out for _, s, out in stated if s in staffing)
        if kept_any:
            omit = self.data.setdefault("settings", {}).setdefault("omit", [])
            omit.append("staffing")
        left_out = {id(s) for b, s, out in stated if out and not (kept_any and s in staffing)}
        for block, sentences in read_blocks:
            kept = [read.Sentence(s.text) for s in sentences if id(s) not in left_out]
            self.regenerated.extend((block, s.text) for s in sentences if id(s) in left_out)
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
        heading: read.Named = None  # the figure a heading over a paragraph names
        for block in section.blocks:
            form = forms.get(block.number)
            if form is not None and form.text:  # a cell alone: read only as the form's
                self.narrative(path, block, [form])
                continue
            text = NUMBER.sub("", block.text)
            pieces = enumerate(read.split(text))  # the first may state the heading's figure
            found = [self.sentence(p, block, heading if n == 0 else None) for n, p in pieces]
            self.narrative(path, block, found)
            heading = read.heading_figure(text)
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
