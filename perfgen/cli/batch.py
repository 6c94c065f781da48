"""``perfgen batch``: every unit of a district, with a progress display and a summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from perfgen.cli import options
from perfgen.formats import FORMATS


def _formats(
    _ctx: click.Context, _param: click.Parameter, given: tuple[str, ...]
) -> tuple[str, ...]:
    """``-f docx -f pdf`` or ``-f docx,pdf``; docx when none is given."""
    chosen = [f.strip().lower() for item in given for f in item.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise click.BadParameter(f"不支持的格式 {'、'.join(unknown)}，可选：{'、'.join(FORMATS)}")
    return tuple(dict.fromkeys(chosen)) or ("docx",)


@click.command(
    help="批量生成：一次处理一个区、一个市所有单位的数据文件，并写出汇总表。\n\n"
    "INPUT 可以是 YAML 文件、目录（其中的 *.yaml）或通配符（如 'data/*.yaml'）。"
    "每个单位的报告写入 -o 指定的目录，文件名取自数据文件名；另写出 汇总.xlsx 和 汇总.json："
    "每个单位一行（总收入、总支出、预算执行率、得分、等级、错误和警告数），以及全部检查结果。"
    "某个单位出错不影响其他单位；有单位失败时退出码为 1。再次运行时，数据、自评表、模板和设置"
    "都未变的单位自动跳过（--force 全部重做）。"
)
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option(
    "-o", "--output", "folder", type=click.Path(path_type=Path), required=True, help="输出目录。"
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    callback=_formats,
    help="输出格式：docx（默认）、pdf、md、html、xlsx（自评表）；"
    "可写多次或用逗号分隔，如 -f docx,pdf,xlsx。",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    help="同时工作的进程数，默认等于 CPU 核数；PDF 每个进程由一个 LibreOffice 转换。",
)
@click.option("--templates", type=click.Path(path_type=Path), help="自定义模板目录（同 render）。")
@click.option(
    "--reference-doc", type=click.Path(path_type=Path), help="单位的 Word 样式文件（同 render）。"
)
@options.settings
@options.strict
@click.option(
    "--force",
    is_flag=True,
    help="数据未变的单位也重新生成；输出目录中不是本批次生成的同名文件也覆盖（输入文件除外）。",
)
@click.help_option("-h", "--help", **options.HELP)
def batch(
    inputs: tuple[str, ...],
    folder: Path,
    formats: tuple[str, ...],
    jobs: int | None,
    templates: Path | None,
    reference_doc: Path | None,
    settings: Path | None,
    strict: bool,
    force: bool,
) -> None:
    """Render every INPUT into FOLDER, with a summary workbook."""
    from perfgen.batch.summarizing import Summarizer

    with Summarizer() as summarizer:  # first: its helper imports openpyxl while the rest loads
        from perfgen.batch import Interrupted, Options, plan, run
        from perfgen.cli.progress import Progress

        units = plan(inputs)
        chosen = Options(formats, templates, reference_doc, strict, force, settings)
        progress = Progress(len(units), "pdf" in formats)
        try:
            with progress:
                outcomes = run(
                    units, folder, chosen, jobs or _cores(), progress.unit, progress.pdf, summarizer
                )
        except Interrupted as stop:
            click.echo(
                f"\n已中断：共 {stop.total} 个单位，完成 {stop.done} 个，其余未开始或已放弃；"
                "已保存清单，再次运行时跳过已完成的单位",
                err=True,
            )
            sys.exit(stop.code)
    from perfgen.writers.summary import SUMMARY

    failed = [o for o in outcomes if o.status == "failed"]
    for outcome in failed:
        click.echo(f"{outcome.source}: 失败\n{outcome.failure}", err=True)
    said: dict[str, list[str]] = {}  # a note many units share (a missing font) is said once
    for outcome in outcomes:
        for note in outcome.notes:
            said.setdefault(note, []).append(outcome.source)
    for note, sources in said.items():
        where = sources[0] if len(sources) == 1 else f"{len(sources)} 个单位"
        click.echo(f"{where}: {note}", err=True)
    counts = {status: sum(o.status == status for o in outcomes) for status in ("done", "skipped")}
    click.echo(
        f"完成 {counts['done']} 个，未变跳过 {counts['skipped']} 个，失败 {len(failed)} 个；"
        f"汇总：{folder / f'{SUMMARY}.xlsx'}",
        err=True,
    )
    sys.exit(1 if failed else 0)


def _cores() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
