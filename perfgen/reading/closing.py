"""Parts 三 四 五 of a report read back: problems and measures (一是…；二是…, numbered
paragraphs, or （一） titled items), attachments and the signature."""

from __future__ import annotations

import re
from typing import Any

from perfgen.locations import FieldPath
from perfgen.reading.outline import POINT, SECTION, Part, Section, clean_title
from perfgen.reading.placing import Placer
from perfgen.reading.source import Block

_ORDINAL = re.compile(r"(?:^|(?<=[；;。，,]))\s*[一二三四五六七八九十]{1,3}是")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


class ClosingReader(Placer):
    """The readers of parts 三 四 五."""

    def part_problems(self, part: Part) -> None:
        self.enumerated(("problems",), [b for s in part.sections for b in _with_heading(s)])

    def part_measures(self, part: Part) -> None:
        self.enumerated(("measures",), [b for s in part.sections for b in _with_heading(s)])

    def part_attachments(self, part: Part) -> None:
        blocks = [b for s in part.sections for b in s.blocks]
        if blocks and (date := _DATE.match(blocks[-1].text)):
            import datetime as dt

            try:
                signed = dt.date(*map(int, date.groups()))
            except ValueError:
                self.missed.append((blocks[-1], f"落款日期“{blocks[-1].text}”不是有效日期"))
                signed = None
            self.origins[("signature", "date")] = blocks[-1]
            date_block, blocks = blocks[-1], blocks[:-1]
            unit = self.data["unit"]["name"]
            if blocks and len(blocks[-1].text) <= 30 and not blocks[-1].text.endswith("。"):
                unit = blocks[-1].text
                self.origins[("signature", "unit")] = blocks[-1]
                blocks = blocks[:-1]
            else:
                self.notes[("signature", "unit")] = ("", "原文落款没有单位名称，取标题中的单位")
            if signed is not None:
                self.data["signature"] = {"unit": unit, "date": signed}
                self.origins[("signature",)] = date_block
        names = [b.text for b in blocks]
        if names:
            self.data["attachments"] = names

    def enumerated(self, path: FieldPath, blocks: list[Block]) -> None:
        """Problems or measures: “一是…；二是…” split into items, numbered paragraphs as items,
        （一） headings as titled items."""
        titled = [b for b in blocks if SECTION.match(b.text) and len(b.text) <= 30]
        if titled:
            self.points_as_items(path, blocks)
            return
        numbered = [b for b in blocks if POINT.match(b.text)]
        if numbered and len(numbered) == len(blocks):
            self.items(path, blocks)
            self.data.setdefault("settings", {}).setdefault("list_styles", {})[path[-1]] = (
                "numbered"
            )
            return
        items: list[str] = []
        for block in blocks:
            parts = [p.strip() for p in _ORDINAL.split(block.text) if p.strip()]
            for text in parts if len(parts) == 1 else [p.rstrip("。；;，,") for p in parts]:
                self.origins[(*path, len(items))] = block
                items.append(text)
        self.data[path[0]] = items

    def points_as_items(self, path: FieldPath, blocks: list[Block]) -> None:
        items: list[dict[str, Any]] = []
        for block in blocks:
            match = SECTION.match(block.text)
            if match and len(block.text) <= 30 and clean_title(match[2]):
                items.append({"title": clean_title(match[2])})
                self.origins[(*path, len(items) - 1)] = block
            elif items:
                items[-1].setdefault("text", []).append(block.text)
            else:
                items.append({"text": [block.text]})
        self.data[path[0]] = items


def _with_heading(section: Section) -> list[Block]:
    return ([section.heading] if section.heading else []) + section.blocks
