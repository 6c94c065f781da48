"""Reading the user's input files safely: regular files only, size bounded before reading.

A device (``/dev/zero``), a pipe (which would block forever) or a socket is refused by its type
before it is opened; a file is read up to its limit plus one byte, so a file that grows while it
is read cannot exhaust memory; a zip container (xlsx, docx) is refused when its members would
unpack to more than its limit. Operating-system errors are explained in Chinese.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from pathlib import Path

from perfgen.errors import InputError, Problem

_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "是一个目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接形成了循环",
    errno.EIO: "读写设备出错",
    errno.EMFILE: "打开的文件过多",
    errno.EXDEV: "不能跨文件系统改名",
}


def os_reason(exc: OSError) -> str:
    """The Chinese reason of an operating-system error (its own words when none is known)."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def _spaced(what: str) -> str:
    """``what`` after a Chinese word: a space before a Latin first letter (不是 YAML 文件)."""
    return f" {what}" if what[:1].isascii() else what


def _refuse(path: Path | str, message: str) -> InputError:
    return InputError([Problem(str(path), 0, 0, "", message)])


def regular_size(path: Path | str, limit: int, what: str = "文件") -> int:
    """The size of the regular file at ``path`` (symlinks followed), checked against ``limit``.

    Args:
        path: The file.
        limit: Largest size accepted, in bytes.
        what: How messages name the file (文件, 工作簿, Word 文件).

    Raises:
        InputError: missing, unreadable, a directory, not a regular file, or too large.
    """
    try:
        status = os.stat(path)
    except OSError as exc:
        reason = os_reason(exc)
        message = reason if exc.errno == errno.ENOENT else f"无法读取{_spaced(what)}：{reason}"
        raise _refuse(path, message) from None
    if stat.S_ISDIR(status.st_mode):
        raise _refuse(path, f"这是一个目录，不是{_spaced(what)}")
    if not stat.S_ISREG(status.st_mode):
        raise _refuse(path, f"不是普通文件（是设备、管道或套接字），不能作为{_spaced(what)}读取")
    if status.st_size > limit:
        raise _refuse(path, f"{what}过大（{status.st_size} 字节），上限为 {limit} 字节")
    return status.st_size


def read_bytes(path: Path | str, limit: int, what: str = "文件") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises:
        InputError: see :func:`regular_size`; also when the file grows past ``limit`` while read.
    """
    regular_size(path, limit, what)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _refuse(path, f"无法读取{_spaced(what)}：{os_reason(exc)}") from None
    if len(data) > limit:
        raise _refuse(path, f"{what}过大，上限为 {limit} 字节")
    return data


def read_zip(path: Path | str, limit: int, unpacked: int, what: str) -> io.BytesIO:
    """A zip container (xlsx, docx) read into memory, refused when it is not a zip or its
    members would unpack to more than ``unpacked`` bytes (a "zip bomb").

    Raises:
        InputError: see :func:`read_bytes`; not a zip; too large once unpacked.
    """
    data = read_bytes(path, limit, what)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(path, f"不是可读取的{_spaced(what)}（文件已损坏，或不是 zip 格式）") from None
    if total > unpacked:
        raise _refuse(path, f"{what}解压后过大（{total} 字节），上限为 {unpacked} 字节")
    return io.BytesIO(data)
