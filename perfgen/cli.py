"""The ``perfgen`` command line: parses options, calls the API, prints errors, sets exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import perfgen
from perfgen.errors import OutputError, PerfgenError
from perfgen.writers import FORMATS


@click.group(
    help="perfgen：由一份 YAML 数据文件生成《部门整体支出绩效自评报告》。\n\n"
    "所有比率、占比、同比增减均由程序计算，标题编号自动生成。"
    "示例：perfgen render data/nansha-npc-office-2023.yaml",
)
@click.version_option(
    package_name="perfgen", message="perfgen %(version)s", help="显示版本号并退出。"
)
@click.help_option("-h", "--help", help="显示本帮助并退出。")
def main() -> None:
    """The command group."""


@main.command(
    help="生成报告。INPUT 为 YAML 数据文件。\n\n"
    "默认在输入文件旁写出同名 .docx；用 -o 指定输出文件（格式由后缀决定），"
    "-o - 把 Markdown/HTML 输出到标准输出。"
)
@click.argument("input_file", metavar="INPUT", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="输出文件路径；“-”表示标准输出（仅 md/html）。",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), help="输出格式：docx、md 或 html。"
)
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="自定义模板目录，其中的同名模板优先于内置模板。",
)
@click.help_option("-h", "--help", help="显示本帮助并退出。")
def render(input_file: Path, output: Path | None, fmt: str | None, templates: Path | None) -> None:
    """Render INPUT to a report file (or stdout)."""
    try:
        if output is not None and str(output) == "-":
            _to_stdout(input_file, perfgen.output_format(output, fmt), templates)
            return
        written = perfgen.render(input_file, output, fmt, templates)
    except PerfgenError as exc:
        click.echo(
            f"错误：{exc}" if not isinstance(exc, perfgen.InputError) else str(exc), err=True
        )
        sys.exit(1)
    click.echo(f"已生成：{written}", err=True)


def _to_stdout(input_file: Path, fmt: str, templates: Path | None) -> None:
    if fmt == "docx":
        raise OutputError("docx 是二进制文件，不能输出到标准输出；请用 -o 文件名.docx")
    report = perfgen.load(input_file)
    markdown = perfgen.compose(report, perfgen.derive(report), templates)
    data = perfgen.writers.render_bytes(markdown, fmt, perfgen.report_title(report))
    click.echo(data, nl=False)
