"""Paired punctuation left open or closed with the wrong mark, and a number left at the end of
a heading: slips of typing or of copying a PDF that a reviewer sees at once in print.

- A document number (发文字号, GB/T 9704-2012 §7.2.4: 机关代字 + 〔年份〕 + 序号 + 号) whose year
  bracket is not closed (“内财监〔20191343号”) or closed with another bracket (“〔2019]”,
  “【2019〕”).
- In one paragraph, a bracket （ ）, a title mark 《 》 or a quotation mark “ ” that closes
  without having opened, or (brackets and title marks only) opens and never closes. A
  quotation may run over several paragraphs, so an unclosed “ is never reported; a closing
  bracket after an item's number at the start of a paragraph or of a sentence (“1)”, “二）”)
  is a label, not a bracket.
- A heading that ends in a bare number after a word that ends a title (“(三)预算资金情况9”):
  a page number left from a contents list or from the foot of a PDF page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_OPEN_OF = {"〔": "〔", "﹝": "〔", "[": "[", "［": "[", "【": "【", "（": "（", "(": "（"}
"""Each opening bracket of a document number, by the family it belongs to (full and half
width, and 〔 / ﹝, which print alike, are one family)."""

_CLOSE_OF = {"〕": "〔", "﹞": "〔", "]": "[", "］": "[", "】": "【", "）": "（", ")": "（"}

_DOC_NUMBER = re.compile(
    r"(?P<agency>[\u4e00-\u9fff]{2,8})(?P<open>[〔﹝\[［【（(])\s*(?P<year>(?:19|20)\d{2})"
    r"\s*(?P<close>[〕﹞\]］】）)]?)\s*(?P<serial>\d{1,5})\s*号"
)
"""A document number: the issuing body's short name, the year in brackets, the serial, 号."""
_YEAR_AND_SERIAL = re.compile(r"[〔﹝\[［【（(]\s*(?:19|20)\d{2}\s*[〕﹞\]］】）)]?\s*\d{1,5}\s*号")
"""A document number without its issuing body: found by its first character (a bracket), so
that a text without one is passed over at once, rather than tried at every Chinese character
as :data:`_DOC_NUMBER` is."""
_AGENCY_LONGEST = 8
"""The longest issuing body :data:`_DOC_NUMBER` reads, in characters."""


def document_numbers(text: str) -> Iterator[tuple[str, str]]:
    """Each document number of ``text`` whose year bracket is left open or closed with
    another bracket: (the number as written, what is wrong, in Chinese).

    A number in round brackets throughout (“（2019）12号”) is an old but balanced form and is
    not reported; a round bracket left open before a year (“（2019001号）”) is a serial in
    brackets, not a document number, nor is a bracket closed after 号 (“[2019001号]”).
    """
    if "号" not in text:  # a string search passes over a text without one quicker still
        return
    first = _YEAR_AND_SERIAL.search(text)
    if first is None:
        return  # no document number can be written without its bracketed year and serial
    for match in _DOC_NUMBER.finditer(text, max(0, first.start() - _AGENCY_LONGEST)):
        opened, close = _OPEN_OF[match["open"]], match["close"]
        written = match[0]
        if not close:
            after = text[match.end() : match.end() + 1]
            if opened != "（" and _CLOSE_OF.get(after) != opened:  # not “[2019001号]”
                yield written, f"年份前的“{match['open']}”没有对应的后括号"
        elif _CLOSE_OF[close] != opened:
            yield written, f"年份用“{match['open']}”开头、“{close}”结尾，括号不成对"


@dataclass(frozen=True)
class Unpaired:
    """A paired mark left alone in a paragraph.

    Attributes:
        mark: The mark as written (“）”, “《”).
        words: The words around it, to quote (about 20 characters).
        closing: Whether it closes without having opened (else it opens and never closes).
    """

    mark: str
    words: str
    closing: bool


_PAIRS = {"（": "）", "(": ")", "《": "》", "“": "”"}
_CLOSERS = {"）": "（", ")": "（", "》": "《", "”": "“"}
_FAMILY = {"（": "（", "(": "（", "《": "《", "“": "“"}

_LABEL = re.compile(
    r"(?:^|(?<=[。；;：:！？!?，,、\s]))\s*(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})$"
)
"""An item's number right before a closing bracket, at the start of the paragraph or of a
sentence: “1)”, “a）”, “二）” label an item, they close nothing."""
_LABEL_REACH = 4
"""How far before a closing bracket :data:`_LABEL` can start to match: its number is at most
three characters, and ``$`` may stand before a last newline (its lookbehind and ``^`` see the
text before the search starts, so the search is as on the whole text before the bracket)."""

_MARK = re.compile("[（(《“）)》”]")
"""Every mark :func:`unpaired` pairs, found at once rather than character by character."""


