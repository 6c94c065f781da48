"""Named lists in the clerk's text: a count of things followed by the things themselves
(“直属事业单位10个，即县国库集中支付中心、县财政信息中心……”).

A *listing* is a count (Arabic or Chinese numerals, with 个/家/所/项/名 …) right after the name of
what is counted, then, in the same clause, either a word that announces the list (即、分别是、
分别为、包括、具体为, or a colon) or — when the count agrees with it — the list itself; the list
runs to the end of the sentence (。；) and its items are separated by 、. A list whose last item
joins two names with 和/及/与 may hold one item more than its 、 show (“甲、乙和丙”), and a name
may itself contain 和 (人力资源和社会保障局), so a listing's length is a range: from the items the
、 separate to that many plus one for each item with 和/及/与 in it.

What it cannot see: lists that run over several sentences or paragraphs, lists separated by
commas (a comma may as well start the next clause), lists closed by 等 (a partial list, never
compared), counts written after the list (“办公室、预算股等16个股室”).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from perfgen.narrative.numbering import chinese_value

_COUNTED = re.compile(
    r"(?<![一二三四五六七八九十\d.])(?P<count>\d{1,3}|[一二三四五六七八九十]{1,3})\s*"
    r"(?P<unit>个|家|所|项|支|座)"
    r"\s*[,，]?\s*(?P<says>即|分别是|分别为|分别有|包括|包含|具体为|具体是)?\s*[:：]?"
)
_NAME = re.compile(r"([\u4e00-\u9fff]{2,14})(?:共有|共计|共|有|计)?$")
"""What is counted: the Chinese words right before the count (共有、计 aside)."""
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
_JOINS = re.compile(r"和|及|与|以及")
_PARTIAL = re.compile(r"等\s*$|等[\u4e00-\u9fff]{0,4}$|等等|其中|若干|部分|主要")
_ENUMERATED = re.compile(
    r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]|[（(]?\d|[\u2460-\u2473])"
)
_PLACE = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:省|自治区|市|州|盟|县|区|旗|镇|乡)")


@dataclass(frozen=True)
class Listing:
    """A count and the list of names that follows it.

    Attributes:
        name: What is counted, as written before the count (“直属事业单位”).
        count: The count as written (“10个”).
        value: Its value.
        items: The names listed, as written (split at 、; 和 inside a name kept).
        fewest: The fewest items the list may hold (its 、-separated parts).
        most: The most it may hold (one more for each part with 和/及/与 in it).
        announced: Whether a word or a colon announces the list (即、分别为、包括 …).
        partial: Whether the word may announce a part of the things counted (包括、包含).
    """

    name: str
    count: str
    value: int
    items: tuple[str, ...]
    fewest: int
    most: int
    announced: bool
    partial: bool = False

    @property
    def agrees(self) -> bool:
        """Whether the count may be the number of the items listed."""
        return self.fewest <= self.value <= self.most


def listings(text: str) -> tuple[Listing, ...]:
    """Every count in ``text`` followed in its sentence by a list of names (see the module).

    A count whose list is closed by 等, holds a comma, a number or a clause of its own (“2个，
    负责……”) is not a listing, unless announced and its parts are all names (no verb can be
    told from a name, so an unannounced list is taken only when its length agrees).
    """
    return _listings(text)


@functools.lru_cache(maxsize=1024)
def _listings(text: str) -> tuple[Listing, ...]:
    found = []
    for match in _COUNTED.finditer(text):
        named = _NAME.search(text, max(0, match.start() - 18), match.start())
        if named is None:
            continue
        digits = match["count"]
        value = int(digits) if digits.isdigit() else chinese_value(digits)
        if not value or value < 2:
            continue
        end = _SENTENCE_END.search(text, match.end())
        body = text[match.end() : end.start() if end else len(text)].strip()
        if not body or "，" in body or "," in body or _PARTIAL.search(body):
            continue
        if _ENUMERATED.match(body):
            continue  # “3个方面：一是……；二是……”: items over several clauses
        bare = _BRACKETS.sub("", body)
        if re.search(r"\d", bare):
            continue
        parts = tuple(p.strip() for p in bare.split("、"))
        if any(not p or len(p) > 25 for p in parts):
            continue
        joined = sum(1 for p in parts if _JOINS.search(p))
        listing = Listing(
            named[1],
            digits + match["unit"],
            value,
            parts,
            len(parts),
            len(parts) + joined,
            bool(match["says"]) or ":" in match[0] or "：" in match[0],
            match["says"] in ("包括", "包含"),
        )
        if listing.announced or listing.agrees:
            found.append(listing)
    return tuple(found)


def names(listing: Listing) -> Iterator[str]:
    """The names of a listing one by one, a part joining two names with 和/及/与 split in two
    only when the count needs it."""
    split = listing.value > listing.fewest
    for part in listing.items:
        yield from (_JOINS.split(part) if split else (part,))


def same_unit(name: str) -> str:
    """A unit's name without the place it opens with (县国库集中支付中心 and 南县国库集中支付中心
    are one unit), for comparing two mentions of a unit."""
    return _PLACE.sub("", name, count=1) or name
