"""The merged ranges of a sheet looked up by cell (perfgen.input.merges): the top-left cell of
the range holding a cell, as a search through every range finds it, asked in any order and
again."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from perfgen.input.merges import Merges

Bounds = tuple[int, int, int, int]  # left, top, right, bottom


def _disjoint(candidates: list[Bounds]) -> list[Bounds]:
    """The ranges that overlap none kept before them (Excel's merged ranges never overlap)."""
    kept: list[Bounds] = []
    for left, top, right, bottom in candidates:
        if all(right < l2 or r2 < left or bottom < t2 or b2 < top for l2, t2, r2, b2 in kept):
            kept.append((left, top, right, bottom))
    return kept


@st.composite
def _ranges(draw: st.DrawFn) -> list[Bounds]:
    out = []
    for _ in range(draw(st.integers(0, 12))):
        left, top = draw(st.integers(1, 20)), draw(st.integers(1, 30))
        out.append((left, top, left + draw(st.integers(0, 6)), top + draw(st.integers(0, 9))))
    return _disjoint(out)


@settings(max_examples=200, deadline=None, database=None)
@given(_ranges(), st.randoms(use_true_random=False))
def test_the_top_of_each_cell_is_that_of_its_range(ranges: list[Bounds], order) -> None:  # type: ignore[no-untyped-def]
    merges = Merges(ranges)
    cells = [(row, col) for row in range(1, 42) for col in range(1, 29)]
    order.shuffle(cells)
    for row, col in cells + cells[:50]:  # some asked twice
        holding = [(t, x) for x, t, r, b in ranges if x <= col <= r and t <= row <= b]
        assert merges.top(row, col) == (holding[0] if holding else (row, col))
