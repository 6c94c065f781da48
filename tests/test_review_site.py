"""``perfgen review``: the site's model (figures worked out by hand), the command (exit codes,
messages, incremental runs, a failed run leaving the old site), the findings across years, a site
with no network reference, and the pages in a real browser (headless Chromium: sort, filter,
follow a unit's link, see its marks)."""

from __future__ import annotations

import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA

from perfgen.cli import main
from perfgen.review import model
from perfgen.review.model import Row
from perfgen.review.units import Mark, Unit

OPENINGS = Path(__file__).parent / "fixtures" / "openings"

pytest.importorskip("matplotlib", reason="需要 matplotlib（perfgen[review]）")


def _row(
    name: str, score: str | None, rate: str | None = None, errors: int = 0, warnings: int = 0
) -> Row:
    return Row(
        name, "", f"{name}.txt", name, 2023, None, None,
        Decimal(rate) if rate else None, Decimal(score) if score else None,
        "", errors, warnings, "",
    )  # fmt: skip


def test_score_bins_start_at_the_lowest_score_and_count_100_in_the_last_bin() -> None:
    table = [_row(n, s) for n, s in zip("abcde", ["81.5", "85", "92", "99.9", "100"], strict=True)]
    bins = model.score_bins(table)
    # 81.5 → bin 80–82; bins of 2 up to 100: 80, 82, …, 98 (10 bins)
    assert [b[0] for b in bins] == [Decimal(n) for n in range(80, 100, 2)]
    counts = {int(low): count for low, _, count, _ in bins if count}
    assert counts == {80: 1, 84: 1, 92: 1, 98: 2}
    grades = {int(low): grade for low, _, _, grade in bins}
    assert grades[80] == "良" and grades[88] == "良" and grades[90] == "优"


def test_outliers_are_far_from_the_median_or_above_100() -> None:
    # rates 97.0, 98.0, 98.5, 99.0, 99.5 and 60.0: median 98.25, deviations 1.25, 0.25, 0.25,
    # 0.75, 1.25, 38.25 → MAD 1.0 × 1.4826; 60.0 is 25.8 of them away, the rest under 1.
    rates = ["97.0", "98.0", "98.5", "99.0", "99.5", "60.0"]
    table = [_row(f"u{n}", "90", rate) for n, rate in enumerate(rates)]
    assert [r.name for r in model.outliers(table)] == ["u5"]
    table.append(_row("over", "90", "100.5"))  # a rate over 100% is always named
    assert {r.name for r in model.outliers(table)} == {"u5", "over"}


def test_findings_by_rule_and_units_ranked_by_errors() -> None:
    def unit(name: str, levels: list[tuple[str, str]]) -> Unit:
        found = Unit(name, f"{name}.txt", "report", "k")
        found.marks = [Mark(level, rule, "", "") for level, rule in levels]
        return found

    units = [
        unit("a", [("error", "sum-mismatch"), ("warning", "placeholder")]),
        unit("b", [("warning", "placeholder"), ("warning", "placeholder")]),
        unit("c", [("hint", "unterminated"), ("hint", "placeholder")]),  # hints not counted
    ]
    assert model.by_rule(units) == [("placeholder", 0, 3), ("sum-mismatch", 1, 0)]
    table = [
        _row("x", "90", errors=1),
        _row("y", "90", errors=3),
        _row("z", "90"),
        _row("w", "90", warnings=2),
    ]
    assert [r.name for r in model.ranked(table)] == ["y", "x", "w"]  # z: nothing found


def _yearly(name: str, year: int, published: dict[str, str], stated: dict[str, str]) -> Unit:
    unit = Unit(f"{name}{year}", f"{name}{year}.txt", "report", f"k{year}")
    unit.published = {
        "file": f"{name}{year}.txt", "unit": name, "year": year, "basis": "all",
        "values": published, "stated": stated,
    }  # fmt: skip
    unit.anchors = {"basic_info.finances.income.prior_total": {"block": "b7", "where": "第 7 段"}}
    return unit


def test_across_years_marks_both_reports_of_a_mismatch() -> None:
    before = _yearly("甲", 2022, {"上年总收入": "100.00"}, {})
    current = _yearly("甲", 2023, {"上年总收入": "110.00"}, {"上年总收入": "101.00"})
    assert model.across_years([before, current]) == 1
    (mark,) = current.marks
    assert mark.rule == "prior-published" and mark.anchor == "b7" and mark.where == "第 7 段"
    assert (
        mark.message
        == "上年总收入写为 101.00 万元，与甲2022.txt（2022 年度报告）公布的 100.00 万元 不一致"
    )
    (mirrored,) = before.marks
    assert mirrored.message == (
        "甲2023.txt（2023 年度报告）的上年总收入写为 101.00 万元，与本报告公布的 100.00 万元 不一致"
    )
    assert current.rows[0][:3] == [
        "warning",
        "prior-published",
        "basic_info.finances.income.prior_total",
    ]


