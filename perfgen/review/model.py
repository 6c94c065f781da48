"""The review site's model: one row per unit for ``index.html``, the findings across years
(rule ``prior-published``, :mod:`perfgen.rules.prior`), and the figures each chart draws —
computed here, in Decimal, so that the charts (:mod:`perfgen.review.charts`) and the tables
beneath them show the same numbers.
"""

from __future__ import annotations

import os
import statistics
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from perfgen.input.settings import DEFAULT_GRADE_BANDS
from perfgen.locations import FieldPath
from perfgen.review.units import Mark, Unit
from perfgen.rules.prior import COMPARED, MIRRORED, Published, mismatches


@dataclass(frozen=True)
class Row:
    """One unit of the index.

    Attributes:
        name: Its page's stem; its page is ``{name}.html`` (none when it could not be read).
        source: A relative link to its file from the site's folder.
        file: The file's name.
        unit: The unit's name ("" when unread).
        year: The evaluated year.
        income, expenditure: 总收入, 总支出 (万元).
        rate: 预算执行率 (%).
        score: 自评得分.
        grade: 等级.
        errors, warnings: Its findings' counts.
        share: The share of the report read into fields (“87.3%”), "" for a YAML file.
        failure: Why it could not be read, "" when it was.
        short: The unit's short name, "" when none.
    """

    name: str
    source: str
    file: str
    unit: str
    year: int | None
    income: Decimal | None
    expenditure: Decimal | None
    rate: Decimal | None
    score: Decimal | None
    grade: str
    errors: int
    warnings: int
    share: str
    failure: str = ""
    short: str = ""

    @property
    def page(self) -> str:
        """The unit page's file name, "" when the unit could not be read."""
        return "" if self.failure else f"{self.name}.html"

    @property
    def label(self) -> str:
        """What a chart calls the unit: its short name, else its name cut to 12 characters."""
        from perfgen.locations import shortened

        return self.short or shortened(self.unit or self.name, 12)

    @property
    def href(self) -> str:
        """The link to the unit's page (percent-encoded), "" when it has none."""
        return quote(self.page)


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None


def link(source: str, folder: Path) -> str:
    """A relative URL from ``folder`` to the file ``source`` (percent-encoded)."""
    relative = os.path.relpath(Path(source).resolve(), folder.resolve())
    return quote(Path(relative).as_posix())


def rows(units: list[Unit], folder: Path) -> list[Row]:
    """One row per unit, in the order given (``folder``: the site's final folder)."""
    out = []
    for unit in units:
        figures = unit.figures
        levels = [m.level for m in unit.marks] if not unit.failure else []
        out.append(
            Row(
                unit.name,
                link(unit.source, folder),
                Path(unit.source).name,
                figures.get("unit", ""),
                int(figures["year"]) if figures.get("year", "").isdigit() else None,
                _decimal(figures.get("income")),
                _decimal(figures.get("expenditure")),
                _decimal(figures.get("execution_rate")),
                _decimal(figures.get("score")),
                figures.get("grade", ""),
                levels.count("error"),
                levels.count("warning"),
                unit.share,
                unit.failure,
                unit.short,
            )
        )
    return out


def _published(unit: Unit) -> Published:
    data = unit.published
    return Published(
        data["file"],
        data["unit"],
        int(data["year"]),
        data["basis"],
        {k: Decimal(v) for k, v in data["values"].items()},
        {k: Decimal(v) for k, v in data["stated"].items()},
    )


def across_years(units: list[Unit]) -> int:
    """Check each unit's 上年 figures against its previous-year reports among ``units`` (same
    unit name, year − 1) and add each mismatch to both units' findings (rule
    ``prior-published``); returns how many were found."""
    from perfgen.rules import RULES

    declared = RULES["prior-published"]
    read = [u for u in units if not u.failure and u.published]
    by_year: dict[tuple[str, int], list[Unit]] = {}
    for unit in read:
        by_year.setdefault((unit.published["unit"], int(unit.published["year"])), []).append(unit)
    count = 0
    for unit in read:
        current = _published(unit)
        for before in by_year.get((current.unit, current.year - 1), []):
            prior = _published(before)
            found_labels = {m.compared.label for m in mismatches(current, prior)}
            for label, stated in current.stated.items():
                if label in prior.values:
                    verdict = "不一致" if label in found_labels else "一致"
                    unit.compared.append(
                        [label, str(stated), str(prior.values[label]), prior.file, verdict]
                    )
            for found in mismatches(current, prior):
                _add(unit, found.compared.stated, declared.message.format(**found.values(prior)))
                _add(before, found.compared.published, MIRRORED.format(**found.values(current)))
                count += 1
    return count


