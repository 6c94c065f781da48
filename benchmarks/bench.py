"""perfgen's performance, printed as one table (run by hand; timing never belongs in tests).

    python benchmarks/bench.py                    # everything (a few minutes)
    python benchmarks/bench.py --quick            # smaller scaling rows, fewer runs, no PDF
    python benchmarks/bench.py --goals            # only the goals of issue 26, as paired ratios
    python benchmarks/bench.py --goals --goal cold  # … only the named goal(s)
    python benchmarks/bench.py --readme           # … and write the table into README.md
    python benchmarks/bench.py --instructions     # … and count instructions (valgrind)

The goals come first, each a paired ratio (the two sides run alternately, the median of the
ratios of each pair, so that a busy machine slows both alike): the docx render against docxtpl
rendering the same document; the md render from YAML against markdown-it-py rendering the same
Markdown; cold ``perfgen check`` and ``render`` against importing the libraries they need; a
batch re-run of unchanged units against its first run; batch reports per second; the check's
cost per character as the narrative grows; and the tables (:data:`GOALS` is the list, a new goal
is one more function in it). ``--instructions`` adds the cold ratios in instructions counted by
callgrind, which do not depend on the machine's load.

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
import json
import os
import platform
import re
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
README = ROOT / "README.md"
MARKERS = ("<!-- bench:start -->", "<!-- bench:end -->")
"""The README's table is written between these lines by ``--readme``."""

