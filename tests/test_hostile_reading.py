"""Hostile published reports read by ``perfgen import`` and ``perfgen audit`` (issue 23):
texts whose numbers break the reader's arithmetic, Word files whose tables are huge or
malformed, PDF files with a page that does not load. Each file is generated here from a sample
text (or built by python-docx / pypdfium2); nothing binary is committed. A case either reads
(in the time of its real content) or exits 1 with exactly the expected message, no traceback,
and nothing written.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import folder_state
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgen.cli import main
from perfgen.reading.indicators import _target

TEXTS = Path(__file__).parent / "fixtures" / "published-text"
CPPCC = TEXTS / "nansha-cppcc-office-2022.txt"
PARTY = TEXTS / "nansha-party-committee-office-2023.txt"


def _text(tmp_path: Path, sample: Path, old: str, new: str) -> Path:
    text = sample.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _import(path: Path) -> tuple[int, str, Path]:
    target = path.parent / "out.yaml"
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(target)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output, target


def _refused(path: Path, message: str) -> None:
    before = folder_state(path.parent)
    code, output, _ = _import(path)
    assert code == 1
    assert output.strip() == f"{path}: {message}"
    assert folder_state(path.parent) == before
    audited = CliRunner().invoke(main, ["audit", str(path)])
    assert audited.exit_code == 1 and audited.output.strip() == f"{path}: {message}"


DIGITS = "超过可读取的 20 位上限（报告中的金额、人数和编码都不会这么长），请检查原文"


def test_an_amount_of_ten_to_the_29th_is_refused_by_its_paragraph(tmp_path: Path) -> None:
    path = _text(tmp_path, CPPCC, "30.71 万元，同比下降", f"1{'0' * 29} 万元，同比下降")
    _refused(path, f"第 48 段: 有一个 30 位的数字，{DIGITS}")


def test_a_count_of_5000_digits_is_refused_before_it_is_converted(tmp_path: Path) -> None:
    path = _text(tmp_path, PARTY, "88人次", f"{'8' * 5000}人次")
    _refused(path, f"第 39 段: 有一个 5000 位的数字，{DIGITS}")


def test_a_decrease_of_100_percent_leaves_last_year_unread(tmp_path: Path) -> None:
    path = _text(tmp_path, CPPCC, "同比下降 60.92%", "同比下降 100%")
    code, output, target = _import(path)
    assert code == 0, output
    text = target.read_text(encoding="utf-8")
    assert "prior_actual" not in text
    assert "同比下降100%" in text


def test_a_completion_rate_of_zero_leaves_the_target_to_fill(tmp_path: Path) -> None:
    path = _text(tmp_path, PARTY, "指标完成率为110%", "指标完成率为0%")
    code, output, target = _import(path)
    assert code == 0, output
    assert "完成率为 0%，无法反推，请填写" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("count", "target"), [("1000000000", "910000000"), ("100000000000", None)])
def test_a_huge_count_works_out_its_target_digit_by_digit(
    tmp_path: Path, count: str, target: str | None
) -> None:
    path = _text(tmp_path, PARTY, "88人次", f"{count}人次")
    code, output, written = _import(path)
    if target is None:  # over the schema's bound on an indicator's value: said, not written
        assert code == 1 and "应不大于 10000000000" in output
        assert not written.exists()
    else:
        assert code == 0, output
        assert f"target: {target}" in written.read_text(encoding="utf-8")


def _brute(actual: Decimal, rate: Decimal, decimals: int) -> Decimal | None:
    """The target as the reader used to find it: by listing every candidate."""
    half = Decimal(5).scaleb(-decimals - 1)
    low = actual * 100 / (rate + half)
    high = actual * 100 / (rate - half) if rate > half else actual * 100
    candidates = [Decimal(n) for n in range(int(low) + 1, int(high) + 1)]
    if not candidates:
        return None
    zeros = lambda c: len(str(int(c))) - len(str(int(c)).rstrip("0"))  # noqa: E731
    exact = actual * 100 / rate
    return max(candidates, key=lambda c: (zeros(c), -abs(c - exact)))


@settings(deadline=None, max_examples=200)
@given(st.integers(0, 5_000), st.integers(1, 400), st.integers(0, 2))
def test_the_target_digit_by_digit_is_the_one_listing_found(
    actual: int, rate: int, decimals: int
) -> None:
    value = Decimal(rate) + Decimal(rate % 7).scaleb(-decimals)  # 1% to 400%, small ranges
    expected = _brute(Decimal(actual), value, decimals)
    found, _ = _target(Decimal(actual), value, decimals)
    if expected is not None:
        assert found == expected


def test_the_targets_of_the_samples() -> None:
    assert _target(Decimal(88), Decimal(110), 0)[0] == 80
    assert _target(Decimal(1300), Decimal(144), 0)[0] == 900
