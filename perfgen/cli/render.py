"""``perfgen render``, ``table``, ``reference-doc`` and ``schema``: a YAML input (or the
models) written as a file."""

from __future__ import annotations

from pathlib import Path

import click

from perfgen.cli import options
from perfgen.cli.findings import show
from perfgen.formats import REPORT_FORMATS


@click.command(
    help="生成报告。INPUT 为 YAML 数据文件。\n\n"
    "默认在输入文件旁写出同名 .docx；用 -o 指定输出文件（格式由后缀决定），"
    "-o - 把 Markdown/HTML 输出到标准输出；PDF 需要安装 LibreOffice。"
    "生成前先做一致性检查：有错误则不生成，"
    "警告照常打印。"
)
@click.argument("input_file", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="输出文件路径；“-”表示标准输出（仅 md/html）。",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    help="输出格式：docx、md、html 或 pdf。",
)
@options.templates
@click.option(
    "--reference-doc",
    type=click.Path(path_type=Path),
    help="单位自己的 Word 文件：使用其中的样式和页面设置（可用 perfgen reference-doc 生成样板）。",
)
@options.scores
@options.settings
@options.strict
@options.verbose
@click.option(
    "--draft",
    is_flag=True,
    help="生成草稿：检查发现错误也照常生成，每条检查结果（错误、警告、占位符）标在它所指的段落旁"
    "（Word 为批注，HTML 为标记和顶部清单，Markdown 为文末清单），页眉标“草稿”。"
    "YAML 无法读取或校验不通过时仍不生成。",
)
@click.help_option("-h", "--help", **options.HELP)
def render(
    input_file: Path,
    output: Path | None,
    fmt: str | None,
    templates: Path | None,
    reference_doc: Path | None,
    scores: Path | None,
    settings: Path | None,
    strict: bool,
    verbose: bool,
    draft: bool,
) -> None:
    """Render INPUT to a report file (or stdout)."""
    from perfgen.pipeline import render as run

    rendered = run(
        input_file,
        output,
        fmt,
        templates,
        reference_doc=reference_doc,
        scores=scores,
        settings=settings,
        strict=strict,
        draft=draft,
    )
    for note in rendered.notes:
        click.echo(note, err=True)
    if rendered.target is None:
        show(rendered.warnings, verbose=verbose)
        click.echo(rendered.data.decode("utf-8"), nl=False)
    elif draft:
        show(rendered.warnings, verbose=verbose)
        shown = f"，{len(rendered.warnings)} 条检查结果已标在文中" if rendered.warnings else ""
        click.echo(f"已生成草稿：{rendered.target}{shown}", err=True)
    else:
        options.written(rendered.target, rendered.warnings)


@click.command(
    help="把部门整体支出绩效自评表（计算好分值、得分、完成率、总分和等级）写成 Excel 文件。\n\n"
    "示例：perfgen table 单位.yaml -o 自评表.xlsx"
)
@click.argument("input_file", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="输出的 .xlsx 文件。"
)
@options.scores
@options.settings
@options.strict
@options.verbose
@click.help_option("-h", "--help", **options.HELP)
def table(
    input_file: Path,
    output: Path,
    scores: Path | None,
    settings: Path | None,
    strict: bool,
    verbose: bool,
) -> None:
    """Write the computed self-evaluation table of INPUT as .xlsx."""
    from perfgen.pipeline import write_table

    warnings = write_table(input_file, output, scores=scores, settings=settings, strict=strict)
    options.written(output, warnings)


@click.command(
    "reference-doc",
    help="写出一份样板 Word 文件，其中包含 perfgen 使用的全部样式和页面设置。\n\n"
    "在 Word 中修改样式（字体、字号、行距、页边距、页脚）后保存，"
    "再用 perfgen render --reference-doc 样板.docx 生成报告。",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="样板文件路径（.docx）。"
)
@click.help_option("-h", "--help", **options.HELP)
def reference_doc(output: Path) -> None:
    """Write a reference .docx that shows every style perfgen uses."""
    from perfgen.pipeline import write_reference_doc

    write_reference_doc(output)
    options.written(output)


@click.command(
    "schema",
    help="输出 YAML 数据文件的 JSON Schema：全部字段、类型、是否必填和中文说明，"
    "供编辑器补全字段、显示说明和标出错误。\n\n"
    "默认输出到标准输出；用 -o 写入文件。在 VS Code 中安装 YAML 扩展（Red Hat），"
    "把 Schema 保存为 YAML 文件旁的 perfgen.schema.json，并在 YAML 文件首行写 "
    "“# yaml-language-server: $schema=./perfgen.schema.json”"
    "（perfgen init 生成的模板已有这一行）。",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="输出文件路径；不写或写“-”时输出到标准输出。已有的文件会被替换。",
)
@click.help_option("-h", "--help", **options.HELP)
def schema_command(output: Path | None) -> None:
    """Print or write the input's JSON Schema."""
    from perfgen.input.schema import schema_text
    from perfgen.pipeline import write_schema

    if output is None or str(output) == "-":
        click.echo(schema_text(), nl=False)
        return
    write_schema(output)
    options.written(output)
