"""Compose the report's Markdown from a :class:`Report` and its :class:`Figures`.

One Jinja2 environment (StrictUndefined). Templates only phrase: every number they print
comes from :class:`~perfgen.figures.Figures` or the YAML, formatted by the filters below;
every value from the YAML is escaped on its way out (:func:`perfgen.markdown.escape`).
Heading numbers are assigned afterwards from heading levels (:func:`number_headings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import jinja2
from pydantic import BaseModel

from perfgen import numbers
from perfgen.errors import TemplateError
from perfgen.figures import Change, Figures
from perfgen.markdown import Md, chinese_number, escape, number_headings
from perfgen.model import Report, Settings
from perfgen.placeholders import FILL

BUNDLED_TEMPLATES = Path(__file__).parent / "templates"
"""Templates shipped inside the wheel (copied from the repository's ``templates/``)."""

_SOURCE_TEMPLATES = Path(__file__).parent.parent / "templates"

PRESET_TITLES: dict[str, dict[str, str]] = {
    "standard": {
        "basic_info": "部门基本情况",
        "functions": "部门职能",
        "annual_work": "年度总体工作和重点工作任务",
        "performance_goals": "部门整体支出绩效目标",
        "finances": "部门整体收支情况",
        "performance_management": "部门整体绩效管理情况",
        "evaluation": "绩效自评情况",
        "conclusion": "自评结论",
        "duty_effectiveness": "履职效能分析",
        "management_efficiency": "管理效率分析",
        "task_completion": "各项工作任务绩效目标完成情况分析",
        "outcomes": "主要工作成效",
        "problems": "存在的主要问题",
        "measures": "下一步改进措施",
        "attachments": "附件",
    },
}
PRESET_TITLES["legacy"] = {
    **PRESET_TITLES["standard"],
    "basic_info": "基本情况",
    "functions": "部门概况",
    "evaluation": "综合评价分析",
    "conclusion": "自评结论综述",
    "duty_effectiveness": "部门履职绩效完成情况",
}
"""Section titles by outline preset (domain.md §1); ``section_titles`` in the YAML overrides."""


def template_dirs(extra: Path | None = None) -> list[Path]:
    """Directories searched for templates: the user's first, then the bundled ones."""
    bundled = BUNDLED_TEMPLATES if BUNDLED_TEMPLATES.is_dir() else _SOURCE_TEMPLATES
    return [*([extra] if extra else []), bundled]


class _BareNumber(Exception):
    """A template printed a number without a format filter (a template bug)."""


def _finalize(value: Any) -> Any:
    """Refuse to print a bare number: money and rates must go through a format filter."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        raise _BareNumber(f"数字 {value} 未经格式过滤器（wan、pct、num）直接输出")
    return value


def _is_code(annotation: Any) -> bool:
    """True for a ``Literal`` field (an enumerated code such as ``kind``), which is not text."""
    if get_origin(annotation) is Literal:
        return True
    return any(_is_code(arg) for arg in get_args(annotation))


class _Escaped:
    """A read-only view of a model in which every text value is escaped Markdown.

    This is how clerk text is "escaped on the way in" (DESIGN.md): templates see only
    escaped strings, so nothing typed in the YAML can become Markdown structure.
    """

    __slots__ = ("_target",)

    def __init__(self, target: BaseModel | object) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if isinstance(self._target, BaseModel) and isinstance(value, str):
            field = type(self._target).model_fields.get(name)
            if field is not None and _is_code(field.annotation):
                return value
        return _escaped(value)

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return type(self._target).__name__


def _escaped(value: Any) -> Any:
    if isinstance(value, Md):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, tuple | list):
        return tuple(_escaped(v) for v in value)
    if isinstance(value, BaseModel) or is_dataclass(value):
        return _Escaped(value)
    return value


@jinja2.pass_context
def _wan(ctx: jinja2.runtime.Context, value: Decimal) -> Md:
    """万元 amount, two decimals, thousands separators by setting."""
    settings: Settings = ctx["settings"]
    return Md(numbers.money(value, settings.thousands_separator))


@jinja2.pass_context
def _pct(ctx: jinja2.runtime.Context, value: Decimal, places: int | None = None) -> Md:
    """A percentage: ``8.58%``."""
    settings: Settings = ctx["settings"]
    return Md(numbers.percent(value, settings.percent_decimals if places is None else places))


@jinja2.pass_context
def _yoy(ctx: jinja2.runtime.Context, change: Change, unit: str = "万元") -> Md:
    """增加198.68万元，增幅8.58% / 减少…，降幅… / 持平 — wording by sign (domain.md §2)."""
    if change.amount == 0:
        return Md("持平")
    up = change.amount > 0
    text = f"{'增加' if up else '减少'}{_wan(ctx, abs(change.amount))}{unit}"
    if change.rate is not None:
        text += f"，{'增幅' if up else '降幅'}{_pct(ctx, abs(change.rate))}"
    return Md(text)


def _pp(value: Decimal) -> Md:
    """提高2.64个百分点 / 下降…个百分点 / 持平 — a rate's change is never in % (domain.md §2)."""
    if value == 0:
        return Md("持平")
    return Md(f"{'提高' if value > 0 else '下降'}{abs(value)}个百分点")


def _num(value: Decimal | int) -> Md:
    """A count or indicator value as typed, without trailing zeros (88, 1300, 4.5)."""
    return Md(numbers.plain(Decimal(value)))


def _pts(value: Decimal) -> Md:
    """Points (分) with two decimals: 9.5 → 9.50."""
    return Md(str(numbers.quantize(Decimal(value), 2)))


def _cn(value: int) -> Md:
    """A small ordinal in Chinese numerals: 任务二, 一是…二是…"""
    return Md(chinese_number(value))


def _count(value: int) -> Md:
    """A quantity before a measure word in Chinese numerals: 3 → 三, but 2 → 两 (两个机构)."""
    return Md("两" if value == 2 else chinese_number(value))


def _date(value: Any) -> Md:
    """A date as 2023年6月14日: Arabic numerals, full year, no zero padding (domain.md §4)."""
    return Md(f"{value.year}年{value.month}月{value.day}日")


def _inline(items: Iterable[Any]) -> Md:
    """Inline enumeration 一是…；二是…；三是… without the final 。 (domain.md §4)."""
    texts = [_text_of(item) for item in items]
    if len(texts) == 1:
        return Md(texts[0])
    return Md("；".join(f"{chinese_number(i)}是{text}" for i, text in enumerate(texts, 1)))


def _text_of(item: Any) -> str:
    """Text of a string or an untitled point, its trailing punctuation removed."""
    text = item if isinstance(item, str) else "".join(item.text)
    return text.rstrip("。；;，,")


_END_PUNCTUATION = tuple("。！？；：…”’）》")


def _sentence(text: str) -> Md:
    """Clerk text that ends as a sentence: adds 。 unless it already ends with one."""
    text = text.rstrip()
    return Md(text if text.endswith(_END_PUNCTUATION) else text + "。")


def _hashes(level: int) -> Md:
    """The Markdown heading marker of a depth: 4 → ``####``."""
    return Md("#" * level)


def _join(items: Iterable[str]) -> Md:
    """Join names with the Chinese enumeration comma: A、B、C."""
    return Md("、".join(items))


def _environment(templates: Path | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(templates)]),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        wan=_wan,
        pts=_pts,
        pct=_pct,
        yoy=_yoy,
        pp=_pp,
        num=_num,
        cn=_cn,
        count=_count,
        date_cn=_date,
        inline=_inline,
        join_cn=_join,
        sentence=_sentence,
        hashes=_hashes,
    )
    return env


