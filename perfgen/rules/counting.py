"""Rules on the counts the narrative states (5项, 12次, 715名): two statements of the same
thing with different numbers.

What counts as "the same thing" is :func:`perfgen.narrative.subjects.subject`: the whole phrase
around each number, its measure word and its period; when the reader cannot be sure, the rule
stays silent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from decimal import Decimal
from typing import TypeVar

from perfgen.locations import FieldPath
from perfgen.narrative.mentions import counted_among
from perfgen.narrative.subjects import (
    Subject,
    count_words,
    counts_and_words_after,
    other_periods,
    subject_words,
)
from perfgen.rules.registry import Context, Hit, hit, rule
from perfgen.rules.wording import place_of


@rule(
    "count-differs",
    "warning",
    summary="同一事项在两处写了不同的数量（如一处“对5项法规开展检查”、另一处“对7项法规开展检查”）",
    message="“{written}”与{where}的“{other}”说的似是同一事项（“{key}”），数量不同",
    blames="后出现的段落",
    example="""
basic_info:
  annual_work:
    text: [全年对5项法规开展执法检查。]
evaluation:
  conclusion: [本年对7项法规开展执法检查，推动法规落实。]
""",
    limits=(
        "只比较说的是同一件事的两个数量：数字所在分句中数字前的词语（范围、种类、活动，如“街道”"
        "“代表建议”“召开工作会议”）和量词后的词语（如“干部获表彰”）都相同，量词相同，句中写"
        "的期间（其他年度、上半年、季度、月份）也相同；措辞稍有不同的同一事项（多一个“直属”"
        "“全市”等限定语）不报告；句中有比较（较、比、同比、增加、其中、累计……）或约数（余、多"
        "）的不比较。"
    ),
)
def count_differs(context: Context) -> Iterator[Hit]:
    # two counts are about the same thing only if their measure words and the words after them
    # are the same, and they differ only if their numbers do: a count that shares these words
    # with no count of another number needs neither its sentence nor its subject read. Told
    # first by one pass of the regex engine over each passage, then by all the subject's words
    # but its period read from the text as written (count_words), with the numbers as written
    # (two spellings of one number only keep a count in); then, for the counts kept, exactly:
    # each with a phrase to count (counted_among), their numbers' values
    found = [
        (n, match, (match["unit"], after))
        for n, passage in enumerate(context.passages)
        for match, after in counts_and_words_after(passage.text)
    ]
    maybe = _differing(((match, key) for _, match, key in found), lambda match: match["number"])
    if not maybe:
        return
    # then all a subject's words but its period, read from the text as written (no count read)
    backwards: dict[int, str] = {}
    worded = []
    for n, match, unit_and_after in found:
        if unit_and_after in maybe:
            text = context.passages[n].text
            reversed_text = backwards.get(n) or backwards.setdefault(n, text[::-1])
            if words := count_words(text, match, unit_and_after[1], reversed_text):
                worded.append((n, match, unit_and_after, words))
    same = _differing(((match, words) for _, match, _, words in worded), lambda m: m["number"])
    kept: dict[int, list[re.Match[str]]] = defaultdict(list)
    after_of: dict[re.Match[str], tuple[str, str]] = {}
    for n, match, unit_and_after, words in worded:
        if words in same:
            kept[n].append(match)
            after_of[match] = unit_and_after
    counted = [
        (one, after_of[one.match])
        for n, matches in kept.items()
        for one in counted_among(context.passages[n], matches)
    ]
    possible = _differing(counted, lambda one: one.value)
    compared = []
    for one, unit_and_after in counted:
        if unit_and_after not in possible:
            continue
        count = one.count()
        if not count.approximate and not _COMPARED.search(count.sentence + count.rest):
            compared.append((count, unit_and_after))
    alike = _differing(compared, lambda count: count.value)
    # a subject's period is read only of counts whose other words a count of another number has
    phrased = [
        (count, words)
        for count, unit_and_after in compared
        if unit_and_after in alike and (words := subject_words(count)) is not None
    ]
    same_words = _differing(phrased, lambda count: count.value)
    seen: dict[Subject, tuple[FieldPath, str, Decimal]] = {}
    for count, words in phrased:
        if words not in same_words:
            continue
        about = Subject(*words, other_periods(count, context.report.year))
        first = seen.get(about)
        if first is None:
            seen[about] = (count.path, count.written, count.value)
        elif first[2] != count.value:
            yield hit(
                count.path,
                written=count.written,
                where=place_of(context, first[0]),
                other=first[1],
                key=count.key,
            )


_COMPARED = re.compile(r"较|比|同比|上年|去年|增加|减少|增长|下降|提高|由|从|累计|其中")
"""Words that make a count one side of a comparison, or a part of another count."""
_T = TypeVar("_T")
_K = TypeVar("_K", bound=Hashable)


def _differing(found: Iterable[tuple[_T, _K]], value: Callable[[_T], Hashable]) -> set[_K]:
    """The words (the measure word and the words after it, or all a subject's words but its
    period) that two of ``found`` share with different numbers: only counts of these can be
    told apart by the rule."""
    values: dict[_K, set[Hashable]] = defaultdict(set)
    for item, words in found:
        values[words].add(value(item))
    return {words for words, seen in values.items() if len(seen) > 1}
