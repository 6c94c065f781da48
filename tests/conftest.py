"""Shared fixtures: the data/ samples, loaded once per test session."""

from __future__ import annotations

import pytest
from helpers import DATA, SAMPLES
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

import perfgen


class MarkdownSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a readable .md file."""

    file_extension = "md"
    _write_mode = WriteMode.TEXT


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Every test, and every perfgen it starts, caches in a folder of the session's own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PERFGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def samples() -> dict[str, perfgen.Input]:
    """Every data/ file, loaded and validated, by file stem."""
    return {name: perfgen.load(DATA / f"{name}.yaml") for name in SAMPLES}


@pytest.fixture
def md_snapshot(snapshot):  # type: ignore[no-untyped-def]
    """A syrupy snapshot written as one Markdown file per test."""
    return snapshot.use_extension(MarkdownSnapshot)