def unpaired(text: str) -> list[Unpaired]:
    """The brackets （ ）, title marks 《 》 and quotation marks “ ” of one paragraph left
    unpaired: every mark that closes what is not open, then every mark still open at the end.
    Half-width ( ) pair with full-width ones (a mix is common and harmless). A paragraph with
    no “ and an even number of ” has its quotes set all alike (”南沙区”, as some fonts and
    PDF extractions give them): its quotes are not read. Whether an open mark goes on in the
    next paragraph is the caller's to judge (:func:`across`).

    A paragraph whose marks, read alone, close one by one what was opened right before them
    (“（…《…》…）”, as nearly every paragraph's do) has none unpaired: it is told so without
    reading where each mark stands."""
    marks = _MARK.findall(text)
    if not marks:
        return []
    alike = "“" not in text and text.count("”") % 2 == 0
    if _nested("".join(marks).replace("”", "") if alike else "".join(marks)):
        return []
    return _read(text, alike)


def _read(text: str, alike: bool) -> list[Unpaired]:
    """:func:`unpaired` read mark by mark (``alike``: the paragraph's quotes are not read)."""
    stacks: dict[str, list[int]] = {"（": [], "《": [], "“": []}
    found: list[Unpaired] = []
    for mark in _MARK.finditer(text):
        char, n = mark[0], mark.start()
        if alike and char == "”":
            continue
        if char in _PAIRS:
            stacks[_FAMILY[char]].append(n)
        else:
            family = _CLOSERS[char]
            if stacks[family]:
                stacks[family].pop()
            elif not (family == "（" and _LABEL.search(text, max(0, n - _LABEL_REACH), n)):
                found.append(Unpaired(char, _around(text, n), closing=True))
    for family in ("（", "《", "“"):
        for n in stacks[family]:
            found.append(Unpaired(text[n], _around(text, n), closing=False))
    return found


_ADJACENT = ("（）", "（)", "()", "(）", "《》", "“”")
"""A mark that opens right before one that closes the same pair."""


def _nested(marks: str) -> bool:
    """Whether ``marks`` (the marks of a paragraph, in order) is nothing but pairs each closed
    before another opens or inside it: taking out the pairs that stand side by side, again
    until none is left, leaves nothing. Then each closing mark has its own opening one before
    it, and no mark is left open."""
    while marks:
        shorter = marks
        for pair in _ADJACENT:
            shorter = shorter.replace(pair, "")
        if len(shorter) == len(marks):
            return False
        marks = shorter
    return True


def family(mark: str) -> str:
    """The opening mark of the pair ``mark`` belongs to: “（” for ( ) （ ）, “《”, ““”."""
    return _FAMILY.get(mark) or _CLOSERS[mark]


def across(paragraphs: Sequence[Sequence[Unpaired]]) -> Iterator[tuple[int, Unpaired]]:
    """The unpaired marks of consecutive paragraphs (each as :func:`unpaired` gives them)
    that stay unpaired across paragraphs: (index, mark).

    A quotation may run over paragraphs (a long quotation, or a paragraph the reader split at a
    page break): an open “ is never reported, and a ” that closes nothing is paired with any
    “ left open before it. A （ or 《 left open at the end of a paragraph is paired (a paragraph
    split) by a closing mark of the same pair in the next paragraph, else reported."""
    quotes = 0
    held: list[tuple[int, Unpaired]] = []
    for n, marks in enumerate(paragraphs):
        if not marks and not held:
            continue  # (most paragraphs: nothing to pair, nothing held from the one before)
        closing = [m for m in marks if m.closing]
        for mark in closing:
            kind = family(mark.mark)
            if kind == "“" and quotes:
                quotes -= 1
            elif kind != "“" and any(family(h.mark) == kind for _, h in held):
                i = next(i for i, (_, h) in enumerate(held) if family(h.mark) == kind)
                del held[i]
            else:
                yield n, mark
        yield from held
        held = []
        for mark in marks:
            if not mark.closing and family(mark.mark) == "“":
                quotes += 1
            elif not mark.closing:
                held.append((n, mark))
    yield from held


def _around(text: str, n: int) -> str:
    """The words around ``text[n]`` as written, to quote: from the start of its clause (at
    most twelve characters before) to eight characters after; no ellipsis added, so that the
    quote is found in the text as it stands."""
    clause = max(text.rfind(c, 0, n) for c in "。，；：,;:") + 1
    return text[max(0, n - 12, clause) : n + 9].strip()


_TITLE_END = (
    "情况|概况|概述|分析|评价|结论|问题|建议|措施|职能|设置|依据|目的|方法|原则|体系|等级"
    "|原因|成效|效益|简述|说明|基本信息|主要内容"
)
_STRAY = re.compile(rf"(?:{_TITLE_END})(?P<number>\d{{1,3}})\s*$")
"""A title's last word followed by one to three digits and nothing else."""


def stray_number(heading: str) -> str | None:
    """The number a heading ends with when it cannot belong to the title: digits right after
    a word that ends a title (情况, 分析, 评价 …), with no unit, no “第”, and not a year (a
    year has four digits). ``None`` when the heading ends otherwise (“附件1”, “指标3”,
    “2022年度”)."""
    match = _STRAY.search(heading)
    return match["number"] if match else None
