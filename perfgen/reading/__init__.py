"""Reading a published report (Word, PDF or its extracted text) back into perfgen's input.

``perfgen import`` and ``perfgen audit`` share one reading, in four steps:

1. :mod:`~perfgen.reading.source` reads the file into paragraphs (:class:`Block`), each with
   its page and number, removing what PDF extraction adds: page numbers, running headers, line
   breaks inside paragraphs, spaces between Chinese characters and digits;
2. :mod:`~perfgen.reading.outline` finds the headings by their numbering (一、 （一） 1. （1）,
   run-in headings included), the outline preset and any section title that differs from it;
3. :mod:`~perfgen.reading.sentences` recognizes the standard sentences and takes their figures
   into the structured fields, each with the sentence it came from;
4. :mod:`~perfgen.reading.assemble` places everything else as narrative in its section and
   writes the YAML (with a comment quoting the source of every figure).

Every step keeps where each piece came from, so that ``audit`` can point a finding at the
page and paragraph of the source document.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perfgen.input.validation import Input
    from perfgen.reading.assemble import Imported


MAX_INDICATORS = 200
"""Most indicators read from a published report (one lists ten to forty): ``audit``'s checks
match each rate a sentence states against every indicator's name, so their cost grows with
the square of this."""


def read_report(path: Path, *, infer: bool = True) -> Imported:
    """A published report (.docx, .pdf or text) read back into perfgen's input.

    Args:
        path: The report file.
        infer: Work out what it implies but does not state (for ``import``); ``audit`` reads
            without inferring.

    Raises:
        InputError: the file cannot be read (see :func:`perfgen.reading.source.read_blocks`),
            has neither a report's title nor its outline (no 一、 part), or states more than
            :data:`MAX_INDICATORS` indicators.
    """
    from perfgen.errors import InputError
    from perfgen.locations import Problem
    from perfgen.reading.assemble import assemble
    from perfgen.reading.outline import outline
    from perfgen.reading.source import read_source

    read = read_source(path)
    found = outline(read.blocks, [text for text, _ in read.left_out])
    if not found.parts and not found.title:
        message = (
            "找不到报告的提纲（“一、部门基本情况”等一级标题）或标题（“…绩效自评报告”），"
            "不像部门整体支出绩效自评报告"
        )
        raise InputError([Problem(str(path), 0, 0, "", message)])
    imported = assemble(found, infer=infer)
    indicators = imported.data.get("evaluation", {}).get("duty_effectiveness", {})
    if len(indicators.get("indicators", [])) > MAX_INDICATORS:
        path_of = ("evaluation", "duty_effectiveness", "indicators", MAX_INDICATORS)
        block = imported.origins.get(path_of)
        where = block.where() if block is not None else ""
        message = f"报告的绩效指标超过可读取的 {MAX_INDICATORS} 个上限"
        raise InputError([Problem(str(path), 0, 0, where, message)])
    imported.left_out = [
        *read.left_out,
        *((block.text, why) for block, why in found.front.left_out),
        *((block.text, "目录") for block in found.contents),
    ]
    imported.source = read.blocks
    return imported


def validated(imported: Imported, path: Path, *, fields: bool = True) -> Input:
    """A report read back, validated as a YAML input is, each value placed in the report
    (:attr:`perfgen.input.loader.Source.places`).

    Args:
        imported: What the reader found.
        path: The report, for messages.
        fields: Whether a problem names the YAML field beside its place in the report (the
            clerk's ``import`` does; a reviewer's ``audit`` reads only the report).

    Raises:
        InputError: what was read does not validate; each problem names the paragraph (and
            page) of the report it comes from, else its field (when ``fields``).
    """
    from perfgen.errors import InputError
    from perfgen.input.validation import validate
    from perfgen.locations import Problem, Source, undotted

    places = {key: block.where() for key, block in imported.origins.items()}
    ends = max(imported.source, key=lambda b: b.number).where() if imported.source else ""
    places.update({("document", n): block.where() for n, block in enumerate(imported.source)})
    contents = {id(block) for block in imported.outline.contents}
    source = Source(
        str(path),
        imported.data,
        places=places,
        document=tuple(block.text for block in imported.source),
        contents=tuple(n for n, b in enumerate(imported.source) if id(b) in contents),
        left_out=tuple(imported.left_out),
        ends=ends,
    )
    try:
        return validate(source)
    except InputError as exc:
        problems = []
        for problem in exc.problems:
            where = source.where(undotted(problem.path))
            if not fields:
                path_or_place = where
            else:
                path_or_place = f"{where}（{problem.path}）" if where else problem.path
            problems.append(Problem(str(path), 0, 0, path_or_place, problem.message))
        raise InputError(problems) from None


def import_report(path: Path, target: Path, *, force: bool = False) -> Imported:
    """Read a published report and write it as a YAML input file (``perfgen import``), with
    ``perfgen.schema.json`` beside it when absent.

    A report whose year cannot be found is still written, with ``year: 【待填写】`` (the
    clerk fills it in before ``check`` and ``render``).

    Raises:
        InputError: the report cannot be read (:func:`read_report`).
        OutputError: ``target`` exists (without ``force``), is the report itself, or cannot be
            written.
    """
    from dataclasses import replace

    from perfgen.errors import OutputError
    from perfgen.files import refuse_inputs, write_atomic
    from perfgen.input.schema import SCHEMA_FILE, schema_text
    from perfgen.reading.yaml_out import yaml_text

    refuse_inputs(target, path)
    if target.exists() and not force:
        raise OutputError(f"{target} 已存在，未覆盖；如确要覆盖，请加 --force")
    imported = read_report(path)
    probe = imported
    if not isinstance(imported.data.get("year"), int):  # the clerk fills the year in
        probe = replace(imported, data={**imported.data, "year": 2000})
    validated(probe, path)  # what does not validate is said now, and nothing is written
    write_atomic(yaml_text(imported, path.name).encode("utf-8"), target)
    schema = target.parent / SCHEMA_FILE
    if not schema.exists():
        write_atomic(schema_text().encode("utf-8"), schema)
    return imported
