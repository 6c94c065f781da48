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

The readers of each part live in their own modules (:mod:`~perfgen.reading.basic_info`,
:mod:`~perfgen.reading.evaluation`, :mod:`~perfgen.reading.indicators`,
:mod:`~perfgen.reading.closing`) on the shared state of :mod:`~perfgen.reading.placing`; this
module runs them, verifies the stated rates and writes the narrative.

Over 300 lines because running the part readers, verifying the stated rates against the
derived figures and deciding which sentences to drop share one assembled state.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from typing import Any

from perfgen.arithmetic import HUNDRED, quantize
from perfgen.figures.catalogue import FIN, HOMES
from perfgen.locations import FieldPath, Source
from perfgen.reading import sentences as read
from perfgen.reading.basic_info import BasicInfoReader
from perfgen.reading.closing import ClosingReader
from perfgen.reading.evaluation import EvaluationReader
from perfgen.reading.outline import Outline
from perfgen.reading.placing import Imported, Piece, abridged

_SHORT_NAME = re.compile(r"以下简称[“\"]([^”\"]{2,20})[”\"]")


class _Assembler(BasicInfoReader, EvaluationReader, ClosingReader):
    """The whole report: the title, each part's reader, then the narrative verified."""

    def run(self) -> Imported:
        self.header()
        front = self.outline.front
        if front.cover_blocks or front.preamble:
            self.unplaced("", None, 0, [*front.cover_blocks, *front.preamble])
        anchor = ""
        for part in self.outline.parts:
            handler = getattr(self, f"part_{part.key}", None) if part.key else None
            if handler is None:
                self.unplaced(anchor, part.heading, 1, [])
                for section in part.sections:
                    self.unplaced(anchor, section.heading, 2, section.blocks)
                continue
            anchor = part.key
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
                        if not sentence.keep and place is not None and _homes(sentence) == {place}:
                            dropped.add(id(sentence))
                            self.regenerated.append((piece.block, sentence.text))
                    else:
                        wrong = [c.written for c in sentence.claims if id(c) not in verified]
                        what = "、".join([*sentence.missed, *wrong])
                        self.missed.append(
                            (piece.block, f"“{abridged(sentence.text)}”中未能读入：{what}")
                        )
        self.omit_restated(dropped)
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

    def omit_restated(self, dropped: set[int]) -> None:
        """A sentence kept as written though understood (its amounts in 元, which perfgen would
        print rounded in 万元; a form's cell) states its figures itself: perfgen's own sentence
        for them is omitted (``settings.omit``), and the other sentences stating figures of that
        sentence are kept as written too, so that a draft states each figure once."""
        stating = [
            (s, piece.block)
            for pieces in self.pieces.values()
            for piece in pieces
            for s in piece.sentences
            if s.captures
        ]
        groups = {_group(c.path) for s, _ in stating if s.keep and not s.missed for c in s.captures}
        groups.discard(None)
        while undrop := [
            (s, b)
            for s, b in stating
            if id(s) in dropped and {_group(c.path) for c in s.captures} & groups
        ]:
            for sentence, block in undrop:
                dropped.discard(id(sentence))
                self.regenerated.remove((block, sentence.text))
                groups |= {_group(c.path) for c in sentence.captures} - {None}
        if groups:
            omit = self.data.setdefault("settings", {}).setdefault("omit", [])
            omit.extend(sorted(g for g in groups if isinstance(g, str) and g not in omit))

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
        from perfgen.input.validation import validate

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
                    quote = f"原文（{block.where()}）：“{abridged(sentence.text)}”"
                    self.put(claim.stated, claim.value, block, quote, "没有预算数，照原文填写")
                if earlier is None or earlier == claim.value:
                    verified.add(id(claim))
            elif isinstance(value, Decimal) and quantize(value, claim.decimals) == claim.value:
                verified.add(id(claim))
        return verified

    def header(self) -> None:
        outline = self.outline
        front = outline.front
        title = outline.title
        unit, year = front.unit, front.year
        self.data["unit"] = {"name": unit or "【待填写】"}
        if front.unit_block is not None:
            self.origins[("unit", "name")] = front.unit_block
            quote = f"原文（{front.unit_block.where()}）：“{abridged(front.unit_block.text)}”"
            self.notes[("unit", "name")] = (quote, "")
        short = self.short_name()
        if short:
            self.data["unit"]["short_name"] = short
        if year is None and (year := self.likely_year()) is not None:
            self.notes[("year",)] = ("", f"原文标题未写年度，取正文中最常出现的“{year}年”")
        if year is None:
            self.notes[("year",)] = ("", "原文未写评价年度，请填写")
        self.data["year"] = year or "【待填写】"
        self.data["outline"] = outline.preset()
        if outline.attachment_label:
            self.data["attachment_label"] = outline.attachment_label
        if title and (unit is None or title != f"{unit}{year}年部门整体支出绩效自评报告"):
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


_HOMES = HOMES
"""Where perfgen writes each block of figures: in 部门整体收支情况, or with the 管理效率分析
item of that kind (the catalogue's ``printed``)."""


_OMITTED = ("income", "expenditure", "budget", "expense", "carryover", "procurement", "assets")


def _group(path: FieldPath) -> str | None:
    """The computed sentence that prints the finance figure at ``path`` (a name of
    ``settings.omit``), or ``None``."""
    if path[:2] != FIN or len(path) < 4:
        return None
    block = str(path[2])
    if block == "budget" and str(path[3]).endswith("execution_rate"):
        return "execution"
    if block == "three_public":
        return block
    return block if block in _OMITTED else None


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
            return None  # a fallback on 年初预算: a stated rate is better (docs/domain.md §2)
        if value.stated:
            return value.value if isinstance(value.value, Decimal) else None
        value = value.exact if value.exact is not None else value.value
    return value if isinstance(value, Decimal) else None


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


__all__ = ["Imported", "Piece", "assemble"]
