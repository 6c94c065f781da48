"""The ``perfgen`` command line: parses options, calls the library, prints, sets the exit code.

Each command imports what it needs when it runs, so ``perfgen --help`` and ``perfgen check``
do not load the writers. A :class:`~perfgen.errors.PerfgenError` is printed in Chinese and exits
1; anything else is a bug in perfgen and keeps its traceback.

The module is over 300 lines because every command and option carries its Chinese help; the
body of each command is a library call and its printing.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from perfgen.errors import PerfgenError
    from perfgen.input.settings import Outline

# perfgen uses no pydantic plugins; looking for them scans every installed distribution's
# metadata when the first model is built (tens of ms of each command's start).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

FORMATS = ("docx", "md", "html", "pdf")
"""Output formats of ``render`` (the same as :data:`perfgen.writers.FORMATS`)."""

_HELP = {"help": "显示本帮助并退出。"}


def _fail(error: PerfgenError) -> NoReturn:
    """Print a user's error in Chinese, without traceback, and exit 1."""
    click.echo(error.for_user(), err=True)
    sys.exit(1)


def _print_lines(lines: Iterable[object]) -> None:
    for line in lines:
        click.echo(str(line), err=True)


def _written(path: Path, warnings: Iterable[object] = ()) -> None:
    """Print the check warnings, then the file written (both to stderr)."""
    _print_lines(warnings)
    click.echo(f"已生成：{path}", err=True)


