"""``perfgen rollover``: next year's draft keeps the clerk's file and marks what must change."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import DATA, SAMPLES, schema_errors

import perfgen
from perfgen.cli import main
from perfgen.input.loader import load_file
from perfgen.input.rollover import default_output, rollover
from perfgen.placeholders import FILL, PENDING, UPDATE

TODAY = dt.date(2025, 6, 1)
ADDED = {"prior_total", "prior_initial", "prior_execution_rate", "prior_basic_execution_rate"}
ADDED |= {"prior_project_execution_rate", "prior_actual", "opening", "text"}


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every data/ file rolled over once, by sample name."""
    directory = tmp_path_factory.mktemp("drafts")
    out = {}
    for name in SAMPLES:
        source = directory / f"{name}.yaml"
        shutil.copy(DATA / f"{name}.yaml", source)
        out[name] = rollover(source, directory / f"{name}-draft.yaml")
    return out


def data(path: Path) -> Any:
    return load_file(path).data


@pytest.mark.parametrize("name", SAMPLES)
def test_draft_checks_with_only_placeholder_warnings(name: str, drafts: dict[str, Path]) -> None:
    examined = perfgen.examine(drafts[name], today=TODAY)
    assert examined.errors == ()
    assert examined.warnings
    assert all("警告[placeholder]" in str(w) for w in examined.warnings)


