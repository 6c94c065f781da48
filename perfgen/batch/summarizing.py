"""The batch's ``汇总.xlsx`` built by a helper process, so that the batch's own process never
waits for openpyxl's import (a quarter of a re-run with nothing changed).

:class:`Summarizer` forks the helper as the batch starts (where the system forks: Linux); it
imports openpyxl while the batch hashes its units (a re-run) or renders them (the workers),
then turns the outcomes it is sent into the workbook's bytes (:func:`perfgen.writers.summary.
workbook`) and sends them back. The batch's process writes the files, as it always did: the
helper writes nothing, so killing it never leaves anything on disk. Wherever the helper is not
there or fails, the workbook is built in the batch's own process, the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
import signal
import struct
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from perfgen.writers.summary import Outcome

_SIZE = struct.Struct("<Q")
"""Each message is its length, then its pickled bytes."""


class Summarizer:
    """The workbook of a batch's summary, built by a forked helper process (or, without one,
    here). Use it as a context manager: leaving it ends the helper, whatever happened."""

    def __init__(self) -> None:
        self.pid = 0
        self.outcomes: list[Outcome] = []
        self.date = dt.date.today()
        threading = sys.modules.get("threading")
        if sys.platform != "linux" or (threading and threading.active_count() > 1):
            return  # a process with threads is not forked: a lock one holds stays held
        child_reads, parent_writes = os.pipe()
        parent_reads, child_writes = os.pipe()
        try:
            pid = os.fork()
        except Exception:  # no process to spare (or a warning made an error): built here
            for fd in (child_reads, parent_writes, parent_reads, child_writes):
                os.close(fd)
            return
        if pid == 0:  # the helper
            os.close(parent_writes)
            os.close(parent_reads)
            _serve(child_reads, child_writes)
        os.close(child_reads)
        os.close(child_writes)
        self.pid, self.send, self.receive = pid, parent_writes, parent_reads

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def helped(self) -> bool:
        """Whether a helper process builds the workbook (else :meth:`workbook` imports
        openpyxl and builds it here)."""
        return self.pid != 0

    def order(self, outcomes: Sequence[Outcome], date: dt.date) -> None:
        """Ask for ``汇总.xlsx`` of ``outcomes`` (dated ``date``): the helper builds it while
        this process goes on; :meth:`workbook` gives it."""
        self.outcomes, self.date = list(outcomes), date
        if self.pid:
            try:
                _send(self.send, (self.outcomes, date))
            except OSError:  # the helper is gone: built here instead
                self.close()

    def workbook(self) -> bytes:
        """``汇总.xlsx`` of the outcomes of :meth:`order`
        (:func:`perfgen.writers.summary.workbook`)."""
        if self.pid:
            try:
                data = _receive(self.receive)
                if isinstance(data, bytes):
                    self.close(kill=False)  # it has sent all it will: it is exiting
                    return data
            except (OSError, EOFError, pickle.PickleError, struct.error):
                pass  # the helper is gone: built here instead
            finally:
                self.close()
        import_openpyxl()
        from perfgen.writers.summary import workbook

        return workbook(self.outcomes, self.date)

    def close(self, kill: bool = True) -> None:
        """End the helper: killed (it writes nothing: killing it leaves nothing behind), or,
        once it has sent the workbook, waited for as it exits."""
        if not self.pid:
            return
        pid, self.pid = self.pid, 0
        for fd in (self.send, self.receive):
            os.close(fd)
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _serve(source: int, target: int) -> None:
    """The helper: import openpyxl, wait for the outcomes, send back the workbook's bytes (or
    ``None`` when it cannot be built: the batch then builds it itself), and exit without
    running anything of the process it was forked from (no exit handlers, no buffers
    flushed twice)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the batch decides when it stops
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        import_openpyxl()
        import perfgen.writers.sheet  # noqa: F401 — the sheet helpers the summary uses
        from perfgen.writers.summary import workbook

        outcomes, date = cast("tuple[list[Outcome], dt.date]", _receive(source))
        try:
            data: bytes | None = workbook(outcomes, date)
        except Exception:
            data = None
        _send(target, data)
    finally:
        os._exit(0)


def _send(fd: int, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_SIZE.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> object:
    """A message of :func:`_send`; its length comes first, since the end of the pipe is not
    seen while a forked worker holds a copy of the writing end."""
    (size,) = _SIZE.unpack(_read(fd, _SIZE.size))
    return pickle.loads(_read(fd, size))  # from our own helper process


def _read(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def import_openpyxl() -> None:
    """Import openpyxl without numpy and Pillow. openpyxl imports numpy when it is installed
    (a dependency of the review's charts) only to take numpy's numbers as cell values, which
    perfgen never writes, and Pillow only to keep the images of a workbook it reads or writes,
    which perfgen never has (the cells are all it reads of a 自评表); numpy's import is about
    half of openpyxl's (~0.1 s), Pillow's a tenth. Both stay importable afterwards: only
    openpyxl's own check has passed them by.

    Nothing is done when openpyxl is already imported; a package already imported is used.
    """
    if "openpyxl" in sys.modules:
        return
    skipped = [name for name in ("numpy", "PIL") if name not in sys.modules]
    for name in skipped:
        sys.modules[name] = None  # type: ignore[assignment]  # its import raises ImportError
    try:
        import openpyxl  # noqa: F401
    finally:
        for name in skipped:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
