"""The rule reference of ``docs/checks.md``, generated from the registry.

Each rule's example (a few lines of YAML) is merged into a minimal report and checked, and the
finding it gives is printed below it, so the documented message is the message perfgen prints.
The generated part of ``docs/checks.md`` lies between :data:`BEGIN` and :data:`END`;
``python -m perfgen.rules docs/checks.md`` rewrites it, and a test fails when it is stale. It
ends with the reviewer's precision figure: per rule, how many findings ``perfgen audit`` gives on
the published samples and openings and how many of them are true, as judged by hand in
``tests/fixtures/audit-verdicts.yaml`` (:data:`VERDICTS`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
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

VERDICTS = Path("tests") / "fixtures" / "audit-verdicts.yaml"
"""The findings of ``perfgen audit`` on the samples and openings, judged by hand (relative to
the project's folder)."""


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


def rules_markdown(verdicts: Path | None = None) -> str:
    """The generated part of docs/checks.md: the table of rules, each rule's example, then
    (given ``verdicts``) the reviewer's precision figure (:func:`precision_markdown`)."""
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
        if rule.review:
            lines += ["", "`perfgen audit` 用审阅者的话说（不提字段名）：", "", "```"]
            lines += [f.for_reviewer for f in example_findings(rule)] + ["```"]
        if rule.limits:
            lines += ["", f"读不到的情形：{rule.limits}"]
        if rule.hints:
            lines += ["", f"作为{LEVEL_NAMES['hint']}报告的情形：{rule.hints}"]
    if verdicts is not None:
        lines += ["", *precision_markdown(verdicts)]
    return "\n".join([*lines, "", END])


def tally(verdicts: Path) -> dict[str, dict[str, list[int]]]:
    """The judged findings of ``verdicts`` counted per rule: ``{rule: {"shown": [findings,
    true], "hint": [findings, true]}}`` (shown: errors and warnings), in registry order.

    Raises:
        InputError: the file cannot be read as YAML.
    """
    from perfgen.input.loader import load_file

    data = load_file(verdicts).data
    counts: dict[str, dict[str, list[int]]] = {}
    for entries in (data.get("reports") or {}).values():
        for entry in entries or ():
            kind = "hint" if entry["level"] == "hint" else "shown"
            of = counts.setdefault(entry["rule"], {"shown": [0, 0], "hint": [0, 0]})[kind]
            of[0] += 1
            of[1] += entry["verdict"] is True
    order = list(RULES)
    return dict(sorted(counts.items(), key=lambda item: order.index(item[0])))


def precision_markdown(verdicts: Path) -> list[str]:
    """The reviewer's precision figure: a table of each rule's findings on the published
    samples and openings, and how many are true (judged by hand in ``verdicts``)."""
    rows = tally(verdicts)
    hint = LEVEL_NAMES["hint"]
    lines = [
        "## 审阅者的准确率（`perfgen audit`）",
        "",
        "`perfgen audit --all` 在三份已发布报告（`tests/fixtures/published-text/`）和十八份报告摘录"
        "（`tests/fixtures/openings/`）上给出的每条结果，都经人工对照原文逐条判断是否属实，记在 "
        "`tests/fixtures/audit-verdicts.yaml`（不属实的写明原因）。测试重新检查这些报告：多出或少了"
        f"一条结果，或某条规则的属实比例低于记录的下限，测试即失败。{hint}默认不显示，单独计数。",
        "",
        f"| 规则 | 错误和警告 | 其中属实 | {hint} | 其中属实 |",
        "|---|---|---|---|---|",
    ]
    total = [0, 0, 0, 0]
    for rule, of in rows.items():
        numbers = [*of["shown"], *of["hint"]]
        total = [a + b for a, b in zip(total, numbers, strict=True)]
        lines.append(f"| `{rule}` | " + " | ".join(str(n) for n in numbers) + " |")
    lines.append("| 合计 | " + " | ".join(str(n) for n in total) + " |")
    return lines


def updated(document: str, verdicts: Path | None = None) -> str:
    """``document`` (docs/checks.md) with its generated part replaced by the current one (with
    the precision figure of ``verdicts``, when given).

    Raises:
        ValueError: the document lacks the markers.
    """
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise ValueError("docs/checks.md lacks the markers of its generated part")
    return document[:start] + rules_markdown(verdicts) + document[end + len(END) :]