@pytest.mark.parametrize("name", SAMPLES)
def test_comments_and_key_order_survive(name: str, drafts: dict[str, Path]) -> None:
    before = (DATA / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    after = drafts[name].read_text(encoding="utf-8").splitlines()
    comments = [line for line in before if line.lstrip().startswith("#")]
    assert [line for line in after if line.lstrip().startswith("#")] == comments
    keys_before = _keys(DATA / f"{name}.yaml")
    keys_after = [k for k in _keys(drafts[name]) if k not in keys_before]
    assert {k[-1] for k in keys_after} <= ADDED
    assert [k for k in _keys(drafts[name]) if k in set(keys_before)] == keys_before


def _keys(path: Path) -> list[tuple[Any, ...]]:
    positions = load_file(path).key_positions
    return sorted(positions, key=lambda k: positions[k])


@pytest.mark.parametrize("name", SAMPLES)
def test_draft_matches_the_schema(name: str, drafts: dict[str, Path]) -> None:
    assert schema_errors(data(drafts[name])) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_draft_renders_with_placeholders_visible(name: str, drafts: dict[str, Path]) -> None:
    text = perfgen.render(drafts[name], "-", today=TODAY).data.decode()
    assert "得分为`【待填写】`分，评价等级为“`【待填写】`”。" in text
    # this year's figures are not known yet: their sentences print the placeholder
    assert "总支出`【待填写】`万元" in text
    assert f"`{UPDATE}`" in text


def test_npc_figures_move_to_last_year(drafts: dict[str, Path]) -> None:
    draft = data(drafts["nansha-npc-office-2023"])
    fin = draft["basic_info"]["finances"]
    assert draft["year"] == 2024
    assert fin["income"] == {
        "total": FILL,
        "appropriation": FILL,
        "other": FILL,
        "prior_total": D("2514.62"),
        "change_reasons": [
            f"{UPDATE}由于政策性调整增加人员经费",
            f"{UPDATE}本年度成立立法专班，相应增加了项目费用",
        ],
    }
    assert fin["expenditure"] == {
        "total": FILL,
        "basic": FILL,
        "project": FILL,
        "prior_total": D("2503.53"),
    }
    # 2503.53 ÷ 2526.63 = 99.0857…% → 99.09; 1897.96 ÷ 1897.96 = 100%; 605.58 ÷ 628.67 = 96.327…% → 96.33
    assert fin["budget"] == {
        "adjusted": FILL,
        "basic": FILL,
        "project": FILL,
        "prior_project_execution_rate": D("96.33"),
        "prior_execution_rate": D("99.09"),
        "prior_basic_execution_rate": D("100.00"),
    }
    assert set(fin["expense"].values()) == {FILL}
    assert "text" not in fin  # the sentences print the placeholders themselves
    assert draft["evaluation"]["score"] == FILL
    assert draft["unit"]["name"] == "广州市南沙区人民代表大会常务委员会办公室"
    assert draft["section_titles"] == {"evaluation": "综合评价分析", "conclusion": "自评结论综述"}
    assert draft["basic_info"]["functions"]["internal_units"] == [
        "秘书信访科",
        "综合调研科",
        "代表联络科",
    ]
    points = draft["evaluation"]["duty_effectiveness"]["points"]
    assert points[0]["title"] == "坚持党的全面领导，提升机关党建效能"
    assert points[0]["text"][0].startswith(f"{UPDATE}在常委会党组的直接领导下")
    assert draft["problems"][0].startswith(f"{UPDATE}满意度调查工作不够全面")


def test_cppcc_stated_rates_procurement_staffing_and_signature(drafts: dict[str, Path]) -> None:
    draft = data(drafts["nansha-cppcc-office-2022"])
    fin = draft["basic_info"]["finances"]
    assert draft["year"] == 2023
    assert "title" not in draft  # the default title, “{unit}{year}年…”, follows the year
    assert fin["budget"]["prior_initial"] == D("2959.46") and fin["budget"]["initial"] == FILL
    rates = [fin["budget"][f"prior_{k}execution_rate"] for k in ("", "basic_", "project_")]
    assert rates == [D("97.84"), D("99.89"), D("91.69")]
    assert fin["income"]["prior_total"] == D("1957.86")
    assert fin["expenditure"]["prior_total"] == D("1954.07")
    assert (fin["procurement"]["actual"], fin["procurement"]["prior_actual"]) == (FILL, D("30.71"))
    assert fin["procurement"]["change_reasons"] == [f"{UPDATE}由于政策性调整，导致采购金额下降"]
    assert set(fin["assets"].values()) == {FILL}
    staffing = draft["basic_info"]["functions"]["staffing"]
    assert staffing == {
        "as_of": FILL,
        "authorized_headcount": 26,
        "staff_in_post": 23,
        "other_staff": 8,
    }
    assert draft["signature"] == {"unit": "政协广州市南沙区委员会办公室", "date": FILL}
    assert draft["attachments"] == ["部门整体支出绩效自评表"]


def test_party_carryover_indicators_and_settings(drafts: dict[str, Path]) -> None:
    draft = data(drafts["nansha-party-committee-office-2023"])
    fin = draft["basic_info"]["finances"]
    assert draft["title"] == "2024年度中国共产党广州市南沙区委员会办公室部门整体支出绩效自评报告"
    assert fin["carryover"] == {"opening": D("4.58"), "closing": FILL}
    assert fin["expenditure"]["prior_total"] == D("1829.40")
    assert fin["expenditure"]["personnel_use"] == f"{UPDATE}人员工资及社会保障、公积金缴纳等"
    indicators = draft["evaluation"]["duty_effectiveness"]["indicators"]
    assert indicators[0] == {
        "kind": "output",
        "name": "2023年交办任务事项",
        "comparator": "定性",
        "achieved": FILL,
    }
    assert indicators[1] == {
        "kind": "output",
        "name": "业务岗位培训人数",
        "comparator": "≥",
        "target": 80,
        "actual": FILL,
        "unit": "人次",
    }
    assert draft["evaluation"]["duty_effectiveness"]["spending_rate"] == FILL
    assert draft["settings"] == {
        "carryover_rate_base": "total_expenditure",
        "indicator_rate_decimals": 0,
    }
    items = draft["evaluation"]["management_efficiency"]["items"]
    assert items[1]["title"] == "预算执行情况" and items[1]["kind"] == "budget_execution"


def test_a_draft_rolls_over_again(drafts: dict[str, Path], tmp_path: Path) -> None:
    again = rollover(drafts["nansha-npc-office-2023"], tmp_path / "again.yaml")
    draft = data(again)
    assert draft["year"] == 2025
    assert draft["basic_info"]["finances"]["income"]["prior_total"] == FILL
    assert draft["problems"][0].count(UPDATE) == 1
    examined = perfgen.examine(again, today=dt.date(2026, 6, 1))
    assert examined.errors == ()


def test_the_files_own_layout_is_kept(tmp_path: Path) -> None:
    source = tmp_path / "dept.yaml"
    source.write_text(
        "unit:\n"
        "    name: '测试单位'   # 全称\n"
        "year: 2024\n"
        "basic_info:\n"
        "    functions: {}\n"
        "    annual_work:\n"
        "        text: |\n"
        "            第一行\n"
        "            第二行\n"
        "    finances: {}\n"
        "evaluation: {score: 95}\n"
        "problems:\n"
        '- "问题甲"\n'
        "- 问题乙\n"
        "measures: [措施甲]\n",
        encoding="utf-8",
    )
    target = rollover(source)
    assert target == tmp_path / "dept-2025.yaml"
    assert target.read_text(encoding="utf-8") == (
        "unit:\n"
        "    name: '测试单位'   # 全称\n"
        "year: 2025\n"
        "basic_info:\n"
        "    functions: {}\n"
        "    annual_work:\n"
        "        text: |\n"
        "            【待更新】第一行\n"
        "            第二行\n"
        "    finances: {}\n"
        "evaluation: {score: 【待填写】}\n"
        "problems:\n"
        '- "【待更新】问题甲"\n'
        "- 【待更新】问题乙\n"
        "measures: [【待更新】措施甲]\n"
    )


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("nansha-npc-office-2023.yaml", 2023, "nansha-npc-office-2024.yaml"),
        ("区委办2022年.yaml", 2022, "区委办2023年.yaml"),
        ("dept.yaml", 2024, "dept-2025.yaml"),
        ("2023-2023.yaml", 2023, "2023-2024.yaml"),
    ],
)
def test_default_output(name: str, year: int, expected: str) -> None:
    assert default_output(Path("d") / name, year) == Path("d") / expected


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "npc-2023.yaml"
    shutil.copy(DATA / "nansha-npc-office-2023.yaml", target)
    return target


