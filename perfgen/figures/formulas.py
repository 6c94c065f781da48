"""The formulas: one pure function per derived figure, each naming its source (docs/domain.md §2–3).

They compute unrounded values from :class:`~decimal.Decimal` inputs; rounding happens once, at
the precision its setting names, where :mod:`perfgen.figures` assembles the figures. A rate
whose denominator is missing, zero or negative is ``None``.
"""

from __future__ import annotations

from decimal import Decimal

from perfgen.arithmetic import HUNDRED, ZERO, ratio_percent
from perfgen.input.settings import GradeBand
from perfgen.input.values import ACHIEVED

QUALITATIVE_RATES = dict(zip(ACHIEVED, (HUNDRED, Decimal(80), ZERO), strict=True))
"""Completion rate (%) of a qualitative or "=" indicator by its outcome (docs/domain.md §2):
达成 100%, 基本达成 80%, 未达成 0%."""


def share(part: Decimal, total: Decimal | None) -> Decimal | None:
    """占比 = part ÷ total × 100 (%). Source: docs/domain.md §2, "占比 share"."""
    return ratio_percent(part, total)


def year_on_year(current: Decimal, prior: Decimal) -> tuple[Decimal, Decimal | None]:
    """同比增减额 = current − prior (same unit); 增幅 = 增减额 ÷ prior × 100 (%).

    Source: docs/domain.md §2, "同比增减额 / 增幅". The rate is ``None`` when ``prior`` is zero.
    """
    amount = current - prior
    return amount, ratio_percent(amount, prior)


def execution_rate(spent: Decimal, budget: Decimal | None) -> Decimal | None:
    """预算执行率 = expenditure ÷ budget × 100 (%). Source: docs/domain.md §2, "预算执行率"."""
    return ratio_percent(spent, budget)


def change_in_points(current: Decimal, prior: Decimal) -> Decimal:
    """Change of a rate on last year, in 个百分点: current − prior.

    ``current`` is taken as printed, so the reader can redo the subtraction.
    Source: docs/domain.md §2, "A difference between two rates is in 个百分点".
    """
    return current - prior


def adjustment_rate(adjusted: Decimal, initial: Decimal) -> Decimal | None:
    """预算调整率 = (调整后预算 − 年初预算) ÷ 年初预算 × 100 (%). Source: docs/domain.md §2."""
    return ratio_percent(adjusted - initial, initial)


def carryover_rate(closing: Decimal, base: Decimal | None) -> Decimal | None:
    """结转结余率 = 年末结转结余 ÷ base × 100 (%).

    ``base`` is the adjusted budget (national definition, default) or total expenditure, as
    ``settings.carryover_rate_base`` chooses. Source: docs/domain.md §2, "结转结余率".
    """
    return ratio_percent(closing, base)


def carryover_change_rate(opening: Decimal, closing: Decimal) -> Decimal | None:
    """结转结余变动率 = (年末 − 年初) ÷ 年初 × 100 (%). Source: docs/domain.md §2."""
    return ratio_percent(closing - opening, opening)


def control_rate(actual: Decimal, budget: Decimal | None) -> Decimal | None:
    """ "三公"经费控制率 / 公用经费控制率 = actual ÷ budget × 100 (%); ≤ 100% is good.

    Source: docs/domain.md §2.
    """
    return ratio_percent(actual, budget)


def fixed_asset_utilization(in_use: Decimal, gross: Decimal | None) -> Decimal | None:
    """固定资产利用率 = 在用固定资产 ÷ 全部固定资产 × 100 (%). Source: docs/domain.md §2."""
    return ratio_percent(in_use, gross)


def staff_control_rate(staff_in_post: int, authorized: int) -> Decimal | None:
    """在职人员控制率 = 实有人数 ÷ 编制数 × 100 (%). Source: docs/domain.md §2."""
    return ratio_percent(Decimal(staff_in_post), Decimal(authorized))


def completion_rate(
    comparator: str, target: Decimal | None, actual: Decimal | None, achieved: str | None
) -> Decimal | None:
    """指标完成率 (%) by comparator. Source: docs/domain.md §2.

    - ``≥``: actual ÷ target, not capped (88 against 80 → 110%).
    - ``≤``: 100% when actual ≤ target, else target ÷ actual.
    - ``=``: 100% when actual equals target, else 0%; or by ``achieved`` when given.
    - ``定性``: mapped from ``achieved`` (:data:`QUALITATIVE_RATES`).

    Returns ``None`` when the values needed are missing or the denominator is not positive.
    """
    if comparator == "定性" or (comparator == "=" and achieved is not None):
        return QUALITATIVE_RATES.get(achieved or "")
    if target is None or actual is None:
        return None
    if comparator == "≥":
        return ratio_percent(actual, target)
    if comparator == "≤":
        return HUNDRED if actual <= target else ratio_percent(target, actual)
    return HUNDRED if actual == target else ZERO


def capped_score(weight: Decimal, rate: Decimal) -> Decimal:
    """得分 = 分值 × min(完成率, 100%), unrounded.

    Source: docs/domain.md §2, "indicator score"; the funding block of the 自评表 is scored the same
    way from its execution rate (docs/domain.md §3).
    """
    return weight * min(rate, HUNDRED) / HUNDRED


def grade(score: Decimal, bands: tuple[GradeBand, ...]) -> str:
    """评价等级: the first band, highest first, whose lower bound (inclusive) the score reaches.

    Source: docs/domain.md §3 (优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60 by default).
    """
    for band in sorted(bands, key=lambda b: b.min_score, reverse=True):
        if score >= band.min_score:
            return band.grade
    return bands[-1].grade if bands else ""
