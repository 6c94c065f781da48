"""The state an import builds, and the ways every section reader places what it reads.

:class:`Placer` holds the input being built (plain data, as a YAML file would load to), where
each value came from (:attr:`Placer.origins`, for ``audit``), the comments the YAML will carry
(:attr:`Placer.notes`), what was not understood, and the paragraphs kept as narrative until the
standard sentences in them are verified. The section readers (:mod:`~perfgen.reading.basic_info`,
:mod:`~perfgen.reading.evaluation`, :mod:`~perfgen.reading.indicators`,
:mod:`~perfgen.reading.closing`) extend it; :mod:`~perfgen.reading.assemble` joins them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from perfgen.locations import FieldPath, shortened
from perfgen.narrative.numbering import number_of
from perfgen.narrative.punctuation import closed
from perfgen.reading import sentences as read
from perfgen.reading.outline import Outline, clean_title
from perfgen.reading.source import Block


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
        left_out: The lines of the file that are not the report (page numbers, running
            headers, web-page chrome, a contents list), with why.
        source: The source's paragraphs, for the account of where their characters went.
    """

    data: dict[str, Any]
    notes: dict[FieldPath, tuple[str, str]]
    origins: dict[FieldPath, Block]
    missed: list[tuple[Block, str]]
    outline: Outline
    regenerated: list[tuple[Block, str]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    source: list[Block] = field(default_factory=list)


@dataclass
class Placer:
    """An import being built (see the module docstring); section readers extend it."""

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

    def unplaced(self, after: str, heading: Block | None, level: int, blocks: list[Block]) -> None:
        """Keep a part or section perfgen's outline has no place for, verbatim and with its
        heading, to be printed where it stood (after the part ``after``; ``""``: before part
        一). The figures its sentences state are read; a short line without closing punctuation
        (a form's cell, “其中：基本支出：1768.16万元”) is only kept: its column is unknown."""
        if heading is None and not blocks:
            return
        sections = self.data.setdefault("unplaced", [])
        n = len(sections)
        entry: dict[str, Any] = {"after": after, "level": level if heading else 0}
        if heading is not None:
            number = number_of(heading.text)
            entry["title"] = clean_title(number.rest if number else heading.text) or heading.text
            self.origins[("unplaced", n)] = heading
        sections.append(entry)
        forms = self.form(blocks)
        for block in blocks:  # its figures read, its text kept as written
            form = forms.get(block.number)
            if (
                not closed(block.text) and len(block.text) <= 40
            ):  # a form's cell: read only by the form's grammar (its column)
                self.narrative(("unplaced", n, "text"), block, [form or read.Sentence(block.text)])
                continue
            sentences = [self.sentence(text, block) for text in read.split(block.text)]
            self.narrative(("unplaced", n, "text"), block, [*sentences, *([form] if form else [])])
            self.summary_score(block, sentences)
        if heading is not None:
            self.missed.append(
                (heading, f"“{abridged(heading.text)}”不属于标准提纲，原文保留在原处")
            )

    def summary_score(self, block: Block, sentences: list[read.Sentence]) -> None:
        """The self-evaluation score a preamble or an unplaced section states (“…逐项量化评价，
        自评得97.5分。”) read into ``evaluation.score``; its sentence stays as written."""
        from perfgen.reading.staff_and_score import score_of

        for sentence in sentences:
            score = score_of(sentence.text, summary=True)
            if score is None:
                continue
            scored = read.Sentence(sentence.text)
            scored.captures.append(read.Capture(("evaluation", "score"), score, sentence.text))
            self.capture(scored, block)
            for what in scored.missed:
                self.missed.append((block, f"“{abridged(sentence.text)}”中未能读入：{what}"))

    def form(self, blocks: list[Block]) -> dict[int, read.Sentence]:
        """The figures a form among ``blocks`` states, captured, and its indicator rows; the
        sentence of each paragraph holding a figure (:func:`~perfgen.reading.form_cells.
        form_sentences`)."""
        from perfgen.reading.form_cells import form_sentences
        from perfgen.reading.form_indicators import place_indicator_rows

        place_indicator_rows(self, blocks)
        year = self.data.get("year")
        held = form_sentences(blocks, year if isinstance(year, int) else None)
        for block in blocks:
            if block.number in held:
                self.capture(held[block.number], block)
        return held

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
                quote = f"原文（{block.where()}）：“{excerpt(item.quote, item.value)}”"
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

    def items(self, path: FieldPath, blocks: list[Block]) -> None:
        """Numbered paragraphs as list items, their numbers removed (perfgen numbers items
        itself); when the source skips or repeats a number, an audit keeps the numbers (so
        that ``check`` reports it) and an import says so in a comment."""
        found = [number_of(b.text) for b in blocks]
        numbers = [number.value for number in found if number is not None]
        regular = numbers == list(range(1, len(numbers) + 1))
        start = len(self.get(path) or {}) if isinstance(self.get(path), dict) else 0
        for n, (block, number) in enumerate(zip(blocks, found, strict=True), start):
            text = block.text if number is None or not (regular or self.infer) else number.rest
            text = text.strip() or block.text  # a bare label (“1.”) is kept as it stands
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

    def sentence(self, text: str, block: Block, heading: read.Named = None) -> read.Sentence:
        """One sentence of the finances read (:func:`read.read_finances`), figures captured."""
        sentence = read.read_finances(text, self.basis, heading)
        if sentence.captures or sentence.claims:
            self.capture(sentence, block)
        return sentence

    def points(self, base: FieldPath, blocks: list[Block], level: re.Pattern[str]) -> None:
        """Paragraphs before the first numbered heading are the text; each numbered heading a
        point with the paragraphs below it (a numbered paragraph whose first sentence is short
        is a point whose title runs into its text)."""
        points: list[dict[str, Any]] = []
        for heading, group in grouped(blocks, level):
            title, text = run_in(m[2]) if heading and (m := level.match(heading.text)) else ("", "")
            if heading is None or not title:  # the text, or a bare label (“1.”) where it stands
                where = (*base, "points", len(points) - 1) if points else base
                for block in [heading, *group] if heading else group:
                    self.plain((*where, "text"), block)
                continue
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


def grouped(blocks: list[Block], level: re.Pattern[str]) -> list[tuple[Block | None, list[Block]]]:
    """The blocks cut at each heading of ``level``: (heading, blocks below it); the blocks
    before the first heading come with ``None``."""
    groups: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for block in blocks:
        if level.match(block.text):
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    return [g for g in groups if g[0] is not None or g[1]]


def run_in(text: str) -> tuple[str, str]:
    """A heading's title and the text run into it: “人大会议：全年……” → (人大会议, 全年……);
    a heading alone → (title, "")."""
    stripped = text.strip()
    match = re.match(r"^(.{2,30}?)([：:。])(.+)$", stripped)
    if match and (len(match[1]) <= 24 or not re.search("[，,；;]", match[1])):
        return match[1], match[3].strip()
    return clean_title(stripped), ""


def excerpt(sentence: str, value: Any) -> str:
    """A sentence, or its 60 characters around ``value`` as written (“1,519.36”)."""
    if len(sentence) <= 60:
        return sentence
    at = -1
    if isinstance(value, Decimal | int):
        digits = str(value).rstrip("0").rstrip(".") if "." in str(value) else str(value)
        found = re.search(",?".join(map(re.escape, digits)), sentence)
        at = found.start() if found else -1
    if at < 30:
        return abridged(sentence)
    start = max(max(sentence.rfind(c, 0, at - 10) for c in "，。；") + 1, at - 30)
    excerpt = sentence[start : start + 58]
    return "…" + excerpt + ("…" if start + 58 < len(sentence) else "")


def abridged(text: str) -> str:
    """``text`` cut to 60 characters (“…” at the cut), for a comment or a message."""
    return shortened(text, 59)
