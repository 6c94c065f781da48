"""Property tests over the hostile cases of issue 23 that are not the readers' own: template
overrides, explicit YAML tags and tabs, import's YAML writer, batches (names, the summary's name,
interruption), the preview server's Host check, and malformed workbooks.

Every input is generated here. For every example:

* the exit code is 0 or 1, with no exception and no traceback;
* a failure prints a message and writes nothing: the folder holds exactly what it held;
* no temporary file is left behind;
* and each part's own property: a template never reaches Python (no ``uid=`` in any output) and
  fails at ``template:line``; check and rollover refuse the same YAML with the same message; a
  YAML that import writes loads and validates; a batch's manifest names only files that exist
  and its summary is never a unit's; the Host check accepts exactly this server; a malformed
  cell is named, never called an unreadable workbook;
* a command that runs longer than :data:`HANG_SECONDS` is a hang.

CI runs :data:`CI_EXAMPLES` examples in all. ``PERFGEN_HOSTILE_EXAMPLES=5000`` runs that many
(shared the same way); ``PERFGEN_HOSTILE_REPORT=path.json`` writes the counts and the peak
memory when the module ends.
"""

from __future__ import annotations

import email.message
import io
import json
import os
import re
import tempfile
import types
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import DATA, Harness, folder_state
from hypothesis import event, given
from hypothesis import strategies as st

from perfgen.batch import Interrupted, Options, plan, run
from perfgen.batch.manifest import MANIFEST
from perfgen.cli import main
from perfgen.errors import InputError
from perfgen.input.loader import load_file
from perfgen.input.validation import validate
from perfgen.serve.preview import _Handler

CI_EXAMPLES = 200
TOTAL = int(os.environ.get("PERFGEN_HOSTILE_EXAMPLES", CI_EXAMPLES))
HANG_SECONDS = 30
NPC = DATA / "nansha-npc-office-2023.yaml"
FIXTURE = Path(__file__).parent / "fixtures" / "with-table.yaml"
TEXT = Path(__file__).parent / "fixtures" / "published-text" / "nansha-npc-office-2023.txt"
NOT_UTF8 = os.fsdecode(b"\xff\xfe")

TEMPLATE_PIECES = [
    "{{ year }}年{{ subject }}。\n",
    "{% for i in range(3) %}{{ loop.index|num }}{% endfor %}\n",
    "{% include 'sentences/income.md.jinja' %}\n",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ report|attr('__class__') }}",
    "{{ report.model_fields }}",
    "{{ ''.__class__.mro() }}",
    "{{ [1].append(2) }}",
    "{{ 'x' * 1000000000 }}",
    "{{ [1, 2] * 100000000 }}",
    "{{ (2 ** 100000) * (2 ** 100000) }}",
    "{% for i in range(10**8) %}{% endfor %}",
    "{% for i in range(3000) %}{% for j in range(3000) %}{% endfor %}{% endfor %}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}",
    "{{ '{:>1000000000}'.format('x') }}",
    "{{ '%.999999999f' % 1 }}",
    "{{ 'x'|center(1000000000) }}",
    "{{ ('x' * 1000000)|replace('x', 'x' * 100) }}",
    "{{ ('a\n' * 100000)|indent(1000) }}",
    "{{ (['x' * 1000] * 100000)|join('y' * 1000) }}",
    "{{ lipsum(5) }}",
    "{{ 1 / 0 }}",
    '{% include "report.md.jinja" %}',
    '{% include "../../etc/passwd" %}',
    "{{ ((((((((((1)))))))))) }}",
    "{% for %}",
    "{{ 'a' ~ }}",
    "{{ figures }}",
]


HARNESS = Harness(TOTAL, "PERFGEN_HOSTILE_REPORT", HANG_SECONDS)
_invoke, _assert_clean, _fuzz = HARNESS.invoke, HARNESS.assert_clean, HARNESS.settings


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    """Write the counts and the peak memory when PERFGEN_HOSTILE_REPORT names a file."""
    yield
    HARNESS.report()


@_fuzz(0.3)
@given(
    pieces=st.lists(st.sampled_from(TEMPLATE_PIECES), min_size=1, max_size=3),
    name=st.sampled_from(["report.md.jinja", "sentences/income.md.jinja"]),
    linked=st.booleans(),
    command=st.sampled_from(["render-md", "render-md", "render-docx", "lint"]),
)
def test_template_overrides(pieces: list[str], name: str, linked: bool, command: str) -> None:
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        templates = folder / "tpl"
        (templates / "sentences").mkdir(parents=True)
        (folder / "secret.md.jinja").write_text("机密", encoding="utf-8")
        (templates / name).write_text("\n".join(pieces), encoding="utf-8")
        if linked:
            (templates / "sentences" / "scope.md.jinja").symlink_to(folder / "secret.md.jinja")
        out = folder / ("out.docx" if command == "render-docx" else "out.md")
        args = {
            "lint": ["templates", "lint", str(templates), "--no-pdf"],
            "render-md": ["render", str(NPC), "--templates", str(templates), "-o", str(out)],
            "render-docx": ["render", str(NPC), "--templates", str(templates), "-o", str(out)],
        }[command]
        before = folder_state(folder)
        result = _invoke(f"template-{command}", args)
        _assert_clean(result, before, folder)
        assert "uid=" not in result.output and "机密" not in result.output
        if command != "lint" and result.exit_code == 1:
            assert re.match(r"错误：模板 [\w/.]+(:\d+)?: ", result.stderr), result.stderr
        if out.suffix == ".md" and out.exists():
            assert "uid=" not in out.read_text(encoding="utf-8")


