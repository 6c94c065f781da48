"""Writers: the report's Markdown to ``.md``, ``.html``, ``.docx`` and ``.pdf`` files.

Each writer turns Markdown text into bytes (:func:`render_bytes` imports only the one asked
for); :func:`perfgen.files.write_atomic` stores them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.formats import REPORT_FORMATS

if TYPE_CHECKING:
    import datetime as dt

    from perfgen.writers.notes import Note

# zipfile, io and the writers themselves are imported where they are used: the command line
# imports this package for the list of formats, and ``perfgen --help`` should not pay for them.


def _default_fonts() -> dict[str, str]:
    from perfgen.input.settings import DEFAULT_FONTS

    return dict(DEFAULT_FONTS)


@dataclass(frozen=True)
class DocumentInfo:
    """What a writer needs besides the Markdown.

    Attributes:
        title: Document title (HTML ``<title>``, docx core property).
        author: The unit's name (docx core property).
        date: Date stamped into the docx properties (deterministic, from the data).
        fonts: Font names by role (see :class:`perfgen.input.model.Fonts`).
        level3_bold: Whether level-3 headings (1.) are bold.
        reference_doc: A unit's own .docx whose styles and page setup are used.
        notes: A draft's notes (``render --draft``): the findings, each shown beside the block
            it blames; ``None`` for a final report. A draft, even without notes, is marked as
            one, so it never has a final's bytes.
        head: Extra elements of an HTML page's ``<head>`` (the preview's script).
    """

    title: str
    author: str = ""
    date: dt.date | None = None
    fonts: Mapping[str, str] = field(default_factory=_default_fonts)
    level3_bold: bool = True
    reference_doc: Path | None = None
    notes: tuple[Note, ...] | None = None
    head: str = ""

    @property
    def draft(self) -> bool:
        """Whether this is a draft (``render --draft``)."""
        return self.notes is not None


def zip_parts(parts: Mapping[str, bytes], after: bytes = b"") -> bytes:
    """A zip (docx, xlsx) of ``parts`` in their order, with fixed timestamps and attributes, so
    that equal input gives equal bytes; each part is compressed once.

    Args:
        parts: Part name → content.
        after: A zip made by this function to copy first, as it is (its parts compressed
            already): the fixed parts of a package, compressed once per process.
    """
    import io
    import zipfile

    out = io.BytesIO(after)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a" if after else "w") as target:
        for name, content in parts.items():
            fixed = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()


def fixed_zip(data: bytes, modified: dt.datetime | None = None) -> bytes:
    """Rewrite a zip written by a library (openpyxl) with fixed timestamps and attributes.

    Args:
        data: The zip.
        modified: If given, replaces ``dcterms:modified`` in ``docProps/core.xml`` (openpyxl
            stamps the time of saving there, whatever the workbook's properties say).
    """
    import io
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    if modified is not None and "docProps/core.xml" in parts:
        stamp = modified.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        parts["docProps/core.xml"] = re.sub(
            rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
            rb"\g<1>" + stamp + rb"\g<2>",
            parts["docProps/core.xml"],
        )
    return zip_parts(parts)


def render_bytes(markdown: str, fmt: str, info: DocumentInfo) -> bytes:
    """Render Markdown to the bytes of an output format.

    Args:
        markdown: The composed report.
        fmt: One of :data:`~perfgen.formats.REPORT_FORMATS`.
        info: Title, properties and layout choices.

    Raises:
        OutputError: unknown format, or PDF without LibreOffice.
        InputError: the reference .docx cannot be read.
    """
    if fmt == "md":
        if info.notes is not None:
            from perfgen.writers.notes import markdown_list

            markdown += markdown_list(markdown, info.notes)
        return markdown.encode("utf-8")
    import importlib

    from perfgen.errors import OutputError

    if fmt not in REPORT_FORMATS:
        raise OutputError(f"不支持的输出格式“{fmt}”，可选：{'、'.join(REPORT_FORMATS)}")
    writer = importlib.import_module(f"perfgen.writers.{fmt}")
    render: Callable[[str, DocumentInfo], bytes] = writer.render
    return render(markdown, info)
