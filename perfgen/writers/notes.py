"""A draft's notes: the check's findings, each placed on the block of the report it is about.

``render --draft`` (docs/architecture.md) prints the report even when ``check`` finds errors, and
shows each finding beside what it blames: a Word comment, a marked HTML paragraph, a list at the
end of the Markdown. :func:`place` finds that block in the report's Markdown tokens, so every
format marks the same paragraph: the block of the note's section that prints the blamed value and
names the item it belongs to (such as an indicator's row), else one that prints the value, else one
that names the item, else the section's heading, else the report's title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from markdown_it.token import Token

from perfgen.errors import LEVEL_NAMES, tally
from perfgen.locations import shortened
from perfgen.writers.pipe_tables import TABLE, Table, table_of

ANCHORS = ("heading_open", "paragraph_open")
"""The tokens that open a block a note can be placed on (and each row of a table)."""

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_BLANKS = re.compile(r"\s+")
_HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)"
)

NEEDLE_CHARS = 16
"""How many leading characters of a blamed text identify the paragraph that prints it."""


@dataclass(frozen=True)
class Note:
    """One finding as a draft shows it.

    Attributes:
        level: ``error``, ``warning`` or ``hint``.
        rule: The rule id (docs/checks.md).
        message: The Chinese message.
        where: The YAML position: ``file:line:column 字段路径``.
        sections: Titles of the sections that print the blamed field, the most specific first.
        item: Text naming the item the field belongs to (an indicator's or a point's name), if
            any.
        value: The blamed value as the YAML holds it: a number (万元, %, …) or a text.
    """

    level: str
    rule: str
    message: str
    where: str
    sections: tuple[str, ...] = ()
    item: str | None = None
    value: Decimal | str | None = None

    @property
    def heading(self) -> str:
        """``错误[rule]``."""
        return f"{LEVEL_NAMES[self.level]}[{self.rule}]"

    @property
    def text(self) -> str:
        """The comment's text: level, rule and message, then the YAML position."""
        return f"{self.heading} {self.message}\n位置：{self.where}"


@dataclass(frozen=True)
class _Block:
    index: int
    level: int  # heading level (1–6); 0 for a paragraph or a table row
    text: str
    row: int = -1  # the row of the table token at ``index``; -1 for a heading or a paragraph

    @property
    def key(self) -> Anchor:
        return (self.index, self.row)


Anchor = tuple[int, int]
"""Where a note is placed: the index of a block's token, and the row when it is a table's
(else -1)."""


def _inline_text(token: Token) -> str:
    return _children_text(token.children or ())


def _children_text(children: Sequence[Token]) -> str:
    return "".join(c.content for c in children if c.type in ("text", "code_inline"))


def _row_text(table: Table, row: int) -> str:
    return " ".join(
        source if table.is_plain(row, c) else _children_text(table.children(row, c))
        for c, source in enumerate(table.rows[row])
    )


def _blocks(tokens: Sequence[Token]) -> list[_Block]:
    blocks: list[_Block] = []
    for i, token in enumerate(tokens):
        if token.type == TABLE:
            table = table_of(token)
            blocks.extend(_Block(i, 0, _row_text(table, r), r) for r in range(len(table.rows)))
        elif token.type in ANCHORS:
            level = int(token.tag[1]) if token.type == "heading_open" else 0
            blocks.append(_Block(i, level, _inline_text(tokens[i + 1])))
    return blocks


def _plain(text: str) -> str:
    return _BLANKS.sub("", text)


def _numbers(text: str) -> set[Decimal]:
    found = set()
    for match in _NUMBER.finditer(text):
        try:
            found.add(Decimal(match.group().replace(",", "")))
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
    return found


def _prints(block: _Block, value: Decimal | str | None) -> bool:
    if value is None:
        return False
    if isinstance(value, Decimal):
        return value in _numbers(block.text)
    needle = _plain(value)[:NEEDLE_CHARS]
    return bool(needle) and needle in _plain(block.text)


def _section(blocks: list[_Block], titles: Sequence[str]) -> tuple[int, int] | None:
    """The range of blocks (heading included) under the first of ``titles`` found."""
    for title in titles:
        for k, block in enumerate(blocks):
            if block.level and _HEADING_NUMBER.sub("", block.text.strip()) == title:
                end = next(
                    (j for j in range(k + 1, len(blocks)) if 0 < blocks[j].level <= block.level),
                    len(blocks),
                )
                return k, end
    return None


