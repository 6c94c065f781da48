"""The narrative rules: what the clerk's text says against the figures and against itself.

Each rule has a hand-made case that triggers it and a near miss that must not (the samples'
own sentences where possible); the reading underneath (mentions, slips, enumerations, repeats)
is tested directly. Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from helpers import finances, found, minimal, read
from hypothesis import event, given, settings
from hypothesis import strategies as st

import perfgen
from perfgen.locations import FieldPath
from perfgen.narrative import enumerations, repeats
from perfgen.narrative.mentions import (
    Count,
    Counted,
    amounts,
    counted_things,
    counts,
    rate_changes,
    rates,
    sentence_bounds,
)
from perfgen.narrative.passages import Passage
from perfgen.narrative.subjects import (
    Subject,
    count_words,
    counts_and_words_after,
    subject,
    subject_words,
    words_after,
    words_after_in,
)
from perfgen.narrative.typos import slip
from perfgen.rules import counting
from perfgen.rules.registry import Context

NPC_SPENDING = {"total": D("2503.53"), "basic": D("1897.96"), "project": D("605.58")}
NPC_INCOME = {"total": D("2514.62"), "appropriation": D("2503.22"), "other": D("11.40")}


def conclusion(*paragraphs: str, **finance: Any) -> dict[str, Any]:
    """The minimal input with ``paragraphs`` as the conclusion and ``finance`` blocks."""
    return minimal(
        basic_info=finances(**finance), evaluation={"score": 95, "conclusion": list(paragraphs)}
    )


def _passage(text: str) -> Passage:
    return Passage(("evaluation", "conclusion", 0), text, True)


# --- reading --------------------------------------------------------------------------------


def test_amounts_are_read_exactly_in_wan() -> None:
    text = (
        "工资福利费用 1,519.36\n万元，另有补助500元，全年资金1.2亿元，捐款近30万元，资助30余万元。"
    )
    found_amounts = [(m.value, m.label, m.approximate) for m in amounts(_passage(text))]
    assert found_amounts == [
        (D("1519.36"), "工资福利费用", False),
        (D("0.0500"), "另有补助", False),  # 500 元 = 0.05 万元
        (D("12000.0"), "全年资金", False),  # 1.2 亿元 = 12000 万元
        (D("30"), "捐款", True),
        (D("30"), "资助", True),
    ]


def test_a_bracket_opens_a_label_and_a_closed_remark_is_no_label() -> None:
    # the party's “基本支出962.44万元（人员经费886.83万元，…；公用经费75.61万元）” and a
    # remark between label and figure: “调整后预算（全年预算数）2526.63万元”
    text = "基本支出962.44万元（人员经费886.83万元，主要用于工资），调整后预算（全年预算数）2526.63万元。"
    found_amounts = [
        (m.value, m.label, text[m.start : m.start + len(str(m.value))])
        for m in amounts(_passage(text))
    ]
    assert found_amounts == [
        (D("962.44"), "基本支出", "962.44"),
        (D("886.83"), "人员经费", "886.83"),
        (D("2526.63"), "调整后预算", "2526.63"),
    ]


def test_rates_keep_their_written_decimals() -> None:
    text = "预算执行完成率为 99.07%，较去年提高 13.%，项目预算执行率超过95%。"
    assert [(m.value, m.decimals, m.label, m.approximate) for m in rates(_passage(text))] == [
        (D("99.07"), 2, "预算执行完成率", False),
        (D("13"), 0, "较去年提高", False),
        (D("95"), 0, "项目预算执行率超过", True),  # a bound, not a value
    ]


def test_counts_name_the_thing_they_count() -> None:
    text = "对5项法规开展检查，召开会议12次，接待来访3批次7人次，年度98件立案提案全部办结。"
    assert [(c.value, c.key) for c in counts(_passage(text))] == [
        (D(5), "项法规开展"),
        (D(12), "召开会议次"),
        (D(3), "接待来访批次"),
        (D(98), "件立案提案"),
    ]
    assert [c.key for c in counts(_passage("提高2.64个百分点，开展活动80多次"))] == ["开展活动次"]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("1234.56", "1243.56", "swap"),  # the example
        ("2959.47", "2959.46", "digit"),  # the CPPCC sample's 年初预算
        ("1234.50", "123.45", "point"),
        ("1234.56", "12345.60", "point"),
        ("2503.53", "2503.22", None),  # two digits differ: not one slip
        ("1234.56", "1264.53", None),  # a swap of non-neighbours is not read as one
        ("9.43", "9.48", None),  # three significant digits: too small to tell
        ("1829.40", "1829.4", None),  # the same amount
    ],
)
def test_slips(first: str, second: str, expected: str | None) -> None:
    assert slip(D(first), D(second)) == expected
    assert slip(D(second), D(first)) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["一是加强编制；二是加快执行；三是强化监控。"], []),
        (["一是加强编制；三是加快执行。"], [("三是", "二是", "一是")]),
        (["一是甲；二是乙。另，一是丙；二是丁。"], []),  # a second enumeration restarts
        (["①甲②乙④丙"], [("④", "③", "②")]),
        (["一是甲；二是乙；二是丙。"], [("二是", "三是", "二是")]),  # a repeat
        (["十是甲；十一是乙；十三是丙。"], [("十三是", "十二是", "十一是")]),
    ],
)
def test_inline_enumerations(texts: list[str], expected: list[tuple[str, str, str]]) -> None:
    passages = [_passage(t) for t in texts]
    gaps = [(g.found, g.expected, g.previous) for g in enumerations.gaps(passages)]
    assert gaps == expected


def test_item_numbers_across_a_list_and_only_across_one_list() -> None:
    def item(n: int, text: str, field: str = "achievements") -> Passage:
        return Passage(("evaluation", field, n, "text", 0), text, True)

    skipped = [item(0, "1、甲；"), item(1, "2、乙；"), item(2, "3、丙；"), item(3, "5、丁。")]
    assert [(g.path, g.found, g.expected) for g in enumerations.gaps(skipped)] == [
        (("evaluation", "achievements", 3, "text", 0), "5、", "4、")
    ]
    # two lists each numbered from 1, and （1）（2） in order: no gap
    two = [item(0, "1、甲"), item(1, "2、乙"), item(0, "1、丙", "outcomes"), item(1, "（2）丁")]
    assert list(enumerations.gaps(two)) == []


def test_item_numbers_of_another_form_are_no_step_of_the_sequence() -> None:
    # issue 22: a heading “1.职责职能” the reader kept beside the duty “(6)…” was reported as
    # “(6) after 1., should be (2)”; numbers of one form, whatever the bracket width, still are
    def item(n: int, text: str) -> Passage:
        return Passage(("basic_info", "functions", "text", n), text, True)

    heading = [item(0, "1.职责职能"), item(1, "(6)承担统筹推进法治政府建设的责任。")]
    assert list(enumerations.gaps(heading)) == []
    han = [item(0, "（一）主要职能"), item(1, "(3)负责档案接收。")]
    assert list(enumerations.gaps(han)) == []
    widths = [item(0, "(1)负责档案接收。"), item(1, "（3）负责档案保管。")]
    assert [(g.found, g.expected, g.previous) for g in enumerations.gaps(widths)] == [
        ("（3）", "（2）", "(1)")
    ]


def test_repeats_word_for_word_and_nearly_but_not_short_or_different() -> None:
    long = "2022年，在中共南沙区委的坚强领导下，区政协常委会坚持以习近平新时代中国特色社会主义思想为指导，扎实工作。"
    assert len(long) >= 50
    nearly = long.replace("坚强", "正确")  # 2 of 54 characters differ: ratio 52 ÷ 54 = 0.96
    short = "具体绩效目标完成情况如下："
    other = "区政协办公室根据工作职责和工作计划开展2022年部门预算编制工作，按照收支平衡、保障重点的原则合理编制。"

    def at(n: int, text: str) -> Passage:
        return Passage(("basic_info", "finances", "text", n), text, True)

    found_repeats = [
        (r.first.path[-1], r.again.path[-1], r.similarity)
        for r in repeats.repeats(
            [at(0, long), at(1, short), at(2, short), at(3, other), at(4, long), at(5, nearly)]
        )
    ]
    assert found_repeats == [(0, 4, D(1)), (0, 5, D("0.96"))]


def test_rate_changes_only_of_rates() -> None:
    text = (
        "项目支出完成率96.33%，较2022年度提高2.64%；总收入同比增加198.68万元，增幅8.58%；"
        "采购金额同比下降60.92%；执行率提高2.64个百分点；预算执行率99%，支出金额增长5%。"
    )
    assert [(c.rate, c.written) for c in rate_changes(_passage(text))] == [
        ("项目支出完成率", "提高2.64%")
    ]


# --- the rules ------------------------------------------------------------------------------


def test_unterminated_paragraph_and_its_near_misses() -> None:
    data = conclusion(
        "全年完成各项工作任务，但部分项目的执行进度",  # cut off
        "全年完成各项工作任务。",
        "主要做法如下：",  # a lead-in
        "详见“附件2”。",
        "（包括“十佳主题党日活动”。）",
    )
    data["problems"] = ["预算执行进度偏慢", "制度有待完善"]  # an inline list: fragments
    assert found(data, "unterminated") == [
        (
            "unterminated",
            "evaluation.conclusion[0]",
            "段落末尾没有结束标点：“…工作任务，但部分项目的执行进度”；请补上标点，或核对这段是否被截断",
        )
    ]
    data["settings"] = {"list_styles": {"problems": "numbered"}}  # now each is a paragraph
    assert [f[1] for f in found(data, "unterminated")][1:] == [
        "problems[0].text[0]",
        "problems[1].text[0]",
    ]


def test_amount_differs_names_both_figures_and_says_what_the_amount_is() -> None:
    data = conclusion(
        "1.我单位2023年年度预算总数2526.63万元，支出决算总数2503.22万元，预算执行完成率为99.09%。",
        expenditure=NPC_SPENDING,
        income=NPC_INCOME,
        budget={"adjusted": D("2526.63")},
    )
    data["year"] = 2023  # the NPC report's year, which its sentence names
    assert found(data, "amount-differs") == [
        (
            "amount-differs",
            "evaluation.conclusion[0]",
            "文中写“支出决算总数2503.22万元”，而总支出为 2503.53 万元"
            "（basic_info.finances.expenditure.total）；2503.22 万元是一般公共预算财政拨款收入",
        )
    ]
    # the same sentence with the right total, and amounts of other years or approximate ones
    right = data["evaluation"]["conclusion"][0].replace("2503.22", "2503.53")
    other_year = "上年总支出2300.00万元，捐款近30万元。"
    data["evaluation"]["conclusion"] = [right, other_year]
    assert found(data, "amount-differs") == [] and found(data, "amount-slip") == []


def test_amount_slip_against_a_figure_and_against_another_mention() -> None:
    data = conclusion(
        "全年共使用资金1243.56万元。",  # 1234.56 with 3 and 4 swapped
        "另安排专项经费865.20万元；其中专项经费856.20万元用于会务。",
        expenditure={"total": D("1234.56"), "basic": D("1000.00"), "project": D("234.56")},
    )
    assert found(data, "amount-slip") == [
        (
            "amount-slip",
            "evaluation.conclusion[0]",
            "文中的 1243.56万元 与总支出（1234.56 万元）两位数字颠倒，请核对哪个正确",
        ),
        (
            "amount-slip",
            "evaluation.conclusion[1]",
            "文中的 856.20万元 与同一文件中的“865.20万元”（865.20 万元）两位数字颠倒，请核对哪个正确",
        ),
    ]


def test_rate_differs_at_the_written_precision() -> None:
    spending = {"total": D("2503.53"), "basic": D("1897.96"), "project": D("605.58")}
    budget = {"adjusted": D("2526.63"), "basic": D("1897.96"), "project": D("628.67")}
    # 2503.53 ÷ 2526.63 = 99.0857…%: 99.09 at two decimals, 99.1 at one
    data = conclusion(
        "预算执行完成率为99.07%，基本支出预算完成率100%，项目支出完成率96.33%。",
        "预算执行率为99.1%；其他收入11.40万元，占总收入的0.45%。",
        expenditure=spending,
        budget=budget,
        income=NPC_INCOME,
    )
    assert found(data, "rate-differs") == [
        (
            "rate-differs",
            "evaluation.conclusion[0]",
            "文中写“预算执行完成率99.07%”，而预算执行率为 99.09%",
        )
    ]
    data["evaluation"]["conclusion"] = ["一般公共预算财政拨款收入2503.22万元，占总收入的99.56%。"]
    # 2503.22 ÷ 2514.62 = 99.5466…% → 99.55%
    assert [f[2] for f in found(data, "rate-differs")] == [
        "文中写“占总收入的99.56%”，而2503.22万元占总收入的比重为 99.55%"
    ]


def test_indicator_rates_differ_or_cannot_be_checked() -> None:
    indicators = [
        {"kind": "output", "name": "业务岗位培训人数", "target": 80, "actual": 88, "unit": "人次"},
        {"kind": "output", "name": "会议参与人数", "actual": 1300, "unit": "人次"},
        {"kind": "output", "name": "交办任务事项", "comparator": "定性", "achieved": "达成"},
    ]
    data = minimal(
        settings={"indicator_rate_decimals": 0},
        evaluation={
            "score": 95,
            "duty_effectiveness": {"indicators": indicators},
            "conclusion": [
                "交办任务事项，指标完成率为100%，业务岗位培训人数88人次，指标完成率为111%，"
                "会议参与人数约1300人次，指标完成率为144%。"
            ],
        },
    )
    # 88 ÷ 80 = 110%; 会议参与人数 has no target; 达成 reads 100%, as written
    assert [f[2] for f in found(data, "rate-differs")] == [
        "文中写“指标完成率111%”，而指标“业务岗位培训人数”的完成率为 110.00%"
    ]
    assert [f[2] for f in found(data, "rate-unverifiable")] == [
        "文中写“指标完成率144%”，但指标“会议参与人数”没有年度指标值，完成率无法核对；请填写 target"
    ]


def test_change_in_percent_in_the_npc_sentence_and_not_in_its_growth_rates() -> None:
    data = conclusion(
        "预算执行完成率为99.07%，较去年提高13.%；项目支出完成率96.33%，较2022年度提高2.64个百分点。",
        "总收入2514.62万元，同比增加198.68万元，增幅8.58%。",
    )
    assert [f[2] for f in found(data, "change-in-percent")] == [
        "“预算执行完成率”的变化写作“提高13.%”：两个比率之差应写作“个百分点”（perfgen 计算的句子已如此）"
    ]


def test_count_differs_but_not_for_comparisons_or_approximations() -> None:
    data = minimal(
        basic_info={
            "functions": {},
            "annual_work": {"text": ["全年对5项法规开展执法检查，开展学习教育宣讲活动80多次。"]},
            "finances": {},
        },
        evaluation={
            "score": 95,
            "conclusion": [
                "本年对7项法规开展执法检查，较上年的5项法规增加2项。",
                "开展学习教育宣讲活动90多次。",
            ],
        },
    )
    assert found(data, "count-differs") == []  # the 7 stands in a comparison
    data["evaluation"]["conclusion"][0] = "本年对7项法规开展执法检查。"
    assert [f[2] for f in found(data, "count-differs")] == [
        "“7项”与同一文件中的“5项”说的似是同一事项（“项法规开展”），数量不同"
    ]


def _count_findings(*paragraphs: str) -> list[str]:
    """The count-differs messages on a 2024 report whose conclusion is ``paragraphs``."""
    return [f[2] for f in found(conclusion(*paragraphs), "count-differs")]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # a scope before the number: district projects are not community projects
        ("全年推进区级重点项目8个。", "推进社区重点项目80个，均按期完成。"),
        # a kind before the number: letters from the public are not deputies' proposals
        ("全年群众来信210件全部办结。", "人大代表建议36件全部办结。"),
        # an activity and its object before the number
        ("召开专题会议1次，举办业务培训2次。",),
        ("组织专题培训1次。", "参加专题培训2次。"),
        # a role or an event around the number: the awarded are not the trained
        ("3名同志获评先进，30名同志参加轮训。",),
        ("表彰5名干部，鼓舞了士气。", "培训50名干部，提升了能力。"),
        # a qualifier on one side only: a part, or the whole, the reader cannot tell
        ("内设副科级事业单位2个，负责财政事务。", "直属事业单位10个，负责国库支付。"),
        # another period: the year before the evaluated one, a half year
        ("2023年，全局组织调研6次。", "全局组织调研9次。"),
        ("上半年组织调研6次，全年组织调研9次。",),
        # another unit of count: batches are not visitors
        ("接待来访群众5批次。", "接待来访群众40人次。"),
    ],
)
def test_count_differs_stays_silent_on_counts_of_different_things(
    paragraphs: tuple[str, ...],
) -> None:
    assert _count_findings(*paragraphs) == []


def test_count_differs_reports_the_same_phrase_with_another_number() -> None:
    # the same activity with its object, the evaluated year named in one and not the other
    assert _count_findings("2024年，全年召开专题会议4次。", "召开专题会议6次，研究重大事项。") == [
        "“6次”与同一文件中的“4次”说的似是同一事项（“专题会议次”），数量不同"
    ]
    # the same role after the number, with a leading 共
    assert _count_findings("全年共3名同志获评先进。", "4名同志获评先进，受到通报表扬。") == [
        "“4名”与同一文件中的“3名”说的似是同一事项（“名同志获评”），数量不同"
    ]


def test_amount_and_rate_differs_stay_silent_on_another_period_or_subordinate_units() -> None:
    # a 2024 report: what 2023, the first half year or the subordinate units spent is not its
    # own 项目支出 (605.58) or 预算执行率 (2503.53 ÷ 2526.63 = 99.09%)
    data = conclusion(
        "2023年，项目支出505.58万元，预算执行率95.00%。",
        "上半年项目支出300.00万元，预算执行率50.00%。",
        "截至6月底，支出决算总数1200.00万元。",
        "下属单位项目支出100.00万元，二级单位预算执行率90.00%。",
        expenditure=NPC_SPENDING,
        budget={"adjusted": D("2526.63")},
    )
    rules = ("amount-differs", "rate-differs", "amount-slip")
    assert [f for f in found(data) if f[0] in rules] == []
    # the same words for the year evaluated, named or not, are compared
    data["evaluation"]["conclusion"] = [
        "2024年，项目支出505.58万元。",
        "全年预算执行率95.00%。",
    ]
    assert [(f[0], f[2][:20]) for f in found(data) if f[0] in rules] == [
        ("amount-differs", "文中写“项目支出505.58万元”，而项"),
        ("rate-differs", "文中写“全年预算执行率95.00%”，而"),
    ]


def _rate_findings(*paragraphs: str) -> list[str]:
    """The rate-against-amounts messages on a 2024 report whose conclusion is ``paragraphs``."""
    return [f[2] for f in found(conclusion(*paragraphs), "rate-against-amounts")]


def test_rate_against_amounts_of_its_own_sentence() -> None:
    # 3824.26 ÷ 4753.66 = 80.4487…% → 80.45%; the sentence says 100%
    assert _rate_findings("年度资金总额4753.66万元，全年执行数3824.26万元，执行率100%。") == [
        "文中写“执行率100%”，而同句的全年执行数3824.26万元 ÷ 年度资金总额4753.66万元 = 80.45%"
    ]
    # 80.46% at two decimals stands for [80.455, 80.465); the amounts allow
    # 3824.255 ÷ 4753.665 = 80.4486% up to 3824.265 ÷ 4753.655 = 80.4490%
    assert len(_rate_findings("预算总额4753.66万元，实际支出3824.26万元，执行率80.46%。")) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        # correctly rounded at the stated precision: 80.4487% is 80.45%, 80.4%, 80%
        "年度资金总额4753.66万元，全年执行数3824.26万元，执行率80.45%。",
        "年度资金总额4753.66万元，全年执行数3824.26万元，执行率80.4%。",
        "年度资金总额4753.66万元，全年执行数3824.26万元，执行率80%。",
        # 1.2亿元 is 1.15 to 1.25亿元: 11800 ÷ 12500 = 94.4% up to 11800 ÷ 11500 = 102.6%
        "年初预算1.2亿元，全年支出11800万元，执行率98%。",
        # two budgets: which one the rate is of, the reader cannot tell
        "年初预算1000万元，调整预算1200万元，支出1000万元，执行率100%。",
        # another year's budget and spending
        "2023年预算总额100万元，支出80万元，执行率100%。",
        # an indicator's completion rate is not the budget's
        "预算总额100万元，支出80万元，培训指标完成率100%。",
        # the NPC report's own sentence: 2503.22 ÷ 2526.63 = 99.0735% → 99.07% agrees with the
        # amounts beside it (that 2503.22 is not 总支出 is amount-differs' finding)
        "1.我单位2024年年度预算总数2526.63万元，支出决算总数2503.22万元，预算执行完成率为99.07%。",
    ],
)
def test_rate_against_amounts_near_misses(sentence: str) -> None:
    assert _rate_findings(sentence) == []


def _form(header: list[str], row: list[str]) -> list[str]:
    """rate-against-amounts on a form read one cell a paragraph (a 2024 report)."""
    return _rate_findings(*header, *row)


STANDARD_HEADER = ["年初", "预算数", "全年预算数", "全年", "执行数", "分值", "执行率", "得分"]


def test_rate_against_amounts_in_a_form_read_cell_by_cell() -> None:
    # 全年执行数 960.00 ÷ 全年预算数 1200.00 = 80.00%, the form says 100%
    row = ["年度资金总额", "1000.00万元", "1200.00万元", "960.00万元", "10", "100%", "10"]
    assert _form(STANDARD_HEADER, row) == [
        "文中写“执行率100%”，而表中同一行的全年执行数960.00万元 ÷ 全年预算数1200.00万元 = 80.00%"
    ]
    # near misses: the rate of 全年预算数 (not 年初预算数) agrees; another table's columns
    row[5] = "80%"
    assert _form(STANDARD_HEADER, row) == []
    row[5] = "100%"
    other = ["年初", "预算数", "全年预算数", "全年", "执行数", "分值", "完成率", "得分"]
    assert _form(other, row) == []


def test_amount_slip_stays_silent_on_last_year_other_periods_and_subordinate_units() -> None:
    # 总支出 1520.80 this year; 1520.30 differs by one digit but is another year's, another
    # unit's, or the other side of a comparison
    spending = {"total": D("1520.80"), "basic": D("1000.00"), "project": D("520.80")}
    data = conclusion(
        "上年总支出1520.30万元，本年有所增加。",
        "2023年，全局支出1520.30万元。",
        "较上年的1520.30万元增加0.50万元。",
        "下属单位支出1520.30万元。",
        expenditure=spending,
    )
    assert found(data, "amount-slip") == []
    # the same amount for the year evaluated is still a slip of 1520.80
    data["evaluation"]["conclusion"] = ["全年使用资金1520.30万元。"]
    assert [f[2] for f in found(data, "amount-slip")] == [
        "文中的 1520.30万元 与总支出（1520.80 万元）一位数字不同，请核对哪个正确"
    ]


def test_amount_slip_does_not_compare_an_amount_written_in_yuan_with_a_figure_in_wan() -> None:
    # 876534.21元 is 87.653421 万元, 87.65 once rounded: one digit from 87.66, but the digits
    # written (876534.21) are not those of 87.66 万元 (876600): no slip of the pen
    spending = {"total": D("87.66"), "basic": D("80.00"), "project": D("7.66")}
    data = conclusion("基本支876534.21元，用于人员工资。", expenditure=spending)
    assert found(data, "amount-slip") == []
    # the same amount written in 万元 is compared
    data["evaluation"]["conclusion"] = ["全年使用资金87.65万元。"]
    assert [f[2] for f in found(data, "amount-slip")] == [
        "文中的 87.65万元 与总支出（87.66 万元）一位数字不同，请核对哪个正确"
    ]


def test_the_sentence_around_a_figure_is_found_by_its_ends() -> None:
    text = "甲乙。丙12项丁；戊"
    # the figure 12项 stands at 4..7: its sentence runs from after 。 (2) to ； (8)
    assert sentence_bounds(text, 4, 7) == (3, 8)
    assert sentence_bounds(text, 0, 2) == (0, 2)  # before the first end: from the start
    assert sentence_bounds(text, 9, 10) == (9, 10)  # after the last end: to the text's end
    assert sentence_bounds("无标点", 1, 2) == (0, 3)


def test_figures_of_a_long_paragraph_keep_their_own_sentences() -> None:
    """Each count of a paragraph of many sentences reads only its own sentence, as in a short
    one (the sentence is found by bisection, not by splitting the text before it)."""
    sentence = "本年对{n}项法规开展执法检查，召开会议{m}次。"
    text = "".join(sentence.format(n=n, m=n + 1) for n in range(1, 201))
    found_counts = list(counts(Passage(("x",), text, True)))
    assert len(found_counts) == 400
    last = found_counts[-1]
    assert (last.written, last.sentence, last.rest) == (
        "201次",
        "本年对200项法规开展执法检查，召开会议",
        "",
    )
    assert (found_counts[0].key, found_counts[0].sentence) == ("项法规开展", "本年对")
    assert found_counts[1].rest == ""


def test_a_count_found_before_its_sentence_is_read_has_the_same_words_after_it() -> None:
    """count-differs groups counts by their unit and the words after them before reading their
    sentences (:func:`counted_things`): the words read from the sentence as written, spaces and
    all, are those the read count's subject holds."""
    text = "召开会议12次 研究 事项。开展培训3期（线上）；慰问5户\t困难 家庭，共评选10名“ 优秀 ”干部"
    found = list(counted_things(_passage(text)))
    # each unit is followed by no Han character, so each key is the run before the number; the
    # words after: up to the clause's end (（ and ， end one), spaces, tabs and quotes left out
    assert [(c.key, c.unit, words_after_in(c.rest())) for c in found] == [
        ("召开会议次", "次", "研究事项"),
        ("开展培训期", "期", ""),
        ("慰问户", "户", "困难家庭"),
        ("共评选名", "名", "优秀干部"),
    ]
    assert [words_after(c.count()) for c in found] == ["研究事项", "", "困难家庭", "优秀干部"]
    assert [c.count() for c in found] == list(counts(_passage(text)))


