"""A YAML file's syntax errors in Chinese, for a clerk: what PyYAML's (and ruamel.yaml's)
English means, and the typos a Chinese input method makes that break the file (a full-width
colon after a key, a full-width space in the indentation), at the character that is wrong."""

from __future__ import annotations

import re
from typing import Any

import yaml

from perfgen.locations import Problem

_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "此处不能出现“键: 值”：多半是上一行缩进不对，或文字中含“: ”需要加引号",
    ),
    ("could not find expected ':'", "找不到应有的冒号“:”：多半是缩进不一致，或键后漏了冒号"),
    (
        "cannot start any token",
        "含有不能开始一项内容的字符（如 Tab 缩进、@ 或 `）："
        "缩进请用空格，以特殊字符开头的文字请加引号",
    ),
    ("expected ',' or ']'", "方括号列表 [ ] 没有闭合，或两项之间缺少逗号"),
    ("expected ',' or '}'", "花括号映射 { } 没有闭合，或两项之间缺少逗号"),
    ("found undefined alias", "引用了未定义的别名（*名称 之前须有 &名称）"),
    ("found unexpected end of stream", "文件意外结束：引号或括号没有闭合"),
    ("expected <block end>", "缩进不一致：同一层的键必须对齐"),
    ("did not find expected key", "缩进不一致，或列表项与键混在同一层"),
    ("did not find expected '-' indicator", "列表的缩进不一致：同一列表的“- ”必须对齐"),
    ("found duplicate anchor", "锚点（&名称）重复定义"),
)


def syntax_problem(exc: Any, file: str) -> Problem:
    """The located Chinese message of a YAML syntax error, raised by PyYAML or by ruamel.yaml
    (whose errors carry the same marks and words).

    Args:
        exc: A ``MarkedYAMLError`` of either library.
        file: The file, as messages name it.
    """
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return Problem(file, line, col, "", _syntax_message(exc))


def _syntax_message(exc: Any) -> str:
    """A Chinese explanation of a PyYAML syntax error (PyYAML's own words are English, and a clerk
    needs none of them)."""
    detail = " ".join(part for part in (exc.context, exc.problem) if part)
    for needle, hint in _SYNTAX_HINTS:
        if needle in detail:
            return f"YAML 语法错误：{hint}"
    return "YAML 语法错误：此处的格式无法读取，请检查缩进、冒号、引号和括号"


_FULL_WIDTH_COLON = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"\[{][^:：#]*?)\s*：")
"""A key followed by a full-width colon (the commonest typo of a Chinese input method)."""


def typed_wrong(text: str, exc: Any, file: str) -> Problem | None:
    """The typo a Chinese input method makes that broke the YAML, at the character that is
    wrong: a full-width colon “：” after a key, or a full-width space “　” in the indentation, on
    the failing line or one before it. ``None`` when there is none (the syntax error stands).

    Args:
        text: The file's text.
        exc: PyYAML's syntax error.
        file: The file, as messages name it.
    """
    mark = exc.problem_mark or exc.context_mark
    last = mark.line if mark else text.count("\n")
    lines = text.split("\n")
    for n in range(min(last, len(lines) - 1), -1, -1):
        line = lines[n]
        indent = len(line) - len(line.lstrip(" \u3000"))
        if "\u3000" in line[:indent]:
            column = line.index("\u3000") + 1
            return Problem(file, n + 1, column, "", "行首有全角空格“　”：缩进请用半角空格")
        if match := _FULL_WIDTH_COLON.match(line):
            column = match.end()
            message = f"“{match[1]}”后面是全角冒号“：”，应为半角冒号“:”（冒号后加一个空格）"
            return Problem(file, n + 1, column, "", message)
        if n < last - 1:  # the typo is on the failing line or the one before it
            break
    return None


def tag_forms() -> dict[str, tuple[re.Pattern[str], str]]:
    """For each scalar tag PyYAML constructs from a pattern, the pattern of its implicit
    resolver (what a plain scalar of that type looks like) and what to say when a value tagged
    explicitly (``!!bool 5``) does not match it, before its constructor fails on it."""
    patterns: dict[str, re.Pattern[str]] = {}
    for resolvers in yaml.SafeLoader.yaml_implicit_resolvers.values():
        for tag, pattern in resolvers:
            patterns.setdefault(tag, pattern)
    said = {
        "tag:yaml.org,2002:int": "不是整数（标签 !!int）",
        "tag:yaml.org,2002:bool": "不是真假值（标签 !!bool 只接受 true 或 false）",
        "tag:yaml.org,2002:null": "不是空值（标签 !!null 只接受 null、~ 或不写）",
        "tag:yaml.org,2002:timestamp": "不是日期（标签 !!timestamp），请写成 2023-06-14 的形式",
    }
    return {tag: (patterns[tag], text) for tag, text in said.items()}
