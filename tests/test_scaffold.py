"""``perfgen init``: a scaffold with every field explained, that renders as it is."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import schema_errors

import perfgen
from perfgen.cli import main
from perfgen.input.introspect import nested_models
from perfgen.input.loader import load_text
from perfgen.input.model import Report
from perfgen.input.scaffold import scaffold
from perfgen.input.schema import json_schema
from perfgen.input.settings import Settings

TODAY = dt.date(2025, 6, 1)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("preset", ["standard", "legacy"])
def test_scaffold_checks_with_only_placeholders_and_renders(tmp_path: Path, preset: str) -> None:
    path = tmp_path / "dept.yaml"
    path.write_text(scaffold("测试办公室", 2024, preset), encoding="utf-8")  # type: ignore[arg-type]
    examined = perfgen.examine(path, today=TODAY)
    assert examined.errors == ()
    assert examined.warnings and all("警告[placeholder]" in str(w) for w in examined.warnings)
    for fmt in ("md", "html", "docx"):
        written = perfgen.render(path, tmp_path / f"dept.{fmt}", today=TODAY).target
        assert written is not None and written.stat().st_size > 0
    text = (tmp_path / "dept.md").read_text(encoding="utf-8")
    assert text.startswith("# 测试办公室2024年部门整体支出绩效自评报告\n")
    second = "## 二、绩效自评情况" if preset == "standard" else "## 二、综合评价分析"
    assert second in text and "## 四、下一步改进措施" in text


def test_every_field_is_described_and_marked(tmp_path: Path) -> None:
    text = scaffold()
    for model in nested_models(Report):
        for name, field in model.model_fields.items():
            need = "必填" if field.is_required() else "可选"
            about = (field.description or "").replace("（可选）", "")
            assert f"# {need}：{about}\n" in text, (model, name)
            assert f" {name}:" in text or f"\n{name}:" in text or f"- {name}:" in text


def test_first_line_points_editors_at_the_schema() -> None:
    assert scaffold().splitlines()[0] == "# yaml-language-server: $schema=./perfgen.schema.json"


def test_scaffold_matches_the_schema() -> None:
    for preset in ("standard", "legacy"):
        data = load_text(scaffold(preset=preset)).data  # type: ignore[arg-type]
        assert schema_errors(data) == []


def _block(text: str, key: str) -> str:
    """A commented-out top-level block, uncommented (as a clerk enables it)."""
    lines = text.split("\n")
    start = lines.index(f"# {key}:")
    end = lines.index("", start)
    return "\n".join(line[2:] for line in lines[start:end])


def test_commented_examples_are_the_defaults() -> None:
    text = scaffold(preset="legacy")
    settings = yaml.safe_load(_block(text, "settings"))["settings"]
    assert Settings.model_validate(settings) == Settings()
    titles = yaml.safe_load(_block(text, "section_titles"))["section_titles"]
    assert titles["functions"] == "部门概况" and titles["evaluation"] == "综合评价分析"
    assert "\n# title: 【待填写】\n" in text and "\n# attachment_label: 附件 2\n" in text


def test_defaults() -> None:
    text = scaffold()
    assert f"\nyear: {dt.date.today().year - 1}\n" in text
    assert "\n  name: 【待填写】\n" in text and "\noutline: standard\n" in text


def test_init_command_writes_scaffold_and_schema(tmp_path: Path) -> None:
    target = tmp_path / "单位.yaml"
    code, _, err = run("init", "-o", str(target), "--unit", "测试办公室", "--year", "2024")
    assert code == 0
    schema = tmp_path / "perfgen.schema.json"
    assert err == (
        f"已生成：{target}\n已生成：{schema}\n"
        f"下一步：把 {target} 中的【待填写】换成实际内容；perfgen check {target} 列出尚未填写的地方，"
        f"perfgen render {target} 生成报告。\n"
    )
    assert target.read_text(encoding="utf-8") == scaffold("测试办公室", 2024)
    assert json.loads(schema.read_text(encoding="utf-8")) == json_schema()


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "dept.yaml"
    target.write_text("我的数据\n", encoding="utf-8")
    (tmp_path / "perfgen.schema.json").write_text("{}", encoding="utf-8")
    code, _, err = run("init", "-o", str(target))
    assert code == 1
    assert err == f"错误：{target} 已存在，未覆盖；如确要覆盖，请加 --force\n"
    assert target.read_text(encoding="utf-8") == "我的数据\n"
    code, _, err = run("init", "-o", str(target), "--force", "--preset", "legacy")
    assert code == 0 and err.startswith(f"已生成：{target}\n下一步：")
    assert "\noutline: legacy\n" in target.read_text(encoding="utf-8")
    assert (tmp_path / "perfgen.schema.json").read_text(encoding="utf-8") == "{}"


def test_init_to_stdout_writes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("init", "-o", "-", "--year", "2023")
    assert code == 0 and out == scaffold(None, 2023)
    assert list(tmp_path.iterdir()) == []


def test_new_user_fills_a_few_fields_and_renders(tmp_path: Path) -> None:
    target = tmp_path / "dept.yaml"
    assert run("init", "-o", str(target), "--unit", "测试办公室", "--year", "2024")[0] == 0
    text = target.read_text(encoding="utf-8")
    text = text.replace("  short_name: 【待填写】", "  short_name: 测试办")
    text = text.replace("  score: 【待填写】", "  score: 92")
    text = text.replace(
        "      total: 【待填写】\n      # 可选：一般", "      total: 1200.50\n      # 可选：一般"
    )
    target.write_text(text, encoding="utf-8")
    code, out, _ = run("render", str(target), "-o", "-")
    assert code == 0
    # the total is known; its parts, last year's total and the shares are not yet
    assert (
        "2024年测试办总收入1200.50万元，同比`【待填写】`，主要原因：`【待填写】`。"
        "其中，一般公共预算财政拨款收入`【待填写】`万元，占总收入的`【待填写】`；"
        "其他收入`【待填写】`万元，占总收入的`【待填写】`。"
    ) in out
    assert "测试办2024年部门整体支出绩效自评得分为92.00分，评价等级为“优”。" in out
    code, _, _ = run("render", str(target))
    assert code == 0 and (tmp_path / "dept.docx").exists()
    assert run("check", "--strict", str(target))[0] == 1