def _anchor(blocks: list[_Block], note: Note) -> _Block:
    """The block ``note`` is placed on."""
    span = _section(blocks, note.sections)
    start, end = span if span else (0, len(blocks))
    inside = blocks[start + 1 : end] if span else blocks
    named = [b for b in inside if _prints(b, note.item)]
    both = [b for b in named if _prints(b, note.value)]
    printing = both or [b for b in inside if _prints(b, note.value)] or named
    if printing:
        return printing[0]
    if span:
        return blocks[start]
    title = next((b for b in blocks if b.level == 1), None)
    return title or blocks[0]


def place(tokens: Sequence[Token], notes: Sequence[Note]) -> None:
    """Place each note on a block: ``meta["notes"]`` of the block's opening token (of a table's
    row: :attr:`Table.meta <perfgen.writers.pipe_tables.Table>` of the row) lists the numbers
    (0-based, in ``notes`` order) of the notes placed on it.

    The cost is linear in the report for each note (one pass over its blocks).

    Args:
        tokens: The report's block tokens (:func:`perfgen.writers.tokens.parse`).
        notes: The draft's notes, in report order.
    """
    blocks = _blocks(tokens)
    if not blocks:
        return
    for n, note in enumerate(notes):
        block = _anchor(blocks, note)
        meta = block_meta(tokens, block.key)
        meta.setdefault("notes", []).append(n)


def block_meta(tokens: Sequence[Token], anchor: Anchor) -> dict[str, Any]:
    """The ``meta`` of the block at ``anchor``: its token's, or its table row's."""
    index, row = anchor
    if row < 0:
        return tokens[index].meta
    return table_of(tokens[index]).meta.setdefault(row, {})


def summary(notes: Sequence[Note]) -> str:
    """“草稿 · 检查发现 3 处（错误 1 处，警告 2 处）”, the hints (提示) named when there are
    some, or that nothing was found."""
    if not notes:
        return "草稿 · 检查未发现问题"
    return f"草稿 · 检查发现 {len(notes)} 处（{tally([n.level for n in notes])}）"


EXCERPT_CHARS = 24
"""How much of the paragraph a note is placed on the Markdown list quotes."""


def markdown_list(markdown: str, notes: Sequence[Note]) -> str:
    """The draft's notes as Markdown appended to the report (``render --draft -f md``): each
    with its position in the YAML and the start of the paragraph it blames.

    Args:
        markdown: The composed report.
        notes: The draft's notes.

    Returns:
        Markdown to append: a heading line and a numbered list, its text escaped.
    """
    from perfgen.markdown import escape
    from perfgen.writers.tokens import parse

    tokens = parse(markdown)
    place(tokens, notes)
    texts = {b.key: b.text for b in _blocks(tokens)}
    lines = ["", f"**{escape(summary(notes))}**", ""]
    for n, (note, at) in enumerate(zip(notes, _ordered(tokens, len(notes)), strict=True), 1):
        excerpt = texts.get(at, "") if at is not None else ""
        excerpt = shortened(excerpt, EXCERPT_CHARS + 1)
        quoted = f"；所在段落：“{escape(excerpt)}”" if excerpt else ""
        lines.append(
            f"{n}. {escape(note.heading)} {escape(note.message)}"
            f"（位置：{escape(note.where)}{quoted}）"
        )
    return "\n".join(lines) + "\n"


def _ordered(tokens: Sequence[Token], count: int) -> list[Anchor | None]:
    at = anchored(tokens)
    return [at.get(n) for n in range(count)]


def anchored(tokens: Sequence[Token]) -> dict[int, Anchor]:
    """Note number → where it is placed (after :func:`place`): the block's token index and, on
    a table, its row (else -1)."""
    at: dict[int, Anchor] = {}
    for i, token in enumerate(tokens):
        if token.type == TABLE:
            for row, meta in table_of(token).meta.items():
                at.update((n, (i, row)) for n in meta.get("notes", ()))
        elif token.meta:
            at.update((n, (i, -1)) for n in token.meta.get("notes", ()))
    return at
