"""The plumbing of ``perfgen batch`` that only makes it faster must change nothing it writes:
the summary's workbook built by the helper process is the one built in process (and is built
in process when the helper is gone), the manifest records the hashes of the outputs as they
are on disk, and openpyxl imported without numpy and Pillow leaves both importable."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import DATA

from perfgen.batch import Options, plan, run
from perfgen.batch.manifest import MANIFEST
from perfgen.batch.summarizing import Summarizer
from perfgen.writers import summary
from perfgen.writers.summary import Outcome, workbook

DAY = dt.date(2024, 3, 1)

OUTCOMES = [
    Outcome(
        "甲",
        "区/甲.yaml",
        "done",
        ("甲.docx",),
        {"unit": "甲单位", "year": "2023", "income": "1234.56", "execution_rate": "98.76"},
        (("warning", "sum-mismatch", "finance.total", "合计不符", "甲.yaml:3"),),
    ),
    Outcome("乙", "区/乙.yaml", "failed", failure="数据文件无法读取"),
    Outcome("丙", "区/丙.yaml", "skipped", ("丙.docx",), {"unit": "丙单位", "score": "91.5"}),
]


FORKED = pytest.mark.skipif(sys.platform != "linux", reason="the helper is forked on Linux only")


@pytest.fixture(autouse=True)
def _no_other_thread() -> None:
    """A process with threads forks no helper, so these tests need none running: a thread
    another test left behind is given a moment to end, and fails the test if it does not (a
    leaked thread is that test's bug, which a skip here would hide)."""
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join(timeout=5)
    left = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
    assert not left, f"threads left running by an earlier test: {left}"


def _built(summarizer: Summarizer) -> bytes:
    summarizer.order(OUTCOMES, DAY)
    return summarizer.workbook()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@FORKED
def test_the_helper_builds_the_workbook_built_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = workbook(OUTCOMES, DAY)

    def not_here(*args: object) -> bytes:
        raise AssertionError("built in the batch's process, not by its helper")

    with Summarizer() as summarizer:
        pid = summarizer.pid
        assert summarizer.helped and _alive(pid)
        monkeypatch.setattr(summary, "workbook", not_here)  # the helper has its own copy
        helped = _built(summarizer)
    assert helped == expected
    assert not summarizer.helped
    with pytest.raises(ChildProcessError):  # waited for: no process left behind
        os.waitpid(pid, os.WNOHANG)


@FORKED
def test_without_its_helper_the_workbook_is_built_in_process() -> None:
    with Summarizer() as summarizer:
        os.kill(summarizer.pid, signal.SIGKILL)
        assert _built(summarizer) == workbook(OUTCOMES, DAY)


@FORKED
def test_a_helper_never_asked_is_ended() -> None:
    with Summarizer() as summarizer:
        pid = summarizer.pid
        assert _alive(pid)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_manifest_records_the_hashes_of_the_outputs_on_disk(tmp_path: Path, jobs: int) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("nansha-npc-office-2023", "nansha-cppcc-office-2022"):
        (folder / f"{name}.yaml").write_bytes((DATA / f"{name}.yaml").read_bytes())
    out = tmp_path / "out"
    outcomes = run(plan([folder]), out, Options(formats=("md", "docx")), jobs)
    assert [o.status for o in outcomes] == ["done", "done"]
    units = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["units"]
    for name, entry in units.items():
        assert entry["outputs"] == [f"{name}.md", f"{name}.docx"]
        on_disk = [hashlib.sha256((out / o).read_bytes()).hexdigest() for o in entry["outputs"]]
        assert entry["digests"] == on_disk
    again = run(plan([folder]), out, Options(formats=("md", "docx")), jobs)
    assert [o.status for o in again] == ["skipped", "skipped"]


def test_openpyxl_imported_without_numpy_and_pillow_leaves_both_importable() -> None:
    probe = (
        "import sys, importlib.util\n"
        "from perfgen.batch.summarizing import import_openpyxl\n"
        "import_openpyxl()\n"
        "print('openpyxl' in sys.modules, 'numpy' in sys.modules, 'PIL' in sys.modules)\n"
        "for name in ('numpy', 'PIL'):\n"
        "    if importlib.util.find_spec(name) is not None:\n"
        "        print(importlib.import_module(name).__name__)\n"
        "    else:\n"
        "        print(name)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.splitlines() == ["True False False", "numpy", "PIL"], result.stderr


def test_a_process_with_threads_is_not_forked() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with Summarizer() as summarizer:
            assert not summarizer.helped
            assert _built(summarizer) == workbook(OUTCOMES, DAY)
    finally:
        stop.set()
        thread.join()
