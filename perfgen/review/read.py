"""What perfgen read from a unit's file, for its review page: each number of the data with its
Chinese name and where the file states it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfgen.locations import FieldPath, dotted, shortened

if TYPE_CHECKING:
    from perfgen.input.validation import Input


def figures_read(source: Input, where: Callable[[FieldPath], str]) -> list[list[str]]:
    """Every number of the report's data (settings and unplaced sections aside), as rows of
    [its Chinese name, the number, where it stands (``where(path)``: “第 3 段”, “第 12 行”)]
    for a unit page's side panel."""
    from perfgen.input.validation import describe

    out: list[list[str]] = []

    def walk(node: Any, path: FieldPath, item: str) -> None:
        if isinstance(node, dict):
            named = node.get("name") or node.get("title")
            here = named if isinstance(named, str) and path else item  # not the report's title
            for key, value in node.items():
                if key not in ("settings", "unplaced"):  # unplaced: listed apart
                    walk(value, (*path, key), here)
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, (*path, n), item)
        elif isinstance(node, Decimal | int) and not isinstance(node, bool):
            label = (describe(path) or dotted(path)).split("；")[0].split("，")[0]
            label = label.split("（")[0] if item else label
            named = f"{shortened(item, 16)}：{label}" if item else label
            out.append([shortened(named, 40), str(node), where(path)])

    walk(source.source.data, (), "")
    return out
