"""PDF writer: Word files converted by LibreOffice in headless mode.

One LibreOffice process converts any number of files (a batch gives each worker one process,
not one per file); each process has a profile folder of its own, so several can run at once.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from perfgen.errors import OutputError
from perfgen.writers import DocumentInfo, docx

TIMEOUT_SECONDS = 180
"""Longest the first conversion of a process may take (a first start of LibreOffice takes
several seconds)."""

SECONDS_PER_FILE = 30
"""Longest each further file of one process may take."""


def office_program() -> str | None:
    """The LibreOffice executable on PATH (``soffice`` or ``libreoffice``), if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _program() -> str:
    program = office_program()
    if program is None:
        raise OutputError(
            "生成 PDF 需要 LibreOffice，但未找到 soffice 或 libreoffice 程序；"
            "请安装 LibreOffice（如 apt-get install libreoffice-writer），或改用 --format docx"
        )
    return program


WITH_COMMENTS = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
"""LibreOffice's PDF filter exporting Word comments as PDF notes (a draft's findings)."""


def convert(
    sources: Sequence[Path],
    folder: Path,
    done: Callable[[Path], None] | None = None,
    *,
    comments: bool = False,
) -> dict[Path, Path | None]:
    """Convert Word files to PDF in one LibreOffice process.

    Args:
        sources: The .docx files (their names must differ).
        folder: Where the PDFs go (``name.docx`` → ``name.pdf``).
        done: Called with each source as LibreOffice reports it converted.
        comments: Export the Word comments as PDF notes (a draft's findings).

    Returns:
        Each source → its PDF, or ``None`` where LibreOffice made none.

    Raises:
        OutputError: LibreOffice is not installed or takes too long.
    """
    program = _program()
    timeout = TIMEOUT_SECONDS + SECONDS_PER_FILE * max(len(sources) - 1, 0)
    by_name = {source.name: source for source in sources}
    with tempfile.TemporaryDirectory(prefix="perfgen-office-") as profile:
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            WITH_COMMENTS if comments else "pdf",
            "--outdir",
            str(folder),
            *(str(source) for source in sources),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, errors="replace"
        )
        try:
            assert process.stdout is not None
            for line in process.stdout:  # "convert /x/a.docx -> /y/a.pdf using filter …"
                name = Path(line.split(" -> ")[0].removeprefix("convert ").strip()).name
                if done is not None and name in by_name:
                    done(by_name[name])
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice 转换 PDF 超过 {timeout} 秒未完成") from None
        finally:
            if process.poll() is None:  # an error, a timeout, Ctrl-C: LibreOffice stops too
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
    made = {source: folder / f"{source.stem}.pdf" for source in sources}
    return {source: pdf if pdf.is_file() else None for source, pdf in made.items()}


def render(markdown: str, info: DocumentInfo) -> bytes:
    """Render report Markdown as PDF bytes through the .docx writer and LibreOffice; a draft's
    comments become PDF notes beside the paragraphs they blame.

    Raises:
        OutputError: LibreOffice is not installed, fails, or takes too long.
    """
    _program()
    with tempfile.TemporaryDirectory(prefix="perfgen-pdf-") as work:
        source = Path(work) / "report.docx"
        source.write_bytes(docx.render(markdown, info))
        pdf = convert([source], Path(work), comments=info.draft)[source]
        if pdf is None:
            raise OutputError(
                "LibreOffice 未能把报告转换为 PDF（请确认能以无界面方式运行 soffice）"
            )
        return pdf.read_bytes()


def missing_chinese(fonts: Iterable[str]) -> list[tuple[str, str]]:
    """The fonts LibreOffice would set Chinese text in without Chinese glyphs: each font name
    whose fontconfig match has no Chinese coverage, with the font it falls back to. Empty when
    fontconfig is not there (Windows) to ask.

    Returns:
        ``(font, substitute)`` pairs, in the order given, each font once.
    """
    found = []
    for name in dict.fromkeys(fonts):
        matched = _match(name)
        if matched is not None and "zh-cn" not in matched[1]:
            found.append((name, matched[0]))
    return found


@functools.lru_cache(maxsize=64)
def _match(name: str) -> tuple[str, frozenset[str]] | None:
    """fontconfig's match for ``name``: its family and the languages it covers."""
    program = shutil.which("fc-match")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, "-f", "%{family[0]}|%{lang}", name],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, languages = done.stdout.partition("|")
    return (family, frozenset(languages.split("|"))) if family else None


def font_notes(fonts: Iterable[str]) -> tuple[str, ...]:
    """A note for each font the PDF would print Chinese without (:func:`missing_chinese`)."""
    return tuple(
        f"提示：本机没有字体“{name}”的中文字形，PDF 中将改用“{substitute}”（汉字可能显示为方框或"
        "别的字体，页数也会变）；请安装该字体，或在 settings.fonts 中改用本机已有的中文字体"
        "（如 fonts: windows）"
        for name, substitute in missing_chinese(fonts)
    )