def test_across_years_is_silent_when_consistent_or_unrelated() -> None:
    consistent = [
        _yearly("甲", 2022, {"上年总收入": "100.00"}, {}),
        _yearly("甲", 2023, {}, {"上年总收入": "100.0"}),
    ]
    other_unit = [_yearly("乙", 2022, {"上年总收入": "90.00"}, {}), consistent[1]]
    skipped_year = [_yearly("甲", 2021, {"上年总收入": "90.00"}, {}), consistent[1]]
    for units in (consistent, other_unit, skipped_year):
        assert model.across_years(units) == 0
        assert not any(u.marks for u in units)


REPORT = """\
unit: {{name: 测试单位, short_name: 本办}}
year: {year}
basic_info:
  functions: {{}}
  annual_work: {{}}
  finances:
    income: {{total: {total}, prior_total: {prior}}}
evaluation: {{score: {score}}}
problems: [问题甲]
measures: [措施甲]
"""


def _write(folder: Path, name: str, year: int, total: str, prior: str, score: str = "92") -> Path:
    path = folder / name
    text = REPORT.format(year=year, total=total, prior=prior, score=score)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def district(tmp_path: Path) -> Path:
    """Two years of one unit (2024 states 上年总收入 121.00; 2023 published 120.00), the three
    data files, and a report that cannot be read."""
    folder = tmp_path / "district"
    folder.mkdir()
    _write(folder, "unit-2023.yaml", 2023, "120.00", "110.00")
    _write(folder, "unit-2024.yaml", 2024, "130.00", "121.00", score="85")
    for path in sorted(DATA.glob("*.yaml")):
        shutil.copy(path, folder)
    (folder / "broken.txt").write_text("这不是一份报告。\n", encoding="utf-8")
    return folder


def test_review_writes_the_site_and_says_what_it_could_not_read(
    district: Path, tmp_path: Path
) -> None:
    site = tmp_path / "审阅"
    result = CliRunner().invoke(main, ["review", str(district), "-o", str(site), "-j", "1"])
    assert result.exit_code == 1, result.output
    assert f"{district / 'broken.txt'}: 无法读取\n" in result.output
    assert "找不到报告的提纲" in result.output
    assert "读入 5 份，无法读取 1 份；" in result.output and "其中跨年度核对 1 处" in result.output
    names = {p.name for p in site.iterdir()}
    assert {"index.html", "review.css", "review.js", "汇总.xlsx", "汇总.json", "charts"} <= names
    assert "unit-2024.html" in names and "broken.html" not in names
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<section class="block failed" id="failed">' in index and "broken.txt" in index
    page = (site / "unit-2024.html").read_text(encoding="utf-8")
    assert (
        "上年总收入写为 121.00 万元，与unit-2023.yaml（2023 年度报告）公布的 120.00 万元 不一致"
        in page
    )
    before = (site / "unit-2023.html").read_text(encoding="utf-8")
    assert "unit-2024.yaml（2024 年度报告）的上年总收入写为 121.00 万元" in before
    assert '<a href="../district/unit-2024.yaml">' in page  # the source, relatively
    summary = (site / "汇总.json").read_text(encoding="utf-8")
    assert '"rule": "prior-published"' in summary and '"status": "无法读取"' in summary


