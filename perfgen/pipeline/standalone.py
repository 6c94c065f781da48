"""The files perfgen makes from nothing but itself: the reference Word document
(``perfgen reference-doc``) and the input's JSON Schema (``perfgen schema``)."""

from __future__ import annotations

from pathlib import Path

from perfgen.files import write_atomic


def write_reference_doc(target: Path) -> None:
    """Write a .docx that shows every style perfgen uses, for ``--reference-doc``.

    Raises:
        OutputError: the file cannot be written.
    """
    from perfgen.writers.docx import reference_document

    write_atomic(reference_document(), target)


def write_schema(target: Path) -> None:
    """Write the input's JSON Schema to ``target`` (replacing a file that is there).

    Raises:
        OutputError: the file cannot be written.
    """
    from perfgen.input.schema import schema_text

    write_atomic(schema_text().encode("utf-8"), target)
