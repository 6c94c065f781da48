"""What a batch is: its units (the inputs found from files, folders and patterns) and the
options every unit is rendered with."""

from __future__ import annotations

import glob
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from perfgen.errors import InputError
from perfgen.locations import Problem


@dataclass(frozen=True)
class Options:
    """What every unit of a batch is rendered with.

    Attributes:
        formats: Some of :data:`perfgen.formats.FORMATS`.
        templates: A unit's template folder, or ``None``.
        reference_doc: A unit's Word style file, or ``None``.
        strict: Warnings stop a unit as errors do.
        force: Render units even when nothing changed.
        settings: A shared settings file for every unit (:mod:`perfgen.input.shared_settings`),
            else each unit's own ``settings_file``.
    """

    formats: tuple[str, ...] = ("docx",)
    templates: Path | None = None
    reference_doc: Path | None = None
    strict: bool = False
    force: bool = False
    settings: Path | None = None


@dataclass(frozen=True)
class Unit:
    """One input of a batch: its file and the stem its outputs are named by."""

    source: Path
    name: str


def plan(inputs: Sequence[str | Path]) -> list[Unit]:
    """The units of a batch: files, directories (their ``*.yaml``) and glob patterns.

    Outputs are named by each input's file name; inputs of the same name in different folders
    get their folder's name in front (``区甲-dept``, ``区乙-dept``).

    Raises:
        InputError: an input names nothing, or nothing is found at all.
    """
    found: list[Path] = []
    problems = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            matches = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
        elif path.is_file():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(str(given), recursive=True))
        if not matches:
            problems.append(Problem(str(given), 0, 0, "", "没有找到 YAML 数据文件"))
        found += [m for m in matches if m.resolve() not in {f.resolve() for f in found}]
    if problems:
        raise InputError(problems)
    stems = [p.stem for p in found]
    return [
        Unit(p, f"{p.parent.name}-{p.stem}" if stems.count(p.stem) > 1 else p.stem) for p in found
    ]
