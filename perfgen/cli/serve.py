"""``perfgen serve``: the draft as a live page in the browser."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from perfgen.cli import options


@click.command(
    "serve",
    help="在浏览器中预览报告草稿，边改 YAML 边看。INPUT 为 YAML 数据文件。\n\n"
    "在本机（127.0.0.1）启动预览服务并打开浏览器：页面按打印版式排列报告，"
    "左侧（窄屏时在顶部）列出检查结果，点击即跳到所指段落。"
    "保存 YAML、自评表 Excel、共用设置或自定义模板后，页面在一秒内自动更新；"
    "YAML 有错时页面显示错误信息，改正保存后自动恢复。不写任何文件；按 Ctrl-C 停止。"
    '需要先在 perfgen 的目录中运行 pip install ".[serve]"。',
)
@click.argument("input_file", metavar="INPUT", type=click.Path(path_type=Path))
@options.templates
@options.scores
@options.settings
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="端口（默认自动选一个空闲端口）。"
)
@click.option("--no-open", is_flag=True, help="不自动打开浏览器。")
@click.help_option("-h", "--help", **options.HELP)
def serve_command(
    input_file: Path,
    templates: Path | None,
    scores: Path | None,
    settings: Path | None,
    port: int,
    no_open: bool,
) -> None:
    """Serve INPUT's draft as a live page until Ctrl-C."""
    from perfgen.serve.preview import Preview, changes, start

    if not input_file.is_file():
        click.echo(f"错误：找不到文件 {input_file}", err=True)
        sys.exit(1)
    preview = Preview(input_file, templates, scores, settings)
    updates = changes(preview)
    preview.refresh()
    server, address = start(preview, port)
    click.echo(f"预览地址：{address}（按 Ctrl-C 停止）", err=True)
    if not no_open:
        import webbrowser

        webbrowser.open(address)
    try:
        for changed in updates:
            failure = preview.refresh()
            names = "、".join(sorted(p.name for p in changed))
            if failure is None:
                click.echo(f"已更新：{names}", err=True)
            else:  # the page shows the whole message; the terminal its first line
                first = failure.for_user().splitlines()[0]
                click.echo(f"未能更新（页面上显示了原因）：{names}：{first}", err=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    click.echo("预览已停止", err=True)
