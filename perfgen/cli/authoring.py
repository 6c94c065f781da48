"""``perfgen init`` and ``perfgen rollover``: a new YAML input, or next year's from this year's."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from perfgen.cli import options

if TYPE_CHECKING:
    from perfgen.input.settings import Outline


@click.command(
    "init",
    help="新建一份 YAML 数据文件模板：列出全部字段，每个字段上方注明中文说明和必填/可选，"
    "需要填写的地方写着【待填写】。模板可以立即生成报告，便于先看到整份报告的结构。\n\n"
    "同时在模板旁写出 perfgen.schema.json（已有则不动），供 VS Code 等编辑器提示字段。"
    "示例：perfgen init -o 单位.yaml --unit 广州市南沙区某某办公室 --year 2024",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    default=Path("dept.yaml"),
    help="模板文件路径，默认 dept.yaml；“-”表示输出到标准输出。",
)
@click.option("--unit", metavar="NAME", help="单位全称（不写则为【待填写】）。")
@click.option("--year", type=click.IntRange(1990, 2100), help="评价年度（不写则为上一年）。")
@click.option(
    "--preset",
    type=click.Choice(["standard", "legacy"]),
    default="standard",
    help="提纲：standard 现行格式（默认），legacy 旧格式。",
)
@click.option("--force", is_flag=True, help="覆盖已有的模板文件。")
@click.help_option("-h", "--help", **options.HELP)
def init_command(
    output: Path, unit: str | None, year: int | None, preset: Outline, force: bool
) -> None:
    """Write a YAML scaffold."""
    from perfgen.input.scaffold import init, scaffold

    if str(output) == "-":
        click.echo(scaffold(unit, year, preset), nl=False)
        return
    written = init(output, unit, year, preset, force=force)
    for path in written:
        options.written(path)
    click.echo(
        f"下一步：把 {output} 中的【待填写】换成实际内容；"
        f"perfgen check {output} 列出尚未填写的地方，perfgen render {output} 生成报告。",
        err=True,
    )


@click.command(
    "rollover",
    help="由本年度的 YAML 数据文件生成下一年度的草稿。INPUT 为本年度的数据文件，不会被改动。\n\n"
    "年度加一；本年的总收入、总支出、年初预算、执行率、政府采购、“三公”经费和年末结转结余"
    "转为下一年度的上年数（年末结转结余转为年初结转结余）；本年的各项数字、得分和落款日期"
    "改为【待填写】；叙述文字保留，每段前加【待更新】；注释和字段顺序保持原样。"
    "用 perfgen check 列出每一处待填写、待更新的地方。",
)
@click.argument("input_file", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="草稿文件路径；默认把输入文件名中的年度加一"
    "（单位-2023.yaml → 单位-2024.yaml），文件名中没有年度时加“-年度”。",
)
@click.option("--force", is_flag=True, help="覆盖已有的草稿文件。")
@click.help_option("-h", "--help", **options.HELP)
def rollover_command(input_file: Path, output: Path | None, force: bool) -> None:
    """Write next year's draft of INPUT."""
    from perfgen.input.rollover import rollover

    written = rollover(input_file, output, force=force)
    options.written(written)
    click.echo(
        f"下一步：perfgen check {written} 列出每一处【待填写】和【待更新】；"
        f"perfgen render {written} 生成草稿（占位符突出显示）。",
        err=True,
    )
