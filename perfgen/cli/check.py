"""``perfgen check``: the findings of one or more YAML inputs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from perfgen.cli import options
from perfgen.cli.findings import counted, show


@click.command(
    help="检查一个或多个 YAML 数据文件：合计与分项、占比、执行率、得分与等级等是否一致。\n\n"
    "每条结果注明位置、级别（错误/警告）和规则编号。"
    "退出码：没有错误为 0，有错误为 1；加 --strict 时有警告也为 1。"
)
@click.argument(
    "input_files",
    metavar="INPUT...",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
)
@options.scores
@options.settings
@options.strict
@options.verbose
@click.help_option("-h", "--help", **options.HELP)
def check(
    input_files: tuple[Path, ...],
    scores: Path | None,
    settings: Path | None,
    strict: bool,
    verbose: bool,
) -> None:
    """Check each INPUT and print its findings."""
    from perfgen.pipeline import check_files

    failed = False
    for checked in check_files(input_files, scores=scores, settings=settings):
        failed = failed or checked.failed(strict)
        if checked.examined is None:
            click.echo(checked.problem.for_user() if checked.problem else checked.path)
            continue
        for note in checked.examined.notes:
            click.echo(note)
        if findings := checked.examined.findings:
            show(findings, verbose=verbose, err=False)
            click.echo(f"{checked.path}: {counted(findings)}")
        else:
            click.echo(f"{checked.path}: 检查通过")
    sys.exit(1 if failed else 0)
