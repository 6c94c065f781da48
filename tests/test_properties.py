"""Property tests: every command, given mutated input, either succeeds or fails cleanly.

Inputs are the data/ files and the 自评表 fixture, mutated as data (keys dropped, renamed,
retyped, inserted), as text (hostile YAML snippets spliced in, lines cut), and as workbooks
(cells retyped, rows and merged ranges added, XML and zip bytes damaged); the output path is
drawn too (absent, an existing file, read-only, a symbolic link, a pipe, a directory, an input
of the run). For every example:

* the exit code is 0 or 1 (2 for a usage error), with no exception and no traceback;
* a failure prints a message and writes nothing: the folder holds exactly what it held;
* a success writes its output and nothing else (no temporary file);
* no input changes, whatever happens;
* a command that takes longer than :data:`HANG_SECONDS` is a hang.

CI runs :data:`CI_EXAMPLES` examples in all. ``PERFGEN_FUZZ_EXAMPLES=20000`` runs that many
(shared the same way); ``PERFGEN_FUZZ_REPORT=path.json`` writes the counts and the peak memory
when the module ends. A failing example is reported as found, unshrunk, unless
``PERFGEN_FUZZ_SHRINK=1`` asks hypothesis to shrink it (minutes on these inputs).
"""

from __future__ import annotations

import collections
import contextlib
import copy
import datetime as dt
import io
import json
import os
import re
import resource
import signal
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from helpers import DATA, SAMPLES, field_paths, folder_state
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from perfgen.cli import main
from perfgen.input.loader import load_file
from perfgen.writers.pdf import office_program

FIXTURE = Path(__file__).parent / "fixtures" / "with-table.yaml"
CI_EXAMPLES = 2100
TOTAL = int(os.environ.get("PERFGEN_FUZZ_EXAMPLES", CI_EXAMPLES))
HANG_SECONDS = 60
STATS: collections.Counter[str] = collections.Counter()
SLOWEST: dict[str, float] = {}

ORIGINALS = {name: load_file(DATA / f"{name}.yaml").data for name in SAMPLES}
ORIGINALS["with-table"] = load_file(FIXTURE).data
JUNK: list[Any] = [
    None,
    "",
    "文字",
    "【待填写】",
    "{{ 7*7 }}",
    "# 标题",
    '=HYPERLINK("http://x")',
    "@SUM(1)",
    "测试\x0b单位\x00",
    "\ud800",
    "长" * 300,
    0,
    -1,
    2023,
    10**30,
    True,
    [],
    {},
    ["a"],
    {"x": 1},
    Decimal("1.5"),
    Decimal("-0.00"),
    Decimal("-0.01"),
    Decimal("1e20"),
    Decimal("100.001"),
    Decimal("99999.99"),
    dt.date(2023, 6, 14),
    "2023-13-45",
    "≥",
    "定性",
    "\x07",
]
SNIPPETS = [
    "<<: 5\n",
    "<<: *nope\n",
    "x: &a {<<: *a}\n",
    "a: &b [*b]\n",
    "\t",
    "\x00",
    "\x85",
    "!!python/object/apply:os.system [ls] ",
    '"\\ud800"',
    "2023-02-30",
    "2023-06-14 25:00:00",
    "9" * 5000,
    "-0.00",
    ".nan",
    "-.inf",
    "{",
    "[",
    "? ",
    "\ufeff",
    "\r\n",
    ": : :",
    "%YAML 1.1\n---\n",
    "---\n",
    "...\n",
    "&x ",
    "*x",
    "'",
    '"',
    "|\n",
    ">-\n",
]


class Hang(BaseException):
    """A command ran longer than HANG_SECONDS (not an Exception: CliRunner lets it through)."""


