"""The published samples with their mistakes kept (tests/fixtures/as-published/): ``check`` reports
every mistake tests/fixtures/published-text/README.md lists, rule by rule, and nothing else that is wrong;
the corrected data/ files give no finding at all.

Each expected finding below is one mistake of the README (or one the sample makes beside it),
with the place a reader finds it; the figures in the comments are read off the sample text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import DATA, SAMPLES

import perfgen
from perfgen.locations import dotted

PUBLISHED = Path(__file__).parent / "fixtures" / "as-published"
TODAY = dt.date(2024, 7, 1)

EXPECTED: dict[str, list[tuple[str, str, str]]] = {
    "nansha-npc-office-2023": [
        # “支出决算总数2503.22万元” against 总支出 2503.53 (2503.22 is the appropriation income)
        ("amount-differs", "evaluation.conclusion[0]", "支出决算总数2503.22万元"),
        # 99.07% was computed from the wrong 2503.22: 2503.53 ÷ 2526.63 = 99.09%
        ("rate-differs", "evaluation.conclusion[0]", "预算执行完成率99.07%"),
        # “较去年提高 13.%” and “较2022年度提高2.64%”: rate changes in % for 个百分点
        ("change-in-percent", "evaluation.conclusion[0]", "提高13.%"),
        ("change-in-percent", "evaluation.conclusion[0]", "提高2.64%"),
        # the goals and the problems were typed with their numbers (“1.以习近平…”, “2.…”)
        ("typed-numbering", "basic_info.performance_goals[0].text[0]", "“1.以习近平"),
        ("typed-numbering", "problems[0].text[0]", "“1.满意度调查"),
    ],
    "nansha-cppcc-office-2022": [
        # 一（三） repeats the first paragraph of （二） word for word
        ("repeated-paragraph", "basic_info.finances.text[0]", "完全相同"),
        # 99.8% overall with 99.89% basic on 1496.13 and 91.69% project on 457.94: the
        # weighted mean is 1954.07 ÷ (1496.13 ÷ 99.89% + 457.94 ÷ 91.69%) = 97.84%
        ("rate-weighted", "basic_info.finances.budget.execution_rate", "97.84%"),
        # 人员经费 1356 + 公用经费 140.12 = 1496.12, 基本支出 1496.13
        ("sum-rounded", "basic_info.finances.expenditure.basic", "人员经费（1356）"),
        # the achievements are numbered 1、2、3、5、6、7
        ("enumeration-gap", "evaluation.achievements[3].text[0]", "“5、”接在“3、”之后"),
        # 年初预算 2959.47 in 一（三）, 2959.46 in 二（二）1
        ("amount-differs", "evaluation.management_efficiency.items[0].text[1]", "2959.46万元"),
        # 项目支出 457.94 in 一（三）, 429.65 in 二（二）2, with its rate 86.03% for 91.69%
        ("amount-differs", "evaluation.management_efficiency.items[1].text[1]", "429.65万元"),
        # … and 基本支出 1496.13 + 项目支出 429.65 = 1925.78 against the 1954.07 it is part of
        ("total-against-parts", "evaluation.management_efficiency.items[1].text[1]", "1925.78"),
        ("rate-differs", "evaluation.management_efficiency.items[1].text[1]", "86.03%"),
        # overall rate 99.8% in 一（三）, 99.98% in 二（二）2
        ("rate-differs", "evaluation.management_efficiency.items[1].text[1]", "99.98%"),
        # the duties and the achievements were typed with their numbers (“1、负责…”, “2、…”)
        ("typed-numbering", "basic_info.functions.duties[0]", "“1、负责政协"),
        ("typed-numbering", "evaluation.achievements[0].text[0]", "“1、全面加强"),
    ],
    "nansha-party-committee-office-2023": [
        # the targets are implied, not stated: five quantitative indicators have none …
        *(
            ("indicator-incomplete", f"evaluation.duty_effectiveness.indicators[{n}]", "target")
            for n in (1, 2, 5, 6, 7)
        ),
        # … so their whole-number completion rates cannot be checked (88 人次 → 110%)
        ("rate-unverifiable", "evaluation.duty_effectiveness.points[0].text[0]", "110%"),
        ("rate-unverifiable", "evaluation.duty_effectiveness.points[0].text[0]", "144%"),
        ("rate-unverifiable", "evaluation.duty_effectiveness.points[1].text[0]", "133%"),
        (
            "rate-unverifiable",
            "evaluation.duty_effectiveness.points[1].text[0]",
            "“信息稿件成果被国家采纳”",
        ),
        ("rate-unverifiable", "evaluation.duty_effectiveness.points[1].text[0]", "完成指标率120%"),
        # “执行省委、市委、区委（含开发区党工委的工作部署”: the bracket is never closed
        ("unpaired-mark", "basic_info.functions.text[0]", "区委（含开发区党工委的"),
    ],
}


def _found(path: Path) -> list[perfgen.Finding]:
    source = perfgen.load(path)
    return perfgen.check(source, perfgen.derive(source), TODAY)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_published_mistake_is_reported(name: str) -> None:
    found = _found(PUBLISHED / f"{name}.yaml")
    seen = [(f.rule, dotted(f.path), f.message) for f in found]
    unmatched = list(seen)
    for rule, where, words in EXPECTED[name]:
        match = next((s for s in unmatched if s[:2] == (rule, where) and words in s[2]), None)
        assert match is not None, (rule, where, words, seen)
        unmatched.remove(match)
    assert unmatched == []  # nothing beyond the mistakes: no false positive on the real text


@pytest.mark.parametrize("name", SAMPLES)
def test_the_corrected_files_give_no_finding_at_all(name: str) -> None:
    assert _found(DATA / f"{name}.yaml") == []
