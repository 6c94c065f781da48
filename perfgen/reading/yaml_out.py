"""The imported report written as a YAML file for people: keys in the order of the outline, the
schema modeline at the top, a Chinese comment above every figure quoting its source sentence
(and how it was worked out), and a list at the top of what was not understood.

The text is checked before it is returned: a comment holds only characters a YAML comment can
(others, such as U+2028 or U+FFFF quoted from the source, are written as ``\\u2028``), and the
YAML is read back by perfgen's own loader and validated, so ``import`` never writes a file that
perfgen then refuses."""

from __future__ import annotations

import dataclasses
import io
import re
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from perfgen.errors import InputError
from perfgen.input.introspect import inner_model
from perfgen.input.loader import MAX_BYTES, load_text
from perfgen.input.model import Report
from perfgen.input.roundtrip import round_tripper
from perfgen.input.schema import SCHEMA_FILE
from perfgen.locations import FieldPath, Problem
from perfgen.placeholders import is_placeholder
from perfgen.reading.assemble import Imported


def yaml_text(imported: Imported, source: str) -> str:
    """The YAML file of an imported report.

    Args:
        imported: The report read back (:func:`perfgen.reading.assemble.assemble`).
        source: The name of the file it was read from, for the header.

    Returns:
        YAML text that validates and renders as it is.

    Raises:
        InputError: the YAML would be larger than the loader accepts, or perfgen's loader or
            validation refuses it (a defect of the writer: nothing is written).
    """
    document = _ordered(imported.data, Report, (), imported.notes)
    yaml = round_tripper("a: 1\n")
    out = io.StringIO()
    yaml.dump(document, out)
    text = _header(imported, source) + out.getvalue()
    _readable(text, source)
    return text


def _readable(text: str, source: str) -> None:
    """Refuse a YAML text that perfgen itself would not read back.

    Raises:
        InputError: too large, or refused by the loader or validation (a year left 【待填写】,
            which the report does not state, aside).
    """
    from perfgen.input.validation import validate

    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        message = (
            f"读入的内容写成 YAML 共 {size:,} 字节，超过数据文件的上限 {MAX_BYTES:,} 字节，"
            "perfgen 无法读取这样的文件，因此没有写出；请删去不属于报告的长段落后再读入"
        )
        raise InputError([Problem(source, 0, 0, "", message)])
    try:
        loaded = load_text(text, f"{source} 写成的 YAML")
        data = loaded.data
        if isinstance(data, dict) and is_placeholder(data.get("year")):
            # a year the report never states is left 【待填写】 for the clerk, on purpose: check
            # says so at its line; everything else must validate as it is
            loaded = dataclasses.replace(loaded, data={**data, "year": 2000})
        validate(loaded)
    except InputError as exc:
        message = "读入的内容写成 YAML 后 perfgen 自己无法读取，因此没有写出（请报告此缺陷）"
        raise InputError([Problem(source, 0, 0, "", message), *exc.problems]) from None


def _header(imported: Imported, source: str) -> str:
    lines = [
        f"# yaml-language-server: $schema=./{SCHEMA_FILE}",
        f"# 由 perfgen import 从 {_commented(source)} 读入。"
        "每个数字上方的注释写明它出自原文的哪一段、哪一句；",
        "# 由程序按原文推算的数字注明了算法。请逐项核对后再用 perfgen check / perfgen render。",
    ]
    if imported.missed:
        lines.append("#")
        lines.append(
            f"# 未能读入的内容（共 {len(imported.missed)} 处，原文已保留在叙述中，请核对）："
        )
        for block, what in imported.missed:
            lines.append(f"# - {_commented(block.where())}：{_commented(what)}")
    return "\n".join(lines) + "\n\n"


_NOT_IN_COMMENT = re.compile(
    "[^\x09\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""What a one-line YAML comment cannot hold: control characters, line breaks (U+0085, U+2028,
U+2029 end a comment), U+FFFE, U+FFFF and lone surrogates."""


def _commented(text: str) -> str:
    """``text`` for one line of a comment: what a comment cannot hold written as ``\\uXXXX``."""
    return _NOT_IN_COMMENT.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _ordered(
    value: Any,
    model: type[BaseModel] | None,
    path: FieldPath,
    notes: dict[FieldPath, tuple[str, str]],
    last: list[str] | None = None,
) -> Any:
    """``value`` as ruamel nodes, mapping keys in the model's field order, with the notes as
    comments above their keys or list items (a source quoted once for the fields that follow
    from the same sentence)."""
    last = last if last is not None else [""]
    if isinstance(value, dict):
        fields = list(model.model_fields) if model is not None else []
        keys = sorted(value, key=lambda k: fields.index(k) if k in fields else len(fields))
        node = CommentedMap()
        for key in keys:
            field = model.model_fields.get(key) if model is not None else None
            inner = inner_model(field.annotation) if field is not None else None
            comment = _comment(notes.get((*path, key)), last)
            node[key] = _ordered(value[key], inner, (*path, key), notes, last)
            if comment:
                node.yaml_set_comment_before_after_key(key, before=comment, indent=2 * len(path))
        return node
    if isinstance(value, list | tuple):
        seq = CommentedSeq()
        for n, item in enumerate(value):
            comment = _comment(notes.get((*path, n)), last)
            seq.append(_ordered(item, model, (*path, n), notes, last))
            if comment:
                seq.yaml_set_comment_before_after_key(n, before=comment, indent=2 * len(path))
        return seq
    return value


def _comment(note: tuple[str, str] | None, last: list[str]) -> str:
    """The comment of a field: its source (unless the field before quoted the same), and how
    it was worked out."""
    if note is None:
        return ""
    quote, worked = note
    lines = []
    if quote and quote != last[0]:
        lines.append(_commented(quote))
        last[0] = quote
    if worked:
        lines.append(_commented(f"推算：{worked}" if not worked.startswith("原文") else worked))
    return "\n".join(lines)