TAGGED = [
    "!!timestamp 15",
    "!!bool 5",
    '!!int ""',
    "!!null x",
    "!!float abc",
    "!!binary aGk=",
    "!!str 5",
    "!!int 2023",
    "!!set {a}",
    "!!python/name:os.system",
]


@_fuzz(0.15)
@given(
    line=st.integers(0, 400),
    how=st.sampled_from(["tag", "tab", "tab-quoted", "u2028"]),
    tag=st.sampled_from(TAGGED),
)
def test_check_and_rollover_agree(line: int, how: str, tag: str) -> None:
    lines = NPC.read_text(encoding="utf-8").splitlines(keepends=True)
    plain = [n for n, text in enumerate(lines) if re.match(r"^\s*[\w]+: [^\s'\"|>&*!#\[{]", text)]
    at = plain[line % len(plain)]
    key, value = lines[at].split(": ", 1)
    value = {
        "tag": f"{tag}\n",
        "tab": value.replace(value[0], value[0] + "\t", 1),
        "tab-quoted": '"' + value.rstrip("\n").replace('"', "") + '\t"\n',
        "u2028": '"甲\u2028乙"\n',
    }[how]
    lines[at] = f"{key}: {value}"
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        source = folder / "dept.yaml"
        source.write_text("".join(lines), encoding="utf-8")
        before = folder_state(folder)
        checked = _invoke("yaml-check", ["check", str(source)])
        _assert_clean(checked, before, folder)
        rolled = _invoke("yaml-rollover", ["rollover", str(source), "-o", str(folder / "n.yaml")])
        _assert_clean(rolled, before, folder)
        try:
            validate(load_file(source))
        except InputError as exc:
            first = str(exc.problems[0])
            assert checked.exit_code == rolled.exit_code == 1
            assert first in checked.output and first in rolled.output
        else:
            assert rolled.exit_code == 0, rolled.output


HOSTILE_CHARACTERS = ["\u2028", "\u2029", "\uffff", "\ufffe", "\x85", "\x0b", "\x1b", "\u200f"]


@_fuzz(0.15)
@given(
    places=st.lists(st.integers(0, 10**6), min_size=1, max_size=6),
    characters=st.lists(st.sampled_from(HOSTILE_CHARACTERS), min_size=1, max_size=6),
    not_utf8=st.booleans(),
)
def test_import_writes_only_what_perfgen_reads(
    places: list[int], characters: list[str], not_utf8: bool
) -> None:
    text = TEXT.read_text(encoding="utf-8")
    between = [n for n in range(1, len(text)) if _cjk(text[n - 1]) and _cjk(text[n])]
    for place, character in zip(places, characters, strict=False):
        n = between[place % len(between)]
        text = text[:n] + character + text[n:]
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        report = folder / (f"{NOT_UTF8}.txt" if not_utf8 else "report.txt")
        report.write_text(text, encoding="utf-8")
        target = folder / "out.yaml"
        before = folder_state(folder)
        result = _invoke("import", ["import", str(report), "-o", str(target)])
        _assert_clean(result, before, folder)
        if result.exit_code == 0 or target.exists():
            validate(load_file(target))  # never a file perfgen itself refuses


def _cjk(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


@_fuzz(0.15)
@given(
    names=st.lists(
        st.sampled_from(["甲", "汇总", NOT_UTF8, "a b", "乙-2023", "汇总单位"]),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    kinds=st.lists(st.sampled_from(["npc", "table", "broken"]), min_size=4, max_size=4),
    formats=st.sampled_from([("docx",), ("md", "xlsx"), ("docx", "xlsx")]),
    stop_at=st.integers(0, 5),
)
def test_batches(
    names: list[str], kinds: list[str], formats: tuple[str, ...], stop_at: int
) -> None:
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        source = folder / "in"
        source.mkdir()
        for name, kind in zip(names, kinds, strict=False):
            path = source / f"{name}.yaml"
            if kind == "broken":
                path.write_text("year: !!timestamp 15\n", encoding="utf-8")
            else:
                path.write_bytes((FIXTURE if kind == "table" else NPC).read_bytes())
        out = folder / "out"
        units = plan([source])
        seen: list[str] = []

        def progress(outcome: Any) -> None:
            seen.append(outcome.name)
            if len(seen) == stop_at:
                raise KeyboardInterrupt

        try:
            outcomes = run(units, out, Options(formats), 1, progress)
            event("batch finished")
            summary = json.loads((out / "汇总.json").read_text(encoding="utf-8"))
            assert len(summary["units"]) == len(units)
            assert {o.name for o in outcomes if "汇总.xlsx" in o.outputs} == set()
        except Interrupted as stop:
            event("batch interrupted")
            assert stop.done <= stop_at <= len(units)
        made = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["units"]
        assert all((out / n).is_file() for entry in made.values() for n in entry["outputs"])
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
        again = run(units, out, Options(formats), 1)
        failed = {o.name for o in again if o.status == "failed"}
        assert failed <= {
            name
            for name, kind in zip(names, kinds, strict=False)
            if kind == "broken" or (name == "汇总" and kind == "table" and "xlsx" in formats)
        }
        HARNESS.stats[f"batch units {len(units)}"] += 1


HOSTS = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda host, sep, port, tail: f"{host}{sep}{port}{tail}",
        st.sampled_from(["127.0.0.1", "localhost", "LOCALHOST", "127.0.0.2", "evil.com", ""]),
        st.sampled_from([":", "", "::", ":+"]),
        st.sampled_from(["8123", "8124", "0", "08123", "evil", "", "8123 "]),
        st.sampled_from(["", "@evil.com", ".evil.com", "/", " ", "\t"]),
    ),
)


