"""A published report's file read into paragraphs, with the artifacts of extraction removed.

Word files give their paragraphs (and the rows of their tables) directly. PDF text (through
pypdfium2, the ``pdf`` extra) and extracted text files come as lines; they are joined into
paragraphs here:

- page numbers (“- 4 -”, “— 4 —”) and running headers (the same short line opening three or
  more pages) are dropped, as are blank lines;
- in a PDF, a line indented from the left margin starts a paragraph (official documents indent
  the first line by two characters, GB/T 9704) and a line at the margin continues one;
- in a text file, where the indent is lost (a leading space there is noise, not an indent), a
  line as wide as the page's full lines continues into the next one, a shorter one ends its
  paragraph when it ends with closing punctuation or is a short heading, and a line that starts
  with a heading number starts a new one; text with one paragraph per line (no common full
  width) ends a paragraph at each line that ends with punctuation;
- spaces between Chinese characters and digits or other Chinese characters (“2023 年”,
  “2514.62 万元”) are removed.

What it cannot see: a paragraph of a text file that ends exactly at the right margin runs
into the next one; text inside images (a scanned PDF) is not read, and is refused by name.

Over 300 lines because the three kinds of file (Word, PDF, text) share the one joiner of lines
into paragraphs, and the Word reader uses it for documents pasted line by line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from perfgen.errors import InputError
from perfgen.files import read_bytes, read_zip
from perfgen.locations import Problem
from perfgen.narrative.punctuation import closed
from perfgen.reading.chrome import PAGE_NUMBER, chrome

MAX_TEXT_BYTES = 5_000_000
"""Largest text file read (a report's text is about 30 KB)."""

MAX_DOCX_BYTES = 20_000_000
"""Largest Word file read (100 MB once unpacked)."""

MAX_PARAGRAPHS = 20_000
"""Most paragraphs read from a report of any kind, and most paragraphs and tables in a Word
file's body (a report has a few hundred); what follows reading (headings, sentences, the YAML)
is bounded by it."""

MAX_PARAGRAPH_CHARACTERS = 20_000
"""Longest paragraph read (a report's longest is a few thousand characters): the checks ``audit``
runs look for every indicator's name in each sentence that states a rate."""

MAX_DIGITS = 20
"""Most digits in a row the reader takes as a number. A report's largest figures (a budget in
元, 13 digits; a 统一社会信用代码's 18) fit; a longer run would overflow what the reader's
arithmetic holds exactly (Decimal's 28 digits, with headroom for ×100 and two decimals) and
Python's limit on converting digits to an integer, so it is refused before any is read."""

_DIGIT_RUN = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")


@dataclass(frozen=True)
class Block:
    """One paragraph of the source document (or one row of a table).

    Attributes:
        text: The paragraph, extraction artifacts removed.
        page: Its 1-based page in a PDF (where it starts), else ``None``.
        number: Its 1-based number among the document's paragraphs.
        cells: The cells of a table row (``text`` joins them with “ | ”), else empty.
    """

    text: str
    page: int | None
    number: int
    cells: tuple[str, ...] = ()

    def where(self) -> str:
        """Where the block is, in Chinese: “第 3 页第 12 段” or “第 12 段”."""
        head = f"第 {self.page} 页" if self.page else ""
        return f"{head}第 {self.number} 段"


@dataclass(frozen=True)
class _Line:
    text: str
    page: int | None
    indented: bool | None  # known from the PDF's positions; None in a text file
    alone: bool = False  # a paragraph of its own (a Word heading or numbered paragraph)


_HAN = "\u4e00-\u9fff"
_GAP = re.compile(
    rf"(?<=[{_HAN}，。；：、（）“”《》％%])[ \t\u00a0]+(?=[\d{_HAN}A-Za-z（“《，。；：、）”》])"
    rf"|(?<=[\dA-Za-z%.）”》])[ \t\u00a0]+(?=[{_HAN}，。；：、（）“”《》])"
)
_HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)]|[\u2460-\u2473]|任务[一二三四五六七八九十]+)"
)
_TITLE_END = re.compile(r"(?:报告|自评表|评价表)(?:[(（][^)）]{1,6}[)）])?\s*$")
"""A line that ends as a report's title does: it stands alone."""
_LABELLED = re.compile(r"^[\u4e00-\u9fff()（）\s]{2,14}[:：]")
"""A line that starts with a label (a cover's “预算编码：”): it starts a paragraph."""
_ALONE = re.compile(r"^(?:附件\s*\d*|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")
"""Lines that are paragraphs of their own: an attachment label, a date."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")
"""Characters a report's text never holds: control characters (C0 and C1), zero-width space,
BOM."""


def squeeze(text: str) -> str:
    """``text`` without the spaces extraction puts between Chinese and digits (“2023 年”),
    between Chinese characters (“区 委员会”), at its ends, and without control characters."""
    return _GAP.sub("", _CONTROL.sub("", text)).strip()


@dataclass
class Read:
    """A report file read: its paragraphs, and the lines left out as not part of the report.

    Attributes:
        blocks: The paragraphs.
        left_out: Each line left out (page numbers, running headers, web-page chrome), with
            why, in Chinese.
    """

    blocks: list[Block]
    left_out: list[tuple[str, str]]


def read_blocks(path: Path) -> list[Block]:
    """The paragraphs of a report file (:func:`read_source` without what was left out)."""
    return read_source(path).blocks


def read_source(path: Path) -> Read:
    """The paragraphs of a report file: .docx, .pdf or text (.txt and any other suffix).

    Raises:
        InputError: the file cannot be read, is not what its suffix says, is encrypted, or
            has no text (a scanned PDF); has more than :data:`MAX_PARAGRAPHS` paragraphs or
            a number of more than :data:`MAX_DIGITS` digits; or PDF reading is not installed.
    """
    read = _read(path)
    if len(read.blocks) > MAX_PARAGRAPHS:
        message = f"报告有 {len(read.blocks)} 段，超过可读取的 {MAX_PARAGRAPHS} 段上限"
        raise InputError([Problem(str(path), 0, 0, "", message)])
    if long := next((b for b in read.blocks if len(b.text) > MAX_PARAGRAPH_CHARACTERS), None):
        message = (
            f"这一段有 {len(long.text)} 字，超过可读取的 {MAX_PARAGRAPH_CHARACTERS} 字上限"
            "（段落之间缺少换行？）"
        )
        raise InputError([Problem(str(path), 0, 0, long.where(), message)])
    _bound_digits(read.blocks, path)
    return read


def _bound_digits(blocks: list[Block], path: Path) -> None:
    """Refuse a number longer than :data:`MAX_DIGITS` digits, naming where it is."""
    for block in blocks:
        if found := _DIGIT_RUN.search(block.text):
            message = (
                f"有一个 {len(found[0])} 位的数字，超过可读取的 {MAX_DIGITS} 位上限"
                "（报告中的金额、人数和编码都不会这么长），请检查原文"
            )
            raise InputError([Problem(str(path), 0, 0, block.where(), message)])


def _read(path: Path) -> Read:
    suffix = path.suffix.lower()
    left_out: list[tuple[str, str]] = []
    if suffix == ".docx":
        return Read(_docx(path, left_out), left_out)
    if suffix == ".pdf":
        return Read(_paragraphs(_pdf_lines(path), left_out, pdf=True), left_out)
    raw = read_bytes(path, MAX_TEXT_BYTES, "文本文件")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            message = "不是可读取的文本文件（既不是 UTF-8 也不是 GBK 编码）"
            raise InputError([Problem(str(path), 0, 0, "", message)]) from None
    lines = [_Line(line, None, None) for line in text.replace("\r\n", "\n").split("\n")]
    return Read(_paragraphs(lines, left_out, pdf=False), left_out)


def _docx(path: Path, left_out: list[tuple[str, str]]) -> list[Block]:
    import docx

    stream = read_zip(path, MAX_DOCX_BYTES, 100_000_000, "Word 文件")
    try:
        document = docx.Document(stream)
    except Exception:  # whatever python-docx makes of a damaged file: the user's file is bad
        message = "不是可读取的 Word 文件（文件已损坏，或不是 .docx 格式）"
        raise InputError([Problem(str(path), 0, 0, "", message)]) from None
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    from perfgen.reading.word_tables import table_rows

    where = str(path)
    body = getattr(document.element, "body", None)  # absent, or not WordprocessingML at all
    if body is None:
        strict = "purl.oclc.org/ooxml" in str(document.element.tag)
        message = (
            "是 Strict Open XML 格式的 Word 文件，无法读取；请在 Word 中另存为普通 .docx"
            if strict
            else "Word 文件中没有正文（w:body），无法读取"
        )
        raise InputError([Problem(where, 0, 0, "", message)])
    children = list(body.iterchildren())
    if len(children) > MAX_PARAGRAPHS:
        message = f"Word 文件有 {len(children)} 段，超过可读取的 {MAX_PARAGRAPHS} 段上限"
        raise InputError([Problem(where, 0, 0, "", message)])
    blocks: list[Block] = []
    lines: list[_Line] = []

    def flush() -> None:
        # a run of paragraphs, joined by the same joiner as a text file's lines: a Word file
        # with one paragraph per printed line (a PDF pasted into Word) reads as the text does
        for block in _paragraphs(lines, left_out, pdf=False):
            blocks.append(Block(block.text, None, len(blocks) + 1))
        lines.clear()

    tables = 0
    for number, child in enumerate(children, 1):
        tag = str(child.tag).rsplit("}", 1)[-1]
        if tag == "p":
            try:
                paragraph = Paragraph(child, document)
                style = paragraph.style.name if paragraph.style is not None else ""
                text = paragraph.text
            except Exception:  # whatever python-docx or lxml make of a damaged paragraph
                message = "Word 文件的这一段已损坏，无法读取"
                raise InputError([Problem(where, 0, 0, f"第 {number} 段", message)]) from None
            numbered = child.find(".//" + qn("w:numPr")) is not None
            alone = numbered or str(style).lower().startswith(("heading", "title", "标题"))
            lines.append(_Line(text.replace("\n", ""), None, None, alone))
        elif tag == "tbl":
            flush()
            tables += 1
            for row in table_rows(child, tables, where):
                cells = tuple(squeeze(text.replace("\n", "")) for text in row)
                if any(cells):
                    blocks.append(Block(" | ".join(cells), None, len(blocks) + 1, cells))
    flush()
    return blocks


def _pdf_lines(path: Path) -> list[_Line]:
    from perfgen.reading.pdf import pdf_lines

    return [_Line(text, page, indented) for text, page, indented in pdf_lines(path)]


def _width(text: str) -> int:
    """Display width in half characters: a Chinese or full-width character 2, any other 1."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _running_headers(lines: list[_Line]) -> set[str]:
    """Short lines that open three or more pages: running headers."""
    firsts: Counter[str] = Counter()
    seen_page: set[int | None] = set()
    for line in lines:
        text = line.text.strip()
        if line.page is None or line.page in seen_page or not text or PAGE_NUMBER.match(text):
            continue
        seen_page.add(line.page)
        firsts[text] += 1
    return {text for text, n in firsts.items() if n >= 3 and len(text) <= 40}


