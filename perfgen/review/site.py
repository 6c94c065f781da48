"""``perfgen review``'s run: every file read and checked by worker processes (as ``batch``),
the findings across years added, and the site written — into a temporary folder beside the
target, which then replaces it, so that a failed or interrupted run leaves the previous site (or
nothing), never half of one.

A file whose bytes (and perfgen's version) are unchanged is not read again: its reading is kept
in the site's cache (``.perfgen-review/{hash}.json``); when no file changed and the site is
complete, nothing is written at all.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfgen.batch.plan import Unit as Planned
from perfgen.batch.plan import plan
from perfgen.batch.stopping import quiet_worker
from perfgen.errors import OutputError
from perfgen.files import write_atomic
from perfgen.review.units import SUFFIXES, Unit, file_key, read_unit

CACHE = ".perfgen-review"
"""The site's cache folder: one JSON per file read, named by its hash, and the manifest."""

MANIFEST = "site.json"
"""The manifest (in :data:`CACHE`): the hash of everything the site was made from."""

STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class Progress:
    """One file's progress: ``status`` done (read), skipped (unchanged) or failed."""

    source: str
    status: str


@dataclass(frozen=True)
class Reviewed:
    """What a review did.

    Attributes:
        units: Every file, read (or kept from the cache) and checked.
        failed: The files that could not be read.
        across: The findings across years (rule ``prior-published``).
        unchanged: Nothing had changed: the site was left as it was.
        index: The site's ``index.html``.
    """

    units: tuple[Unit, ...]
    failed: tuple[Unit, ...]
    across: int
    unchanged: bool
    index: Path


def plan_review(inputs: Sequence[str | Path]) -> list[Planned]:
    """The files of a review: files, folders (their .docx, .pdf, .txt, .yaml) and glob
    patterns, each named for its page (:func:`perfgen.batch.plan`).

    Raises:
        InputError: an input names nothing.
    """
    return plan(inputs, SUFFIXES, "没有找到报告或数据文件（.docx、.pdf、.txt、.yaml）")


def review(
    planned: Sequence[Planned],
    folder: Path,
    jobs: int = 1,
    progress: Callable[[Progress], None] = lambda p: None,
    *,
    force: bool = False,
) -> Reviewed:
    """Review every report and data file planned into the site ``folder``.

    Args:
        planned: The files (:func:`plan_review`).
        folder: The site's folder: ``index.html``, a page per unit, ``charts/``, ``汇总.xlsx``,
            ``汇总.json``.
        jobs: Worker processes (1: in this process).
        progress: Called as each file is read (or found unchanged, or fails).
        force: Read every file again, and replace a folder perfgen did not make.

    Raises:
        OutputError: matplotlib is missing (``perfgen[review]``), ``folder`` is not perfgen's
            to replace, or it cannot be written.
    """
    from perfgen.review import charts

    charts.require()
    _may_replace(folder, planned, force)
    version = _version()
    cache = folder / CACHE
    units = _read_all(planned, cache if not force else None, version, jobs, progress)
    from perfgen.review.model import across_years

    cached = {u.key: u.to_json() for u in units if u.key and not u.failure}  # as read
    across = across_years(units)
    failed = tuple(u for u in units if u.failure)
    site_key = hashlib.sha256(
        "\0".join([version, *(f"{u.name}\0{u.source}\0{u.key}" for u in units)]).encode()
    ).hexdigest()
    index = folder / "index.html"
    if not force and index.is_file() and _manifest_key(cache) == site_key:
        return Reviewed(tuple(units), failed, across, True, index)
    _write_site(units, cached, folder, across, site_key)
    return Reviewed(tuple(units), failed, across, False, index)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("perfgen")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "source"


