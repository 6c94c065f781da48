"""perfgen templates list and export: the bundled templates as a unit's starting point."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from perfgen.cli import main
from perfgen.templating.composition import template_dirs

BUNDLED = template_dirs()[-1]
NAMES = sorted(p.relative_to(BUNDLED).as_posix() for p in BUNDLED.rglob("*.jinja"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_shows_every_template_with_its_purpose() -> None:
    code, out, _ = run("templates", "list")
    assert code == 0
    lines = out.splitlines()
    assert sorted(line.split()[0] for line in lines) == NAMES
    income = next(line for line in lines if line.startswith("sentences/income.md.jinja"))
    assert income.split(None, 1)[1] == "收入：总收入及同比增减和原因，各项收入及其占总收入的比重。"
    assert "Reads" not in out and "docs/domain.md" not in out
    assert all(len(line.split(None, 1)) == 2 for line in lines)  # no template without purpose


def test_export_all_copies_every_template_byte_for_byte(tmp_path: Path) -> None:
    code, _, err = run("templates", "export", str(tmp_path / "mine"))
    assert code == 0
    written = sorted(p.relative_to(tmp_path / "mine").as_posix() for p in tmp_path.rglob("*.jinja"))
    assert written == NAMES
    for name in NAMES:
        assert (tmp_path / "mine" / name).read_bytes() == (BUNDLED / name).read_bytes()
    assert f"已生成：{tmp_path / 'mine' / 'sentences' / 'income.md.jinja'}" in err


def test_export_named_templates_with_or_without_suffix(tmp_path: Path) -> None:
    code, _, _ = run("templates", "export", str(tmp_path), "sentences/income", "macros.md.jinja")
    assert code == 0
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["macros.md.jinja", "sentences/income.md.jinja"]


def test_export_refuses_an_unknown_name_with_the_nearest_one(tmp_path: Path) -> None:
    code, _, err = run("templates", "export", str(tmp_path), "macros", "sentences/incom")
    assert code == 1
    assert (
        err
        == "错误：没有名为 sentences/incom 的内置模板；你是不是想写 sentences/income.md.jinja？\n"
    )
    assert list(tmp_path.iterdir()) == []  # nothing written, not even the valid name
    code, _, err = run("templates", "export", str(tmp_path), "zzz")
    assert err == "错误：没有名为 zzz 的内置模板；用 perfgen templates list 查看全部内置模板。\n"


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    mine = tmp_path / "sentences" / "income.md.jinja"
    mine.parent.mkdir()
    mine.write_text("本单位的说法", encoding="utf-8")
    code, _, err = run("templates", "export", str(tmp_path), "macros", "sentences/income")
    assert code == 1
    assert err == f"错误：文件已存在：{mine}；未写出任何文件。加 --force 覆盖。\n"
    assert mine.read_text(encoding="utf-8") == "本单位的说法"
    assert not (tmp_path / "macros.md.jinja").exists()  # checked all before writing any
    code, _, _ = run("templates", "export", "--force", str(tmp_path), "macros", "sentences/income")
    assert code == 0
    assert mine.read_bytes() == (BUNDLED / "sentences" / "income.md.jinja").read_bytes()
