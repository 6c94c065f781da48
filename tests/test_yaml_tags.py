"""Explicit YAML tags and tabs: every command reads a YAML file the same way.

Only the core schema's tags (and dates) are constructed; a value its tag cannot hold is a
positioned Chinese message, not a constructor's traceback. A tab inside a plain scalar, which
libyaml accepts and ruamel.yaml (rollover) refuses, is refused by every command alike.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA

from perfgen.cli import main
from perfgen.errors import InputError
from perfgen.input.loader import load_text
from perfgen.serve.preview import Preview

NPC = DATA / "nansha-npc-office-2023.yaml"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!timestamp 15", "“15”不是日期（标签 !!timestamp），请写成 2023-06-14 的形式"),
        ("!!bool 5", "“5”不是真假值（标签 !!bool 只接受 true 或 false）"),
        ('!!int ""', "“”不是整数（标签 !!int）"),
        ("!!int 0x1G", "“0x1G”不是整数（标签 !!int）"),
        ("!!null x", "“x”不是空值（标签 !!null 只接受 null、~ 或不写）"),
        ("!!float abc", "数字“abc”无法作为金额或比率读取"),
        ("!!timestamp 2023-02-30", "日期“2023-02-30”不存在，请写实际的日期，如 2023-06-14"),
        (
            "!!binary aGVsbG8=",
            "不支持的 YAML 标签 tag:yaml.org,2002:binary，只接受普通文字、数字和日期",
        ),
    ],
)
def test_a_value_its_tag_cannot_hold_is_a_positioned_message(value: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_text(f"unit: 甲\nyear: {value}\n", "dept.yaml")
    assert [str(p) for p in caught.value.problems] == [f"dept.yaml:2:7: year: {message}"]


def test_a_valid_explicit_tag_is_read() -> None:
    data = load_text("year: !!int 2023\nflag: !!bool true\nnone: !!null\n").data
    assert data == {"year": 2023, "flag": True, "none": None}


def test_a_tag_typo_saved_while_serving_shows_its_message(tmp_path: Path) -> None:
    live = tmp_path / "unit.yaml"
    shutil.copyfile(NPC, live)
    preview = Preview(live)
    preview.refresh()
    good = live.read_text(encoding="utf-8")
    live.write_text(good.replace("year: 2023", "year: !!timestamp 15", 1), encoding="utf-8")
    preview.refresh()
    page = preview.page.decode()
    assert "草稿 · 无法生成预览" in page
    assert "不是日期（标签 !!timestamp），请写成 2023-06-14 的形式" in page
    live.write_text(good, encoding="utf-8")
    preview.refresh()
    assert "检查未发现问题" in preview.page.decode()


TAB = (
    "YAML 语法错误：含有不能开始一项内容的字符（如 Tab 缩进、@ 或 `）：缩进请用空格，"
    "以特殊字符开头的文字请加引号"
)


@pytest.mark.parametrize("command", ["check", "render", "rollover"])
def test_a_tab_in_a_plain_scalar_is_refused_alike(tmp_path: Path, command: str) -> None:
    source = tmp_path / "unit.yaml"
    text = NPC.read_text(encoding="utf-8")
    assert "  short_name: 区人大常委会办公室\n" in text
    source.write_text(text.replace("short_name: 区人大常委会办公室", "short_name: 人大\t办", 1))
    out = tmp_path / "out"
    out.mkdir()
    args = [command, str(source)] + ([] if command == "check" else ["-o", str(out / "x.md")])
    if command == "rollover":
        args[-1] = str(out / "next.yaml")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    line = text[: text.index("short_name: 区")].count("\n") + 1
    assert f"{source}:{line}:17: {TAB}" in result.output
    assert list(out.iterdir()) == []


def test_a_tab_in_quotes_or_a_block_is_read_and_rolled_over(tmp_path: Path) -> None:
    source = tmp_path / "unit.yaml"
    text = NPC.read_text(encoding="utf-8")
    source.write_text(text.replace("short_name: 区人大常委会办公室", 'short_name: "人大\t办"', 1))
    target = tmp_path / "next.yaml"
    assert CliRunner().invoke(main, ["check", str(source)]).exit_code == 0
    assert CliRunner().invoke(main, ["rollover", str(source), "-o", str(target)]).exit_code == 0
    assert 'short_name: "人大\\t办"' in target.read_text(encoding="utf-8")
