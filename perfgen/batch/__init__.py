"""``perfgen batch``: every unit of a district rendered by worker processes, and a summary.

Each unit is the pipeline of ``render`` (:class:`perfgen.pipeline.Renderer`), run in its own
worker; one unit's bad input never stops the others. The parts:

- :mod:`~perfgen.batch.plan` — the units (:func:`plan`: files, folders, patterns) and the
  :class:`Options` every unit is rendered with;
- :mod:`~perfgen.batch.manifest` — the folder's record of what each unit was made from, so that
  an unchanged unit is skipped before it is read;
- :mod:`~perfgen.batch.stopping` — Ctrl-C and SIGTERM: :class:`Interrupted`;
- :mod:`~perfgen.batch.unit` — one unit rendered, in a worker: its outcome, and what the
  manifest records of it;
- :mod:`~perfgen.batch.pool` — :func:`run`: the worker processes, the PDF conversion
  (:mod:`~perfgen.batch.pdfs`: one LibreOffice process per worker), then the manifest and the
  summary (:mod:`perfgen.writers.summary`: ``汇总.xlsx``, ``汇总.json``; the workbook built by
  a helper process, :mod:`~perfgen.batch.summarizing`).

Progress is reported through callbacks; the CLI draws it.
"""

from typing import TYPE_CHECKING, Any

from perfgen.batch.plan import Options, Unit, plan
from perfgen.batch.stopping import Interrupted

if TYPE_CHECKING:
    from perfgen.batch.pool import run

__all__ = ["Interrupted", "Options", "Unit", "plan", "run"]


def __getattr__(name: str) -> Any:
    """:func:`run` imported when first asked for, so that ``perfgen batch`` can fork the
    summary's helper (:mod:`~perfgen.batch.summarizing`) before it loads the rest."""
    if name == "run":
        from perfgen.batch.pool import run

        return run
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
