"""perfgen templates lint: a unit's templates checked statically, then by rendering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA

from perfgen.cli import main
from perfgen.templating.composition import CONTEXT, context, template_dirs
from perfgen.templating.filters import FILTERS

BUNDLED = template_dirs()[-1]
DOCS = Path(__file__).parent.parent / "docs" / "templates.md"


def lint(directory: Path, *args: str) -> tuple[int, list[str], str]:
    """Exit code, the messages (stdout lines) and the summary (stderr) of a lint run."""
    result = CliRunner().invoke(main, ["templates", "lint", str(directory), "--no-pdf", *args])
    return result.exit_code, result.stdout.splitlines(), result.stderr


def override(root: Path, name: str, text: str) -> Path:
    """Write one template of a unit's directory."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


INCOME = "{{ year }}年度{{ subject }}收入合计{{ figures.income.total | wan }}万元。\n"


def test_the_exported_templates_lint_clean(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["templates", "export", str(tmp_path)]).exit_code == 0
    code, messages, summary = lint(tmp_path, "--strict")
    assert (code, messages) == (0, [])
    assert summary == (
        f"{tmp_path}：{len(list(BUNDLED.rglob('*.jinja')))} 个文件，0 个错误，0 个警告；"
        "试生成：perfgen init --preset standard"
        "（md、html、docx），perfgen init --preset legacy（md、html、docx）\n"
    )


def test_a_correct_override_and_the_samples_lint_clean(tmp_path: Path) -> None:
    override(tmp_path, "sentences/income.md.jinja", INCOME)
    samples = sorted(str(p) for p in DATA.glob("*.yaml"))
    data = [arg for sample in samples for arg in ("--data", sample)]
    code, messages, summary = lint(tmp_path, *data)
    assert (code, messages) == (0, [])
    assert f"试生成：{samples[0]}（md、html、docx）" in summary


def test_a_misspelled_file_name_is_told_the_nearest_template(tmp_path: Path) -> None:
    override(tmp_path, "sentences/incom.md.jinja", INCOME)
    code, messages, _ = lint(tmp_path)
    assert code == 1
    assert messages == [
        f"{tmp_path}/sentences/incom.md.jinja:1: 错误: 没有名为 sentences/incom.md.jinja 的内置模板，"
        "这个文件不会覆盖任何模板；你是不是想写 sentences/income.md.jinja？"
    ]


def test_a_file_that_is_no_template_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "说明.txt").write_text("本目录存放本单位的模板", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref", encoding="utf-8")  # hidden: not looked at
    code, messages, _ = lint(tmp_path)
    assert code == 0
    assert messages == [f"{tmp_path}/说明.txt: 警告: 不是模板文件（.jinja），perfgen 不会读它"]
    assert lint(tmp_path, "--strict")[0] == 1


def test_a_missing_field_is_an_error_with_template_and_line(tmp_path: Path) -> None:
    override(
        tmp_path, "sentences/income.md.jinja", "收入\n{{ report.basic_info.financez.income }}\n"
    )
    code, messages, summary = lint(tmp_path)
    assert code == 1
    assert messages == [
        f"{tmp_path}/sentences/income.md.jinja:2: 错误: 引用了不存在的字段“financez”"
        "（report.basic_info.financez）；你是不是想写“finances”？"
    ]
    assert "试生成" not in summary  # rendering waits until the static errors are fixed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{{ figures.incom.total | wan }}",
            "引用了不存在的字段“incom”（figures.incom）；你是不是想写“income”？",
        ),
        ("{{ figures.income.total | wann }}", "未知的过滤器“wann”；你是不是想写“wan”？"),
        (
            "{{ figures.income.total }}",
            "数字“figures.income.total”未经格式过滤器（wan、pct、num 等）直接输出",
        ),
        ("{{ unit_name }}", "引用了未定义的变量“unit_name”"),
        (
            "{% for p in report.problems %}{{ p.titel }}{% endfor %}",
            "引用了不存在的字段“titel”（p.titel）；你是不是想写“title”？",
        ),
        (
            "{% for p in report.problems %}{{ loop.indx }}{% endfor %}",
            "引用了不存在的字段“indx”（loop.indx）；你是不是想写“index”？",
        ),
        (
            "{% if figures.income is strin %}{% endif %}",
            "未知的测试“strin”；你是不是想写“string”？",
        ),
        (
            "{{ m.listd('problems', report.problems, 3) }}",
            "模板 macros.md.jinja 中没有宏“listd”；你是不是想写“listed”？",
        ),
        (
            "{% include 'sentences/budgett.md.jinja' %}",
            "找不到模板 sentences/budgett.md.jinja；你是不是想写 sentences/budget.md.jinja？",
        ),
        (
            "{{ titles.finance }}",
            "引用了不存在的字段“finance”（titles.finance）；你是不是想写“finances”？",
        ),
        (
            "{{ report.basic_info.finances.income.total.amount }}",
            "引用了不存在的字段“amount”（report.basic_info.finances.income.total.amount）",
        ),
        (
            "{% if x %}{% endfor %}",
            "模板语法错误：此处不能用标签“endfor”：还没有闭合的是 if 块（应先写 endif）",
        ),
    ],
)
def test_what_a_template_reads_is_checked_statically(
    tmp_path: Path, text: str, message: str
) -> None:
    # Line 2: the included sentence sees the `m` its includer imported, and `figures`.
    override(tmp_path, "sentences/income.md.jinja", "收入：\n" + text + "\n")
    code, messages, _ = lint(tmp_path)
    assert code == 1
    assert messages == [f"{tmp_path}/sentences/income.md.jinja:2: 错误: {message}"]


