"""Property test: mutated data/ files either render (exit 0, a report) or fail cleanly
(exit 1, a message) — never a traceback, never a partial or stray file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from helpers import DATA, SAMPLES
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from perfgen.cli import main
from perfgen.loader import load_file

ORIGINALS = {name: load_file(DATA / f"{name}.yaml").data for name in SAMPLES}
JUNK: list[Any] = [
    None,
    "",
    "文字",
    "【待填写】",
    "{{ 7*7 }}",
    "# 标题",
    0,
    -1,
    2023,
    True,
    [],
    {},
    ["a"],
    {"x": 1},
    Decimal("1.5"),
    Decimal("-0.01"),
    Decimal("1e20"),
    Decimal("100.001"),
    dt.date(2023, 6, 14),
    "2023-13-45",
    "≥",
    "定性",
    "\x07",
]


class _Dumper(yaml.SafeDumper):
    """Writes Decimals back as plain YAML numbers."""


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _parent(root: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        root = root[key]
    return root


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A data/ file with one to three mutations, as YAML text (possibly truncated)."""
    data = yaml.safe_load(yaml.dump(ORIGINALS[draw(st.sampled_from(SAMPLES))], Dumper=_Dumper))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path), path[-1]
        kind = draw(st.sampled_from(["drop", "rename", "retype", "insert"]))
        if kind == "drop":
            del parent[key]
        elif kind == "rename" and isinstance(parent, dict):
            parent[str(key) + draw(st.sampled_from(["_", "x", "s"]))] = parent.pop(key)
        elif kind == "retype":
            parent[key] = draw(st.sampled_from(JUNK))
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["junk", "note", "total", "text"]))] = draw(
                st.sampled_from(JUNK)
            )
        else:
            parent.insert(draw(st.integers(0, len(parent))), draw(st.sampled_from(JUNK)))
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()) and draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=mutated(), fmt=st.sampled_from(["md", "md", "html", "docx"]))
def test_mutated_input_renders_or_fails_cleanly(tmp_path_factory: Any, text: str, fmt: str) -> None:
    directory: Path = tmp_path_factory.mktemp("mut")
    source = directory / "dept.yaml"
    source.write_text(text, encoding="utf-8")
    output = directory / f"dept.{fmt}"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(output)])
    assert result.exit_code in (0, 1), result.output
    event(f"exit {result.exit_code}")
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert output.stat().st_size > 0
        assert sorted(p.name for p in directory.iterdir()) == sorted(["dept.yaml", output.name])
    else:
        assert result.stderr.strip()
        assert [p.name for p in directory.iterdir()] == ["dept.yaml"]
