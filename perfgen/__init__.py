"""perfgen: drafts a 部门整体支出绩效自评报告 from one YAML file.

The public API mirrors the pipeline (docs/architecture.md): :func:`load` → :func:`derive` →
:func:`check` → :func:`compose` → :func:`write`; :func:`examine` runs the first three and
:func:`render` runs them all (:mod:`perfgen.pipeline`). Names are imported on first use, so
``import perfgen`` (and each command of the CLI) loads only what it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from perfgen.errors import CheckError, InputError, OutputError, PerfgenError, TemplateError
    from perfgen.figures import Figures, derive
    from perfgen.formats import FORMATS
    from perfgen.input.validation import Input, validate
    from perfgen.locations import Problem
    from perfgen.pipeline import (
        Examined,
        Rendered,
        document_info,
        examine,
        load,
        output_format,
        render,
        write,
        write_table,
    )
    from perfgen.rules import Finding, blocking, check
    from perfgen.templating.composition import compose
    from perfgen.writers import DocumentInfo

__all__ = [
    "FORMATS",
    "CheckError",
    "DocumentInfo",
    "Examined",
    "Figures",
    "Finding",
    "Input",
    "InputError",
    "OutputError",
    "PerfgenError",
    "Problem",
    "Rendered",
    "TemplateError",
    "blocking",
    "check",
    "compose",
    "derive",
    "document_info",
    "examine",
    "load",
    "output_format",
    "render",
    "validate",
    "write",
    "write_table",
]

_EXPORTS = {
    "compose": "perfgen.templating.composition",
    "CheckError": "perfgen.errors",
    "InputError": "perfgen.errors",
    "OutputError": "perfgen.errors",
    "PerfgenError": "perfgen.errors",
    "Problem": "perfgen.locations",
    "TemplateError": "perfgen.errors",
    "Figures": "perfgen.figures",
    "derive": "perfgen.figures",
    "Examined": "perfgen.pipeline",
    "Rendered": "perfgen.pipeline",
    "document_info": "perfgen.pipeline",
    "examine": "perfgen.pipeline",
    "load": "perfgen.pipeline",
    "output_format": "perfgen.pipeline",
    "render": "perfgen.pipeline",
    "write": "perfgen.pipeline",
    "write_table": "perfgen.pipeline",
    "Finding": "perfgen.rules",
    "blocking": "perfgen.rules",
    "check": "perfgen.rules",
    "Input": "perfgen.input.validation",
    "validate": "perfgen.input.validation",
    "FORMATS": "perfgen.formats",
    "DocumentInfo": "perfgen.writers",
}
"""Each public name of :data:`__all__` → the module that defines it."""


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'perfgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value