@_fuzz(0.15)
@given(host=HOSTS, twice=st.booleans())
def test_the_host_check_accepts_exactly_this_server(host: str, twice: bool) -> None:
    headers = email.message.Message()
    headers["Host"] = host
    if twice:
        headers["Host"] = host
    server = types.SimpleNamespace(server_address=("127.0.0.1", 8123))
    handler = types.SimpleNamespace(headers=headers, server=server)
    accepted = _Handler._local(handler)  # type: ignore[arg-type]
    HARNESS.stats[f"host {'accepted' if accepted else 'refused'}"] += 1
    assert accepted == (not twice and host.lower() in ("127.0.0.1:8123", "localhost:8123"))


def _workbook() -> bytes:
    with tempfile.TemporaryDirectory() as root:
        path = Path(root, "t.xlsx")
        assert CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(path)]).exit_code == 0
        return path.read_bytes()


BASE_WORKBOOK = _workbook()
SHEET = "xl/worksheets/sheet1.xml"
CELL_XML = [
    '<c r="{ref}" t="n"><v>NaN</v></c>',
    '<c r="{ref}" t="n"><v>1,5</v></c>',
    '<c r="{ref}" t="n"><v>inf</v></c>',
    '<c r="{ref}" t="s"><v>999</v></c>',
    '<c r="{ref}" t="b"><v>x</v></c>',
    '<c r="{ref}" t="d"><v>2023-13-45</v></c>',
    '<c r="{ref}" s="x"><v>1</v></c>',
    '<c r="{ref}"><v>1e400</v></c>',
]
MERGE_REFS = ["B9:", "%%", "A0:B1", "XFE1:XFE2", "B9:A1", "A:A", "1:1", ""]


@_fuzz(0.1)
@given(
    cells=st.lists(
        st.tuples(st.sampled_from("ABCDEFGHIJK"), st.integers(1, 20), st.sampled_from(CELL_XML)),
        max_size=3,
    ),
    merge=st.one_of(st.none(), st.sampled_from(MERGE_REFS)),
    far=st.booleans(),
    many_merges=st.sampled_from([0, 0, 20_000]),
)
def test_malformed_workbooks_are_named_by_cell(
    cells: list[tuple[str, int, str]], merge: str | None, far: bool, many_merges: int
) -> None:
    def edit(raw: bytes) -> bytes:
        xml = raw.decode()
        for column, row, cell in cells:
            ref = f"{column}{row}"
            new = cell.format(ref=ref)
            xml, found = re.subn(f'<c r="{ref}"[^>]*?(/>|>.*?</c>)', new, xml, count=1)
            if not found:
                xml = xml.replace("</sheetData>", f'<row r="{row + 30}">{new}</row></sheetData>')
        if merge is not None:
            xml = xml.replace('<mergeCell ref="B9:B10"/>', f'<mergeCell ref="{merge}"/>')
        extra = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(100, 100 + many_merges))
        xml = re.sub(r'<mergeCells count="\d+">', "<mergeCells>" + extra, xml)
        if far:
            row = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            xml = xml.replace("</sheetData>", row + "</sheetData>")
        return xml.encode()

    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        scores = folder / "s.xlsx"
        scores.write_bytes(_rezip(BASE_WORKBOOK, edit))
        out = folder / "out.md"
        before = folder_state(folder)
        result = _invoke(
            "workbook", ["render", str(FIXTURE), "--scores", str(scores), "-o", str(out)]
        )
        _assert_clean(result, before, folder)
        assert "不是可读取的 Excel" not in result.output
        if result.exit_code == 1:  # a bad cell named, or what check finds in the table read
            assert re.search(r"自评表(![A-Z]+\d+)?: |错误\[", result.output), result.output


def _rezip(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, edit(content) if item.filename == SHEET else content)
    return out.getvalue()
