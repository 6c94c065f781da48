"""The output folder's manifest: what each unit was last made from, so that a batch skips the
units whose input, workbook, shared settings, templates, reference document, options and
perfgen itself are unchanged (a content hash per unit, :data:`MANIFEST`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.files import write_atomic

if TYPE_CHECKING:
    from perfgen.batch.plan import Options, Unit
    from perfgen.pipeline import Examined
    from perfgen.writers.summary import Outcome

MANIFEST = ".perfgen-batch.json"
"""The folder's record of what each unit was made from, for skipping unchanged ones."""


@dataclass(frozen=True)
class Made:
    """What the manifest says of a unit: the hash it was last made from and its outputs."""

    key: str
    outputs: tuple[str, ...]


def previous_units(folder: Path) -> dict[str, Made]:
    """Unit name → how it was last made, for the units that were."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {
            name: Made(str(entry["key"]), tuple(str(o) for o in entry["outputs"]))
            for name, entry in data["units"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_manifest(folder: Path, outcomes: list[Outcome], kept: dict[str, Made]) -> None:
    """Record what each unit was made from: the units of ``outcomes`` that did not fail, and
    the ``kept`` entries of units this run did not finish (an interrupted run keeps what the
    earlier runs made, so the next run still knows those files are the batch's).

    A file name that is not UTF-8 (lone surrogates) is written as a JSON ``\\udcxx`` escape,
    which reads back as the same name.

    Raises:
        OutputError: the manifest cannot be written.
    """
    finished = {o.name for o in outcomes}
    units = {
        name: {"key": made.key, "outputs": list(made.outputs)}
        for name, made in kept.items()
        if name not in finished
    }
    made = [o for o in outcomes if o.status != "failed"]
    units |= {o.name: {"key": o.key, "outputs": o.outputs} for o in made}
    text = json.dumps({"version": 1, "units": units}, ensure_ascii=False, indent=1)
    write_atomic(text.encode("utf-8", "backslashreplace"), folder / MANIFEST)


def _digest_tree(folder: Path | None) -> str:
    """A hash of every file below ``folder`` (names and contents); "" for none."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def shared_key(options: Options) -> str:
    """The part of every unit's hash that the batch shares: perfgen, templates, options."""
    from perfgen.templating.composition import template_dirs

    bundled = template_dirs()[-1]
    reference = options.reference_doc.read_bytes() if options.reference_doc else b""
    parts = [
        _version(),
        _digest_tree(options.templates),
        _digest_tree(bundled),
        hashlib.sha256(reference).hexdigest(),
        repr((options.formats, options.strict)),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def unit_key(unit: Unit, examined: Examined, shared: str) -> str:
    """The hash of what a unit's outputs are made from: its input, its workbook, the batch."""
    digest = hashlib.sha256(shared.encode("utf-8"))
    digest.update(unit.source.read_bytes())
    settings = examined.input.source.shared_settings
    if settings is not None:
        digest.update(Path(settings).read_bytes() if Path(settings).is_file() else b"")
    table = examined.input.report.evaluation.table
    if table is not None and table.xlsx:
        workbook = unit.source.parent / table.xlsx
        digest.update(workbook.read_bytes() if workbook.is_file() else b"")
    return digest.hexdigest()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("perfgen")
    except PackageNotFoundError:
        return "unknown"
