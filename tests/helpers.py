"""Test helpers: where the samples are, a minimal valid input, inputs made from data, and the
field paths of plain data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import perfgen
from perfgen.locations import Source

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


def read(data: dict[str, Any], file: str = "dept.yaml") -> perfgen.Input:
    """Validate plain data as the pipeline validates a loaded file (no positions)."""
    return perfgen.validate(Source(file, data))


def compose(data: dict[str, Any], templates: Path | None = None) -> str:
    """The Markdown of plain data, through validate → derive → compose."""
    source = read(data)
    return perfgen.compose(source, perfgen.derive(source), templates)


def finances(**parts: Any) -> dict[str, Any]:
    """``basic_info`` with the given finance blocks."""
    return {"functions": {}, "annual_work": {}, "finances": parts}


def schema_errors(data: Any) -> list[str]:
    """Where the JSON Schema refuses ``data`` (loaded YAML), as ``path: keyword`` lines."""
    import jsonschema

    from perfgen.input.schema import json_schema

    validator = jsonschema.Draft7Validator(json_schema())
    return sorted(
        f"{'/'.join(map(str, e.absolute_path))}: {e.validator}"
        for e in validator.iter_errors(_as_json(data))
    )


def _as_json(data: Any) -> Any:
    """Loaded data as a YAML editor sees it: dates are strings (Decimals are numbers already)."""
    if isinstance(data, dict):
        return {key: _as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_json(value) for value in data]
    return data.isoformat() if isinstance(data, dt.date) else data


def found(data: dict[str, Any], rule: str | None = None) -> list[tuple[str, str, str]]:
    """(rule, dotted path, message) of each finding ``perfgen.check`` makes on plain data, on
    2025-06-01; only those of ``rule`` when given."""
    from perfgen.locations import dotted

    source = read(data)
    findings = perfgen.check(source, perfgen.derive(source), dt.date(2025, 6, 1))
    return [(f.rule, dotted(f.path), f.message) for f in findings if rule is None or f.rule == rule]


def folder_state(folder: Path) -> dict[str, object]:
    """Every entry below ``folder``: a file's bytes and mode, a link's target, another kind's
    type; what a command that fails must leave exactly as it was."""
    import os
    import stat

    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        status = path.lstat()
        name = str(path.relative_to(folder))
        if stat.S_ISLNK(status.st_mode):
            out[name] = ("link", os.readlink(path))
        elif stat.S_ISREG(status.st_mode):
            out[name] = ("file", path.read_bytes(), stat.S_IMODE(status.st_mode))
        else:
            out[name] = ("other", stat.S_IFMT(status.st_mode))
    return out


def pdf_bytes(text: bytes = b"Report 2023", second: bytes = b"") -> bytes:
    """A two-page PDF written by hand (one line of Latin text on page 1; page 2 is
    ``second``, an empty page unless given): no PDF writer needed."""
    content = b"BT /F1 12 Tf 72 700 Td (" + text + b") Tj ET"
    page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R 6 0 R]/Count 2>>",
        page + b"/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        second or page + b">>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


class Hang(BaseException):
    """A command ran longer than its harness allows (not an Exception: CliRunner lets it
    through)."""


class Harness:
    """What a property test over the command line shares: each command run under an alarm and
    its exit code counted, the guarantees every example keeps, hypothesis' settings, and the
    report of counts and peak memory.

    Args:
        total: Examples in all (shared among the tests by ``share``).
        report_variable: The environment variable naming the JSON report's file.
        hang_seconds: A command running longer is a hang.
    """

    def __init__(self, total: int, report_variable: str, hang_seconds: int = 30) -> None:
        import collections

        self.total, self.report_variable, self.hang_seconds = total, report_variable, hang_seconds
        self.stats: collections.Counter[str] = collections.Counter()

    def invoke(self, label: str, args: list[str]) -> Any:
        """Run ``perfgen args`` with a hang alarm, counting its exit code under ``label``."""
        import signal

        from click.testing import CliRunner
        from hypothesis import event

        from perfgen.cli import main

        def alarm(_signum: int, _frame: object) -> None:
            raise Hang

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.alarm(self.hang_seconds)
        try:
            result = CliRunner().invoke(main, args)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        self.stats[f"{label} exit {result.exit_code}"] += 1
        event(f"{label} exit {result.exit_code}")
        return result

    @staticmethod
    def assert_clean(result: Any, before: dict[str, object], folder: Path) -> None:
        """Exit 0 or 1, no traceback, nothing changed on failure, no temporary file."""
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert "Traceback" not in result.output
        after = folder_state(folder)
        assert not [name for name in after if name.endswith(".tmp")], after.keys()
        if result.exit_code != 0:
            assert result.output.strip()
            assert after == before, result.output

    def settings(self, share: float) -> Any:
        """hypothesis' settings for a test taking ``share`` of the examples."""
        from hypothesis import HealthCheck, settings

        return settings(
            max_examples=max(1, int(self.total * share)),
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            database=None,
        )

    def report(self) -> None:
        """Write the counts and the peak memory when the report variable names a file."""
        import json
        import os
        import resource

        target = os.environ.get(self.report_variable)
        if target:
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            stats = dict(sorted(self.stats.items()))
            summary = {"examples": stats, "peak_rss_mb": round(peak_kb / 1024)}
            Path(target).write_text(json.dumps(summary, ensure_ascii=False, indent=1), "utf-8")


def field_names() -> frozenset[str]:
    """Every field name of the input model (``target``, ``basic_info``, ``sample_size`` …),
    taken from the model itself, as a YAML key is written (its alias when it has one)."""
    from perfgen.input.introspect import nested_models
    from perfgen.input.model import Report

    return frozenset(
        field.alias or name
        for model in nested_models(Report)
        for name, field in model.model_fields.items()
    )


def audit_lines(path: Path, rule: str, *, everything: bool = False) -> list[str]:
    """The lines of ``perfgen audit`` (``--all`` with ``everything``) on ``path`` that report
    ``rule``; a traceback fails the test."""
    from click.testing import CliRunner

    from perfgen.cli import main

    result = CliRunner().invoke(main, ["audit", *(["--all"] if everything else []), str(path)])
    assert "Traceback" not in result.output
    return [line for line in result.output.splitlines() if f"[{rule}]" in line]


def published_report(tmp_path: Path, *lines: str) -> Path:
    """A published report's text, one paragraph per line, written by the test as 报告.txt."""
    path = tmp_path / "报告.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def field_paths(data: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every field path in plain data (dicts and lists), containers included, ``()`` first."""
    found: list[tuple[object, ...]] = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += field_paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += field_paths(value, (*path, i))
    return found
