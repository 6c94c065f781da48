"""perfgen's pytest plugin: snapshot tests of a unit's reports, rendered with its templates.

Registered through the ``pytest11`` entry point, so installing perfgen (with the ``testing``
extra for syrupy) is all a unit's repository needs::

    def test_report(perfgen_report, perfgen_snapshot):
        assert perfgen_report("unit.yaml", templates="templates") == perfgen_snapshot

``perfgen_report`` renders as ``perfgen render`` does (check errors stop it) and returns text:
the Markdown, the HTML, or for Word the readable dump of :mod:`perfgen.writers.docx.dump`, so that a
changed snapshot shows as a line-by-line diff. ``perfgen_snapshot`` stores each snapshot as one
``.txt`` file (:class:`ReportSnapshot`); syrupy's own ``snapshot`` works too (an ``.ambr``
file), or set ``--snapshot-default-extension=perfgen.testing.ReportSnapshot``.

Nothing of perfgen beyond this module is imported until a fixture is used; syrupy is optional.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def render_report(
    data: str | Path,
    *,
    templates: str | Path | None = None,
    reference_doc: str | Path | None = None,
    settings: str | Path | None = None,
    fmt: str = "docx",
    draft: bool = False,
    base: Path | None = None,
) -> str:
    """A report as readable text: ``perfgen render`` in memory, then Markdown, HTML or the
    readable dump of the Word file.

    Args:
        data: The YAML file.
        templates: The unit's template directory (``--templates``).
        reference_doc: The unit's Word file of styles (``--reference-doc``).
        settings: A shared settings file (``--settings``).
        fmt: ``docx`` (the default), ``md`` or ``html``.
        draft: Render the draft (``render --draft``): findings do not stop it and are shown
            in the text (Word comments in the dump, the HTML panel, the Markdown list).
        base: The directory relative paths are taken from (default: the working directory).

    Raises:
        ValueError: ``fmt`` is not one of :data:`~perfgen.formats.SNAPSHOT_FORMATS`.
        PerfgenError: what ``perfgen render`` would report (bad input, check errors unless
            ``draft``, a template error with its template and line).
    """
    from perfgen.formats import SNAPSHOT_FORMATS
    from perfgen.pipeline import Renderer, examine

    if fmt not in SNAPSHOT_FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(SNAPSHOT_FORMATS)}, not {fmt!r}")

    def path(given: str | Path | None) -> Path | None:
        return None if given is None else (base or Path.cwd()) / given

    examined = examine((base or Path.cwd()) / data, settings=path(settings))
    if not draft:
        examined.require_clean()
    # A draft's notes name the YAML as the test does, so a snapshot is the same on any machine.
    findings = tuple(dataclasses.replace(f, file=str(data)) for f in examined.findings)
    examined = dataclasses.replace(examined, findings=findings)
    rendered = Renderer(examined, path(templates), path(reference_doc), draft=draft).bytes(fmt)
    if fmt != "docx":
        return rendered.decode("utf-8")
    from perfgen.writers.docx.dump import dump

    return "\n".join(dump(rendered)) + "\n"


@pytest.fixture
def perfgen_report(request: pytest.FixtureRequest) -> Callable[..., str]:
    """``perfgen_report(yaml, templates=None, reference_doc=None, settings=None, fmt="docx",
    draft=False)``:
    the report as readable text (see :func:`render_report`); relative paths are taken from
    pytest's rootdir (the repository's root, where its pytest.ini or pyproject.toml is)."""
    base = Path(request.config.rootpath)

    def report(data: str | Path, **options: Any) -> str:
        return render_report(data, base=base, **options)

    return report


try:
    from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
except ImportError:  # syrupy is optional: the perfgen_snapshot fixture then says so
    pass
else:

    class ReportSnapshot(SingleFileSnapshotExtension):
        """A syrupy extension storing each snapshot as one readable UTF-8 ``.txt`` file,
        ``__snapshots__/<test file>/<test name>.txt``; a mismatch shows as a line diff."""

        file_extension = "txt"
        _write_mode = WriteMode.TEXT


@pytest.fixture
def perfgen_snapshot(request: pytest.FixtureRequest) -> Any:
    """syrupy's ``snapshot`` storing a readable ``.txt`` file per test (:class:`ReportSnapshot`)."""
    if "ReportSnapshot" not in globals():
        pytest.fail(
            "perfgen_snapshot 需要 syrupy：请安装 perfgen 的 testing 组件"
            '（在 perfgen 的目录中运行 pip install ".[testing]"）'
        )
    snapshot = request.getfixturevalue("snapshot")
    return snapshot.use_extension(globals()["ReportSnapshot"])
