"""The Word writer: report Markdown → a .docx laid out as an official document (GB/T 9704).

Public functions: :func:`render` (Markdown and :class:`~perfgen.writers.DocumentInfo` → bytes)
and :func:`reference_document` (the style sample for ``--reference-doc``), both in
:mod:`~perfgen.writers.docx.document`. The modules, bottom up: :mod:`~.styles` (the one style
table), :mod:`~.layout` (page setup, headers, footers), :mod:`~.base` (the styled base package,
built once and cached), :mod:`~.inline` (runs), :mod:`~.table`, :mod:`~.comments` (a draft's
notes), :mod:`~.title_lines` (the title split over lines), :mod:`~.dump` (a .docx as readable
text, for snapshot tests).
"""

from perfgen.writers.docx.document import reference_document, render

__all__ = ["reference_document", "render"]
