"""Which sections of the report print a field: for a draft's notes (the paragraph a finding is
placed on) and for grouping findings by the part of the report they concern."""

from __future__ import annotations

from collections.abc import Mapping

from perfgen.locations import FieldPath

CONCLUSION_FIELDS = frozenset({"score", "grade", "conclusion", "achievements", "scope"})
"""Fields of ``evaluation`` printed in the 自评结论 section."""

ALIASES = {"management_efficiency": ("task_completion",), "duty_effectiveness": ("outcomes",)}
"""Sections whose title the legacy outline takes from another key (settings.PRESET_TITLES)."""


def section_keys(path: FieldPath, titles: Mapping[str, str]) -> tuple[str, ...]:
    """The title keys of the sections that print ``path``, the most specific first.

    ``("basic_info", "finances", "income", "total")`` → ``("finances", "basic_info")``;
    ``evaluation.score`` → the conclusion; ``evaluation.table`` → the attachments.
    """
    keys: list[str] = []
    for depth, key in enumerate(path):
        if not isinstance(key, str):
            continue
        if depth == 1 and path[0] == "evaluation" and key == "table":
            found: tuple[str, ...] = ("attachments",)
        elif depth == 1 and path[0] == "evaluation" and key in CONCLUSION_FIELDS:
            found = ("conclusion",)
        elif key in titles:
            found = (key, *ALIASES.get(key, ()))
        else:
            continue
        keys[:0] = found
    return tuple(keys)


def part_of(path: FieldPath, titles: Mapping[str, str]) -> str:
    """The heading of the outermost section that prints ``path`` (“部门基本情况”), or "" when no
    section does (the title, the unit, the settings)."""
    keys = section_keys(path, titles)
    return titles.get(keys[-1], "") if keys else ""
