"""``perfgen batch`` skips an unchanged unit before reading it, and makes it again when anything
it was made from changed: its YAML, its 自评表 workbook, its shared settings, the templates,
the reference document, perfgen itself, or the output (changed or removed)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA

import perfgen
from perfgen.batch import Options, manifest, plan, run
from perfgen.cli import main
from perfgen.pipeline import examining
from perfgen.templating.bundled import bundled_dir
from perfgen.writers.summary import Outcome

FIXTURE = Path(__file__).parent / "fixtures" / "with-table.yaml"
BUREAU = "settings:\n  percent_decimals: 1\n"


@pytest.fixture
def units(tmp_path: Path) -> Path:
    """A folder of two units: one naming its 自评表 workbook (t.xlsx) and a shared settings
    file (bureau.yaml), and the NPC sample."""
    folder = tmp_path / "units"
    folder.mkdir()
    result = CliRunner().invoke(main, ["table", str(FIXTURE), "-o", str(folder / "t.xlsx")])
    assert result.exit_code == 0, result.output
    text = FIXTURE.read_text(encoding="utf-8")
    table = text[text.index("  table:") : text.index("problems:")]
    text = text.replace(table, "  table: {xlsx: t.xlsx}\n")
    text = text.replace("year: 2023\n", "year: 2023\nsettings_file: bureau.yaml\n")
    text = text.replace("各项绩效目标。", "各项绩效目标")  # a warning: unterminated
    (folder / "tabled.yaml").write_text(text, encoding="utf-8")
    (folder / "bureau.yaml").write_text(BUREAU, encoding="utf-8")
    shutil.copy(DATA / "nansha-npc-office-2023.yaml", folder / "npc.yaml")
    return folder


FORMATS = ("md", "docx")


def _options(units: Path, **given: object) -> Options:
    templates = units.parent / "templates"
    return Options(formats=FORMATS, templates=templates if templates.exists() else None, **given)  # type: ignore[arg-type]


def _run(units: Path, out: Path, **given: object) -> dict[str, Outcome]:
    outcomes = run(
        [u for u in plan([units]) if u.name != "bureau"], out, _options(units, **given), 1
    )
    return {o.name: o for o in outcomes}


def _fresh(units: Path, name: str, fmt: str, tmp_path: Path) -> bytes:
    """What ``perfgen render`` of the unit writes now, alone."""
    target = tmp_path / f"alone-{name}.{fmt}"
    options = _options(units)
    perfgen.render(units / f"{name}.yaml", target, templates=options.templates)
    return target.read_bytes()


def test_an_unchanged_unit_is_skipped_without_being_read(
    units: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = _run(units, out)
    assert {o.status for o in first.values()} == {"done"}
    summary = json.loads((out / "汇总.json").read_text(encoding="utf-8"))

    def unread(path: object) -> object:
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(examining, "load_file", unread)
    again = _run(units, out)
    assert {o.status for o in again.values()} == {"skipped"}
    # the summary of a skipped unit says what the render said: figures, findings, outputs
    for name, outcome in again.items():
        made = first[name]
        assert (outcome.figures, outcome.findings, outcome.outputs) == (
            made.figures,
            made.findings,
            made.outputs,
        )
        assert made.figures["unit"] and made.figures["year"] == "2023"
    assert first["npc"].figures["income"] == "2514.62"
    assert [f[1] for f in again["tabled"].findings] == ["unterminated"]
    resumed = json.loads((out / "汇总.json").read_text(encoding="utf-8"))
    for record in summary["units"]:
        record["status"] = "未变，跳过"
    assert resumed == summary


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _change_workbook(units: Path) -> None:
    changed = units.parent / "changed.yaml"
    changed.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("actual: 88,", "actual: 87,"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["table", str(changed), "-o", str(units / "t.xlsx")])
    assert result.exit_code == 0, result.output


def _change_templates(units: Path) -> None:
    templates = units.parent / "templates"
    templates.mkdir(exist_ok=True)
    # the bundled template, wherever the package is installed (a wheel keeps them inside it)
    report = (bundled_dir() / "report.md.jinja").read_text(encoding="utf-8")
    (templates / "report.md.jinja").write_text(report + "\n附：模板改动\n", encoding="utf-8")


CHANGES: dict[str, tuple[Callable[[Path], None], set[str]]] = {
    "the YAML": (lambda u: _edit(u / "npc.yaml", "2514.62", "2514.63"), {"npc"}),
    "the workbook": (_change_workbook, {"tabled"}),
    "the shared settings": (
        lambda u: _edit(u / "bureau.yaml", "percent_decimals: 1", "percent_decimals: 2"),
        {"tabled"},
    ),
    "the templates": (_change_templates, {"npc", "tabled"}),
    "an output changed": (
        lambda u: (u.parent / "out" / "npc.md").write_text("改", "utf-8"),
        {"npc"},
    ),
    "an output removed": (lambda u: (u.parent / "out" / "tabled.docx").unlink(), {"tabled"}),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_unit_is_made_again_when_what_it_was_made_from_changed(
    units: Path, tmp_path: Path, change: str
) -> None:
    out = tmp_path / "out"
    assert {o.status for o in _run(units, out).values()} == {"done"}
    act, remade = CHANGES[change]
    act(units)
    again = _run(units, out)
    assert {name for name, o in again.items() if o.status == "done"} == remade
    assert {name for name, o in again.items() if o.status == "skipped"} == {
        "npc",
        "tabled",
    } - remade
    for name in ("npc", "tabled"):  # every output is what a render now writes
        for fmt in FORMATS:
            assert (out / f"{name}.{fmt}").read_bytes() == _fresh(units, name, fmt, tmp_path)
    assert {o.status for o in _run(units, out).values()} == {"skipped"}


def test_a_unit_whose_workbook_is_gone_fails_again(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(units, out)
    (units / "t.xlsx").unlink()
    again = _run(units, out)
    assert (again["tabled"].status, again["npc"].status) == ("failed", "skipped")
    assert "t.xlsx" in again["tabled"].failure


def test_the_batch_is_made_again_for_another_perfgen_or_reference_document(
    units: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _run(units, out)
    monkeypatch.setattr(manifest, "_version", lambda: "99.0")
    assert {o.status for o in _run(units, out).values()} == {"done"}
    reference = tmp_path / "样式.docx"
    assert CliRunner().invoke(main, ["reference-doc", "-o", str(reference)]).exit_code == 0
    assert {o.status for o in _run(units, out, reference_doc=reference).values()} == {"done"}
    assert {o.status for o in _run(units, out, reference_doc=reference).values()} == {"skipped"}
    strict = _run(units, out, strict=True)  # its warning now stops the unit with the table
    assert (strict["npc"].status, strict["tabled"].status) == ("done", "failed")


def test_an_older_manifest_makes_every_unit_again_over_its_own_files(
    units: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _run(units, out)
    record = json.loads((out / manifest.MANIFEST).read_text(encoding="utf-8"))
    old = {name: {"key": e["key"], "outputs": e["outputs"]} for name, e in record["units"].items()}
    (out / manifest.MANIFEST).write_text(json.dumps({"version": 1, "units": old}), "utf-8")
    assert {o.status for o in _run(units, out).values()} == {"done"}
    assert {o.status for o in _run(units, out).values()} == {"skipped"}