class _Dumper(yaml.SafeDumper):
    """Writes Decimals back as plain YAML numbers."""


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def _parent(root: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        root = root[key]
    return root


def _junk(draw: st.DrawFn) -> Any:
    """A copy of a JUNK value: a later mutation that inserts into it must not change JUNK
    itself, or the next example draws from a different list (FlakyStrategyDefinition)."""
    return copy.deepcopy(draw(st.sampled_from(JUNK)))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A data/ file or the fixture with one to three mutations of its data, as YAML, then
    perhaps a hostile snippet spliced in and perhaps cut short."""
    name = draw(st.sampled_from(sorted(ORIGINALS)))
    data = yaml.safe_load(yaml.dump(ORIGINALS[name], Dumper=_Dumper))
    for _ in range(draw(st.integers(0, 3))):
        paths = [p for p in field_paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path), path[-1]
        kind = draw(st.sampled_from(["drop", "rename", "retype", "insert"]))
        if kind == "drop":
            del parent[key]
        elif kind == "rename" and isinstance(parent, dict):
            parent[str(key) + draw(st.sampled_from(["_", "x", "s"]))] = parent.pop(key)
        elif kind == "retype":
            parent[key] = _junk(draw)
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["junk", "note", "total", "text"]))] = _junk(draw)
        else:
            parent.insert(draw(st.integers(0, len(parent))), _junk(draw))
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(SNIPPETS)) + text[at:]
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 7)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


def _base_workbook() -> bytes:
    """The 自评表 perfgen writes for the fixture (rows 9–14 hold the indicators)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "t.xlsx")
        assert CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(path)]).exit_code == 0
        return path.read_bytes()


BASE_WORKBOOK = _base_workbook()
SHEET = "xl/worksheets/sheet1.xml"
CELL_JUNK: list[Any] = [
    None,
    "",
    "八十",
    "约九十",
    "=1+1",
    "≥",
    ">",
    "定性",
    "【待填写】",
    "甲_x0007_乙",  # Excel's escape of U+0007, which openpyxl reads back as the character
    "长" * 300,
    150,
    -5,
    0,
    1e308,
    -0.0,
    0.1 + 0.2,
    True,
    dt.datetime(2023, 6, 14),
    "总分",
    "一级指标",
]
XML_EDITS: list[Callable[[str], str]] = [
    lambda xml: xml.replace(
        "</sheetData>",
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    ),
    lambda xml: re.sub(r"(<mergeCells[^>]*>)", r'\1<mergeCell ref="L1:XFD1048576"/>', xml),
    lambda xml: re.sub(r"(<mergeCells[^>]*>)", r'\1<mergeCell ref="A9:K14"/>', xml),
    lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml),
    lambda xml: '<!DOCTYPE x [<!ENTITY a "b">]>' + xml,
    lambda xml: xml.replace("<v>", "<f>1+1</f><v>", 1),
    lambda xml: re.sub(r"<v>[^<]*</v>", "", xml, count=3),
    lambda xml: xml.replace('t="inlineStr"', 't="s"', 2),
    lambda xml: xml.replace('r="C9"', 'r="C99999999"'),
    lambda xml: xml.replace("<sheetData>", '<sheetData><row r="0"><c r="A0"><v>1</v></c></row>'),
    lambda xml: xml[: len(xml) // 2],
]


def _rezip(data: bytes, member: str, edit: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, edit(content) if item.filename == member else content)
    return out.getvalue()


@st.composite
def mutated_workbook(draw: st.DrawFn) -> bytes:
    """The fixture's 自评表 with cells retyped, rows or merged ranges added, or its XML or
    bytes damaged."""
    data = BASE_WORKBOOK
    kind = draw(st.sampled_from(["cells", "cells", "merge", "xml", "xml", "bytes"]))
    if kind in ("cells", "merge"):
        book = openpyxl.load_workbook(io.BytesIO(data))
        sheet = book.worksheets[0]
        for _ in range(draw(st.integers(1, 4))):
            row, column = draw(st.integers(1, 20)), draw(st.integers(1, 12))
            if kind == "merge":
                bottom = row + draw(st.integers(0, 5))
                right = column + draw(st.integers(0, 3))
                with contextlib.suppress(ValueError):  # overlapping an earlier merge
                    sheet.merge_cells(
                        start_row=row, start_column=column, end_row=bottom, end_column=right
                    )
            else:
                cell = sheet.cell(row, column)
                if not isinstance(cell, openpyxl.cell.cell.MergedCell):
                    cell.value = draw(st.sampled_from(CELL_JUNK))
        if draw(st.booleans()):
            sheet.title = draw(st.sampled_from(["自评表", "Sheet1", "表"]))
        out = io.BytesIO()
        book.save(out)
        data = out.getvalue()
    elif kind == "xml":
        edit = draw(st.sampled_from(XML_EDITS))
        data = _rezip(data, SHEET, lambda raw: edit(raw.decode()).encode())
    else:
        at = draw(st.integers(0, len(data) - 1))
        if draw(st.booleans()):
            data = data[:at]
        else:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    event(f"workbook: {kind}")
    return data


