"""``perfgen import`` and ``perfgen audit``: published reports (Word, PDF, text) read back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from perfgen.cli import options


@click.command(
    "import",
    help="把已发布的报告（Word .docx、PDF 或文本）读成 YAML 数据文件，"
    "供下一年改写或直接生成报告。\n\n"
    "标题、各部分和条目按原文的编号与标题放入对应字段；收入、支出、预算、执行率、费用、结转结余、"
    "采购、资产、人员、得分、指标等标准句中的数字读入结构化字段，每个数字上方注明出自原文哪一段哪一句；"
    '其余文字原样保留为叙述。读 PDF 需要先在 perfgen 的目录中运行 pip install ".[pdf]"。'
    "示例：perfgen import 去年的报告.pdf -o 单位.yaml",
)
@click.argument("report", metavar="REPORT", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="写出的 YAML 文件；默认为报告旁的同名 .yaml。",
)
@click.option("--force", is_flag=True, help="覆盖已有的 YAML 文件。")
@click.help_option("-h", "--help", **options.HELP)
def import_command(report: Path, output: Path | None, force: bool) -> None:
    """Read REPORT (docx, pdf, txt) into a YAML input file, then say what ``check`` finds in
    it and what to do next."""
    from perfgen.pipeline import import_report
    from perfgen.reading.accounting import account

    target = output if output is not None else report.with_suffix(".yaml")
    outcome = import_report(report, target, force=force)
    click.echo(f"已生成：{target}", err=True)
    counted = account(outcome.imported)
    click.echo(counted.for_user(), err=True)
    if missed := len(outcome.imported.missed):
        kept = "原文已保留为叙述" if not counted.unaccounted else "其余原文已保留为叙述"
        click.echo(f"有 {missed} 处未能读入，{kept}，见 {target} 开头的注释。", err=True)
    if not isinstance(outcome.imported.data.get("year"), int):
        click.echo(
            f"注意：原文没有写明评价年度，{target} 中 year 写为“【待填写】”；"
            "请填写后再运行 perfgen check / perfgen render。",
            err=True,
        )
        return
    if outcome.examined is None:  # the YAML written does not load: say so, keep the file
        click.echo(outcome.failure.for_user() if outcome.failure else "", err=True)
        sys.exit(1)
    errors = len(outcome.examined.errors)
    warnings = len(outcome.examined.warnings)  # hints (提示) are neither
    if errors:
        click.echo(
            f"核对：原文的数字有 {errors} 处错误、{warnings} 处警告；"
            f"改正错误之前 render 不会生成报告。详见：perfgen check {target}",
            err=True,
        )
        return
    if warnings:
        click.echo(f"核对：{warnings} 处警告，详见 perfgen check {target}", err=True)
    click.echo(f"下一步：perfgen render {target}", err=True)


@click.command(
    help="检查已提交的报告（Word .docx、PDF 或文本）：在内存中读入后，逐条运行 check 的全部规则，"
    "每条结果指向原文的页码、段落和句子，用报告自己的话说明问题。可一次检查多份，并用 --summary "
    "写出汇总表（每份一行、另有问题明细一页）。“提示”（读入时无法确定的，如摘录在末尾截断的句子、"
    "原文中没有读到的项）默认不显示，最后一行说明有几处；加 --all 显示。有错误的报告使退出码为 1，"
    "提示从不影响退出码。",
)
@click.argument(
    "reports", metavar="REPORT...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--summary",
    "summary_path",
    type=click.Path(path_type=Path),
    help="写出汇总表（.xlsx），格式同 perfgen batch 的 汇总.xlsx。",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="也显示“提示”：读入时无法确定的问题（默认只显示错误和警告）。",
)
@options.strict
@click.help_option("-h", "--help", **options.HELP)
def audit_command(
    reports: tuple[Path, ...], summary_path: Path | None, everything: bool, strict: bool
) -> None:
    """Audit each REPORT and print its findings, placed in the source document and worded for
    a reviewer, then one closing line."""
    from perfgen.audit import audit_many, closing, write_summary
    from perfgen.rules import blocking

    audited = audit_many(list(reports))
    failed = False
    for report in audited:
        if report.failure:
            click.echo(report.failure)
            failed = True
            continue
        shown = report.shown(everything)
        for placed in shown:
            click.echo(str(placed))
        if not shown:
            hidden = len(report.placed)
            more = f"（另有提示 {hidden} 处，加 --all 显示）" if hidden else ""
            click.echo(f"{report.file}: 检查通过{more}")
        failed = failed or bool(blocking([p.finding for p in report.placed], strict))
    if summary_path is not None:
        write_summary(audited, summary_path, everything=everything)
    click.echo(closing(audited, everything, summary_path))
    sys.exit(1 if failed else 0)
