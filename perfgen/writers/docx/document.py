"""Word writer: report Markdown to a .docx laid out after GB/T 9704 (docs/domain.md, “Layout
of a Word report”).

The styled, empty package is prepared once per process and settings
(:mod:`perfgen.writers.docx.base`); a render writes only the body of ``word/document.xml`` as
text, walking the Markdown tokens once, and the core properties, then zips the package in one
pass. The cost is linear in the report; the bytes are deterministic (fixed zip timestamps,
properties from the data) and the XML is element for element what python-docx writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from markdown_it.token import Token

from perfgen.writers import DocumentInfo, zip_parts
from perfgen.writers.docx.base import (
    AUTHOR_MARK,
    CORE,
    DATE_TEXT,
    DOCUMENT,
    TITLE_MARK,
    base,
)
from perfgen.writers.docx.comments import COMMENTS, commented, comments_part
from perfgen.writers.docx.inline import plain_text, run_content, runs, xml_text
from perfgen.writers.docx.sections import (
    SECTION_END,
    ending,
    section_properties,
    text_width,
    turned,
)
from perfgen.writers.docx.styles import BODY_PT, LINE_PITCH_TWIPS, TEXT_WIDTH_TWIPS
from perfgen.writers.docx.table import (
    is_caption,
    keep_closing_lines,
    table,
    wanted_width,
)
from perfgen.writers.docx.title_lines import balanced_lines
from perfgen.writers.notes import place
from perfgen.writers.pipe_tables import TABLE, table_of
from perfgen.writers.tokens import parse
from perfgen.writers.widths import width

ROLE_STYLES = {"label": "Attachment Label", "signature": "Signature"}

TWIPS_PER_POINT = 20


def _paragraph(
    style_id: str | None,
    content: str,
    *,
    spacing: str = "",
    indent: str = "",
    keep_next: bool = False,
) -> str:
    """A ``w:p`` with its style, spacing and indent (in schema order), kept on the page of the
    next block when ``keep_next``."""
    style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    keep = "<w:keepNext/>" if keep_next else ""
    properties = f"{style}{keep}{spacing}{indent}"
    ppr = f"<w:pPr>{properties}</w:pPr>" if properties else "<w:pPr/>"
    return f"<w:p>{ppr}{content}</w:p>"


class _Body:
    """Walks block tokens once and writes the body's paragraphs and tables.

    Heading and paragraph numbers are already text (:func:`perfgen.markdown.number_outline`);
    a list a custom template writes is laid out as its paragraphs. A block a draft's note is
    placed on (``meta["notes"]``, :func:`perfgen.writers.notes.place`) carries its comments.
    """

    def __init__(self, style_ids: Mapping[str, str | None], sect_pr: str) -> None:
        self.style_ids = style_ids
        self.out: list[str] = []
        self.signature: list[tuple[int, Token, str]] = []
        self.portrait = sect_pr
        self.landscape = turned(sect_pr)
        self.turned = False
        self.widths = {
            False: text_width(self.portrait, TEXT_WIDTH_TWIPS),
            True: text_width(self.landscape, TEXT_WIDTH_TWIPS),
        }

    def build(self, tokens: list[Token]) -> str:
        """The body's XML; :attr:`turned` says whether its last section is landscape."""
        starts, ends = self._landscape(tokens)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if i in starts:
                self._end_section(turned=False)
            elif i in ends:
                self._end_section(turned=True)
            if token.type == "heading_open":
                self._heading(token, tokens[i + 1], _notes(token))
            elif token.type == "paragraph_open":
                self._paragraph(token, tokens[i + 1], keep=is_caption(tokens, i))
            elif token.type == TABLE:
                if self.out and self.out[-1].startswith("<w:tbl>"):
                    self.out.append(_paragraph(None, ""))  # else Word joins the two tables
                width = self.widths[self.turned]
                closing = keep_closing_lines(tokens, i + 1)
                self.out.append(
                    table(table_of(token), self.style_ids, width, keep_with_next=closing)
                )
            i += 1
        self._place_signature()
        return "".join(self.out)

    def _landscape(self, tokens: list[Token]) -> tuple[set[int], set[int]]:
        """Where landscape sections start and end (token indexes): each section of the outline
        (heading to next heading) holding a table too wide for the portrait page."""
        headings = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
        starts: set[int] = set()
        ends: set[int] = set()
        for i, token in enumerate(tokens):
            if token.type != TABLE or wanted_width(table_of(token)) <= self.widths[False]:
                continue
            start = max((h for h in headings if h < i), default=0)
            stop = min((h for h in headings if h > i), default=len(tokens))
            starts.add(start)
            if stop < len(tokens):
                ends.add(stop)
        return starts - ends, ends - starts

    def _end_section(self, *, turned: bool) -> None:
        """End the section written so far (portrait, or landscape when ``turned``) and start
        the other: its ``w:sectPr`` goes into its last paragraph."""
        if self.out and self.out[-1].startswith("<w:p>"):
            last = self.out.pop()
        else:
            last = _paragraph(None, "")
        self.out.append(ending(last, self.landscape if turned else self.portrait))
        self.turned = not turned

    def _heading(self, token: Token, inline: Token, notes: list[int]) -> None:
        level = int(token.tag[1])
        if level == 1:
            self._title(plain_text(inline), notes)
            return
        style = self.style_ids[f"Heading {min(level - 1, 4)}"]
        self.out.append(_paragraph(style, commented(runs(inline), notes)))

    def _title(self, text: str, notes: list[int]) -> None:
        lines = [f"<w:r>{run_content(line)}</w:r>" for line in balanced_lines(text)]
        spacing = f'<w:spacing w:after="{LINE_PITCH_TWIPS}"/>'
        content = commented("<w:r><w:br/></w:r>".join(lines), notes)
        self.out.append(_paragraph(self.style_ids["Report Title"], content, spacing=spacing))

    def _paragraph(self, token: Token, inline: Token, *, keep: bool = False) -> None:
        role = token.meta.get("role", "")
        content = commented(runs(inline), _notes(token))
        if role == "signature":
            self.signature.append((len(self.out), inline, content))
            self.out.append("")
            return
        style = self.style_ids[ROLE_STYLES.get(role, "Normal")]
        self.out.append(_paragraph(style, content, keep_next=keep or token.meta.get("keep", False)))

    def _place_signature(self) -> None:
        """GB/T 9704 §7.3.5.2 without seal: the unit's name two characters in from the right;
        the date on the next line, its first character two characters right of the name's
        first; if the date is the longer, the date keeps two characters and the name moves
        left. The name is set one line below the text above it."""
        if not self.signature:
            return
        rights = [2.0] * len(self.signature)
        if len(self.signature) > 1:
            name, date = (width(plain_text(inline)) for _, inline, _ in self.signature[:2])
            rights[1] = rights[0] + name - 2 - date
            if rights[1] < 2:
                rights[1] = 2.0
                rights[0] = rights[1] + date + 2 - name
        style = self.style_ids["Signature"]
        for n, ((at, _, content), chars) in enumerate(zip(self.signature, rights, strict=True)):
            indent = _right_indent(chars) if n < 2 else ""
            spacing = f'<w:spacing w:before="{LINE_PITCH_TWIPS}"/>' if n == 0 else ""
            self.out[at] = _paragraph(style, content, spacing=spacing, indent=indent)


