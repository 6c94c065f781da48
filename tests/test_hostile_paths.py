"""Hostile paths: devices, pipes, symbolic links and read-only files as inputs or outputs; an
output naming one of the run's inputs; file modes; interruption while writing.

Every refusal exits 1 with exactly the expected message, prints no traceback, and leaves the
directory as it was: no output, no temporary file, every input byte for byte unchanged.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from perfgen.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "with-table.yaml"
MINIMAL = """\
unit: {name: 测试单位}
year: 2023
basic_info: {functions: {}, annual_work: {}, finances: {income: {total: 100.00, other: 10.00}}}
evaluation: {score: 95}
problems: [问题]
measures: [措施]
"""
NOT_REGULAR = "不是普通文件（是设备、管道或套接字），不能作为"
SYMLINK = "这是一个符号链接；perfgen 不替换它，也不写到它指向的位置，请直接给出实际的文件路径（输出到屏幕请用 -o -）"


def _snapshot(folder: Path) -> dict[str, object]:
    """Every entry of ``folder``: a file's bytes and mode, a link's target, a pipe's type."""
    out: dict[str, object] = {}
    for path in sorted(folder.iterdir()):
        status = path.lstat()
        if stat.S_ISLNK(status.st_mode):
            out[path.name] = ("link", os.readlink(path))
        elif stat.S_ISREG(status.st_mode):
            out[path.name] = ("file", path.read_bytes(), stat.S_IMODE(status.st_mode))
        else:
            out[path.name] = ("other", stat.S_IFMT(status.st_mode))
    return out


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder holding u.yaml (with a 自评表), m.yaml (minimal), s.xlsx (the table
    perfgen writes for u.yaml), r.docx (a reference document) and the pipe p."""
    monkeypatch.chdir(tmp_path)
    Path("u.yaml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    Path("m.yaml").write_text(MINIMAL, encoding="utf-8")
    assert CliRunner().invoke(main, ["table", "u.yaml", "-o", "s.xlsx"]).exit_code == 0
    assert CliRunner().invoke(main, ["reference-doc", "-o", "r.docx"]).exit_code == 0
    os.mkfifo("p")
    yield tmp_path


def _refused(args: list[str], message: str, folder: Path) -> None:
    before = _snapshot(folder)
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output
    assert (result.exit_code, result.output) == (1, message + "\n")
    assert _snapshot(folder) == before


READS: list[tuple[str, list[str], str]] = [
    ("device-as-input", ["check", "/dev/zero"], f"/dev/zero: {NOT_REGULAR} YAML 文件读取"),
    ("pipe-as-input", ["check", "p"], f"p: {NOT_REGULAR} YAML 文件读取"),
    ("directory-as-input", ["check", "."], ".: 这是一个目录，不是 YAML 文件"),
    (
        "pipe-as-scores",
        ["render", "u.yaml", "--scores", "p", "-o", "x.md"],
        f"p: {NOT_REGULAR} Excel 工作簿读取",
    ),
    (
        "device-as-scores",
        ["table", "u.yaml", "--scores", "/dev/zero", "-o", "x.xlsx"],
        f"/dev/zero: {NOT_REGULAR} Excel 工作簿读取",
    ),
    (
        "pipe-as-reference-doc",
        ["render", "m.yaml", "--reference-doc", "p", "-o", "x.docx"],
        f"p: {NOT_REGULAR} Word 文件读取",
    ),
    (
        "reference-doc-that-is-not-a-docx",
        ["render", "m.yaml", "--reference-doc", "m.yaml", "-o", "x.docx"],
        "m.yaml: 不是可读取的 Word 文件（文件已损坏，或不是 zip 格式）",
    ),
]


@pytest.mark.parametrize(("args", "message"), [c[1:] for c in READS], ids=[c[0] for c in READS])
def test_an_input_that_is_not_a_regular_file(folder: Path, args: list[str], message: str) -> None:
    _refused(args, message, folder)


def test_a_symlink_loop_as_input(folder: Path) -> None:
    os.symlink("loop2", "loop1")
    os.symlink("loop1", "loop2")
    _refused(["check", "loop1"], "loop1: 无法读取 YAML 文件：符号链接形成了循环", folder)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: os.mkfifo(path), f"{NOT_REGULAR}模板文件读取"),
        (lambda path: os.symlink("/dev/zero", path), "模板文件是指向模板目录之外的链接，已拒绝"),
        (
            lambda path: path.write_bytes("本单位".encode("gbk")),
            "模板文件不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8",
        ),
        (
            lambda path: os.truncate(os.open(path, os.O_CREAT | os.O_WRONLY), 1_000_001),
            "模板文件过大（1000001 字节），上限为 1000000 字节",
        ),
    ],
    ids=["pipe", "device", "gbk", "too-large"],
)
def test_a_template_that_cannot_be_read(folder: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    (folder / "tpl").mkdir()
    make(folder / "tpl" / "report.md.jinja")
    args = ["render", "m.yaml", "--templates", "tpl", "-o", "x.md"]
    _refused(args, f"错误：模板 report.md.jinja: {message}", folder)


WRITES: list[tuple[str, list[str], str]] = [
    ("pipe-as-output", ["render", "m.yaml", "-o", "p", "-f", "md"], "p：目标不是普通文件"),
    (
        "device-as-output",
        ["render", "m.yaml", "-o", "/dev/null", "-f", "md"],
        "/dev/null：目标不是普通文件",
    ),
]


@pytest.mark.parametrize(("args", "target"), [c[1:] for c in WRITES], ids=[c[0] for c in WRITES])
def test_an_output_that_is_a_device_or_a_pipe_is_not_replaced(
    folder: Path, args: list[str], target: str
) -> None:
    message = f"错误：无法写入 {target}（是设备、管道或套接字），已拒绝替换（输出到屏幕请用 -o -）"
    _refused(args, message, folder)


def test_an_output_that_is_a_symlink_is_neither_replaced_nor_followed(folder: Path) -> None:
    Path("other.md").write_text("别的文件", encoding="utf-8")
    os.symlink("other.md", "link.md")
    os.symlink("elsewhere.md", "dangling.md")
    os.symlink("loop2.md", "loop1.md")
    os.symlink("loop1.md", "loop2.md")
    for name in ("link.md", "dangling.md", "loop1.md"):
        _refused(["render", "m.yaml", "-o", name], f"错误：无法写入 {name}：{SYMLINK}", folder)


def test_a_read_only_output_is_not_replaced(folder: Path) -> None:
    Path("ro.md").write_text("旧内容", encoding="utf-8")
    os.chmod("ro.md", 0o444)
    message = "错误：无法写入 ro.md：文件是只读的，未替换；如确要替换，请先改为可写"
    _refused(["render", "m.yaml", "-o", "ro.md"], message, folder)


SAME: list[tuple[str, list[str], str, str]] = [
    ("the-yaml", ["render", "m.yaml", "-o", "m.yaml", "-f", "md"], "m.yaml", "m.yaml"),
    ("scores", ["table", "u.yaml", "--scores", "s.xlsx", "-o", "s.xlsx"], "s.xlsx", "s.xlsx"),
    (
        "reference-doc",
        ["render", "m.yaml", "--reference-doc", "r.docx", "-o", "./r.docx"],
        "r.docx",
        "r.docx",
    ),
    (
        "reference-doc-through-a-link",
        ["render", "m.yaml", "--reference-doc", "r-link.docx", "-o", "r.docx"],
        "r.docx",
        "r-link.docx",
    ),
    ("workbook-named-by-the-yaml", ["table", "w.yaml", "-o", "s.xlsx"], "s.xlsx", "s.xlsx"),
    (
        "a-template",
        ["render", "m.yaml", "--templates", "tpl", "-o", "tpl/report.md.jinja", "-f", "md"],
        "tpl/report.md.jinja",
        "tpl",
    ),
]


@pytest.mark.parametrize(
    ("args", "target", "source"), [c[1:] for c in SAME], ids=[c[0] for c in SAME]
)
def test_an_output_never_replaces_an_input_of_the_same_run(
    folder: Path, args: list[str], target: str, source: str
) -> None:
    os.symlink("r.docx", "r-link.docx")
    (folder / "tpl").mkdir()
    (folder / "tpl" / "report.md.jinja").write_text("{{ report.year }}\n", encoding="utf-8")
    text = FIXTURE.read_text(encoding="utf-8")
    table = text[text.index("  table:") : text.index("problems:")]
    Path("w.yaml").write_text(text.replace(table, "  table: {xlsx: s.xlsx}\n"), encoding="utf-8")
    message = f"错误：输出文件 {target} 与输入文件 {source} 相同，已拒绝覆盖输入"
    if source == "tpl":
        message = f"错误：输出文件 {target} 是模板目录 {source} 中的模板，已拒绝覆盖输入"
    _refused(args, message, folder)


@pytest.fixture
def umask() -> Iterator[None]:
    """Restores the process's umask after a test that changes it."""
    mask = os.umask(0o022)
    os.umask(mask)
    yield
    os.umask(mask)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_umask_allows(folder: Path, mask: int, mode: int) -> None:
    os.umask(mask)
    for args, name in (
        (["render", "m.yaml", "-o", "n.docx"], "n.docx"),
        (["table", "u.yaml", "-o", "t.xlsx"], "t.xlsx"),
    ):
        assert CliRunner().invoke(main, args).exit_code == 0
        assert stat.S_IMODE(os.stat(name).st_mode) == mode, name


