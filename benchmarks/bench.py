"""perfgen's performance, printed as one table (run by hand; timing never belongs in tests).

    python benchmarks/bench.py            # everything (a few minutes)
    python benchmarks/bench.py --quick    # smaller scaling rows, 200 units, no PDF

Rows: cold command-line times as ratios to the import floor of what each command needs; ms per
render in one process for md, html and docx of each ``data/`` file; perfgen's docx against
docxtpl rendering an equivalent document from a template this script builds (``pip install
"perfgen[bench]"``); time and peak memory as the report grows (indicators of the 自评表, read from
a workbook; paragraphs); ``perfgen batch`` reports per second and memory per worker; PDFs per
second in a batch; ``perfgen review`` of 200 units (goal under 60 s with -j 2) and its run with
nothing changed. Medians of repeated runs; the machine is named in the header.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SAMPLES = sorted(DATA.glob("*.yaml"))
NPC = DATA / "nansha-npc-office-2023.yaml"
TEXTS = sorted((ROOT / "tests" / "fixtures" / "published-text").glob("*.txt"))
PERFGEN = [sys.executable, "-m", "perfgen"]


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def cold_ms(command: list[str], runs: int) -> float:
    return median_ms(lambda: subprocess.run(command, capture_output=True, check=False), runs)


def row(name: str, value: str, note: str = "") -> None:
    print(f"| {name} | {value} | {note} |")


def cold(runs: int, work: Path) -> None:
    floor = {
        "click": [sys.executable, "-c", "import click"],
        "pydantic+yaml": [sys.executable, "-c", "import pydantic, yaml"],
        "BaseModel+yaml": [
            sys.executable,
            "-c",
            "from pydantic import BaseModel, Field; import yaml",
        ],
        "render deps": [sys.executable, "-c", "import pydantic, yaml, jinja2, markdown_it, docx"],
    }
    floors = {name: cold_ms(command, runs) for name, command in floor.items()}
    for name, value in floors.items():
        row(f"cold floor: python -c '{floor[name][-1]}'", f"{value:.0f} ms")
    help_ms = cold_ms([*PERFGEN, "--help"], runs)
    row("cold `perfgen --help`", f"{help_ms:.0f} ms", f"{help_ms / floors['click']:.2f}× click")
    check_ms = cold_ms([*PERFGEN, "check", str(NPC)], runs)
    row(
        "cold `perfgen check` (NPC)",
        f"{check_ms:.0f} ms",
        f"{check_ms / floors['pydantic+yaml']:.2f}× pydantic+yaml; "
        f"{check_ms / floors['BaseModel+yaml']:.2f}× BaseModel+yaml",
    )
    for fmt in ("md", "docx"):
        target = work / f"cold.{fmt}"
        value = cold_ms([*PERFGEN, "render", str(NPC), "-o", str(target)], runs)
        row(
            f"cold `perfgen render` → {fmt} (NPC, cache warm)",
            f"{value:.0f} ms",
            f"{value / floors['render deps']:.2f}× render deps",
        )


def in_process(runs: int) -> None:
    import perfgen
    from perfgen.writers import render_bytes

    for path in SAMPLES:
        source = perfgen.load(path)
        figures = perfgen.derive(source)
        info = perfgen.document_info(source.report)
        compose_ms = median_ms(partial(perfgen.compose, source, figures), runs)
        markdown = perfgen.compose(source, figures)
        load_ms = median_ms(partial(perfgen.load, path), runs)
        cells = []
        for fmt in ("md", "html", "docx"):
            write_ms = median_ms(partial(render_bytes, markdown, fmt, info), runs)
            cells.append(f"{fmt} {compose_ms + write_ms:.1f}")
        row(
            f"render in process, {path.stem}",
            " / ".join(cells) + " ms",
            f"compose + write; load + check add {load_ms:.1f} ms",
        )


def reading(runs: int, work: Path, paragraphs: list[int]) -> None:
    """``perfgen import`` / ``audit``: a published text, a perfgen-made docx and PDF read in
    process; cold commands; and a text grown to many paragraphs (cost per paragraph)."""
    import perfgen
    from perfgen.audit import audit
    from perfgen.reading import read_report

    for path in TEXTS:
        read = median_ms(partial(read_report, path), runs)
        checked = median_ms(partial(audit, path), runs)
        row(f"import in process, {path.stem}.txt", f"{read:.1f} ms", f"audit {checked:.1f} ms")
    openings = sorted((ROOT / "tests" / "fixtures" / "openings").glob("*.txt"))
    each = [median_ms(partial(read_report, path), runs) for path in openings]
    if each:
        row(
            f"import in process, {len(each)} openings of other provinces' reports",
            f"{statistics.median(each):.1f} ms median",
            f"slowest {max(each):.1f} ms",
        )
    for fmt in ("docx", "pdf"):
        target = work / f"read.{fmt}"
        try:
            perfgen.render(NPC, target)
        except perfgen.PerfgenError:
            continue  # no LibreOffice
        row(
            f"import in process, NPC rendered to {fmt}",
            f"{median_ms(partial(read_report, target), runs):.1f} ms",
        )
    npc = next(path for path in TEXTS if path.stem == "nansha-npc-office-2023")
    command = [*PERFGEN, "import", str(npc), "-o", str(work / "i.yaml"), "--force"]
    row("cold `perfgen import` (NPC text)", f"{cold_ms(command, runs // 3 or 1):.0f} ms")
    row(
        "cold `perfgen audit` (3 texts)",
        f"{cold_ms([*PERFGEN, 'audit', *map(str, TEXTS)], runs // 3 or 1):.0f} ms",
    )
    text = npc.read_text(encoding="utf-8")
    head, marker, tail = text.partition("（二）管理效率分析")
    paragraph = "本办公室加强预算执行管理，按月分析执行进度，及时调整支出计划，确保资金使用效益。\n"
    for count in paragraphs:
        grown = work / f"grown-{count}.txt"
        grown.write_text(head + paragraph * count + marker + tail, encoding="utf-8")
        value = median_ms(partial(read_report, grown), max(runs // 5, 1))
        row(
            f"{count} added paragraphs: import in process",
            f"{value:.1f} ms",
            f"{value / count:.3f} ms each",
        )


def docxtpl_ratio(runs: int, work: Path) -> None:
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        row("docx vs docxtpl", "—", 'docxtpl missing: pip install "perfgen[bench]"')
        return
    import docx

    import perfgen
    from perfgen.writers import render_bytes
    from perfgen.writers.docx.document import reference_document
    from perfgen.writers.docx.inline import plain_text
    from perfgen.writers.tokens import parse

    source = perfgen.load(NPC)
    figures = perfgen.derive(source)
    markdown = perfgen.compose(source, figures)
    info = perfgen.document_info(source.report)
    blocks = []
    tokens = parse(markdown)
    for n, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            style = "Report Title" if level == 1 else f"Heading {min(level - 1, 4)}"
            blocks.append({"style": style, "text": plain_text(tokens[n + 1])})
        elif token.type == "paragraph_open":
            blocks.append({"style": "Normal", "text": plain_text(tokens[n + 1])})
    # docxtpl's template: perfgen's own styles, one conditional paragraph per style
    template = docx.Document(io.BytesIO(reference_document()))
    body = template.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    template.add_paragraph("{%p for b in blocks %}")
    styles = ["Report Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Normal"]
    for n, style in enumerate(styles):
        template.add_paragraph(("{%p if " if n == 0 else "{%p elif ") + f"b.style == '{style}' %}}")
        template.add_paragraph("{{ b.text }}", style=style)
    template.add_paragraph("{%p endif %}")
    template.add_paragraph("{%p endfor %}")
    path = work / "docxtpl-template.docx"
    template.save(path)

    def with_docxtpl() -> bytes:
        document = DocxTemplate(path)
        document.render({"blocks": blocks})
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    theirs = median_ms(with_docxtpl, runs)
    ours = median_ms(lambda: render_bytes(perfgen.compose(source, figures), "docx", info), runs)
    whole = median_ms(lambda: perfgen.render(NPC, work / "whole.docx"), runs)
    row("docxtpl: load + render + save (NPC, same paragraphs and styles)", f"{theirs:.1f} ms")
    row("perfgen: compose + docx (NPC)", f"{ours:.1f} ms", f"{ours / theirs:.2f}× docxtpl")
    row(
        "perfgen: whole render from YAML to file",
        f"{whole:.1f} ms",
        f"{whole / theirs:.2f}× docxtpl",
    )


def _peak_of(code: str) -> tuple[float, int]:
    """Run ``code`` in a fresh interpreter; its wall time (ms) and peak RSS (MB)."""
    probe = (
        "import time, resource\nstart = time.perf_counter()\n"
        + code
        + "\nusage = resource.getrusage(resource.RUSAGE_SELF)"
        + "\nprint(time.perf_counter() - start, usage.ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    seconds, kilobytes = out.stdout.split()[-2:]
    return float(seconds) * 1000, int(kilobytes) // 1024


def scaling(work: Path, indicators: list[int], paragraphs: list[int]) -> None:
    import perfgen
    from perfgen.input.loader import load_text
    from perfgen.writers import DocumentInfo, render_bytes, xlsx

    for count in indicators:
        # the workbook is written by perfgen itself from a report too big for a YAML file
        source = perfgen.validate(load_text(_table_report(count)))
        workbook = work / f"table-{count}.xlsx"
        workbook.write_bytes(xlsx.render(source.report, perfgen.derive(source)))
        short = work / f"short-{count}.yaml"
        short.write_text(_table_report(0), encoding="utf-8")
        code = (
            "import perfgen\n"
            f"perfgen.render({str(short)!r}, {str(work / f'table-{count}.docx')!r}, "
            f"scores=__import__('pathlib').Path({str(workbook)!r}))"
        )
        ms, mb = _peak_of(code)
        row(
            f"{count} indicators: workbook → check → docx (cold process)",
            f"{ms / 1000:.2f} s",
            f"peak RSS {mb} MB; {ms / count:.2f} ms per indicator",
        )
    for count in paragraphs:
        path = work / f"paragraphs-{count}.yaml"
        path.write_text(_paragraph_report(count), encoding="utf-8")
        source = perfgen.load(path)
        info = perfgen.document_info(source.report)

        def render(source: perfgen.Input = source, info: DocumentInfo = info) -> bytes:
            return render_bytes(perfgen.compose(source, perfgen.derive(source)), "docx", info)

        ms = median_ms(render, 5)
        row(
            f"{count} paragraphs: compose + docx (in process)",
            f"{ms:.1f} ms",
            f"{ms / count:.3f} ms each",
        )


def _table_report(count: int) -> str:
    rows = "\n".join(
        f"      - {{level1: 履职效能, level2: 产出指标, name: 指标{n}, target: 80,"
        f" actual: {70 + n % 20}, unit: 人次, weight: {'10' if n == 0 else '0'}}}"
        for n in range(count)
    )
    indicators = f"    indicators:\n{rows}\n" if count else ""
    return (
        "unit: {name: 测试单位}\nyear: 2023\n"
        "basic_info: {functions: {}, annual_work: {}, finances: {}}\n"
        "evaluation:\n  table:\n    funding_weight: 90\n"
        "    funding: [{name: 财政拨款, initial_budget: 100.00, full_year_budget: 100.00,"
        " executed: 90.00}]\n"
        f"{indicators}"
        "problems: [问题]\nmeasures: [措施]\n"
    )


def _paragraph_report(count: int) -> str:
    duties = "\n".join(f"      - 负责第{n}项工作，按时完成并报告进展" for n in range(count))
    return (
        "unit: {name: 测试单位}\nyear: 2023\n"
        f"basic_info:\n  functions:\n    duties:\n{duties}\n  annual_work: {{}}\n  finances: {{}}\n"
        "evaluation: {score: 95}\nproblems: [问题]\nmeasures: [措施]\n"
    )


def batch(work: Path, units: int, jobs: int, pdfs: int) -> None:
    folder = work / "district"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for n in range(units):
        text = texts[n % len(texts)].replace("办公室\n", f"办公室{n}\n", 1)
        (folder / f"unit-{n:05d}.yaml").write_text(text, encoding="utf-8")
    # in a fresh interpreter, so that the workers carry nothing of this script
    probe = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from perfgen.batch import Options, plan, run\n"
        "outcomes = []\n"
        "start = time.perf_counter()\n"
        f"run(plan([{str(folder)!r}]), Path({str(work / 'out')!r}), Options(), {jobs},"
        " outcomes.append)\n"
        "seconds = time.perf_counter() - start\n"
        "import resource\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "print(seconds, sum(o.status == 'done' for o in outcomes), peak,"
        " ' '.join(str(o.rss_kb // 1024) for o in outcomes))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    seconds_text, done_text, peak_text, *rss_text = out.stdout.split()
    seconds, done, rss = float(seconds_text), int(done_text), [int(r) for r in rss_text]
    tenth = max(len(rss) // 10, 1)
    row(
        f"batch of {units} units → docx, -j {jobs}",
        f"{done / seconds:.1f} reports/s",
        f"{seconds:.1f} s; worker RSS in the first tenth ≤ {max(rss[:tenth])} MB, "
        f"in the last tenth ≤ {max(rss[-tenth:])} MB; peak of a worker {peak_text} MB",
    )
    if not pdfs or shutil.which("soffice") is None:
        row("PDFs in a batch", "—", "soffice missing or skipped")
        return
    from perfgen.batch import Options, plan, run

    pdf_folder = work / "pdf-units"
    pdf_folder.mkdir()
    for path in sorted(folder.glob("*.yaml"))[:pdfs]:
        shutil.copy(path, pdf_folder)
    start = time.perf_counter()
    made: list[str] = []
    run(
        plan([pdf_folder]), work / "pdf-out", Options(formats=("pdf",)), jobs, converted=made.append
    )
    seconds = time.perf_counter() - start
    rate = f"{len(made) / seconds:.2f} PDFs/s"
    row(f"batch of {pdfs} units → pdf, -j {jobs}", rate, f"{seconds:.1f} s in all")


def review(work: Path, units: int, jobs: int) -> None:
    """``perfgen review`` of ``units`` data files made from data/*.yaml with varied figures
    (score, 总收入 — some then disagree with their parts: errors to rank), then again with
    nothing changed."""
    import re

    if importlib.util.find_spec("matplotlib") is None:
        missing = 'matplotlib missing: pip install ".[review]"'
        row(f"review of {units} units, -j {jobs}", "—", missing)
        return
    folder = work / "review-units"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for n in range(units):
        text = texts[n % len(texts)].replace("办公室\n", f"办公室{n}\n", 1)
        text = re.sub(r"(?m)^  score: .*$", f"  score: {70 + n % 30}.{n % 10}5", text, count=1)
        if n % 4 == 0:  # a quarter state a 总收入 their parts do not add up to
            total = re.search(r"(?m)^      total: (\d+)", text)
            if total:
                start, end = total.span(1)
                text = f"{text[:start]}{int(total[1]) + n}{text[end:]}"
        (folder / f"unit-{n:05d}.yaml").write_text(text, encoding="utf-8")
    command = [*PERFGEN, "review", str(folder), "-o", str(work / "review-site"), "-j", str(jobs)]
    for label in ("", ", again unchanged"):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        row(f"review of {units} units, -j {jobs}{label}", f"{seconds:.1f} s", last[:80])


def draft(runs: int, work: Path) -> None:
    """render --draft against render, and serve's time from a save to the page's event."""
    import shutil
    import threading
    import urllib.request

    from perfgen.pipeline import examine, render_examined
    from perfgen.serve.preview import Preview, changes, start

    path = SAMPLES[0]
    examined = examine(path)
    for fmt in ("html", "docx"):
        final = median_ms(partial(render_examined, examined, fmt), runs)
        drafted = median_ms(partial(render_examined, examined, fmt, draft=True), runs)
        row(f"render --draft {fmt}, {path.stem}", f"{drafted:.1f} ms", f"final {final:.1f} ms")
    live = work / "live.yaml"
    shutil.copyfile(next(p for p in SAMPLES if "npc" in p.stem), live)
    preview = Preview(live)
    preview.refresh()
    server, address = start(preview)
    stop = threading.Event()

    def follow() -> None:
        for _ in changes(preview, stop):
            preview.refresh()

    watcher = threading.Thread(target=follow, daemon=True)
    watcher.start()
    stream = urllib.request.urlopen(address + "events", timeout=10)
    time.sleep(0.5)  # the watcher is set up
    text = live.read_text(encoding="utf-8")
    latencies = []
    for k in range(runs):
        start_s = time.perf_counter()
        live.write_text(text.replace("total: 2514.62", f"total: {2514 + k}.62", 1), "utf-8")
        while not stream.readline().startswith(b"data:"):
            pass
        latencies.append((time.perf_counter() - start_s) * 1000)
    stop.set()
    server.shutdown()
    latencies.sort()
    median = latencies[len(latencies) // 2]
    row("serve: save → page told", f"{median:.0f} ms", f"median of {runs}; max {latencies[-1]:.0f}")


def table_rows(quick: bool) -> None:
    """The 自评表 and indicator tables at 1,000 to 10,000 rows: docx and xlsx writers' time and
    ms per row (``benchmarks/tables.py``; flat is ±20 %)."""
    from tables import rows

    for name, value, note in rows((1000, 2000) if quick else (1000, 2000, 5000, 10000)):
        row(name, value, note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller rows, no PDF")
    options = parser.parse_args()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    print(
        f"perfgen benchmark — Python {platform.python_version()}, {platform.system()}, {machine}\n"
    )
    print("| measure | value | note |\n|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="perfgen-bench-") as scratch:
        work = Path(scratch)
        cold(5 if options.quick else 15, work)
        in_process(10 if options.quick else 30)
        reading(10 if options.quick else 30, work, [10, 100, 1000, 10000])
        docxtpl_ratio(10 if options.quick else 30, work)
        draft(10 if options.quick else 30, work)
        sizes = [100, 1000] if options.quick else [100, 1000, 10000]
        scaling(work, sizes, [10, 100, 1000])
        table_rows(options.quick)
        batch(work, 200 if options.quick else 1000, 2, 0 if options.quick else 20)
        review(work, 200, 2)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"\npeak RSS of this script: {peak} MB")


if __name__ == "__main__":
    main()
