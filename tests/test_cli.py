"""The command line, through click's CliRunner: exit codes, outputs and exact messages."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA

from perfgen.cli import main

NPC = DATA / "nansha-npc-office-2023.yaml"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "dept.yaml"
    shutil.copy(NPC, target)
    return target


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_render_defaults_to_docx_next_to_input(copy: Path) -> None:
    code, _, err = run("render", str(copy))
    assert code == 0
    assert (copy.parent / "dept.docx").read_bytes()[:2] == b"PK"
    assert err == f"已生成：{copy.parent / 'dept.docx'}\n"


@pytest.mark.parametrize(
    ("suffix", "start"), [("md", b"\xe9\x99\x84"), ("html", b"<!DOCTYPE html>")]
)
def test_format_follows_output_suffix(copy: Path, suffix: str, start: bytes) -> None:
    target = copy.parent / f"out.{suffix}"
    assert run("render", str(copy), "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(start)


def test_explicit_format_wins_over_suffix(copy: Path) -> None:
    target = copy.parent / "report.txt"
    assert run("render", str(copy), "-o", str(target), "--format", "md")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("附件 2\n\n# 广州市南沙区")


def test_unknown_suffix_without_format(copy: Path) -> None:
    code, _, err = run("render", str(copy), "-o", str(copy.parent / "report.txt"))
    assert code == 1
    assert err == (
        f"错误：无法从文件名 {copy.parent / 'report.txt'} 判断输出格式，"
        "请用 --format 指定（docx、md、html、pdf）\n"
    )


def test_stdout_markdown(copy: Path) -> None:
    code, out, _ = run("render", str(copy), "-o", "-")
    assert code == 0
    assert "## 四、下一步改进措施" in out
    assert not list(copy.parent.glob("dept.*[!l]"))  # nothing but the input was written


def test_stdout_refuses_docx(copy: Path) -> None:
    code, _, err = run("render", str(copy), "-o", "-", "--format", "docx")
    assert code == 1
    assert err == "错误：docx 是二进制文件，不能输出到标准输出；请用 -o 文件名.docx\n"


def test_output_equal_to_input_is_refused(copy: Path) -> None:
    before = copy.read_bytes()
    code, _, err = run("render", str(copy), "-o", str(copy), "--format", "md")
    assert code == 1
    assert err == f"错误：输出文件 {copy} 与输入文件 {copy} 相同，已拒绝覆盖输入\n"
    assert copy.read_bytes() == before


def test_bad_input_message_exit_1_and_nothing_written(copy: Path) -> None:
    text = copy.read_text(encoding="utf-8").replace("other: 11.40", "other_incom: 11.40")
    copy.write_text(text.replace("year: 2023", "year: 二〇二三"), encoding="utf-8")
    (copy.parent / "dept.docx").write_bytes(b"earlier")
    code, _, err = run("render", str(copy))
    assert code == 1
    lines = err.splitlines()
    line_year = text.splitlines().index("year: 2023") + 1
    assert (
        lines[0] == f"{copy}:{line_year}:7: year: 应为整数（评价年度，如 2023），实际为 “二〇二三”"
    )
    assert lines[1].endswith(
        "basic_info.finances.income.other_incom: 未知字段“other_incom”，是否应为“other”？"
    )
    assert (copy.parent / "dept.docx").read_bytes() == b"earlier"
    assert list(copy.parent.iterdir()) == [copy, copy.parent / "dept.docx"] or sorted(
        copy.parent.iterdir()
    ) == sorted([copy, copy.parent / "dept.docx"])


def test_missing_output_directory(copy: Path) -> None:
    target = copy.parent / "nowhere" / "x.md"
    code, _, err = run("render", str(copy), "-o", str(target))
    assert code == 1
    assert err == f"错误：无法写入 {target}：目录 {target.parent} 不存在\n"


def test_missing_input_file(tmp_path: Path) -> None:
    code, _, err = run("render", str(tmp_path / "none.yaml"))
    assert code == 1
    assert err == f"{tmp_path / 'none.yaml'}: 文件不存在\n"


def test_input_is_a_directory(tmp_path: Path) -> None:
    code, _, err = run("render", str(tmp_path))
    assert code == 1
    assert err == f"{tmp_path}: 这是一个目录，不是 YAML 文件\n"


def test_output_is_a_directory(copy: Path) -> None:
    target = copy.parent / "out.md"
    target.mkdir()
    code, _, err = run("render", str(copy), "-o", str(target))
    assert code == 1
    assert err == f"错误：无法写入 {target}：目标是一个目录\n"


def test_missing_template_directory(copy: Path) -> None:
    code, _, err = run("render", str(copy), "--templates", str(copy.parent / "nope"))
    assert code == 1
    assert err == f"错误：模板 {copy.parent / 'nope'}: 模板目录不存在\n"


def test_user_template_overrides_one_part(copy: Path) -> None:
    templates = copy.parent / "tpl"
    templates.mkdir()
    (templates / "part3_problems.md.jinja").write_text(
        "## 本年度存在的问题\n\n无。\n", encoding="utf-8"
    )
    code, out, _ = run("render", str(copy), "-o", "-", "--templates", str(templates))
    assert code == 0
    assert "## 三、本年度存在的问题\n\n无。\n\n## 四、下一步改进措施" in out


def test_template_error_names_template_and_line(copy: Path) -> None:
    templates = copy.parent / "tpl"
    templates.mkdir()
    (templates / "part4_measures.md.jinja").write_text(
        "## 措施\n\n{{ report.measure }}\n", encoding="utf-8"
    )
    code, _, err = run("render", str(copy), "--templates", str(templates))
    assert code == 1
    assert err == "错误：模板 part4_measures.md.jinja:3: 引用了不存在的字段“measure”\n"
    assert not (copy.parent / "dept.docx").exists()


def test_help_is_chinese() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "生成《部门整体支出绩效自评报告》" in out and "render" in out
    code, out, _ = run("render", "--help")
    assert code == 0 and "-o, --output" in out and "显示本帮助并退出" in out


def test_python_dash_m(copy: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "perfgen", "render", str(copy), "-o", "-"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    assert (
        "# 广州市南沙区人民代表大会常务委员会办公室2023年部门整体支出绩效自评报告"
        in result.stdout.decode()
    )


def test_template_printing_a_missing_figure_names_template_and_line(copy: Path) -> None:
    templates = copy.parent / "tpl"
    (templates / "sentences").mkdir(parents=True)
    (templates / "sentences" / "income.md.jinja").write_text(
        "收入{{ figures.income.total | wan }}万元，\n上年{{ figures.carryover | wan }}。\n",
        encoding="utf-8",
    )
    code, _, err = run("render", str(copy), "--templates", str(templates), "-o", "-")
    assert code == 1
    assert err == (
        "错误：模板 sentences/income.md.jinja:2: 数字不存在（为 none）：输出前须先判断 is not none\n"
    )


HEAVY = ("docx", "openpyxl", "ruamel", "jinja2", "markdown_it")


@pytest.mark.parametrize("command", [["--help"], ["check", str(NPC)], ["render", "--help"]])
def test_light_commands_import_no_heavy_library(command: list[str]) -> None:
    probe = (
        "import sys\n"
        "from perfgen.cli import main\n"
        f"try:\n    main({command!r})\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.splitlines()[-1] == "[]"


def test_render_stopped_by_an_error_shows_the_warnings_too(copy: Path) -> None:
    # 总支出 no longer the sum of its parts (an error), and the parts' shares no longer add up to
    # 100% (a warning)
    copy.write_text(copy.read_text(encoding="utf-8").replace("total: 2503.53", "total: 2603.53"))
    check = run("check", str(copy))
    render = run("render", str(copy), "-o", str(copy.with_suffix(".md")))
    assert check[0] == render[0] == 1
    # every finding check prints, the warnings too, then each command's closing line
    assert render[2].splitlines()[:-1] == check[1].splitlines()[:-1]
    assert "警告[" in render[2] and "错误[sum-mismatch]" in render[2]
    assert check[1].splitlines()[-1] == f"{copy}: 错误 2 处，警告 2 处"
    assert render[2].splitlines()[-1] == f"未生成 {copy.with_suffix('.md')}：2 处错误"
    assert not copy.with_suffix(".md").exists()


def test_a_failed_render_names_the_stale_output_and_lists_errors_first(copy: Path) -> None:
    target = copy.with_suffix(".md")
    assert run("render", str(copy), "-o", str(target))[0] == 0
    earlier = target.read_bytes()
    copy.write_text(copy.read_text(encoding="utf-8").replace("total: 2503.53", "total: 2603.53"))
    code, _, err = run("render", str(copy), "-o", str(target))
    levels = [line.split(": ")[1][:2] for line in err.splitlines()[:-1]]
    assert code == 1 and levels == sorted(levels, key=["错误", "警告"].index)
    assert err.splitlines()[-1] == (
        f"未生成 {target}：2 处错误；旧文件 {target} 仍是上次生成的，未更新"
    )
    assert target.read_bytes() == earlier


def test_placeholders_are_counted_by_part_unless_verbose(tmp_path: Path) -> None:
    scaffold = tmp_path / "dept.yaml"
    assert run("init", "-o", str(scaffold), "--unit", "某单位", "--year", "2024")[0] == 0
    code, out, _ = run("check", str(scaffold))
    placeholders = out.splitlines()[-2]
    assert code == 0 and placeholders.startswith("待填写 ")
    assert "部门基本情况" in placeholders and placeholders.endswith("（加 --verbose 逐条列出）")
    total = int(placeholders.split()[1])
    by_part = [int(n) for n in re.findall(r" (\d+) 处", placeholders.split("：", 1)[1])]
    assert sum(by_part) == total
    code, verbose, _ = run("check", "--verbose", str(scaffold))
    listed = [line for line in verbose.splitlines() if "[placeholder]" in line]
    assert len(listed) == total
    assert out.splitlines()[-1] == verbose.splitlines()[-1] == f"{scaffold}: 待填写 {total} 处"


def test_calling_the_command_line_in_process_leaves_the_sigterm_handler_alone() -> None:
    """Only the console entry point (``perfgen``, ``python -m perfgen``) turns SIGTERM into a
    clean exit; a host that calls :data:`perfgen.cli.main` keeps its own handler."""
    import signal

    def host_handler(signum: int, frame: object) -> None:  # pragma: no cover - never called
        raise AssertionError("the host's handler")

    before = signal.signal(signal.SIGTERM, host_handler)
    try:
        for args in (["--help"], ["check", str(NPC)], ["render", str(NPC), "-o", "-"]):
            CliRunner().invoke(main, args)
            assert signal.getsignal(signal.SIGTERM) is host_handler
    finally:
        signal.signal(signal.SIGTERM, before)


ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Error:",
    "[required]",
    "Missing",
    "No such",
    "Try ",
    "PATH",
    "TEXT",
    "INTEGER",
)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], "用法: main [选项] 命令 [参数]..."),
        (["render", "--help"], "选项:"),
        (["table", "--help"], "[必填]"),
        (["batch", "--help"], "-o, --output 路径"),
        (["render"], "错误：缺少参数 'INPUT'."),
        (["rendr"], "错误：没有名为 'rendr' 的命令。"),
        (["table", str(NPC)], "错误：缺少选项 '-o' / '--output'."),
        (["render", str(NPC), "-f", "odt"], "'odt' 不是可选的值：'docx', 'md', 'html', 'pdf'。"),
        (["batch", str(NPC), "-o", "x", "-j", "0"], "0 不在允许的范围 1<=x<=256 之内。"),
        (["check", str(NPC), "extra", "--nope"], "错误：没有选项 '--nope'。"),
    ],
)
def test_click_speaks_chinese(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, args)
    shown = result.output + (result.stderr if result.stderr_bytes else "")
    assert expected in shown
    assert not [word for word in ENGLISH if word in shown], shown


def test_click_is_chinese_only_while_perfgen_runs() -> None:
    """A host program using click keeps click's own words."""
    import click.core

    CliRunner().invoke(main, ["rendr"])
    assert click.core._("Usage:") == "Usage:"


def test_errors_are_red_on_a_terminal_and_plain_in_a_pipe(copy: Path) -> None:
    copy.write_text(copy.read_text(encoding="utf-8").replace("total: 2503.53", "total: 2603.53"))
    args = ["render", str(copy), "-o", str(copy.with_suffix(".md"))]
    coloured = CliRunner().invoke(main, args, color=True).stderr
    plain = CliRunner().invoke(main, args).stderr
    assert "\x1b[31m" in coloured and "错误[sum-mismatch]" in coloured
    assert "\x1b[" not in plain


def test_render_to_an_excel_file_points_to_perfgen_table(copy: Path) -> None:
    code, _, err = run("render", str(copy), "-o", str(copy.with_name("表.xlsx")))
    assert code == 1
    assert err == (
        f"错误：{copy.with_name('表.xlsx')} 是 Excel 文件：自评表请用 perfgen table 生成"
        "（如 perfgen table 单位.yaml -o 表.xlsx）；报告可写成 docx、md、html、pdf\n"
    )
    assert not copy.with_name("表.xlsx").exists()