def _may_replace(folder: Path, planned: Sequence[Planned], force: bool) -> None:
    """Refuse a folder that is a file, holds an input, or is not a site perfgen made."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} 是文件，不是目录；请换一个输出目录")
    target = folder.resolve()
    for unit in planned:
        if target in unit.source.resolve().parents:
            raise OutputError(
                f"输入文件 {unit.source} 在输出目录 {folder} 中；审阅页面会整体替换该目录，"
                "请换一个输出目录"
            )
    if folder.is_dir() and any(folder.iterdir()) and not (folder / CACHE).is_dir() and not force:
        raise OutputError(
            f"输出目录 {folder} 已有文件，不是 perfgen review 生成的，未覆盖；"
            "请换一个输出目录，或加 --force（整个目录将被替换）"
        )


def _cached(cache: Path | None, key: str) -> Unit | None:
    if cache is None:
        return None
    try:
        return Unit.from_json(json.loads((cache / f"{key}.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _read_all(
    planned: Sequence[Planned],
    cache: Path | None,
    version: str,
    jobs: int,
    progress: Callable[[Progress], None],
) -> list[Unit]:
    """Every file read (or taken from the cache), in the order planned."""
    done: dict[str, Unit] = {}
    work = []
    for item in planned:
        try:
            key = file_key(item.source, version)
        except OSError as exc:
            unit = Unit(
                item.name,
                str(item.source),
                "report",
                "",
                f"{item.source}: 无法读取：{exc.strerror}",
            )
            done[item.name] = unit
            progress(Progress(unit.source, "failed"))
            continue
        kept = _cached(cache, key)
        if kept is not None and not kept.failure:
            kept.name, kept.source = item.name, str(item.source)
            done[item.name] = kept
            progress(Progress(kept.source, "skipped"))
            continue
        work.append((item.name, item.source, key))

    def arrived(unit: Unit) -> None:
        done[unit.name] = unit
        progress(Progress(unit.source, "failed" if unit.failure else "done"))

    if jobs <= 1 or len(work) <= 1:
        for item_args in work:
            arrived(read_unit(*item_args))
    else:
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs, initializer=quiet_worker
        ) as pool:
            futures = [pool.submit(read_unit, *item_args) for item_args in work]
            try:
                for future in concurrent.futures.as_completed(futures):
                    arrived(future.result())
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    return [done[item.name] for item in planned]


def _manifest_key(cache: Path) -> str:
    try:
        return str(json.loads((cache / MANIFEST).read_text(encoding="utf-8"))["key"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _write_site(
    units: list[Unit], cached: dict[str, dict[str, Any]], folder: Path, across: int, site_key: str
) -> None:
    """Write the whole site into a temporary folder beside ``folder``, then put it in place."""
    parent = folder.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出目录 {folder}：{exc.strerror}") from None
    staging = parent / f".{folder.name}.perfgen-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _fill(staging, units, folder, across)
        _keep(staging / CACHE, cached, site_key)
        _swap(staging, folder.resolve())
    except OSError as exc:
        raise OutputError(f"无法写出审阅页面 {folder}：{exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _fill(staging: Path, units: list[Unit], folder: Path, across: int) -> None:
    """The site's files: charts, unit pages, the index, its style and script, the summary."""
    from perfgen.review import charts, pages, unit_page
    from perfgen.review.model import by_rule, rows
    from perfgen.writers.summary import Outcome, save_summary

    (staging / "charts").mkdir(parents=True)
    (staging / CACHE).mkdir()
    table = rows(units, folder)
    drawn = {
        "scores": charts.scores(table) if any(r.score is not None for r in table) else "",
        "rates": charts.rate_and_score(table)
        if any(r.score is not None and r.rate is not None for r in table)
        else "",
        "rules": charts.rules(by_rule(units)) if by_rule(units) else "",
        "ranking": charts.ranking(table) if any(r.errors for r in table) else "",
    }
    for name, svg in drawn.items():
        if svg:
            write_atomic(svg.encode("utf-8"), staging / "charts" / f"{name}.svg")
    for unit, row in zip(units, table, strict=True):
        if not unit.failure:
            write_atomic(unit_page.unit_page(unit, row).encode("utf-8"), staging / row.page)
    index = pages.index(table, units, {k: bool(v) for k, v in drawn.items()}, across)
    write_atomic(index.encode("utf-8"), staging / "index.html")
    for name in (pages.CSS, pages.JS):
        shutil.copyfile(STATIC / name, staging / name)
    outcomes = [
        Outcome(
            u.name,
            u.source,
            "failed" if u.failure else "done",
            figures=u.figures,
            findings=tuple(tuple(r) for r in (u.problems if u.failure else u.rows)),  # type: ignore[misc]
            failure=u.failure,
        )
        for u in units
    ]
    from perfgen.audit import AUDIT_STATUSES

    save_summary(staging, outcomes, statuses=AUDIT_STATUSES)


def _keep(cache: Path, cached: dict[str, dict[str, Any]], site_key: str) -> None:
    """The cache: each file as read (before the findings across years), and the site's key."""
    for key, data in cached.items():
        text = json.dumps(data, ensure_ascii=False)
        write_atomic(text.encode("utf-8", "backslashreplace"), cache / f"{key}.json")
    manifest = json.dumps({"version": 1, "key": site_key}).encode("utf-8")
    write_atomic(manifest, cache / MANIFEST)


def _swap(staging: Path, folder: Path) -> None:
    """Put ``staging`` in the place of ``folder`` (the old site removed after)."""
    old = folder.parent / f".{folder.name}.perfgen-old-{os.getpid()}"
    if folder.exists():
        os.replace(folder, old)
    try:
        os.replace(staging, folder)
    except OSError:
        if old.exists():
            os.replace(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)
