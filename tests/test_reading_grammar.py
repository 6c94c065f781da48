"""One short snippet per reading rule: the numbering grammar and its sequences, run-in headings,
contents lists, the title and cover, web-page chrome, the copula, amounts in 元 and 亿元, the
label before a colon, staffing forms, and a report without a year."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from perfgen.cli import main
from perfgen.narrative.numbering import chinese_value, number_of
from perfgen.reading import read_report
from perfgen.reading.chrome import chrome
from perfgen.reading.front import parse_title, read_front
from perfgen.reading.outline import heading_title, outline
from perfgen.reading.sentences import read_finances
from perfgen.reading.source import Block
from perfgen.reading.staff_and_score import read_functions, score_of


def _blocks(*texts: str) -> list[Block]:
    return [Block(text, None, n) for n, text in enumerate(texts, 1)]


def _report(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "报告.txt"
    path.write_text(text, encoding="utf-8")
    return path


# --- numbering --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "form", "value"),
    [
        ("三、存在的问题", "cn", 3),
        ("十二、其他", "cn", 12),
        ("（二）年度工作", "cn_paren", 2),
        ("(四) 收支情况", "cn_paren", 4),
        ("二是加强管理", "cn_is", 2),
        ("第三，完善制度", "ordinal", 3),
        ("4.推进改革", "arabic", 4),
        ("5、强化监督", "arabic", 5),
        ("6．做好保障", "arabic", 6),
        ("（7）负责宣传", "ar_paren", 7),
        ("(8)负责培训", "ar_paren", 8),
        ("9)负责后勤", "ar_close", 9),
        ("③资产管理", "circled", 3),
    ],
)
def test_a_number_in_every_form_half_and_full_width(text: str, form: str, value: int) -> None:
    number = number_of(text)
    assert number is not None and (number.form, number.value) == (form, value)


@pytest.mark.parametrize("text", ["2023年收入100万元", "3.5万元用于", "十分重视", ""])
def test_a_year_an_amount_or_a_word_is_not_a_number(text: str) -> None:
    assert number_of(text) is None


def test_chinese_numerals() -> None:
    assert [chinese_value(n) for n in ("一", "十", "十一", "二十", "三十五")] == [1, 10, 11, 20, 35]
    assert chinese_value("十十") is None


# --- the outline by sequences -----------------------------------------------------------------


def test_a_list_restarting_at_one_inside_a_part_is_a_level_below_it() -> None:
    found = outline(
        _blocks(
            "某局2023年度部门整体支出绩效自评报告",
            "一、部门基本情况",
            "（一）年度工作",
            "一、抓好队伍建设，全年组织培训三次。",
            "二、推进信息公开，按时公开预决算。",
            "二、绩效自评情况",
            "三、存在的问题",
        )
    )
    assert [p.key for p in found.parts] == ["basic_info", "evaluation", "problems"]
    items = [b.text[:2] for b in found.parts[0].sections[0].blocks]
    assert items == ["一、", "二、"]


def test_a_number_that_continues_no_sequence_is_a_paragraph() -> None:
    found = outline(
        _blocks(
            "一、部门基本情况",
            "（一）部门职能",
            "负责全县的档案工作。",
            "（五）十分重要的说明，共三点。",
        )
    )
    assert len(found.parts[0].sections) == 1
    assert found.parts[0].sections[0].blocks[-1].text.startswith("（五）")


def test_a_heading_may_skip_one_number_with_nothing_but_its_title() -> None:
    found = outline(_blocks("一、部门概况", "（一）主要职能", "负责保教工作。", "（三）资产情况"))
    assert [s.title for s in found.parts[0].sections] == ["主要职能", "资产情况"]


def test_part_recognition_takes_the_longest_word_not_the_first_match() -> None:
    found = outline(
        _blocks("一、自评得分情况", "得分为95分。", "二、单位基本概况", "三、问题及改进措施")
    )
    assert [p.key for p in found.parts] == ["evaluation", "basic_info", "problems"]


def test_a_run_in_heading_is_cut_after_its_title() -> None:
    assert heading_title("部门职能：本单位负责全区的统计工作。") == (
        "部门职能",
        "本单位负责全区的统计工作。",
    )
    assert heading_title("机构设置我局内设办公室、规划科等五个科室，编制十人。") == (
        "机构设置",
        "我局内设办公室、规划科等五个科室，编制十人。",
    )
    assert heading_title("部门整体收支情况（限500字）") == ("部门整体收支情况", "")


def test_a_contents_list_is_set_aside() -> None:
    found = outline(
        _blocks(
            "一、部门概况",
            "二、评价分析",
            "三、存在问题",
            "某市发展和改革委员会2022年度部门整体支出绩效评价报告",
            "一、部门概况",
            "本委是市政府工作部门，负责全市的发展规划工作。",
            "二、评价分析",
        )
    )
    assert [b.text for b in found.contents] == ["一、部门概况", "二、评价分析", "三、存在问题"]
    assert found.front.unit == "某市发展和改革委员会" and found.front.year == 2022
    assert found.parts[0].sections[0].blocks[0].text.startswith("本委")


# --- title, unit, year, cover -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "unit", "year"),
    [
        ("2023年度某市某区某馆部门(单位)整体支出绩效自评报告", "某市某区某馆", 2023),
        ("某州某局2024年度部门整体支出绩效单位自评报告(本局)", "某州某局", 2024),
        ("某市某办公室整体支出绩效自评报告", "某市某办公室", None),
        ("某区某局2022年度预算绩效部门评价报告", "某区某局", 2022),
        ("某县某中心2021年机关整体支出绩效评价报告", "某县某中心", 2021),
        ("某县某局2023年度部门整体支出绩效自评情况报告", "某县某局", 2023),
        ("2020年度部门整体支出绩效自评报告", None, 2020),
    ],
)
def test_a_title_in_every_form(title: str, unit: str | None, year: int | None) -> None:
    parsed = parse_title(title)
    assert parsed is not None and (parsed.unit, parsed.year) == (unit, year)


def test_a_sentence_is_not_a_title() -> None:
    assert parse_title("现将本单位2023年度部门整体支出绩效自评情况报告如下：") is None


def test_a_title_wrapped_over_two_lines_and_a_cover() -> None:
    front = read_front(
        _blocks(
            "某区2023年度部门整体支出",
            "绩效评价自评报告",
            "部门（单位）名称：某市某区民政局",
            "预算编码：123456",
            "报告日期：2024年4月1日",
        ),
        [],
    )
    assert front.title == "某区2023年度部门整体支出绩效评价自评报告"
    assert front.unit == "某市某区民政局"  # the cover names the unit more fully than the title
    assert front.year == 2023
    assert front.cover["预算编码"] == "123456"


def test_the_unit_in_the_first_sentence() -> None:
    front = read_front(
        _blocks("按照有关要求，对某县水利局2021年度部门整体支出开展了绩效自评。"), []
    )
    assert (front.unit, front.year) == ("某县水利局", 2021)


def test_an_abridged_unit_completed_by_the_publisher() -> None:
    front = read_front(_blocks("2022年水务局部门整体支出绩效自评报告"), ["发布机构：某区水务局"])
    assert front.unit == "某区水务局"


# --- chrome -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "索引号：000000/2024-00001",
        "[ 发布机构 ] 某县财政局 [ 发布日期 ] 2024-03-01",
        "发布时间：2024-03-01 来源：某局 浏览次数：12",
        "您当前位置：首页 > 政务公开 > 财政预决算",
        "【字体：大 中 小】 打印",
        "- 3 -",
        "第 2 页",
        "某局2023年度绩效自评报告.pdf",
        "| | |",
    ],
)
def test_web_page_chrome_and_page_numbers(line: str) -> None:
    assert chrome(line) is not None


@pytest.mark.parametrize(
    "line",
    ["来源于财政拨款的收入为100万元。", "来源：区财政拨款", "一、部门基本情况", "文号管理规范。"],
)
def test_report_text_is_not_chrome(line: str) -> None:
    assert chrome(line) is None


# --- figures: copula, units, colon ------------------------------------------------------------


def _captured(text: str) -> dict[str, Decimal]:
    return {".".join(map(str, c.path[2:])): c.value for c in read_finances(text).captures}


@pytest.mark.parametrize("copula", ["为", "是", "：", ":", "达", "共", "合计", "共计"])
def test_a_label_a_copula_and_an_amount(copula: str) -> None:
    assert _captured(f"本年度总收入{copula}356.20万元。") == {"income.total": Decimal("356.20")}


def test_an_amount_in_yuan_is_converted_exactly_then_rounded_once() -> None:
    sentence = read_finances("2022年总支出3,562,045.68元。")
    (capture,) = sentence.captures
    assert capture.value == Decimal("356.20")
    assert "356.204568" in capture.note
    assert sentence.keep  # perfgen would print 356.20万元: the sentence stays as written


def test_an_amount_in_yi_yuan() -> None:
    assert _captured("全年总收入1.25亿元。") == {"income.total": Decimal("12500.00")}


def test_a_label_before_a_colon_names_the_amount() -> None:
    assert _captured("1、收入：80.5万元。") == {"income.total": Decimal("80.5")}


def test_a_qizhong_list() -> None:
    assert _captured("年度总收入120万元，其中：财政拨款收入100万元，其他收入20万元。") == {
        "income.total": Decimal("120"),
        "income.appropriation": Decimal("100"),
        "income.other": Decimal("20"),
    }


def test_one_projects_spending_is_not_the_reports() -> None:
    assert _captured("（1）图书购置项目支出12.5万元，主要用于购书。") == {}


# --- staffing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("核定编制15人，实有在职人员14人。", {"authorized_headcount": 15, "staff_in_post": 14}),
        ("本单位编制数为9人，在编在职8人。", {"authorized_headcount": 9, "staff_in_post": 8}),
        ("年末在职人数30人，离退休人员12人。", {"staff_in_post": 30, "retired": 12}),
        ("人员编制 | 12 | 实有人数 | 11", {"authorized_headcount": 12, "staff_in_post": 11}),
        (
            "在职人员6人（行政人员4人、工勤人员2人）。",
            {"staff_in_post": 6, "breakdown": {"行政人员": 4, "工勤人员": 2}},
        ),
    ],
)
def test_staffing_in_its_common_forms(text: str, want: dict[str, object]) -> None:
    got = {str(c.path[-1]): c.value for c in read_functions(text).captures}
    assert got == want


@pytest.mark.parametrize(
    ("text", "summary", "score"),
    [
        ("经过组织自评，本单位自评得分为95分。", False, Decimal(95)),
        ("…对本局整体支出开展了绩效评价，综合评分为97分。", True, Decimal(97)),
        ("分别从产出指标、效益指标逐项量化评价，自评得97.5分。", True, Decimal("97.5")),
        ("项目自评得分为88分。", True, None),  # a project's score
        ("其中三级指标评分为9分。", True, None),  # an indicator's
        ("本局自评得到各方好评。", True, None),
    ],
)
def test_a_score_in_its_common_forms(text: str, summary: bool, score: Decimal | None) -> None:
    assert score_of(text, summary=summary) == score


def test_a_preamble_states_the_score(tmp_path: Path) -> None:
    text = "我厅开展了2023年度部门整体支出绩效自评，自评得92.5分。\n一、部门基本情况\n略。\n"
    data = read_report(_report(tmp_path, text)).data
    assert data["evaluation"]["score"] == Decimal("92.5")
    assert "自评得92.5分" in repr(data["unplaced"])  # the sentence stays as written


def test_a_headcount_alone_is_read() -> None:
    got = {str(c.path[-1]): c.value for c in read_functions("现有编制人员205人。").captures}
    assert got == {"authorized_headcount": 205}


def test_a_breakdown_that_does_not_add_up_is_not_read() -> None:
    got = {
        str(c.path[-1]) for c in read_functions("在职职工7人，其中馆员1人、助理馆员2人。").captures
    }
    assert got == {"staff_in_post"}


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("区政协机关设办公室1个内设机构，无下属单位。", ("办公室",)),
        ("属于国家行政单位,设17个内设机构。", None),  # a count alone names no unit
        ("设十七个内设机构。", None),
    ],
)
def test_internal_units_named_before_their_count(text: str, units: tuple[str, ...] | None) -> None:
    assert _staffing_of(text).get("internal_units") == units


def _staffing_of(text: str) -> dict[str, object]:
    return {str(c.path[-1]): c.value for c in read_functions(text).captures}


# --- whole reports ----------------------------------------------------------------------------

_SHORT = """某县档案馆2023年度部门整体支出绩效自评报告
一、部门基本情况
（一）部门职能
本馆负责全县档案的收集、保管和利用。编制数8人，实有在职人员8人。
（二）馆藏情况
馆藏档案共计十二万卷。
二、绩效自评情况
自评得分为93分。
三、存在的问题
一是档案数字化进度偏慢；二是库房面积不足。
四、改进措施
一是加快数字化；二是争取库房改造资金。
"""


def test_a_section_with_no_place_is_kept_with_its_heading_and_rendered_where_it_stood(
    tmp_path: Path,
) -> None:
    report = _report(tmp_path, _SHORT)
    imported = read_report(report)
    (unplaced,) = imported.data["unplaced"]
    assert unplaced["title"] == "馆藏情况" and unplaced["after"] == "basic_info"
    assert unplaced["text"] == ["馆藏档案共计十二万卷。"]
    target = tmp_path / "o.yaml"
    result = CliRunner().invoke(main, ["import", str(report), "-o", str(target)])
    assert result.exit_code == 0, result.output
    markdown = tmp_path / "o.md"
    result = CliRunner().invoke(main, ["render", str(target), "-o", str(markdown)])
    assert result.exit_code == 0, result.output
    text = markdown.read_text(encoding="utf-8")
    assert text.index("本馆负责") < text.index("馆藏情况") < text.index("馆藏档案共计十二万卷")
    assert text.index("馆藏档案共计十二万卷") < text.index("绩效自评情况")


def test_a_report_without_a_year_is_written_with_a_placeholder_and_a_warning(
    tmp_path: Path,
) -> None:
    report = _report(tmp_path, _SHORT.replace("2023年度", ""))
    target = tmp_path / "o.yaml"
    result = CliRunner().invoke(main, ["import", str(report), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "year: 【待填写】" in target.read_text(encoding="utf-8")
    assert "没有写明评价年度" in result.output


def test_import_prints_the_account_of_characters(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["import", str(_report(tmp_path, _SHORT)), "-o", str(tmp_path / "o.yaml")]
    )
    assert "放入字段" in result.output and "原样保留" in result.output
    assert "未能保留" not in result.output


# --- Word files read like text, and any text in ------------------------------------------------

TEXTS = Path(__file__).parent / "fixtures" / "published-text"
OPENINGS = Path(__file__).parent / "fixtures" / "openings"
_PASTED = sorted([*TEXTS.glob("*.txt"), *OPENINGS.glob("*.txt")])


@pytest.mark.parametrize("source", _PASTED, ids=[p.stem for p in _PASTED])
def test_a_word_file_with_a_paragraph_per_line_reads_as_its_text(
    source: Path, tmp_path: Path
) -> None:
    import docx

    name = source.stem
    text = source.read_text(encoding="utf-8")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    pasted = tmp_path / f"{name}.docx"
    document.save(str(pasted))
    as_word, as_text = read_report(pasted), read_report(source)
    assert as_word.data == as_text.data
    assert [b.text for b in as_word.source] == [b.text for b in as_text.source]


_PIECES = (
    "一、",
    "二、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "①",
    "一是",
    "部门基本情况",
    "绩效自评情况",
    "存在的问题",
    "某县某局2023年度部门整体支出绩效自评报告",
    "编制数12人，实有人数10人。",
    "总收入为1,234.56元。",
    "其中：财政拨款收入100万元",
    "索引号：1/2",
    "- 2 -",
    "部门（单位）名称：某县某局",
    "负责全县的工作",
    "全年预算数",
    "全年执行数",
    "合计",
    "120万元",
    "2023",
    "90%",
    "单位：万元",
    "其中：基本支出：70万元",
    "自评得95分。",
    "。",
    "：",
    "\n",
    "\n\n",
    " ",
    "|",
)


GRAMMAR_EXAMPLES = int(os.environ.get("PERFGEN_GRAMMAR_EXAMPLES", 60))
"""Examples of the property test below; ``PERFGEN_GRAMMAR_EXAMPLES=5000`` for a long run."""


@settings(
    max_examples=GRAMMAR_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=40), junk=st.text(max_size=30))
@example(pieces=["一、", "存在的问题", "。", "（一）", "\n"], junk="")  # a bare label at the end
def test_any_text_gives_yaml_or_a_located_message_and_loses_nothing(
    tmp_path: Path, pieces: list[str], junk: str
) -> None:
    import perfgen
    from perfgen.errors import InputError
    from perfgen.reading import import_report
    from perfgen.reading.accounting import account

    report = tmp_path / "任意.txt"
    report.write_text("".join(pieces) + junk, encoding="utf-8")
    target = tmp_path / "任意.yaml"
    target.unlink(missing_ok=True)
    try:
        imported = import_report(report, target, force=True)
    except InputError as exc:
        assert exc.problems and all(p.message and p.file == str(report) for p in exc.problems)
        assert not target.exists()
        return
    assert target.exists()
    if isinstance(imported.data["year"], int):
        perfgen.load(target)  # what import writes loads and validates as it is
    assert account(imported).unaccounted == 0, account(imported).lost


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("一、存在的问题。（一）\n", "（一）"),  # run into the part's heading, at the end
        ("一、存在的问题。1.\n二、改进措施\n", "1."),  # before the next heading
        ("一、存在的问题\n（一）\n", "（一）"),
        ("一、部门基本情况\n（一）部门职能\n1.\n负责全县的工作。\n", "1."),
    ],
)
def test_a_bare_numbering_label_is_kept_as_written(tmp_path: Path, text: str, kept: str) -> None:
    from perfgen.reading.accounting import account

    imported = read_report(_report(tmp_path, text))
    assert account(imported).unaccounted == 0, account(imported).lost
    assert kept in repr(imported.data)


@pytest.mark.parametrize(
    "text",
    [
        "一、基本情况\n二、评价工作简述.\n",  # a title kept without its half-width full stop
        "一、基本情况\n部门编制数12人。编制数12\n",  # read again: the second, not the first's words
        "一、存在的问题。1.。\n",  # an item run into its part's heading, its number perfgen's
    ],
)
def test_the_account_finds_each_piece_where_it_went(tmp_path: Path, text: str) -> None:
    from perfgen.reading.accounting import account

    found = account(read_report(_report(tmp_path, text)))
    assert found.unaccounted == 0, found.lost


def test_an_indicator_sentence_that_lost_its_full_stop_is_still_read(tmp_path: Path) -> None:
    from perfgen.reading.accounting import account

    text = (
        "一、部门基本情况\n负责全县的工作。\n二、部门整体支出绩效自评情况\n（一）履职效能分析\n"
        "1.效益指标完成情况\n效益指标达到预期目标：成果被采纳应用率，指标完成率为100%，"
        "信息稿件被采纳20篇，指标完成率为133%\n"
    )
    imported = read_report(_report(tmp_path, text))
    indicators = imported.data["evaluation"]["duty_effectiveness"]["indicators"]
    assert [i["name"] for i in indicators] == ["成果被采纳应用率", "信息稿件被采纳"]
    assert account(imported).unaccounted == 0  # not dropped as a table's flattened line


def test_goals_with_paragraphs_between_their_numbered_items_keep_them(tmp_path: Path) -> None:
    text = (
        "一、部门基本情况\n（一）部门职能\n负责全县的工作。\n（二）部门绩效目标的设立情况\n"
        "目标设立依据充分,符合中长期规划。\n1、基本支出\n保障单位正常运转。\n2、项目支出\n"
    )
    goals = read_report(_report(tmp_path, text)).data["basic_info"]["performance_goals"]
    assert goals == [
        "目标设立依据充分,符合中长期规划。",
        "1、基本支出",
        "保障单位正常运转。",
        "2、项目支出",
    ]


def test_a_forms_cell_in_an_unplaced_part_is_kept_not_read(tmp_path: Path) -> None:
    text = _SHORT + "五、基础信息表\n按用途分：\n其中：基本支出：60万元\n项目支出：40万元\n"
    imported = read_report(_report(tmp_path, text))
    assert "expenditure" not in imported.data["basic_info"]["finances"]
    assert imported.data["unplaced"][-1]["text"][-2:] == [
        "其中：基本支出：60万元",
        "项目支出：40万元",
    ]


def test_a_heading_wrapped_over_two_lines_is_joined() -> None:
    found = outline(
        _blocks(
            "一、部门基本情况", "负责全区的工作。", "二、部门整体支出绩效自评", "情况", "得分95分。"
        )
    )
    assert [p.key for p in found.parts] == ["basic_info", "evaluation"]
    assert found.parts[1].title == "部门整体支出绩效自评情况"
    assert [b.text for b in found.wrapped] == ["情况"]


def test_an_amount_in_yuan_agrees_with_its_figure_rounded(tmp_path: Path) -> None:
    text = _SHORT.replace(
        "（二）馆藏情况", "（二）部门整体收支情况\n2023年总收入1,451,077.73元。\n（三）馆藏情况"
    )
    target = tmp_path / "o.yaml"
    result = CliRunner().invoke(main, ["import", str(_report(tmp_path, text)), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "total: 145.11" in target.read_text(encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(target)])
    assert "amount-differs" not in checked.output


def test_duties_are_the_numbered_sentences_not_the_title_over_them() -> None:
    from perfgen.reading.assemble import assemble

    found = outline(
        _blocks(
            "某县某局2023年度部门整体支出绩效自评报告",
            "一、部门基本情况",
            "（一）部门概况",
            "1.主要职责",
            "（1）负责全县的规划编制和组织实施工作。",
            "（2）负责指导各乡镇的相关业务工作。",
        )
    )
    functions = assemble(found).data["basic_info"]["functions"]
    assert functions["duties"] == [
        "负责全县的规划编制和组织实施工作。",
        "负责指导各乡镇的相关业务工作。",
    ]
    assert functions["text"] == ["1.主要职责"]
