"""The output formats, named once: by ``render``, ``table``, ``batch``, the writers and the CLI.

A format's name is its file suffix. The report's formats are written from its composed Markdown
(:func:`perfgen.writers.render_bytes`); the 自评表 alone is written from the figures
(:mod:`perfgen.writers.xlsx`, ``perfgen table`` and ``batch -f xlsx``).
"""

from __future__ import annotations

REPORT_FORMATS = ("docx", "md", "html", "pdf")
"""The report's formats (``perfgen render -f``)."""

TABLE_FORMAT = "xlsx"
"""The 自评表 as an Excel workbook."""

FORMATS = (*REPORT_FORMATS, TABLE_FORMAT)
"""Every format perfgen writes (``perfgen batch -f``)."""

BINARY_FORMATS = ("docx", "pdf", TABLE_FORMAT)
"""Formats that cannot go to a terminal."""

SNAPSHOT_FORMATS = ("docx", "md", "html")
"""What the pytest plugin returns as text (:mod:`perfgen.testing`): Word as its readable dump
(:mod:`perfgen.writers.docx.dump`), Markdown and HTML as they are."""
