"""The real renderer: every data/ report converted to PDF by LibreOffice, then measured.

Needs LibreOffice (soffice) and poppler-utils (pdfinfo, pdftotext); .ci/run installs them.
Outside CI a machine without them skips these tests, naming the missing program.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from helpers import DATA, SAMPLES

import perfgen
from perfgen.writers.pdf import office_program

MM = 72 / 25.4
"""PDF points per millimetre."""

MISSING = [p for p in ("pdfinfo", "pdftotext") if shutil.which(p) is None]
if office_program() is None:
    MISSING.insert(0, "soffice (LibreOffice)")
if MISSING and os.environ.get("CI") != "true":
    pytest.skip(f"未安装 {'、'.join(MISSING)}", allow_module_level=True)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    assert not MISSING, f"CI must have {', '.join(MISSING)}"
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for name in SAMPLES:
        out[name] = folder / f"{name}.pdf"
        perfgen.render(DATA / f"{name}.yaml", out[name])
    return out


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, text) of every word, from pdftotext -bbox-layout."""
    html = _run("pdftotext", "-bbox-layout", str(pdf), "-")
    words, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', line
        )
        if match:
            x0, y0, x1, y1 = (float(match[i]) for i in range(1, 5))
            words.append((page, x0, y0, x1, y1, match[5]))
    return words


@pytest.mark.parametrize("name", SAMPLES)
def test_a4_page_count_and_margins(name: str, pdfs: dict[str, Path]) -> None:
    info = _run("pdfinfo", str(pdfs[name]))
    assert "595.3 x 841.89 pts (A4)" in info.replace("595.304", "595.3")
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    assert 6 <= pages <= 25
    words = _words(pdfs[name])
    footer_top = 841.89 - 35 * MM  # the text block ends 35 mm above the bottom edge
    body = [w for w in words if w[4] <= footer_top + 2]
    numbers = [w for w in words if w[2] > footer_top]
    # left edge of text at 28 mm, right edge at most 26 mm from the right, top at 37 mm
    assert min(w[1] for w in body) == pytest.approx(28 * MM, abs=2)
    assert max(w[3] for w in body) <= 595.3 - 26 * MM + 2
    assert min(w[2] for w in body) >= 37 * MM - 1
    assert min(w[2] for w in body) <= 37 * MM + 12
    # page numbers "— N —" below the text block: odd pages right, even pages left
    by_page = {w[0]: w for w in numbers if w[5].isdigit()}
    assert set(by_page) == set(range(1, pages + 1))
    assert by_page[1][1] > 595.3 / 2 and by_page[2][3] < 595.3 / 2
    assert int(by_page[pages][5]) == pages


@pytest.mark.parametrize("name", SAMPLES)
def test_every_heading_is_in_the_pdf(name: str, pdfs: dict[str, Path]) -> None:
    report = perfgen.load(DATA / f"{name}.yaml")
    markdown = perfgen.compose(report, perfgen.derive(report))
    text = re.sub(r"\s+", "", _run("pdftotext", str(pdfs[name]), "-"))
    headings = [line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("#")]
    assert len(headings) > 10
    for heading in headings:
        assert re.sub(r"\s+", "", heading.replace("\\", "")) in text


def test_body_lines_hold_28_characters(pdfs: dict[str, Path]) -> None:
    text = _run("pdftotext", "-layout", str(pdfs["nansha-npc-office-2023"]), "-")
    lines = [re.sub(r"\s", "", line) for line in text.splitlines()]
    full_width = [len(line) for line in lines if line and not any(c.isascii() for c in line)]
    # the most common length of a full line; punctuation squeezed by the renderer can let
    # a line with several ，。“” hold one or two more
    assert Counter(full_width).most_common(1)[0][0] == 28


def test_a_font_without_chinese_glyphs_is_named_with_its_substitute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from perfgen.writers import pdf

    covered = {"仿宋_GB2312": ("Noto Serif CJK SC", frozenset({"en", "zh-cn"}))}
    monkeypatch.setattr(
        pdf, "_match", lambda name: covered.get(name, ("DejaVu Sans", frozenset({"en"})))
    )
    assert pdf.missing_chinese(["仿宋_GB2312", "方正小标宋简体", "方正小标宋简体"]) == [
        ("方正小标宋简体", "DejaVu Sans")
    ]
    [note] = pdf.font_notes(["方正小标宋简体"])
    assert note.startswith(
        "提示：本机没有字体“方正小标宋简体”的中文字形，PDF 中将改用“DejaVu Sans”"
    )


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="needs fontconfig's fc-match")
def test_fontconfig_is_asked_for_real() -> None:
    from perfgen.writers import pdf

    missing = dict(pdf.missing_chinese(["NoSuchFont-perfgen", "Noto Serif CJK SC"]))
    assert "NoSuchFont-perfgen" in missing and "Noto Serif CJK SC" not in missing
