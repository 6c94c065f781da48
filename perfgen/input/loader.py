"""Load a YAML input file into plain data plus the source position of every node.

Only safe YAML is accepted: standard tags, no duplicate keys, bounded alias expansion.
Numbers that YAML would read as floats become :class:`decimal.Decimal` from their source
text, so ``2514.62`` is exactly 2514.62 (docs/domain.md §4).

Over 300 lines because reading YAML safely is one job here — the bounds checked before the
work they bound, the Decimal constructor, duplicate keys, merge keys, and the positions every
message needs — and :class:`Source` with its field-path helpers is what every stage receives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from perfgen.errors import InputError
from perfgen.files import read_bytes
from perfgen.input.libyaml import FAST_LOADER
from perfgen.input.yaml_messages import syntax_problem, tag_forms, typed_wrong
from perfgen.locations import FieldPath, Problem, Source, dotted, shortened

MAX_BYTES = 1_000_000
"""Largest input file accepted, in bytes (a real report's YAML is about 30 KB)."""

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted (a report needs fewer than 10 levels)."""

MAX_NODES = 100_000
"""Most nodes constructed, counting each alias expansion again ("billion laughs" guard)."""

_FAST: Any = FAST_LOADER
"""libyaml's safe loader when PyYAML has it (its wheels do), its tags resolved with less Python
work (:mod:`perfgen.input.libyaml`): the same nodes and marks, about 15× faster than the
pure-Python one. Its composer recurses in C, so nesting is bounded on its
(iterative) event parser before it composes; its error messages are less precise, so a file it
refuses is parsed again by the pure-Python loader to explain the error."""

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


def load_file(path: str | Path) -> Source:
    """Read and parse a YAML input file.

    Args:
        path: The input file.

    Returns:
        The file's plain data with positions.

    Raises:
        InputError: the file is missing, too large, neither UTF-8 nor GBK (:func:`decode`), not
            valid YAML, or unsafe.
    """
    name = str(path)
    text, encoding = decode(read_bytes(path, MAX_BYTES, "YAML 文件"), name)
    source = load_text(text, name)
    return dataclasses.replace(source, encoding=encoding) if encoding != "utf-8" else source


_LINE_BREAKS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
"""Line breaks of YAML 1.1 that YAML 1.2 does not have: PyYAML (check, render) ends a line at
them and ruamel.yaml (rollover) does not, so both are given an ordinary line break."""


def _one_line_break(text: str) -> str:
    """``text`` with NEL, LS and PS made ordinary line breaks (:data:`_LINE_BREAKS`); a text
    without them (nearly every file) is not copied."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return text.translate(_LINE_BREAKS)
    return text


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """The text of a YAML file and its encoding: UTF-8 (with or without a byte-order mark), else
    GB18030 — what Windows Notepad saves as “ANSI” on a Chinese system, and what a clerk's
    editor may keep; NEL, LS and PS become ordinary line breaks (:data:`_LINE_BREAKS`). Every
    command reads a file through here, so they all agree on it.

    Raises:
        InputError: the file is neither, at the first byte that is not UTF-8.
    """
    try:
        return _one_line_break(raw.decode("utf-8-sig")), "utf-8"
    except UnicodeDecodeError as exc:
        try:
            return _one_line_break(raw.decode("gb18030")), "gb18030"
        except UnicodeDecodeError:
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - raw.rfind(b"\n", 0, exc.start)
            msg = "文件既不是 UTF-8 也不是 GBK 编码，请在编辑器中另存为 UTF-8 后重试"
            raise InputError([Problem(name, line, column, "", msg)]) from None


def load_text(text: str, file: str = "<输入>") -> Source:
    """Parse YAML text; see :func:`load_file`.

    Raises:
        InputError: invalid or unsafe YAML, or a top level that is not a mapping.
    """
    try:
        root = _compose(text, file)
    except yaml.MarkedYAMLError as exc:
        raise InputError([typed_wrong(text, exc, file) or syntax_problem(exc, file)]) from None
    except RecursionError:
        msg = f"嵌套层数过深（超过 {MAX_DEPTH} 层），不是报告数据文件"
        raise InputError([Problem(file, 0, 0, "", msg)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = f"#x{exc.character:04x}" if isinstance(exc.character, int) else "?"
        msg = f"含有 YAML 不允许的控制字符 {code}；请删除，或在双引号字符串中用转义写法"
        raise InputError([Problem(file, line, col, "", msg)]) from None
    if root is None:
        raise InputError([Problem(file, 0, 0, "", "文件为空，没有任何内容")])
    if not isinstance(root, MappingNode):
        line, col = root.start_mark.line + 1, root.start_mark.column + 1
        msg = "文件的顶层应为“键: 值”形式的映射（如 unit:、year:），实际不是"
        raise InputError([Problem(file, line, col, "", msg)])
    builder = _Builder(file, escaped="\\" in text)
    data = builder.build(root, ())
    if builder.problems:
        raise InputError(builder.problems)
    return Source(file, data, builder.positions, builder.key_positions)


def _compose(text: str, file: str) -> Node | None:
    """The file's node tree: by libyaml when the file is well formed and not nested too deep,
    else by the pure-Python parser, whose exceptions locate the error precisely.

    Raises:
        InputError: nesting deeper than :data:`MAX_DEPTH`.
        yaml.YAMLError: the file is not valid YAML.
    """
    if _FAST is not None and "\t" not in text:
        # libyaml accepts tabs that PyYAML's and ruamel.yaml's scanners refuse (a tab inside a
        # plain scalar): such a file is read by the pure-Python parser, so that check, render,
        # serve and rollover (ruamel) accept and refuse the same files.
        try:
            if not _shallow(text):
                _bound_depth(text, file)
            return yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


_LEADING = " ?:-"
"""What may stand at the start of a line before a block collection: spaces and the block
indicators ``-``, ``?`` and ``:``."""


def _shallow(text: str) -> bool:
    """Whether ``text`` cannot nest deeper than :data:`MAX_DEPTH`, seen without parsing it.

    A block collection starts on its line after nothing but spaces and block indicators (its
    properties, if any, stand on the line before), so its column is at most the longest such
    start of a line, ``widest``. Down a chain of nested block collections the column never falls
    and rises at least every second step (only a sequence may stand at its mapping's column),
    so at most ``2 * (widest + 1)`` block collections nest; the flow collections inside them
    each need a ``[`` or ``{`` of their own. A file for which this bound is too high (or that
    breaks lines with a bare carriage return) has its depth counted on libyaml's events
    (:func:`_bound_depth`), as every file was before this shortcut.
    """
    if "\r" in text:
        return False
    flows = text.count("[") + text.count("{")
    if flows > MAX_DEPTH:
        return False
    # 2 * (widest + 1) + flows <= MAX_DEPTH, i.e. no line starts with ``room`` characters of
    # _LEADING: one search for the line break before such a start, not a look at every line.
    room = (MAX_DEPTH - flows) // 2
    if room == 0:
        return False
    first = len(text) - len(text.lstrip(_LEADING))
    return first < room and re.search(f"\n[{_LEADING}]{{{room}}}", text) is None


def _bound_depth(text: str, file: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` before anything recurses over it.

    Raises:
        InputError: at the first collection that is too deep.
    """
    depth = -1  # the top-level mapping is at depth 0, as its field path is ()
    for event in yaml.parse(text, Loader=_FAST):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                message = f"嵌套层数过深（超过 {MAX_DEPTH} 层），不是报告数据文件"
                raise InputError([Problem(file, line, column, "", message)])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


_TAG_FORMS = tag_forms()
_MERGE = "tag:yaml.org,2002:merge"
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions and problems.

    Every node built counts against :data:`MAX_NODES`, including each expansion of an alias
    and of a merge key (``<<: *anchor``), so neither can multiply a small file into a huge one.
    """

    def __init__(self, file: str, escaped: bool = True) -> None:
        self.file = file
        # A lone surrogate reaches a scalar only through an escape (\ud800): one in the text
        # itself is refused before it is composed (ReaderError, or UnicodeEncodeError from
        # libyaml's reader). A text without a backslash needs no scalar searched for one.
        self.escaped = escaped
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.key_positions: dict[FieldPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.merging: set[int] = set()
        self.constructor = SafeConstructor()

    def fail(self, node: Node, path: FieldPath, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, dotted(path), message)
        )

    def _counted(self, node: Node, path: FieldPath) -> None:
        self.count += 1
        self._bound(node, path)

    def _bound(self, node: Node, path: FieldPath) -> None:
        """Refuse a node past :data:`MAX_NODES` or deeper than :data:`MAX_DEPTH`."""
        if self.count > MAX_NODES:
            message = (
                f"内容展开后超过 {MAX_NODES} 个节点，疑似别名（&/*）或合并键（<<）嵌套炸弹，已拒绝"
            )
            self.fail(node, (), message)
            raise InputError(self.problems)
        if len(path) > MAX_DEPTH:
            self.fail(node, (), f"嵌套层数过深（超过 {MAX_DEPTH} 层），不是报告数据文件")
            raise InputError(self.problems)

    def build(self, node: Node, path: FieldPath) -> Any:
        self.count += 1  # _counted, inline: this runs for every node
        if self.count > MAX_NODES or len(path) > MAX_DEPTH:
            self._bound(node, path)
        mark = node.start_mark
        self.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(node, ScalarNode):
            if node.tag == _STR and not self.escaped:  # most scalars: plain text
                return node.value
            return self._scalar(node, path)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        assert isinstance(node, SequenceNode)
        if node.tag != "tag:yaml.org,2002:seq":
            self.fail(node, path, f"不支持的 YAML 标签 {node.tag}，只接受普通文字、数字和日期")
        return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        """A mapping: its own keys first (a key twice is an error), then the keys its merge
        keys bring in that it does not have itself (YAML's ``<<``; the first source wins)."""
        if node.tag != "tag:yaml.org,2002:map":
            self.fail(node, path, f"不支持的 YAML 标签 {node.tag}，只接受普通文字、数字和日期")
        out: dict[str, Any] = {}
        merges = []
        escaped, key_positions, positions = self.escaped, self.key_positions, self.positions
        for key_node, value_node in node.value:
            tag = key_node.tag
            if tag == _STR and not escaped and isinstance(key_node, ScalarNode):
                key = key_node.value  # most keys: plain text (as _scalar would say)
            elif tag == _MERGE:
                merges.append(value_node)
                continue
            else:
                key = self._scalar(key_node, path) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.fail(key_node, path, "键必须是文字，例如 total:")
                continue
            if key in out:
                first = key_positions.get((*path, key), (0, 0))
                self.fail(
                    key_node, (*path, key), f"键重复（第 {first[0]} 行已出现），请删除其中一个"
                )
                continue
            mark, child = key_node.start_mark, (*path, key)
            key_positions.setdefault(child, (mark.line + 1, mark.column + 1))
            if (
                value_node.tag == _STR
                and not escaped
                and isinstance(value_node, ScalarNode)
                and self.count < MAX_NODES
                and len(child) <= MAX_DEPTH
            ):  # build, inline for the commonest node: a plain text within the bounds
                self.count += 1
                mark = value_node.start_mark
                positions.setdefault(child, (mark.line + 1, mark.column + 1))
                out[key] = value_node.value
            else:
                out[key] = self.build(value_node, child)
        for value_node in merges:
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                self._merge(source, path, out)
        return out

    def _merge(self, source: Node, path: FieldPath, into: dict[str, Any]) -> None:
        if not isinstance(source, MappingNode):
            message = "合并键“<<”的值应为映射或映射的列表（如 <<: *锚点），实际不是"
            self.fail(source, path, message)
            return
        if id(source) in self.merging:
            self.fail(source, path, "合并键“<<”引用了正在合并的映射自身（循环引用）")
            return
        self._counted(source, path)
        self.merging.add(id(source))
        try:
            merged = self._mapping(source, path)
        finally:
            self.merging.discard(id(source))
        for key, value in merged.items():
            into.setdefault(key, value)

    def _scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        tag = node.tag
        if tag == _STR and not (self.escaped and _SURROGATE.search(node.value)):
            return node.value
        if tag not in _SCALAR_TAGS:
            self.fail(node, path, f"不支持的 YAML 标签 {tag}，只接受普通文字、数字和日期")
            return None
        if tag == "tag:yaml.org,2002:float":
            return self._decimal(node, path)
        if tag in _TAG_FORMS and not _TAG_FORMS[tag][0].match(node.value):
            self.fail(node, path, f"“{_short(node.value)}”{_TAG_FORMS[tag][1]}")
            return None
        try:
            if tag == "tag:yaml.org,2002:timestamp":
                value = self.constructor.construct_yaml_timestamp(node)
                return value.date() if isinstance(value, dt.datetime) else value
            if tag == "tag:yaml.org,2002:int":
                return self.constructor.construct_yaml_int(node)
        except (ValueError, OverflowError, LookupError, AttributeError):
            kind = "日期" if tag.endswith("timestamp") else "整数"
            hint = (
                "不存在，请写实际的日期，如 2023-06-14"
                if kind == "日期"
                else "无法读取（位数过多）"
            )
            self.fail(node, path, f"{kind}“{_short(node.value)}”{hint}")
            return None
        constructors = {
            "tag:yaml.org,2002:bool": self.constructor.construct_yaml_bool,
            "tag:yaml.org,2002:null": self.constructor.construct_yaml_null,
        }
        if tag in constructors:
            return constructors[tag](node)
        if match := _SURROGATE.search(node.value):
            code = f"U+{ord(match[0]):04X}"
            self.fail(node, path, f"含有不成对的代理字符 {code}，无法保存为 UTF-8；请删除该转义")
            return None
        return node.value

    def _decimal(self, node: ScalarNode, path: FieldPath) -> Decimal | None:
        text = node.value.replace("_", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.fail(node, path, f"数字“{_short(node.value)}”无法作为金额或比率读取")
            return None
        return value


def _short(text: str) -> str:
    """A value quoted in a message: at most 40 characters."""
    return shortened(text, 38)
