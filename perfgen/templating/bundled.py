"""The bundled templates as files: their names, their one-line purposes, and their export.

``perfgen templates list`` and ``perfgen templates export`` (docs/architecture.md, extension
points): a unit starts its own template directory from copies of the bundled templates, and a file
whose name matches no bundled template is told the nearest name (:func:`nearest`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from perfgen.errors import PerfgenError

SUFFIX = ".jinja"
"""The suffix of every template file."""

_PURPOSE = re.compile(r"\{#-?\s*(.*?)\s*(?:-?#\}|$)")
_REFERENCE = re.compile(r"（(?:docs/)?domain\.md[^）]*）|\s*Reads:.*")


class TemplateFileError(PerfgenError):
    """Raised when ``templates export`` is asked for a template that does not exist or would
    overwrite a file (nothing is written then)."""


@dataclass(frozen=True)
class Builtin:
    """A bundled template.

    Attributes:
        name: Its name as templates and ``--templates`` overrides name it, with ``/``
            (``sentences/income.md.jinja``).
        path: The file.
        purpose: The first line of its opening comment: what it writes, in Chinese.
    """

    name: str
    path: Path
    purpose: str


BUNDLED_TEMPLATES = Path(__file__).parent.parent / "templates"
"""Templates shipped inside the wheel (copied from the repository's ``templates/``)."""

_SOURCE_TEMPLATES = Path(__file__).parent.parent.parent / "templates"


def template_dirs(extra: Path | None = None) -> list[Path]:
    """Directories searched for templates: the user's first, then the bundled ones."""
    bundled = BUNDLED_TEMPLATES if BUNDLED_TEMPLATES.is_dir() else _SOURCE_TEMPLATES
    return [*([extra] if extra else []), bundled]


def bundled_dir() -> Path:
    """The directory of the bundled templates (the last of :func:`template_dirs`)."""
    return template_dirs()[-1]


def builtins() -> list[Builtin]:
    """Every bundled template, sorted by name (top-level files before sub-directories')."""
    root = bundled_dir()
    paths = sorted(root.rglob(f"*{SUFFIX}"), key=lambda p: (len(p.relative_to(root).parts), p))
    return [Builtin(p.relative_to(root).as_posix(), p, purpose(p)) for p in paths]


def purpose(path: Path) -> str:
    """The first line of a template's opening ``{#- … -#}`` comment ("" without one), without
    the notes for developers that may follow it on that line (``Reads: …``, ``docs/domain.md``)."""
    with path.open(encoding="utf-8") as file:
        first = file.readline()
    match = _PURPOSE.match(first.strip())
    return _REFERENCE.sub("", match[1]) if match else ""


def nearest(name: str, names: list[str]) -> str | None:
    """The built-in name closest to a misspelled one (``sentences/incom.md.jinja`` →
    ``sentences/income.md.jinja``), or ``None`` when none is close."""
    short = _short(name)

    def likeness(candidate: str) -> float:
        # The whole name, or only its last part (income, incom.md.jinja), whichever is closer.
        whole = difflib.SequenceMatcher(None, name, candidate).ratio()
        return max(whole, difflib.SequenceMatcher(None, short, _short(candidate)).ratio())

    best = max(names, key=likeness, default=None)
    return best if best is not None and likeness(best) >= 0.6 else None


def _short(name: str) -> str:
    """A template name without its folder and suffix: ``sentences/income.md.jinja`` → ``income``."""
    return name.rsplit("/", 1)[-1].removesuffix(SUFFIX).removesuffix(".md")


def unknown_name(name: str, names: list[str]) -> str:
    """The message for a name that is no bundled template, with the nearest one suggested."""
    guess = nearest(name, names)
    hint = f"你是不是想写 {guess}？" if guess else "用 perfgen templates list 查看全部内置模板。"
    return f"没有名为 {name} 的内置模板；{hint}"


def export(target: Path, names: list[str] | None = None, *, force: bool = False) -> list[Path]:
    """Copy bundled templates into ``target`` (created if missing), keeping sub-directories.

    Args:
        target: The unit's template directory.
        names: Template names (``sentences/income.md.jinja``; ``.jinja`` or ``.md.jinja`` may
            be left out); all when empty or ``None``.
        force: Replace files that exist.

    Returns:
        The files written, in order.

    Raises:
        TemplateFileError: a name matches no bundled template, or a file exists and ``force``
            is not given; every file is checked before the first is written.
    """
    from perfgen.errors import OutputError
    from perfgen.files import os_reason, write_atomic

    available = {b.name: b for b in builtins()}
    chosen: list[Builtin] = []
    for name in names or list(available):
        given = name.strip().strip("/")
        key = next(
            (k for k in (given, given + SUFFIX, given + ".md" + SUFFIX) if k in available), ""
        )
        if not key:
            raise TemplateFileError(unknown_name(given, list(available)))
        if available[key] not in chosen:
            chosen.append(available[key])
    destinations = [target / b.name for b in chosen]
    existing = [d for d in destinations if d.exists() or d.is_symlink()]
    if existing and not force:
        shown = "、".join(str(d) for d in existing)
        raise TemplateFileError(f"文件已存在：{shown}；未写出任何文件。加 --force 覆盖。")
    for builtin, destination in zip(chosen, destinations, strict=True):
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"无法创建目录 {destination.parent}：{os_reason(exc)}") from None
        write_atomic(builtin.path.read_bytes(), destination)
    return destinations
