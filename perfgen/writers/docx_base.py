"""The styled base package of the Word file, prepared once per process and settings.

python-docx is used once, to lay out the empty document: styles from the one style table
(:mod:`perfgen.writers.docx_styles`) or a unit's reference document, A4 page, page numbers. The
package is saved and kept as its parts; each render then only writes ``word/document.xml``'s body
and the core properties (:mod:`perfgen.writers.docx`). Core properties that change per report are
saved as markers and filled in, so the XML is exactly what python-docx would write.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfgen.errors import InputError, Problem
from perfgen.writers.docx_styles import add_page_numbers, define_styles, page_setup, style_table

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"

TITLE_MARK = "PERFGEN-TITLE-MARK"
AUTHOR_MARK = "PERFGEN-AUTHOR-MARK"
DATE_MARK = dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
DATE_TEXT = "1901-02-03T04:05:06Z"
"""How python-docx writes :data:`DATE_MARK` into core.xml."""

STYLE_NAMES = (
    "Normal",
    "Report Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "Attachment Label",
    "Signature",
    "Table Text",
    "Table Grid",
)
"""Every style the body refers to, by name (the names a reference document may define)."""


@dataclass(frozen=True)
class Base:
    """An empty, styled Word package.

    Attributes:
        parts: Every part of the package in zip order, name → bytes; ``word/document.xml`` and
            ``docProps/core.xml`` are filled per render.
        head: ``word/document.xml`` up to and including ``<w:body>``.
        tail: From the body's ``<w:sectPr>`` to the end of ``word/document.xml``.
        core: ``docProps/core.xml`` with markers for title, author and dates.
        style_ids: Style name → its id in this package; ``None`` for the default paragraph
            style (python-docx writes no ``w:pStyle`` for it) or a style that is missing.
    """

    parts: Mapping[str, bytes]
    head: str
    tail: str
    core: str
    style_ids: Mapping[str, str | None]


def base(fonts: Mapping[str, str], level3_bold: bool, reference: Path | None) -> Base:
    """The base package for these settings, built on first use and kept for the process.

    A reference document is read again when its size or modification time changes.

    Raises:
        InputError: the reference document cannot be read.
    """
    stamp = None
    if reference is not None:
        try:
            status = reference.stat()
        except OSError:
            raise _unreadable(reference) from None
        stamp = (status.st_size, status.st_mtime_ns)
    return _cached(tuple(sorted(fonts.items())), level3_bold, reference, stamp)


@functools.lru_cache(maxsize=16)
def _cached(
    fonts: tuple[tuple[str, str], ...],
    level3_bold: bool,
    reference: Path | None,
    stamp: tuple[int, int] | None,
) -> Base:
    document, keep = _document(reference)
    define_styles(document, style_table(dict(fonts), level3_bold), keep)
    if reference is None:
        page_setup(document)
    if document.sections[0].footer.is_linked_to_previous:
        add_page_numbers(document)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = TITLE_MARK, AUTHOR_MARK, AUTHOR_MARK
    props.subject = "部门整体支出绩效自评报告"
    props.created = props.modified = props.last_printed = DATE_MARK
    props.revision = 1
    style_ids = {name: _style_id(document, name) for name in STYLE_NAMES}
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        parts = {item.filename: package.read(item.filename) for item in package.infolist()}
    xml = parts[DOCUMENT].decode("utf-8")
    body = xml.index("<w:body>") + len("<w:body>")
    section = xml.index("<w:sectPr", body)
    return Base(parts, xml[:body], xml[section:], parts[CORE].decode("utf-8"), style_ids)


def _style_id(document: Any, name: str) -> str | None:
    try:
        style = document.styles[name]
    except KeyError:
        return None
    return (
        None if style.style_id == document.styles.default(style.type).style_id else style.style_id
    )


def _document(reference: Path | None) -> tuple[Any, frozenset[str]]:
    """A blank document: the reference document emptied, or python-docx's default."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn

    if reference is None:
        return docx.Document(), frozenset()
    try:
        document = docx.Document(str(reference))
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile):
        raise _unreadable(reference) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document, frozenset(s.name for s in document.styles)


def _unreadable(reference: Path) -> InputError:
    return InputError([Problem(str(reference), 0, 0, "", "不是可读取的 Word（.docx）文件")])
