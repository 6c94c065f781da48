"""A batch stopped by Ctrl-C or SIGTERM, a unit named like the summary, file names that are not
UTF-8 (also for ``import`` and ``init --unit``).

A signal starts nothing more, lets the running units finish, saves the manifest (the next run
skips what was finished) and exits 130/143 with a line saying how many were done.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA

from perfgen.batch import Interrupted, Options, plan, run
from perfgen.batch.manifest import MANIFEST
from perfgen.cli import main
from perfgen.writers.summary import Outcome

NPC = DATA / "nansha-npc-office-2023.yaml"
WITH_TABLE = Path(__file__).parent / "fixtures" / "with-table.yaml"
FORMATS = ("docx", "md")


def _units(folder: Path, count: int) -> Path:
    source = folder / "in"
    source.mkdir()
    for n in range(count):
        shutil.copyfile(NPC, source / f"u{n:03}.yaml")
    return source


def _leftovers(folder: Path) -> list[str]:
    return [
        p.name
        for p in folder.rglob("*")
        if p.name.endswith(".tmp") or p.name.startswith(".perfgen-pdf")
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupted_batch_saves_what_it_finished(tmp_path: Path, jobs: int) -> None:
    units = plan([_units(tmp_path, 30)])
    out = tmp_path / "out"
    seen: list[Outcome] = []

    def interrupt_at_the_third(outcome: Outcome) -> None:
        seen.append(outcome)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(Interrupted) as caught:
        run(units, out, Options(FORMATS), jobs, interrupt_at_the_third)
    stop = caught.value
    assert (stop.total, stop.code) == (30, 130)
    assert 3 <= stop.done < 30
    made = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["units"]
    assert len(made) == stop.done
    assert all((out / name).is_file() for entry in made.values() for name in entry["outputs"])
    assert _leftovers(out) == []
    assert not (out / "汇总.xlsx").exists()
    again = run(units, out, Options(FORMATS), jobs)
    assert sum(o.status == "skipped" for o in again) == stop.done
    assert sum(o.status == "done" for o in again) == 30 - stop.done


def test_sigterm_stops_a_batch_at_once_and_the_rerun_goes_on(tmp_path: Path) -> None:
    source = _units(tmp_path, 120)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "perfgen", "batch", str(source), "-o", str(out), "-j", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    for _ in range(600):
        if out.is_dir() and any(p.suffix == ".docx" for p in out.iterdir()):
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    line = stderr.strip().splitlines()[-1]
    match = re.fullmatch(
        r"已中断：共 120 个单位，完成 (\d+) 个，其余未开始或已放弃；已保存清单，再次运行时跳过已完成的单位",
        line,
    )
    assert match, stderr
    done = int(match[1])
    assert 1 <= done < 120
    assert "Traceback" not in stderr
    assert _leftovers(out) == []
    assert len(list(out.glob("*.docx"))) == done
    rerun = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "-j", "2"])
    assert rerun.exit_code == 0, rerun.output
    assert f"完成 {120 - done} 个，未变跳过 {done} 个，失败 0 个" in rerun.stderr


def test_a_unit_named_like_the_summary_fails_alone(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copyfile(WITH_TABLE, source / "汇总.yaml")
    shutil.copyfile(NPC, source / "乙.yaml")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "-f", "docx,xlsx"])
    assert result.exit_code == 1
    assert (
        f"{source / '汇总.yaml'}: 失败\n错误：单位的输出文件 汇总.xlsx 与批量汇总表同名，未写出；"
        "请把数据文件 汇总.yaml 改名（如 汇总单位.yaml）"
    ) in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "乙.docx", "汇总.json", "汇总.xlsx"]
    summary = json.loads((out / "汇总.json").read_text(encoding="utf-8"))
    assert [u["status"] for u in summary["units"]] == ["已生成", "失败"]


NOT_UTF8 = os.fsdecode(b"\xff\xfe")
"""A file name's bytes that are not UTF-8, as Python holds them (lone surrogates)."""


def test_a_batch_of_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copyfile(NPC, source / f"{NOT_UTF8}.yaml")
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["batch", str(source), "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert (out / f"{NOT_UTF8}.docx").is_file()
    summary = json.loads((out / "汇总.json").read_text(encoding="utf-8"))
    assert summary["units"][0]["source"] == f"{source}/\ufffd\ufffd.yaml"
    again = CliRunner().invoke(main, ["batch", str(source), "-o", str(out)])
    assert "完成 0 个，未变跳过 1 个，失败 0 个" in again.stderr


def test_import_of_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    text = Path(__file__).parent / "fixtures" / "published-text" / "nansha-npc-office-2023.txt"
    report = tmp_path / f"{NOT_UTF8}.txt"
    shutil.copyfile(text, report)
    result = CliRunner().invoke(main, ["import", str(report)])
    assert result.exit_code == 0, result.output
    written = (tmp_path / f"{NOT_UTF8}.yaml").read_text(encoding="utf-8")
    assert "# 由 perfgen import 从 \\udcff\\udcfe.txt 读入。" in written


@pytest.mark.parametrize(
    ("unit", "reason"),
    [
        (
            f"{NOT_UTF8}单位",
            "含有不是 UTF-8 的字节（终端或文件名的编码不是 UTF-8？），请用 UTF-8 重新输入",
        ),
        ("甲\n乙", "含有不能写入数据文件的字符 U+000A（控制字符或换行），请删除"),
    ],
)
def test_init_refuses_a_unit_name_it_cannot_write(tmp_path: Path, unit: str, reason: str) -> None:
    target = tmp_path / "u.yaml"
    result = CliRunner().invoke(main, ["init", "--unit", unit, "-o", str(target)])
    assert result.exit_code == 1
    from perfgen.locations import visible

    assert result.stderr.strip() == f"--unit: 单位名称“{visible(unit, lines=True)}”{reason}"
    assert list(tmp_path.iterdir()) == []
