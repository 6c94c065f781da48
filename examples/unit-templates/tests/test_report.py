"""本单位报告的快照测试：数据、模板或 perfgen 版本一变，报告中变了哪几行一目了然。

Snapshot tests of the unit's report, with the fixtures of perfgen's pytest plugin
(``pip install "perfgen[testing]"``). Relative paths are taken from the repository's root.
After an intended change: ``pytest --snapshot-update``, read the diff, commit the snapshots.
"""

from __future__ import annotations

import subprocess
import sys

REPORT = {"templates": "templates", "reference_doc": "reference.docx"}


def test_word(perfgen_report, perfgen_snapshot):  # type: ignore[no-untyped-def]
    # The Word file as readable lines: page setup, styles, each paragraph's style and text.
    assert perfgen_report("unit.yaml", **REPORT) == perfgen_snapshot


def test_markdown(perfgen_report, perfgen_snapshot):  # type: ignore[no-untyped-def]
    assert perfgen_report("unit.yaml", fmt="md", **REPORT) == perfgen_snapshot


def test_our_sentences_are_used(perfgen_report):  # type: ignore[no-untyped-def]
    text = perfgen_report("unit.yaml", fmt="md", **REPORT)
    assert "2023年度区某某办收入合计2514.62万元，比上年增加198.68万元，增幅8.58%。" in text
    assert "经自评，区某某办2023年度部门整体支出绩效自评得分98.75分，评价等级为“优”。" in text


def test_templates_lint_clean(pytestconfig):  # type: ignore[no-untyped-def]
    root = pytestconfig.rootpath
    lint = [sys.executable, "-m", "perfgen", "templates", "lint", "templates", "--strict"]
    result = subprocess.run(
        [*lint, "--data", "unit.yaml", "--no-pdf"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