def _counts_differing(context: Context) -> list[tuple[FieldPath, str, str, str]]:
    """count-differs as its documentation states it, every count's subject read: (path, count,
    the first count of its subject, key) for each count whose subject an earlier count had
    with another number."""
    seen: dict[Subject, Count] = {}
    differing = []
    for passage in context.passages:
        for count in counts(passage):
            if count.approximate or counting._COMPARED.search(count.sentence + count.rest):
                continue
            about = subject(count, context.report.year)
            if about is None:
                continue
            first = seen.setdefault(about, count)
            if first.value != count.value:
                differing.append((passage.path, count.written, first.written, count.key))
    return differing


_CLAUSE = st.tuples(
    st.sampled_from(["", "", "", "2024年，", "上半年", "全年共", "约", "较上年", "其中"]),
    st.sampled_from(["召开会议", "对", "开展 培训"]),
    st.sampled_from(["3", "5", "03"]),
    st.sampled_from(["", "", "", "余"]),
    st.sampled_from(["次", "次", "项"]),
    st.sampled_from(["", "", "法规开展检查", " 困难家庭", "“优秀”干部", "（线上）"]),
    st.sampled_from(["，", "。", "。", " "]),
)
"""A clause of a count, in parts (its number the third): phrases with periods, comparisons,
approximations, spaces and quotes in them."""


