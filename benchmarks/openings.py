"""What ``perfgen import`` recovers from each published report we hold, as one Markdown table
(run by hand; timing never belongs in tests).

    python benchmarks/openings.py            # the 18 openings and the 3 full samples
    python benchmarks/openings.py --runs 9   # more runs per file for the median time

One row per file: the exit code of ``perfgen import`` (the command, in process), the year and
unit read, the finance, staffing and score figures recovered (their fields), the share of the
source's characters placed in fields / kept verbatim / regenerated / unaccounted, and the
median time of a whole import in process (read, validate, write the YAML).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
OPENINGS = sorted((ROOT / "tests" / "fixtures" / "openings").glob("*.txt"))
SAMPLES = sorted((ROOT / "tests" / "fixtures" / "published-text").glob("*.txt"))


def recovered(data: dict[str, Any]) -> list[str]:
    """The figures read into fields: finances (万元, %), staffing (人), the score (分) and how
    many indicators."""
    found: list[str] = []
    finances = data.get("basic_info", {}).get("finances", {})
    for block, fields in finances.items():
        if isinstance(fields, dict):
            for name, value in fields.items():
                if isinstance(value, Decimal) and name != "target_rate":
                    found.append(f"{block}.{name}={value}")
    staffing = data.get("basic_info", {}).get("functions", {}).get("staffing", {})
    for name, value in staffing.items():
        if isinstance(value, int):
            found.append(f"{name}={value}")
        elif isinstance(value, dict) and value:
            found.append(f"{name}={'+'.join(map(str, value.values()))}")
    evaluation = data.get("evaluation", {})
    if isinstance(evaluation.get("score"), Decimal):
        found.append(f"score={evaluation['score']}")
    if indicators := evaluation.get("duty_effectiveness", {}).get("indicators"):
        found.append(f"{len(indicators)} indicators")
    return found


def import_ms(path: Path, runs: int, work: Path) -> float:
    """The median time of a whole ``import`` in process (:func:`perfgen.reading.import_report`)."""
    from perfgen.reading import import_report

    target = work / f"{path.stem}.yaml"
    import_report(path, target, force=True)  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        import_report(path, target, force=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    from perfgen.cli import main as cli
    from perfgen.reading import read_report
    from perfgen.reading.accounting import account

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per file for the median time")
    args = parser.parse_args()
    print("| file | exit | year | unit | figures recovered | placed / kept / regenerated / lost |"
          " ms |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for path in [*OPENINGS, *SAMPLES]:
            result = CliRunner().invoke(cli, ["import", str(path), "-o", str(work / "o.yaml")])
            (work / "o.yaml").unlink(missing_ok=True)
            imported = read_report(path)
            counted = account(imported)
            shares = " / ".join(
                counted.share(n)
                for n in (counted.placed, counted.kept, counted.regenerated, counted.unaccounted)
            )
            ms = import_ms(path, args.runs, work)
            if path in SAMPLES:
                worst = max(worst, ms)
            figures = ", ".join(recovered(imported.data)) or "—"
            data = imported.data
            print(
                f"| {path.stem} | {result.exit_code} | {data['year']} | {data['unit']['name']} "
                f"| {figures} | {shares} | {ms:.1f} |"
            )
    print(f"\nSlowest full sample: {worst:.1f} ms in process (target ≤ 500 ms).", file=sys.stderr)


if __name__ == "__main__":
    main()
