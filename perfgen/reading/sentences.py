"""The standard sentences of a published report, and the figures they state.

A sentence such as “本单位2023年总收入2514.62万元，同比增加198.68万元，增幅8.58%” is read
through the narrative reader (:mod:`perfgen.narrative.mentions`): each amount's label names a
field (:func:`perfgen.narrative.labels.key_of`), a change names last year's figure (worked out
by subtraction, with the subtraction kept as a note), and each rate is either a figure perfgen
computes — then it is a :class:`Claim` to verify once the report's figures are derived — or one
it cannot compute without budgets, which is then taken as stated. A sentence is *understood*
when every amount and rate in it is captured or verified; only an understood sentence may be
dropped from the narrative (perfgen writes it again from the figures).

What it cannot see: figures in Chinese numerals, amounts without a unit (“执行数605.58”), a rate
change written in % is read as 个百分点 but never counts as understood (its sentence stays, so
``check`` reports it), and an amount whose label speaks of another year or of how the money was
used (“使用财政拨款收入”). The sentences outside the finances (staffing, score) are read in
:mod:`perfgen.reading.staff_and_score`.

Over 300 lines because each standard sentence of the finances (income, expenditure, budget and
execution, costs, carryover, procurement, assets, “三公”) has its own small reader here, on one
shared capture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from perfgen.arithmetic import HUNDRED, quantize
from perfgen.figures.catalogue import FIN
from perfgen.input.finances import Carryover
from perfgen.locations import FieldPath
from perfgen.narrative.labels import key_of
from perfgen.narrative.mentions import Mention, amounts, rates
from perfgen.narrative.passages import Passage

_CHANGE = re.compile(r"(?:同比|比上年|较上年|较去年|比\d{4}年|较\d{4}年度?)?(增加|减少|增长|下降)$")
_BASES = ("income.total", "expenditure.total", "budget.initial", "procurement.actual")
_RATE_CHANGE = re.compile(r"(?:较|比)(?:去年|上年|\d{4}年度?)?(提高|上升|下降|降低)$")
_SHARE = re.compile(r"占(总收入|总支出|总费用)的?$")
_YOY = re.compile(r"(增幅|降幅|增长|下降)$")
_REASONS = re.compile(
    r"(?:(?:增加|减少|增减|变动|下降|增长)的?|[，,])主要原因(?:是|为|：)?(.+?)(?=。|$)"
)
_USE = re.compile(r"主要用于([^；。]+)")
_ORDINAL = re.compile(r"[一二三四五六七八九十]是")
_SENTENCE = re.compile(r"(?<=[。！？!?])")


@dataclass(frozen=True)
class Capture:
    """A figure read into a field.

    Attributes:
        path: The field, e.g. ``("basic_info", "finances", "income", "total")``.
        value: The value (a Decimal for money and rates, int for counts, text, a date).
        quote: The sentence it was read from.
        note: How it was worked out, when not read directly (“2514.62 − 198.68”).
    """

    path: FieldPath
    value: Any
    quote: str
    note: str = ""


@dataclass(frozen=True)
class Claim:
    """A rate or share a sentence states that perfgen computes: verified after derive.

    Attributes:
        key: The figure (``budget.execution_rate``), or ``share`` / ``yoy``.
        value: The rate as written, in %.
        decimals: Its written decimals.
        written: As written (“99.07%”).
        stated: Where to take it as stated when perfgen cannot compute it (an execution rate
            without budgets), else ``None``.
        part: For a share, the amount it is a share of; for a change, the changed figure's key.
        whole: For a share, 总收入 / 总支出 / 总费用.
    """

    key: str
    value: Decimal
    decimals: int
    written: str
    stated: FieldPath | None = None
    part: Any = None
    whole: str = ""


@dataclass
class Sentence:
    """One sentence of a standard paragraph and what was read from it.

    Attributes:
        text: The sentence.
        captures: The figures read from it.
        claims: The rates to verify.
        missed: What in it was not understood, as written.
        keep: Keep it as written even when understood (its amounts are in 元, which perfgen
            would print in 万元, rounded).
    """

    text: str
    captures: list[Capture] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    keep: bool = False


def _in_wan(mention: Mention) -> tuple[Decimal, str]:
    """An amount in 万元 at the schema's two decimals, and how it was worked out when it was
    stated in 元 (or 亿元) with more: “1451077.73元” is exactly 145.107773万元, kept as
    145.11 (rounded once, half up); the sentence then stays as written."""
    value = mention.value
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and not mention.written.endswith("万元"):
        rounded = quantize(value, 2)
        return (
            rounded,
            f"原文 {mention.written}，即 {value.normalize():f} 万元，取两位小数 {rounded}",
        )
    return value, ""


def split(paragraph: str) -> list[str]:
    """A paragraph's sentences, each with its closing punctuation."""
    return [s for s in _SENTENCE.split(paragraph) if s.strip()]


