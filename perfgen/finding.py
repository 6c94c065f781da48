"""The verdict of one consistency rule (see :mod:`perfgen.checks`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from perfgen.loader import FieldPath

Level = Literal["error", "warning"]
LEVEL_NAMES = {"error": "错误", "warning": "警告"}


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one place of the input.

    Attributes:
        level: ``error`` (stops ``render``) or ``warning``.
        rule: The rule id, e.g. ``sum-mismatch`` (see docs/checks.md).
        path: The field blamed, e.g. ``("basic_info", "finances", "income", "total")``.
        message: Chinese explanation with the figures involved.
    """

    level: Level
    rule: str
    path: FieldPath
    message: str