def _notes(token: Token) -> list[int]:
    """The numbers of the draft's notes placed on the block ``token`` opens."""
    return list(token.meta.get("notes", ())) if token.meta else []


def _right_indent(chars: float) -> str:
    """A right indent of ``chars`` 三号 characters, in twips and in hundredths of a character."""
    twips = int(BODY_PT * TWIPS_PER_POINT * chars)  # exact: chars is a multiple of ½
    return f'<w:ind w:right="{twips}" w:rightChars="{int(chars * 100)}"/>'


def _core(template: str, info: DocumentInfo) -> str:
    """The core properties: title (at most 255 characters, as Word keeps), author and dates."""
    stamp = (info.date or dt.date(2000, 1, 1)).strftime("%Y-%m-%dT00:00:00Z")
    core = template.replace(TITLE_MARK, xml_text(info.title[:255]))
    return core.replace(AUTHOR_MARK, xml_text(info.author[:255])).replace(DATE_TEXT, stamp)


def render(markdown: str, info: DocumentInfo) -> bytes:
    """Render report Markdown as .docx bytes.

    Args:
        markdown: The composed report.
        info: Title, unit, date, fonts, the optional reference document, and a draft's
            notes (written as comments on the paragraphs they blame).

    Returns:
        Deterministic bytes of the Word file.

    Raises:
        InputError: the reference document cannot be read.
    """
    package = base(info.fonts, info.level3_bold, info.reference_doc, info.draft)
    tokens = parse(markdown)
    if info.notes:
        place(tokens, info.notes)
    sect_pr = section_properties(package.tail)
    writer = _Body(package.style_ids, sect_pr)
    body = writer.build(tokens)
    tail = package.tail
    if writer.turned:  # the last section is landscape: so is the body's own sectPr
        end = tail.index(SECTION_END) + len(SECTION_END)
        tail = writer.landscape + tail[end:]
    parts = {
        DOCUMENT: (package.head + body + tail).encode("utf-8"),
        CORE: _core(package.core, info).encode("utf-8"),
    }
    if info.notes is not None:
        parts[COMMENTS] = comments_part(package.parts[COMMENTS], info.notes, info.date)
    return zip_parts(parts, after=package.fixed)


REFERENCE_SAMPLE = """\
附件 1

# 单位名称2024年部门整体支出绩效自评报告（样式 Report Title）

## 一、一级标题（样式 Heading 1）

### （一）二级标题（样式 Heading 2）

#### 1.三级标题（样式 Heading 3）

##### （1）四级标题（样式 Heading 4）

正文（样式 Normal）。首行缩进两个字符，每页 22 行、每行 28 个字。附件标注用样式 Attachment Label，
表格文字用样式 Table Text，落款用样式 Signature，页码用样式 Footer。

| 表头 | 数值 |
| --- | ---: |
| 表格文字（样式 Table Text） | 1.00 |

---

落款单位（样式 Signature）

2025年6月14日
"""


def reference_document() -> bytes:
    """A .docx showing every style perfgen uses, for a unit to restyle in Word.

    Returns:
        The bytes of the sample document (see :data:`REFERENCE_SAMPLE`).
    """
    return render(REFERENCE_SAMPLE, DocumentInfo(title="perfgen 样式样板"))
