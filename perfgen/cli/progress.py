"""The progress of a long command: a bar on a terminal, one plain line per item in a log."""

from __future__ import annotations

import sys
from typing import Any

import click


class Progress:
    """A progress bar on a terminal; plain lines, one per unit, in a log."""

    def __init__(
        self,
        total: int,
        pdf: bool,
        label: str = "生成报告",
        words: dict[str, str] | None = None,
    ) -> None:
        self.total, self.count, self.pdf_total, self.pdfs = total, 0, 0, 0
        self.terminal = sys.stderr.isatty()
        self.bar: Any = None
        self.expect_pdf = pdf
        self.label = label
        self.words = words or {"done": "已生成", "skipped": "未变，跳过", "failed": "失败"}

    def __enter__(self) -> Progress:
        if self.terminal:
            self.bar = click.progressbar(length=self.total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

    def unit(self, outcome: Any) -> None:
        """One unit is done (or skipped, or failed)."""
        self.count += 1
        if self.expect_pdf and outcome.status == "done":
            self.pdf_total += 1
        if self.bar is not None:
            self.bar.update(1)
            return
        words = self.words[outcome.status]
        click.echo(f"[{self.count}/{self.total}] {outcome.source}: {words}", err=True)

    def pdf(self, name: str) -> None:
        """One unit's PDF is made."""
        self.pdfs += 1
        if self.terminal:
            if self.pdfs == 1 and self.bar is not None:
                self.bar.__exit__(None, None, None)
                self.bar = click.progressbar(
                    length=self.pdf_total, label="转换 PDF", file=sys.stderr
                )
                self.bar.__enter__()
            if self.bar is not None:
                self.bar.update(1)
            return
        click.echo(f"[PDF {self.pdfs}/{self.pdf_total}] {name}.pdf", err=True)
