"""The YAML loader: exact decimals, positions, and refusal of unsafe or broken input."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

import perfgen
from perfgen.errors import InputError
from perfgen.input.loader import load_file, load_text


def test_numbers_are_decimals_from_source_text() -> None:
    source = load_text("a: 2514.62\nb: 11.40\nc: 26\n")
    assert source.data == {"a": Decimal("2514.62"), "b": Decimal("11.40"), "c": 26}
    assert str(source.data["b"]) == "11.40"


def test_positions_are_recorded() -> None:
    source = load_text("unit:\n  name: 甲\nlist:\n  - x\n  - y\n")
    assert source.positions[("unit", "name")] == (2, 9)
    assert source.positions[("list", 1)] == (5, 5)
    assert source.locate(("list", 1, "missing")) == (5, 5)


def _message(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_text(text, "f.yaml")
    return str(info.value)


def test_duplicate_key_is_rejected() -> None:
    assert (
        _message("a: 1\nb: 2\na: 3\n") == "f.yaml:3:1: a: 键重复（第 1 行已出现），请删除其中一个"
    )


def test_python_tag_is_rejected() -> None:
    message = _message("a: !!python/object/apply:os.system ['echo hi']\n")
    assert message.startswith(
        "f.yaml:1:4: a: 不支持的 YAML 标签 tag:yaml.org,2002:python/object/apply"
    )


def test_alias_bomb_is_refused_by_the_node_bound() -> None:
    """10⁹ nodes once expanded: refused when the count passes the bound, long before the end
    (without the bound this test would not finish; its time is measured in benchmarks/)."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 10)}]")
    message = _message("\n".join(lines) + "\n")
    assert "疑似别名" in message


def test_syntax_error_has_position() -> None:
    assert _message("a: [1\n").startswith("f.yaml:2:1: YAML 语法错误：")


def test_empty_and_non_mapping() -> None:
    assert _message("") == "f.yaml: 文件为空，没有任何内容"
    assert _message("- a\n- b\n").startswith("f.yaml:1:1: 文件的顶层应为“键: 值”形式的映射")


def test_utf8_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: 甲\n".encode())
    assert load_file(path).data == {"a": "甲"}


def test_a_file_saved_as_gbk_is_read_and_every_command_agrees(tmp_path: Path) -> None:
    """Windows Notepad's “ANSI” on a Chinese system: read as GB18030, with a note to save it as
    UTF-8; check, render and rollover read it alike."""
    from click.testing import CliRunner

    from perfgen.cli import main

    source = tmp_path / "单位-2023.yaml"
    text = (DATA / "nansha-npc-office-2023.yaml").read_text(encoding="utf-8")
    source.write_bytes(text.encode("gb18030"))
    assert load_file(source).encoding == "gb18030"
    assert load_file(source).data == load_text(text, str(source)).data
    note = f"提示：{source} 不是 UTF-8 编码，已按 GBK（GB18030）读入；建议在编辑器中另存为 UTF-8"
    checked = CliRunner().invoke(main, ["check", str(source)])
    assert checked.exit_code == 0 and checked.stdout.startswith(note)
    rendered = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path / "r.md")])
    assert rendered.exit_code == 0 and rendered.stderr.startswith(note)
    assert "广州市南沙区人民代表大会常务委员会办公室" in (tmp_path / "r.md").read_text(
        encoding="utf-8"
    )
    rolled = CliRunner().invoke(main, ["rollover", str(source)])
    assert rolled.exit_code == 0, rolled.output
    draft = (tmp_path / "单位-2024.yaml").read_text(encoding="utf-8")  # the draft is UTF-8
    assert "year: 2024" in draft


