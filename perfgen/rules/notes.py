"""The findings of ``check`` as a draft's notes (``render --draft``, ``serve``).

Each :class:`~perfgen.rules.Finding` blames a field path; its note says where in the report that
field is printed — the sections that print it (by their titles, as the report's outline names
them), the item it belongs to (an indicator's or a point's name) and the value as the YAML holds
it — so that :func:`perfgen.writers.notes.place` can find the paragraph in any format.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from perfgen.input.validation import Input
from perfgen.locations import FieldPath, dotted
from perfgen.narrative.numbering import typed_number
from perfgen.rules import Finding
from perfgen.rules.sections import section_keys
from perfgen.writers.notes import Note


def _nodes(data: Any, path: FieldPath) -> list[Any]:
    """The data along ``path``: the root, then each node down to the value (as far as it
    exists)."""
    nodes = [data]
    for key in path:
        node = nodes[-1]
        if isinstance(node, dict) and key in node:
            nodes.append(node[key])
            continue
        if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            nodes.append(node[key])
            continue
        break
    return nodes


def _item(nodes: list[Any]) -> str | None:
    """The name or title of the deepest named node along a path."""
    for node in reversed(nodes[1:]):
        if isinstance(node, dict):
            for key in ("name", "title"):
                if isinstance(node.get(key), str):
                    return str(node[key])
    return None


def _value(node: Any) -> Decimal | str | None:
    """The blamed value as printed: a number or a text; for a group of figures (income,
    expenditure…), its total."""
    if isinstance(node, dict):
        node = node.get("total")
    if isinstance(node, bool):
        return None
    if isinstance(node, Decimal | int):
        return Decimal(node)
    if not isinstance(node, str):
        return None
    typed = typed_number(node)  # a list item is printed without the number typed before it
    return typed.rest if typed else node


def note(finding: Finding, source: Input) -> Note:
    """The draft's note for one finding of ``source``."""
    titles = source.report.section_headings
    nodes = _nodes(source.source.data, finding.path)
    # A point written as a plain string is read as its one paragraph (``text[0]``).
    reached = len(nodes) == len(finding.path) + 1 or isinstance(nodes[-1], str)
    position = f"{finding.file}:{finding.line}:{finding.column}" if finding.line else finding.file
    return Note(
        level=finding.level,
        rule=finding.rule,
        message=finding.message,
        where=f"{position} {dotted(finding.path)}".strip(),
        sections=tuple(titles[k] for k in section_keys(finding.path, titles) if k in titles),
        item=_item(nodes),
        value=_value(nodes[-1]) if reached else None,
    )


def notes(findings: Iterable[Finding], source: Input) -> tuple[Note, ...]:
    """Every finding of ``source`` as a draft's note, in the same order."""
    return tuple(note(f, source) for f in findings)
