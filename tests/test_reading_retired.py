"""Retired staff (离退休人数): read from a report's staffing sentence in its common forms,
printed after the staff in post, and kept out of everything about the staff in post (the
breakdown's total, the 在职人员控制率, more staff than the establishment).

Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import compose, found, minimal, schema_errors

from perfgen.cli import main
from perfgen.reading.staff_and_score import read_functions


def _read(text: str) -> dict[str, object]:
    return {str(c.path[-1]): c.value for c in read_functions(text).captures}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # opening 01 as the line joiner leaves it: a space where a printed line broke 离退休
        (
            "我局实有编制数 63 人,2021 年末在职人数 57 人、离 退休人数 94 人。",
            {"authorized_headcount": 63, "staff_in_post": 57, "retired": 94},
        ),
        # opening 13: 离休 and 退休 apart, added up: 2 + 75 = 77
        (
            "其中,局机关在职113人、离休2人、退休75人、财政事务中心10人,国库集中支付中心5人。",
            {"retired": 77},
        ),
        ("年末在职人数30人，离退休人员12人。", {"staff_in_post": 30, "retired": 12}),
        ("在职人员57人，退休人员20人。", {"staff_in_post": 57, "retired": 20}),
        ("离退休干部职工共8人。", {"retired": 8}),
        ("离 休1人，退 休 人员6人。", {"retired": 7}),  # spaces inside both words: 1 + 6
        ("离退休人数 | 94", {"retired": 94}),  # a form's row flattened to text
        # 离退休 stated as one count wins over its own parts (not 94 + 90 + 4)
        ("离退休人员94人，其中退休90人、离休4人。", {"retired": 94}),
    ],
)
def test_retired_staff_in_their_common_forms(text: str, want: dict[str, object]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "2021年退休3人。",  # those who retired in the year, not the retired staff
        "本年新增退休人员2人。",
        "办理退休手续3人。",
        "做好5名退休党员组织关系转入工作。",
        "离退休人员经费23.50万元。",
    ],
)
def test_what_is_not_a_count_of_retired_staff(text: str) -> None:
    assert "retired" not in _read(text)


def test_retired_staff_are_not_a_category_of_the_staff_in_post() -> None:
    # 40 + 10 = 50 in post; the 20 retired are counted apart, not in the breakdown
    got = _read("实有在职人员50人，其中：行政人员40人、工勤人员10人，离退休人员20人。")
    assert got == {
        "staff_in_post": 50,
        "breakdown": {"行政人员": 40, "工勤人员": 10},
        "retired": 20,
    }


def _data(staffing: dict[str, Any]) -> dict[str, Any]:
    return minimal(
        basic_info={"functions": {"staffing": staffing}, "annual_work": {}, "finances": {}}
    )


@pytest.mark.parametrize(
    ("staffing", "sentence"),
    [
        # 57 ÷ 63 = 90.476…% → 90.48%: the rate counts the staff in post only
        (
            {"authorized_headcount": 63, "staff_in_post": 57, "retired": 94},
            "本办编制数63人，实有在职人员57人，在职人员控制率为90.48%；离退休人员94人。",
        ),
        ({"authorized_headcount": 205, "retired": 77}, "本办编制数205人；离退休人员77人。"),
        ({"retired": 94}, "本办离退休人员94人。"),
        (
            {"staff_in_post": 50, "breakdown": {"行政": 36, "工勤": 14}, "retired": 20},
            "本办实有在职人员50人（其中行政36人、工勤14人）；离退休人员20人。",
        ),
        (
            {"authorized_headcount": 26, "staff_in_post": 23, "other_staff": 8, "retired": 5},
            # 23 ÷ 26 = 88.4615…% → 88.46%
            "本办编制数26人，实有在职人员23人，在职人员控制率为88.46%；其他人员8人；离退休人员5人。",
        ),
    ],
)
def test_retired_staff_are_printed_after_the_staff_in_post(
    staffing: dict[str, Any], sentence: str
) -> None:
    assert sentence in compose(_data(staffing)).splitlines()


def test_retired_staff_enter_no_rule_about_the_staff_in_post(tmp_path: Path) -> None:
    # 36 + 14 = 50 = staff in post: the breakdown adds up without the 20 retired; 50 ≤ 60, and
    # 50 + 20 = 70 > 60 would be a false alarm of more staff than the establishment
    staffing = {
        "authorized_headcount": 60,
        "staff_in_post": 50,
        "breakdown": {"行政": 36, "工勤": 14},
        "retired": 20,
    }
    data = _data(staffing)
    assert found(data, "staffing-breakdown") == []
    assert found(data, "staff-above-establishment") == []
    path = tmp_path / "dept.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "离退休" not in checked.output


def test_a_negative_count_of_retired_staff_is_refused() -> None:
    assert schema_errors(_data({"retired": -1}))
    assert not schema_errors(_data({"retired": 0}))
