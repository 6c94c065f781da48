"""Writers: the report's Markdown to ``.md``, ``.html``, ``.docx`` and ``.pdf`` files.

Each writer turns Markdown text into bytes (:func:`render_bytes` imports only the one asked
for); :func:`write_atomic` stores them, so a failed run leaves any earlier output untouched and
no partial file behind (DESIGN.md, invariants).
"""

from __future__ import annotations

import datetime as dt
import errno
import importlib
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from perfgen.errors import OutputError

FORMATS = ("docx", "md", "html", "pdf")
"""Output formats, by file suffix."""

BINARY_FORMATS = ("docx", "pdf")
"""Formats that cannot go to a terminal."""


def _default_fonts() -> dict[str, str]:
    from perfgen.settings import Fonts

    return Fonts().model_dump()


@dataclass(frozen=True)
class DocumentInfo:
    """What a writer needs besides the Markdown.

    Attributes:
        title: Document title (HTML ``<title>``, docx core property).
        author: The unit's name (docx core property).
        date: Date stamped into the docx properties (deterministic, from the data).
        fonts: Font names by role (see :class:`perfgen.model.Fonts`).
        level3_bold: Whether level-3 headings (1.) are bold.
        reference_doc: A unit's own .docx whose styles and page setup are used.
    """

    title: str
    author: str = ""
    date: dt.date | None = None
    fonts: Mapping[str, str] = field(default_factory=_default_fonts)
    level3_bold: bool = True
    reference_doc: Path | None = None


def zip_parts(parts: Mapping[str, bytes]) -> bytes:
    """A zip (docx, xlsx) of ``parts`` in their order, with fixed timestamps and attributes, so
    that equal input gives equal bytes; each part is compressed once."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
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
        fmt: One of :data:`FORMATS`.
        info: Title, properties and layout choices.

    Raises:
        OutputError: unknown format, or PDF without LibreOffice.
        InputError: the reference .docx cannot be read.
    """
    if fmt == "md":
        return markdown.encode("utf-8")
    if fmt not in FORMATS:
        raise OutputError(f"不支持的输出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    writer = importlib.import_module(f"perfgen.writers.{fmt}")
    render: Callable[[str, DocumentInfo], bytes] = writer.render
    return render(markdown, info)


_OS_REASONS = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EISDIR: "目标是一个目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.ENAMETOOLONG: "文件名过长",
}


def _reason(exc: OSError) -> str:
    return _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def refuse_inputs(target: Path, *inputs: Path | None) -> None:
    """Refuse to write ``target`` when it is one of the run's inputs (DESIGN.md, invariants).

    Raises:
        OutputError: ``target`` names the same file as an input.
    """
    for given in inputs:
        if given is not None and target.resolve() == given.resolve():
            raise OutputError(f"输出文件 {target} 与输入文件 {given} 相同，已拒绝覆盖输入")


def write_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed into place.

    Raises:
        OutputError: the directory is missing or not writable, or the rename fails.
    """
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"无法写入 {target}：目录 {directory} 不存在")
    if target.is_dir():
        raise OutputError(f"无法写入 {target}：目标是一个目录")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {target}：{_reason(exc)}") from None
