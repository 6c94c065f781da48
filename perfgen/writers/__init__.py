"""Writers: the report's Markdown to ``.md``, ``.html``, ``.docx`` and ``.pdf`` files.

Each writer turns Markdown text into bytes (:func:`render_bytes` imports only the one asked
for); :func:`write_atomic` stores them, so a failed run leaves any earlier output untouched and
no partial file behind (DESIGN.md, invariants).
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.errors import OutputError
from perfgen.files import os_reason

if TYPE_CHECKING:
    from perfgen.writers.notes import Note

FORMATS = ("docx", "md", "html", "pdf")
"""Output formats, by file suffix."""

BINARY_FORMATS = ("docx", "pdf")
"""Formats that cannot go to a terminal."""


def _default_fonts() -> dict[str, str]:
    from perfgen.input.settings import Fonts

    return Fonts().model_dump()


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
    """

    title: str
    author: str = ""
    date: dt.date | None = None
    fonts: Mapping[str, str] = field(default_factory=_default_fonts)
    level3_bold: bool = True
    reference_doc: Path | None = None
    notes: tuple[Note, ...] | None = None

    @property
    def draft(self) -> bool:
        """Whether this is a draft (``render --draft``)."""
        return self.notes is not None


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
        if info.notes is not None:
            from perfgen.writers.notes import markdown_list

            markdown += markdown_list(markdown, info.notes)
        return markdown.encode("utf-8")
    if fmt not in FORMATS:
        raise OutputError(f"不支持的输出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    writer = importlib.import_module(f"perfgen.writers.{fmt}")
    render: Callable[[str, DocumentInfo], bytes] = writer.render
    return render(markdown, info)


def refuse_inputs(target: Path, *inputs: Path | None) -> None:
    """Refuse to write ``target`` when it is one of the run's inputs (DESIGN.md, invariants):
    the YAML, a workbook, a reference document, or a template in a template folder.

    Raises:
        OutputError: ``target`` names the same file as an input.
    """
    real = os.path.realpath(target)
    for given in inputs:
        if given is None:
            continue
        source = os.path.realpath(given)
        if real == source:
            raise OutputError(f"输出文件 {target} 与输入文件 {given} 相同，已拒绝覆盖输入")
        if os.path.isdir(source) and real.startswith(source + os.sep) and real.endswith(".jinja"):
            raise OutputError(f"输出文件 {target} 是模板目录 {given} 中的模板，已拒绝覆盖输入")


def write_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed into place.

    A failed or interrupted run (an error, Ctrl-C, SIGTERM) leaves ``target`` as it was and no
    temporary file behind. An existing file keeps its mode; a new one gets the mode the umask
    allows. A symbolic link, a device, a pipe or a read-only file at ``target`` is refused, not
    replaced and not written through.

    Raises:
        OutputError: the directory is missing or not writable, the target is not a plain
            writable file, or the rename fails.
    """
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"无法写入 {target}：目录 {directory} 不存在")
    mode = _mode_for(target)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{os_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {target}：{os_reason(exc)}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The mode the written file gets: an existing file's own, else what the umask allows.

    Raises:
        OutputError: ``target`` is a symbolic link, a directory, not a regular file, or
            read-only.
    """
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{os_reason(exc)}") from None
    if stat.S_ISLNK(status.st_mode):
        raise OutputError(
            f"无法写入 {target}：这是一个符号链接；perfgen 不替换它，也不写到它指向的位置，"
            "请直接给出实际的文件路径（输出到屏幕请用 -o -）"
        )
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(f"无法写入 {target}：目标是一个目录")
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(
            f"无法写入 {target}：目标不是普通文件（是设备、管道或套接字），已拒绝替换"
            "（输出到屏幕请用 -o -）"
        )
    if not status.st_mode & 0o222:
        raise OutputError(f"无法写入 {target}：文件是只读的，未替换；如确要替换，请先改为可写")
    return stat.S_IMODE(status.st_mode)