def test_a_second_run_with_nothing_changed_writes_nothing(district: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    runner = CliRunner()
    runner.invoke(main, ["review", str(district), "-o", str(site), "-j", "1"])
    index = site / "index.html"
    stamp = index.stat().st_mtime_ns
    again = runner.invoke(main, ["review", str(district), "-o", str(site), "-j", "1"])
    assert "内容未变，审阅页面未改动" in again.output and "未变，沿用上次读入" in again.output
    assert index.stat().st_mtime_ns == stamp
    _write(district, "unit-2024.yaml", 2024, "130.00", "120.00", score="85")  # now consistent
    third = runner.invoke(main, ["review", str(district), "-o", str(site), "-j", "1"])
    assert "已生成审阅页面" in third.output and "其中跨年度核对 0 处" in third.output
    assert "prior-published" not in (site / "unit-2024.html").read_text(encoding="utf-8")


def test_the_site_has_no_network_reference(district: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    CliRunner().invoke(main, ["review", str(district), "-o", str(site), "-j", "1"])
    files = [
        p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".css", ".js", ".svg")
    ]
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        # XML namespace names are identifiers, never fetched; nothing else may name a network
        stripped = re.sub(r'xmlns(:\w+)?="http://www\.w3\.org/[^"]*"', "", text)
        assert not re.search(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/|@import", stripped, re.I), path


def test_refusals_and_the_missing_extra(
    district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep", encoding="utf-8")
    refused = runner.invoke(main, ["review", str(district), "-o", str(mine)])
    assert refused.exit_code == 1
    assert refused.output == (
        f"错误：输出目录 {mine} 已有文件，不是 perfgen review 生成的，未覆盖；"
        "请换一个输出目录，或加 --force（整个目录将被替换）\n"
    )
    inside = runner.invoke(main, ["review", str(district), "-o", str(tmp_path)])
    assert inside.exit_code == 1 and "在输出目录" in inside.output
    missing = runner.invoke(main, ["review", str(tmp_path / "none.pdf"), "-o", str(tmp_path / "o")])
    assert missing.exit_code == 1 and "没有找到报告或数据文件" in missing.output
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    without = runner.invoke(main, ["review", str(district), "-o", str(tmp_path / "o")])
    assert without.exit_code == 1
    assert (
        without.output
        == '错误：生成审阅页面的图表需要 matplotlib：请运行 pip install "perfgen[review]"\n'
    )
    assert not (tmp_path / "o").exists()


def test_a_failed_run_leaves_the_previous_site(
    district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers import folder_state

    site = tmp_path / "site"
    CliRunner().invoke(main, ["review", str(district), "-o", str(site), "-j", "1"])
    before = folder_state(site)
    _write(district, "unit-2024.yaml", 2024, "131.00", "121.00")

    def broken(*_args: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("perfgen.review.unit_page.unit_page", broken)
    result = CliRunner().invoke(main, ["review", str(district), "-o", str(site), "-j", "1"])
    assert result.exit_code == 1 and "无法写出审阅页面" in result.output
    assert folder_state(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_charts_are_deterministic_svg_with_text_as_text() -> None:
    from perfgen.review import charts

    table = [_row("甲单位", "92.5", "98.10"), _row("乙单位", "78", "99.00")]
    first, second = charts.rate_and_score(table), charts.rate_and_score(table)
    assert first == second and first.startswith("<svg")
    assert "甲单位" in first and "font-family: '黑体'" in first  # text, in the report fonts
    assert "<dc:date>" not in first and "matplotlib.org" not in first


def _browser():  # type: ignore[no-untyped-def]
    """Headless Chromium driven by selenium, or a skip naming what is missing."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="需要 selenium")
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.skip("需要 Debian 的 chromium 和 chromium-driver（.ci/run 会安装）")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--window-size=1500,1000"):  # fmt: skip
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=options)


def test_the_site_in_a_real_browser(district: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    CliRunner().invoke(main, ["review", str(district), "-o", str(site), "-j", "1"])
    browser = _browser()
    from selenium.webdriver.common.by import By

    def column(n: int) -> list[str]:
        rows = browser.find_elements(By.CSS_SELECTOR, "#units tbody tr")
        return [r.find_elements(By.TAG_NAME, "td")[n].text for r in rows if r.is_displayed()]

    try:
        browser.get((site / "index.html").as_uri())
        assert browser.find_element(By.ID, "shown").text == "显示 5 / 5 个单位"
        score = browser.find_element(By.XPATH, "//table[@id='units']//th[text()='自评得分']")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", score)
        score.click()  # ascending: 85 (unit-2024), 92 (unit-2023), then the samples' 97.61 …
        scores = [Decimal(s) for s in column(6)]
        assert scores == sorted(scores) and scores[0] == Decimal(85)
        score.click()
        assert [Decimal(s) for s in column(6)] == sorted(scores, reverse=True)
        search = browser.find_element(By.ID, "filter")
        search.send_keys("unit-2024")
        assert column(2) == ["unit-2024.yaml"]
        assert browser.find_element(By.ID, "shown").text == "显示 1 / 5 个单位"
        browser.find_element(By.LINK_TEXT, "测试单位").click()
        assert browser.current_url.endswith("unit-2024.html")
        marked = {m.get_attribute("id") for m in browser.find_elements(By.CSS_SELECTOR, ".flagged")}
        assert (
            "警告[prior-published] 上年总收入写为 121.00 万元"
            in browser.find_element(By.ID, "findings").text
        )
        link = browser.find_element(By.PARTIAL_LINK_TEXT, "上年总收入写为")
        target = link.get_attribute("href").rpartition("#")[2]
        assert target in marked  # the finding's paragraph is marked on the page
        link.click()
        assert browser.current_url.endswith(f"#{target}")
        shown = browser.find_element(By.ID, target)
        assert shown.is_displayed() and "flagged" in shown.get_attribute("class")
    finally:
        browser.quit()


def test_a_report_without_a_year_shows_none_and_pairs_with_no_year(tmp_path: Path) -> None:
    # 泸西县司法局's opening names no year: audit checks it as of a year no text names, which
    # must not show as its year nor pair it with another year's report
    from perfgen.review.units import read_unit

    unit = read_unit("luxi", OPENINGS / "03-luxi-justice-2024.txt", "k")
    assert unit.failure == ""
    assert unit.figures["year"] == "" and unit.published == {}
    assert unit.share.endswith("%") and unit.share != "100.0%"  # placed in fields, not all of it