def path_of(key: str) -> FieldPath:
    """The field path of a figure key: ``income.total`` → basic_info.finances.income.total,
    ``budget.sources.other`` → basic_info.finances.budget.sources.other."""
    return (*FIN, *key.split("."))


_PRIOR = {
    "income.total": ("income", "prior_total"),
    "expenditure.total": ("expenditure", "prior_total"),
    "budget.initial": ("budget", "prior_initial"),
    "procurement.actual": ("procurement", "prior_actual"),
}
_PRIOR_RATE = {
    "budget.execution_rate": "prior_execution_rate",
    "budget.basic_execution_rate": "prior_basic_execution_rate",
    "budget.project_execution_rate": "prior_project_execution_rate",
}
_STATED = set(_PRIOR_RATE)
_COMPUTED = {"expense.total"}
"""Amounts the report states that perfgen computes (总费用 is the sum of the cost lines)."""
_POINTS = re.compile(
    r"较(?:上年|去年|\d{4}年度?)(?:(提高|上升|下降|降低)(\d+(?:\.\d+)?)个百分点|(持平))"
)
_USES = {"expenditure.personnel": "personnel_use", "expenditure.public": "public_use"}
_USES["expenditure.project"] = "project_use"


_HEADING = re.compile(r"[\u4e00-\u9fff]{2,10}")
"""A heading that may name one figure: a few words, no number or punctuation (“基本支出”)."""


Named = tuple[str, str] | None
"""A figure named by a heading: its key and the heading's words (or none)."""


def heading_figure(text: str) -> Named:
    """The money figure a heading names (“1、基本支出” → ``("expenditure.basic", "基本支出")``),
    or ``None`` (not a short heading, or no figure's name)."""
    name = text.strip()
    if not _HEADING.fullmatch(name):
        return None
    found = key_of(name, rate=False)
    return (found[0], name) if found and found[1] == name else None


def read_finances(text: str, basis: str = "all", heading: Named = None) -> Sentence:
    """Read one sentence of the finances: 收支, 预算, 执行率, 费用, 结转结余, 采购, 资产,
    “三公”经费.

    ``heading``: the figure named by the heading right above the sentence's paragraph (from
    :func:`heading_figure`). Its first amount, when unlabelled or labelled by the start of the
    heading's name (“1、基本支出” then “989312.11元，其中…” or “基本支989312.11元”, a word cut
    short), is that figure; any other label keeps its own meaning.
    """
    sentence = Sentence(text)
    passage = Passage((), text, False)
    last: tuple[str, Decimal] | None = None  # the last figure read, for a change that follows
    money = list(amounts(passage))
    for n, mention in enumerate(money):
        key = key_of(mention.label, rate=False, basis=basis)
        if key is None and n == 0 and heading and _names_start(mention.label, heading[1]):
            key = heading
        if mention.approximate:
            sentence.missed.append(mention.written)
        elif key and key[0] in _COMPUTED:  # a total perfgen works out: verified later
            claim = Claim(key[0], mention.value, mention.decimals, mention.written)
            sentence.claims.append(claim)
        elif key and not (key[0].startswith("income.") and _budget_talk(mention)):
            value, note = _in_wan(mention)
            if note:
                sentence.keep = True  # perfgen would print the rounded 万元, not the 元 stated
            sentence.captures.append(Capture(path_of(key[0]), value, text, note))
            last = (key[0], value)
        elif (change := _CHANGE.search(mention.label)) and last and last[0] in _BASES:
            sign = -1 if change[1] in ("增加", "增长") else 1
            prior = last[1] + sign * mention.value
            block, name = _PRIOR[last[0]]
            note = f"{last[1]} {'−' if sign < 0 else '+'} {mention.value}"
            sentence.captures.append(Capture((*FIN, block, name), prior, text, note))
            last = (f"change:{last[0]}", prior)
        elif "结转结余" in text and re.search("决算数|支出数|总支出$", mention.label):
            # the base of the 结转结余率 the sentence works out: the year's expenditure
            note = f"原文以{mention.label}{mention.written}为结转结余率的分母"
            path = ("settings", "carryover_rate_base")
            sentence.captures.append(Capture(path, "total_expenditure", text, note))
        else:
            sentence.missed.append(mention.written)
    _read_rates(sentence, text, money, last)
    _read_words(sentence, text)
    return sentence