@given(
    st.lists(_CLAUSE, min_size=1, max_size=5),
    st.lists(st.sampled_from(["", "3", "5", "12"]), min_size=5, max_size=5),
    st.lists(_CLAUSE, max_size=3),
)
@settings(max_examples=150, deadline=None, database=None)
def test_count_differs_reads_only_the_counts_that_can_differ(
    clauses: list[tuple[str, ...]], numbers: list[str], others: list[tuple[str, ...]]
) -> None:
    """The rule reads the sentence and the subject of only the counts that share their measure
    word and the words after them with a count of another number: what it finds is what it
    would find reading every count's subject (the clauses written again with other numbers
    where ``numbers`` gives one, then other clauses)."""
    again = [
        (*c[:2], number or c[2], *c[3:])
        for c, number in zip(clauses, numbers[: len(clauses)], strict=True)
    ]
    paragraphs = ["".join(map("".join, clauses)), "".join(map("".join, [*again, *others]))]
    source = read(conclusion(*paragraphs, income=NPC_INCOME))
    context = Context(source, perfgen.derive(source), dt.date(2025, 6, 1))
    hits = [
        (h.path, h.values["written"], h.values["other"], h.values["key"])
        for h in counting.count_differs(context)
    ]
    event(f"differing: {min(len(hits), 2)}")
    assert hits == _counts_differing(context)


