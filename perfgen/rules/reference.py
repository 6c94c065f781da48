"""The rule reference of ``docs/checks.md``, generated from the registry.

Each rule's example (a few lines of YAML) is merged into a minimal report and checked, and the
finding it gives is printed below it, so the documented message is the message perfgen prints.
The generated part of ``docs/checks.md`` lies between :data:`BEGIN` and :data:`END`;
``python -m perfgen.rules docs/checks.md`` rewrites it, and a test fails when it is stale.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from perfgen.errors import LEVEL_NAMES
from perfgen.figures import derive
from perfgen.input.loader import load_text
from perfgen.input.validation import Input, validate
from perfgen.locations import Source
from perfgen.rules import RULES, Finding, Rule, check

BEGIN = "<!-- 以下由 python -m perfgen.rules docs/checks.md 生成，请勿手改 -->"
END = "<!-- 规则表结束 -->"

EXAMPLE_BASE = """\
unit: {name: 示例单位, short_name: 本办}
year: 2024
basic_info: {functions: {}, annual_work: {}, finances: {}}
evaluation: {score: 95}
problems: [问题甲]
measures: [措施甲]
"""
"""The minimal report each example is merged into (mappings merged, lists replaced)."""

EXAMPLE_TODAY = dt.date(2025, 6, 1)
"""The day the examples are checked on (the year 2024 is then a finished year)."""


def _merged(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **{k: _merged(base.get(k), v) for k, v in extra.items()}}
    return extra


def example_findings(rule: Rule) -> list[Finding]:
    """The findings of ``rule`` on its own example, without file position.

    Raises:
        ValueError: the example does not trigger the rule (the registry is wrong).
    """
    source = _read_back(rule.example) if rule.read else _example(rule.example, "示例.yaml")
    prior = None
    if rule.prior_example:  # a rule across years: checked against the year before's example
        from perfgen.rules.prior import published

        before = _example(rule.prior_example, "示例上年.yaml")
        prior = published(before, derive(before))
    found = [
        dataclasses.replace(f, file="", line=0, column=0)
        for f in check(source, derive(source), EXAMPLE_TODAY, prior)
        if f.rule == rule.id
    ]
    if not found:
        raise ValueError(f"the example of rule {rule.id} does not trigger it")
    return found


def _read_back(text: str) -> Input:
    """A report's text read back as ``perfgen audit`` reads it (through a temporary file)."""
    import tempfile
    from pathlib import Path

    from perfgen.reading import read_report, validated

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "示例.txt"
        path.write_text(text.strip("\n") + "\n", encoding="utf-8")
        read = validated(read_report(path, infer=False), path)
    return dataclasses.replace(read, source=dataclasses.replace(read.source, file="示例.txt"))


def _example(example: str, file: str) -> Input:
    """``example`` merged into :data:`EXAMPLE_BASE`, validated as ``file``."""
    data = _merged(load_text(EXAMPLE_BASE).data, load_text(example).data)
    return validate(Source(file, data))


def _prior_lines(rule: Rule) -> list[str]:
    """The previous-year report of a rule across years, as the docs show it."""
    if not rule.prior_example:
        return []
    example = rule.prior_example.strip("\n")
    return ["上一年度的报告（示例上年.yaml）写", "", "```yaml", example, "```", ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_markdown() -> str:
    """The generated part of docs/checks.md: the table of rules, then each rule's example."""
    lines = [
        BEGIN,
        "",
        "| 规则编号 | 级别 | 检查内容 | 指向的字段 |",
        "|---|---|---|---|",
    ]
    for rule in RULES.values():
        level = LEVEL_NAMES[rule.level]
        lines.append(f"| `{rule.id}` | {level} | {_cell(rule.summary)} | {_cell(rule.blames)} |")
    for rule in RULES.values():
        lines += [
            "",
            f"### `{rule.id}`（{LEVEL_NAMES[rule.level]}）",
            "",
            rule.summary + "。",
            "",
            "例如，已发布的报告中写" if rule.read else "例如，数据中写",
            "",
            "```text" if rule.read else "```yaml",
            rule.example.strip("\n"),
            "```",
            "",
            *_prior_lines(rule),
            "则报告：",
            "",
            "```",
            *(str(f) for f in example_findings(rule)),
            "```",
        ]
        if rule.limits:
            lines += ["", f"读不到的情形：{rule.limits}"]
    return "\n".join([*lines, "", END])


def updated(document: str) -> str:
    """``document`` (docs/checks.md) with its generated part replaced by the current one.

    Raises:
        ValueError: the document lacks the markers.
    """
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise ValueError("docs/checks.md lacks the markers of its generated part")
    return document[:start] + rules_markdown() + document[end + len(END) :]
