"""The rules of issue 22 on slips seen in print: an unpaired bracket or quotation mark (a
document number's 〔年份〕 above all), a page number left at the end of a heading, two
neighbouring amounts one digit swap apart, a character dropped from “现将…情况报告如下”. Each
has a positive case, near misses and a real text (an opening); expected values by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from helpers import audit_lines, found, minimal, published_report
from hypothesis import example, given, settings
from hypothesis import strategies as st

from perfgen.narrative import pairs
from perfgen.narrative.pairs import document_numbers, stray_number, unpaired
from perfgen.narrative.swaps import swapped, swaps

OPENINGS = Path(__file__).parent / "fixtures" / "openings"
PUBLISHED = Path(__file__).parent / "fixtures" / "published-text"


def _text(rule: str, *paragraphs: str, **data: Any) -> list[str]:
    """The messages of ``rule`` on a 2024 report whose conclusion is ``paragraphs``."""
    report = minimal(evaluation={"score": 95, "conclusion": list(paragraphs)}, **data)
    return [f[2] for f in found(report, rule)]


# unpaired-mark ---------------------------------------------------------------------------


def test_a_document_number_left_open_or_closed_with_another_bracket() -> None:
    assert _text("unpaired-mark", "依据《实施意见》（财预〔20191343号），本局开展自评。") == [
        "“财预〔20191343号”中年份前的“〔”没有对应的后括号"
    ]
    assert _text("unpaired-mark", "依据财预〔2019]12号文件开展自评。") == [
        "“依据财预〔2019]12号”中年份用“〔”开头、“]”结尾，括号不成对"
    ]
    assert list(document_numbers("按粤财绩【2020〕3号执行。")) == [
        ("按粤财绩【2020〕3号", "年份用“【”开头、“〕”结尾，括号不成对")
    ]


def test_balanced_document_numbers_are_near_misses() -> None:
    for text in (
        "依据财预〔2019〕12号文件开展自评。",
        "依据贺财建﹝2021﹞3号文件开展自评。",
        "依据财预〔2019﹞12号文件开展自评。",  # 〔 and ﹝ print alike
        "依据财预[2019]12号文件开展自评。",
        "依据财预（2019）12号文件开展自评。",
        "合同编号（2019001号）已备案。",  # a serial in round brackets, no document number
        "档案编号[2019001号]已归档。",  # closed after 号
    ):
        assert _text("unpaired-mark", text) == [], text


def test_brackets_title_marks_and_quotes_left_unpaired_in_a_paragraph() -> None:
    assert _text("unpaired-mark", "执行省委、区委（含开发区党工委的工作部署，完成各项任务。") == [
        "“执行省委、区委（含开发区党工委的”中前括号“（”没有对应的后括号"
    ]
    assert _text("unpaired-mark", "对实验小学(以下简称:实验小学”)开展评价。") == [
        "“实验小学”)开展评价。”中后引号“””前没有对应的前引号"
    ]
    assert len(_text("unpaired-mark", "落实《监督工作计划的要求，开展调研。")) == 1


def test_item_labels_split_paragraphs_and_long_quotations_are_near_misses() -> None:
    assert (
        _text("unpaired-mark", "1)落实招生入学方案。2)坚持免试就近入学原则，二）实行均衡编班。")
        == []
    )
    assert _text("unpaired-mark", "主要工作有：a）公开招生；b）均衡编班。") == []
    # a paragraph split at a page break: the bracket opens in one and closes in the next
    assert (
        _text("unpaired-mark", "执行区委（含开发区党工委", "的工作部署）。并完成各项任务。") == []
    )
    # a quotation over two paragraphs, set as the writer set it
    assert _text("unpaired-mark", "文件指出：“要全面实施预算绩效管理。", "做到花钱必问效。”") == []
    assert _text("unpaired-mark", "（全年执行率（含结转）为95%），完成目标。") == []
    # every quotation mark printed alike (a font's or a PDF extraction's): not read
    assert _text("unpaired-mark", "以下简称”南沙区委办公室”，负责综合协调。") == []


def test_the_last_paragraph_of_an_excerpt_may_stop_inside_a_bracket(tmp_path: Path) -> None:
    cut = "本局认真履行职责，全面完成年度工作任务，其中（含下属单位的各项工作"
    path = published_report(
        tmp_path, "示例局2024年度部门整体支出绩效自评报告", "一、部门基本情况", cut
    )
    assert audit_lines(path, "unpaired-mark", everything=True) == []
    path = published_report(tmp_path, "示例局2024年度部门整体支出绩效自评报告", cut + "。", "完。")
    assert len(audit_lines(path, "unpaired-mark", everything=True)) == 1


def test_real_texts_document_number_and_a_quote_without_its_opening() -> None:
    nmg = audit_lines(OPENINGS / "16-nmg-hrss-dept-2020.txt", "unpaired-mark", everything=True)
    assert len(nmg) == 1 and "“内财监〔20191343号”中年份前的“〔”没有对应的后括号" in nmg[0]
    linzhi = audit_lines(
        OPENINGS / "21-linzhi-guangdong-primary-2023.txt", "unpaired-mark", everything=True
    )
    assert len(linzhi) == 1 and "后引号“””前没有对应的前引号" in linzhi[0]
    party = audit_lines(
        PUBLISHED / "nansha-party-committee-office-2023.txt", "unpaired-mark", everything=True
    )
    assert len(party) == 1 and "区委（含开发区党工委的" in party[0]
    assert (
        audit_lines(PUBLISHED / "nansha-npc-office-2023.txt", "unpaired-mark", everything=True)
        == []
    )


# heading-page-number ---------------------------------------------------------------------


def _outline(*headings: str) -> list[str]:
    return ["示例局2024年度部门整体支出绩效自评报告", "一、部门基本情况", *headings]


def test_a_page_number_left_at_the_end_of_a_heading(tmp_path: Path) -> None:
    path = published_report(
        tmp_path, *_outline("（一）部门职能", "（二）预算资金情况9", "（三）机构设置")
    )
    lines = audit_lines(path, "heading-page-number", everything=True)
    assert len(lines) == 1 and "标题“（二）预算资金情况9”末尾多出“9”，像是混入的页码" in lines[0]


def test_numbers_that_belong_to_the_title_or_a_contents_list_are_near_misses(
    tmp_path: Path,
) -> None:
    for heading in ("（二）附件1", "（二）绩效指标3", "（二）2022年度预算情况", "（二）第2季度"):
        assert stray_number(heading) is None, heading
    # a contents list whose every line keeps its page number
    path = published_report(
        tmp_path, *_outline("（一）部门职能概况3", "（二）预算资金情况9", "（三）机构设置12")
    )
    assert audit_lines(path, "heading-page-number", everything=True) == []
    # a sentence, not a heading
    path = published_report(tmp_path, *_outline("（一）本局全面完成各项工作，各项指标完成情况9"))
    assert audit_lines(path, "heading-page-number", everything=True) == []


def test_real_text_contents_line_of_16() -> None:
    lines = audit_lines(
        OPENINGS / "16-nmg-hrss-dept-2020.txt", "heading-page-number", everything=True
    )
    assert len(lines) == 1 and "“(三)预算资金情况9”末尾多出“9”" in lines[0]


# swapped-digits --------------------------------------------------------------------------


def test_neighbouring_digits_swapped_and_nothing_else() -> None:
    assert swapped("661.682093", "661.628093")
    assert not swapped("661.682093", "661.628094")  # a swap and a changed digit
    assert swapped("1234.56", "1243.56")  # six significant digits: enough
    assert not swapped("123.45", "132.45")  # five: too few
    assert not swapped("66.1682093", "661.682093")  # the point moved
    assert not swapped("661.682093", "661.682093")


_SWAPPED = [
    "年度 | 预算数 | 实际支出数",
    "2023 | 661.628093 | 661.682093",
    "2024 | 18273.721787 | 18273.721787",
    "基本支出 | 2465.390098",
    "项目支出 | 16469.959782",
]


def test_the_swapped_amount_is_the_one_no_sum_holds_for(tmp_path: Path) -> None:
    # 661.628093 + 18273.721787 = 18935.349880 = 2465.390098 + 16469.959782
    assert Decimal("661.628093") + Decimal("18273.721787") == Decimal("2465.390098") + Decimal(
        "16469.959782"
    )
    found_swaps = list(swaps(_SWAPPED))
    assert [(s.wrong, s.right, s.wrong_at) for s in found_swaps] == [
        ("661.682093", "661.628093", 1)
    ]
    lines = audit_lines(
        published_report(tmp_path, "示例局2024年度部门整体支出绩效自评报告", *_SWAPPED),
        "swapped-digits",
        everything=True,
    )
    assert len(lines) == 1
    assert (
        "“661.682093”与相邻的“661.628093”只差两位数字颠倒，而 661.628093 + 18273.721787 = "
        in lines[0]
    )


def test_swaps_no_sum_decides_are_near_misses() -> None:
    # no sum holds for either amount: which one is right cannot be told
    assert list(swaps(_SWAPPED[:3])) == []
    # far apart (five paragraphs): not the same cell typed twice
    apart = ["661.628093", "", "", "", "", "661.682093", *_SWAPPED[2:]]
    assert list(swaps(apart)) == []
    # both add up (661.682093 + 18273.667787 = 18935.349880 too): which is right is unknown
    assert list(swaps([*_SWAPPED, "18273.667787"])) == []


def test_real_text_the_2021_spending_of_15() -> None:
    lines = audit_lines(
        OPENINGS / "15-hezhou-natural-resources-2022.txt", "swapped-digits", everything=True
    )
    assert len(lines) == 1 and "疑“661.682093”数字颠倒" in lines[0]


# formula-missing-word --------------------------------------------------------------------


def test_a_character_dropped_from_the_formula() -> None:
    assert _text("formula-missing-word", "本局开展了自评。现将价情况报告如下：") == [
        "“现将价情况报告如下”中“现将”之后只有一个字“价”，疑漏了字（如“评价情况”“自评情况”）"
    ]


def test_whole_words_and_pronouns_in_the_formula_are_near_misses() -> None:
    for text in (
        "现将有关情况报告如下：",
        "现将评价情况报告如下：",
        "现将其情况报告如下：",
        "现将绩效自评结果报告如下：",
        "现将价格情况说明一下。",
    ):
        assert _text("formula-missing-word", text) == [], text


def test_real_text_the_opening_of_16() -> None:
    lines = audit_lines(
        OPENINGS / "16-nmg-hrss-dept-2020.txt", "formula-missing-word", everything=True
    )
    assert len(lines) == 1 and "“现将价情况报告如下”中“现将”之后只有一个字“价”" in lines[0]


# properties ------------------------------------------------------------------------------

_WORDS = st.text(alphabet="预算执行情况，。、；1230", max_size=6)


@st.composite
def _balanced(draw: st.DrawFn, depth: int = 0) -> str:
    """Text whose brackets, title marks and quotes all pair, nested at random."""
    parts = [draw(_WORDS)]
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        opening, closing = draw(st.sampled_from(["（）", "()", "《》", "“”", "（)"]))
        parts += [opening, draw(_balanced(depth + 1)), closing, draw(_WORDS)]
    return "".join(parts)


@given(_balanced())
def test_paired_marks_are_never_reported(text: str) -> None:
    assert list(unpaired(text)) == []


@given(_balanced(), st.sampled_from("（《"))
def test_one_opening_mark_more_is_reported_once(text: str, mark: str) -> None:
    found_marks = list(unpaired("本局" + mark + text))
    assert [(m.mark, m.closing) for m in found_marks] == [(mark, False)]


@given(st.text(max_size=200))
def test_the_readings_take_any_text(text: str) -> None:
    list(unpaired(text))
    list(document_numbers(text))
    stray_number(text)
    list(swaps([text, text[::-1]]))


@given(st.text("（）()《》“”甲1。", max_size=40))
@example("）（")  # closed before opened: both unpaired
@example("（《）》")  # crossed: paired in each family, not side by side (read mark by mark)
@example("“（”）”")  # quotes not alike, a bracket crossing them
@example("1）。（")  # a label, then a bracket left open
@settings(max_examples=300)
def test_marks_nested_side_by_side_are_read_as_paired(text: str) -> None:
    """A paragraph is passed over when its marks, pairs that stand side by side taken out again
    and again, leave nothing: the reading mark by mark finds nothing in it either, and what
    :func:`unpaired` gives is always what that reading gives."""
    alike = "“" not in text and text.count("”") % 2 == 0
    marks = "".join(c for c in text if c in "（）()《》“”")
    if pairs._nested(marks.replace("”", "") if alike else marks):
        assert pairs._read(text, alike) == []
    assert unpaired(text) == pairs._read(text, alike)