def test_names_bound_by_the_including_template_are_in_scope(tmp_path: Path) -> None:
    # `group` comes from duty_effectiveness.md.jinja's loop, typed as an IndicatorGroup.
    override(tmp_path, "sentences/indicators.md.jinja", "{{ group.label }}{{ group.labl }}\n")
    assert lint(tmp_path)[1] == [
        f"{tmp_path}/sentences/indicators.md.jinja:1: 错误: 引用了不存在的字段“labl”"
        "（group.labl）；你是不是想写“label”？"
    ]
    # An including template that stops binding it: the bundled sentence is the one reported.
    other = tmp_path / "other"
    override(
        other, "duty_effectiveness.md.jinja", '{% include "sentences/indicators.md.jinja" %}\n'
    )
    messages = lint(other)[1]
    bundled = BUNDLED / "sentences" / "indicators.md.jinja"
    assert f"{bundled}:4: 错误: 引用了未定义的变量“group”" in messages


def test_what_cannot_be_checked_statically_is_a_warning_and_strict_fails(tmp_path: Path) -> None:
    override(
        tmp_path, "sentences/income.md.jinja", '{% include "sentences/" ~ "score.md.jinja" %}\n'
    )
    code, messages, summary = lint(tmp_path)
    assert code == 0
    assert messages == [
        f"{tmp_path}/sentences/income.md.jinja:1: 警告: 引入的模板名不是写定的文字，无法静态检查该模板"
    ]
    assert "0 个错误，1 个警告" in summary
    assert lint(tmp_path, "--strict")[0] == 1


def test_a_key_the_data_decides_is_a_warning_then_rendering_decides(tmp_path: Path) -> None:
    override(
        tmp_path,
        "sentences/income.md.jinja",
        "{% if settings.list_styles.problems %}甲{% endif %}\n",
    )
    code, messages, _ = lint(tmp_path)
    assert code == 1  # the scaffolds set no list style: Jinja finds no such key
    file = f"{tmp_path}/sentences/income.md.jinja:1"
    assert messages == [
        f"{file}: 错误: 用 perfgen init --preset legacy 生成时：引用了不存在的字段“problems”",
        f"{file}: 错误: 用 perfgen init --preset standard 生成时：引用了不存在的字段“problems”",
        f"{file}: 警告: 无法静态确认“settings.list_styles.problems”存在（其中的键由数据决定）",
    ]


def test_a_failure_that_shows_only_when_rendering_is_caught(tmp_path: Path) -> None:
    # A macro's argument has no static type; rendering the scaffold reaches the misspelling.
    macros = (BUNDLED / "macros.md.jinja").read_text(encoding="utf-8")
    broken = macros.replace(
        "{{ run_in(item, level) }}", "{{ run_in(item, level) }}{{ item.titel }}"
    )
    broken = broken.replace(
        "{{ level | hashes }} {{ p.title }}", "{{ level | hashes }} {{ p.titel }}"
    )
    assert broken != macros
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "p.titel" in text)
    override(tmp_path, "macros.md.jinja", broken)
    code, messages, _ = lint(tmp_path)
    assert code == 1
    assert messages == [
        f"{tmp_path}/macros.md.jinja:{line}: 错误: 用 perfgen init --preset legacy 生成时："
        "引用了不存在的字段“titel”",
        f"{tmp_path}/macros.md.jinja:{line}: 错误: 用 perfgen init --preset standard 生成时："
        "引用了不存在的字段“titel”",
    ]


def test_a_data_file_that_does_not_load_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit: [\n", encoding="utf-8")
    override(tmp_path, "tpl/sentences/income.md.jinja", INCOME)
    code, messages, _ = lint(tmp_path / "tpl", "--data", str(bad))
    assert code == 1
    assert len(messages) == 1 and messages[0].startswith(f"{bad}:2: 错误: ")


def test_a_missing_directory_is_one_message(tmp_path: Path) -> None:
    code, messages, summary = lint(tmp_path / "无")
    assert (code, messages) == (1, [])
    assert summary == f"错误：模板 {tmp_path / '无'}: 模板目录不存在\n"


def test_the_context_is_what_compose_gives(samples) -> None:  # type: ignore[no-untyped-def]
    import perfgen

    source = samples["nansha-npc-office-2023"]
    assert set(context(source, perfgen.derive(source))) == set(CONTEXT)


def test_every_context_name_and_filter_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in [*CONTEXT, *FILTERS]:
        assert re.search(rf"^\| `{name}[`(]", text, re.MULTILINE), name  # a row of its table
    for command in ("templates list", "templates export", "templates lint", "perfgen_report"):
        assert command in text, command


def test_every_bundled_template_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for path in BUNDLED.rglob("*.jinja"):
        name = path.relative_to(BUNDLED).as_posix()
        assert f"`{name}`" in text or name.startswith("part"), name  # part1 … part5: one row


def test_the_example_repository_lints_clean() -> None:
    example = Path(__file__).parent.parent / "examples" / "unit-templates"
    code, messages, _ = lint(
        example / "templates", "--data", str(example / "unit.yaml"), "--strict"
    )
    assert (code, messages) == (0, [])


def test_a_template_syntax_error_is_told_in_chinese(tmp_path: Path) -> None:
    from perfgen.templating.running import syntax_message

    assert syntax_message("No filter named 'wann'.") == "模板语法错误：没有名为“wann”的过滤器"
    assert syntax_message("Encountered unknown tag 'endfo'.") == "模板语法错误：不认识的标签“endfo”"
    assert syntax_message("unexpected end of template, expected 'endfor'.") == (
        "模板语法错误：模板意外结束：缺少 endfor"
    )
    assert not any(c.isascii() and c.isalpha() for c in syntax_message("anything else"))