class _Group(click.Group):
    """The command group: Ctrl-C ends a command with a Chinese word and exit 130."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\n已中断", err=True)
            sys.exit(130)


@click.group(
    cls=_Group,
    help="perfgen：由一份 YAML 数据文件生成《部门整体支出绩效自评报告》。\n\n"
    "所有比率、占比、同比增减均由程序计算，标题编号自动生成。"
    "示例：perfgen render data/nansha-npc-office-2023.yaml",
)
@click.version_option(
    package_name="perfgen", message="perfgen %(version)s", help="显示版本号并退出。"
)
@click.help_option("-h", "--help", **_HELP)
def main() -> None:
    """The command group: a SIGTERM ends a command as Ctrl-C does, so that files being
    written are cleaned up on the way out."""
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, _frame: object) -> NoReturn:
    raise SystemExit(128 + signum)


_templates = click.option(
    "--templates",
    type=click.Path(path_type=Path),
    help="自定义模板目录，其中的同名模板优先于内置模板。",
)
_strict = click.option("--strict", is_flag=True, help="把警告也当作错误（退出码 1）。")
_scores = click.option(
    "--scores",
    type=click.Path(path_type=Path),
    help="从 Excel 文件读取部门整体支出绩效自评表（覆盖 YAML 中的 table）。",
)
_settings = click.option(
    "--settings",
    "settings",
    type=click.Path(path_type=Path),
    help="共用设置文件（如财政局统一下发的分档、阈值、计算口径）；YAML 中的 settings 逐项覆盖它，"
    "不写则用 YAML 中 settings_file 指定的文件。",
)


@main.command(
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
    "-f", "--format", "fmt", type=click.Choice(FORMATS), help="输出格式：docx、md、html 或 pdf。"
)
@_templates
@click.option(
    "--reference-doc",
    type=click.Path(path_type=Path),
    help="单位自己的 Word 文件：使用其中的样式和页面设置（可用 perfgen reference-doc 生成样板）。",
)
@_scores
@_settings
@_strict
@click.option(
    "--draft",
    is_flag=True,
    help="生成草稿：检查发现错误也照常生成，每条检查结果（错误、警告、占位符）标在它所指的段落旁"
    "（Word 为批注，HTML 为标记和顶部清单，Markdown 为文末清单），页眉标“草稿”。"
    "YAML 无法读取或校验不通过时仍不生成。",
)
@click.help_option("-h", "--help", **_HELP)
def render(
    input_file: Path,
    output: Path | None,
    fmt: str | None,
    templates: Path | None,
    reference_doc: Path | None,
    scores: Path | None,
    settings: Path | None,
    strict: bool,
    draft: bool,
) -> None:
    """Render INPUT to a report file (or stdout)."""
    from perfgen.errors import PerfgenError
    from perfgen.pipeline import render as run

    try:
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
    except PerfgenError as exc:
        _fail(exc)
    if rendered.target is None:
        _print_lines(rendered.warnings)
        click.echo(rendered.data.decode("utf-8"), nl=False)
    elif draft:
        _print_lines(rendered.warnings)
        shown = f"，{len(rendered.warnings)} 条检查结果已标在文中" if rendered.warnings else ""
        click.echo(f"已生成草稿：{rendered.target}{shown}", err=True)
    else:
        _written(rendered.target, rendered.warnings)


@main.command(
    "serve",
    help="在浏览器中预览报告草稿，边改 YAML 边看。INPUT 为 YAML 数据文件。\n\n"
    "在本机（127.0.0.1）启动预览服务并打开浏览器：页面按打印版式排列报告，"
    "左侧（窄屏时在顶部）列出检查结果，点击即跳到所指段落。"
    "保存 YAML、自评表 Excel、共用设置或自定义模板后，页面在一秒内自动更新；"
    "YAML 有错时页面显示错误信息，改正保存后自动恢复。不写任何文件；按 Ctrl-C 停止。"
    '需要先安装：pip install "perfgen[serve]"。',
)
@click.argument("input_file", metavar="INPUT", type=click.Path(path_type=Path))
@_templates
@_scores
@_settings
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="端口（默认自动选一个空闲端口）。"
)
@click.option("--no-open", is_flag=True, help="不自动打开浏览器。")
@click.help_option("-h", "--help", **_HELP)
def serve_command(
    input_file: Path,
    templates: Path | None,
    scores: Path | None,
    settings: Path | None,
    port: int,
    no_open: bool,
) -> None:
    """Serve INPUT's draft as a live page until Ctrl-C."""
    from perfgen.errors import PerfgenError
    from perfgen.serve.preview import Preview, changes, start

    if not input_file.is_file():
        click.echo(f"错误：找不到文件 {input_file}", err=True)
        sys.exit(1)
    preview = Preview(input_file, templates, scores, settings)
    try:
        updates = changes(preview)
        preview.refresh()
        server, address = start(preview, port)
    except PerfgenError as exc:
        _fail(exc)
    click.echo(f"预览地址：{address}（按 Ctrl-C 停止）", err=True)
    if not no_open:
        import webbrowser

        webbrowser.open(address)
    try:
        for changed in updates:
            preview.refresh()
            names = "、".join(sorted(p.name for p in changed))
            click.echo(f"已更新：{names}", err=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    click.echo("预览已停止", err=True)


@main.command(
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
@_scores
@_settings
@_strict
@click.help_option("-h", "--help", **_HELP)
def check(
    input_files: tuple[Path, ...], scores: Path | None, settings: Path | None, strict: bool
) -> None:
    """Check each INPUT and print its findings."""
    from perfgen.errors import InputError
    from perfgen.pipeline import examine
    from perfgen.rules import blocking

    failed = False
    for path in input_files:
        try:
            examined = examine(path, scores=scores, settings=settings)
        except InputError as exc:
            click.echo(exc.for_user())
            failed = True
            continue
        for finding in examined.findings:
            click.echo(str(finding))
        if not examined.findings:
            click.echo(f"{path}: 检查通过")
        failed = failed or bool(blocking(examined.findings, strict))
    sys.exit(1 if failed else 0)


def _formats(
    _ctx: click.Context, _param: click.Parameter, given: tuple[str, ...]
) -> tuple[str, ...]:
    """``-f docx -f pdf`` or ``-f docx,pdf``; docx when none is given."""
    from perfgen.batch import FORMATS as BATCH_FORMATS

    chosen = [f.strip().lower() for item in given for f in item.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in BATCH_FORMATS]
    if unknown:
        raise click.BadParameter(
            f"不支持的格式 {'、'.join(unknown)}，可选：{'、'.join(BATCH_FORMATS)}"
        )
    return tuple(dict.fromkeys(chosen)) or ("docx",)


@main.command(
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
@_settings
@_strict
@click.option(
    "--force",
    is_flag=True,
    help="数据未变的单位也重新生成；输出目录中不是本批次生成的同名文件也覆盖（输入文件除外）。",
)
@click.help_option("-h", "--help", **_HELP)
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
    from perfgen.batch import SUMMARY, Options, plan, run
    from perfgen.errors import PerfgenError

    try:
        units = plan(inputs)
        options = Options(formats, templates, reference_doc, strict, force, settings)
        progress = _Progress(len(units), "pdf" in formats)
        with progress:
            outcomes = run(units, folder, options, jobs or _cores(), progress.unit, progress.pdf)
    except PerfgenError as exc:
        _fail(exc)
    failed = [o for o in outcomes if o.status == "failed"]
    for outcome in failed:
        click.echo(f"{outcome.source}: 失败\n{outcome.failure}", err=True)
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


class _Progress:
    """A progress bar on a terminal; plain lines, one per unit, in a log."""

    def __init__(self, total: int, pdf: bool) -> None:
        self.total, self.count, self.pdf_total, self.pdfs = total, 0, 0, 0
        self.terminal = sys.stderr.isatty()
        self.bar: Any = None
        self.expect_pdf = pdf

    def __enter__(self) -> _Progress:
        if self.terminal:
            self.bar = click.progressbar(length=self.total, label="生成报告", file=sys.stderr)
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

    def unit(self, outcome: Any) -> None:
        """One unit is done (or skipped, or failed)."""
        self.count += 1
        if self.expect_pdf and outcome.status == "done":
            self.pdf_total += 1
        if self.bar is not None:
            self.bar.update(1)
            return
        words = {"done": "已生成", "skipped": "未变，跳过", "failed": "失败"}[outcome.status]
        click.echo(f"[{self.count}/{self.total}] {outcome.source}: {words}", err=True)

    def pdf(self, name: str) -> None:
        """One unit's PDF is made."""
        self.pdfs += 1
        if self.terminal:
            if self.pdfs == 1 and self.bar is not None:
                self.bar.__exit__(None, None, None)
                self.bar = click.progressbar(
                    length=self.pdf_total, label="转换 PDF", file=sys.stderr
                )
                self.bar.__enter__()
            if self.bar is not None:
                self.bar.update(1)
            return
        click.echo(f"[PDF {self.pdfs}/{self.pdf_total}] {name}.pdf", err=True)


@main.command(
    "reference-doc",
    help="写出一份样板 Word 文件，其中包含 perfgen 使用的全部样式和页面设置。\n\n"
    "在 Word 中修改样式（字体、字号、行距、页边距、页脚）后保存，"
    "再用 perfgen render --reference-doc 样板.docx 生成报告。",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="样板文件路径（.docx）。"
)
@click.help_option("-h", "--help", **_HELP)
def reference_doc(output: Path) -> None:
    """Write a reference .docx that shows every style perfgen uses."""
    from perfgen.errors import PerfgenError
    from perfgen.pipeline import write_reference_doc

    try:
        write_reference_doc(output)
    except PerfgenError as exc:
        _fail(exc)
    _written(output)


@main.command(
    help="把部门整体支出绩效自评表（计算好分值、得分、完成率、总分和等级）写成 Excel 文件。\n\n"
    "示例：perfgen table 单位.yaml -o 自评表.xlsx"
)
@click.argument("input_file", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="输出的 .xlsx 文件。"
)
@_scores
@_settings
@_strict
@click.help_option("-h", "--help", **_HELP)
def table(
    input_file: Path, output: Path, scores: Path | None, settings: Path | None, strict: bool
) -> None:
    """Write the computed self-evaluation table of INPUT as .xlsx."""
    from perfgen.errors import PerfgenError
    from perfgen.pipeline import write_table

    try:
        warnings = write_table(input_file, output, scores=scores, settings=settings, strict=strict)
    except PerfgenError as exc:
        _fail(exc)
    _written(output, warnings)


@main.command(
    "import",
    help="把已发布的报告（Word .docx、PDF 或文本）读成 YAML 数据文件，"
    "供下一年改写或直接生成报告。\n\n"
    "标题、各部分和条目按原文的编号与标题放入对应字段；收入、支出、预算、执行率、费用、结转结余、"
    "采购、资产、人员、得分、指标等标准句中的数字读入结构化字段，每个数字上方注明出自原文哪一段哪一句；"
    '其余文字原样保留为叙述。PDF 需要 pip install "perfgen[pdf]"。'
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
@click.help_option("-h", "--help", **_HELP)
def import_command(report: Path, output: Path | None, force: bool) -> None:
    """Read REPORT (docx, pdf, txt) into a YAML input file."""
    from perfgen.errors import PerfgenError
    from perfgen.reading import import_report

    target = output if output is not None else report.with_suffix(".yaml")
    try:
        imported = import_report(report, target, force=force)
    except PerfgenError as exc:
        _fail(exc)
    click.echo(f"已生成：{target}", err=True)
    if imported.missed:
        click.echo(
            f"有 {len(imported.missed)} 处未能读入，原文已保留为叙述，见 {target} 开头的注释。",
            err=True,
        )
    _import_findings(target)


def _import_findings(target: Path) -> None:
    """After an import: what ``check`` finds in the figures read, and what to do next."""
    from perfgen.errors import PerfgenError
    from perfgen.pipeline import examine

    try:
        examined = examine(target)
    except PerfgenError as exc:  # the YAML written does not load: say so, keep the file
        click.echo(exc.for_user(), err=True)
        sys.exit(1)
    errors = sum(1 for f in examined.findings if f.level == "error")
    warnings = len(examined.findings) - errors
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


@main.command(
    help="检查已提交的报告（Word .docx、PDF 或文本）：在内存中读入后，逐条运行 check 的全部规则，"
    "每条结果指向原文的页码、段落和句子。可一次检查多份，并用 --summary 写出汇总表（每份一行、"
    "另有问题明细一页）。有错误的报告使退出码为 1。",
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
@_strict
@click.help_option("-h", "--help", **_HELP)
def audit_command(reports: tuple[Path, ...], summary_path: Path | None, strict: bool) -> None:
    """Audit each REPORT and print its findings, placed in the source document."""
    import datetime as dt

    from perfgen.audit import audit_many, summary
    from perfgen.errors import PerfgenError
    from perfgen.rules import blocking
    from perfgen.writers import refuse_inputs, write_atomic

    audited = audit_many(list(reports))
    failed = False
    for report in audited:
        if report.failure:
            click.echo(report.failure)
            failed = True
            continue
        for placed in report.placed:
            click.echo(str(placed))
        if not report.placed:
            click.echo(f"{report.file}: 检查通过")
        failed = failed or bool(blocking([p.finding for p in report.placed], strict))
    if summary_path is not None:
        try:
            refuse_inputs(summary_path, *reports)
            write_atomic(summary(audited, dt.date.today()), summary_path)
        except PerfgenError as exc:
            _fail(exc)
        click.echo(f"已生成：{summary_path}", err=True)
    sys.exit(1 if failed else 0)


@main.command(
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
@click.help_option("-h", "--help", **_HELP)
def schema_command(output: Path | None) -> None:
    """Print or write the input's JSON Schema."""
    from perfgen.errors import PerfgenError
    from perfgen.input.schema import schema_text
    from perfgen.pipeline import write_schema

    if output is None or str(output) == "-":
        click.echo(schema_text(), nl=False)
        return
    try:
        write_schema(output)
    except PerfgenError as exc:
        _fail(exc)
    _written(output)


@main.command(
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
@click.help_option("-h", "--help", **_HELP)
def init_command(
    output: Path, unit: str | None, year: int | None, preset: Outline, force: bool
) -> None:
    """Write a YAML scaffold."""
    from perfgen.errors import PerfgenError
    from perfgen.input.scaffold import init, scaffold

    if str(output) == "-":
        click.echo(scaffold(unit, year, preset), nl=False)
        return
    try:
        written = init(output, unit, year, preset, force=force)
    except PerfgenError as exc:
        _fail(exc)
    for path in written:
        _written(path)
    click.echo(
        f"下一步：把 {output} 中的【待填写】换成实际内容；"
        f"perfgen check {output} 列出尚未填写的地方，perfgen render {output} 生成报告。",
        err=True,
    )


@main.command(
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
@click.help_option("-h", "--help", **_HELP)
def rollover_command(input_file: Path, output: Path | None, force: bool) -> None:
    """Write next year's draft of INPUT."""
    from perfgen.errors import PerfgenError
    from perfgen.input.rollover import rollover

    try:
        written = rollover(input_file, output, force=force)
    except PerfgenError as exc:
        _fail(exc)
    _written(written)
    click.echo(
        f"下一步：perfgen check {written} 列出每一处【待填写】和【待更新】；"
        f"perfgen render {written} 生成草稿（占位符突出显示）。",
        err=True,
    )


@main.group(
    "templates",
    cls=_Group,
    help="本单位模板目录的工具：列出、导出、检查内置模板及其覆盖。\n\n"
    "先用 export 把要改的模板复制到自己的目录，改好后用 lint 检查，"
    "再用 perfgen render --templates 目录 生成报告。",
)
@click.help_option("-h", "--help", **_HELP)
def templates_group() -> None:
    """The ``perfgen templates`` commands."""


@templates_group.command("list", help="列出全部内置模板及其用途。")
@click.help_option("-h", "--help", **_HELP)
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
@click.help_option("-h", "--help", **_HELP)
def templates_export(directory: Path, names: tuple[str, ...], force: bool) -> None:
    """Copy bundled templates into DIR."""
    from perfgen.errors import PerfgenError
    from perfgen.templating.bundled import export

    try:
        written = export(directory, list(names), force=force)
    except PerfgenError as exc:
        _fail(exc)
    for path in written:
        _written(path)
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
@_strict
@click.help_option("-h", "--help", **_HELP)
def templates_lint(directory: Path, data: tuple[Path, ...], pdf: bool | None, strict: bool) -> None:
    """Check the templates of DIR; print each message with its file and line."""
    from perfgen.errors import PerfgenError
    from perfgen.templating.lint import lint

    try:
        linted = lint(directory, data, pdf=pdf)
    except PerfgenError as exc:
        _fail(exc)
    for message in linted.messages:
        click.echo(str(message))
    counts = f"{linted.files} 个文件，{linted.errors} 个错误，{linted.warnings} 个警告"
    tried = "；试生成：" + "，".join(linted.rendered) if linted.rendered else ""
    click.echo(f"{directory}：{counts}{tried}", err=True)
    sys.exit(1 if linted.failed(strict) else 0)
