"""perfgen's cache directory: same output with it or without it, and never a cause of failure."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import DATA

import perfgen
from perfgen import cache
from perfgen.writers import render_bytes
from perfgen.writers.docx import base as docx_base

NPC = DATA / "nansha-npc-office-2023.yaml"


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """An empty cache folder, and nothing kept in memory from earlier tests."""
    monkeypatch.setenv(cache.ENVIRONMENT, str(tmp_path / "cache"))
    cache.directory.cache_clear()
    docx_base._cached.cache_clear()
    yield tmp_path / "cache"
    cache.directory.cache_clear()
    docx_base._cached.cache_clear()


def _docx() -> bytes:
    source = perfgen.load(NPC)
    markdown = perfgen.compose(source, perfgen.derive(source))
    return render_bytes(markdown, "docx", perfgen.document_info(source.report))


def test_the_cached_base_gives_the_same_bytes(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _docx()  # builds the base with python-docx and stores it
    [entry] = (fresh / docx_base.CACHE).iterdir()
    docx_base._cached.cache_clear()
    assert _docx() == built  # read back from the cache folder
    monkeypatch.setenv(cache.ENVIRONMENT, "")  # cache off
    cache.directory.cache_clear()
    docx_base._cached.cache_clear()
    assert _docx() == built
    assert entry.stat().st_size > 0


def test_a_damaged_entry_is_rebuilt(fresh: Path) -> None:
    expected = _docx()
    [entry] = (fresh / docx_base.CACHE).iterdir()
    entry.write_bytes(b"not a zip")
    docx_base._cached.cache_clear()
    assert _docx() == expected
    assert entry.read_bytes()[:2] == b"PK"  # written again


def test_an_unusable_cache_folder_is_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(cache.ENVIRONMENT, str(blocker))  # a file where the folder should be
    cache.directory.cache_clear()
    docx_base._cached.cache_clear()
    try:
        assert cache.directory("docx") is None
        assert _docx()[:2] == b"PK"
    finally:
        cache.directory.cache_clear()
        docx_base._cached.cache_clear()


def test_a_warm_run_needs_neither_python_docx_nor_compiling(tmp_path: Path) -> None:
    probe = (
        "import sys, perfgen\n"
        f"perfgen.render({str(NPC)!r}, {str(tmp_path / 'x.docx')!r})\n"
        "print(sorted(m for m in ('docx', 'lxml') if m in sys.modules))\n"
    )
    environment = {"PERFGEN_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=environment
        )
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == "['docx', 'lxml']\n"  # the first run lays the package out
    assert runs[1].stdout == "[]\n"
    # the templates the report loads were compiled once and stored (one file each)
    compiled = [p for p in (tmp_path / "cache").glob("jinja-*/*") if p.is_file()]
    assert len(compiled) >= 15


def test_a_render_copies_the_fixed_parts_compressed_once_and_ships_no_unread_part() -> None:
    """The base package's fixed parts are one zip, compressed once; each render appends its
    document and core properties to a copy of it; the blank thumbnail and Word 2010's
    stylesWithEffects.xml are gone."""
    import zipfile

    from perfgen.input.settings import DEFAULT_FONTS

    package = docx_base.base(DEFAULT_FONTS, True, None)
    info = perfgen.document_info(perfgen.load(DATA / "nansha-npc-office-2023.yaml").report)
    data = render_bytes("# 标题\n\n正文。\n", "docx", info)
    assert data.startswith(package.fixed[: package.fixed.index(b"PK\x01\x02")])  # copied as is
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[-2:] == ["word/document.xml", "docProps/core.xml"]
    assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n]
    assert render_bytes("# 标题\n\n正文。\n", "docx", info) == data
