"""The pytest plugin (perfgen.testing), run as a unit's repository runs it: through pytester."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import DATA

import perfgen
from perfgen.testing import render_report
from perfgen.writers import render_bytes
from perfgen.writers.docx.dump import dump

pytest_plugins = ["pytester"]

NPC = DATA / "nansha-npc-office-2023.yaml"
INCOME = (
    "{{ year }}年度{{ subject }}收入合计{{ figures.income.total | wan }}万元"
    "{% if figures.income.change %}，比上年{{ figures.income.change | yoy }}{% endif %}。\n"
)
TEST = """
def test_report(perfgen_report, perfgen_snapshot):
    assert perfgen_report("unit.yaml", templates="templates") == perfgen_snapshot


def test_markdown(perfgen_report, snapshot):
    assert perfgen_report("unit.yaml", templates="templates", fmt="md") == snapshot
"""


@pytest.fixture
def unit(pytester: pytest.Pytester) -> Path:
    """A unit's repository: its YAML, one overridden sentence, and a snapshot test."""
    shutil.copy(NPC, pytester.path / "unit.yaml")
    (pytester.path / "templates" / "sentences").mkdir(parents=True)
    (pytester.path / "templates" / "sentences" / "income.md.jinja").write_text(
        INCOME, encoding="utf-8"
    )
    pytester.makepyfile(test_report=TEST)
    return pytester.path


def test_snapshots_are_stored_readable_then_pass_then_show_a_line_diff(
    pytester: pytest.Pytester, unit: Path
) -> None:
    pytester.runpytest("--snapshot-update").assert_outcomes(passed=2)
    stored = unit / "__snapshots__" / "test_report" / "test_report.txt"
    text = stored.read_text(encoding="utf-8")
    ours = "Normal|仿宋_GB2312|16| 2023年度区人大常委会办公室收入合计2514.62万元，比上年增加198.68万元，增幅8.58%。"
    assert ours in text.splitlines()
    assert text.startswith("页面| 210.0×297.0mm 纵向 ")
    amber = (unit / "__snapshots__" / "test_report.ambr").read_text(encoding="utf-8")
    assert "2023年度区人大常委会办公室收入合计2514.62万元" in amber

    pytester.runpytest().assert_outcomes(passed=2)

    sentence = unit / "templates" / "sentences" / "income.md.jinja"
    sentence.write_text(INCOME.replace("收入合计", "全年收入"), encoding="utf-8")
    result = pytester.runpytest("-k", "test_report and not markdown")
    result.assert_outcomes(failed=1)
    # syrupy's diff: the stored line and the rendered one, each on a line of its own.
    result.stdout.re_match_lines(
        [r".*- Normal\|仿宋_GB2312\|16\| 2023年度区人大常委会办公室收入合计2514\.62万元.*"]
    )
    result.stdout.re_match_lines(
        [r".*\+ Normal\|仿宋_GB2312\|16\| 2023年度区人大常委会办公室全年收入.*"]
    )


def test_a_template_error_fails_the_test_with_template_and_line(
    pytester: pytest.Pytester, unit: Path
) -> None:
    (unit / "templates" / "sentences" / "income.md.jinja").write_text(
        "收入\n{{ figures.incom.total | wan }}\n", encoding="utf-8"
    )
    result = pytester.runpytest("-k", "test_report and not markdown")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*TemplateError: 模板 sentences/income.md.jinja:2: 引用了不存在的字段“incom”*"]
    )


def test_render_report_gives_what_render_writes(tmp_path: Path) -> None:
    source = perfgen.load(NPC)
    markdown = perfgen.compose(source, perfgen.derive(source))
    info = perfgen.document_info(source.report)
    assert render_report(NPC, fmt="md") == markdown
    assert render_report(NPC, fmt="html") == render_bytes(markdown, "html", info).decode()
    expected = "\n".join(dump(render_bytes(markdown, "docx", info))) + "\n"
    assert render_report(NPC.name, base=NPC.parent) == expected
    with pytest.raises(ValueError, match="fmt must be one of docx, md, html, not 'pdf'"):
        render_report(NPC, fmt="pdf")


def test_check_errors_stop_it_as_they_stop_render(tmp_path: Path) -> None:
    broken = tmp_path / "unit.yaml"
    text = NPC.read_text(encoding="utf-8")
    assert "total: 2514.62" in text
    broken.write_text(text.replace("total: 2514.62", "total: 2600.00"), encoding="utf-8")
    with pytest.raises(perfgen.CheckError):
        render_report(broken, fmt="md")


def test_a_draft_shows_its_findings_as_comments_in_the_dump(tmp_path: Path) -> None:
    # The NPC sample with its total income 1.00 万元 above 2503.22 + 11.40 = 2514.62.
    from perfgen.testing import render_report

    sample = Path(__file__).parent.parent / "data" / "nansha-npc-office-2023.yaml"
    text = sample.read_text(encoding="utf-8").replace("total: 2514.62", "total: 2515.62", 1)
    (tmp_path / "unit.yaml").write_text(text, encoding="utf-8")
    lines = render_report("unit.yaml", base=tmp_path, draft=True).splitlines()
    assert "页眉| 草稿" in lines
    (mismatch,) = [line for line in lines if "[sum-mismatch]" in line]
    assert mismatch.startswith(
        "批注 1 [2023年区人大常委会办公室总收入251]: 错误[sum-mismatch] 总收入 2515.62"
    )
    assert mismatch.endswith(" ／ 位置：unit.yaml:50:14 basic_info.finances.income.total")
