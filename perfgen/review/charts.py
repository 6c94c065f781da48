"""The review's charts as static SVG, drawn by matplotlib (the ``review`` extra).

Text stays text (``svg.fonttype: none``) in the report fonts
(:data:`perfgen.input.settings.DEFAULT_FONTS`) with the CJK fonts other systems have behind
them, so the browser draws the Chinese labels and they can be searched and copied. The same
figures give the same bytes: no date in the metadata, a fixed hash salt for the ids. The figures
come from :mod:`perfgen.review.model`; plot positions are floats (positions on a drawing, never
money printed).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfgen.errors import OutputError
from perfgen.input.settings import DEFAULT_FONTS
from perfgen.review import model

if TYPE_CHECKING:
    from perfgen.review.model import Row

INSTALL = '生成审阅页面的图表需要 matplotlib：请运行 pip install "perfgen[review]"'
"""What to say when the extra is not installed."""

FALLBACKS = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimHei", "DejaVu Sans")
"""Fonts after the report's, for machines without them (and for matplotlib's layout)."""

GRADE_COLOURS = {"优": "#2e7d32", "良": "#1565c0", "中": "#ef6c00", "差": "#c62828"}
ERROR, WARNING = "#c62828", "#f0a030"


def require() -> None:
    """Stop early when matplotlib is missing.

    Raises:
        OutputError: it is not installed, saying what to install (Chinese).
    """
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise OutputError(INSTALL) from None


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    fonts = [DEFAULT_FONTS["heading1"], DEFAULT_FONTS["body"], *FALLBACKS]
    settings: Any = {
        "svg.fonttype": "none",
        "svg.hashsalt": "perfgen",
        "font.family": "sans-serif",
        "font.sans-serif": fonts,
        "font.size": 10,
        "axes.unicode_minus": False,
        "text.parse_math": False,  # a unit named “$…$” is text, not mathematics
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    import logging
    import warnings

    quiet = logging.getLogger("matplotlib.font_manager")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # the report fonts are often absent: the fallbacks draw
    try:
        with matplotlib.rc_context(settings), warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            yield
    finally:
        quiet.setLevel(level)


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(
        buffer,
        format="svg",
        metadata={"Date": None, "Creator": None, "Type": None, "Format": None},
        bbox_inches="tight",
    )
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # the XML prolog and doctype are not needed inline


LOWEST = Decimal(60)
"""Where the score axis starts unless a score lies below it (the 差 band's upper edge)."""


def _figure(width: float, height: float) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100)
    return figure, figure.add_subplot()


def scores(table: list[Row]) -> str:
    """The score distribution with the grade bands behind it (SVG text)."""
    bins = model.score_bins(table)
    with _style():
        figure, axes = _figure(7, 3.6)
        first = min(bins[0][0], LOWEST) if bins else LOWEST
        for band in model.bands():
            low, high = max(band.low, first), band.high
            if high <= low:
                continue
            colour = GRADE_COLOURS.get(band.grade, "#999")
            axes.axvspan(low, high, color=colour, alpha=0.08, linewidth=0)
            axes.text(
                (low + high) / 2,
                1.0,
                band.grade,
                transform=axes.get_xaxis_transform(),
                ha="center",
                va="bottom",
                color=colour,
            )
        for start, end, count, grade in bins:
            axes.bar(
                start,
                count,
                width=end - start,
                align="edge",
                color=GRADE_COLOURS.get(grade, "#777"),
                edgecolor="white",
            )
        axes.set_xlim(first, 100)
        axes.set_xlabel("自评得分（分）")
        axes.set_ylabel("单位数")
        axes.yaxis.get_major_locator().set_params(integer=True)
        return _svg(figure)


def rate_and_score(table: list[Row]) -> str:
    """预算执行率 against 自评得分, one point per unit, the outliers named (SVG text)."""
    points = [r for r in table if r.rate is not None and r.score is not None]
    named = model.labelled(table)
    with _style():
        figure, axes = _figure(7, 4.2)
        xs = [r.rate for r in points if r.rate is not None]
        ys = [r.score for r in points if r.score is not None]
        grades = [r.grade for r in points]
        for grade in dict.fromkeys(grades):
            mine = [n for n, g in enumerate(grades) if g == grade]
            axes.scatter(
                [xs[n] for n in mine],
                [ys[n] for n in mine],
                s=22,
                color=GRADE_COLOURS.get(grade, "#555"),
                edgecolors="white",
                linewidths=0.5,
                zorder=3,
                label=grade or "无等级",
            )
        middle = (min(xs) + max(xs)) / 2 if xs else Decimal(0)
        placed: set[tuple[Decimal, Decimal]] = set()
        for row, x, y in zip(points, xs, ys, strict=True):
            if row.name in named and (x, y) not in placed:  # one label for points that coincide
                placed.add((x, y))  # to the left of a point on the right half, to stay inside
                left = x > middle
                axes.annotate(
                    row.label,
                    (x, y),
                    xytext=(-4 if left else 4, 4),
                    textcoords="offset points",
                    ha="right" if left else "left",
                    fontsize=8,
                    zorder=4,
                )
        axes.axvline(100, color="#999", linewidth=0.8, linestyle="--")
        axes.set_xlabel("预算执行率（%）")
        axes.set_ylabel("自评得分（分）")
        axes.grid(True, color="#eee", zorder=0)
        return _svg(figure)


def rules(counts: list[tuple[str, int, int]]) -> str:
    """Findings by rule, errors and warnings stacked (SVG text)."""
    shown = list(reversed(counts[:20]))
    with _style():
        figure, axes = _figure(7, max(2.0, 0.3 * len(shown) + 1))
        names = [r for r, _, _ in shown]
        errors = [e for _, e, _ in shown]
        warnings = [w for _, _, w in shown]
        axes.barh(names, errors, color=ERROR, label="错误")
        axes.barh(names, warnings, left=errors, color=WARNING, label="警告")
        axes.set_xlabel("处数")
        axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False)
        axes.xaxis.get_major_locator().set_params(integer=True)
        return _svg(figure)


def ranking(table: list[Row]) -> str:
    """The units with the most errors, warnings stacked behind (SVG text)."""
    shown = list(reversed(model.ranked(table)))
    with _style():
        figure, axes = _figure(7, max(2.0, 0.3 * len(shown) + 1))
        labels = [f"{r.label}（{r.year}）" if r.year else r.label for r in shown]
        positions = list(range(len(shown)))
        errors = [r.errors for r in shown]
        axes.barh(positions, errors, color=ERROR, label="错误")
        axes.barh(positions, [r.warnings for r in shown], left=errors, color=WARNING, label="警告")
        axes.set_yticks(positions, labels)
        axes.set_xlabel("处数")
        axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False)
        axes.xaxis.get_major_locator().set_params(integer=True)
        return _svg(figure)
