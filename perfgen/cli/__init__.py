"""The ``perfgen`` command line: each command parses its options, calls one library function,
prints and sets the exit code.

Commands are loaded on first use (:class:`LazyGroup`, :data:`COMMANDS`), and each imports the
library only when it runs, so ``perfgen --help`` and ``perfgen check`` load neither the writers
nor the reader. A :class:`~perfgen.errors.PerfgenError` is caught once, in
:meth:`LazyGroup.invoke`: printed in Chinese, exit 1; anything else is a bug in perfgen and keeps
its traceback. Ctrl-C ends a command with “已中断” and exit 130. SIGTERM is turned into the same
clean exit only by the console entry point (:func:`run`), never by :data:`main` itself, so a
program that calls the command line in its own process keeps its own handler.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NoReturn

import click

from perfgen.cli.chinese import OPTIONS_METAVAR, SUBCOMMAND_METAVAR, chinese, localize
from perfgen.cli.options import HELP

# perfgen uses no pydantic plugins; looking for them scans every installed distribution's
# metadata when the first model is built (tens of ms of each command's start).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

COMMANDS = {
    "audit": "perfgen.cli.reading:audit_command",
    "batch": "perfgen.cli.batch:batch",
    "check": "perfgen.cli.check:check",
    "import": "perfgen.cli.reading:import_command",
    "init": "perfgen.cli.authoring:init_command",
    "reference-doc": "perfgen.cli.render:reference_doc",
    "render": "perfgen.cli.render:render",
    "review": "perfgen.cli.review:review_command",
    "rollover": "perfgen.cli.authoring:rollover_command",
    "schema": "perfgen.cli.render:schema_command",
    "serve": "perfgen.cli.serve:serve_command",
    "table": "perfgen.cli.render:table",
    "templates": "perfgen.cli.templates:templates_group",
}
"""Each command's name → where it is defined (``module:attribute``), imported on first use."""


class LazyGroup(click.Group):
    """The command group: commands imported when named (click's lazy group pattern), and the
    one place where a user's error becomes a Chinese message and exit 1."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, sorted (as click lists them in ``--help``)."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command named ``cmd_name``, imported from its module on first use."""
        if cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        module, _, attribute = self.lazy[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        localize(command)
        return command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line, click's own words (usage, errors) in Chinese
        (:mod:`perfgen.cli.chinese`)."""
        with chinese():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command: a :class:`PerfgenError` is printed in Chinese (exit 1), Ctrl-C
        prints 已中断 (exit 130)."""
        from perfgen.cli.findings import show, verbose_here
        from perfgen.errors import CheckError, PerfgenError

        if _console:
            _end_on_sigterm()
        try:
            return super().invoke(ctx)
        except CheckError as exc:  # the findings as check shows them, then what was not written
            show(exc.shown, verbose=verbose_here())
            click.echo(click.style(exc.verdict(), fg="red", bold=True), err=True)
            sys.exit(1)
        except PerfgenError as exc:
            click.echo(exc.for_user(), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("\n已中断", err=True)
            sys.exit(130)


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar=SUBCOMMAND_METAVAR,
    help="perfgen：由一份 YAML 数据文件生成《部门整体支出绩效自评报告》。\n\n"
    "所有比率、占比、同比增减均由程序计算，标题编号自动生成。"
    "示例：perfgen render data/nansha-npc-office-2023.yaml",
)
@click.version_option(
    package_name="perfgen", message="perfgen %(version)s", help="显示版本号并退出。"
)
@click.help_option("-h", "--help", **HELP)
def main() -> None:
    """The ``perfgen`` command group."""


_console = False
"""Whether the process was started by the console entry point (:func:`run`)."""


def run() -> None:
    """The console entry point (``perfgen``, ``python -m perfgen``): :data:`main`, with SIGTERM
    ending a command as Ctrl-C does, so that files being written are cleaned up on the way out.
    The handler is installed when a command starts (``--help`` does not need it)."""
    global _console
    _console = True
    main(prog_name="perfgen")


def _end_on_sigterm() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, _frame: object) -> NoReturn:
    raise SystemExit(128 + signum)
