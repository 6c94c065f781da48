"""Shared settings: a bureau's file under every unit, the unit's own settings over it key by key,
mistakes reported in the shared file, and the shared file treated as an input of the run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA

import perfgen
from perfgen.batch import Options, plan, run
from perfgen.cli import main
from perfgen.input.shared_settings import merged

NPC = DATA / "nansha-npc-office-2023.yaml"
BUREAU = """\
settings:
  percent_decimals: 1
  fonts: {body: 仿宋, title: 小标宋}
  grade_bands:
    - {grade: 优秀, min_score: 95}
    - {grade: 合格, min_score: 0}
"""


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    shutil.copy(NPC, tmp_path / "u.yaml")
    (tmp_path / "bureau.yaml").write_text(BUREAU, encoding="utf-8")
    return tmp_path / "u.yaml"


def _use(unit: Path, own: str = "") -> None:
    """Name bureau.yaml in the unit's file, with ``own`` settings lines."""
    text = unit.read_text(encoding="utf-8").replace(
        "\nyear: 2023\n", f"\nyear: 2023\nsettings_file: bureau.yaml\n{own}"
    )
    unit.write_text(text, encoding="utf-8")


def test_merging_is_key_by_key_for_mappings_and_whole_for_the_rest() -> None:
    shared = {
        "fonts": {"body": "仿宋", "title": "小标宋"},
        "omit": ["shares"],
        "percent_decimals": 1,
    }
    own = {"fonts": {"title": "方正小标宋简体"}, "omit": [], "score_decimals": 0}
    assert merged(shared, own) == {
        "fonts": {"body": "仿宋", "title": "方正小标宋简体"},
        "omit": [],
        "percent_decimals": 1,
        "score_decimals": 0,
    }
    assert merged(shared, None) == shared


def test_the_shared_file_by_option_or_by_key_and_the_units_own_over_it(unit: Path) -> None:
    by_option = perfgen.load(unit, settings=unit.parent / "bureau.yaml").report.settings
    _use(unit, "settings: {fonts: {title: 方正小标宋简体}}\n")
    by_key = perfgen.load(unit).report.settings
    assert by_option.percent_decimals == by_key.percent_decimals == 1
    assert [b.grade for b in by_key.grade_bands] == ["优秀", "合格"]
    assert (by_option.fonts.title, by_key.fonts.title) == ("小标宋", "方正小标宋简体")
    assert by_key.fonts.body == "仿宋"  # kept from the shared file under the unit's own fonts
    # the report prints at the shared precision and grades by the shared bands:
    # 2503.53 ÷ 2526.63 = 99.0857…% → 99.1%; 98.75 < 95? no: 优秀
    text = perfgen.render(unit, "-").data.decode("utf-8")
    assert "预算执行率为99.1%" in text and "评价等级为“优秀”" in text


def test_the_option_wins_over_the_key(unit: Path) -> None:
    _use(unit)
    (unit.parent / "other.yaml").write_text("settings: {percent_decimals: 3}\n", encoding="utf-8")
    settings = perfgen.load(unit, settings=unit.parent / "other.yaml").report.settings
    assert settings.percent_decimals == 3


def test_a_mistake_in_the_shared_file_is_reported_there(unit: Path) -> None:
    bad = unit.parent / "bureau.yaml"
    bad.write_text("settings:\n  percent_decimals: 9\n  unknown: 1\n", encoding="utf-8")
    _use(unit)
    result = CliRunner().invoke(main, ["check", str(unit)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{bad}:2:21: settings.percent_decimals: 应不大于 4（百分比保留的小数位数），实际为 9\n"
        f"{bad}:3:3: settings.unknown: 未知字段“unknown”，可用的字段：fonts、level3_bold、"
        "thousands_separator、percent_decimals、indicator_rate_decimals、score_decimals、"
        "carryover_rate_base、grade_bands、list_styles、run_in_headings、omit、thresholds、score_caps\n"
    )
    bad.write_text("percent_decimals: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(unit)])
    assert result.stdout == (
        f"{bad}:1:1: 共用设置文件应只有一个键 settings:（其下写各项设置），实际不是\n"
    )


def test_the_shared_file_is_an_input_no_output_replaces(unit: Path) -> None:
    _use(unit)
    shared = unit.parent / "bureau.yaml"
    before = shared.read_bytes()
    for args in (
        ["render", str(unit), "-o", str(shared), "-f", "md"],
        ["render", str(unit), "--settings", str(shared), "-o", str(shared), "-f", "md"],
        ["rollover", str(unit), "-o", str(shared), "--force"],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, args
        assert "与输入文件" in result.stderr and "已拒绝覆盖输入" in result.stderr
    assert shared.read_bytes() == before


def test_a_batch_shares_the_file_and_renders_again_when_it_changes(unit: Path) -> None:
    out = unit.parent / "out"
    options = Options(formats=("md",), settings=unit.parent / "bureau.yaml")
    [first] = run(plan([unit]), out, options, 1)
    assert first.status == "done" and "预算执行率为99.1%" in (out / "u.md").read_text(
        encoding="utf-8"
    )
    [again] = run(plan([unit]), out, options, 1)
    assert again.status == "skipped"
    (unit.parent / "bureau.yaml").write_text("settings: {percent_decimals: 2}\n", encoding="utf-8")
    [changed] = run(plan([unit]), out, options, 1)
    assert changed.status == "done" and "预算执行率为99.09%" in (out / "u.md").read_text(
        encoding="utf-8"
    )
