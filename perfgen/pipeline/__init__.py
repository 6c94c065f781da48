"""The pipeline of every command (docs/architecture.md), from a path to a written file.

``load`` (file → :class:`~perfgen.input.validation.Input`, with the 自评表 workbook joined) →
``derive`` → ``check`` (:mod:`~perfgen.pipeline.examining`: :func:`load`, :func:`examine`,
:func:`check_files`, :func:`import_report`) → ``compose`` → ``write``
(:mod:`~perfgen.pipeline.rendering`: :class:`Renderer`, the one render path, and :func:`render`,
:func:`write_table`); :mod:`~perfgen.pipeline.standalone` writes what needs no input
(:func:`write_reference_doc`, :func:`write_schema`).
"""

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