def test_rollover_command(copy: Path) -> None:
    code, out, err = run("rollover", str(copy))
    target = copy.with_name("npc-2024.yaml")
    assert code == 0 and out == ""
    assert err == (
        f"已生成：{target}\n"
        f"下一步：perfgen check {target} 列出每一处【待填写】和【待更新】；"
        f"perfgen render {target} 生成草稿（占位符突出显示）。\n"
    )
    assert copy.read_bytes() == (DATA / "nansha-npc-office-2023.yaml").read_bytes()


def test_rollover_never_overwrites_without_force(copy: Path) -> None:
    target = copy.with_name("next.yaml")
    target.write_text("已有的草稿\n", encoding="utf-8")
    code, _, err = run("rollover", str(copy), "-o", str(target))
    assert code == 1
    assert err == f"错误：{target} 已存在，未覆盖；如确要覆盖，请加 --force\n"
    assert target.read_text(encoding="utf-8") == "已有的草稿\n"
    assert run("rollover", str(copy), "-o", str(target), "--force")[0] == 0
    assert data(target)["year"] == 2024


def test_rollover_refuses_to_write_its_input(copy: Path) -> None:
    before = copy.read_bytes()
    code, _, err = run("rollover", str(copy), "-o", str(copy), "--force")
    assert code == 1
    assert err == f"错误：输出文件 {copy} 与输入文件 {copy} 相同，已拒绝覆盖输入\n"
    assert copy.read_bytes() == before


def test_rollover_of_bad_input_writes_nothing(copy: Path) -> None:
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("year: 2023", "year: 二〇二三"), encoding="utf-8"
    )
    code, _, err = run("rollover", str(copy), "-o", str(copy.with_name("next.yaml")))
    assert code == 1
    assert "year: 应为整数（评价年度，如 2023），实际为 “二〇二三”" in err
    assert sorted(p.name for p in copy.parent.iterdir()) == ["npc-2023.yaml"]


def test_rollover_of_a_missing_file(tmp_path: Path) -> None:
    code, _, err = run("rollover", str(tmp_path / "none.yaml"))
    assert code == 1
    assert err == f"{tmp_path / 'none.yaml'}: 文件不存在\n"


def test_rollover_of_a_self_evaluation_table(tmp_path: Path) -> None:
    source = tmp_path / "t-2023.yaml"
    shutil.copy(Path(__file__).parent / "fixtures" / "with-table.yaml", source)
    draft = rollover(source)
    table = load_file(draft).data["evaluation"]["table"]
    # this year's amounts, actual values and scores wait for next year's; names and groups stay
    assert table["funding"][0] == {
        "name": "财政拨款",
        "initial_budget": FILL,
        "full_year_budget": FILL,
        "executed": FILL,
    }
    assert [(i["level1"], i["level2"], i["actual"]) for i in table["indicators"][:2]] == [
        ("履职效能", "产出指标", FILL),
        ("履职效能", "产出指标", FILL),
    ]
    assert table["indicators"][0]["target"] == 80 and table["indicators"][0]["weight"] == 20
    examined = perfgen.examine(draft)
    assert examined.errors == ()
    assert {f.rule for f in examined.warnings} == {"placeholder"}
    # an unfinished table gives no score: the report says so instead of printing 0 分 差
    assert examined.figures.score is PENDING and examined.figures.table is not None
    assert examined.figures.table.total is PENDING


def test_this_years_scope_and_survey_are_left_to_fill_and_the_shared_file_kept(
    tmp_path: Path,
) -> None:
    (tmp_path / "bureau.yaml").write_text("settings: {percent_decimals: 1}\n", encoding="utf-8")
    text = (DATA / "nansha-npc-office-2023.yaml").read_text(encoding="utf-8")
    text = text.replace("\nyear: 2023\n", "\nyear: 2023\nsettings_file: bureau.yaml\n", 1)
    text = text.replace(
        "\nevaluation:\n",
        "\nevaluation:\n  scope:\n    first_level_projects: 2\n    project_funds: 605.58\n"
        "    key_evaluations: [{name: 智慧人大项目, funds: 100.00}]\n"
        "    department_funds: 2503.53\n",
        1,
    )
    source = tmp_path / "u.yaml"
    source.write_text(text, encoding="utf-8")
    draft = data(rollover(source, tmp_path / "d.yaml"))
    assert draft["settings_file"] == "bureau.yaml"  # a path, not a story: not marked
    scope = draft["evaluation"]["scope"]
    assert [scope[k] for k in ("first_level_projects", "project_funds", "department_funds")] == [
        FILL
    ] * 3
    assert scope["key_evaluations"] == [{"name": f"{UPDATE}智慧人大项目", "funds": FILL}]
