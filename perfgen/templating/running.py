"""Running a template: one budget per render, and every way it can fail told as a
:class:`~perfgen.errors.TemplateError` naming the template and line.

Templates are code from outside: whatever their code raises (a division by zero, a refused
attribute, a bound of :mod:`perfgen.templating.limits`, a recursion) is their error, told in
Chinese with its place, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from perfgen.errors import TemplateError
from perfgen.templating.filters import MissingFigure
from perfgen.templating.imports import imports
from perfgen.templating.limits import MAX_TEXT, LimitExceeded, bounded


class BareNumber(Exception):
    """A template printed a number without a format filter (a template bug)."""


def run(env: jinja2.Environment, entry: str, names: dict[str, Any]) -> str:
    """Render the template ``entry`` of ``env`` with ``names`` in scope, bounded.

    Returns:
        Its text.

    Raises:
        TemplateError: the template is missing, malformed, names an undefined value, goes over
            a bound, is refused by the sandbox, or fails in any other way.
    """
    try:
        return _render(env, entry, names)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.name or "?", exc.lineno, syntax_message(exc.message)) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(str(exc.name or "?"), None, "找不到模板文件") from None
    except jinja2.UndefinedError as exc:
        name, line = _template_position(exc, env)
        raise TemplateError(name, line, _undefined_message(exc.message or "")) from None
    except (BareNumber, MissingFigure, LimitExceeded) as exc:
        name, line = _template_position(exc, env)
        raise TemplateError(name, line, str(exc)) from None
    except SecurityError as exc:
        name, line = _template_position(exc, env)
        raise TemplateError(name, line, _security_message(str(exc))) from None
    except RecursionError as exc:
        name, line = _template_position(exc, env)
        raise TemplateError(name, line, "模板嵌套过深（宏、include 或表达式递归）") from None
    except MemoryError:
        raise TemplateError(entry, None, "模板运行时内存不足") from None
    except TemplateError:
        raise
    except Exception as exc:  # template code is code from outside: its failure is its error
        name, line = _template_position(exc, env)
        message = f"模板运行出错（{type(exc).__name__}：{str(exc)[:200]}）"
        raise TemplateError(name, line, message) from None


def _render(env: jinja2.Environment, entry: str, names: dict[str, Any]) -> str:
    """The entry template rendered within one budget, its output bounded as it is written.

    Raises:
        LimitExceeded: the output grows past :data:`~perfgen.templating.limits.MAX_TEXT`.
    """
    with bounded(), imports():
        template = env.get_template(entry)
        parts: list[str] = []
        size = 0
        try:
            for part in template.root_render_func(template.new_context(names)):
                size += len(part)
                if size > MAX_TEXT:
                    raise LimitExceeded(f"模板生成的文字超过上限（{MAX_TEXT:,} 字符）")
                parts.append(part)
        except Exception:
            env.handle_exception()
    return "".join(parts)


def _security_message(message: str) -> str:
    """The sandbox's refusal in Chinese."""
    if match := re.search(r"attribute '([^']+)'", message):
        return f"模板访问了沙箱禁止的属性“{match[1]}”（模板只能读取数据，不能触及 Python 内部）"
    return f"模板做了沙箱禁止的操作（{message[:200]}）"


def _undefined_message(message: str) -> str:
    """Jinja's undefined-value message in Chinese: which field or variable is missing."""
    if match := re.search(r"has no attribute '([^']+)'", message):
        return f"引用了不存在的字段“{match[1]}”"
    if match := re.search(r"'([^']+)' is undefined", message):
        return f"引用了未定义的变量“{match[1]}”"
    return f"引用了不存在的值（{message}）"


def _template_position(exc: BaseException, env: jinja2.Environment) -> tuple[str, int | None]:
    """The innermost template frame of a rendering error: the template's name as templates
    name it (``sentences/income.md.jinja``) and its line."""
    tb = exc.__traceback__
    found: tuple[str, int | None] = ("?", None)
    searched = [Path(d) for d in getattr(env.loader, "searchpath", [])]
    while tb is not None:
        filename = Path(tb.tb_frame.f_code.co_filename)
        if filename.suffix == ".jinja":
            names = [filename.relative_to(d) for d in searched if filename.is_relative_to(d)]
            found = ((names[0] if names else filename).as_posix(), tb.tb_lineno)
        tb = tb.tb_next
    return found


_JINJA_SYNTAX = (
    (re.compile(r"No filter named '([^']*)'"), "没有名为“{0}”的过滤器"),
    (re.compile(r"No test named '([^']*)'"), "没有名为“{0}”的测试"),
    (
        re.compile(r"unknown tag '([^']*)'.*block that needs to be closed is '([^']*)'", re.S),
        "此处不能用标签“{0}”：还没有闭合的是 {1} 块（应先写 end{1}）",
    ),
    (re.compile(r"Encountered unknown tag '([^']*)'"), "不认识的标签“{0}”"),
    (re.compile(r"unexpected end of template.*expected '([^']*)'"), "模板意外结束：缺少 {0}"),
    (re.compile(r"unexpected end of template"), "模板意外结束：有没有闭合的 {{% %}} 或 {{{{ }}}}"),
    (re.compile(r"expected token '([^']*)', got '([^']*)'"), "此处应为“{0}”，实际为“{1}”"),
    (re.compile(r"unexpected '([^']*)'"), "此处不应出现“{0}”"),
)
"""Jinja's syntax errors in Chinese (its words are English): pattern → message."""


def syntax_message(message: str | None) -> str:
    """A Jinja syntax error as a template author reads it: “模板语法错误：没有名为“x”的过滤器”."""
    for pattern, said in _JINJA_SYNTAX:
        if match := pattern.search(message or ""):
            return f"模板语法错误：{said.format(*match.groups())}"
    return "模板语法错误：请检查 {{ }} 与 {% %} 是否成对，标签、过滤器和变量的名字是否写对"
