"""A draft's notes as Word comments (``render --draft``), written as python-docx writes them.

Each note is a ``w:comment`` in ``word/comments.xml`` (the part the draft's base package has,
:func:`perfgen.writers.docx.layout.add_draft_mark`), anchored on the runs of its paragraph by
``w:commentRangeStart``/``w:commentRangeEnd`` and a ``w:commentReference`` run, so Word's
comment pane and LibreOffice show it beside the text it blames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from perfgen.writers.docx.inline import run_content
from perfgen.writers.notes import Note

COMMENTS = "word/comments.xml"
AUTHOR = "perfgen"
INITIALS = "pg"


def commented(content: str, numbers: Sequence[int]) -> str:
    """A paragraph's runs ``content`` inside the ranges of the comments ``numbers``."""
    if not numbers:
        return content
    starts = "".join(f'<w:commentRangeStart w:id="{n}"/>' for n in numbers)
    ends = "".join(
        f'<w:commentRangeEnd w:id="{n}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
        f'</w:rPr><w:commentReference w:id="{n}"/></w:r>'
        for n in numbers
    )
    return starts + content + ends


def _comment(number: int, note: Note, stamp: str) -> str:
    paragraphs = []
    for k, line in enumerate(note.text.split("\n")):
        mark = (
            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
            if k == 0
            else ""
        )
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{mark}'
            f"<w:r>{run_content(line)}</w:r></w:p>"
        )
    return (
        f'<w:comment w:id="{number}" w:author="{AUTHOR}" w:initials="{INITIALS}" '
        f'w:date="{stamp}">{"".join(paragraphs)}</w:comment>'
    )


def comments_part(empty: bytes, notes: Sequence[Note], date: dt.date | None) -> bytes:
    """``word/comments.xml`` holding ``notes`` (comment ``n`` is ``notes[n]``).

    Args:
        empty: The base package's empty comments part.
        notes: The draft's notes.
        date: The date stamped on each comment (the report's, so equal input gives equal
            bytes).
    """
    stamp = (date or dt.date(2000, 1, 1)).strftime("%Y-%m-%dT00:00:00Z")
    xml = empty.decode("utf-8").rstrip()
    body = "".join(_comment(n, note, stamp) for n, note in enumerate(notes))
    if xml.endswith("/>"):
        xml = xml[:-2] + "></w:comments>"
    end = xml.rindex("</w:comments>")
    return (xml[:end] + body + xml[end:]).encode("utf-8")
