"""perfgen: drafts a 部门整体支出绩效自评报告 from one YAML file.

The public API mirrors the pipeline (docs/architecture.md): :func:`load` → :func:`derive` →
:func:`check` → :func:`compose` → :func:`write`; :func:`examine` runs the first three and
:func:`render` runs them all (:mod:`perfgen.pipeline`). Names are imported on first use, so
``import perfgen`` (and each command of the CLI) loads only what it needs.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
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


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A package's ``__getattr__`` that imports each name of ``exports`` (name → the module that
    defines it) on first use and keeps it: ``import perfgen`` and ``perfgen check`` load only
    what they use.

    Raises:
        AttributeError: (from the returned function) a name the package does not export.
    """
    namespace = sys.modules[package].__dict__

    def getattr_(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(exports[name]), name)
        namespace[name] = value
        return value

    return getattr_


__getattr__ = lazy_exports(__name__, _EXPORTS)