def report_title(report: Report) -> str:
    """The report's title: the ``title`` given, else “{单位}{年度}年部门整体支出绩效自评报告”."""
    return report.title or f"{report.unit.name}{report.year}年部门整体支出绩效自评报告"


def compose(report: Report, figures: Figures, templates: Path | None = None) -> str:
    """Render the report's Markdown.

    Args:
        report: The validated input.
        figures: Its derived figures (:func:`perfgen.figures.derive`).
        templates: Optional directory whose templates override the bundled ones by name.

    Returns:
        Markdown text: ``#`` title, ``##``–``#####`` numbered headings, paragraphs, tables,
        and, after a final ``---``, the signature block.

    Raises:
        TemplateError: a template is missing or malformed, or names an undefined value.
    """
    if templates is not None and not templates.is_dir():
        raise TemplateError(str(templates), None, "模板目录不存在")
    env = _environment(templates)
    overrides = report.section_titles.model_dump(exclude_none=True)
    titles = {k: escape(v) for k, v in {**PRESET_TITLES[report.outline], **overrides}.items()}
    context = {
        "r": _Escaped(report),
        "f": _Escaped(figures),
        "t": titles,
        "settings": report.settings,
        "subject": escape(report.unit.short_name or "本单位"),
        "title": escape(report_title(report)),
        "pending": escape(FILL),
    }
    try:
        text = env.get_template("report.md.jinja").render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.name or "?", exc.lineno, f"模板语法错误：{exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(str(exc.name or "?"), None, "找不到模板文件") from None
    except jinja2.UndefinedError as exc:
        name, line = _template_position(exc)
        raise TemplateError(name, line, _undefined_message(exc.message or "")) from None
    except _BareNumber as exc:
        name, line = _template_position(exc)
        raise TemplateError(name, line, str(exc)) from None
    return number_headings(_tidy(text))


def _undefined_message(message: str) -> str:
    """Jinja's undefined-value message in Chinese: which field or variable is missing."""
    if match := re.search(r"has no attribute '([^']+)'", message):
        return f"引用了不存在的字段“{match[1]}”"
    if match := re.search(r"'([^']+)' is undefined", message):
        return f"引用了未定义的变量“{match[1]}”"
    return f"引用了不存在的值（{message}）"


def _template_position(exc: BaseException) -> tuple[str, int | None]:
    """The innermost template frame of a rendering error (file name, line)."""
    tb = exc.__traceback__
    found: tuple[str, int | None] = ("?", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".jinja"):
            found = (Path(filename).name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _tidy(text: str) -> str:
    """Collapse runs of blank lines and strip trailing spaces; end with one newline."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
