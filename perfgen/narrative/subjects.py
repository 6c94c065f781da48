"""What a figure written in the narrative is about, so two figures are compared only when they
state the same thing.

A count's *subject* is the whole phrase around its number in its clause: the words from the
previous clause boundary up to the number (scope, kind, activity: “街道重点项目”, “召开工作会议”,
“对”) and the words after its measure word up to the clause's end (what is counted and what
happened to it: “法规开展执法检查”, “干部获表彰”), with the unit of count and the period the
sentence names (a year other than the report's, 上半年, 一季度, 3月 …). Two counts are about the
same thing only when all of these are equal, once the words that name the evaluated year itself
(本年, 全年, 2023年 in the 2023 report) and a leading 共/累计 are set aside.

The comparison is deliberately strict: a qualifier on one side only (“直属事业单位” against
“事业单位”) makes the counts different things, since the reader cannot tell whether it is a part
or the whole. A clause that is only its number (“共12个”) has no subject and is never compared.

The same period test (:func:`other_periods`) and :func:`subordinate` keep the rules that hold an
amount or a rate against the report's figure from comparing last year's or a subordinate unit's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from perfgen.narrative.mentions import COUNT_PATTERN, Count, Mention, squeezed

_CLAUSE_MARKS = r"，。；：、,;:\n！？!?（）()"
_CLAUSE_END = re.compile(f"[{_CLAUSE_MARKS}]")
_COUNT_AND_CLAUSE = re.compile(f"{COUNT_PATTERN}(?=(?P<after>[^{_CLAUSE_MARKS}]*))")
"""A count and, looked at without being taken, the rest of its clause: every sentence end is a
clause end too, so this is :func:`_first_clause` of the rest of its sentence."""
_CLAUSE_RUN = re.compile(f"[^{_CLAUSE_MARKS}]*")
"""Characters up to a clause's end (read in a reversed text: back to a clause's start)."""
_OTHER_PERIOD = re.compile(
    r"(?P<year>\d{4})年|上半年|下半年|前三季度|第?[一二三四1-4]季度"
    r"|(?<!\d)(?!12月(?:31日|底|末))\d{1,2}月份?"
)
"""What names a period in a sentence: a year, a half, a quarter, a month (the end of December
is the end of the year evaluated, not another period)."""
_THIS_YEAR = re.compile(r"(?:\d{4}年度?|全年|本年度?|当年|今年|年度内?|一年来)")
"""Words naming a period, set aside in the phrase (the period is compared on its own)."""
_PERIOD_FIRST = re.compile(r"[\d上下前第一二三四]")
"""The characters a match of :data:`_OTHER_PERIOD` can start with: it is tried only where one
stands (:func:`_periods`)."""
_LEADING = re.compile(r"^(?:共计|合计|总计|一共|累计|先后|共|均|都|已经|已|还)+")
_TRAILING = re.compile(r"(?:为|是|达到|达|共计|共|合计|总计|计)+$")
_FILLER = re.compile(r"[\s“”\"'《》]|了")


@dataclass(frozen=True)
class Subject:
    """What a count is about.

    Attributes:
        before: The words before the number in its clause, period words set aside.
        after: The words after the measure word up to the clause's end.
        unit: The measure word (项, 次, 人次 …).
        period: The periods the sentence names other than the report's year, in order.
    """

    before: str
    after: str
    unit: str
    period: tuple[str, ...]


def subject(count: Count, year: int) -> Subject | None:
    """What ``count`` is about in a report evaluating ``year``; ``None`` when its clause names
    nothing but the number (no phrase to compare)."""
    words = subject_words(count)
    return None if words is None else Subject(*words, other_periods(count, year))


def subject_words(count: Count) -> tuple[str, str, str] | None:
    """What ``count`` is about but for its period: its :class:`Subject`'s ``before``, ``after``
    and ``unit``, or ``None`` as :func:`subject` (two counts of one subject have these alike, so
    the period need be read only of counts that share them)."""
    after = _FILLER.sub("", _first_clause(count.rest))
    return _words(_CLAUSE_END.split(count.sentence)[-1], after, count.unit)


def count_words(
    text: str, match: re.Match[str], after: str, backwards: str
) -> tuple[str, str, str] | None:
    """:func:`subject_words` of a count of ``text`` before it is read: ``match`` as
    :func:`counts_and_words_after` gives it with its words after, ``after``; ``backwards``, the
    text reversed, from which the regex engine reads the words back to the clause's start (the
    sentence's start is a clause's too, and the white space a count's sentence is read without
    ends no clause)."""
    start = match.start()
    run = _CLAUSE_RUN.match(backwards, len(text) - start)[0]  # type: ignore[index]
    return _words(squeezed(text[start - len(run) : start]), after, match["unit"])


def _words(before: str, after: str, unit: str) -> tuple[str, str, str] | None:
    """:func:`subject_words` from the clause before the count (without white space) and the
    words after it (:func:`words_after_in`)."""
    before = _FILLER.sub("", _THIS_YEAR.sub("", _without_periods(before)))
    before = _TRAILING.sub("", _LEADING.sub("", before))
    if not before and not after:
        return None
    return before, after, unit


def words_after(count: Count) -> str:
    """The words after a count's measure word up to its clause's end, as its subject holds them
    (:attr:`Subject.after`): read alone, it tells cheaply that two counts cannot be about the
    same thing."""
    return words_after_in(count.rest)


def words_after_in(rest: str) -> str:
    """:func:`words_after` of a count whose sentence after it is ``rest``, spaces in it or not
    (:meth:`perfgen.narrative.mentions.Counted.rest`): no space ends a clause, and the words
    kept have none."""
    return _FILLER.sub("", _first_clause(rest))


def counts_and_words_after(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Every count of ``text`` (a match of :data:`~perfgen.narrative.mentions.COUNT_PATTERN`,
    kept or not by :func:`~perfgen.narrative.mentions.counted_among`) with its
    :func:`words_after_in`, the clause after it read by the same pass of the regex engine."""
    for match in _COUNT_AND_CLAUSE.finditer(text):
        after = match["after"]
        yield match, _FILLER.sub("", after) if after else ""