ROWS: list[str] = []
"""Every row printed, for ``--readme``."""


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def cold_ms(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    return median_ms(
        lambda: subprocess.run(command, capture_output=True, check=False, env=env), runs
    )


def row(name: str, value: str, note: str = "") -> None:
    line = f"| {name} | {value} | {note} |"
    ROWS.append(line)
    print(line, flush=True)


def paired(
    ours: Callable[[], object], theirs: Callable[[], object], runs: int
) -> tuple[float, float, float]:
    """Run the two sides alternately ``runs`` times (after one warm-up each): the median ms of
    each and the median of the ratios ours/theirs of each pair."""
    ours()
    theirs()
    a, b, ratios = [], [], []
    for n in range(runs):
        first, second = (ours, theirs) if n % 2 == 0 else (theirs, ours)
        t0 = time.perf_counter()
        first()
        t1 = time.perf_counter()
        second()
        t2 = time.perf_counter()
        mine, other = (t1 - t0, t2 - t1) if n % 2 == 0 else (t2 - t1, t1 - t0)
        a.append(mine)
        b.append(other)
        ratios.append(mine / other)
    return statistics.median(a) * 1000, statistics.median(b) * 1000, statistics.median(ratios)


def _command(command: list[str], env: dict[str, str] | None = None) -> Callable[[], object]:
    return lambda: subprocess.run(command, capture_output=True, check=False, env=env)


def installed_env(work: Path) -> dict[str, str]:
    """The environment of a cold command as an installed perfgen runs it: with its modules'
    bytecode cached. ``pip install`` compiles a wheel's modules; an editable install under
    ``PYTHONDONTWRITEBYTECODE`` (as on CI and in these worktrees) would compile perfgen's ~200
    modules from source on every start (a fifth of a cold ``check``), which no user pays. The
    bytecode goes to a folder of ``work`` (``PYTHONPYCACHEPREFIX``), for both sides of a ratio
    alike, and is written by the warm-up runs."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def instructions(command: list[str], env: dict[str, str] | None = None) -> int | None:
    """Instructions a command executes (callgrind's “Collected”), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    return int(found[1]) if found else None


def goal(name: str, ratio: float, target: str, note: str) -> None:
    """A goal's row: the ratio, whether it meets ``target`` (“≤ 0.5” or “≥ 60”), and a note."""
    sign, bound = target.split()
    met = ratio <= float(bound) if sign == "≤" else ratio >= float(bound)
    row(f"goal: {name}", f"{ratio:.2f} ({target}: {'met' if met else 'not met'})", note)


def cold(runs: int, work: Path) -> None:
    env = installed_env(work)
    floor = {
        "click": [sys.executable, "-c", "import click"],
        "pydantic+yaml": [sys.executable, "-c", "import pydantic, yaml"],
        "BaseModel+yaml": [
            sys.executable,
            "-c",
            "from pydantic import BaseModel, Field; import yaml",
        ],
        "render deps": [sys.executable, "-c", RENDER_FLOOR],
    }
    floors = {name: cold_ms(command, runs, env) for name, command in floor.items()}
    for name, value in floors.items():
        row(f"cold floor: python -c '{floor[name][-1]}'", f"{value:.0f} ms")
    help_ms = cold_ms([*PERFGEN, "--help"], runs, env)
    row("cold `perfgen --help`", f"{help_ms:.0f} ms", f"{help_ms / floors['click']:.2f}× click")
    check_ms = cold_ms([*PERFGEN, "check", str(NPC)], runs, env)
    row(
        "cold `perfgen check` (NPC)",
        f"{check_ms:.0f} ms",
        f"{check_ms / floors['pydantic+yaml']:.2f}× pydantic+yaml; "
        f"{check_ms / floors['BaseModel+yaml']:.2f}× BaseModel+yaml",
    )
    for fmt in ("md", "docx"):
        target = work / f"cold.{fmt}"
        value = cold_ms([*PERFGEN, "render", str(NPC), "-o", str(target)], runs, env)
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
        check_ms = median_ms(partial(perfgen.check, source, figures), runs)
        cells = []
        for fmt in ("md", "html", "docx"):
            write_ms = median_ms(partial(render_bytes, markdown, fmt, info), runs)
            cells.append(f"{fmt} {compose_ms + write_ms:.1f}")
        row(
            f"render in process, {path.stem}",
            " / ".join(cells) + " ms",
            f"compose + write; load adds {load_ms:.1f} ms, check {check_ms:.1f} ms",
        )


def reading(runs: int, work: Path, copies_of_section: list[int]) -> None:
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
    # grown by copies of one of its own sections as printed (its lines, its line width): added
    # lines of another shape would change which lines the line joiner reads as wrapped
    section = head[head.rindex("（一）") :]
    before = len(read_report(npc).source)
    for copies in copies_of_section:
        grown = work / f"grown-{copies}.txt"
        grown.write_text(head + section * copies + marker + tail, encoding="utf-8")
        count = len(read_report(grown).source) - before
        value = median_ms(partial(read_report, grown), max(runs // 5, 1))
        row(
            f"{count} added paragraphs: import in process",
            f"{value:.1f} ms",
            f"{value / count:.3f} ms each",
        )


def _docxtpl(work: Path) -> Callable[[], bytes] | None:
    """docxtpl's load + render + save of the NPC report's paragraphs in perfgen's styles (a
    template this script builds: one conditional paragraph per style), or None without it."""
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        return None
    import docx

    import perfgen
    from perfgen.writers.docx.document import reference_document
    from perfgen.writers.docx.inline import plain_text
    from perfgen.writers.tokens import parse

    source = perfgen.load(NPC)
    markdown = perfgen.compose(source, perfgen.derive(source))
    blocks = []
    tokens = parse(markdown)
    for n, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            style = "Report Title" if level == 1 else f"Heading {min(level - 1, 4)}"
            blocks.append({"style": style, "text": plain_text(tokens[n + 1])})
        elif token.type == "paragraph_open":
            blocks.append({"style": "Normal", "text": plain_text(tokens[n + 1])})
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

    return with_docxtpl


def docxtpl_ratio(runs: int, work: Path) -> None:
    with_docxtpl = _docxtpl(work)
    if with_docxtpl is None:
        row("docx vs docxtpl", "—", 'docxtpl missing: pip install "perfgen[bench]"')
        return
    import perfgen

    theirs = median_ms(with_docxtpl, runs)
    whole = median_ms(lambda: perfgen.render(NPC, work / "whole.docx"), runs)
    row("docxtpl: load + render + save (NPC, same paragraphs and styles)", f"{theirs:.1f} ms")
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
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    if out.returncode:
        raise RuntimeError(f"the probe failed ({out.returncode}): {out.stderr[-2000:]}")
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


# ---- the goals of issue 26, each a paired ratio -------------------------------------------


def goal_docx(runs: int, work: Path) -> None:
    """compose + docx against docxtpl's load + render + save of the same document."""
    theirs = _docxtpl(work)
    if theirs is None:
        row("goal: docx render vs docxtpl", "—", 'docxtpl missing: pip install "perfgen[bench]"')
        return
    import perfgen
    from perfgen.writers import render_bytes

    source = perfgen.load(NPC)
    figures = perfgen.derive(source)
    info = perfgen.document_info(source.report)
    ours_ms, theirs_ms, ratio = paired(
        lambda: render_bytes(perfgen.compose(source, figures), "docx", info), theirs, runs
    )
    goal(
        "docx render (compose + docx) vs docxtpl, same document",
        ratio,
        "≤ 0.5",
        f"perfgen {ours_ms:.1f} ms, docxtpl {theirs_ms:.1f} ms (NPC)",
    )


def goal_md(runs: int) -> None:
    """The whole md render from YAML in process against markdown-it-py rendering its Markdown."""
    from markdown_it import MarkdownIt

    import perfgen

    markdown = perfgen.render(NPC, "-", "md").data.decode("utf-8")
    parser = MarkdownIt("commonmark").enable("table")
    ours_ms, theirs_ms, ratio = paired(
        lambda: perfgen.render(NPC, "-", "md"), lambda: parser.render(markdown), runs
    )
    goal(
        "md render from YAML in process vs markdown-it-py on the same Markdown",
        ratio,
        "≤ 4",
        f"perfgen {ours_ms:.1f} ms (load, check, compose, write); markdown-it-py "
        f"{theirs_ms:.1f} ms",
    )


CHECK_FLOOR = "import pydantic, yaml"
RENDER_FLOOR = "import click, pydantic, yaml, jinja2, markdown_it, platformdirs"
"""What ``render`` to docx imports of other packages (the docx base package is cached: neither
python-docx nor lxml is imported)."""

ONE_MODEL = (
    "from decimal import Decimal; from pydantic import BaseModel\n"
    "class A(BaseModel):\n    x: Decimal\nA(x=Decimal(1))"
)
"""The least a program that validates with pydantic runs: one model class built and used (its
first class imports pydantic's schema generation and ``importlib.metadata``). Added to a floor,
alone and with click (a command line's parser), it shows how much of the ratio no perfgen code
can remove."""


def goal_cold(runs: int, work: Path, count: bool) -> None:
    """Cold ``check`` and ``render`` → docx against importing the libraries each needs, with
    bytecode cached as an installed perfgen has it (:func:`installed_env`)."""
    env = installed_env(work)
    check = [*PERFGEN, "check", str(NPC)]
    render = [*PERFGEN, "render", str(NPC), "-o", str(work / "cold.docx")]
    subprocess.run(render, capture_output=True, check=False, env=env)  # the caches are warm
    for name, command, floor, target in (
        ("check", check, CHECK_FLOOR, "≤ 2"),
        ("render → docx", render, RENDER_FLOOR, "≤ 1.5"),
    ):
        floor_command = [sys.executable, "-c", floor]
        ours, theirs = _command(command, env), _command(floor_command, env)
        ours_ms, floor_ms, ratio = paired(ours, theirs, runs)
        note = f"{ours_ms:.0f} ms vs `python -c '{floor}'` {floor_ms:.0f} ms, {runs} pairs"
        least = {
            "one pydantic model": [sys.executable, "-c", f"{floor}\n{ONE_MODEL}"],
            "click and one model": [sys.executable, "-c", f"import click\n{floor}\n{ONE_MODEL}"],
        }
        for what, least_command in least.items():  # no perfgen code: the ratio's least
            least_ms, _, least_ratio = paired(_command(least_command, env), theirs, runs)
            note += f"; {what} alone: {least_ms:.0f} ms = {least_ratio:.2f}×"
        if count:
            mine, base = instructions(command, env), instructions(floor_command, env)
            if mine and base:
                note += f"; instructions {mine / 1e6:.0f} M vs {base / 1e6:.0f} M"
                note += f" = {mine / base:.2f}×"
                for what, least_command in least.items():
                    counted = instructions(least_command, env) or 0
                    note += f"; {what} alone: {counted / 1e6:.0f} M = {counted / base:.2f}×"
        goal(f"cold `perfgen {name}` (NPC) vs its import floor", ratio, target, note)


def _district(work: Path, units: int) -> Path:
    """A folder of ``units`` YAML files: the samples, each unit named apart."""
    folder = work / f"district-{units}"
    if folder.exists():
        return folder
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for n in range(units):
        text = texts[n % len(texts)].replace("办公室\n", f"办公室{n}\n", 1)
        (folder / f"unit-{n:05d}.yaml").write_text(text, encoding="utf-8")
    return folder


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds of a command, and the CPU seconds of it and every process it waited for
    (its workers): on a busy machine the CPU time still says what two idle cores would do."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def goal_batch(work: Path, units: int, jobs: int, pairs: int) -> None:
    """``perfgen batch`` (the command, cold) of ``units`` units: a first run into an empty
    folder and a re-run with nothing changed, alternately; reports per second of the first,
    by the clock and by CPU time shared over ``jobs`` cores."""
    folder = _district(work, units)
    firsts, agains, ratios, cpus, cpu_ratios = [], [], [], [], []
    for n in range(pairs):
        out = work / f"batch-out-{n}"
        command = [*PERFGEN, "batch", str(folder), "-o", str(out), "-j", str(jobs)]
        first, first_cpu = _timed(command)
        again, again_cpu = _timed(command)
        shutil.rmtree(out)
        firsts.append(first)
        agains.append(again)
        ratios.append(again / first)
        cpus.append(first_cpu)
        cpu_ratios.append(again_cpu / first_cpu)
    first, again, cpu = (
        statistics.median(firsts),
        statistics.median(agains),
        statistics.median(cpus),
    )
    goal(
        f"batch re-run of {units} unchanged units vs its first run",
        statistics.median(ratios),
        "≤ 0.15",
        f"`perfgen batch -j {jobs}`: first {first:.2f} s, re-run {again:.2f} s, {pairs} pairs; "
        f"in CPU time {statistics.median(cpu_ratios):.2f}×",
    )
    goal(
        f"batch of {units} units → docx, -j {jobs}, reports/s",
        units / first,
        "≥ 60",
        f"the whole command, cold, by the clock; median of {pairs} first runs",
    )
    goal(
        f"batch of {units} units → docx, reports/s of {jobs} cores' CPU time",
        units * jobs / cpu,
        "≥ 60",
        f"{cpu:.2f} CPU s for {units} units ({cpu / units * 1000:.1f} ms each, workers' start "
        "included): what two idle cores give",
    )


def goal_narrative(runs: int, work: Path, factors: tuple[int, ...] = (1, 5, 20)) -> None:
    """The check (load, derive, every rule) as the narrative grows: the NPC report with its
    passages' text written again 1×, 5×, 20× (:func:`_grown_narrative`), as many paragraphs or
    as one long one; time per character; and the rules against the compose stage."""
    import perfgen

    base_text = NPC.read_text(encoding="utf-8")
    for joined in (False, True):
        shape = "one long paragraph" if joined else "new paragraphs"
        per_char = []
        for factor in factors:
            path = work / f"narrative-{factor}-{joined}.yaml"
            path.write_text(_grown_narrative(base_text, factor, joined), encoding="utf-8")
            source = perfgen.load(path)
            figures = perfgen.derive(source)
            chars = sum(len(p.text) for p in _passages(source))
            ms = median_ms(partial(perfgen.examine, path), runs)
            compose = median_ms(partial(perfgen.compose, source, figures), runs)
            per_char.append(ms / chars * 1000)
            row(
                f"narrative {factor}× ({chars} characters, {shape}): load + derive + check",
                f"{ms:.1f} ms",
                f"{ms / chars * 1000:.2f} µs per character; compose {compose:.1f} ms",
            )
        goal(
            f"check's cost per character, {factors[-1]}× narrative vs 1× ({shape})",
            per_char[-1] / per_char[0],
            "≤ 1.3",
            "flat: the cost grows with the text; "
            + ", ".join(f"{c:.2f}" for c in per_char)
            + " µs",
        )
    load_ms = median_ms(partial(perfgen.load, NPC), runs)
    source = perfgen.load(NPC)
    figures = perfgen.derive(source)
    rules_ms, compose_ms, ratio = paired(
        partial(perfgen.check, source, figures), partial(perfgen.compose, source, figures), runs
    )
    goal(
        "all the check's rules vs the compose stage (NPC)",
        ratio,
        "≤ 1",
        f"rules {rules_ms:.1f} ms, compose {compose_ms:.1f} ms, load {load_ms:.1f} ms",
    )


def _passages(source: object) -> list:  # type: ignore[type-arg]
    from perfgen.narrative.passages import passages

    return list(passages(source.report))  # type: ignore[attr-defined]


_WORDS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def _grown_narrative(text: str, factor: int, joined: bool = False) -> str:
    """``text`` (a YAML input) with its narrative written ``factor`` times: every passage of
    the report again ``factor - 1`` times as new items of ``problems``, each copy with its
    characters' order rotated and words of its own every few characters, so that no copy is
    nearly the same as another (the repeats rule compares them and finds none); ``joined``:
    all the copies in one paragraph, ``factor - 1`` times as long as the whole report."""
    import perfgen
    from perfgen.input.loader import load_text

    source = perfgen.validate(load_text(text))
    paragraphs = [p.text.replace("\n", "") for p in _passages(source) if len(p.text) > 8]
    added = []
    for n in range(1, factor):
        for m, paragraph in enumerate(paragraphs):
            shift = (n * 7 + m) % len(paragraph)
            rotated = paragraph[shift:] + paragraph[:shift]
            marks = [_WORDS[(n * 3 + k) % 22] + _WORDS[(n + k * 5 + m) % 22] for k in range(4)]
            pieces = [rotated[i : i + 6] + marks[i // 6 % 4] for i in range(0, len(rotated), 6)]
            added.append("".join(pieces).replace("。", "，") + "。")
    if joined and added:
        added = ["".join(added)]
    lines = "".join(f"  - {json.dumps(p, ensure_ascii=False)}\n" for p in added)
    return text.replace("\nmeasures:\n", "\n" + lines + "measures:\n", 1) if added else text


def goal_tables(work: Path, counts: tuple[int, ...]) -> None:
    """Many indicator rows of the 自评表 to docx and to xlsx (each in a cold process): seconds
    for the largest, and the cost per added row between the two sizes against the cost per row
    of the smaller (flat: ≈ 1). The tables item of issue 26 may refine what these rows time."""
    import perfgen
    from perfgen.input.loader import load_text
    from perfgen.writers import xlsx

    for fmt in ("docx", "xlsx"):
        seconds = []
        for count in counts:
            source = perfgen.validate(load_text(_table_report(count)))
            workbook = work / f"rows-{count}.xlsx"
            if not workbook.exists():
                workbook.write_bytes(xlsx.render(source.report, perfgen.derive(source)))
            short = work / f"rows-short-{count}.yaml"
            short.write_text(_table_report(0), encoding="utf-8")
            call = "render" if fmt == "docx" else "write_table"  # the 自评表 is `perfgen table`
            target = work / f"rows-{count}-out.{fmt}"
            code = (
                "import perfgen, pathlib\n"
                f"perfgen.{call}({str(short)!r}, pathlib.Path({str(target)!r}), "
                f"scores=pathlib.Path({str(workbook)!r}))"
            )
            try:
                ms, mb = _peak_of(code)
            except RuntimeError as exc:
                row(f"{count} indicator rows → {fmt}", "failed", str(exc).splitlines()[-1])
                return
            seconds.append(ms / 1000)
            row(
                f"{count} indicator rows → {fmt} (workbook → check → {fmt}, cold process)",
                f"{ms / 1000:.2f} s",
                f"peak RSS {mb} MB; {ms / count:.2f} ms per row",
            )
        small, large = counts[0], counts[-1]
        marginal = (seconds[-1] - seconds[0]) / (large - small)
        goal(
            f"{large} rows → {fmt}, seconds",
            seconds[-1],
            "≤ 8",
            f"per added row {marginal * 1000:.2f} ms vs {seconds[0] / small * 1000:.2f} ms per row "
            f"at {small} ({marginal / (seconds[0] / small):.2f}×; flat ≈ 1)",
        )


GOALS = ("docx", "md", "cold", "batch", "narrative", "tables")
"""The goals, in the order printed (each a ``goal_*`` function above)."""


def goals(options: argparse.Namespace, work: Path) -> None:
    runs = 10 if options.quick else 30
    chosen = options.goal or GOALS
    if "docx" in chosen:
        goal_docx(runs, work)
    if "md" in chosen:
        goal_md(runs)
    if "cold" in chosen:
        goal_cold(5 if options.quick else 20, work, options.instructions)
    if "batch" in chosen:
        goal_batch(work, 200, 2, 2 if options.quick else 3)
    if "narrative" in chosen:
        goal_narrative(5 if options.quick else 15, work)
    if "tables" in chosen:
        goal_tables(work, (1000, 3000) if options.quick else (1000, 10000))


def write_readme(rows: list[str], header: str, merge: bool) -> None:
    """Put the table between the README's markers (:data:`MARKERS`). With ``merge`` (a run of
    only some rows, ``--goals``), the README's other rows are kept: a row of this run replaces
    the row of the same measure, new rows come first."""
    text = README.read_text(encoding="utf-8")
    start, end = text.index(MARKERS[0]), text.index(MARKERS[1])
    if merge:
        rows = _merged(text[start:end].splitlines(), rows)
    table = "\n".join([header, "", "| measure | value | note |", "|---|---|---|", *rows])
    README.write_text(text[: start + len(MARKERS[0])] + "\n" + table + "\n" + text[end:], "utf-8")


def _merged(old: list[str], new: list[str]) -> list[str]:
    """The README's rows with this run's: a row replaces the one of the same measure; a row of a
    new measure goes after the row this run printed before it (first if none)."""

    def name(line: str) -> str | None:
        found = re.match(r"^\| ([^|]+) \|", line)
        return found[1] if found and not line.startswith(("|---", "| measure |")) else None

    result = [line for line in old if name(line)]
    places = {name(line): n for n, line in enumerate(result)}
    after = -1
    for line in new:
        if (key := name(line)) in places:
            after = places[key]
            result[after] = line
            continue
        after += 1
        result.insert(after, line)
        places = {name(row): n for n, row in enumerate(result)}
    return result


def table_rows(quick: bool) -> None:
    """The 自评表 and indicator tables at 1,000 to 10,000 rows: the whole render to docx and to
    xlsx (``--scores``, in process), CPU ms per row of each stage and how it changes with the
    size (``benchmarks/tables.py``; flat is ±20 %)."""
    from tables import rows

    for name, value, note in rows((1000, 2000) if quick else (1000, 2000, 5000, 10000)):
        row(name, value, note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller rows, no PDF")
    parser.add_argument(
        "--goals", action="store_true", help="only the goals of issue 26 (and render in process)"
    )
    parser.add_argument(
        "--goal", action="append", choices=GOALS, help="only this goal (repeatable; with --goals)"
    )
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument(
        "--instructions", action="store_true", help="count the cold goals' instructions"
    )
    options = parser.parse_args()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    header = (
        f"perfgen benchmark — Python {platform.python_version()}, {platform.system()}, {machine}"
    )
    print(header + "\n")
    print("| measure | value | note |\n|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="perfgen-bench-") as scratch:
        work = Path(scratch)
        goals(options, work)
        if options.goals:
            if not options.goal:
                in_process(10 if options.quick else 30)
        else:
            cold(5 if options.quick else 15, work)
            in_process(10 if options.quick else 30)
            reading(10 if options.quick else 30, work, [1, 10, 100])
            docxtpl_ratio(10 if options.quick else 30, work)
            draft(10 if options.quick else 30, work)
            sizes = [100, 1000] if options.quick else [100, 1000, 10000]
            scaling(work, sizes, [10, 100, 1000])
            table_rows(options.quick)
            batch(work, 200 if options.quick else 1000, 2, 0 if options.quick else 20)
            review(work, 200, 2)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"\npeak RSS of this script: {peak} MB")
    if options.readme:
        write_readme(ROWS, header, merge=options.goals)


if __name__ == "__main__":
    main()
