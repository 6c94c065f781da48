"""The cyclic garbage collector held off while one input is examined or written.

A large report (a 自评表 of 10,000 indicators) keeps hundreds of thousands of objects alive at
once: the workbook's cells, the validated models, the composed text, the writers' XML trees.
Python's collector scans every live object at each full collection, and full collections come
more often the more objects a stage allocates, so with the collector on, the cost per row grows
with the report (the xlsx writer: 0.20 ms/row at 1,000 rows, 0.25 at 10,000; 0.15 with it held
off — ``benchmarks/tables.py``). Everything examined or written is freed by reference counting
when the stage ends; what forms reference cycles (openpyxl's workbook ↔ sheet ↔ cell links) is
collected once the collector runs again, after the stage.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector inside the block; on leaving it, the collector is
    on again if it was on when the block was entered (nested blocks leave it off until the
    outermost one ends). Reference counting still frees what the block drops."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
