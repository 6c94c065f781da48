"""The standard sentences outside the finances: the staffing and internal units of 部门职能
(“编制数26人，实有在职人员23人”, “内设三个科室，分别为…”), and the score, grade and 自评 scope of
自评结论. Each gives a :class:`~perfgen.reading.sentences.Sentence` with its captures."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from perfgen.figures.catalogue import STAFFING, figure
from perfgen.locations import FieldPath
from perfgen.reading.sentences import Capture, Sentence

_CLAUSE = r"(?:^|(?<=[，,。；;：:、（(|\s局厅委办馆园校院所站心室会府部处]))"
"""Where a staffing phrase may start: a clause, or right after the unit's name."""
_LEAD = (
    r"(?:截[至止]\S{0,12}?[，,]?)?(?:\d{4}年)?"
    r"(?:年末|年底|期末|末|现有|目前|全[局厅委办馆]|本单位|共有|核定|我[局厅委办馆园校院])?"
    r"(?:财政)?(?:核定)?"
)
"""What may precede the name of a headcount: a date, 年末, 现有, 本单位, 核定 …"""
_COPULA_NUMBER = (
    r"\s*(?:为|是|共|有|计|：|:|\|)?\s*(\d{1,5})(?:人|名|个(?!百分点)|(?=[^\d年.%％]|$))"
)
"""A copula, then the count (人, 名 or 个, or a table cell's bare number)."""
_STAFF = tuple(
    (re.compile(_CLAUSE + _LEAD + f"(?:{figure(key).synonyms})" + _COPULA_NUMBER), name)
    for key, name in (
        ("staffing.authorized_headcount", "authorized_headcount"),
        ("staffing.staff_in_post", "staff_in_post"),
        ("staffing.other_staff", "other_staff"),
    )
)
"""Each staffing figure's phrase, its names from the catalogue."""
_RETIRED_NAME = figure("staffing.retired").synonyms
_RETIRED = re.compile(_CLAUSE + _LEAD + f"(?<![年增新办])({_RETIRED_NAME})" + _COPULA_NUMBER)
"""The retired staff's phrase (离退休人数94人, 离休2人, 退休75人), not those who retired in
the year (2021年退休3人, 新增退休)."""
_RETIRED_WORD = re.compile(_RETIRED_NAME)
_CATEGORY = re.compile(r"(?:含|其中[:：，,]?)?([\u4e00-\u9fff]{2,14}?)(\d{1,4})(?:人|名)")
_AS_OF = re.compile(r"截[止至]+(?:至)?(\d{4})年(\d{1,2})月(\d{1,2})日")
_UNITS = re.compile(
    r"内设(?:机构)?([一二三四五六七八九十两\d]+)个(?:科室|机构|内设机构|部门)?[，,]?(?:分别为|为|即)(.+?)[。；]"
)
_NUMERAL = r"一二三四五六七八九十两\d"
_UNITS_NAMED = re.compile(rf"设(.*?[^{_NUMERAL}])(?:[{_NUMERAL}]+)个内设机构")
"""The units named before their count (设办公室1个内设机构); a count alone (设17个内设机构)
names none."""
STAFF: FieldPath = STAFFING


def read_functions(text: str) -> Sentence:
    """The staffing (编制、实有人数、其他人员、离退休人数、截至日期) and internal units of a
    sentence."""
    sentence = Sentence(text)
    staffing: list[Capture] = []
    for pattern, name in _STAFF:
        if match := pattern.search(text):
            staffing.append(Capture((*STAFF, name), int(match[1]), text))
            if name != "other_staff" and (
                parts := _breakdown(text[match.end() :], int(match[1]), of=name)
            ):
                staffing.append(Capture((*STAFF, "breakdown"), parts, text))
    if (retired := _retired(text)) is not None:
        staffing.append(Capture((*STAFF, "retired"), retired, text))
    sentence.captures.extend(staffing)
    if (match := _AS_OF.search(text)) and sentence.captures:
        try:
            date = dt.date(int(match[1]), int(match[2]), int(match[3]))
            sentence.captures.append(Capture((*STAFF, "as_of"), date, text))
        except ValueError:  # “2022年13月31日”: not a date
            sentence.missed.append(match[0])
    units = _UNITS.search(text)
    names = re.split(r"[、，,]", units[2]) if units else None
    if names is None and (named := _UNITS_NAMED.search(text)):
        names = [n for n in re.split(r"[、，,]", named[1]) if n]
    if names:
        path = ("basic_info", "functions", "internal_units")
        sentence.captures.append(Capture(path, tuple(n.strip() for n in names), text))
    if "无下属单位" in text:
        path = ("basic_info", "functions", "subordinate_units")
        sentence.captures.append(Capture(path, (), text))
    return sentence


def _retired(text: str) -> int | None:
    """The retired staff a sentence states: 离退休 as one count, else 离休 and 退休 added up
    (“离休2人、退休75人” → 77), each counted once; ``None`` when it states none."""
    apart: dict[str, int] = {}
    for match in _RETIRED.finditer(text):
        word = re.sub(r"\s", "", match[1])
        if word.startswith("离退"):
            return int(match[2])
        apart.setdefault(word[0], int(match[2]))
    return sum(apart.values()) if apart else None


