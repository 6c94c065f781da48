"""The pipeline of every command (docs/architecture.md), from a path to a written file.

``load`` (file → :class:`~perfgen.input.validation.Input`, with the 自评表 workbook joined) →
``derive`` → ``check`` (:mod:`~perfgen.pipeline.examining`: :func:`load`, :func:`examine`,
:func:`check_files`, :func:`import_report`) → ``compose`` → ``write``
(:mod:`~perfgen.pipeline.rendering`: :class:`Renderer`, the one render path, and :func:`render`,
:func:`write_table`); :mod:`~perfgen.pipeline.standalone` writes what needs no input
(:func:`write_reference_doc`, :func:`write_schema`).
"""

from typing import TYPE_CHECKING

from perfgen import lazy_exports
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
    "Rendered": "perfgen.pipeline.rendering",
    "Renderer": "perfgen.pipeline.rendering",
    "document_info": "perfgen.pipeline.rendering",
    "output_format": "perfgen.pipeline.rendering",
    "render": "perfgen.pipeline.rendering",
    "render_examined": "perfgen.pipeline.rendering",
    "require_table": "perfgen.pipeline.rendering",
    "write": "perfgen.pipeline.rendering",
    "write_table": "perfgen.pipeline.rendering",
    "write_reference_doc": "perfgen.pipeline.standalone",
    "write_schema": "perfgen.pipeline.standalone",
}
"""The names of the writing stages, imported on first use: ``perfgen check`` needs none."""

__getattr__ = lazy_exports(__name__, _LATER)

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
