"""The user's files: inputs read safely, outputs written atomically.

Reading: regular files only, size bounded before reading. A device (``/dev/zero``), a pipe
(which would block forever) or a socket is refused by its type before it is opened; a file is read
up to its limit plus one byte, so a file that grows while it is read cannot exhaust memory; a zip
container (xlsx, docx) is refused when its members would unpack to more than its limit.
Operating-system errors are explained in Chinese.

Writing (:func:`write_atomic`): through a temporary file renamed into place, so a failed or
interrupted run leaves any earlier output untouched and no partial file behind; never over one
of the run's own inputs (:func:`refuse_inputs`).
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
import zipfile
from pathlib import Path

from perfgen.errors import InputError, OutputError
from perfgen.locations import Problem

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
    size = regular_size(path, limit, what)
    try:
        with open(path, "rb") as handle:
            # Asked for its size plus one byte first: a buffer of ``limit`` bytes for a file
            # of a few KB costs more than reading it. Only a file that grew reads on.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limit + 1 - len(data))
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


def refuse_inputs(target: Path, *inputs: Path | None) -> None:
    """Refuse to write ``target`` when it is one of the run's inputs (docs/architecture.md,
    invariants): the YAML, a workbook, a reference document, or a template in a template folder.

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
