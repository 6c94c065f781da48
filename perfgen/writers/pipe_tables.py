"""The report's tables as structured rows: GFM pipe tables found by a line scanner, not by
markdown-it's table rule.

The templates stay the one source of what a table prints (docs/templates.md): they write pipe
tables, and :func:`blocks` hands each one to the writers as a :class:`Table` — its columns'
alignment and its rows of cells, each cell the Markdown markdown-it's table rule would give its
inline token — in one token of type :data:`TABLE`. A table of the form templates write (a
header line beginning with ``|`` after a blank line, its delimiter line, rows beginning with
``|`` up to a blank line) is cut out of the text by the scanner and a marker paragraph put in its
place, so markdown-it parses only the prose; the marker must come back as a paragraph of its own
at the top level, which proves the table stood where the table rule would have found it (not in
a fence, a list or a quote). Any other table, and a whole report in which a marker is not found
where it was put, is parsed by markdown-it and its table tokens folded into the same
:class:`Table`, so the writers see one form. The split of a row into cells, the trimming and the
``\\|`` escape are markdown-it's own (:func:`escapedSplit`, :func:`mdTrim`).

A cell's inline tokens are parsed when a writer asks for them; a cell with no character that
starts inline markup (``\\ ` * _ [ ! < &``) is one text token, and writers take its text as it
is. The cost is linear in the table and small: markdown-it took 3.5 s to parse a report with a
10,000-row 自评表 (and its indicator tables), about half of the Word writer's time; the scanner
and the prose parse take 0.2 s (``benchmarks/tables.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS, escapedSplit
from markdown_it.token import Token

TABLE = "pipe_table"
"""The token type of a table given as :class:`Table` (``token.meta["table"]``)."""

MARK = "\ue000perfgen-table\ue000"
"""Stands in the text for a table cut out by the scanner (a private-use character: a report that
holds it anyway is parsed by markdown-it alone)."""

_INLINE_MARKUP = re.compile(r"[\n\\`*_\[!<&]")
"""The characters at which one of the enabled inline rules (newline, escape, backticks,
emphasis, link, image, autolink, entity) can start; a cell without them is plain text."""

_DELIMITER_CHARS = frozenset("|-: \t")
_ALIGNMENT = re.compile(r"^:?-+:?$")


@dataclass(eq=False)
class Table:
    """One table: its columns' alignment and its rows of cells, the header first.

    Attributes:
        aligns: Per column ``""``, ``"left"``, ``"center"`` or ``"right"`` (the delimiter row).
        rows: Each row's cells, as many as the header has: the cell's Markdown, trimmed, with
            ``\\|`` already unescaped (the content of markdown-it's inline token for the cell).
        parser: The document's parser and environment (its link references), which parse a
            cell that is not plain text.
        meta: Row number → what writers attach to a row: a draft's ``notes`` (see
            :func:`perfgen.writers.notes.place`), HTML ``attrs``.
        layout: What a writer computes once from the whole table (the Word columns' needs).
        parsed: (row, column) → the cell's inline tokens, once parsed.
    """

    aligns: list[str]
    rows: list[list[str]]
    parser: MarkdownIt | None = None
    env: dict[str, Any] = field(default_factory=dict)
    meta: dict[int, dict[str, Any]] = field(default_factory=dict)
    layout: dict[str, Any] = field(default_factory=dict)
    parsed: dict[tuple[int, int], list[Token]] = field(default_factory=dict)

    def is_plain(self, row: int, column: int) -> bool:
        """Whether the cell is plain text: one text token holding its Markdown as it is."""
        return (row, column) not in self.parsed and not _INLINE_MARKUP.search(
            self.rows[row][column]
        )

    def children(self, row: int, column: int) -> list[Token]:
        """The cell's inline tokens, as markdown-it's table rule and inline parser give them."""
        key = (row, column)
        if key not in self.parsed:
            source = self.rows[row][column]
            if not source:
                self.parsed[key] = []
            elif not _INLINE_MARKUP.search(source):
                text = Token("text", "", 0)
                text.content = source
                self.parsed[key] = [text]
            else:
                assert self.parser is not None, "cells are parsed by their document's parser"
                self.parsed[key] = self.parser.parseInline(source, self.env)[0].children or []
        return self.parsed[key]

    def row_notes(self, row: int) -> list[int]:
        """The numbers of the draft's notes placed on ``row``."""
        return list(self.meta.get(row, {}).get("notes", ()))


def table_of(token: Token) -> Table:
    """The :class:`Table` a :data:`TABLE` token carries."""
    table: Table = token.meta["table"]
    return table


def blocks(parser: MarkdownIt, markdown: str) -> list[Token]:
    """Block tokens of ``markdown`` as ``parser`` gives them, each table one :data:`TABLE` token.

    Args:
        parser: A markdown-it parser with the table rule enabled.
        markdown: The composed report.
    """
    env: dict[str, Any] = {}
    text = _normalized(markdown)
    cut, tables = _cut_tables(text)
    if tables:
        tokens = parser.parse(cut, env)
        placed = _place_marks(tokens, tables)
        if placed is not None:
            for table, _, _ in tables:
                table.parser, table.env = parser, env
            return _folded(placed, parser, env)  # tables of other forms
    env.clear()
    return _folded(parser.parse(text, env), parser, env)


def _normalized(markdown: str) -> str:
    """The text as markdown-it's ``normalize`` rule leaves it (line ends, NUL)."""
    return markdown.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def _blank(line: str) -> bool:
    return not line.strip(" \t")


def _cut_tables(text: str) -> tuple[str, list[tuple[Table, int, int]]]:
    """The text with each table of the templates' form replaced by a marker line, and the tables
    cut (with their first and past-last line numbers)."""
    if MARK in text or "|" not in text:
        return text, []
    lines = text.split("\n")
    out: list[str] = []
    tables: list[tuple[Table, int, int]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|") and (i == 0 or _blank(lines[i - 1])) and i + 1 < len(lines):
            found = _scan(lines, i)
            if found is not None:
                table, end = found
                out.append(f"{MARK}{len(tables)}")
                tables.append((table, i, end))
                i = end
                continue
        out.append(line)
        i += 1
    return "\n".join(out), tables


def _cells(line: str) -> list[str]:
    """A row's cells as markdown-it splits them: the line trimmed, split at unescaped pipes, an
    empty first and last cell (outside the enclosing pipes) dropped."""
    text = mdTrim(line)
    columns = escapedSplit(text) if "\\" in text else text.split("|")
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return columns


def _aligns(line: str) -> list[str] | None:
    """The alignments of a delimiter line at the left margin (markdown-it's checks), or ``None``."""
    if len(line) < 2 or line[0] not in "|-:" or not _DELIMITER_CHARS.issuperset(line):
        return None
    if line[1] not in "|-: \t" or (line[0] == "-" and line[1] in " \t"):
        return None
    columns = line.split("|")
    aligns = []
    for i, column in enumerate(columns):
        t = mdTrim(column)
        if not t:
            if i in (0, len(columns) - 1):
                continue
            return None
        if not _ALIGNMENT.search(t):
            return None
        if t[-1] == ":":
            aligns.append("center" if t[0] == ":" else "right")
        elif t[0] == ":":
            aligns.append("left")
        else:
            aligns.append("")
    return aligns


def _scan(lines: list[str], start: int) -> tuple[Table, int] | None:
    """The table whose header is ``lines[start]`` and the line after it, if it has the
    templates' form: every row begins with ``|``, and a blank line (or the end) follows it."""
    aligns = _aligns(lines[start + 1])
    header = _cells(lines[start])
    if aligns is None or not header or len(header) != len(aligns):
        return None
    count = len(header)
    rows = [[mdTrim(c) for c in header]]
    autocompleted = 0
    end = start + 2
    while end < len(lines):
        line = lines[end]
        if not mdTrim(line):
            break
        if not line.startswith("|"):
            return None  # a row of another form: markdown-it decides
        columns = _cells(line)
        autocompleted += count - len(columns)
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            return None
        if len(columns) != count:
            columns = (columns + [""] * count)[:count]
        rows.append([mdTrim(c) if c else "" for c in columns])
        end += 1
    if end < len(lines) and not _blank(lines[end]):
        return None  # a line markdown-it would not take as blank ends the table
    return Table(aligns, rows), end


def _place_marks(tokens: list[Token], tables: list[tuple[Table, int, int]]) -> list[Token] | None:
    """The tokens with each marker paragraph replaced by its table's token; ``None`` when a
    marker is not a paragraph of its own at the top level."""
    out: list[Token] = []
    found = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        inline = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            token.type == "paragraph_open"
            and inline is not None
            and inline.content.startswith(MARK)
        ):
            if token.level != 0 or inline.content != f"{MARK}{found}":
                return None
            table, first, end = tables[found]
            out.append(_token(table, token, [first, end]))
            found += 1
            i += 3
            continue
        out.append(token)
        i += 1
    return out if found == len(tables) else None


def _token(table: Table, like: Token, lines: list[int]) -> Token:
    token = Token(TABLE, "table", 0)
    token.block = True
    token.level = like.level
    token.map = lines
    token.meta = {"table": table}
    return token


def _folded(tokens: list[Token], parser: MarkdownIt, env: dict[str, Any]) -> list[Token]:
    """The tokens with each of markdown-it's own tables (``table_open`` … ``table_close``)
    folded into one :data:`TABLE` token."""
    if not any(t.type == "table_open" for t in tokens):
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type != "table_open":
            out.append(token)
            i += 1
            continue
        end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
        table = Table([], [], parser, env)
        for cell, inline in _cells_of(tokens[i:end]):
            if cell.type == "tr_open":
                table.rows.append([])
                continue
            r, c = len(table.rows) - 1, len(table.rows[-1])
            if r == 0:
                style = str(cell.attrGet("style") or "")
                table.aligns.append(style.removeprefix("text-align:"))
            table.rows[-1].append(inline.content)
            table.parsed[(r, c)] = inline.children or []
        out.append(_token(table, token, list(token.map or [0, 0])))
        i = end + 1
    return out


def _cells_of(tokens: list[Token]) -> Iterator[tuple[Token, Token]]:
    """Each ``tr_open`` (with itself) and each cell's opening token with its inline token."""
    for k, token in enumerate(tokens):
        if token.type == "tr_open":
            yield token, token
        elif token.type in ("th_open", "td_open"):
            yield token, tokens[k + 1]
