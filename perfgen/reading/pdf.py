"""A PDF's text layer read as lines, through pypdfium2 (the ``pdf`` extra)."""

from __future__ import annotations

import re
from pathlib import Path

from perfgen.errors import InputError
from perfgen.files import read_bytes
from perfgen.locations import Problem

MAX_PDF_BYTES = 50_000_000
"""Largest PDF read."""

MAX_PDF_PAGES = 1_000
"""Most pages read (a report has about 30; each page costs a text page in pdfium)."""

MAX_PDF_CHARACTERS = 5_000_000
"""Most characters of text read, as many as the largest text file (a report has about 30,000)."""


def pdf_lines(path: Path) -> list[tuple[str, int, bool]]:
    """The lines of a PDF's text layer: each line's text, its 1-based page, and whether it is
    indented from the page's left margin (by more than 12 points).

    Raises:
        InputError: PDF reading is not installed; the file is too large (bytes, pages or
            characters), encrypted, not a PDF, has a page that does not load (named), or has
            no text layer (a scanned PDF).
    """
    try:
        import pypdfium2 as pdfium
    except ImportError:
        message = '读取 PDF 需要 pypdfium2：请运行 pip install "perfgen[pdf]"'
        raise InputError([Problem(str(path), 0, 0, "", message)]) from None
    data = read_bytes(path, MAX_PDF_BYTES, "PDF 文件")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        encrypted = "password" in str(exc).lower()
        message = "PDF 已加密，请先去掉密码保护" if encrypted else "不是可读取的 PDF 文件"
        raise InputError([Problem(str(path), 0, 0, "", message)]) from None
    lines: list[tuple[str, int, bool]] = []
    try:
        if len(document) > MAX_PDF_PAGES:
            message = f"PDF 有 {len(document)} 页，超过可读取的 {MAX_PDF_PAGES} 页上限"
            raise InputError([Problem(str(path), 0, 0, "", message)])
        characters = 0
        for number in range(len(document)):
            try:
                page = document[number]
                textpage = page.get_textpage()
                characters += textpage.count_chars()
                if characters > MAX_PDF_CHARACTERS:
                    message = f"PDF 的文字超过可读取的 {MAX_PDF_CHARACTERS} 字上限"
                    raise InputError([Problem(str(path), 0, 0, f"第 {number + 1} 页", message)])
                text = textpage.get_text_range()
                starts = [0, *(m.end() for m in re.finditer("\r\n|\n", text))]
                count = textpage.count_chars()
                lefts = [
                    textpage.get_charbox(start)[0] if start < count else 0.0 for start in starts
                ]
            except pdfium.PdfiumError:
                # refused, not skipped: a report read without one of its pages would be
                # imported (or audited) as if that page's figures were never stated
                message = "PDF 的这一页无法读取（文件已损坏？），未读取这份文件"
                raise InputError(
                    [Problem(str(path), 0, 0, f"第 {number + 1} 页", message)]
                ) from None
            margin = min(
                (x for x, s in zip(lefts, starts, strict=True) if text[s : s + 1].strip()),
                default=0.0,
            )
            for start, left in zip(starts, lefts, strict=True):
                end = text.find("\n", start)
                line = text[start : end if end >= 0 else len(text)].rstrip("\r")
                lines.append((line, number + 1, left - margin > 12))
    finally:
        document.close()
    if not any(line[0].strip() for line in lines):
        message = "PDF 中没有文字层（可能是扫描件），无法读取；请先做文字识别（OCR）"
        raise InputError([Problem(str(path), 0, 0, "", message)])
    return lines
