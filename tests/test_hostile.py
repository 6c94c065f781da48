"""Hostile and broken input files, one per case, each with its exact message (via the CLI).

Every case must exit 1 with exactly the expected Chinese message on stderr, print no
traceback, and leave the directory as it was (no report, no temporary file).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from perfgen.cli import main

MINIMAL = """\
unit:
  name: 测试单位
year: 2023
basic_info:
  functions: {}
  annual_work: {}
  finances:
    income:
      total: 100.00
      other: 10.00
evaluation:
  score: 95
problems: [问题]
measures: [措施]
"""

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)

MERGE_BOMB = "m0: &m0 {k: v}\n" + "".join(
    f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 10)}]}}\n" for i in range(1, 10)
)


def _date(value: str) -> tuple[str, bytes, str]:
    return (
        f"date-{value}",
        MINIMAL.replace("problems:", f"signature:\n  date: {value}\nproblems:").encode(),
        f"f.yaml:14:9: signature.date: 日期“{value}”不存在，请写实际的日期，如 2023-06-14",
    )


CASES: list[tuple[str, bytes, str]] = [
    (
        "unknown-key-with-suggestion",
        MINIMAL.replace("other: 10.00", "other_incom: 10.00").encode(),
        "f.yaml:10:7: basic_info.finances.income.other_incom: 未知字段“other_incom”，是否应为“other”？",
    ),
    (
        "unknown-top-level-key-lists-the-valid-ones",
        (MINIMAL + "zzz: 1\n").encode(),
        "f.yaml:15:1: zzz: 未知字段“zzz”，可用的字段：unit、year、outline、title、attachment_label、"
        "section_titles、settings_file、settings、basic_info、evaluation、problems、measures、closing、"
        "attachments、signature、unplaced",
    ),
    (
        "duplicate-key",
        MINIMAL.replace("year: 2023\n", "year: 2023\nyear: 2024\n").encode(),
        "f.yaml:4:1: year: 键重复（第 3 行已出现），请删除其中一个",
    ),
    (
        "python-tag",
        MINIMAL.replace("score: 95", "score: !!python/object/apply:os.system [ls]").encode(),
        "f.yaml:12:10: evaluation.score: 不支持的 YAML 标签 tag:yaml.org,2002:python/object/apply:os.system，"
        "只接受普通文字、数字和日期",
    ),
    (
        "alias-bomb",
        BOMB.encode(),
        "f.yaml:1:35: 内容展开后超过 100000 个节点，疑似别名（&/*）或合并键（<<）嵌套炸弹，已拒绝",
    ),
    (
        "merge-bomb",
        MERGE_BOMB.encode(),
        "f.yaml:1:5: 内容展开后超过 100000 个节点，疑似别名（&/*）或合并键（<<）嵌套炸弹，已拒绝",
    ),
    (
        "merge-of-a-number",
        MINIMAL.replace("unit:\n", "unit:\n  <<: 5\n").encode(),
        "f.yaml:2:7: unit: 合并键“<<”的值应为映射或映射的列表（如 <<: *锚点），实际不是",
    ),
    (
        "merge-of-itself",
        MINIMAL.replace("unit:\n", "unit: &u\n  <<: *u\n").encode(),
        "f.yaml:1:7: unit: 合并键“<<”引用了正在合并的映射自身（循环引用）",
    ),
    (
        "alias-of-itself",
        MINIMAL.replace("unit:\n", "unit: &u\n  self: *u\n").encode(),
        "f.yaml:1:7: 嵌套层数过深（超过 64 层），不是报告数据文件",
    ),
    _date("2023-02-30"),
    _date("2023-13-01"),
    _date("0000-01-01"),
    _date("2023-06-14 25:00:00"),
    (
        "integer-of-5000-digits",
        MINIMAL.replace("score: 95", "score: " + "9" * 5000).encode(),
        "f.yaml:12:10: evaluation.score: 整数“9999999999999999999999999999999999999…”"
        "无法读取（位数过多）",
    ),
    (
        "lone-surrogate",
        MINIMAL.replace("name: 测试单位", 'name: "测试\\ud800单位"').encode(),
        "f.yaml:2:9: unit.name: 含有不成对的代理字符 U+D800，无法保存为 UTF-8；请删除该转义",
    ),
    (
        "newline-in-a-value-stays-on-one-line",
        MINIMAL.replace("year: 2023", 'year: "20\\n23"').encode(),
        "f.yaml:3:7: year: 应为整数（评价年度，如 2023），实际为 “20␊23”",
    ),
    (
        "not-a-number",
        MINIMAL.replace("score: 95", "score: .nan").encode(),
        "f.yaml:12:10: evaluation.score: 数字“.nan”无法作为金额或比率读取",
    ),
    (
        "too-large",
        (MINIMAL + "#" * 1_000_001 + "\n").encode(),
        f"f.yaml: YAML 文件过大（{len(MINIMAL.encode()) + 1_000_002} 字节），上限为 1000000 字节",
    ),
    (
        "neither-utf8-nor-gbk",
        MINIMAL.encode("gbk").replace(b"unit:", b"unit:\xff", 1),
        "f.yaml:1:6: 文件既不是 UTF-8 也不是 GBK 编码，请在编辑器中另存为 UTF-8 后重试",
    ),
    ("empty-file", b"", "f.yaml: 文件为空，没有任何内容"),
    ("only-comments", b"# nothing here\n", "f.yaml: 文件为空，没有任何内容"),
    (
        "top-level-list",
        b"- unit\n- year\n",
        "f.yaml:1:1: 文件的顶层应为“键: 值”形式的映射（如 unit:、year:），实际不是",
    ),
    (
        "syntax-error",
        MINIMAL.replace("problems: [问题]", "problems: [问题").encode(),
        "f.yaml:14:9: YAML 语法错误：方括号列表 [ ] 没有闭合，或两项之间缺少逗号",
    ),
    (
        "tab-indent",
        MINIMAL.replace("  name: 测试单位", "\tname: 测试单位").encode(),
        "f.yaml:2:1: YAML 语法错误：含有不能开始一项内容的字符（如 Tab 缩进、@ 或 `）："
        "缩进请用空格，以特殊字符开头的文字请加引号",
    ),
    (
        "control-character",
        MINIMAL.replace("测试单位", "测试\x07单位").encode(),
        "f.yaml:2:11: 含有 YAML 不允许的控制字符 #x0007；请删除，或在双引号字符串中用转义写法",
    ),
    (
        "deep-nesting",
        ("a: " + "[" * 100 + "]" * 100 + "\n").encode(),
        "f.yaml:1:68: 嵌套层数过深（超过 64 层），不是报告数据文件",
    ),
    (
        "wrong-type-and-missing-field-together",
        MINIMAL.replace("year: 2023", "year: 二〇二三")
        .replace("  score: 95\n", "  conclusion: 好\n")
        .encode(),
        "f.yaml:3:7: year: 应为整数（评价年度，如 2023），实际为 “二〇二三”\n"
        "f.yaml:11:1: evaluation.score: 缺少自评得分：请填写 score（满分 100），或填写自评表 table 由程序计算",
    ),
    (
        "three-decimals",
        MINIMAL.replace("total: 100.00", "total: 100.001").encode(),
        "f.yaml:9:14: basic_info.finances.income.total: 最多保留 2 位小数"
        "（总收入（万元）；不写则为各项之和），实际为 100.001",
    ),
    (
        "negative-money",
        MINIMAL.replace("other: 10.00", "other: -10.00").encode(),
        "f.yaml:10:14: basic_info.finances.income.other: 应不小于 0（其他收入（万元）），"
        "实际为 -10.00",
    ),
    (
        "score-above-maximum",
        MINIMAL.replace("score: 95", "score: 101").encode(),
        "f.yaml:12:10: evaluation.score: 应不大于 100（部门整体绩效自评得分（满分 100）；"
        "有自评表时可不填，由表计算），实际为 101",
    ),
    (
        "bad-literal",
        MINIMAL.replace("year: 2023\n", "year: 2023\noutline: old\n").encode(),
        "f.yaml:4:10: outline: 取值应为 'standard' or 'legacy' 之一"
        "（提纲：standard 现行广州格式（默认），legacy 旧格式），实际为 “old”",
    ),
    (
        "check-error-stops-render",
        MINIMAL.replace("other: 10.00", "other: 10.00\n      appropriation: 80.00").encode(),
        "f.yaml:9:14: 错误[sum-mismatch] basic_info.finances.income.total: 总收入 100.00 万元与"
        "一般公共预算财政拨款收入 80.00 万元、其他收入 10.00 万元之和 90.00 万元相差 10.00 万元，"
        "超过允许的舍入误差 0.02 万元（每项 0.01 万元）；请核对合计数或各分项\n"
        "f.yaml:9:7: 警告[share-sum] basic_info.finances.income: 占总收入的比重合计为 90.00%"
        "（一般公共预算财政拨款收入80.00%、其他收入10.00%），与 100% 相差超过舍入误差 0.02 个百分点；"
        "分项可能不全或与合计不符\n"
        "未生成 f.docx：1 处错误",
    ),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("f.yaml").write_bytes(content)
    result = CliRunner().invoke(main, ["render", "f.yaml"])
    assert result.exit_code == 1
    assert result.stderr == expected + "\n"
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.yaml"]


def _errors(result_stdout: str) -> list[str]:
    """The findings of ``perfgen check`` that are not placeholders still to fill (which it
    counts on one line, and on its closing line)."""
    return [
        line for line in result_stdout.splitlines() if "[" in line and "[placeholder]" not in line
    ]


def test_a_merge_key_with_overrides_is_read_as_yaml_defines_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    indicators = (
        "  duty_effectiveness:\n    indicators:\n"
        "      - &base {kind: output, name: 甲, target: 10, actual: 10, unit: 次}\n"
        "      - {<<: *base, name: 乙, actual: 12}\n"
    )
    Path("f.yaml").write_text(MINIMAL.replace("  score: 95\n", "  score: 95\n" + indicators))
    result = CliRunner().invoke(main, ["render", "f.yaml", "-o", "f.md"])
    assert result.exit_code == 0, result.output
    # 乙 takes kind, target and unit from 甲 and overrides name and actual: 12 ÷ 10 = 120.00%
    report = Path("f.md").read_text(encoding="utf-8")
    assert "| 甲 | ≥ | 10次 | 10次 | 100.00% |\n| 乙 | ≥ | 10次 | 12次 | 120.00% |" in report
    result = CliRunner().invoke(main, ["rollover", "f.yaml", "-o", "g.yaml"])
    assert result.exit_code == 0, result.output
    assert _errors(CliRunner().invoke(main, ["check", "g.yaml"]).stdout) == []


def test_negative_zero_prints_without_a_sign(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(MINIMAL.replace("other: 10.00", "other: -0.00"), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "其他收入0.00万元" in result.stdout and "-0.00" not in result.stdout


def test_rollover_of_a_rate_over_1000_percent_leaves_it_to_fill(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(
        MINIMAL.replace("    income:\n      total: 100.00\n      other: 10.00\n", "")
        .replace("  finances:\n", "  finances:\n    expenditure: {total: 100.00, basic: 100.00}\n")
        .replace(
            "  finances:\n", "  finances:\n    budget:\n      initial: 1.00\n      basic: 1.00\n"
        ),
        encoding="utf-8",
    )
    draft = tmp_path / "d.yaml"
    result = CliRunner().invoke(main, ["rollover", str(source), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    text = draft.read_text(encoding="utf-8")
    # 100.00 ÷ 1.00 = 10000.00%, over the 1000% a stated rate may be
    assert (
        "prior_execution_rate: 【待填写】  # 本年为 10000.00%，超出该项可填写的范围，请核对" in text
    )
    assert "prior_initial: 1.00" in text
    assert _errors(CliRunner().invoke(main, ["check", str(draft)]).stdout) == []