@given(
    st.lists(_CLAUSE, min_size=1, max_size=6),
    st.sampled_from(["", "\n", "（", "；", " \t", "2023年"]),
)
@settings(max_examples=300, deadline=None, database=None)
def test_a_count_s_words_read_before_the_count_are_those_of_its_subject(
    clauses: list[tuple[str, ...]], joint: str
) -> None:
    """count-differs groups counts by all their subject's words but its period before reading
    them (:func:`count_words`, from the text as written and read backwards): the words are those
    :func:`subject_words` reads from the count, every count of the text (kept or not)."""
    text = joint.join(map("".join, clauses))
    passage = _passage(text)
    for match, after in counts_and_words_after(text):
        read = Counted(passage, match, "").count()
        assert count_words(text, match, after, text[::-1]) == subject_words(read)


@given(st.text("甲乙丙丁，。 ", max_size=60), st.text("甲乙丙丁，。 ", max_size=60))
@settings(max_examples=300, deadline=None, database=None)
def test_repeats_bound_is_never_below_the_similarity(first: str, second: str) -> None:
    """A pair of paragraphs is compared by difflib only when the characters they share could
    make them similar enough: the bound is never below the similarity itself."""
    if first or second:
        assert repeats._at_most(first, second) >= repeats._similarity(first, second)


