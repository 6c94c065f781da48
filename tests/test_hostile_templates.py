"""Templates are code from outside: sandboxed and bounded in every command, whoever wrote them.

Each hostile template is written by the test into a unit's template folder; the render must end
with its exact Chinese message (template:line), exit 1 and write nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA

from perfgen.cli import main

NPC = DATA / "nansha-npc-office-2023.yaml"


def render(tmp_path: Path, template: str, name: str = "report.md.jinja") -> tuple[int, str]:
    """Render the NPC sample with one overridden template; exit code and stderr."""
    folder = tmp_path / "tpl"
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(template, encoding="utf-8")
    out = tmp_path / "out" / "report.md"
    out.parent.mkdir()
    args = ["render", str(NPC), "--templates", str(folder), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert not result.exception or isinstance(result.exception, SystemExit), result.exception
    assert list(out.parent.iterdir()) == [] or result.exit_code == 0
    return result.exit_code, result.stderr.strip()


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
            "模板访问了沙箱禁止的属性“__init__”（模板只能读取数据，不能触及 Python 内部）",
        ),
        ("\n{{ 'x' * 1000000000 }}", "模板生成的文字超过上限（10,000,000 字符）"),
        ("{% for i in range(10**8) %}{% endfor %}", "模板的循环次数超过上限（1,000,000 次）"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "模板的循环次数超过上限（1,000,000 次）",
        ),
        (
            "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
            "模板的宏调用嵌套超过 50 层（可能是宏递归调用自身）",
        ),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "模板生成的文字超过上限（50,000,000 字符）",
        ),
        ("{{ '{:>1000000000}'.format('x') }}", "格式串中的宽度或精度过大"),
        ("{{ '%.999999999f' % 1 }}", "格式串中的宽度或精度过大"),
        ("{{ '%*s' % (1000000000, 'x') }}", "传给过滤器或方法的数字过大（上限 1,000,000）"),
        ("{{ 'x'|center(1000000000) }}", "传给过滤器或方法的数字过大（上限 1,000,000）"),
        (
            "{{ ('x' * 1000000)|replace('x', 'x' * 1000) }}",
            "模板生成的文字超过上限（10,000,000 字符）",
        ),
        ("{{ ((2 ** 100000) * (2 ** 100000)) }}", "模板计算的数字过大"),
        ("{{ [1, 2] * 100000000 }}", "模板生成的文字超过上限（10,000,000 字符）"),
        ('{% include "report.md.jinja" %}', "模板嵌套过深（宏、include 或表达式递归）"),
        ("{{ 1 / 0 }}", "模板运行出错（ZeroDivisionError：division by zero）"),
        ("{{ lipsum(100000000) }}", "引用了未定义的变量“lipsum”"),
        (
            "{{ report.model_fields }}",
            "模板访问了沙箱禁止的属性“model_fields”（模板只能读取数据，不能触及 Python 内部）",
        ),
        (
            "{{ report.unit.name.__class__.mro()[1].__subclasses__() }}",
            "模板访问了沙箱禁止的属性“__class__”（模板只能读取数据，不能触及 Python 内部）",
        ),
        (
            "{{ [1].append(2) }}",
            "模板访问了沙箱禁止的属性“append”（模板只能读取数据，不能触及 Python 内部）",
        ),
    ],
)
def test_a_hostile_template_stops_with_its_place(
    tmp_path: Path, template: str, message: str
) -> None:
    line = template.count("\n") + 1
    code, stderr = render(tmp_path, template)
    assert code == 1
    assert stderr.startswith(f"错误：模板 report.md.jinja:{line}: {message}"), stderr


def test_a_breach_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    folder = tmp_path / "tpl" / "sentences"
    folder.mkdir(parents=True)
    (folder / "income.md.jinja").write_text("收入\n{{ 'x' * 10**9 }}\n", encoding="utf-8")
    out = tmp_path / "report.md"
    args = ["render", str(NPC), "--templates", str(tmp_path / "tpl"), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    expected = "错误：模板 sentences/income.md.jinja:2: 模板生成的文字超过上限（10,000,000 字符）"
    assert result.stderr.strip() == expected
    assert not out.exists()


def test_a_link_out_of_the_templates_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("机密", encoding="utf-8")
    folder = tmp_path / "tpl" / "sentences"
    folder.mkdir(parents=True)
    (folder / "income.md.jinja").symlink_to(outside)
    out = tmp_path / "report.md"
    args = ["render", str(NPC), "--templates", str(tmp_path / "tpl"), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "错误：模板 sentences/income.md.jinja: 模板文件是指向模板目录之外的链接，已拒绝"
    )
    assert not out.exists()


def test_a_link_inside_the_templates_folder_is_followed(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    (folder / "sentences").mkdir(parents=True)
    (folder / "mine.md.jinja").write_text("自有收入句。\n", encoding="utf-8")
    (folder / "sentences" / "income.md.jinja").symlink_to(folder / "mine.md.jinja")
    out = tmp_path / "report.md"
    args = ["render", str(NPC), "--templates", str(folder), "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert "自有收入句。" in out.read_text(encoding="utf-8")


def test_lint_reports_what_the_sandbox_refuses(tmp_path: Path) -> None:
    (tmp_path / "report.md.jinja").write_text(
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}\n{{ report|attr('__class__') }}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["templates", "lint", str(tmp_path), "--no-pdf"])
    assert result.exit_code == 1
    shown = (tmp_path / "report.md.jinja").as_posix()
    assert result.stdout.splitlines() == [
        f"{shown}:1: 错误: 沙箱禁止访问属性“__globals__”（cycler.__init__.__globals__）："
        "模板不能触及 Python 内部",
        f"{shown}:1: 错误: 沙箱禁止访问属性“__init__”（cycler.__init__）：模板不能触及 Python 内部",
        f"{shown}:2: 错误: 沙箱禁止访问属性“__class__”（…）：模板不能触及 Python 内部",
    ]


def test_loops_keep_their_length_and_else(tmp_path: Path) -> None:
    template = (
        "{% for i in range(3) %}{{ loop.length|num }}{{ loop.revindex|num }}{% endfor %}"
        "{% for i in [] %}x{% else %}空{% endfor %}"
        "{{ 'a' ~ 'b' }}\n"
    )
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.md.jinja").write_text(template, encoding="utf-8")
    out = tmp_path / "report.md"
    args = ["render", str(NPC), "--templates", str(folder), "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert out.read_text(encoding="utf-8") == "333231空ab\n"
