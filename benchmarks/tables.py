"""Large tables: a real unit (``data/``) given a 自评表 of N generated indicator rows, written to
docx and to the 自评表's xlsx; time per stage and ms per row (run by hand; never in tests).

    python benchmarks/tables.py                  # N = 1,000 / 2,000 / 5,000 / 10,000
    python benchmarks/tables.py 1000 10000 -r 3  # chosen sizes, median of 3 runs

Every indicator has a kind, so the report prints each row twice in the docx: once in its
履职效能 indicator table (产出/效益/满意度) and once in the 自评表 appendix. Rows are grouped
(一级指标 in runs of 40, 二级指标 in runs of 8: merged cells), some approximate (约), some
qualitative (达成), some with a 偏差原因 holding Markdown's punctuation (escaped by the template).
``bench.py`` prints the same rows (:func:`rows`).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "data" / "nansha-party-committee-office-2023.yaml"
SIZES = (1000, 2000, 5000, 10000)
KINDS = ("output", "outcome", "satisfaction")


def indicator(n: int) -> dict[str, object]:
    """The n-th generated indicator row (weights: the first nine 10 each, the rest 0)."""
    row: dict[str, object] = {
        "level1": f"一级指标{n // 40}",
        "level2": f"二级指标{n // 8}",
        "kind": KINDS[n % 3],
        "name": f"指标名称第{n}项",
        "weight": 10 if n < 9 else 0,
    }
    if n % 11 == 5:
        row.update(comparator="定性", achieved="达成")
    else:
        row.update(target=80 + n % 7, actual=70 + n % 23, unit=("人次", "篇", "%")[n % 3])
        row["approximate"] = n % 13 == 4
    if n % 7 == 3:
        row["deviation"] = f"第{n}项偏差：*部分* 任务 | 延期_原因 #{n}，已整改"
    return row


def unit_text(count: int) -> str:
    """The YAML of ``data/nansha-party-committee-office-2023.yaml`` with a 自评表 of ``count``
    rows (its own indicators list dropped, so the 履职效能 tables come from the 自评表)."""
    data = yaml.safe_load(UNIT.read_text(encoding="utf-8"))
    evaluation = data["evaluation"]
    evaluation.pop("score", None)  # the 自评表's total is the score
    evaluation["duty_effectiveness"].pop("indicators", None)
    evaluation["table"] = {
        "goals": ["认真落实全面从严治党主体责任；加强统筹协调。"],
        "funding": [
            {
                "name": "财政拨款",
                "initial_budget": "1800.00",
                "full_year_budget": "1836.20",
                "executed": "1829.40",
            }
        ],
        "funding_weight": 10,
        "indicators": [indicator(n) for n in range(count)],
        "conclusion": "部门整体支出绩效良好。",
        "responsible": "张三",
        "preparer": "李四",
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def seconds(action: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls, in seconds (garbage collected between runs)."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(count: int, runs: int) -> dict[str, float]:
    """Seconds per stage for a unit of ``count`` rows: examine (load, derive, check), compose,
    the docx writer, the xlsx writer."""
    import perfgen
    from perfgen.input.loader import load_text
    from perfgen.pipeline import document_info
    from perfgen.rules import check
    from perfgen.writers import render_bytes, xlsx

    text = unit_text(count)

    def examine() -> tuple[perfgen.Input, perfgen.Figures]:
        source = perfgen.validate(load_text(text, UNIT.name))
        figures = perfgen.derive(source)
        findings = [f for f in check(source, figures) if f.level == "error"]
        if findings:
            raise SystemExit(f"{count} rows: {findings[0].message}")
        return source, figures

    source, figures = examine()
    info = document_info(source.report)
    markdown = perfgen.compose(source, figures)
    return {
        "examine": seconds(examine, 1),
        "compose": seconds(lambda: perfgen.compose(source, figures), runs),
        "docx": seconds(lambda: render_bytes(markdown, "docx", info), runs),
        "xlsx": seconds(lambda: xlsx.render(source.report, figures, info.date), runs),
    }


def rows(sizes: tuple[int, ...] = SIZES, runs: int = 1) -> list[tuple[str, str, str]]:
    """Benchmark rows (measure, value, note): per size, the docx and xlsx writers' seconds and
    ms per row, and last the spread of ms per row across the sizes (flat is ±20 %)."""
    out = []
    per_row: dict[str, list[float]] = {"docx": [], "xlsx": []}
    measure(50, 1)  # warm: imports, the docx base package, the compiled templates
    for count in sizes:
        stages = measure(count, runs)
        for fmt in ("docx", "xlsx"):
            ms = stages[fmt] * 1000 / count
            per_row[fmt].append(ms)
            out.append(
                (
                    f"{count} 自评表 rows → {fmt} (writer, in process)",
                    f"{stages[fmt]:.2f} s",
                    f"{ms:.3f} ms/row; examine {stages['examine']:.2f} s, "
                    f"compose {stages['compose']:.2f} s",
                )
            )
    for fmt, values in per_row.items():
        spread = max(values) / min(values)
        out.append(
            (
                f"{fmt} ms/row, {sizes[0]}–{sizes[-1]} rows",
                " / ".join(f"{v:.3f}" for v in values),
                f"max/min {spread:.2f}",
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("-r", "--runs", type=int, default=1, help="median of this many runs")
    options = parser.parse_args()
    print("| measure | value | note |\n|---|---|---|")
    for name, value, note in rows(tuple(options.sizes), options.runs):
        print(f"| {name} | {value} | {note} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
