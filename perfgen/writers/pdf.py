"""PDF writer: the Word file converted by LibreOffice in headless mode."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from perfgen.errors import OutputError
from perfgen.writers import DocumentInfo, docx

TIMEOUT_SECONDS = 180
"""Longest a conversion may take (a first start of LibreOffice takes several seconds)."""


def office_program() -> str | None:
    """The LibreOffice executable on PATH (``soffice`` or ``libreoffice``), if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def render(markdown: str, info: DocumentInfo) -> bytes:
    """Render report Markdown as PDF bytes through the .docx writer and LibreOffice.

    Raises:
        OutputError: LibreOffice is not installed, fails, or takes too long.
    """
    program = office_program()
    if program is None:
        raise OutputError(
            "生成 PDF 需要 LibreOffice，但未找到 soffice 或 libreoffice 程序；"
            "请安装 LibreOffice（如 apt-get install libreoffice-writer），或改用 --format docx"
        )
    with tempfile.TemporaryDirectory(prefix="perfgen-pdf-") as work:
        folder = Path(work)
        source = folder / "report.docx"
        source.write_bytes(docx.render(markdown, info))
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice 转换 PDF 超过 {TIMEOUT_SECONDS} 秒未完成") from None
        result = folder / "report.pdf"
        if not result.is_file():
            raise OutputError(
                "LibreOffice 未能把报告转换为 PDF（请确认能以无界面方式运行 soffice）"
            )
        return result.read_bytes()
