"""Where things are, and how they are quoted in a message: the core types every stage shares.

A :data:`FieldPath` names a value of the input (``("basic_info", "finances", "income", "total")``,
written ``basic_info.finances.income.total`` by :func:`dotted`); a :class:`Source` is a loaded
input file with the line and column of every value (or, for a report read back, its page and
paragraph); a :class:`Problem` is one located message; :func:`visible` shows the characters a
one-line message or an XML document cannot hold.

This module is the bottom of the package: it imports nothing of perfgen, and everything may
import it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_NOT_XML_OR_LINE = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with the characters XML cannot hold (so neither Word, Excel nor HTML) shown as
    their visible symbols: U+0007 → ␇, U+007F → ␡, a lone surrogate or U+FFFE → �.

    Args:
        text: Any text.
        lines: Show tab, line feed and carriage return too (␉ ␊ ␍), for one-line messages.
    """

    pattern = _NOT_XML_OR_LINE if lines else _NOT_XML
    if type(text) is str and pattern.search(text) is None:  # nearly all: nothing to build
        return text
    return pattern.sub(_symbol, text)


def _symbol(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x20:
        return chr(0x2400 + code)
    return "␡" if code == 0x7F else "\ufffd"


Key = str | int
FieldPath = tuple[Key, ...]


@dataclass(frozen=True)
class Source:
    """A loaded input file.

    Attributes:
        file: The path as given by the user, for messages.
        data: Plain data: dicts, lists, str, int, Decimal, bool, None, datetime.date.
        positions: 1-based (line, column) of each value, keyed by its field path.
        key_positions: 1-based (line, column) of each mapping key, keyed by the key's path.
        shared_settings: The shared settings file merged into ``data``
            (:mod:`perfgen.input.shared_settings`), if any.
        encoding: How the file's text was encoded: ``utf-8``, or ``gb18030`` for a file saved as
            GBK (Windows Notepad's “ANSI”), which is read but best saved as UTF-8.
        places: For data read from a report rather than YAML (``perfgen audit``): where each
            value stands in the report, “第 3 页第 12 段”, keyed by its field path.
        document: For a report read back: its paragraphs as read, in order (page numbers and
            web-page chrome left out), for the rules on the document's form (headings, the
            contents list, dates); paragraph ``n`` stands at ``places[("document", n)]``.
        contents: The indexes in ``document`` of its contents list (目录), if it has one.
        left_out: The lines of a report read back that are not the report (web-page chrome,
            page numbers), with why: the publication date is among them.
        ends: For a report read back: where its last paragraph stands (a text copied from a web
            page or cut for an excerpt may stop there mid-sentence); "" for YAML.
    """

    file: str
    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    shared_settings: str | None = None
    places: dict[FieldPath, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    document: tuple[str, ...] = ()
    contents: tuple[int, ...] = ()
    left_out: tuple[tuple[str, str], ...] = ()
    ends: str = ""

    def where(self, path: FieldPath) -> str:
        """Where ``path`` (or its nearest ancestor) stands, in words for a message: “第 40 行”
        of the YAML, “第 12 段” of a report read back, or "" when unknown."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.places:
                return self.places[path[:end]]
        line, _ = self.locate(path)
        return f"第 {line} 行" if line else ""

    def locate(self, path: FieldPath) -> tuple[int, int]:
        """Return the position of ``path`` or of its nearest ancestor that has one.

        Args:
            path: Field path such as ``("finances", "income", "total")``.

        Returns:
            1-based ``(line, column)``; ``(0, 0)`` when nothing on the path is known.
        """
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (0, 0)

    def problem(self, path: FieldPath, message: str, *, at_key: bool = False) -> Problem:
        """Build a :class:`Problem` located at ``path`` (its key when ``at_key``) in this file."""
        if at_key and path in self.key_positions:
            line, column = self.key_positions[path]
        else:
            line, column = self.locate(path)
        return Problem(self.file, line, column, dotted(path), message)


def dotted(path: FieldPath) -> str:
    """Format a field path as ``a.b[2].c``."""
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


def undotted(text: str) -> FieldPath:
    """The field path :func:`dotted` formats: ``a.b[2].c`` → ("a", "b", 2, "c")."""
    return tuple(int(k) if k.isdigit() else k for k in re.split(r"[.\[\]]+", text) if k)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located for the clerk.

    Attributes:
        file: Path of the input file as the user named it.
        line: 1-based line number (or row, in a workbook), or 0 when unknown.
        column: 1-based column number, or 0 when unknown.
        path: Dotted field path such as ``finances.income.total`` ("" for the whole file), or
            ``sheet!cell`` in a workbook.
        message: Chinese explanation saying what was expected and what was found.
    """

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        """``file:line:column: path: message`` on one line (line breaks and control characters
        in quoted values shown as symbols)."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return visible(text, lines=True)


_UNWRITABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def unwritable(text: str) -> str | None:
    """Why ``text`` cannot be written as one line of a YAML file (a name, a value quoted in a
    comment), in Chinese; ``None`` when it can. Lone surrogates are bytes that were not UTF-8
    (a file name or an argument in another encoding); the others are control characters and
    line breaks."""
    found = _UNWRITABLE.search(text)
    if found is None:
        return None
    code = ord(found[0])
    if 0xD800 <= code <= 0xDFFF:
        return "含有不是 UTF-8 的字节（终端或文件名的编码不是 UTF-8？），请用 UTF-8 重新输入"
    return f"含有不能写入数据文件的字符 U+{code:04X}（控制字符或换行），请删除"


def shortened(text: str, limit: int) -> str:
    """``text`` as a message or a comment quotes it: whole when it has at most ``limit``
    characters, else its first ``limit - 1`` and “…”."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
