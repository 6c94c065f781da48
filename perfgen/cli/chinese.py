"""click's own words in Chinese: usage lines, section headings, usage errors.

click writes its messages through :mod:`gettext` (each of its modules binds ``_`` and
``ngettext``) and measures text with ``term_len``. :func:`chinese` swaps those names, in click's
modules only and only while perfgen's command line runs, for a lookup in :data:`MESSAGES` and a
width that counts a Chinese character as two columns; a message missing from the table stays as
click wrote it. Nothing else in the process changes: a host program using click keeps its own
words.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from click._compat import strip_ansi

MESSAGES: dict[str, str] = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "No such command {name!r}.": "没有名为 {name!r} 的命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Did you mean {possibility}?": "你是不是想写 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（你是不是想写其中之一：{possibilities}？）",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面要写一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面要写 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不写值。",
    "{value!r} is not {choice}.": "{value!r} 不是可选的值：{choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选的值：{choices}。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围 {range} 之内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是是/否值。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "Aborted!": "已中止！",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
}
"""click's message ids (as in click 8.1 and 8.2) → perfgen's Chinese."""

OPTIONS_METAVAR = "[选项]"
"""What a usage line shows for a command's options (click: ``[OPTIONS]``)."""

SUBCOMMAND_METAVAR = "命令 [参数]..."
"""What a group's usage line shows for its commands (click: ``COMMAND [ARGS]...``)."""


TYPE_METAVARS = {"path": "路径", "file": "文件", "directory": "目录", "text": "文字"}
"""What an option's value is called in help where the command names it by its type (click
writes PATH, TEXT, INTEGER RANGE); a number range is 数字."""


def localize(command: Any) -> None:
    """Show ``command``'s usage line and its options' values in Chinese (and a group's
    commands)."""
    command.options_metavar = OPTIONS_METAVAR
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
    for param in command.params:
        if param.metavar is None and not getattr(param, "is_flag", False):
            name = getattr(param.type, "name", "")
            number = isinstance(param.type, click.types._NumberParamTypeBase)
            param.metavar = "数字" if number else TYPE_METAVARS.get(name)
    for sub in getattr(command, "commands", {}).values():
        localize(sub)


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal: a Chinese character two (click counts one, so
    Chinese help would not line up)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in strip_ansi(text))


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def chinese() -> Iterator[None]:
    """While the block runs, click's modules write their messages in Chinese."""
    modules = [m for name, m in sys.modules.items() if name.startswith("click") and m]
    names = ("_", "ngettext", "term_len")
    saved = [(m, name, getattr(m, name, None)) for m in modules for name in names]
    saved = [(m, name, value) for m, name, value in saved if value is not None]
    replacement = {"_": _gettext, "ngettext": _ngettext, "term_len": _width}
    try:
        for module, name, _value in saved:
            setattr(module, name, replacement[name])
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)
