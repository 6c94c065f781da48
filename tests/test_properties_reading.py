"""Property tests over the readers of issue 23: ``perfgen import`` and ``perfgen audit`` on
mutated published texts, on Word files built by python-docx and then mutated (spans, merges,
namespaces, a missing body, cut or flipped bytes), and on PDF files written by hand and then
mutated.

Every input is generated here. For every example, as in ``test_properties_hostile.py``:

* the exit code is 0 or 1, with no exception and no traceback;
* a failure prints a message and writes nothing: the folder holds exactly what it held;
* no temporary file is left behind;
* a command that runs longer than :data:`HANG_SECONDS` is a hang.

CI runs :data:`CI_EXAMPLES` examples in all. ``PERFGEN_READER_EXAMPLES=5000`` runs that many
(shared the same way); ``PERFGEN_READER_REPORT=path.json`` writes the counts and the peak
memory when the module ends.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import Harness, folder_state, pdf_bytes
from hypothesis import given
from hypothesis import strategies as st

CI_EXAMPLES = 60
TOTAL = int(os.environ.get("PERFGEN_READER_EXAMPLES", CI_EXAMPLES))
HANG_SECONDS = 30
TEXTS = sorted((Path(__file__).parent / "fixtures" / "published-text").glob("*.txt"))

NUMBERS = [
    "0",
    "0.0",
    "100",
    "100000000000",
    "1000000000",
    "1" + "0" * 29,
    "9" * 5000,
    "99.99999999999999999999",
    "0.00000000000000000001",
    "1.5",
]
SNIPPETS = [
    "同比下降100%",
    "同比下降99.99999999999999999999%",
    "同比增长100%",
    "指标完成率为0%",
    "指标完成率为0.0%",
    "培训人数100000000000人次，指标完成率为1%",
    "培训人数1人次，指标完成率为100000000%",
    "固定资产原值99999999999999999999万元，利用率为100000%",
    "较上年提高99999999999999999999个百分点",
    "\u2028",
    "\uffff",
    "\x00",
    "一、",
    "（一）",
    "\n\n\n",
]


HARNESS = Harness(TOTAL, "PERFGEN_READER_REPORT", HANG_SECONDS)
_invoke, _assert_clean, _fuzz = HARNESS.invoke, HARNESS.assert_clean, HARNESS.settings


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    """Write the counts and the peak memory when PERFGEN_READER_REPORT names a file."""
    yield
    HARNESS.report()


def _run(label: str, name: str, data: bytes, command: str) -> None:
    """``import`` or ``audit`` of ``data`` saved as ``name`` in a fresh folder, checked."""
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        path = folder / name
        path.write_bytes(data)
        args = (
            ["import", str(path), "-o", str(folder / "out.yaml")]
            if command == "import"
            else ["audit", str(path)]
        )
        before = folder_state(folder)
        result = _invoke(f"{label}-{command}", args)
        _assert_clean(result, before, folder)


_mutation = st.one_of(
    st.tuples(st.just("number"), st.integers(0, 10_000), st.sampled_from(NUMBERS)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.sampled_from(SNIPPETS)),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 400)),
)


def _mutated(text: str, mutations: list[tuple[str, int, Any]]) -> str:
    import re

    for kind, at, what in mutations:
        if kind == "number":
            found = list(re.finditer(r"\d+(?:\.\d+)?", text))
            if found:
                match = found[at % len(found)]
                text = text[: match.start()] + what + text[match.end() :]
        elif kind == "insert":
            at %= len(text) + 1
            text = text[:at] + what + text[at:]
        else:
            at %= len(text) + 1
            text = text[:at] + text[at + what :]
    return text


@_fuzz(0.5)
@given(
    sample=st.sampled_from(TEXTS),
    mutations=st.lists(_mutation, min_size=1, max_size=4),
    command=st.sampled_from(["import", "audit"]),
    encoding=st.sampled_from(["utf-8", "utf-8", "gb18030"]),
)
def test_mutated_texts(
    sample: Path, mutations: list[tuple[str, int, Any]], command: str, encoding: str
) -> None:
    text = _mutated(sample.read_text(encoding="utf-8"), mutations)
    _run("text", "report.txt", text.encode(encoding, errors="replace"), command)


_WORD: list[bytes] = []


def _word() -> bytes:
    """A small Word report built once by python-docx: the start of a sample text as
    paragraphs, then an indicator table."""
    if not _WORD:
        import docx

        document = docx.Document()
        for line in TEXTS[-1].read_text(encoding="utf-8").splitlines()[:60]:
            document.add_paragraph(line)
        table = document.add_table(rows=3, cols=5)
        for r, row in enumerate(
            [
                ["指标名称", "指标性质", "年度指标值", "实际完成值", "指标完成率"],
                ["业务岗位培训人数", "≥", "80人次", "88人次", "110%"],
                ["信息稿件", "≥", "15篇", "20篇", "133%"],
            ]
        ):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        out = io.BytesIO()
        document.save(out)
        _WORD.append(out.getvalue())
    return _WORD[0]


XML_EDITS = [
    ("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="300000000"/></w:tcPr>'),
    ("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr>'),
    ("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="x"/></w:tcPr>'),
    ("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="-1"/></w:tcPr>'),
    ("<w:tc>", "<w:tc><w:tcPr><w:vMerge/></w:tcPr>"),
    ("<w:tc>", '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'),
    ("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="70"/></w:trPr>'),
    ("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="q"/></w:trPr>'),
    ("</w:tc>", "</w:tc></w:tr><w:tr>"),
    ("<w:body>", ""),
    ("</w:body>", ""),
    (
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ),
    ("<w:t>", "<w:t>9" + "9" * 40),
    ("<w:p>", '<w:p><w:pPr><w:pStyle w:val="Nothing"/></w:pPr>'),
    ("<w:t>", "<w:t>同比下降100%"),
    ("w:val", "w:vax"),
    ("<w:tbl>", "<w:tbl><w:tbl>"),
]


def _edit_word(data: bytes, edits: list[tuple[int, int]], rows: int, damage: int) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {item.filename: source.read(item) for item in source.infolist()}
    xml = members["word/document.xml"].decode()
    for which, at in edits:
        old, new = XML_EDITS[which]
        places = [n for n in range(len(xml)) if xml.startswith(old, n)][:50]
        if places:
            n = places[at % len(places)]
            xml = xml[:n] + new + xml[n + len(old) :]
    if rows:  # many rows copied from the table's last one
        start = xml.rfind("<w:tr")
        end = xml.find("</w:tr>", start) + len("</w:tr>")
        if 0 <= start < end:
            xml = xml[:end] + xml[start:end] * rows + xml[end:]
    members["word/document.xml"] = xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    raw = out.getvalue()
    if damage:  # a byte changed or the file cut short
        at = damage % len(raw)
        raw = raw[:at] if damage % 2 else raw[:at] + bytes([raw[at] ^ 0x55]) + raw[at + 1 :]
    return raw


@_fuzz(0.3)
@given(
    edits=st.lists(st.tuples(st.integers(0, len(XML_EDITS) - 1), st.integers(0, 100)), max_size=4),
    rows=st.sampled_from([0, 0, 0, 3_000, 6_000]),
    damage=st.sampled_from([0, 0, 0]) | st.integers(1, 10**6),
    command=st.sampled_from(["import", "audit"]),
)
def test_word_files(edits: list[tuple[int, int]], rows: int, damage: int, command: str) -> None:
    _run("word", "report.docx", _edit_word(_word(), edits, rows, damage), command)


SECOND_PAGES = [
    b"",
    b"42",
    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 0 0]/Contents 99 0 R>>",
    b"<</Type/Page/Parent 2 0 R/Contents 3 0 R>>",
    b"<</Type/Pages/Kids[2 0 R]/Count 1>>",
    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 1e30 1e30]>>",
]


@_fuzz(0.2)
@given(
    text=st.sampled_from([b"Report 2023", b"1" * 30, b"(", b"\\\\", b""]),
    second=st.sampled_from(SECOND_PAGES),
    damage=st.sampled_from([0, 0]) | st.integers(1, 10**5),
    command=st.sampled_from(["import", "audit"]),
)
def test_pdf_files(text: bytes, second: bytes, damage: int, command: str) -> None:
    pytest.importorskip("pypdfium2")
    raw = pdf_bytes(text, second)
    if damage:
        at = damage % len(raw)
        raw = raw[:at] if damage % 2 else raw[:at] + bytes([raw[at] ^ 0x55]) + raw[at + 1 :]
    _run("pdf", "report.pdf", raw, command)
