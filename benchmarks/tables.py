"""Large tables: a real unit (``data/``) given a 自评表 of N generated indicator rows, written to
docx and to the 自评表's xlsx; time per stage and ms per row (run by hand; never in tests).

    python benchmarks/tables.py                  # N = 1,000 / 2,000 / 5,000 / 10,000
    python benchmarks/tables.py 1000 10000 -r 3  # chosen sizes, median of 3 runs
    python benchmarks/tables.py 1000 10000 --against ../old -r 3  # paired with another tree

Every indicator has a kind, so the report prints each row twice in the docx: once in its
履职效能 indicator table (产出/效益/满意度) and once in the 自评表 appendix. Rows are grouped
(一级指标 in runs of 40, 二级指标 in runs of 8: merged cells), some approximate (约), some
qualitative (达成), some with a 偏差原因 holding Markdown's punctuation (escaped by the template).
``bench.py`` prints the same rows (:func:`rows`).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

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
    return timed(action, runs)[0]


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """The median wall time and the median CPU time of this process over ``runs`` calls, in
    seconds (garbage collected before each; on a busy machine the CPU time is the steadier)."""
    walls, cpus = [], []
    for _ in range(runs):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


STAGES = ("load", "workbook", "derive", "check", "compose", "docx", "xlsx")
"""The stages timed by :func:`measure`, in the order the pipeline runs them."""


def _paused() -> AbstractContextManager[object]:
    """The pipeline's hold on the garbage collector around a stage, where this perfgen has one
    (:mod:`perfgen.pipeline.collection`), so the stages are timed as the pipeline runs them."""
    try:
        from perfgen.pipeline.collection import collector_paused
    except ImportError:  # an older perfgen, timed as it ran
        return nullcontext()
    return collector_paused()


def workbook_of(count: int, target: Path) -> Path:
    """Write the 自评表 workbook of the unit of ``count`` rows (:func:`unit_text`) to ``target``."""
    import perfgen
    from perfgen.input.loader import load_text
    from perfgen.writers import xlsx

    whole = perfgen.validate(load_text(unit_text(count), UNIT.name))
    target.write_bytes(xlsx.render(whole.report, perfgen.derive(whole)))
    return target


def measure(
    count: int, runs: int, work: Path | None = None, workbook: Path | None = None
) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds per stage for the unit of ``count`` rows read as ``perfgen render
    unit.yaml --scores 自评表.xlsx`` reads it (a 10,000-row YAML is over the 1 MB input limit):
    load (the YAML), workbook (the 自评表 read and joined), derive, check, compose, the docx
    writer, the xlsx writer; and ``render docx`` / ``render xlsx``: the whole of
    :func:`perfgen.render` and :func:`perfgen.write_table`, in process, files written."""
    import perfgen
    from perfgen.input.evaluation_table import attach_table
    from perfgen.input.loader import load_file
    from perfgen.input.shared_settings import with_shared
    from perfgen.pipeline import document_info
    from perfgen.rules import check
    from perfgen.writers import render_bytes, xlsx

    work = work or Path(tempfile.mkdtemp(prefix="perfgen-tables-"))
    short = work / "unit.yaml"
    short.write_text(unit_text(0), encoding="utf-8")
    workbook = workbook or workbook_of(count, work / f"rows-{count}.xlsx")
    times: dict[str, tuple[float, float]] = {}
    for fmt, write in (("docx", perfgen.render), ("xlsx", perfgen.write_table)):
        target = work / f"out.{fmt}"
        times[f"render {fmt}"] = timed(lambda: write(short, target, scores=workbook), runs)  # noqa: B023
    found: dict[str, Any] = {}

    def stage(name: str, action: Callable[[], object]) -> None:
        def run() -> None:
            with _paused():
                found[name] = action()

        times[name] = timed(run, runs)

    stage("load", lambda: perfgen.validate(with_shared(load_file(short), None)))
    stage("workbook", lambda: attach_table(found["load"], workbook))
    source = found["workbook"]
    stage("derive", lambda: perfgen.derive(source))
    figures = found["derive"]
    stage("check", lambda: tuple(check(source, figures)))
    if errors := [f for f in found["check"] if f.level == "error"]:
        raise SystemExit(f"{count} rows: {errors[0].message}")
    info = document_info(source.report)
    stage("compose", lambda: perfgen.compose(source, figures))
    markdown = found["compose"]
    stage("docx", lambda: render_bytes(markdown, "docx", info))
    stage("xlsx", lambda: xlsx.render(source.report, figures, info.date))
    return times


