"""The front of a published report: its title, unit and year, a cover, and what precedes part 一.

The title is read by a grammar, not matched against one wording: a year (“2023年度”), a unit
(what ends in an organisation's word: 局 厅 委员会 办公室 馆 园 中心 …) and the report's kind
(部门/单位/机关 + 整体支出 / 预算 + 绩效 + 自评/评价 + 报告/表, in any of the ways published),
the year before or after the unit, the title on one line or wrapped over two, printed once or
twice (a web page's title, then the document's). A cover (部门（单位）名称：…, 预算编码, 评价方式,
报告日期) names the unit more fully than a title such as “岳阳楼区2021年度部门整体支出…” and
wins over it; a unit named nowhere else may be named in the first sentence (“…对南县财政局2020
年度机关整体支出开展了绩效评价”). Short lines before the title are the web page's section names.

What it cannot see: a unit named only by a pronoun (我厅) or only in the page chrome is not
taken, except to complete a title's abridged name (林业局 → 零陵区林业局 when the page says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfgen.reading.chrome import PUBLISHER
from perfgen.reading.source import Block

_YEAR = r"(?P<year>(?:19|20)\d\d)\s*年度?"
_KIND_START = re.compile(
    r"(?:[(（]?(?:部门|单位|机关)[)）]?)?(?:[(（](?:单位|部门)[)）])?(?:预算)?整体|预算绩效|绩效(?:自评|评价)"
    r"|部门预算绩效|部门整体|单位整体|机关整体"
)
_TITLE_END = re.compile(r"(?:报告|自评表|绩效评价表)(?:提纲)?$")
_UNIT_END = re.compile(
    r"(?:局|厅|委员会|委|办公室|办|馆|院|校|学|园|中心|站|所|队|会|部|处|署|政府|镇|乡|街道|室"
    r"|社|团|台|宫|场|集团|公司|医院|小学|中学|大学|幼儿园|法院|检察院|监狱|协会|联合会|科)$"
)
_GENERIC = re.compile(r"^(?:市直|省直|区直|县直|本级|本部门|本单位|我单位|部门|单位)$")
_COVER = re.compile(
    r"^(?P<label>部门\s*[(（]\s*单位\s*[)）]\s*名称|单位名称|部门名称|自评单位|评价单位|填报单位|预\s*算\s*编\s*码"
    r"|评价方式|评价机构|报告日期|自评时间|填报日期|填报人|联系人|联系电话|评价人员)"
    r"\s*(?:[(（]盖章[)）])?\s*[:：]\s*(?P<value>.*)$"
)
_UNIT_LABELS = ("名称", "自评单位", "评价单位", "填报单位")
_FIRST_SENTENCE = re.compile(
    r"(?:对|就)?(?P<unit>[\u4e00-\u9fff]{2,30}?)(?:[(（]以下简称[^)）]{0,20}[)）])?"
    r"(?:对)?" + _YEAR + r"(?:部门|单位|机关)?(?:预算)?整体支出"
)
_YEAR_PHRASE = re.compile(_YEAR + r"(?:部门|单位|机关)?(?:预算)?(?:整体支出|部门预算绩效|绩效自评)")


@dataclass
class Front:
    """What precedes part 一.

    Attributes:
        title: The report's title as printed (joined when wrapped), ``""`` when there is none.
        title_blocks: The blocks of the title and of its repetitions.
        unit: The unit's name, when stated; ``None`` otherwise.
        unit_block: The block it was read from.
        year: The year evaluated, when stated.
        cover: The cover's lines (单位名称, 预算编码, 评价方式 …), by label.
        cover_blocks: Their blocks.
        preamble: The other blocks (a preamble, an abstract, a contents note), in order.
        left_out: Short lines before the title (a web page's section names), with why.
    """

    title: str = ""
    title_blocks: list[Block] = field(default_factory=list)
    unit: str | None = None
    unit_block: Block | None = None
    year: int | None = None
    cover: dict[str, str] = field(default_factory=dict)
    cover_blocks: list[Block] = field(default_factory=list)
    preamble: list[Block] = field(default_factory=list)
    left_out: list[tuple[Block, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Title:
    """A title read by the grammar: its unit (``None`` when it names none) and year."""

    unit: str | None
    year: int | None


def parse_title(text: str) -> Title | None:
    """The unit and year of a report title, or ``None`` when ``text`` is not a title.

    >>> parse_title("2022年度某市某区某馆部门(单位)整体支出绩效自评报告")
    Title(unit='某市某区某馆', year=2022)
    """
    text = re.sub(r"\s+", "", text)
    body = re.sub(
        r"[(（](?:本级|本局|本部门|本单位|汇总|[一二三四五六七八九十\d]+)[)）]$", "", text
    )
    if len(body) > 80 or not _TITLE_END.search(body) or re.search("[，。；,;]", body):
        return None
    if "绩效" not in body:
        return None
    year_match = re.search(_YEAR, body)
    year = int(year_match["year"]) if year_match else None
    without = re.sub(_YEAR, "", body, count=1) if year_match else body
    kind = _KIND_START.search(without)
    unit = without[: kind.start()] if kind else None
    if unit is not None:
        unit = re.sub(r"(?:部门|单位|机关)$", "", unit).strip("(（)） ")
    if unit is not None and not unit_like(unit):
        unit = None
    return Title(unit, year)


def unit_like(name: str) -> bool:
    """Whether ``name`` names a unit: it ends in an organisation's word and names more than
    that word (“办公室” alone names no one)."""
    end = _UNIT_END.search(name)
    return bool(end) and not _GENERIC.match(name) and end is not None and end.start() >= 2


def read_front(blocks: list[Block], chrome_lines: list[str]) -> Front:
    """Read the blocks before part 一 (see the module docstring).

    Args:
        blocks: The blocks before the first part (a contents list already set aside).
        chrome_lines: The lines left out as web-page chrome, for the publisher's name.
    """
    front = Front()
    blocks = _split_titles(blocks)
    titles: list[tuple[int, Block, Title, str]] = []
    n = 0
    while n < len(blocks):
        block = blocks[n]
        joined = _wrapped_title(blocks, n)
        if joined is not None:
            text, used = joined
            title = parse_title(text)
            assert title is not None
            titles.append((n, block, title, text))
            front.title_blocks.extend(blocks[n : n + used])
            n += used
            continue
        if match := _COVER.match(block.text):
            label = re.sub(r"\s+", "", match["label"])
            front.cover[label] = match["value"].strip()
            front.cover_blocks.append(block)
        else:
            front.preamble.append(block)
        n += 1
    if titles:
        best = max(titles, key=lambda t: (t[2].unit is not None, t[2].year is not None, -t[0]))
        front.title = best[3]
        front.unit = best[2].unit
        front.unit_block = best[1]
        front.year = next((t[2].year for t in titles if t[2].year), None)
        first_title = titles[0][0]
        # short lines without punctuation before the first title: the web page's section names
        for block in list(front.preamble):
            if (
                blocks.index(block) < first_title
                and len(block.text) <= 20
                and not re.search("[，。；,;]", block.text)
            ):
                front.preamble.remove(block)
                front.left_out.append((block, "网页栏目名称"))
    for label, value in front.cover.items():
        if label.endswith(_UNIT_LABELS) and value and unit_like(value):
            front.unit = re.sub(r"[(（]盖章[)）]", "", value).strip()
            front.unit_block = front.cover_blocks[list(front.cover).index(label)]
    if front.unit is None or front.year is None:
        _first_sentence(front)
    if front.unit is not None:
        front.unit = _completed(front.unit, chrome_lines)
    return front


def _wrapped_title(blocks: list[Block], n: int) -> tuple[str, int] | None:
    """The title that starts at block ``n`` (on one line, or wrapped over two or three short
    ones), with how many blocks it takes; ``None`` when none starts there."""
    for used in (1, 2, 3):
        pieces = [b.text for b in blocks[n : n + used]]
        if len(pieces) < used or any(len(p) > 60 for p in pieces):
            return None
        text = "".join(pieces)
        title = parse_title(text)
        if title is not None:
            if used > 1 and not all(_FRAGMENT.match(p) for p in pieces):
                return None
            last = parse_title(pieces[-1])
            if used > 1 and last is not None and last.unit is not None:
                return None  # the title is whole on a later line
            if used > 1 and title.unit is None and not re.search(_YEAR, pieces[0]):
                return None  # a web page's section name before the title, not its first line
            return text, used
    return None


_FRAGMENT = re.compile(r"^[\u4e00-\u9fff\d()（）]{2,40}$")
"""A line of a title wrapped over several: Chinese, digits and brackets only."""
_RUN_INTO = re.compile(r"^([^，。；,;]{6,60}?(?:自评|评价)(?:情况)?报告)(?=[^。；;]{10})")
"""A title that runs into the sentence after it (a page flattened onto one line)."""


def _split_titles(blocks: list[Block]) -> list[Block]:
    """Blocks with a title run into the text after it cut after the title."""
    out: list[Block] = []
    for block in blocks:
        match = _RUN_INTO.match(block.text)
        if match and parse_title(match[1]) is not None and len(block.text) > len(match[1]):
            out.append(Block(match[1], block.page, block.number))
            out.append(Block(block.text[match.end() :], block.page, block.number))
        else:
            out.append(block)
    return out


def _first_sentence(front: Front) -> None:
    """The unit and year a preamble's first sentences state (“…对南县财政局2020年度机关整体支出
    开展了绩效评价”)."""
    for block in front.preamble[:3]:
        if front.unit is None and (match := _FIRST_SENTENCE.search(block.text)):
            unit = re.sub(r"^(?:按照|根据|经|由|我们|对|就)", "", match["unit"])
            unit = re.split(r"[对就]", unit)[-1]
            if unit_like(unit):
                front.unit, front.unit_block = unit, block
        if front.year is None and (match := _YEAR_PHRASE.search(block.text)):
            front.year = int(match["year"])


def _completed(unit: str, chrome_lines: list[str]) -> str:
    """A title's abridged unit completed by the publisher the web page names (林业局 →
    零陵区林业局), when that name ends with it."""
    for line in chrome_lines:
        for match in PUBLISHER.finditer(line):
            publisher = match[1]
            if publisher.endswith(unit) and publisher != unit:
                return publisher
    return unit