def other_periods(mention: Mention, year: int) -> tuple[str, ...]:
    """The periods other than the year evaluated that a mention is written for, in order: those
    its own clause names (“2023年项目支出…”, “上半年…”), else, when its clause names no period
    (全年 and 本年 included), those named earlier in its sentence (“2023年，召开会议…”)."""
    before = _CLAUSE_END.split(mention.sentence)[-1]
    return _periods_named(mention.sentence, before, _first_clause(mention.rest), year)


def _periods_named(sentence: str, before: str, after: str, year: int) -> tuple[str, ...]:
    """:func:`other_periods` of a mention whose sentence before it is ``sentence``, and whose
    clause is ``before`` it and ``after`` it (each clause read once by the caller)."""
    clause = before + after
    in_clause = _periods(clause)
    if (first := next(in_clause, None)) is not None:
        named = [first, *in_clause]
    elif _THIS_YEAR.search(clause):
        named = []  # the clause is dated by the year evaluated itself (全年, 本年 …)
    else:
        named = list(_periods(sentence + after))
    return tuple(m[0] for m in named if m["year"] is None or int(m["year"]) != year)


def _first_clause(text: str) -> str:
    """``text`` up to its first clause end (``_CLAUSE_END.split(text)[0]``, not splitting the
    rest)."""
    end = _CLAUSE_END.search(text)
    return text[: end.start()] if end else text


def _periods(text: str) -> Iterator[re.Match[str]]:
    """What ``_OTHER_PERIOD.finditer(text)`` gives, the pattern tried only where one of the
    characters its matches start with stands (:data:`_PERIOD_FIRST`): a pattern whose
    alternatives begin with a repeat or an assertion gives the regex engine no character to
    look for, and is otherwise tried at every character of the text (a sentence is read for
    each figure in it). Its matches are never empty."""
    at = 0
    while (candidate := _PERIOD_FIRST.search(text, at)) is not None:
        match = _OTHER_PERIOD.match(text, candidate.start())
        if match is None:
            at = candidate.start() + 1
        else:
            yield match
            at = match.end()


def _without_periods(text: str) -> str:
    """``text`` without the periods it names (``_OTHER_PERIOD.sub("", text)``)."""
    kept, at = [], 0
    for match in _periods(text):
        kept.append(text[at : match.start()])
        at = match.end()
    return "".join(kept) + text[at:] if kept else text


def subordinate(label: str) -> bool:
    """Whether a label speaks of the unit's subordinate units or of some of them (“下属单位项目
    支出”, “二级单位预算执行率”) rather than of the unit the report is about."""
    return bool(_SUBORDINATE.search(label))


_SUBORDINATE = re.compile(
    r"下属|所属|直属|下级|二级|三级|基层|其他单位|各(?:单位|科室|股室|街道|乡镇|镇|学校|分局)"
)