def rows(sizes: tuple[int, ...] = SIZES, runs: int = 1) -> list[tuple[str, str, str]]:
    """Benchmark rows (measure, value, note): per size, the whole render to docx and to xlsx
    (``--scores``, in process) with CPU ms per row of each stage; last, per stage and for each
    render, CPU ms per row across the sizes and its spread (flat is ±20 %)."""
    out = []
    cpu_per_row: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="perfgen-tables-") as scratch:
        measure(50, 1, Path(scratch))  # warm: imports, the docx base package, the templates
        for count in sizes:
            times = measure(count, runs, Path(scratch))
            for name, (_, cpu) in times.items():
                cpu_per_row.setdefault(name, []).append(cpu * 1000 / count)
            stages = ", ".join(f"{name} {times[name][1] * 1000 / count:.3f}" for name in STAGES)
            for fmt in ("docx", "xlsx"):
                wall, cpu = times[f"render {fmt}"]
                out.append(
                    (
                        f"{count} 自评表 rows → {fmt} (render --scores, in process)",
                        f"{wall:.2f} s",
                        f"CPU {cpu:.2f} s, {cpu * 1000 / count:.3f} ms/row"
                        + (f"; CPU ms/row per stage: {stages}" if fmt == "docx" else ""),
                    )
                )
    for name, values in cpu_per_row.items():
        spread = max(values) / min(values)
        out.append(
            (
                f"{name}: CPU ms/row, {sizes[0]}–{sizes[-1]} rows",
                " / ".join(f"{v:.3f}" for v in values),
                f"max/min {spread:.2f}; {values[-1] / values[0]:.2f} last/first",
            )
        )
    return out


def paired(other: Path, sizes: tuple[int, ...], rounds: int) -> list[tuple[str, str, str]]:
    """Benchmark rows comparing this perfgen with the one in the source tree ``other`` (say, a
    ``git worktree`` of the last release): each size measured ``rounds`` times in each, in fresh
    processes taking turns (the order swapped every round), so that a busy machine slows both
    alike; per stage and for each whole render, the median CPU ms per row of each, and their
    ratio (this / other)."""
    trees = {"this": ROOT, "other": other.resolve()}
    found: dict[tuple[str, int, str], list[float]] = {}
    scratch = Path(tempfile.mkdtemp(prefix="perfgen-tables-"))
    books = {count: workbook_of(count, scratch / f"rows-{count}.xlsx") for count in sizes}
    for n in range(rounds):
        for count in sizes:
            for name in ("this", "other") if n % 2 == 0 else ("other", "this"):
                env = dict(os.environ, PYTHONPATH=str(trees[name]))
                command = [sys.executable, __file__, str(count), "--json", str(books[count])]
                result = subprocess.run(
                    command, env=env, capture_output=True, text=True, check=True
                )
                for stage, (_, cpu) in json.loads(result.stdout).items():
                    found.setdefault((name, count, stage), []).append(cpu * 1000 / count)
    out = []
    for count in sizes:
        for stage in (*STAGES, "render docx", "render xlsx"):
            this = statistics.median(found[("this", count, stage)])
            before = statistics.median(found[("other", count, stage)])
            out.append(
                (
                    f"{count} rows, {stage}: CPU ms/row, this / {other.name}",
                    f"{this:.3f} / {before:.3f}",
                    f"{this / before:.2f}×" if before else "",
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("-r", "--runs", type=int, default=1, help="median of this many runs")
    parser.add_argument("--against", type=Path, help="another perfgen source tree, paired")
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)  # a workbook: see below
    options = parser.parse_args()
    sizes = tuple(options.sizes)
    if options.json:  # one measurement for --against: rows, workbook; nothing else held alive
        with tempfile.TemporaryDirectory(prefix="perfgen-tables-") as scratch:
            measure(50, 1, Path(scratch))
            times = measure(sizes[0], options.runs, Path(scratch), options.json)
            print(json.dumps(times))
        return
    print("| measure | value | note |\n|---|---|---|")
    if options.against:
        measured = paired(options.against, sizes, max(options.runs, 2))
    else:
        measured = rows(sizes, options.runs)
    for name, value, note in measured:
        print(f"| {name} | {value} | {note} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
