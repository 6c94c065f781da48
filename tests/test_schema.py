"""The JSON Schema: valid draft-07, Chinese, and in agreement with what perfgen accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from helpers import DATA, SAMPLES, minimal, schema_errors

from perfgen.cli import main
from perfgen.input.introspect import nested_models
from perfgen.input.loader import load_file
from perfgen.input.model import Report
from perfgen.input.schema import json_schema, title_of

SCHEMA = json_schema()
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_schema_is_valid_draft_07() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(SCHEMA)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_validates(name: str) -> None:
    assert schema_errors(load_file(DATA / f"{name}.yaml").data) == []


def test_minimal_input_validates() -> None:
    assert schema_errors(minimal()) == []


def test_wrong_input_is_rejected() -> None:
    data = minimal(year="二〇二三", colour="red")
    data["evaluation"] = {"score": 101}
    assert schema_errors(data) == [
        ": additionalProperties",
        "evaluation/score: anyOf",
        "year: type",
    ]


def test_the_funds_by_source_and_accumulated_depreciation() -> None:
    budget = {"adjusted": 4753.66, "sources": {"general": 1873.66, "other": 2880}}
    assets = {"fixed_gross": 482.46, "fixed_depreciation": 162.14, "fixed_net": 320.32}
    fin = {"budget": budget, "assets": assets}
    data = minimal(basic_info={"functions": {}, "annual_work": {}, "finances": fin})
    assert schema_errors(data) == []
    assets["fixed_depreciation"] = "很多"
    assert schema_errors(data) == ["basic_info/finances/assets: anyOf"]
    assets["fixed_depreciation"] = 162.14
    budget["sources"] = {"general": -1}
    assert schema_errors(data) == ["basic_info/finances/budget: anyOf"]
    budget["sources"] = {"tax": 5}
    assert schema_errors(data) == ["basic_info/finances/budget: anyOf"]


def test_placeholders_where_perfgen_takes_them() -> None:
    finances = {
        "income": {"total": "【待填写】", "other": "11.40"},
        "carryover": {"closing": "【待填写】"},
    }
    data = minimal(
        basic_info={
            "functions": {"internal_units": "【待填写】"},
            "annual_work": {},
            "finances": finances,
        },
        evaluation={"score": "【待填写】"},
        signature={"unit": "【待填写】", "date": "【待填写】"},
        problems=["【待更新】问题甲"],
    )
    assert schema_errors(data) == []
    assert schema_errors(minimal(year="【待填写】")) == ["year: type"]
    assert schema_errors(minimal(evaluation={"score": "九十五"})) == ["evaluation/score: anyOf"]


def test_items_may_be_one_sentence_or_a_mapping() -> None:
    point = {"title": "小标题", "text": "一段", "points": ["下级"]}
    assert schema_errors(minimal(problems=["一句", point])) == []
    assert schema_errors(minimal(problems=[{"titel": "x"}])) != []


def test_every_field_has_a_chinese_title_and_description() -> None:
    for model in nested_models(Report):
        node = SCHEMA if model is Report else SCHEMA["definitions"][model.__name__]
        assert CJK.search(node["title"]) and CJK.search(node["description"]), model
        props = node.get("properties") or node["anyOf"][1]["properties"]
        assert set(props) == set(model.model_fields), model
        for name, prop in props.items():
            assert CJK.search(prop["title"]), (model, name)
            assert prop["description"] == model.model_fields[name].description


@pytest.mark.parametrize(
    ("description", "title"),
    [
        ("总收入（万元）；不写则为各项之和", "总收入"),
        ("（一）部门职能", "（一）部门职能"),
        ("单位全称，如“广州市南沙区人民代表大会常务委员会办公室”", "单位全称"),
        ("默认“部门职能”（legacy：“部门概况”）", "“部门职能”的标题"),
        ("legacy 默认“主要工作成效”", "“主要工作成效”的标题"),
        ("落款", "落款"),
    ],
)
def test_title_is_the_first_phrase(description: str, title: str) -> None:
    assert title_of(description) == title


def test_schema_command(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == SCHEMA
    target = tmp_path / "perfgen.schema.json"
    target.write_text("旧的", encoding="utf-8")
    result = runner.invoke(main, ["schema", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stderr == f"已生成：{target}\n"
    assert json.loads(target.read_text(encoding="utf-8")) == SCHEMA


def test_schema_command_missing_directory(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "s.json"
    result = CliRunner().invoke(main, ["schema", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"错误：无法写入 {target}：目录 {target.parent} 不存在\n"