TARGETS = ["absent"] * 5 + ["file", "read-only", "link", "dangling", "pipe", "dir", "input"]
"""What is at the output path before the command runs."""
REFUSED = {"read-only", "link", "dangling", "pipe", "dir", "input"}
"""Targets no command may write: it must fail without touching them."""


def _make_target(folder: Path, name: str, kind: str, input_name: str) -> str:
    """Put a ``kind`` of thing at ``folder/name`` and return the path to pass as -o."""
    path = folder / name
    if kind == "file":
        path.write_bytes(b"old")
        os.chmod(path, 0o600)
    elif kind == "read-only":
        path.write_bytes(b"old")
        os.chmod(path, 0o444)
    elif kind == "link":
        (folder / "elsewhere").write_bytes(b"elsewhere")
        os.symlink("elsewhere", path)
    elif kind == "dangling":
        os.symlink("nowhere", path)
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "dir":
        path.mkdir()
    elif kind == "input":
        return str(folder / input_name)
    return str(path)


def _on_alarm(_signum: int, _frame: object) -> None:
    raise Hang


def _invoke(label: str, args: list[str]) -> Any:
    """Run the command with a hang alarm; count it and its time."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(HANG_SECONDS)
    start = time.perf_counter()
    try:
        result = CliRunner().invoke(main, args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - start
    STATS[f"{label} exit {result.exit_code}"] += 1
    SLOWEST[label] = max(SLOWEST.get(label, 0.0), elapsed)
    event(f"{label} exit {result.exit_code}")
    return result


def _assert_clean(
    result: Any, before: dict[str, object], folder: Path, output: str | None, target: str
) -> None:
    """The invariants of the module docstring, for one command writing ``output`` over a
    ``target`` (one of TARGETS)."""
    assert result.exit_code in (0, 1, 2), result.output
    if output is not None and target in REFUSED:
        assert result.exit_code != 0, (target, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    after = folder_state(folder)
    changed = {name for name in before if after.get(name) != before[name]}
    added = set(after) - set(before)
    if result.exit_code != 0:
        assert result.output.strip()
        assert not changed and not added, (changed, added, result.output)
        return
    written = {str(Path(output).relative_to(folder))} if output and output != "-" else set()
    extra = {name for name in added if name not in written and name != "perfgen.schema.json"}
    assert not extra, (extra, result.output)  # no temporary or stray file
    assert changed <= written, (changed, result.output)  # only the output is replaced
    for name in written:
        assert (folder / name).is_file() and (folder / name).stat().st_size > 0
        if target == "file":  # an existing file keeps its mode
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    """Write the counts and the peak memory when PERFGEN_FUZZ_REPORT names a file."""
    yield
    target = os.environ.get("PERFGEN_FUZZ_REPORT")
    if target:
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        summary = {
            "examples_per_command": dict(sorted(STATS.items())),
            "slowest_seconds": {k: round(v, 3) for k, v in sorted(SLOWEST.items())},
            "peak_rss_mb": round(peak_kb / 1024, 1),
        }
        Path(target).write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


FORMATS = ["md"] * 4 + ["html"] * 2 + ["docx"] * 4 + (["pdf"] if office_program() else [])
"""Output formats of render; a PDF costs a LibreOffice conversion, so it is drawn seldom."""
YAML_COMMANDS = ["render", "render", "render", "check", "table", "rollover", "init", "schema"]


SHRINK = bool(os.environ.get("PERFGEN_FUZZ_SHRINK"))
"""Shrink a failing example (minutes on these inputs); by default a failure is shown at once,
as found, so that the real error is not hidden behind a long shrink."""


def _fuzz_settings(share: float) -> Callable[[Any], Any]:
    phases = tuple(Phase) if SHRINK else tuple(p for p in Phase if p is not Phase.shrink)
    return settings(
        max_examples=max(1, int(TOTAL * share)),
        deadline=None,
        phases=phases,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
        database=None,
    )


@_fuzz_settings(0.7)
@given(
    raw=mutated(),
    command=st.sampled_from(YAML_COMMANDS),
    fmt=st.sampled_from(FORMATS),
    target=st.sampled_from(TARGETS),
    unit=st.sampled_from(["", "测试办公室", "【待填写】", "A&B_C*\x0b办", "=1+1", "长" * 300]),
    year=st.sampled_from(["", "2024", "1989", "2101", "二〇二四"]),
)
def test_every_command_on_mutated_yaml(
    raw: bytes, command: str, fmt: str, target: str, unit: str, year: str
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "dept.yaml"
        source.write_bytes(raw)
        suffix = {
            "render": fmt,
            "table": "xlsx",
            "rollover": "yaml",
            "init": "yaml",
            "schema": "json",
        }
        if target == "input" and command in ("init", "schema"):
            target = "file"  # they read no input: another existing file
        output = _make_target(folder, f"out.{suffix.get(command, 'x')}", target, "dept.yaml")
        args = {
            "render": ["render", str(source), "-o", output],
            "check": ["check", str(source)],
            "table": ["table", str(source), "-o", output],
            "rollover": ["rollover", str(source), "-o", output],
            "init": ["init", "-o", output]
            + (["--unit", unit] if unit else [])
            + (["--year", year] if year else []),
            "schema": ["schema", "-o", output],
        }[command]
        before = folder_state(folder)
        result = _invoke(f"{command}{'-' + fmt if command == 'render' else ''}", args)
        _assert_clean(result, before, folder, None if command == "check" else output, target)
        if command == "rollover" and result.exit_code == 0:
            # a draft perfgen writes always reads back: check may list what to fill, never crash
            again = _invoke("check-draft", ["check", output])
            assert again.exception is None or isinstance(again.exception, SystemExit)
            assert again.exit_code in (0, 1) and "Traceback" not in again.output


@_fuzz_settings(0.3)
@given(
    workbook=mutated_workbook(),
    command=st.sampled_from(["render-md", "render-docx", "check", "table", "named-by-yaml"]),
    target=st.sampled_from(TARGETS),
)
def test_every_workbook_command_on_mutated_workbooks(
    workbook: bytes, command: str, target: str
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        scores = folder / "scores.xlsx"
        scores.write_bytes(workbook)
        text = FIXTURE.read_text(encoding="utf-8")
        source = folder / "dept.yaml"
        if command == "named-by-yaml":
            table = text[text.index("  table:") : text.index("problems:")]
            text = text.replace(table, "  table: {xlsx: scores.xlsx}\n")
        source.write_text(text, encoding="utf-8")
        suffix = {"render-md": "md", "render-docx": "docx", "table": "xlsx"}.get(command, "md")
        output = _make_target(folder, f"out.{suffix}", target, "scores.xlsx")
        scores_option = ["--scores", str(scores)]
        args = {
            "render-md": ["render", str(source), *scores_option, "-o", output],
            "render-docx": ["render", str(source), *scores_option, "-o", output],
            "check": ["check", str(source), *scores_option],
            "table": ["table", str(source), *scores_option, "-o", output],
            "named-by-yaml": ["render", str(source), "-o", output],
        }[command]
        before = folder_state(folder)
        result = _invoke(f"xlsx-{command}", args)
        _assert_clean(result, before, folder, None if command == "check" else output, target)