def test_a_file_neither_utf8_nor_gbk_is_refused_at_its_first_bad_byte(tmp_path: Path) -> None:
    source = tmp_path / "f.yaml"
    source.write_bytes(b"unit:\n  name: \x81\x30\xff\n")
    with pytest.raises(perfgen.InputError) as raised:
        load_file(source)
    assert str(raised.value) == (
        f"{source}:2:9: 文件既不是 UTF-8 也不是 GBK 编码，请在编辑器中另存为 UTF-8 后重试"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "unit:\n  name: 测试\n  short_name： 本办\n",
            "f.yaml:3:13: “short_name”后面是全角冒号“：”，应为半角冒号“:”（冒号后加一个空格）",
        ),
        (
            "finances:\n  income:\n    total： 20.5\n    other: 1.0\n",
            "f.yaml:3:10: “total”后面是全角冒号“：”，应为半角冒号“:”（冒号后加一个空格）",
        ),
        ("a: [1\n", "f.yaml:2:1: YAML 语法错误：方括号列表 [ ] 没有闭合，或两项之间缺少逗号"),
    ],
)
def test_a_chinese_typo_is_named_at_its_character_and_no_english_is_shown(
    text: str, expected: str
) -> None:
    message = _message(text)
    assert message == expected
    assert not any(
        c.isascii() and c.isalpha()
        for c in message.split(": ", 1)[1]
        .replace("YAML", "")
        .replace("short_name", "")
        .replace("total", "")
    )


def test_a_full_width_space_in_a_key_is_named() -> None:
    source = "unit:\n\u3000\u3000name: 测试\n"
    with pytest.raises(InputError) as raised:
        perfgen.validate(load_text(source, "f.yaml"))
    assert (
        "f.yaml:2:1: 　　name: “　　name”不是字段名：键前面或键中有全角空格“　”：缩进请用半角空格"
        in str(raised.value)
    )


