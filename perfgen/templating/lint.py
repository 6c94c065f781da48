"""``perfgen templates lint``: a unit's template directory checked before any report needs it.

Three passes, each message located as ``file:line``:

1. every file of the directory overrides a bundled template, or is used by one (a misspelled
   name overrides nothing: it is told the nearest bundled name);
2. every template reached from the entry, overrides and bundled ones together, is checked
   statically (:mod:`perfgen.templating.scan`): syntax, variables, attribute chains, filters,
   tests, macros;
3. when the first two find no error, each data file (by default the scaffolds of
   ``perfgen init``, both outlines) is composed with the directory and written, in memory, in
   every format (PDF when LibreOffice is installed), so a failure that shows only when
   rendering (a macro argument's missing field) is found too. Nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.errors import LEVEL_NAMES, InputError, PerfgenError, TemplateError
from perfgen.templating.bundled import SUFFIX, builtins, nearest

if TYPE_CHECKING:
    from perfgen.input.settings import Outline
    from perfgen.input.validation import Input

DEFAULT_DATA: tuple[Outline, ...] = ("standard", "legacy")
"""The outlines whose ``perfgen init`` scaffold is rendered when no data file is given."""


@dataclass(frozen=True)
class Message:
    """One thing lint reports.

    Attributes:
        file: The file as the user knows it (``我的模板/sentences/income.md.jinja``; a bundled
            template by its installed path; a data file as given).
        line: 1-based line, 0 when the whole file is meant.
        error: An error (else a warning, which fails only under ``--strict``).
        text: Chinese explanation.
    """

    file: str
    line: int
    error: bool
    text: str

    def __str__(self) -> str:
        """``file:line: 错误: text``, as compilers and editors print them."""
        place = f"{self.file}:{self.line}" if self.line else self.file
        level = LEVEL_NAMES["error" if self.error else "warning"]
        return f"{place}: {level}: {self.text}"


@dataclass(frozen=True)
class Linted:
    """The result of :func:`lint`.

    Attributes:
        messages: Errors and warnings, by file and line.
        files: The files of the directory that were checked.
        rendered: What was rendered: one ``data (formats)`` entry per data file.
    """

    messages: tuple[Message, ...]
    files: int
    rendered: tuple[str, ...]

    @property
    def errors(self) -> int:
        """How many messages are errors."""
        return sum(m.error for m in self.messages)

    @property
    def warnings(self) -> int:
        """How many messages are warnings."""
        return len(self.messages) - self.errors

    def failed(self, strict: bool = False) -> bool:
        """Whether the exit code is 1: errors, or under ``strict`` warnings too."""
        return bool(self.errors or (strict and self.warnings))


def lint(directory: Path, data: Sequence[Path] = (), *, pdf: bool | None = None) -> Linted:
    """Check a template directory (see the module docstring).

    Args:
        directory: The unit's template directory, as the user named it.
        data: YAML files to render with it; by default the ``perfgen init`` scaffolds.
        pdf: Also write PDF; by default when LibreOffice is installed.

    Raises:
        TemplateError: ``directory`` is not a directory.
    """
    from perfgen.templating.composition import CONTEXT, ENTRY, environment
    from perfgen.templating.scan import Scanner

    root = directory.resolve()
    env = environment(root)
    scanner = Scanner(env, dict(CONTEXT))
    scanner.scan(ENTRY)
    files = _own_files(root)
    used = set(scanner.reached)
    for name in files:
        if name.endswith(SUFFIX) and name not in used:
            scanner.scan(name)  # a file no template uses is still checked for what it reads
    shown = _Shown(directory, root)
    messages = [
        Message(shown(note.filename), note.line, note.error, note.text)
        for note in scanner.notes.values()
    ]
    messages += _unused(files, used, shown)
    rendered: list[str] = []
    if not any(m.error for m in messages):
        messages += _render_all(root, data, pdf, shown, rendered)
    ordered = sorted(messages, key=lambda m: (m.file, m.line, not m.error, m.text))
    return Linted(tuple(ordered), len(files), tuple(rendered))


class _Shown:
    """A template file as the user knows it: under the directory as they named it, or the
    bundled file's path."""

    def __init__(self, directory: Path, root: Path) -> None:
        self.directory, self.root = directory, root

    def __call__(self, filename: str) -> str:
        path = Path(filename)
        if path.is_relative_to(self.root):
            return (self.directory / path.relative_to(self.root)).as_posix()
        return filename

    def template(self, name: str) -> str:
        """The file a template name is read from."""
        from perfgen.templating.bundled import bundled_dir

        own = self.root / name
        return self(str(own if own.is_file() else bundled_dir() / name))