def _add(unit: Unit, path: FieldPath, message: str) -> None:
    """A cross-year finding on ``unit``, at the field ``path``."""
    from perfgen.locations import dotted

    key = dotted(path)
    anchor = unit.anchors.get(key, {})
    if unit.kind == "data":
        note = {**anchor, "level": "warning", "rule": "prior-published", "message": message}
        note["where"] = f"{unit.source} {key}"
        unit.notes.append(note)
        unit.body = ""  # laid out again with the new note (:func:`perfgen.review.pages.body`)
        unit.marks.append(Mark("warning", "prior-published", message, note["where"]))
    else:
        where = anchor.get("where", "")
        unit.marks.append(
            Mark("warning", "prior-published", message, where, "", anchor.get("block", ""))
        )
    place = f"{unit.source}:{anchor['where']}" if anchor.get("where") else unit.source
    unit.rows.append(["warning", "prior-published", key, message, place])


COMPARED_LABELS = tuple(c.label for c in COMPARED)
"""The 上年 figures compared across years, in order (the unit page lists them)."""


@dataclass(frozen=True)
class Band:
    """A grade band on the score axis: ``grade`` from ``low`` (inclusive) to ``high``."""

    grade: str
    low: Decimal
    high: Decimal


def bands() -> list[Band]:
    """The default grade bands (docs/domain.md §3), lowest first."""
    ordered = sorted(DEFAULT_GRADE_BANDS, key=lambda b: b.min_score)
    highs = [b.min_score for b in ordered[1:]] + [Decimal(100)]
    return [Band(b.grade, b.min_score, high) for b, high in zip(ordered, highs, strict=True)]


BIN = Decimal(2)
"""The width of a bar of the score distribution (分)."""


def score_bins(table: list[Row]) -> list[tuple[Decimal, Decimal, int, str]]:
    """The score distribution: (low, high, units, grade of ``low``) for bins of :data:`BIN`
    points from the lowest score's bin to 100 (a score of 100 counts in the last bin)."""
    scores = [r.score for r in table if r.score is not None]
    if not scores:
        return []
    low = (min(scores) // BIN) * BIN
    edges = []
    while low < Decimal(100):
        edges.append(low)
        low += BIN
    counts = Counter(min((s - edges[0]) // BIN, len(edges) - 1) for s in scores)
    grade = {b.grade: b for b in bands()}
    out = []
    for n, edge in enumerate(edges):
        named = next((g for g, b in grade.items() if b.low <= edge < b.high), "")
        out.append((edge, edge + BIN, counts.get(n, 0), named))
    return out


def outliers(table: list[Row]) -> list[Row]:
    """The units labelled on the execution-rate chart: a rate above 100% (impossible), or a
    rate or a score further than three scaled median absolute deviations from the median —
    at most 12, the furthest first."""
    points = [r for r in table if r.rate is not None and r.score is not None]
    if len(points) < 3:
        return [r for r in points if r.rate is not None and r.rate > 100]

    def distances(values: list[Decimal]) -> list[Decimal]:
        middle = statistics.median(values)
        spread = statistics.median([abs(v - middle) for v in values]) * Decimal("1.4826")
        unit = spread if spread > 0 else Decimal(1)
        return [abs(v - middle) / unit for v in values]

    rate = distances([r.rate for r in points if r.rate is not None])
    score = distances([r.score for r in points if r.score is not None])
    far = [(max(a, b), r) for r, a, b in zip(points, rate, score, strict=True)]
    chosen = [(d, r) for d, r in far if d > 3 or (r.rate is not None and r.rate > 100)]
    chosen.sort(key=lambda pair: -pair[0])
    return [r for _, r in chosen[:12]]


FEW = 8
"""Up to this many units, every point of the execution-rate chart is named."""


def labelled(table: list[Row]) -> set[str]:
    """The units named on the execution-rate chart: every one when there are few
    (:data:`FEW`), else the outliers (:func:`outliers`)."""
    points = [r for r in table if r.rate is not None and r.score is not None]
    return {r.name for r in (points if len(points) <= FEW else outliers(table))}


def by_rule(units: list[Unit]) -> list[tuple[str, int, int]]:
    """Findings by rule: (rule, errors, warnings), most first; hints (提示) are not counted, as
    ``perfgen audit`` does not show them by default."""
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for unit in units:
        for mark in unit.marks:
            if mark.level == "error":
                errors[mark.rule] += 1
            elif mark.level == "warning":
                warnings[mark.rule] += 1
    rules = set(errors) | set(warnings)
    return sorted(((r, errors[r], warnings[r]) for r in rules), key=lambda t: (-t[1] - t[2], t[0]))


RANKED = 20
"""How many units the ranking by errors shows."""


def ranked(table: list[Row]) -> list[Row]:
    """The units with errors or warnings, most errors (then warnings) first, at most
    :data:`RANKED`."""
    found = [r for r in table if (r.errors or r.warnings) and not r.failure]
    found.sort(key=lambda r: (-r.errors, -r.warnings, r.name))
    return found[:RANKED]