def _names_start(label: str, name: str) -> bool:
    """Whether ``label`` is empty or the start of ``name`` (two characters or more): an amount
    stated under a heading that names it (“基本支” under “基本支出”)."""
    label = re.sub(r"^\d{4}年度?", "", label.strip())
    return not label or (len(label) >= 2 and name.startswith(label))


def _budget_talk(mention: Mention) -> bool:
    """Whether the clause of an income figure speaks of the budget (年初预算总收入, the budget's
    财政拨款收入), not of the year's income; 一般公共预算 is a kind of money, not a budget."""
    return bool(re.search("(?<!一般公共)预算", mention.sentence + mention.label))


_FORMULA = re.compile(r"结转结余率[＝=]年末结转结余[÷/](调整后预算|年初预算|总支出)")
_BASES_NAMED = {"调整后预算": "adjusted_budget", "年初预算": "adjusted_budget"}
_BASES_NAMED["总支出"] = "total_expenditure"
_TARGET = re.compile(r"(?:未超过|超过|不超过)(\d+(?:\.\d+)?)%的控制目标")


def _read_carryover(sentence: Sentence, text: str) -> set[int]:
    """perfgen's own 结转结余 sentence: the formula names the base, the target is stated;
    returns where the target's rate stands (it is read, not verified)."""
    if match := _FORMULA.search(text):
        path: FieldPath = ("settings", "carryover_rate_base")
        note = f"原文的公式以{match[1]}为分母"
        sentence.captures.append(Capture(path, _BASES_NAMED[match[1]], text, note))
    consumed = set()
    if match := _TARGET.search(text):
        _carryover_target(sentence, Decimal(match[1]), text)
        consumed.add(match.start(1))
    return consumed


def _carryover_target(sentence: Sentence, target: Decimal, text: str, note: str = "") -> None:
    """The 结转结余率 control target a sentence states (the default goes unwritten)."""
    if target != Carryover.model_fields["target_rate"].default:
        sentence.captures.append(Capture((*FIN, "carryover", "target_rate"), target, text, note))


def _read_rates(
    sentence: Sentence, text: str, money: list[Mention], last: tuple[str, Decimal] | None
) -> None:
    previous_rate: tuple[str, Decimal] | None = None
    consumed = _read_carryover(sentence, text) if "结转结余" in text else set()
    for mention in rates(Passage((), text, False)):
        written = mention.written
        if mention.start in consumed:
            continue
        if re.search(r"\d\.\s*[%％]", written):
            sentence.missed.append(written)  # “13.%”: a digit is missing
            continue
        if mention.approximate:
            if "结转结余率" in mention.label and re.search("[≤<]|不超过|以内", text):
                note = f"原文只写“结转结余率{written}”以内，作为控制目标"
                _carryover_target(sentence, mention.value, text, note)
            else:
                sentence.missed.append(written)  # “超过95%”: a bound, not a value
            continue
        if (share := _SHARE.search(mention.label)) is not None:
            before = [m for m in money if m.start < mention.start]
            part = before[-1].value if before else None
            claim = Claim(
                "share", mention.value, mention.decimals, written, part=part, whole=share[1]
            )
            sentence.claims.append(claim)
            continue
        if (change := _RATE_CHANGE.search(mention.label)) and previous_rate:
            sign = -1 if change[1] in ("提高", "上升") else 1
            prior = previous_rate[1] + sign * mention.value
            name = _PRIOR_RATE.get(previous_rate[0])
            if name:
                note = (
                    f"{previous_rate[1]} {'−' if sign < 0 else '+'} {mention.value}"
                    f"（原文作“{written}”，按个百分点理解）"
                )
                sentence.captures.append(Capture((*FIN, "budget", name), prior, text, note))
            sentence.missed.append(f"{change[1]}{written}")  # a change of a rate written in %
            continue
        if _YOY.search(mention.label) and last and last[0].startswith("change:"):
            sentence.claims.append(
                Claim("yoy", mention.value, mention.decimals, written, part=last[0][7:])
            )
            continue
        if (change := _YOY.search(mention.label)) and last and last[0] == "procurement.actual":
            rate = mention.value / HUNDRED
            factor = 1 - rate if change[1] in ("降幅", "下降") else 1 + rate
            last_year = _divided(last[1], factor)
            if last_year is None:  # 下降100%: last year's figure cannot be worked out
                sentence.missed.append(written)
                continue
            note = f"{last[1]} ÷ (1 {'−' if factor < 1 else '+'} {written})，取两位小数"
            path = (*FIN, "procurement", "prior_actual")
            sentence.captures.append(Capture(path, last_year, text, note))
            continue
        key = key_of(mention.label, rate=True)
        if key is None:
            sentence.missed.append(written)
            continue
        stated = path_of(key[0]) if key[0] in _STATED else None
        sentence.claims.append(Claim(key[0], mention.value, mention.decimals, written, stated))
        previous_rate = (key[0], mention.value)
        _read_points(sentence, text, mention, previous_rate)
        if key[0] == "assets.utilization":
            gross = next((c for c in sentence.captures if c.path[-1] == "fixed_gross"), None)
            if gross is not None:
                in_use = _divided(gross.value * mention.value, HUNDRED)
                if in_use is None:
                    continue
                note = f"固定资产原值 {gross.value} × 利用率 {written}"
                path = (*FIN, "assets", "fixed_in_use")
                sentence.captures.append(Capture(path, in_use, text, note))


