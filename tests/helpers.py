"""Test helpers: where the samples are, and a minimal valid input."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent.parent / "data"
SAMPLES = sorted(p.stem for p in DATA.glob("*.yaml"))


def minimal(**overrides: object) -> dict[str, object]:
    """The smallest valid input as plain data; keyword arguments replace top-level keys."""
    data: dict[str, object] = {
        "unit": {"name": "测试单位", "short_name": "本办"},
        "year": 2024,
        "basic_info": {"functions": {}, "annual_work": {}, "finances": {}},
        "evaluation": {"score": 95},
        "problems": ["问题甲"],
        "measures": ["措施甲"],
    }
    data.update(overrides)
    return data
