"""The styled base package of the Word file, prepared once per process and settings.

python-docx is used once, to lay out the empty document: styles from the one style table
(:mod:`perfgen.writers.docx.styles`) or a unit's reference document, A4 page, page numbers. The
package is saved and kept as its parts; each render then only writes ``word/document.xml``'s body
and the core properties (:mod:`perfgen.writers.docx.document`). Core properties that change per
report are saved as markers and filled in, so the XML is exactly what python-docx would write.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfgen import cache
from perfgen.errors import InputError
from perfgen.files import read_zip, regular_size
from perfgen.locations import Problem
from perfgen.writers.docx.styles import style_table

MAX_REFERENCE_BYTES = 20_000_000
"""Largest reference document accepted."""

MAX_UNPACKED = 100_000_000
"""Most bytes a reference document's parts may unpack to."""

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


PER_RENDER = frozenset({"word/document.xml", "docProps/core.xml", "word/comments.xml"})
"""The parts a render writes; the others are the base package's, the same for every report."""

UNREAD = ("/thumbnail", "/stylesWithEffects")
"""Relationships whose parts no reader needs: python-docx's blank thumbnail, and the copy of the
styles Word 2010 wrote for itself (Word and LibreOffice read ``styles.xml``)."""


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

    @functools.cached_property
    def fixed(self) -> bytes:
        """The zip of the parts every render copies as they are (all but the document, the core
        properties and a draft's comments), compressed once: a render appends its own."""
        from perfgen.writers import zip_parts

        return zip_parts({n: p for n, p in self.parts.items() if n not in PER_RENDER})


def base(
    fonts: Mapping[str, str], level3_bold: bool, reference: Path | None, draft: bool = False
) -> Base:
    """The base package for these settings, built on first use and kept for the process.

    A reference document is read again when its size or modification time changes. A draft's
    package (``render --draft``) has “草稿” in its headers and an empty comments part.

    Raises:
        InputError: the reference document cannot be read.
    """
    stamp = None
    if reference is not None:
        regular_size(reference, MAX_REFERENCE_BYTES, "Word 文件")
        status = reference.stat()
        stamp = (status.st_size, status.st_mtime_ns)
    return _cached(tuple(sorted(fonts.items())), level3_bold, reference, stamp, draft)


@functools.lru_cache(maxsize=16)
def _cached(
    fonts: tuple[tuple[str, str], ...],
    level3_bold: bool,
    reference: Path | None,
    stamp: tuple[int, int] | None,
    draft: bool,
) -> Base:
    entry = _entry(fonts, level3_bold, reference, draft)
    stored = cache.read(CACHE, entry) if entry else None
    found = _unpack(stored) if stored else None
    if found is not None:
        return found
    built = _build(fonts, level3_bold, reference, draft)
    if entry:
        cache.write(CACHE, entry, _pack(built))
    return built


CACHE = "docx"
"""The cache's folder of base packages."""

_MANIFEST = "perfgen-base.json"


def _entry(
    fonts: tuple[tuple[str, str], ...], level3_bold: bool, reference: Path | None, draft: bool
) -> str | None:
    """The cache entry of a base package: a hash of everything it is made from — the settings,
    the reference document's bytes, perfgen's layout code and the python-docx installed."""
    try:
        here = Path(__file__).parent
        code = ("base.py", "styles.py", "layout.py")
        layout = [(here / name).read_bytes() for name in code]
        spec = importlib.util.find_spec("docx")
        library = Path(spec.origin).stat() if spec and spec.origin else None
        document = (
            read_zip(reference, MAX_REFERENCE_BYTES, MAX_UNPACKED, "Word 文件").getvalue()
            if reference
            else b""
        )
    except OSError:
        return None
    library_stamp = library and (library.st_size, library.st_mtime_ns)
    signature = repr((fonts, level3_bold, draft, library_stamp))
    return cache.key(signature, document, *layout) + ".zip"


def _pack(package: Base) -> bytes:
    from perfgen.writers import zip_parts

    manifest = {
        "head": package.head,
        "tail": package.tail,
        "core": package.core,
        "style_ids": dict(package.style_ids),
        "parts": list(package.parts),
    }
    return zip_parts({**package.parts, _MANIFEST: json.dumps(manifest).encode("utf-8")})


def _unpack(data: bytes) -> Base | None:
    """A base package read back from the cache; ``None`` when the entry is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as stored:
            manifest = json.loads(stored.read(_MANIFEST))
            parts = {name: stored.read(name) for name in manifest["parts"]}
        return Base(
            parts, manifest["head"], manifest["tail"], manifest["core"], manifest["style_ids"]
        )
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        return None


def _build(
    fonts: tuple[tuple[str, str], ...], level3_bold: bool, reference: Path | None, draft: bool
) -> Base:
    """Lay out the empty package with python-docx."""
    from perfgen.writers.docx.layout import (
        add_draft_mark,
        add_page_numbers,
        define_styles,
        page_setup,
    )

    document, keep = _document(reference)
    define_styles(document, style_table(dict(fonts), level3_bold), keep)
    if reference is None:
        page_setup(document)
    if document.sections[0].footer.is_linked_to_previous:
        add_page_numbers(document)
    if draft:
        add_draft_mark(document, dict(fonts))
    for relationships in (document.part.package.rels, document.part.rels):
        for r_id, relationship in list(relationships.items()):
            if relationship.reltype.endswith(UNREAD):
                relationships.pop(r_id)  # python-docx then saves neither the part nor its type
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
    from docx.oxml.ns import qn

    if reference is None:
        return docx.Document(), frozenset()
    stream = read_zip(reference, MAX_REFERENCE_BYTES, MAX_UNPACKED, "Word 文件")
    try:
        document = docx.Document(stream)
    except Exception:  # whatever python-docx makes of a damaged file: the user's file is bad
        raise _unreadable(reference) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document, frozenset(s.name for s in document.styles)


def _unreadable(reference: Path) -> InputError:
    return InputError([Problem(str(reference), 0, 0, "", "不是可读取的 Word（.docx）文件")])
