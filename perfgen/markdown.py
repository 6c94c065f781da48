"""Markdown text primitives: escaping clerk text, and official heading numbering.

User text is data (docs/architecture.md, invariants): everything a clerk typed is escaped so that
``#``, ``*``, ``|``, ``1. ``, ``<b>`` and the like appear literally in every output format.
"""

from __future__ import annotations

import re

from perfgen.locations import visible
from perfgen.narrative.numbering import unnumbered
from perfgen.placeholders import PATTERN as _PLACEHOLDER


class Md(str):
    """Markdown that is already safe: produced by perfgen's own filters, not by the clerk."""

    __slots__ = ()


_PUNCT = re.compile(r"([\\`*_\[\]{}<>&|~#!$^])")
_LINE_START = re.compile(r"^(\s*)(\d{1,9})([.)])(?=\s|$)|^(\s*)([-+=])(?=[\s\-+=]|$)")
_BREAK = re.compile(r"\s*\n\s*")
_TREATED = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff\\\\`*_\\[\\]{}<>&|~#!$^]")
"""Every character :func:`escape` does more with than strip: a control character (a line break,
a character :func:`~perfgen.locations.visible` shows), a lone surrogate or U+FFFE/U+FFFF, and
the Markdown punctuation of :data:`_PUNCT` — one search of the text for what most clerk text
has none of, rather than one for each."""


def _join_lines(match: re.Match[str]) -> str:
    before = match.string[match.start() - 1] if match.start() else ""
    after = match.string[match.end()] if match.end() < len(match.string) else ""
    return " " if before.isascii() and after.isascii() else ""


def escape(text: str) -> Md:
    """Escape clerk text for Markdown so it renders literally and stays inside its paragraph.

    Line breaks inside one value are joined (without a space between Chinese characters),
    control characters are shown as their visible symbols (U+0007 → ␇, since Word files
    cannot hold them), and Markdown punctuation is backslash-escaped. Placeholders
    (【待填写】, 【待更新】) become code spans, the one Markdown mark that clerk text can never
    produce (backticks are escaped): Markdown viewers show them set off, the HTML writer
    highlights ``<code>`` and the docx writer highlights the run. Emphasis would not do:
    ``**【待填写】**`` next to a Chinese character is not emphasis in CommonMark, because
    【 and 】 are punctuation.

    Args:
        text: Any text from the YAML.

    Returns:
        Markdown source that renders exactly ``text``.
    """
    # nearly every text has none of _TREATED: only its start can still need a mark
    text = text.strip() if _TREATED.search(text) is None else _treated(text)
    first = text[:1]  # a stripped text: the pattern can match only at a digit or one of -+=
    if (first.isdecimal() or first in "-+=") and (start := _LINE_START.match(text)):
        marked = f"{start[1]}{start[2]}\\{start[3]}" if start[2] else f"{start[4]}\\{start[5]}"
        text = marked + text[start.end() :]
    if "【" in text:  # both placeholders start with it
        text = _PLACEHOLDER.sub(lambda m: f"`{m[0]}`", text)
    return Md(text)


def _treated(text: str) -> str:
    """:func:`escape`'s work on a text with line breaks, control characters or Markdown
    punctuation (:data:`_TREATED`), before the start of the text is looked at."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = visible(text).strip()
    if "\n" in text:
        text = _BREAK.sub(_join_lines, text)
    if _PUNCT.search(text):  # most clerk text has none: no replacement built
        text = _PUNCT.sub(r"\\\1", text)
    return text


CN_DIGITS = "零一二三四五六七八九"
_PLACES = (("千", 1000), ("百", 100), ("十", 10), ("", 1))
_GROUPS = ("", "万", "亿", "万亿")


def chinese_number(n: int) -> str:
    """Write a whole number in Chinese numerals, as documents read it: 3 → 三, 10 → 十,
    12 → 十二, 101 → 一百零一, 110 → 一百一十, 10010 → 一万零一十, 123456 → 十二万三千四百五十六.

    One 零 stands for any run of zeros inside the number; a number beginning with 10–19 drops
    the 一 of 一十 (十五, 十万). Source: GB/T 15835-2011 §6.

    Raises:
        ValueError: ``n`` is negative or of 10¹⁶ or more.
    """
    if type(n) is int and n in _WRITTEN:
        return _WRITTEN[n]
    if not 0 <= n < 10**16:
        raise ValueError(f"chinese_number supports 0 to 10**16 - 1, got {n}")
    if type(n) is int and n < _KEPT:
        _WRITTEN[n] = written = _chinese_number(n)
        return written
    return _chinese_number(n)


_KEPT = 10_000
"""Numbers below this are written once per process and kept (heading numbers, ordinals)."""

_WRITTEN: dict[int, str] = {}


def _chinese_number(n: int) -> str:
    if n == 0:
        return CN_DIGITS[0]
    groups = [(n // 10 ** (4 * i)) % 10000 for i in range(len(_GROUPS))]
    out, gap = "", False
    for group, name in reversed(list(zip(groups, _GROUPS, strict=True))):
        if group == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or group < 1000):
            out += CN_DIGITS[0]
        out += _group(group) + name
        gap = False
    return out[1:] if out.startswith("一十") else out


def _group(n: int) -> str:
    """1–9999 in Chinese numerals, one 零 for a run of zeros inside: 1010 → 一千零一十."""
    out, gap = "", False
    for name, value in _PLACES:
        digit = n // value % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        out += (CN_DIGITS[0] if gap else "") + CN_DIGITS[digit] + name
        gap = False
    return out


_CIRCLED = [chr(c) for c in range(0x2460, 0x2474)]
_CIRCLED += [chr(c) for c in range(0x3251, 0x3260)] + [chr(c) for c in range(0x32B1, 0x32C0)]
"""① to ㊿: the numbers of level 5."""


def heading_number(level: int, n: int) -> str:
    """The official number of the ``n``-th heading at outline ``level`` (1-based).

    Level 1 一、, level 2 （一）, level 3 1., level 4 （1）, level 5 ① (to ㊿, then 51)); deeper
    levels are not numbered.
    Source: docs/domain.md §4 ("Headings: 一、 → （一） → 1. → （1）").
    """
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    if level == 5:
        return _CIRCLED[n - 1] if n <= len(_CIRCLED) else f"{n})"
    return ""


_HEADING = re.compile(r"^(#{2,6})(@?) (.*)$")
_ITEM = re.compile(r"^\d{1,9}\. (.*)$")
_CONTINUATION = re.compile(r"^ {3}(\S.*)$")


_SECTION = re.compile(r"^(#{2,6}) ")
_SUBSECTION = 3
"""``###``: the sections of the outline (（一）部门职能 …), the only headings left out when empty:
a part (``##``) is printed even when empty, the outline needs all four; a deeper heading is a
clerk's item (任务一：…), its title its content."""


def without_empty_sections(markdown: str, fill: str | None = None) -> str:
    """Leave out each section heading of the outline (``###``, :data:`_SUBSECTION`) with nothing
    under it, so that an unwritten section never prints its heading alone; or, with ``fill`` (a
    draft), keep it and put ``fill`` (the highlighted 【待填写】) under it. Run before
    :func:`number_outline`, so numbers never skip. A deeper heading counts as content; what
    follows a ``---`` (the signature) is nobody's content.
    """
    lines = markdown.split("\n")
    end = next((n for n, line in enumerate(lines) if line.strip() == "---"), len(lines))
    body, tail = lines[:end], lines[end:]
    levels = [len(m[1]) if line[:2] == "##" and (m := _SECTION.match(line)) else 0 for line in body]
    levels = [0 if level > _SUBSECTION else level for level in levels]  # items: content
    filled = [False] * len(body)  # whether a heading's section holds content
    below = [False] * 7  # content seen below, per level, scanning upwards
    for n in range(len(body) - 1, -1, -1):
        level = levels[n]
        if not level:
            if body[n].strip():
                below = [True] * 7
            continue
        filled[n] = below[level]
        below[level:] = [False] * (7 - level)
        if filled[n]:
            below[:level] = [True] * level
    out: list[str] = []
    skip_blank = False
    for n, line in enumerate(body):
        if skip_blank and not line.strip():
            skip_blank = False
            continue
        skip_blank = False
        if not levels[n] or filled[n] or levels[n] != _SUBSECTION:
            out.append(line)
        elif fill is None:
            skip_blank = True  # the heading's blank line goes with it
        else:
            following = next((m for m in range(n + 1, len(body)) if body[m].strip()), len(body))
            deeper = following < len(body) and levels[following] > levels[n]
            out += [line] if deeper else [line, "", fill]  # the subsections take the fill
    return "\n".join(out + tail)


def number_outline(markdown: str) -> str:
    """Write every heading number and numbered-paragraph number, by position and level.

    ``##`` is outline level 1 (一、), ``###`` level 2 (（一）), and so on; counters of deeper
    levels restart after each heading, so the numbering never skips when a section is absent.
    A numbered paragraph (a template line ``1. text``, continued by lines indented three spaces)
    takes the number of the level below the heading it stands under: under ``### （一）…`` it
    reads ``1.text``, under ``#### 1.…`` it reads ``（1）text``. The numbers are written into
    the text, so the Markdown file, the HTML and the Word file all read the same, and the
    Markdown has no list left for a renderer to number its own way. A run-in heading (a line
    ``####@ 人大会议：text``, its title perhaps in ``**``) is numbered as a heading of its depth
    and becomes the paragraph ``1.人大会议：text``. Clerk text never starts a line with ``1. ``
    or ``#``: :func:`escape` escapes it. The number a clerk typed before the items of a list
    (“1.负责…”, “2.负责…”) is dropped, so each is numbered once
    (:func:`perfgen.narrative.numbering.unnumbered`).
    Source: docs/domain.md §4 ("Headings: 一、 → （一） → 1. → （1）").
    """
    counters = [0] * 6
    depth, item = 1, 0
    out: list[str] = []
    runs: list[list[tuple[int, str, str]]] = [[]]  # numbered items: (line, number, text)
    for line in markdown.split("\n"):
        first = line[:1]  # each pattern is anchored: the first character tells which may match
        if first == "#" and (match := _HEADING.match(line)):
            depth = len(match[1])
            counters[depth - 2] += 1
            counters[depth - 1 :] = [0] * (6 - depth + 1)
            number = heading_number(depth - 1, counters[depth - 2])
            if match[2]:  # a run-in heading: a paragraph that starts with the heading's number
                bold = "**" if match[3].startswith("**") else ""
                line = f"{bold}{number}{match[3].removeprefix(bold)}"
            else:
                line = f"{match[1]} {number}{match[3]}"
            runs.append([])
            item = 0
        elif first.isdigit() and (match := _ITEM.match(line)):
            item += 1
            runs[-1].append((len(out), heading_number(depth, item), match[1]))
            line = f"{heading_number(depth, item)}{match[1]}"
        elif first == " " and (match := _CONTINUATION.match(line)):
            line = match[1]
        elif line.strip():
            runs.append([])
            item = 0
        out.append(line)
    for run in filter(None, runs):  # a typed number before an item goes: perfgen numbers it
        for (at, number, _typed), kept in zip(run, unnumbered([t for _, _, t in run]), strict=True):
            out[at] = f"{number}{kept}"
    return "\n".join(out)