def _own_files(root: Path) -> list[str]:
    """The directory's files by name (``sentences/income.md.jinja``), hidden ones left out."""
    found = []
    for path in root.rglob("*"):
        name = path.relative_to(root)
        if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in name.parts):
            found.append(name.as_posix())
    return sorted(found)


def _unused(files: list[str], reached: set[str], shown: _Shown) -> list[Message]:
    """Files that override no bundled template and that no template uses."""
    names = [b.name for b in builtins()]
    messages = []
    for name in files:
        if name in names or name in reached:
            continue
        guess = nearest(name, names)
        path = shown(str(shown.root / name))
        if name.endswith(SUFFIX) or guess:
            hint = (
                f"；你是不是想写 {guess}？" if guess else "；用 perfgen templates list 查看内置模板"
            )
            text = f"没有名为 {name} 的内置模板，这个文件不会覆盖任何模板{hint}"
            messages.append(Message(path, 1, True, text))
        else:
            messages.append(Message(path, 0, False, "不是模板文件（.jinja），perfgen 不会读它"))
    return messages


def _render_all(
    root: Path, data: Sequence[Path], pdf: bool | None, shown: _Shown, rendered: list[str]
) -> list[Message]:
    """Compose and write each data file with the directory, in memory, in every format."""
    from perfgen.writers.pdf import office_program

    formats = ["md", "html", "docx"]
    if pdf if pdf is not None else office_program() is not None:
        formats.append("pdf")
    messages: list[Message] = []
    jobs: list[tuple[str, Path | Outline]] = [(str(path), path) for path in data] or [
        (f"perfgen init --preset {preset}", preset) for preset in DEFAULT_DATA
    ]
    for label, loaded in jobs:
        try:
            source = _load(loaded)
        except InputError as exc:
            messages += [
                Message(p.file, p.line, True, f"{p.path}: {p.message}") for p in exc.problems
            ]
            continue
        messages += _render_one(root, source, label, formats, shown)
        rendered.append(f"{label}（{'、'.join(formats)}）")
    return messages


def _load(given: Path | Outline) -> Input:
    """A data file, or the ``perfgen init`` scaffold of an outline.

    Raises:
        InputError: the file cannot be read or validated.
    """
    from perfgen.input.loader import load_text
    from perfgen.input.scaffold import scaffold
    from perfgen.input.validation import validate
    from perfgen.pipeline import load

    if isinstance(given, Path):
        return load(given)
    return validate(load_text(scaffold("示例单位", 2024, given), "perfgen init"))


def _render_one(
    root: Path, source: Input, label: str, formats: list[str], shown: _Shown
) -> list[Message]:
    """Compose one input with the directory and write it in each format, in memory."""
    from perfgen.figures import derive
    from perfgen.pipeline import Examined, Renderer

    renderer = Renderer(Examined(source, derive(source), ()), root)
    try:
        renderer.compose()
    except TemplateError as exc:
        return [
            Message(
                shown.template(exc.template),
                exc.line or 0,
                True,
                f"用 {label} 生成时：{exc.message}",
            )
        ]
    for fmt in formats[1:]:
        try:
            renderer.bytes(fmt)
        except PerfgenError as exc:
            return [Message(label, 0, True, f"生成 {fmt} 时出错：{exc}")]
    return []
