"""What a batch is: its units (the inputs found from files, folders and patterns) and the
options every unit is rendered with."""

from __future__ import annotations

import glob
from collections import Counter
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


YAML_SUFFIXES = (".yaml", ".yml")
"""The files a batch takes from a folder."""


def plan(
    inputs: Sequence[str | Path],
    suffixes: Sequence[str] = YAML_SUFFIXES,
    nothing: str = "没有找到 YAML 数据文件",
) -> list[Unit]:
    """The units of a batch: files, directories (their files ending in one of ``suffixes``)
    and glob patterns (what they match, of those suffixes when they match a folder's files).

    Outputs are named by each input's file name; inputs of the same name in different folders
    get their folder's name in front (``区甲-dept``, ``区乙-dept``), and inputs of the same
    name in one folder their suffix behind (``dept-docx``, ``dept-pdf``).

    Args:
        inputs: Files, folders and patterns, as given.
        suffixes: The files taken from a folder (lower case, with the dot).
        nothing: What to say of an input that names nothing (Chinese).

    Raises:
        InputError: an input names nothing, or nothing is found at all.
    """
    found: list[tuple[Path, Path]] = []  # as given, resolved
    seen: set[Path] = set()
    resolved: dict[Path, Path] = {}
    problems = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            matches = [p for s in suffixes for p in sorted(path.glob(f"*{s}"))]
        elif path.is_file():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(str(given), recursive=True))
            if suffixes != YAML_SUFFIXES:
                matches = [m for m in matches if m.suffix.lower() in suffixes]
        if not matches:
            problems.append(Problem(str(given), 0, 0, "", nothing))
        for match in matches:
            real = _resolved(match, resolved)
            if real not in seen:
                seen.add(real)
                found.append((match, real))
    if problems:
        raise InputError(problems)
    folders: dict[str, set[Path]] = {}
    for p, real in found:
        folders.setdefault(p.stem, set()).add(real.parent)
    named = [
        f"{real.parent.name}-{p.stem}" if len(folders[p.stem]) > 1 else p.stem for p, real in found
    ]
    counts = Counter(named)
    return [
        Unit(p, f"{name}-{p.suffix.lstrip('.')}" if counts[name] > 1 else name)
        for (p, _), name in zip(found, named, strict=True)
    ]


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve()``, each folder resolved once (in ``folders``): a batch names hundreds
    of files of one folder, and resolving each walks every folder above it again. A symbolic
    link is resolved itself (its target may be anywhere)."""
    if path.is_symlink():
        return path.resolve()
    if path.parent not in folders:
        folders[path.parent] = path.parent.resolve()
    return folders[path.parent] / path.name
