"""The rules of issue 22 on what a report states about itself: a total against its parts, a
count against its list, a unit in two groups, staff above the establishment, a template's note
left in, a cut-off heading, a repeated number, the contents against the body, and the order of
its dates. Each has a positive case, its near misses and a real text (an opening or a sample,
else a snippet in the real pattern); expected values are computed by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import audit_lines, found, minimal, published_report

FIXTURES = Path(__file__).parent / "fixtures"
OPENINGS = FIXTURES / "openings"
PUBLISHED = FIXTURES / "published-text"


def _messages(rule: str, **data: Any) -> list[str]:
    return [f[2] for f in found(minimal(**data), rule)]


def _text(rule: str, *paragraphs: str) -> list[str]:
    """The messages of ``rule`` on a 2024 report whose conclusion is ``paragraphs``."""
    return _messages(rule, evaluation={"score": 95, "conclusion": list(paragraphs)})


def _functions(rule: str, *paragraphs: str, **more: Any) -> list[str]:
    functions = {"text": list(paragraphs), **more}
    info = {"functions": functions, "annual_work": {}, "finances": {}}
    return _messages(rule, basic_info=info)


# total-against-parts ---------------------------------------------------------------------


def test_parts_exceeding_their_total_and_a_complete_split_falling_short() -> None:
    # 50.00 + 40.00 = 90.00 > 80.00
    assert _text(
        "total-against-parts", "本年支出合计80.00万元，其中基本支出50.00万元、项目支出40.00万元。"
    ) == [
        "文中写“本年支出合计80.00万元”，而其中“基本支出50.00万元、项目支出40.00万元”之和为 90.00 万元"
    ]
    # 基本支出 + 项目支出 is the whole of 支出: 50.00 + 20.00 = 70.00 < 80.00
    assert (
        len(
            _text(
                "total-against-parts", "总支出80.00万元，其中基本支出50.00万元，项目支出20.00万元。"
            )
        )
        == 1
    )
    # sources of income: 100.00 + 30.00 = 130.00 > 120.00
    income = "本单位2024年总收入120.00万元，其中财政拨款收入100.00万元，其他收入30.00万元。"
    assert _text("total-against-parts", income) == [
        "文中写“本单位2024年总收入120.00万元”，而其中“财政拨款收入100.00万元、其他收入30.00万元”"
        "之和为 130.00 万元"
    ]
    # 人员经费 + 公用经费 is the whole of 基本支出: 30 + 10 = 40 < 50
    assert (
        len(_text("total-against-parts", "基本支出50万元，其中人员经费30万元，公用经费10万元。"))
        == 1
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # a partial list: 财政拨款 is one source among others (60 < 100)
        "本年总收入100.00万元，其中财政拨款收入60.00万元。",
        # parts of 基本支出 listed under 支出: partial (30 + 10 < 100)
        "本年总支出100.00万元，其中人员经费30.00万元，公用经费10.00万元。",
        # the NPC report's sentence: 1897.96 + 605.58 = 2503.54, within 0.01 of 2503.53 (each
        # amount rounded to the cent stands for ±0.005)
        "本单位2023年总支出2503.53万元，其中基本支出1897.96万元，项目支出605.58万元。",
        # a part broken down in turn: which amounts are parts of which is not sure
        "总支出100万元，其中基本支出60万元（其中人员经费50万元、公用经费10万元），项目支出40万元。",
        # a stock and its gross value are no parts of a total (the CPPCC report's 资产 sentence)
        "年末资产总额为72.06万元，其中固定资产净值37.34万元，固定资产原值148.50万元。",
        # another year's parts
        "本年总支出100万元，其中2023年基本支出80万元、项目支出40万元。",
        # an amount received is no part of an amount spent
        "本年支出合计80万元，其中财政拨款收入90万元。",
        # parts by source beside parts by use: two dimensions of one total (90 + 60 + 40 > 100)
        "本年总支出100万元，其中财政拨款支出90万元，基本支出60万元，项目支出40万元。",
        # two levels of use flattened into one list (60 + 50 + 10 + 40 > 100)
        "本年总支出100万元，其中基本支出60万元，人员经费50万元，公用经费10万元，项目支出40万元。",
        # one source within another's name (90 + 90 > 100)
        "本年总收入100万元，其中财政拨款收入90万元，一般公共预算财政拨款收入90万元。",
        # the same part twice
        "本年总支出100万元，其中项目支出60万元，项目支出60万元。",
    ],
)
def test_total_against_parts_near_misses(sentence: str) -> None:
    assert _text("total-against-parts", sentence) == []


def test_total_against_parts_on_the_cppcc_report() -> None:
    # 区政协办公室 2022: 总支出决算 1954.07 万元, 其中基本支出 1496.13 + 项目支出 429.65 = 1925.78
    lines = audit_lines(PUBLISHED / "nansha-cppcc-office-2022.txt", "total-against-parts")
    assert len(lines) == 1
    assert "“2022年部门总支出决算1954.07万元”" in lines[0] and "1925.78 万元" in lines[0]


# count-against-list and unit-in-two-groups ---------------------------------------------------


def test_a_count_its_list_contradicts() -> None:
    assert _functions("count-against-list", "局属事业单位3个，即信息中心、评审中心。") == [
        "文中写“局属事业单位3个”，其后列出的却是 2 个：信息中心、评审中心"
    ]
    # 包括 may list a part, but not more than the whole
    assert len(_functions("count-against-list", "下设科室2个，包括办公室、财务科、人事科。")) == 1
    # 和 may join two names or stand inside one: 2 to 3 items, and 4 is neither
    assert _functions("count-against-list", "下设科室4个，分别为办公室、财务科和人事科。") == [
        "文中写“下设科室4个”，其后列出的却是 2至3 个：办公室、财务科和人事科"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "下设科室3个，分别为办公室、财务科和人事科。",  # 和 joins the last two
        "下设科室2个，分别为办公室、人力资源和社会保障科。",  # 和 inside a name
        "下设科室5个，包括办公室、财务科等。",  # 等: a partial list
        "办公室、预算股、国库股等16个股室。",  # the count after the list
        "内设机构5个，主要负责全局综合协调工作。",  # no list at all
        "直属单位3个，即信息中心、评审中心、培训中心。",  # agrees
        "本单位有职工5名，分别在办公室、财务科工作。",  # a comma-free clause, not announced
        "重点抓好3个方面：一是预算管理；二是绩效监控；三是结果应用。",  # items over clauses
        "完成重点工作12项，包括预算编制、绩效评价和内部控制。",  # 包括: may be a part
        "在职人员38名，分别为行政人员、事业人员、工勤人员。",  # people counted, kinds listed
        "设立项目2个，分别为：(1)信息化建设；(2)档案数字化。",  # numbered items
    ],
)
def test_count_against_list_near_misses(sentence: str) -> None:
    assert _functions("count-against-list", sentence) == []


def test_a_unit_named_in_two_groups_and_its_near_misses() -> None:
    text = "内设事业单位2个，信息中心和县评审中心；直属单位2个，即市评审中心、培训中心。"
    assert _functions("unit-in-two-groups", text) == [
        "“县评审中心”列在“内设事业单位”中，“市评审中心”又列在“直属单位”中：同一单位列入了两类"
    ]
    # different units; a group whose unannounced list does not agree with its count is no list
    assert (
        _functions(
            "unit-in-two-groups", "内设机构2个，办公室和财务科；直属单位2个，即信息中心、培训中心。"
        )
        == []
    )
    assert (
        _functions(
            "unit-in-two-groups", "内设机构3个，负责信息中心；直属单位2个，即信息中心、培训中心。"
        )
        == []
    )


def test_the_nanxian_opening_names_nine_of_ten_units_and_one_unit_twice() -> None:
    # 南县财政局: “直属事业单位10个，即…” lists nine; 县国库集中支付中心 is also an internal unit
    path = OPENINGS / "13-nanxian-finance-2020.txt"
    listed = audit_lines(path, "count-against-list")
    assert len(listed) == 1 and "“直属事业单位10个”" in listed[0] and "却是 9 个" in listed[0]
    twice = audit_lines(path, "unit-in-two-groups")
    assert len(twice) == 1 and "“南县国库集中支付中心”" in twice[0]
    # “纳入…的单位有3个,分别为A、B和C” agrees (3 with 和 split): not reported
    assert not any("单位有3个" in line for line in listed)


# staff-above-establishment -----------------------------------------------------------------


def test_staff_above_establishment_unless_explained() -> None:
    staffing = {"authorized_headcount": 36, "staff_in_post": 38}
    assert _functions("staff-above-establishment", staffing=staffing) == [
        "实有人数 38 人多于编制数 36 人，文中没有说明原因（如借调、划转、编外聘用）；请核对这两个数字"
    ]
    reason = "实有人数多于编制，系机构改革划转人员尚未调出所致。"
    assert _functions("staff-above-establishment", reason, staffing=staffing) == []
    assert _functions("staff-above-establishment", staffing={**staffing, "other_staff": 2}) == []
    hired = {**staffing, "breakdown": {"行政": 30, "工勤": 2, "政府聘员": 6}}
    assert _functions("staff-above-establishment", staffing=hired) == []
    equal = {"authorized_headcount": 38, "staff_in_post": 38}
    assert _functions("staff-above-establishment", staffing=equal) == []


@pytest.mark.parametrize(
    ("name", "staff", "authorized"),
    [("19-yueyanglou-govoffice-2021", 38, 36), ("29-yueyangxian-xinkai-town-2021", 185, 128)],
)
def test_the_openings_with_more_staff_than_posts(name: str, staff: int, authorized: int) -> None:
    lines = audit_lines(OPENINGS / f"{name}.txt", "staff-above-establishment")
    assert len(lines) == 1 and f"实有人数 {staff} 人多于编制数 {authorized} 人" in lines[0]


def test_an_opening_within_its_establishment_is_not_reported() -> None:
    # 内蒙古人社厅: 核定行政编制数 103, 在职人员 89
    assert audit_lines(OPENINGS / "16-nmg-hrss-dept-2020.txt", "staff-above-establishment") == []


# template-instruction, cut-heading, repeated-label -----------------------------------------


def test_template_notes_and_bracketed_remarks_of_the_report_itself() -> None:
    assert _text("template-instruction", "本局负责全区统计工作（此处填写部门主要职能）。") == [
        "文中留有模板的填写提示“（此处填写部门主要职能）”，请删去"
    ]
    assert len(_text("template-instruction", "主要成效（300字以内）：完成了任务。")) == 1
    assert len(_text("template-instruction", "存在问题(请简要说明原因)：无。")) == 1
    for remark in (
        "南沙区人大常委会办公室（以下简称“本办”）完成了任务。",
        "收入合计（万元）为100。",
        "评价方式:部门(单位)绩效自评。",
        "评价人员(最少3位)。",
        "执行进度（不超过序时进度）良好。",
        "采购金额（限额以下）为10万元。",
        "办理（请示件）3件。",
    ):
        assert _text("template-instruction", remark) == [], remark


def test_a_word_limit_after_a_heading_the_reader_rewrote(tmp_path: Path) -> None:
    # the reader drops “（限500字以内）” from the part's title; the rule reads the heading as printed
    path = published_report(
        tmp_path,
        "测试局2024年度部门整体支出绩效自评报告",
        "一、部门基本情况（限500字以内）",
        "本局负责全区测试工作。",
        "二、存在问题",
        "问题甲。",
    )
    lines = audit_lines(path, "template-instruction")
    assert len(lines) == 1 and "“（限500字以内）”" in lines[0] and "第 2 段" in lines[0]


def test_cut_headings_and_headings_that_end_so() -> None:
    items = [{"title": "加强预算编制的", "text": ["本年细化了预算编制。"]}]
    evaluation = {"score": 95, "management_efficiency": {"items": items}}
    assert _messages("cut-heading", evaluation=evaluation) == [
        "标题“加强预算编制的”在“制的”处断开，像是被截断的句子；请核对原文是否缺了后半句"
    ]
    for title in ("评价目的", "公众参与", "加强预算管理，提高资金使用效益", "宣传普及"):
        items = [{"title": title, "text": ["本年细化了预算编制。"]}]
        evaluation = {"score": 95, "management_efficiency": {"items": items}}
        assert _messages("cut-heading", evaluation=evaluation) == [], title


def test_an_item_the_reader_took_for_a_title_and_cut_off(tmp_path: Path) -> None:
    lines = [
        "测试局2024年度部门整体支出绩效自评报告",
        "一、部门基本情况",
        "本局负责全区测试工作。",
        "二、存在问题",
        "问题甲。",
        "三、下一步改进措施",
    ]
    # the measures are numbered items with no text under them: the reader takes them for titles
    cut = published_report(tmp_path, *lines, "(一)加强预算编制，提高", "(二)完善绩效目标。")
    found = audit_lines(cut, "cut-heading")
    assert len(found) == 1
    assert "标题“(一)加强预算编制，提高”末尾没有结束标点，而同一列表的其他条目都有" in found[0]
    # items written as headings throughout (none closed), or no comma in the open one
    headings = published_report(
        tmp_path, *lines, "(一)加强预算编制，提高资金效益", "(二)完善绩效目标"
    )
    assert audit_lines(headings, "cut-heading") == []
    short = published_report(tmp_path, *lines, "(一)加强预算编制", "(二)完善绩效目标。")
    assert audit_lines(short, "cut-heading") == []


def test_no_opening_or_sample_has_a_cut_heading() -> None:
    # the duties cut by the openings' excerpt are paragraphs: unterminated's, not this rule's
    assert audit_lines(OPENINGS / "07-honghe-ethnic-religious-2024.txt", "cut-heading") == []
    assert audit_lines(PUBLISHED / "nansha-cppcc-office-2022.txt", "cut-heading") == []


def test_a_repeated_item_number_in_a_run_on_list() -> None:
    assert _text(
        "repeated-label",
        "1.预算编制不够精准。2.目标不够细化。3.监控不到位。4.应用不足。4.整改不及时。",
    ) == ["编号“4.”紧接在“4.”之后重复使用：“4.应用不足。4.整改不及时。…”"]
    # a skip is enumeration-gap's; a new list starting at 1; decimals are no item numbers
    assert _text("repeated-label", "1.甲。2.乙。4.丙。") == []
    assert _text("repeated-label", "1.甲。2.乙。1.丙。2.丁。") == []
    assert _text("repeated-label", "造林1.2万亩。完成2.5万亩。") == []


def test_a_heading_number_used_twice_in_a_row(tmp_path: Path) -> None:
    path = published_report(
        tmp_path,
        "测试局2024年度部门整体支出绩效自评报告",
        "一、部门基本情况",
        "(一)部门职能",
        "本局负责全区测试工作。",
        "(一)年度总体工作",
        "全年完成测试任务。",
        "二、绩效自评情况",
        "(一)自评结论",
        "完成。",
        "三、存在问题",
        "问题甲。",
    )
    lines = audit_lines(path, "repeated-label")
    # 二、 starts its (一) afresh: only the (一) right after (一)部门职能 is a repeat
    assert len(lines) == 1
    assert "编号“(一)”紧接在“(一)部门职能”之后重复使用：“(一)年度总体工作”" in lines[0]


def test_no_sample_repeats_a_label() -> None:
    # the CPPCC report skips 4 (enumeration-gap's finding), it repeats nothing
    assert audit_lines(PUBLISHED / "nansha-cppcc-office-2022.txt", "repeated-label") == []


# contents-against-body -----------------------------------------------------------------------


def _contents_report(tmp_path: Path, listed: str, body: str) -> Path:
    return published_report(
        tmp_path,
        "测试局2024年度部门整体支出绩效自评报告",
        "目录",
        "一、部门基本情况",
        "（一）部门职能",
        listed,
        "二、绩效自评情况",
        "一、部门基本情况",
        "（一）部门职能",
        "本局负责全区测试工作。",
        body,
        "本局编制10人。",
        "二、绩效自评情况",
        "自评得分95分。",
    )


def test_contents_against_body(tmp_path: Path) -> None:
    lines = audit_lines(
        _contents_report(tmp_path, "（二）机构设置", "（二）人员情况"), "contents-against-body"
    )
    assert len(lines) == 1 and "目录中为“（二）机构设置”，正文中为“（二）人员情况”" in lines[0]


@pytest.mark.parametrize(
    ("listed", "body"),
    [
        ("（二）机构设置……3", "（二）机构设置"),  # a page number after the contents line
        ("（二）机构设置", "（二）机构设置情况"),  # abridged in the contents
        ("（二）机构 设置", "(二)机构设置"),  # spaces and half-width brackets
    ],
)
def test_contents_against_body_near_misses(tmp_path: Path, listed: str, body: str) -> None:
    assert audit_lines(_contents_report(tmp_path, listed, body), "contents-against-body") == []


def test_the_opening_with_a_contents_list_matches_what_its_excerpt_shows() -> None:
    # 内蒙古人社厅: the contents' “(三)预算资金情况9” carries a page number, and the
    # unnumbered “评价工作简述” leaves the (一) after it without a part: nothing to report
    assert audit_lines(OPENINGS / "16-nmg-hrss-dept-2020.txt", "contents-against-body") == []


# date-order ----------------------------------------------------------------------------------


def test_a_report_dated_before_its_year_ends() -> None:
    assert _text("date-order", "报告日期：2024年6月30日。") == [
        "报告日期“2024年6月30日”早于所评的2024年度结束，自评报告应在年度结束后编写；请核对日期或年度"
    ]
    # the last day of the year, and the next year, are no contradiction
    assert _text("date-order", "报告日期：2024年12月31日。") == []
    assert _text("date-order", "成文日期:2025年3月1日。") == []
    # a date to the month stands for the whole month: 2024年12月 may be the 31st
    assert _text("date-order", "自评时间：2024年12月。") == []
    assert len(_text("date-order", "自评时间：2024年11月。")) == 1
    # the signature's date is signature-date's finding, not this rule's
    signature = {"unit": "测试单位", "date": "2024-06-30"}
    assert _messages("date-order", signature=signature) == []


def test_published_before_it_was_evaluated() -> None:
    # 内蒙古人社厅: the page was published 2021-02-26, the report says 自评时间 2021年12月
    lines = audit_lines(OPENINGS / "16-nmg-hrss-dept-2020.txt", "date-order")
    assert len(lines) == 1
    assert "网页的发布日期 2021-02-26 早于文中的自评时间“2021年12月”" in lines[0]


def test_published_after_it_was_written(tmp_path: Path) -> None:
    path = published_report(
        tmp_path,
        "发布时间:2025-03-20 10:00",
        "测试局2024年度部门整体支出绩效自评报告",
        "报告日期:2025年3月15日",
        "一、部门基本情况",
        "本局负责全区测试工作。",
        "二、存在问题",
        "问题甲。",
    )
    assert audit_lines(path, "date-order") == []
    # 岳阳县新开镇: 报告日期 2021年12月31日 for 2021, page of 2022-09-28: in order
    assert audit_lines(OPENINGS / "29-yueyangxian-xinkai-town-2021.txt", "date-order") == []
