"""The merged ranges of a worksheet, looked up by cell in logarithmic time."""

from __future__ import annotations

import bisect


class Merges:
    """The merged ranges of a sheet, found by column in logarithmic time: a segment tree over
    the columns, each range kept (sorted by its first row) in the O(log columns) nodes that
    cover its columns, so that building costs O(ranges · log columns) however far or wide the
    ranges reach, and a lookup walks one path from a column's leaf to the root."""

    def __init__(self, bounds: list[tuple[int, int, int, int]]) -> None:
        width = max((right for _, _, right, _ in bounds), default=1)
        self.size = 1 << width.bit_length()
        found: dict[int, list[tuple[int, int, int]]] = {}
        for left, top, right, bottom in bounds:
            low, high = max(left, 1) - 1 + self.size, right + self.size
            while low < high:
                if low & 1:
                    found.setdefault(low, []).append((top, bottom, left))
                    low += 1
                if high & 1:
                    high -= 1
                    found.setdefault(high, []).append((top, bottom, left))
                low, high = low >> 1, high >> 1
        for spans in found.values():
            spans.sort()
        self.nodes = {n: ([s[0] for s in spans], spans) for n, spans in found.items()}
        self._paths: dict[int, list[tuple[list[int], list[tuple[int, int, int]]]]] = {}

    def top(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the range holding ``(row, col)``, or the cell itself."""
        path = self._paths.get(col)
        if path is None:
            path = self._paths[col] = self._path(col)
        for starts, spans in path:
            at = bisect.bisect_right(starts, row) - 1
            if at >= 0 and spans[at][0] <= row <= spans[at][1]:
                return spans[at][0], spans[at][2]
        return row, col

    def _path(self, col: int) -> list[tuple[list[int], list[tuple[int, int, int]]]]:
        """The nodes holding ranges on the way from a column's leaf to the root (found once per
        column: a sheet is read cell by cell, down its few columns)."""
        node = col - 1 + self.size if col <= self.size else 0
        path = []
        while node:
            if node in self.nodes:
                path.append(self.nodes[node])
            node >>= 1
        return path