def test_repeats_bound_counts_the_shared_characters_with_repeats() -> None:
    # 甲甲乙 and 甲乙乙 share 甲 once and 乙 once: 2 × 2 / 6 = 0.666… → 0.67; difflib's
    # ratio finds the block 甲乙 (2 characters) too: 0.67
    assert repeats._at_most("甲甲乙", "甲乙乙") == D("0.67")
    # 甲乙 and 乙甲 share both characters (bound 1) but in another order: ratio 2 × 1 / 4
    assert repeats._at_most("甲乙", "乙甲") == D(1)
    assert repeats._similarity("甲乙", "乙甲") == D("0.50")


@given(st.text("a1，。“”一丁乙佳倒卡甲乙丙丁（）\n", min_size=8, max_size=80))
@settings(max_examples=300, deadline=None, database=None)
def test_repeats_sketch_is_the_smallest_shingles(text: str) -> None:
    """A paragraph's sketch, read range after range of characters, is its six smallest distinct
    8-character runs, as taken from all of them (characters from every range the sketch reads,
    and above them)."""
    every = {text[i : i + repeats.SHINGLE] for i in range(len(text) - repeats.SHINGLE + 1)}
    assert repeats._sketch(text) == sorted(every)[: repeats.SKETCH]


@pytest.mark.parametrize("name", ["nansha-npc-office-2023", "nansha-cppcc-office-2022"])
def test_passages_are_every_text_of_every_field(name: str) -> None:
    # the walk reads only the fields that may hold text; read every field here instead
    from pathlib import Path

    from pydantic import BaseModel

    from perfgen.narrative.passages import SKIPPED, passages
    from perfgen.placeholders import contains_placeholder

    source = perfgen.load(Path(__file__).parent.parent / "data" / f"{name}.yaml")
    expected: list[tuple[FieldPath, str]] = []

    def visit(value: object, path: FieldPath) -> None:
        if isinstance(value, BaseModel):
            for field, annotation in type(value).model_fields.items():
                if field not in SKIPPED and "Literal[" not in str(annotation.annotation):
                    inner = getattr(value, field)
                    if isinstance(inner, tuple):
                        for index, item in enumerate(inner):
                            visit(item, (*path, field, index))
                    else:
                        visit(inner, (*path, field))
        elif isinstance(value, str) and value and not contains_placeholder(value):
            expected.append((path, value))

    visit(source.report, ())
    assert [(p.path, p.text) for p in passages(source.report)] == expected
    assert len(expected) > 20
