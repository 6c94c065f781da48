"""Editing a clerk's YAML file in place: comments, key order, quoting and layout kept.

ruamel.yaml's round trip keeps comments, key order and the style of each scalar; the
indentation it writes is one setting for the whole file, so it is read from the file first.
Decimals are written as plain YAML numbers, which perfgen's loader reads back exactly.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter


def like(old: Any, new: str) -> Any:
    """``new`` in the YAML style of ``old`` (plain, quoted, literal block)."""
    return new if type(old) is str else type(old)(new)


def round_tripper(text: str) -> YAML:
    """A ruamel.yaml round-tripper that writes ``text``'s own indentation and quoting back.

    Round-trip mode constructs only plain data (an unknown tag such as ``!!python/…`` stays a
    tagged node, it is never executed), and it only ever sees files that perfgen's safe loader
    (:func:`perfgen.input.loader.load_file`) has already accepted.
    """
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30
    mapping, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    yaml.Representer = _Representer
    return yaml


class _Representer(RoundTripRepresenter):
    """Writes Decimals as plain YAML numbers, as perfgen's loader reads them back."""


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, text)


_Representer.add_representer(Decimal, _represent_decimal)

_KEY_LINE = re.compile(r"^( *)(- )?[^\s#][^:#]*:\s*(#.*)?$")


def _indentation(text: str) -> tuple[int, int]:
    """The file's mapping indent and list-dash offset (data/ files: 2 and 2), found from the
    first nested mapping and the first list in block style."""
    mapping = offset = None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for before, line in itertools.pairwise(lines):
        match = _KEY_LINE.match(before)
        if not match:
            continue
        base = len(match[1]) + (2 if match[2] else 0)
        inner = len(line) - len(line.lstrip(" "))
        if line.lstrip().startswith("- ") and offset is None and inner >= base:
            offset = inner - base
        elif not line.lstrip().startswith("- ") and mapping is None and inner > base:
            mapping = inner - base
    return mapping or 2, 2 if offset is None else offset
