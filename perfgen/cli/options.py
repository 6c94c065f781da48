"""What the commands share: their common options with Chinese help, and how a written file and
the findings beside it are printed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from perfgen.cli.findings import VERBOSE_KEY, show, verbose_here

if TYPE_CHECKING:
    from perfgen.rules import Finding

HELP = {"help": "显示本帮助并退出。"}
"""The ``-h/--help`` option's help, for every command."""

templates = click.option(
    "--templates",
    type=click.Path(path_type=Path),
    help="自定义模板目录，其中的同名模板优先于内置模板。",
)
strict = click.option("--strict", is_flag=True, help="把警告也当作错误（退出码 1）。")
scores = click.option(
    "--scores",
    type=click.Path(path_type=Path),
    help="从 Excel 文件读取部门整体支出绩效自评表（覆盖 YAML 中的 table）。",
)
settings = click.option(
    "--settings",
    "settings",
    type=click.Path(path_type=Path),
    help="共用设置文件（如财政局统一下发的分档、阈值、计算口径）；YAML 中的 settings 逐项覆盖它，"
    "不写则用 YAML 中 settings_file 指定的文件。",
)


def _remember_verbose(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta[VERBOSE_KEY] = value
    return value


verbose = click.option(
    "-v",
    "--verbose",
    is_flag=True,
    callback=_remember_verbose,
    help="逐条列出每一处待填写（默认按报告的各部分计数）和每一条提示（默认只计数）。",
)


def written(path: Path, warnings: Sequence[Finding] = ()) -> None:
    """Print the check warnings, then the file written (both to stderr)."""
    show(warnings, verbose=verbose_here())
    click.echo(f"已生成：{path}", err=True)