_RUN_TOGETHER = re.compile(
    r"\s+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}、"
    r"|[（(]\d{1,2}[）)])[^\s\d])"
)
"""Where a page's text flattened onto one line (a web page's PDF viewer) starts a numbered
paragraph: a space, then a heading number."""


def _run_together(text: str) -> list[str]:
    """A line that holds a whole page (over 300 characters, spaces where its lines broke), cut
    before each heading number; any other line as it is."""
    if len(text) <= 300:
        return [text]
    return [piece for piece in _RUN_TOGETHER.split(text) if piece.strip()]


def _wrapped(widths: list[int]) -> bool:
    """Whether lines of these display widths are printed lines (wrapped at a common width),
    not paragraphs: enough of them, at least 30% within a character of the commonest width."""
    if len(widths) < 4:
        return False
    full = _full(widths)
    return full >= 30 and sum(abs(w - full) <= 3 for w in widths) >= 0.3 * len(widths)


def _full(widths: list[int]) -> int:
    common = Counter((w + 1) // 2 for w in widths).most_common(1)  # in whole characters
    return 2 * common[0][0] if common else 0


def _paragraphs(lines: list[_Line], left_out: list[tuple[str, str]], *, pdf: bool) -> list[Block]:
    headers = _running_headers(lines)
    marked: list[_Line | None] = []  # None: a blank line
    for line in lines:
        text = line.text.strip()
        if not text:
            marked.append(None)
        elif text in headers:
            left_out.append((text, "页眉"))
        elif reason := chrome(text):
            left_out.append((text, reason))
        else:
            marked.extend(
                _Line(piece, line.page, line.indented, line.alone) for piece in _run_together(text)
            )
    kept = [line for line in marked if line is not None]
    # a blank line ends a paragraph, unless (nearly) every line is followed by one: then it is
    # only line spacing
    spacing = pdf or len(marked) - len(kept) >= 0.6 * len(kept)
    gap_after: list[bool] = []
    for n, item in enumerate(marked):
        if item is not None:
            gap_after.append(not spacing and n + 1 < len(marked) and marked[n + 1] is None)
    widths = [_width(squeeze(line.text)) for line in kept]
    full = _full(widths)
    wrapped = _wrapped(widths) or (bool(widths) and pdf)
    blocks: list[Block] = []
    current: list[str] = []
    page: int | None = None

    def close() -> None:
        nonlocal current
        text = squeeze("".join(current))
        if text:
            blocks.append(Block(text, page, len(blocks) + 1))
        current = []

    for index, line in enumerate(kept):
        text = line.text.rstrip()
        starts = (
            line.alone
            or bool(line.indented and pdf)
            or bool(_HEADING_START.match(text))
            or bool(_ALONE.match(squeeze(text)))
        )
        if current and starts:
            close()
        if not current:
            page = line.page
        current.append(text.strip())
        following = kept[index + 1] if index + 1 < len(kept) else None
        if following is None:
            break
        if line.alone or following.alone:
            close()  # a Word heading or numbered paragraph stands alone
            continue
        if _ALONE.match(squeeze(text)) or _ALONE.match(squeeze(following.text)):
            close()  # an attachment label or a date stands alone, and so does what precedes it
            continue
        if pdf:
            continue  # the next line's indent decides
        ends = closed(squeeze(text))
        if gap_after[index]:
            close()  # a blank line between paragraphs
            continue
        if not wrapped:
            # one paragraph a line; a long line without closing punctuation was cut (a page
            # break) and continues, a short one (a title, a heading, a form's cell) stands alone;
            # so does a long one before a short line without closing punctuation: the rest of a
            # cut sentence would end it, so that line is a form's next cell (“年度主要”)
            cut = (
                not ends
                and widths[index] >= 40
                and not (widths[index + 1] < 40 and not closed(squeeze(following.text)))
                and not _HEADING_START.match(following.text)
                and not _TITLE_END.search(text)
                and not _LABELLED.match(following.text.strip())
            )
            if not cut:
                close()
            continue
        short = widths[index] < full - 3
        heading = _HEADING_START.match(text) and widths[index] <= 0.75 * full
        if short and (ends or heading):
            close()
    close()
    return blocks