def _divided(dividend: Decimal, divisor: Decimal) -> Decimal | None:
    """``dividend ÷ divisor`` at two decimals; ``None`` when the divisor is zero or the
    quotient is beyond two decimals in Decimal's precision (a decrease of 99.999…%): what the
    reader cannot work out is left as written, never raised."""
    if not divisor or (dividend / divisor).adjusted() > _MOST_DIGITS:
        return None
    return quantize(dividend / divisor, 2)


_MOST_DIGITS = 20
"""Most integer digits of a figure the reader works out (beside the digits it reads,
:data:`perfgen.reading.source.MAX_DIGITS`)."""


def _read_points(
    sentence: Sentence, text: str, rate: Mention, previous: tuple[str, Decimal]
) -> None:
    """A change in 个百分点 right after a rate (“较上年提高2.64个百分点”, “较上年持平”): last
    year's rate, worked out."""
    name = _PRIOR_RATE.get(previous[0])
    following = text[rate.start + len(rate.written) :]
    match = _POINTS.match(following.lstrip("，, "))
    if name is None or match is None:
        return
    if match[3]:
        prior, note = previous[1], f"与本年 {previous[1]}% 持平"
    else:
        sign = -1 if match[1] in ("提高", "上升") else 1
        prior = previous[1] + sign * Decimal(match[2])
        note = f"{previous[1]} {'−' if sign < 0 else '+'} {match[2]}"
    sentence.captures.append(Capture((*FIN, "budget", name), prior, text, note))


def _read_words(sentence: Sentence, text: str) -> None:
    """Reasons of a change and uses of the money, which perfgen prints in its sentences."""
    if match := _REASONS.search(text):
        reasons = [r.strip("，,；; ") for r in _ORDINAL.split(match[1]) if r.strip("，,；; ")]
        captured = {c.path[3] for c in sentence.captures if len(c.path) > 3}
        block = "procurement" if "procurement" in captured or "采购" in text else "income"
        path = (*FIN, block, "change_reasons")
        sentence.captures.append(Capture(path, tuple(reasons), text))
    for capture in list(sentence.captures):
        key = ".".join(str(p) for p in capture.path[2:])
        if key in _USES:
            where = text.find(str(capture.value).rstrip("0").rstrip("."))
            use = _USE.search(text, where if where >= 0 else 0)
            if use is not None:
                path = (*FIN, "expenditure", _USES[key])
                sentence.captures.append(Capture(path, _balanced(use[1]).strip("，, "), text))


def _balanced(text: str) -> str:
    """``text`` up to a closing bracket it did not open: the use “日常办公开支” of
    “（…公用经费75.61万元，主要用于日常办公开支）”."""
    depth = 0
    for n, char in enumerate(text):
        depth += (char in "（(") - (char in "）)")
        if depth < 0:
            return text[:n]
    return text
