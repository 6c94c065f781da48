"""``perfgen review``: a district's reports and data files as a static site for the bureau."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from perfgen.cli import options


@click.command(
    help="审阅：把一个区、一个市提交的自评报告（Word .docx、PDF、文本）和 YAML 数据文件逐份读入、"
    "检查，写出一个可直接用浏览器打开的审阅页面（不需要网络）。\n\n"
    "INPUT 可以是文件、目录（其中的 .docx、.pdf、.txt、.yaml）或通配符（如 '报告/*.pdf'）。"
    "-o 指定的目录中写出 index.html：每个单位一行（年度、总收入、总支出、预算执行率、自评得分、"
    "等级、错误和警告数、原文放入字段的比例），可点表头排序、按单位名、等级、年度筛选；另有得分分布、"
    "执行率与得分、各规则问题数、错误最多的单位四张图，图下附数据表，可横向 A4 打印。"
    "每个单位一页：原文逐段显示，有问题的段落标出，旁边列出读入的数字和未能归入提纲的内容。"
    "同一单位上一年度的报告也在输入中时，核对本年报告写的上年数（规则 prior-published）。"
    "另写出 汇总.xlsx 和 汇总.json（格式同 perfgen batch）。无法读取的文件列出原因，不影响其他"
    "文件；有文件无法读取时退出码为 1。再次运行时，内容未变的文件不再重读。"
    '需要 matplotlib：pip install "perfgen[review]"。'
    "示例：perfgen review 报告/ data/*.yaml -o 审阅",
)
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option(
    "-o", "--output", "folder", type=click.Path(path_type=Path), required=True, help="输出目录。"
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    help="同时工作的进程数，默认等于 CPU 核数。",
)
@click.option(
    "--force",
    is_flag=True,
    help="内容未变的文件也重新读入；输出目录不是 perfgen review 生成的也整体替换"
    "（输入文件所在的目录除外）。",
)
@click.help_option("-h", "--help", **options.HELP)
def review_command(inputs: tuple[str, ...], folder: Path, jobs: int | None, force: bool) -> None:
    """Review every INPUT into the site FOLDER."""
    from perfgen.cli.progress import Progress
    from perfgen.review import plan_review, review

    units = plan_review(inputs)
    words = {"done": "已读入", "skipped": "未变，沿用上次读入", "failed": "无法读取"}
    progress = Progress(len(units), False, "读入并检查", words)
    with progress:
        reviewed = review(units, folder, jobs or _cores(), progress.unit, force=force)
    for unit in reviewed.failed:
        click.echo(f"{unit.source}: 无法读取\n{unit.failure}", err=True)
    read = len(reviewed.units) - len(reviewed.failed)
    errors = sum(m.level == "error" for u in reviewed.units for m in u.marks)
    warnings = sum(m.level == "warning" for u in reviewed.units for m in u.marks)
    state = "内容未变，审阅页面未改动" if reviewed.unchanged else "已生成审阅页面"
    click.echo(
        f"读入 {read} 份，无法读取 {len(reviewed.failed)} 份；"
        f"错误 {errors} 处，警告 {warnings} 处，"
        f"其中跨年度核对 {reviewed.across} 处；{state}：{reviewed.index}",
        err=True,
    )
    sys.exit(1 if reviewed.failed else 0)


def _cores() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