def test_check_and_rollover_read_a_next_line_character_alike(tmp_path: Path) -> None:
    """U+0085 ends a line for PyYAML (YAML 1.1) but not for ruamel.yaml (YAML 1.2): both are
    given an ordinary line break, so check and rollover agree."""
    from click.testing import CliRunner

    from perfgen.cli import main

    source = tmp_path / "单位-2023.yaml"
    text = (DATA / "nansha-npc-office-2023.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("year:", "\x85year:", 1), encoding="utf-8")
    assert CliRunner().invoke(main, ["check", str(source)]).exit_code == 0
    rolled = CliRunner().invoke(main, ["rollover", str(source)])
    assert rolled.exit_code == 0, rolled.output
    assert "year: 2024" in (tmp_path / "单位-2024.yaml").read_text(encoding="utf-8")


def _deep_mappings(levels: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(levels)) + " " * levels + "b: 1\n"


def test_block_nesting_too_deep_is_refused_at_the_collection_past_the_bound() -> None:
    # The top-level mapping is at depth 0; the one at depth 65 starts at line 66, column 66.
    assert (
        _message(_deep_mappings(70)) == "f.yaml:66:66: 嵌套层数过深（超过 64 层），不是报告数据文件"
    )
    # "a:" then sequences in one line: the 65th sequence starts at column 2 × 64 + 1.
    text = "a:\n" + "- " * 100 + "x\n"
    assert _message(text) == "f.yaml:2:129: 嵌套层数过深（超过 64 层），不是报告数据文件"
    assert load_text(_deep_mappings(63)).positions[("a",) * 63 + ("b",)] == (64, 67)


def _nested(kinds: list[bool]) -> object:
    value: object = "x"
    for is_list in reversed(kinds):
        value = [value, "-: ?"] if is_list else {"- ? k:": value, "k": 1}
    return value


def _depth(text: str) -> int:
    import yaml

    depth = deepest = -1
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


@given(
    kinds=st.lists(st.booleans(), min_size=1, max_size=90),
    indent=st.integers(2, 5),
    flow=st.sampled_from([None, False, True]),
)
@settings(deadline=None, max_examples=150)
def test_a_file_read_without_counting_its_depth_is_never_too_deep(
    kinds: list[bool], indent: int, flow: bool | None
) -> None:
    import yaml

    from perfgen.input.loader import MAX_DEPTH, _shallow

    text = yaml.safe_dump(
        {"top": _nested(kinds)}, allow_unicode=True, indent=indent, default_flow_style=flow
    )
    deepest = _depth(text)
    assert deepest == len(kinds)
    if _shallow(text):
        assert deepest <= MAX_DEPTH
    if len(kinds) + 1 > MAX_DEPTH:  # the leaf's field path is deeper than the bound
        assert "嵌套层数过深" in _message(text)
    else:
        assert load_text(text).data == {"top": _nested(kinds)}


def _tree(node: object) -> object:
    import yaml

    assert isinstance(node, yaml.Node)
    mark = (node.tag, node.start_mark.line, node.start_mark.column, node.end_mark.index)
    if isinstance(node, yaml.ScalarNode):
        return (*mark, node.value, node.style)
    if isinstance(node, yaml.MappingNode):
        return (*mark, [(_tree(k), _tree(v)) for k, v in node.value])
    return (*mark, [_tree(item) for item in node.value])


SCALARS = (
    *("", "~", "null", "Null", "true", "yes", "No", "off", "on", "y", "n", "<<", "="),
    *("0", "-0", "+1", "1_000", "0x1F", "0o17", "017", "0b101", "1:30", "190:20:30", "1e3"),
    *("1.5", "-.5", "+.5e-3", ".inf", "-.Inf", ".NaN", "1.", "1_0.0_1", "3.14e+2", "6.8523015e+5"),
    *("2023-06-14", "2023-6-4", "2001-12-14t21:59:43.10-05:00", "2023-06-14 25:00:00"),
    *("【待填写】", "12.3万元", "'quoted'", "-", "?", "1 2", "0.5%", "1,000"),
)
"""Plain scalars of every form YAML 1.1 resolves, and near misses."""


@given(
    data=st.recursive(
        st.sampled_from(SCALARS) | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
        ),
        max_leaves=20,
    ),
    flow=st.sampled_from([None, False, True]),
)
@settings(deadline=None, max_examples=300)
def test_the_fast_loader_resolves_every_tag_as_libyaml_s_safe_loader(
    data: object, flow: bool | None
) -> None:
    import yaml

    from perfgen.input.libyaml import FAST_LOADER

    text = yaml.safe_dump({"top": data}, allow_unicode=True, default_flow_style=flow)
    text = text.replace("'", "")  # plain, so that each scalar's tag is resolved from its text
    try:
        expected = _tree(yaml.compose(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return  # not YAML once unquoted: nothing to compare
    assert _tree(yaml.compose(text, Loader=FAST_LOADER)) == expected


def test_the_fast_loader_resolves_each_plain_scalar_as_libyaml_s_safe_loader() -> None:
    import yaml

    from perfgen.input.libyaml import FAST_LOADER

    assert FAST_LOADER is not yaml.CSafeLoader  # PyYAML's resolvers are the ones it expects
    text = "".join(f"- {s}\n" if s else "-\n" for s in SCALARS) + "- [a, {b: 1}]\n- ? x\n  : y\n"
    tree = _tree(yaml.compose(text, Loader=FAST_LOADER))
    assert tree == _tree(yaml.compose(text, Loader=yaml.CSafeLoader))


_STARTS = st.builds(
    lambda n, indicators: (" " * n + indicators)[: n + 2],
    st.integers(0, 36),
    st.sampled_from(["", "-", "? ", ": ", "- "]),
)
_LINES = st.lists(st.tuples(_STARTS, st.text(alphabet="a[{\r", max_size=4)), max_size=8)


@given(_LINES.map(lambda lines: "\n".join(start + rest for start, rest in lines)))
@settings(deadline=None, max_examples=300)
def test_the_depth_shortcut_is_the_bound_on_the_widest_start_of_a_line(text: str) -> None:
    """_shallow searches for a line start too wide instead of measuring every line; it must
    say what the bound says of the widest start found line by line."""
    import re

    from perfgen.input.loader import MAX_DEPTH, _shallow

    flows = text.count("[") + text.count("{")
    widest = max(len(start) for start in re.findall(r"^[ ?:-]*", text, re.MULTILINE))
    expected = "\r" not in text and flows <= MAX_DEPTH and 2 * (widest + 1) + flows <= MAX_DEPTH
    assert _shallow(text) == expected


@pytest.mark.parametrize("flows", [0, 1, 2, 3, 63, 64, 65])
@pytest.mark.parametrize("width", [0, 1, 29, 30, 31, 32, 33])
@pytest.mark.parametrize("first", [False, True])
def test_the_depth_shortcut_at_its_bound(flows: int, width: int, first: bool) -> None:
    from perfgen.input.loader import MAX_DEPTH, _shallow

    wide = " " * width + "a: " + "[" * flows
    text = f"{wide}\nb: 1\n" if first else f"a: 1\n{wide}\n"
    assert _shallow(text) == (flows <= MAX_DEPTH and 2 * (width + 1) + flows <= MAX_DEPTH)
