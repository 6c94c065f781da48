"""perfgen's cache directory: what is the same for every run, kept between runs.

The compiled templates (Jinja's bytecode cache) and the styled base package of the Word file
(:mod:`perfgen.writers.docx.base`) are the same for every render with the same templates and
settings; a cold ``perfgen render`` reads them instead of building them again. Everything
cached is keyed by a hash of what it was made from, so a changed template, setting, reference
document or library gives a new entry, never a stale one.

The directory is ``$PERFGEN_CACHE_DIR`` when set (an empty value turns the cache off), else the
user's cache directory (``~/.cache/perfgen`` on Linux). A cache that cannot be created, read or
written is simply not used: it never makes a run fail.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

ENVIRONMENT = "PERFGEN_CACHE_DIR"


@functools.cache
def directory(name: str) -> Path | None:
    """The cache's subdirectory ``name``, created (user-only) if need be; ``None`` when the
    cache is off or cannot be created."""
    configured = os.environ.get(ENVIRONMENT)
    if configured == "":
        return None
    if configured is None:
        import platformdirs

        configured = platformdirs.user_cache_dir("perfgen", appauthor=False)
    path = Path(configured) / name
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


def key(*parts: bytes | str) -> str:
    """A hex digest of ``parts``, to name a cache entry by what it was made from."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def read(name: str, entry: str) -> bytes | None:
    """The bytes of ``entry`` in the subdirectory ``name``, or ``None``."""
    folder = directory(name)
    if folder is None:
        return None
    try:
        return (folder / entry).read_bytes()
    except OSError:
        return None


def write(name: str, entry: str, data: bytes) -> None:
    """Store ``data`` as ``entry`` atomically (a concurrent reader sees all of it or none)."""
    folder = directory(name)
    if folder is None:
        return
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{entry}.", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, folder / entry)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
