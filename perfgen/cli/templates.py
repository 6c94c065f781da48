"""``perfgen templates list|export|lint``: a unit's own template folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from perfgen.cli import options


@click.group(
    "templates",
    help="本单位模板目录的工具：列出、导出、检查内置模板及其覆盖。\n\n"
    "先用 export 把要改的模板复制到自己的目录，改好后用 lint 检查，"
    "再用 perfgen render --templates 目录 生成报告。",
)
@click.help_option("-h", "--help", **options.HELP)
def templates_group() -> None:
    """The ``perfgen templates`` commands."""


@templates_group.command("list", help="列出全部内置模板及其用途。")
@click.help_option("-h", "--help", **options.HELP)
def templates_list() -> None:
    """Print each bundled template's name and purpose."""
    from perfgen.templating.bundled import builtins

    found = builtins()
    width = max(len(b.name) for b in found)
    for builtin in found:
        click.echo(f"{builtin.name.ljust(width)}  {builtin.purpose}")


@templates_group.command(
    "export",
    help="把内置模板复制到 DIR，作为本单位覆盖模板的起点（保持子目录，如 sentences/）。\n\n"
    "NAME 为模板名（见 perfgen templates list，可省略 .jinja），不写则导出全部。"
    "DIR 中已有同名文件时不写出任何文件，除非加 --force。"
    "示例：perfgen templates export 我的模板 sentences/income.md.jinja",
)
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.argument("names", metavar="[NAME...]", nargs=-1)
@click.option("--force", is_flag=True, help="覆盖 DIR 中已有的同名文件。")
@click.help_option("-h", "--help", **options.HELP)
def templates_export(directory: Path, names: tuple[str, ...], force: bool) -> None:
    """Copy bundled templates into DIR."""
    from perfgen.templating.bundled import export

    written = export(directory, list(names), force=force)
    for path in written:
        options.written(path)
    click.echo(
        f"下一步：修改 {directory} 中的模板，perfgen templates lint {directory} 检查，"
        f"perfgen render 单位.yaml --templates {directory} 生成报告。",
        err=True,
    )


@templates_group.command(
    "lint",
    help="检查本单位的模板目录 DIR，不必等到某份报告用到出错的那一句。\n\n"
    "逐项检查：每个文件与某个内置模板同名（写错文件名则提示最接近的名字）；每个模板语法正确，"
    "引用的变量、字段、过滤器和宏都存在（对照模板能用的名字和数据结构静态检查）；"
    "然后用每个 --data 数据文件（不写则用 perfgen init 生成的模板）在内存中生成 Markdown、HTML、"
    "Word（装有 LibreOffice 时还有 PDF）。每条结果注明 文件:行号。"
    "退出码：没有错误为 0，有错误为 1；加 --strict 时有警告也为 1。",
)
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="YAML",
    help="用来试生成的数据文件，可写多次；不写则用 perfgen init 的模板（standard 和 legacy）。",
)
@click.option(
    "--pdf/--no-pdf",
    default=None,
    help="是否也试生成 PDF；默认在装有 LibreOffice 时生成。",
)
@options.strict
@click.help_option("-h", "--help", **options.HELP)
def templates_lint(directory: Path, data: tuple[Path, ...], pdf: bool | None, strict: bool) -> None:
    """Check the templates of DIR; print each message with its file and line."""
    from perfgen.templating.lint import lint

    linted = lint(directory, data, pdf=pdf)
    for message in linted.messages:
        click.echo(str(message))
    counts = f"{linted.files} 个文件，{linted.errors} 个错误，{linted.warnings} 个警告"
    tried = "；试生成：" + "，".join(linted.rendered) if linted.rendered else ""
    click.echo(f"{directory}：{counts}{tried}", err=True)
    sys.exit(1 if linted.failed(strict) else 0)
