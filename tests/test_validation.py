"""Validation of loaded data into an Input: what is pending, and every error in Chinese, located.

Complements test_placeholders.py (which renders pending values) by testing
:func:`perfgen.input.validation.validate`, :func:`~perfgen.input.validation.without_pending` and
:func:`~perfgen.input.validation.describe` directly.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from decimal import Decimal as D

import pytest
from helpers import field_paths, finances, minimal, read
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import perfgen
from perfgen.input.loader import load_text
from perfgen.input.model import Report
from perfgen.input.validation import describe, validate, without_pending
from perfgen.locations import Source
from perfgen.placeholders import find

INCOME_TOTAL = ("basic_info", "finances", "income", "total")


def _errors(text: str) -> str:
    with pytest.raises(perfgen.InputError) as info:
        validate(load_text(text, "f.yaml"))
    return str(info.value)


def test_minimal_input_has_nothing_pending() -> None:
    source = read(minimal())
    assert dict(source.pending) == {}
    assert not source.is_pending(INCOME_TOTAL)
    assert source.file == "dept.yaml"
    assert (source.report.year, source.report.unit.name) == (2024, "测试单位")


def test_placeholder_in_an_optional_number_or_code_is_left_out_and_pending() -> None:
    income = {"total": "【待填写】", "other": D("1.00")}
    source = read(minimal(basic_info=finances(income=income), outline="【待填写】"))
    parsed = source.report.basic_info.finances.income
    assert parsed is not None
    # the total is not known yet: absent, not zero, and not the sum of the parts (1.00)
    assert parsed.total is None and "total" not in parsed.model_fields_set
    assert parsed.other == D("1.00")
    # outline takes a code, not text: the default applies until the clerk chooses
    assert source.report.outline == "standard"
    assert dict(source.pending) == {INCOME_TOTAL: "【待填写】", ("outline",): "【待填写】"}
    assert source.is_pending(INCOME_TOTAL)


def test_placeholder_in_text_stays_in_the_report_and_is_pending() -> None:
    source = read(minimal(problems=["【待更新】问题甲"], title="【待填写】"))
    assert source.report.title == "【待填写】"
    assert source.report.problems[0].text == ("【待更新】问题甲",)
    # document order: problems comes before the title appended by minimal()
    assert list(source.pending.items()) == [
        (("problems", 0), "【待更新】问题甲"),
        (("title",), "【待填写】"),
    ]


def test_unknown_key_suggests_the_nearest_at_the_key() -> None:
    text = (
        "unit:\n"
        "  name: 甲\n"
        "  shortname: 乙\n"
        "year: 2023\n"
        "basic_info:\n"
        "  functions: {}\n"
        "  annual_work: {}\n"
        "  finances:\n"
        "    income: {totl: 1}\n"
        "evaluation: {score: 90}\n"
        "problems: [a]\n"
        "measures: [b]\n"
    )
    # shortname: line 3, column 3; totl: 4 spaces + "income: {" (9) → column 14
    assert _errors(text) == (
        "f.yaml:3:3: unit.shortname: 未知字段“shortname”，是否应为“short_name”？\n"
        "f.yaml:9:14: basic_info.finances.income.totl: 未知字段“totl”，是否应为“total”？"
    )


def test_missing_field_is_placed_at_its_parents_key() -> None:
    text = (
        "unit: {name: 甲}\n"
        "year: 2023\n"
        "basic_info:\n"
        "  functions:\n"
        "    staffing: {authorized_headcount: 3}\n"
        "  annual_work: {}\n"
        "  finances: {}\n"
        "evaluation:\n"
        "  score: 90\n"
        "  scope: {key_evaluations: [{funds: 3}]}\n"
        "problems: [a]\n"
    )
    # the name is missing from the key evaluation (its item at 10:29); measures has no
    # parent key: the top-level mapping (1:1); the staffing may state the headcount alone
    assert _errors(text) == (
        "f.yaml:1:1: measures: 缺少必填字段（四、下一步改进措施）\n"
        "f.yaml:10:29: evaluation.scope.key_evaluations[0].name: 缺少必填字段（项目名称）"
    )


def test_several_errors_are_reported_together_sorted_by_line() -> None:
    # The file's order differs from the model's (unit, year, …, problems): sorting is by line.
    text = (
        "problems: 一个问题\n"
        "measures: [措施甲]\n"
        "unit: {name: 甲}\n"
        "year: 【待填写】\n"
        "basic_info:\n"
        "  functions: {}\n"
        "  annual_work: {}\n"
        "  finances:\n"
        "    income:\n"
        "      total: 1.234\n"
        "evaluation: {score: 101}\n"
    )
    # columns: "problems: " is 10 characters → 11; "year: " → 7; 6 spaces + "total: " → 14;
    # "evaluation: {score: " is 20 characters → 21
    assert _errors(text) == (
        "f.yaml:1:11: problems: 应为列表（每项以“- ”开头）（三、存在的主要问题），实际为 “一个问题”\n"
        "f.yaml:4:7: year: 此项必须填写实际内容（评价年度，如 2023），不能留作“【待填写】”\n"
        "f.yaml:10:14: basic_info.finances.income.total: "
        "最多保留 2 位小数（总收入（万元）；不写则为各项之和），实际为 1.234\n"
        "f.yaml:11:21: evaluation.score: "
        "应不大于 100（部门整体绩效自评得分（满分 100）；有自评表时可不填，由表计算），实际为 101"
    )


def test_describe_gives_the_models_chinese_description() -> None:
    assert describe(INCOME_TOTAL) == "总收入（万元）；不写则为各项之和"
    # list indexes are passed through to the item's model
    assert describe(("evaluation", "table", "indicators", 3, "weight")) == "分值（自评表）"
    assert describe(("basic_info", "finances", "income", "nope")) == ""
    assert describe(("problems", 0)) == ""
    assert describe(()) == ""


def test_without_pending_never_changes_its_input() -> None:
    indicator = {"name": "甲", "target": 10, "actual": "【待填写】", "unit": "【待填写】"}
    data = minimal(
        year="【待填写】",
        title="【待填写】",
        basic_info=finances(income={"total": "【待填写】", "other": D("1.00")}),
        evaluation={"score": "【待填写】", "table": {"indicators": [indicator]}},
    )
    before = copy.deepcopy(data)
    out = without_pending(data)
    assert data == before
    assert out is not data
    # dropped: an optional number, also inside a list of models
    assert out["basic_info"]["finances"]["income"] == {"other": D("1.00")}
    assert out["evaluation"]["table"]["indicators"] == [
        {"name": "甲", "target": 10, "unit": "【待填写】"}
    ]
    # kept: a required number (validation refuses it), the score (a draft may wait), text
    assert (out["year"], out["evaluation"]["score"], out["title"]) == ("【待填写】",) * 3


def test_section_numbers_are_not_doubled_in_brackets() -> None:
    text = "unit: {name: 甲}\nyear: 2023\nbasic_info: {functions: {}, finances: {}}\n"
    text += "evaluation: {score: 90}\nproblems: [a]\nmeasures: [b]\n"
    # the description is “（二）年度总体工作和重点工作任务”; quoted, its number is left out
    assert _errors(text) == (
        "f.yaml:3:1: basic_info.annual_work: 缺少必填字段（年度总体工作和重点工作任务）"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,234.56", D("1234.56")),
        ("12,345,678.90", D("12345678.90")),
        ("2514.62万元", D("2514.62")),
        (" 1,829.40 万元 ", D("1829.40")),
        ("0.00", D("0.00")),
    ],
)
def test_money_typed_as_the_report_prints_it(typed: str, expected: D) -> None:
    income = {"total": typed}
    parsed = read(minimal(basic_info=finances(income=income))).report
    assert parsed.basic_info.finances.income is not None
    total = parsed.basic_info.finances.income.total
    assert (total, str(total)) == (expected, str(expected))  # exact, the typed decimals kept


def test_rates_scores_and_quantities_typed_as_printed() -> None:
    budget = {"execution_rate": "98.76%", "basic_execution_rate": "99.89％"}
    indicator = {"name": "甲", "target": "1,300", "actual": "95%", "weight": "20分"}
    report = read(
        minimal(
            basic_info=finances(budget=budget),
            evaluation={"score": "99分", "duty_effectiveness": {"indicators": [indicator]}},
        )
    ).report
    rates = report.basic_info.finances.budget
    assert rates is not None
    assert (rates.execution_rate, rates.basic_execution_rate) == (D("98.76"), D("99.89"))
    [parsed] = report.evaluation.duty_effectiveness.indicators
    assert (parsed.target, parsed.actual, parsed.weight) == (D(1300), D(95), D(20))
    assert report.evaluation.score == D(99)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("total: 1,23.56", "1,23.56"),  # not grouped by three
        ("total: 1234,56", "1234,56"),  # a decimal comma
        ("total: 5%", "5%"),  # a rate's unit after money
        ("total: 12元", "12元"),  # 元 is not 万元: refused rather than guessed
    ],
)
def test_a_number_printed_wrongly_is_refused_with_the_clerks_text(line: str, shown: str) -> None:
    text = (
        "unit: {name: 单位}\nyear: 2023\nbasic_info:\n  functions: {}\n  annual_work: {}\n"
        f"  finances:\n    income:\n      {line}\nevaluation: {{score: 90}}\n"
        "problems: [问题]\nmeasures: [措施]\n"
    )
    assert _errors(text) == (
        f"f.yaml:8:14: basic_info.finances.income.total: 应为数字（总收入（万元）；不写则为各项之和），"
        f"实际为 “{shown}”"
    )


@pytest.mark.parametrize(
    "typed", ["2025年3月15日", "2025 年 3 月 15 日", "2025.3.15", "2025/03/15", "2025-3-15"]
)
def test_dates_typed_as_reports_print_them(typed: str) -> None:
    source = read(minimal(signature={"unit": "测试单位", "date": typed}))
    assert source.report.signature is not None
    assert source.report.signature.date == dt.date(2025, 3, 15)


@pytest.mark.parametrize("typed", ["2025年2月30日", "2025年13月1日", "二〇二五年三月十五日"])
def test_an_impossible_or_unread_date_is_refused_with_the_clerks_text(typed: str) -> None:
    with pytest.raises(perfgen.InputError) as raised:
        validate(load_text(f"signature:\n  unit: 测试单位\n  date: {typed}\n", "f.yaml"))
    assert (
        f"signature.date: 应为日期，格式如 2023-06-14（成文日期，如 2023-06-14 或 2023年6月14日），实际为 “{typed}”"
        in str(raised.value)
    )


def test_the_windows_font_preset_names_fonts_every_windows_has() -> None:
    fonts = read(minimal(settings={"fonts": "windows"})).report.settings.fonts
    assert (fonts.title, fonts.heading1, fonts.heading2, fonts.body) == (
        "宋体",
        "黑体",
        "楷体",
        "仿宋",
    )
    official = read(minimal(settings={"fonts": "official"})).report.settings.fonts
    assert official.body == "仿宋_GB2312"


def test_settings_hash_as_they_compare_and_the_default_is_shared_not_copied() -> None:
    from perfgen.input.settings import Settings

    one = Settings.model_validate({"list_styles": {"duties": "inline", "problems": "headed"}})
    other = Settings.model_validate({"list_styles": {"problems": "headed", "duties": "inline"}})
    assert one == other and hash(one) == hash(other)
    assert {one, other, Settings()} == {one, Settings()}
    assert read(minimal()).report.settings is read(minimal()).report.settings


def _replaced(data: object, path: tuple[object, ...], value: object) -> object:
    if not path:
        return value
    copied = copy.copy(data)
    copied[path[0]] = _replaced(copied[path[0]], path[1:], value)  # type: ignore[index]
    return copied


@given(st.data())
@settings(deadline=None, max_examples=60)
def test_pending_is_what_find_says_and_the_report_what_without_pending_leaves(
    data: st.DataObject,
) -> None:
    """validate finds placeholders and drops pending fields in one walk; it must agree with
    the two separate walks :func:`find` and :func:`without_pending` of the same data."""
    import pathlib

    samples = sorted(pathlib.Path(__file__).parent.parent.joinpath("data").glob("*.yaml"))
    sample = data.draw(st.sampled_from(samples))
    plain = load_text(sample.read_text(encoding="utf-8"), "f.yaml").data
    paths = field_paths(plain)[1:]
    texts = st.sampled_from(
        ["【待填写】", " 【待更新】 ", "前【待填写】后", "【待更新】x【待填写】"]
    )
    for path in data.draw(st.lists(st.sampled_from(paths), max_size=6)):
        text = data.draw(texts)
        with contextlib.suppress(KeyError, IndexError, TypeError):  # an earlier one removed it
            plain = _replaced(plain, path, text)
    source = Source("f.yaml", plain, {}, {})
    try:
        expected = Report.model_validate(without_pending(plain))
    except ValidationError:
        with pytest.raises(perfgen.InputError):
            validate(source)
        return
    validated = validate(source)
    assert validated.report == expected
    assert list(validated.pending.items()) == list(find(plain))
