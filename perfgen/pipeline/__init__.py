"""The pipeline of every command (docs/architecture.md), from a path to a written file.

``load`` (file → :class:`~perfgen.input.validation.Input`, with the 自评表 workbook joined) →
``derive`` → ``check`` (:mod:`~perfgen.pipeline.examining`: :func:`load`, :func:`examine`,
:func:`check_files`, :func:`import_report`) → ``compose`` → ``write``
(:mod:`~perfgen.pipeline.rendering`: :class:`Renderer`, the one render path, and :func:`render`,
:func:`write_table`); :mod:`~perfgen.pipeline.standalone` writes what needs no input
(:func:`write_reference_doc`, :func:`write_schema`).
"""

from typing import TYPE_CHECKING, Any

from perfgen.pipeline.examining import (
    Checked,
    Examined,
    ImportChecked,
    check_files,
    examine,
    import_report,
    load,
    named_inputs,
)

if TYPE_CHECKING:
    from perfgen.pipeline.rendering import (
        Rendered,
        Renderer,
        document_info,
        output_format,
        render,
        render_examined,
        require_table,
        write,
        write_table,
    )
    from perfgen.pipeline.standalone import write_reference_doc, write_schema

_LATER = {
    "Rendered": "rendering",
    "Renderer": "rendering",
    "document_info": "rendering",
    "output_format": "rendering",
    "render": "rendering",
    "render_examined": "rendering",
    "require_table": "rendering",
    "write": "rendering",
    "write_table": "rendering",
    "write_reference_doc": "standalone",
    "write_schema": "standalone",
}
"""The names of the writing stages, imported on first use: ``perfgen check`` needs none."""


def __getattr__(name: str) -> Any:
    """Import a name of :data:`_LATER` from its module on first use."""
    if name not in _LATER:
        raise AttributeError(f"module 'perfgen.pipeline' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"perfgen.pipeline.{_LATER[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Checked",
    "Examined",
    "ImportChecked",
    "Rendered",
    "Renderer",
    "check_files",
    "document_info",
    "examine",
    "import_report",
    "load",
    "named_inputs",
    "output_format",
    "render",
    "render_examined",
    "require_table",
    "write",
    "write_reference_doc",
    "write_schema",
    "write_table",
]
