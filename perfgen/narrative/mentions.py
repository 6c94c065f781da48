"""Figures written in the clerk's text: money amounts, rates, counts and rate changes.

Each mention keeps the words written just before it in its clause (its *label*: “支出决算总数”
in “支出决算总数2503.22万元”) so that a rule can tell which figure of the report it states.
Numbers are read exactly (:class:`~decimal.Decimal` from the text); money is brought to 万元
(元 ÷ 10,000, 亿元 × 10,000). A number marked as approximate (近、约、超、逾 before it; 余、多
after it) or as a bound (超过、不低于、以上 …) is kept but flagged, since it does not state a value.

What it cannot see: amounts written in Chinese numerals (超百万元), amounts without their unit
(“执行数 605.58”), and figures whose label is a pronoun or lies in an earlier clause.

Over 300 lines because the four kinds of figure are read by one sentence and label reading
(:func:`sentence_bounds`, :func:`_context`) and one way past the regex engine for a text
without the mark a figure needs (:func:`_has_percent`, :func:`squeezed`), kept in one place.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from perfgen.locations import FieldPath
from perfgen.narrative.passages import Passage

# Each figure's pattern begins with the digit it starts with, and looks behind that digit for
# what may not come before it: a pattern beginning with a lookbehind is tried at every
# character of the text, one beginning with a digit only where a digit stands.
_MONEY = re.compile(
    r"(?P<number>\d(?<![\d.,．]\d)(?:\d{0,2}(?:,\d{3})+|\d*))(?P<decimals>[.．]\d+)?\s*"
    r"(?P<more>余|多)?\s*(?P<unit>亿元|万元|元)"
)
_RATE = re.compile(r"(?P<number>\d(?<![\d.,]\d)\d*)(?P<decimals>\.\d*)?\s*[%％]")
_COUNT = re.compile(
    r"(?P<number>\d(?<![\d.,第]\d)\d*)(?P<more>余|多)?\s*"
    r"(?P<unit>人次|批次|场次|项|次|人|件|篇|个(?!百分点)|场|期|条|批|份|名|家|所|册|部|本|户)"
)
_CHANGE = re.compile(
    r"(?P<verb>提高|提升|上升|增长|增加|下降|降低|减少|回落)了?\s*"
    r"(?P<number>\d+(?:\.\d*)?)\s*[%％](?!\s*个百分点)"
)
_MARKED_BEFORE = (
    *("近", "约", "超", "逾", "大约", "将近"),  # approximate
    *("超过", "高于", "低于", "不低于", "不少于", "不超过", "达到", "均超过", "≥", "≤", ">", "<"),
)
"""How a clause ends right before a figure it marks as approximate or as a bound."""
_BOUND_AFTER = re.compile(r"\s*(?:以上|以下|左右)")
_CLAUSE_END = re.compile(r"[，。；：、,;:\n！？!?]")
_BRACKETED = re.compile(r"[（(][^）()（]*[）)]\s*$")
"""A bracketed remark closing a label: “调整后预算（全年预算数）2526.63万元” is labelled
调整后预算."""
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
SENTENCE_END = _SENTENCE_END
"""Where a sentence ends, for the rules that group the figures of one sentence."""
_CONNECTIVES = re.compile(r"(?:为|是|达|共|合计|总计|计|约|近|超|逾|：|:|\s)+$")
_SCALE = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}


@dataclass(frozen=True)
class Mention:
    """A figure written in a passage.

    Attributes:
        path: The passage's field path.
        value: The number: 万元 for money, % for a rate, the count for a count.
        written: The figure as written, e.g. ``2503.22万元``, ``99.07%``, ``5项``.
        label: The words before it in its clause, connectives such as 为 and 达 removed
            (“支出决算总数”).
        sentence: The sentence up to the figure (for a rate: where the amount it is a share of
            stands).
        rest: The rest of the sentence after the figure.
        decimals: How many decimals were written (a rate is compared at this precision).
        approximate: Written as approximate (近30万元, 80多次) or as a bound (超过95%).
        start: Where the figure starts in the passage's text.
    """

    path: FieldPath
    value: Decimal
    written: str
    label: str
    sentence: str
    rest: str
    decimals: int
    approximate: bool
    start: int = 0


@dataclass(frozen=True)
class Count(Mention):
    """A number of things (5项, 12次, 715名): ``unit`` and the ``key`` phrase it counts."""

    unit: str = ""
    key: str = ""


@dataclass(frozen=True)
class RateChange:
    """A change of a rate written in % (“执行率…提高2.64%”), where 个百分点 is meant.

    Attributes:
        path: The passage's field path.
        written: The change as written (“提高2.64%”).
        rate: The rate word it changes (“项目支出完成率”).
    """

    path: FieldPath
    written: str
    rate: str


def _has_percent(text: str) -> bool:
    """Whether ``text`` has a percent sign, which every rate and rate change ends with: a
    string search, many times quicker than the regex engine trying a pattern that begins with
    a digit at every character of a text without one."""
    return "%" in text or "％" in text


def squeezed(text: str) -> str:
    r"""``text`` without its white space (``re.sub(r"\s+", "", text)``: ``str.split`` and the
    regex engine's ``\s`` know the same white space), split in C without the regex engine
    trying a pattern at every character."""
    return "".join(text.split())


@functools.lru_cache(maxsize=32)
def _sentence_ends(text: str) -> tuple[int, ...]:
    """Where each sentence of ``text`` ends (:data:`SENTENCE_END`), found once per text."""
    return tuple(match.start() for match in _SENTENCE_END.finditer(text))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around ``text[start:end]`` begins (after the last sentence end before
    ``start``) and ends (at the first one from ``end``): found by bisection, so that reading
    every figure of a long paragraph costs no more than the paragraph."""
    ends = _sentence_ends(text)
    before = bisect_left(ends, start)
    after = bisect_left(ends, end)
    return (ends[before - 1] + 1 if before else 0), (
        ends[after] if after < len(ends) else len(text)
    )


def _context(text: str, start: int, end: int) -> tuple[str, str, str, bool]:
    """The label, the sentence before and after a figure at ``text[start:end]``, and whether it
    is marked approximate or as a bound."""
    begin, stop = sentence_bounds(text, start, end)
    sentence = text[begin:start]
    rest = text[end:stop]
    clause = _CLAUSE_END.split(sentence)[-1]
    if not clause.strip() and (colon := re.search(r"[：:]\s*$", sentence)):
        clause = _CLAUSE_END.split(sentence[: colon.start()])[-1]  # “收入：100万元”
    clause = (
        re.split(r"[（(]", clause)[-1]
        if clause.count("（") + clause.count("(") > clause.count("）") + clause.count(")")
        else clause
    )
    clause = _BRACKETED.sub("", clause)
    marked = clause.rstrip().endswith(_MARKED_BEFORE) or bool(_BOUND_AFTER.match(text, end))
    label = _CONNECTIVES.sub("", clause).strip()
    return squeezed(label), squeezed(sentence), squeezed(rest), marked


def amounts(passage: Passage) -> Iterator[Mention]:
    """The money amounts of a passage, in 万元."""
    if "元" not in passage.text:  # every unit ends with it: found by a string search at once
        return
    for match in _MONEY.finditer(passage.text):
        number = match["number"].replace(",", "") + (match["decimals"] or "").replace("．", ".")
        value = Decimal(number) * _SCALE[match["unit"]]
        label, sentence, rest, marked = _context(passage.text, match.start(), match.end())
        decimals = len(match["decimals"]) - 1 if match["decimals"] else 0
        written = squeezed(match[0])
        approximate = marked or bool(match["more"])
        yield Mention(
            passage.path,
            value,
            written,
            label,
            sentence,
            rest,
            decimals,
            approximate,
            match.start(),
        )


def rates(passage: Passage) -> Iterator[Mention]:
    """The percentages of a passage (99.07% → 99.07; “13.%” reads 13 with no decimals)."""
    if not _has_percent(passage.text):
        return
    for match in _RATE.finditer(passage.text):
        decimals = match["decimals"] or ""
        value = Decimal(match["number"] + (decimals if len(decimals) > 1 else ""))
        label, sentence, rest, marked = _context(passage.text, match.start(), match.end())
        places = max(len(decimals) - 1, 0)
        written = squeezed(match[0])
        yield Mention(
            passage.path, value, written, label, sentence, rest, places, marked, match.start()
        )


def counts(passage: Passage) -> Iterator[Count]:
    """The counted things of a passage, each with the phrase it counts: the Han characters
    right after its unit (“对5项法规开展检查” → 法规开展), else those right before its number
    (“召开会议12次” → 召开会议)."""
    return (counted.count() for counted in counted_things(passage))


@dataclass(frozen=True)
class Counted:
    """A count found in a passage, before its sentence is read (:meth:`count` reads it).

    Attributes:
        passage: The passage it stands in.
        match: Where :data:`_COUNT` found it.
        key: The phrase it counts (:attr:`Count.key`).
    """

    passage: Passage
    match: re.Match[str]
    key: str

    @property
    def unit(self) -> str:
        """The measure word (项, 次, 人次 …)."""
        return self.match["unit"]

    @property
    def value(self) -> Decimal:
        """The number counted."""
        return Decimal(self.match["number"])

    def rest(self) -> str:
        """The rest of its sentence after it, as written (:attr:`Count.rest` before its
        spaces are taken out)."""
        text, end = self.passage.text, self.match.end()
        return text[end : sentence_bounds(text, end, end)[1]]

    def count(self) -> Count:
        """The :class:`Count`, its sentence read (:func:`_context`)."""
        match, text = self.match, self.passage.text
        label, sentence, rest, marked = _context(text, match.start(), match.end())
        return Count(
            self.passage.path,
            self.value,
            squeezed(match[0]),
            label,
            sentence,
            rest,
            0,
            marked or bool(match["more"]),
            match.start(),
            unit=match["unit"],
            key=self.key,
        )


def counted_things(passage: Passage) -> Iterator[Counted]:
    """The counts of :func:`counts`, found but not read: what a rule that compares only some
    of them needs first (the sentence around each is read by :meth:`Counted.count`)."""
    return counted_among(passage, _COUNT.finditer(passage.text))


COUNT_PATTERN = _COUNT.pattern
"""What a count is, for a pattern that reads more around it (its groups ``number``, ``more``
and ``unit``)."""


def counted_among(passage: Passage, matches: Iterable[re.Match[str]]) -> Iterator[Counted]:
    """:func:`counted_things` of some of the counts of ``passage``: ``matches`` are matches of
    :data:`COUNT_PATTERN` (or a pattern beginning with it) in its text, in order; each is kept
    when it has a phrase to count (its key)."""
    text = passage.text
    backwards = ""  # the text reversed, made at the first count: a run is read back from it
    for match in matches:
        after = _HAN_RUN.match(text, match.end(), match.end() + 4)[0]  # type: ignore[index]
        start = match.start()
        backwards = backwards or text[::-1]
        # the Chinese characters before it: the run that starts the reversed text's rest
        first = start - len(_HAN_RUN.match(backwards, len(text) - start)[0])  # type: ignore[index]
        preceded = text[first - 1 : first]
        # the run before a number is a key unless it is the unit of a count before it (3批次7人次)
        before = "" if preceded.isdigit() else text[max(first, start - 4) : start]
        key = f"{match['unit']}{after}" if len(after) >= 2 else f"{before}{match['unit']}"
        if len(key) >= 3:
            yield Counted(passage, match, key)


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]*")
"""A run of Chinese characters (not quotation or title marks), read by the regex engine: taken
out of a string one by one, each would be a new object."""


_RATE_WORD = re.compile(r"(?:率|占比|比重)")
_SUBJECT_CHANGE = re.compile(r"万元|金额|经费|人数|个数")


def rate_changes(passage: Passage) -> Iterator[RateChange]:
    """Changes written in % whose subject, earlier in the sentence, is a rate or a share."""
    text = passage.text
    if not _has_percent(text):
        return
    for match in _CHANGE.finditer(text):
        begin, _ = sentence_bounds(text, match.start(), match.end())
        sentence = text[begin : match.start()]
        words = list(_RATE_WORD.finditer(sentence))
        if not words:
            continue
        between = sentence[words[-1].end() :]
        if _SUBJECT_CHANGE.search(between) or re.search(r"[增降]幅|增长率|变动率", sentence):
            continue
        clause_start = max(
            (m.end() for m in re.finditer(r"[，。；,;：:（(]", sentence[: words[-1].start()])),
            default=0,
        )
        rate = re.sub(r"\s+", "", sentence[clause_start : words[-1].end()])
        written = squeezed(match[0])
        yield RateChange(passage.path, written, rate)