def test_an_existing_file_keeps_its_mode(folder: Path) -> None:
    Path("old.md").write_text("旧内容", encoding="utf-8")
    os.chmod("old.md", 0o600)
    assert CliRunner().invoke(main, ["render", "m.yaml", "-o", "old.md"]).exit_code == 0
    assert stat.S_IMODE(os.stat("old.md").st_mode) == 0o600
    assert "测试单位" in Path("old.md").read_text(encoding="utf-8")


INTERRUPT = """\
import os, signal, sys
real = os.replace
def interrupted(source, target):
    os.kill(os.getpid(), signal.{signal})
    real(source, target)
os.replace = interrupted
from perfgen.cli import run
sys.argv = ["perfgen", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize(
    ("name", "code", "stderr"),
    [("SIGINT", 130, "\n已中断\n"), ("SIGTERM", 128 + signal.SIGTERM, "")],
)
@pytest.mark.parametrize("fmt", ["docx", "md", "xlsx"])
def test_a_signal_while_writing_leaves_no_file_behind(
    folder: Path, name: str, code: int, stderr: str, fmt: str
) -> None:
    """The signal arrives after the temporary file is written, before it is renamed."""
    Path(f"x.{fmt}").write_text("上一次的内容", encoding="utf-8")
    before = _snapshot(folder)
    command = ["table", "u.yaml"] if fmt == "xlsx" else ["render", "u.yaml"]
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT.format(signal=name), *command, "-o", f"x.{fmt}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (code, stderr)
    assert _snapshot(folder) == before