def _breakdown(after: str, total: int, of: str = "staff_in_post") -> dict[str, int] | None:
    """The staff in post by category or by body that follows a headcount (“（含行政人员10人，
    工勤人员2人）”, “，其中：行政人员A人、工勤人员B人”), when they add up to it.

    After the staff in post (``of``), the parts must add up to it. After the establishment
    (``authorized_headcount``), a list is read only when it counts people — the staff in post
    by body (“局机关在职113人”) and the retired (“离休2人、退休75人”), which together add up
    to it; a list of posts (“行政编制20人、事业编制6人”) is a breakdown of the establishment,
    not of the staff in post, and is not read. “在职” after a body's name is dropped from it.
    """
    clause = re.match(
        r"^\s*(?:[（(]([^)）]{4,120})[)）]|[，,。]?其中[:：，,]?([^。；;]{4,120}))", after
    )
    if clause is None:
        return None
    listed = clause[1] or clause[2]
    found: dict[str, int] = {}
    in_post = False
    for match in _CATEGORY.finditer(listed):
        if _RETIRED_WORD.search(match[1]):
            continue  # retired staff are not in post
        name = match[1].removeprefix("含").removeprefix("其中")
        in_post = in_post or name.endswith("在职")
        found[re.sub(r"(?<=..)在职(?:人员)?$", "", name)] = int(match[2])
    summed = sum(found.values())
    if of == "authorized_headcount":
        retired = _retired(listed)
        adds_up = in_post and retired is not None and summed + retired == total
    else:
        adds_up = summed == total
    return found if len(found) >= 2 and adds_up else None


def staff_listed(sentence: str, following: str) -> Capture | None:
    """The staff in post listed in a “其中” sentence after the one that states the headcount
    (“现有编制人员205人。其中,局机关在职113人、离休2人、退休75人、财政事务中心10人,国库
    集中支付中心5人。” → 局机关 113、财政事务中心 10、国库集中支付中心 5: with the 77
    retired they add up to the 205), as :func:`_breakdown` reads them; ``None`` when
    ``following`` lists none that add up.

    Args:
        sentence: The sentence stating the headcount (its last headcount is the list's total).
        following: The next sentence, starting with “其中”.
    """
    heads = [(m, name) for pattern, name in _STAFF[:2] if (m := pattern.search(sentence))]
    if not heads:
        return None
    match, name = max(heads, key=lambda head: head[0].start())
    parts = _breakdown(following, int(match[1]), of=name)
    if parts is None:
        return None
    return Capture((*STAFF, "breakdown"), parts, sentence + following)


_SCORE = re.compile(
    r"(?:自评)?(?:综合)?得分(?:为|是)?(\d{1,3}(?:\.\d{1,2})?)(?:分)?"
    r"|(?:自评|综合|评价|总)(?:评分|得)(?:为|是|：|:)?(\d{1,3}(?:\.\d{1,2})?)分"
)
"""The score: 自评得分为95分, 得分95, 综合评分为97分, 自评得97.5分 (then 分 is needed)."""
_ANOTHER = re.compile(r"项目|指标|单项|[一二三四五]级")
"""Words before a score that make it a project's or an indicator's, not the department's."""


def score_of(text: str, *, summary: bool = False) -> Decimal | None:
    """The self-evaluation score a sentence states, or ``None``; in a summary paragraph (a
    preamble, an unplaced section: ``summary``) only when nothing before it in its clause
    speaks of a project or an indicator."""
    match = _SCORE.search(text)
    clause = re.split(r"[。，,；;]", text[: match.start()])[-1] if match else ""
    if match is None or (summary and _ANOTHER.search(clause)):
        return None
    return Decimal(match[1] or match[2])


_GRADE = re.compile(r"(?:评价)?等级为[“\"]?([优良中差])")
_SCOPE = re.compile(
    r"组织对.*?开展.*?自评.*?(?:一级项目(\d+)个)?[，,]?(?:二级项目(\d+)个)?[，,]?"
    r"(?:共)?涉及资金(\d[\d,]*(?:\.\d+)?)万元(?:[，,]占.*?的(\d+(?:\.\d+)?)%)?"
)


def read_conclusion(text: str) -> Sentence:
    """The score and grade of a sentence of 自评结论, and the 自评 scope sentence."""
    sentence = Sentence(text)
    if (score := score_of(text)) is not None:
        sentence.captures.append(Capture(("evaluation", "score"), score, text))
    if match := _GRADE.search(text):
        sentence.captures.append(Capture(("evaluation", "grade"), match[1], text))
    if match := _SCOPE.search(text):
        scope = ("evaluation", "scope")
        for group, name in ((1, "first_level_projects"), (2, "second_level_projects")):
            if match[group]:
                sentence.captures.append(Capture((*scope, name), int(match[group]), text))
        funds = Decimal(match[3].replace(",", ""))
        sentence.captures.append(Capture((*scope, "project_funds"), funds, text))
        if match[4]:
            sentence.captures.append(Capture((*scope, "project_share"), Decimal(match[4]), text))
    return sentence
