"""A figure stated once: what the reader takes from a heading, what it leaves to the cash
expenditure, and what a draft of an import prints when the source's sentence is kept.

Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import compose, finances, minimal, published_report

from perfgen.reading import read_report
from perfgen.reading.sentences import heading_figure, read_finances
from perfgen.reading.staff_and_score import read_functions, staff_listed


def _captured(text: str, heading: tuple[str, str] | None = None) -> dict[str, Decimal]:
    return {
        ".".join(map(str, c.path[2:])): c.value
        for c in read_finances(text, "all", heading).captures
    }


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("基本支出", ("expenditure.basic", "基本支出")),
        ("项目支出", ("expenditure.project", "项目支出")),
        ("基本支出情况说明", None),  # not a figure's name alone
        ("基本支出98.93万元", None),  # a sentence, not a heading
        ("收入支出决算总体情况", None),
    ],
)
def test_the_figure_a_heading_names(text: str, figure: tuple[str, str] | None) -> None:
    assert heading_figure(text) == figure


BASIC = ("expenditure.basic", "基本支出")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a character dropped from 基本支出: 989312.11元 = 98.931211万元 → 98.93
        (
            "基本支989312.11元,其中工资福利支出958359.61元。",
            {"expenditure.basic": Decimal("98.93")},
        ),
        # unlabelled, the year before it
        ("2023年989312.11元。", {"expenditure.basic": Decimal("98.93")}),
        # another label keeps its meaning: one project's spending is not 项目支出's total
        ("免费开放项目支出251384.66元。", {}),
        ("人员经费80.00万元。", {"expenditure.personnel": Decimal("80.00")}),
    ],
)
def test_an_amount_under_a_heading_that_names_it(text: str, want: dict[str, Decimal]) -> None:
    assert _captured(text, BASIC) == want


def test_without_the_heading_a_cut_label_names_nothing() -> None:
    assert _captured("基本支989312.11元。") == {}
    assert _captured("989312.11元。") == {}


@pytest.mark.parametrize("line", ["工资福利支出", "商品和服务支出", "对个人和家庭的补助支出"])
def test_the_cash_expenditure_by_economic_class_is_not_a_cost_line(line: str) -> None:
    # 支出 (收付实现制) by economic classification, not 费用 (权责发生制): no field holds it
    assert _captured(f"{line}95.84万元。") == {}


def test_the_cost_lines_are_read_by_their_names() -> None:
    got = _captured("工资福利费用95.84万元，商品和服务费用3.10万元。")
    assert got == {
        "expense.wage_and_welfare": Decimal("95.84"),
        "expense.goods_and_services": Decimal("3.10"),
    }


def test_the_staff_in_post_by_body_after_the_establishment() -> None:
    # 113 + 10 + 5 = 128 in post, 2 + 75 = 77 retired; 128 + 77 = 205 = the 编制人员
    listed = staff_listed(
        "现有编制人员205人。",
        "其中,局机关在职113人、离休2人、退休75人、财政事务中心10人,国库集中支付中心5人。",
    )
    assert listed is not None
    assert listed.value == {"局机关": 113, "财政事务中心": 10, "国库集中支付中心": 5}


@pytest.mark.parametrize(
    ("sentence", "following"),
    [
        # posts, not people: a breakdown of the establishment (20 + 6 = 26), not of the staff
        ("编制数26人。", "其中行政编制20人、事业编制6人。"),
        # people, but 100 + 5 + 3 = 108 ≠ 110: the list is not all of them
        ("现有编制人员110人。", "其中,机关在职100人、退休5人、中心3人。"),
        # no headcount before it
        ("本局负责全区工作。", "其中,机关在职100人、退休5人、中心3人。"),
    ],
)
def test_what_is_not_a_list_of_the_staff_in_post(sentence: str, following: str) -> None:
    assert staff_listed(sentence, following) is None


def test_the_staff_in_post_in_one_sentence_with_the_establishment() -> None:
    # 30 + 6 = 36 in post, 4 retired: 36 + 4 = 40 = 编制
    got = {
        str(c.path[-1]): c.value
        for c in read_functions("编制人员40人，其中机关在职30人、中心在职6人、退休4人。").captures
    }
    assert got["breakdown"] == {"机关": 30, "中心": 6}
    assert got["retired"] == 4 and got["authorized_headcount"] == 40


def test_a_total_is_not_the_sum_of_the_parts_given_when_one_is_missing() -> None:
    # 基本支出 alone: 总支出 (基本支出 + 项目支出) is not known, no 支出 sentence is printed;
    # with 项目支出 too, 98.93 + 44.17 = 143.10
    alone = compose(minimal(basic_info=finances(expenditure={"basic": "98.93"})))
    assert "总支出" not in alone
    both = compose(minimal(basic_info=finances(expenditure={"basic": "98.93", "project": "44.17"})))
    assert "总支出143.10万元" in both


def _report(tmp_path: Path, *body: str) -> Path:
    return published_report(
        tmp_path,
        "测试馆2023年部门整体支出绩效自评报告",
        "一、部门基本情况",
        "(一)部门职能",
        *body,
        "二、存在问题",
        "问题甲。",
    )


def test_a_sentence_kept_in_yuan_is_not_stated_again(tmp_path: Path) -> None:
    # 1451077.73元 = 145.107773万元: the import keeps the 元 sentence, so perfgen's own income
    # sentence (145.11万元) is omitted; the figures still reach their fields for the checks
    path = _report(
        tmp_path,
        "本馆负责全县图书借阅。",
        "(二)部门整体收支情况",
        "2023年收入1451077.73元,其中:财政拨款收入1431036.77元,其他收入20040.96元。",
    )
    data = read_report(path).data
    assert data["settings"]["omit"] == ["income"]
    assert data["basic_info"]["finances"]["income"]["total"] == Decimal("145.11")
    draft = compose(data)
    assert draft.count("1451077.73元") == 1 and "145.11万元" not in draft


def test_staffing_kept_as_written_is_not_stated_again(tmp_path: Path) -> None:
    # the 其中 sentence goes on from the first: both stay, perfgen's staffing sentence does not
    path = _report(
        tmp_path,
        "本馆负责全县图书借阅。",
        "现有编制人员40人。其中,馆本部在职30人、分馆在职6人、退休4人。",
    )
    data = read_report(path).data
    assert data["settings"]["omit"] == ["staffing"]
    staffing = data["basic_info"]["functions"]["staffing"]
    assert staffing["breakdown"] == {"馆本部": 30, "分馆": 6}  # 30 + 6 + 4 = 40
    draft = compose(data)
    assert draft.count("40人") == 1 and "编制数40人" not in draft


def test_a_short_staffing_sentence_is_still_written_again(tmp_path: Path) -> None:
    path = _report(tmp_path, "本馆负责全县图书借阅。", "编制数8人，实有在职人员8人。")
    data = read_report(path).data
    assert "settings" not in data or "staffing" not in data["settings"].get("omit", [])
    assert "编制数8人，实有在职人员8人" in compose(data)
