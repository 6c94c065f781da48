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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfgen.narrative.mentions import Count

_CLAUSE_END = re.compile(r"[，。；：、,;:\n！？!?（）()]")
_OTHER_PERIOD = re.compile(
    r"(?P<year>\d{4})年|上半年|下半年|第?[一二三四1-4]季度|\d{1,2}月份?|前三季度|年初|年末"
)
"""What names a period in a sentence: a year, a half, a quarter, a month."""
_THIS_YEAR = re.compile(r"(?:\d{4}年度?|全年|本年度?|当年|今年|年度内?|一年来)")
"""Words naming a period, set aside in the phrase (the period is compared on its own)."""
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
    before = _CLAUSE_END.split(count.sentence)[-1]
    after = _CLAUSE_END.split(count.rest)[0]
    # a period in the count's own clause (全年 included) overrides one earlier in the sentence
    clause = before + after
    dated = _OTHER_PERIOD.search(clause) or _THIS_YEAR.search(clause)
    periods = tuple(
        m[0]
        for m in _OTHER_PERIOD.finditer(clause if dated else count.sentence + after)
        if m["year"] is None or int(m["year"]) != year
    )
    before = _FILLER.sub("", _THIS_YEAR.sub("", _OTHER_PERIOD.sub("", before)))
    before = _TRAILING.sub("", _LEADING.sub("", before))
    after = _FILLER.sub("", after)
    if not before and not after:
        return None
    return Subject(before, after, count.unit, periods)
