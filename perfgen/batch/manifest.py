"""The output folder's manifest: what each unit was last made from, so that a batch skips the
units whose input, workbook, shared settings, templates, reference document, options, perfgen
itself and outputs are unchanged — before reading them (:data:`MANIFEST`).

A unit's hash (:func:`unit_key`) covers its YAML file's path and bytes and the path and bytes
of each other file it was made from (its 自评表 workbook, its shared settings file), on top of
the batch's shared hash (:func:`shared_key`). A YAML file with the same bytes names the same
other files, so the manifest's list of them (:attr:`Made.inputs`) is all a run needs to hash a
unit again without loading it (:func:`unchanged`). Each output's hash is recorded too: an
output changed or removed since is made again. The manifest also keeps the unit's figures and
findings, so that the summary of a skipped unit says what a render would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfgen.files import write_atomic

if TYPE_CHECKING:
    from perfgen.batch.plan import Options, Unit
    from perfgen.writers.summary import Outcome

MANIFEST = ".perfgen-batch.json"
"""The folder's record of what each unit was made from, for skipping unchanged ones."""

VERSION = 2
"""The manifest's layout; a manifest of another version only tells which files are the batch's."""

Row = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Made:
    """What the manifest says of a unit.

    Attributes:
        key: The hash it was last made from (:func:`unit_key`).
        outputs: Its output files, relative to the output folder.
        inputs: The other files it was made from (workbook, shared settings), as named.
        digests: The SHA-256 of each output as written, in the order of ``outputs``.
        figures: Its figures for the summary (:attr:`perfgen.writers.summary.Outcome.figures`).
        findings: Its findings as summary rows.
    """

    key: str
    outputs: tuple[str, ...]
    inputs: tuple[str, ...] = ()
    digests: tuple[str, ...] = ()
    figures: dict[str, str] = field(default_factory=dict)
    findings: tuple[Row, ...] = ()


def previous_units(folder: Path) -> dict[str, Made]:
    """Unit name → how it was last made, for the units that were (an older manifest gives
    the outputs only, so that its files are still known as the batch's and made again)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        current = data.get("version") == VERSION
        return {name: _made(entry, current) for name, entry in data["units"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _made(entry: dict[str, Any], current: bool) -> Made:
    outputs = tuple(str(o) for o in entry["outputs"])
    if not current:
        return Made("", outputs)
    return Made(
        str(entry["key"]),
        outputs,
        tuple(str(i) for i in entry["inputs"]),
        tuple(str(d) for d in entry["digests"]),
        {str(k): str(v) for k, v in entry["figures"].items()},
        tuple(_row(r) for r in entry["findings"]),
    )


def _row(values: Sequence[Any]) -> Row:
    level, rule, path, message, where = (str(v) for v in values)
    return level, rule, path, message, where


def save_manifest(
    folder: Path,
    outcomes: list[Outcome],
    inputs: dict[str, tuple[str, ...]],
    kept: dict[str, Made],
    written: dict[str, str] | None = None,
) -> None:
    """Record what each unit was made from: the units of ``outcomes`` that did not fail (with
    ``inputs``, unit name → the other files it was made from), and the ``kept`` entries of
    units this run did not finish (an interrupted run keeps what the earlier runs made, so the
    next run still knows those files are the batch's). A skipped unit keeps its outputs'
    recorded hashes; a made one's outputs have the hash of the bytes written (``written``:
    output name → SHA-256, as the worker wrote it), else (a PDF) are hashed as they now are.

    A file name that is not UTF-8 (lone surrogates) is written as a JSON ``\\udcxx`` escape,
    which reads back as the same name.

    Raises:
        OutputError: the manifest cannot be written.
    """
    finished = {o.name for o in outcomes}
    units = {name: _entry(made) for name, made in kept.items() if name not in finished}
    for o in outcomes:
        if o.status == "failed":
            continue
        before = kept.get(o.name)
        if o.status == "skipped" and before is not None:
            digests = before.digests
        else:
            digests = tuple(
                (written or {}).get(name) or _file_digest(folder / name) for name in o.outputs
            )
        made = Made(o.key, o.outputs, inputs.get(o.name, ()), digests, o.figures, o.findings)
        units[o.name] = _entry(made)
    text = json.dumps({"version": VERSION, "units": units}, ensure_ascii=False, indent=1)
    write_atomic(text.encode("utf-8", "backslashreplace"), folder / MANIFEST)


def _entry(made: Made) -> dict[str, Any]:
    return {
        "key": made.key,
        "outputs": list(made.outputs),
        "inputs": list(made.inputs),
        "digests": list(made.digests),
        "figures": made.figures,
        "findings": [list(r) for r in made.findings],
    }


def unchanged(unit: Unit, made: Made | None, folder: Path, shared: str) -> bool:
    """Whether ``unit`` may be skipped without reading it: its hash (its YAML file and the
    other files it was last made from) is the one recorded, and each output is there with
    the bytes written."""
    if made is None or not made.key or len(made.digests) != len(made.outputs):
        return False
    if unit_key(unit.source, made.inputs, shared) != made.key:
        return False
    return all(
        _file_digest(folder / name) == digest
        for name, digest in zip(made.outputs, made.digests, strict=True)
    )


def _file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, or "" when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _digest_tree(folder: Path | None) -> str:
    """A hash of every file below ``folder`` (names and contents); "" for none."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def shared_key(options: Options, today: dt.date | None = None) -> str:
    """The part of every unit's hash that the batch shares: perfgen, templates, the reference
    document, the options (the shared settings file's name: its bytes are each unit's), and
    the year the checks judge the report year against (``today``, by default today's)."""
    from perfgen.templating.bundled import bundled_dir

    bundled = bundled_dir()
    reference = options.reference_doc.read_bytes() if options.reference_doc else b""
    parts = [
        _version(),
        _digest_tree(options.templates),
        _digest_tree(bundled),
        hashlib.sha256(reference).hexdigest(),
        repr((options.formats, options.strict, str(options.settings or ""))),
        str((today or dt.date.today()).year),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def unit_key(source: Path, inputs: Sequence[str], shared: str) -> str:
    """The hash of what a unit's outputs are made from: the batch's ``shared`` hash, then the
    name and bytes of its YAML file and of each of the other files ``inputs`` (a file that
    cannot be read counts as missing)."""
    digest = hashlib.sha256(shared.encode("utf-8"))
    for name in (str(source), *inputs):
        digest.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            content = Path(name).read_bytes()
        except OSError:
            digest.update(b"\1missing")
            continue
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def _version() -> str:
    """perfgen's installed version: the ``Version:`` line of the metadata of the first
    ``perfgen-*.dist-info`` on ``sys.path``, as :func:`importlib.metadata.version` finds it
    (which this falls back to) without importing :mod:`importlib.metadata` (a fifth of a
    re-run with nothing changed)."""
    for entry in sys.path:
        for info in sorted(Path(entry or ".").glob("perfgen-*.dist-info")):
            try:
                with open(info / "METADATA", encoding="utf-8") as metadata:
                    for line in metadata:
                        if line.startswith("Version:"):
                            return line.removeprefix("Version:").strip()
                        if not line.strip():  # the headers end
                            break
            except OSError:
                continue
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("perfgen")
    except PackageNotFoundError:
        return "unknown"
