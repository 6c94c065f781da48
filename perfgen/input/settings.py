"""Settings: the presentation and formula choices a unit or a bureau makes, and the outline
presets with their section titles (docs/domain.md §1).

Everything here has a documented default; ``settings:`` and ``section_titles:`` in the YAML
override it. The title defaults are defined once, in :data:`PRESET_TITLES`; the descriptions
of :class:`SectionTitles` (shown in messages, the scaffold and the schema) are made from them.
"""

# No `from __future__ import annotations` here: pydantic would evaluate each field's annotation
# from its text when the class is built, at the start of every command (issue 26).
from collections.abc import Sequence
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from perfgen.input.values import Frozen, Name, Percent, Text

Outline = Literal["standard", "legacy"]
"""The outline presets (docs/domain.md §1)."""

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
"""Section titles by outline preset; ``section_titles`` in the YAML overrides them."""

_PART = {"basic_info": "第一部分", "evaluation": "第二部分", "problems": "第三部分"}
_PART |= {"measures": "第四部分", "attachments": "第五部分"}


def _title_field(key: str) -> str:
    """The description of a section-title override, naming its defaults."""
    standard, legacy = PRESET_TITLES["standard"][key], PRESET_TITLES["legacy"][key]
    default = f"默认“{standard}”" + (f"（legacy：“{legacy}”）" if legacy != standard else "")
    if key in ("task_completion", "outcomes"):
        default = f"legacy 默认“{legacy}”"
    return f"{_PART[key]}标题，{default}" if key in _PART else default


class SectionTitles(Frozen):
    """Overrides of section titles; numbering is never overridden (docs/domain.md §1)."""

    basic_info: Text | None = Field(None, description=_title_field("basic_info"))
    functions: Text | None = Field(None, description=_title_field("functions"))
    annual_work: Text | None = Field(None, description=_title_field("annual_work"))
    performance_goals: Text | None = Field(None, description=_title_field("performance_goals"))
    finances: Text | None = Field(None, description=_title_field("finances"))
    performance_management: Text | None = Field(
        None, description=_title_field("performance_management")
    )
    evaluation: Text | None = Field(None, description=_title_field("evaluation"))
    conclusion: Text | None = Field(None, description=_title_field("conclusion"))
    duty_effectiveness: Text | None = Field(None, description=_title_field("duty_effectiveness"))
    management_efficiency: Text | None = Field(
        None, description=_title_field("management_efficiency")
    )
    task_completion: Text | None = Field(None, description=_title_field("task_completion"))
    outcomes: Text | None = Field(None, description=_title_field("outcomes"))
    problems: Text | None = Field(None, description=_title_field("problems"))
    measures: Text | None = Field(None, description=_title_field("measures"))
    attachments: Text | None = Field(None, description=_title_field("attachments"))

    def resolve(self, outline: Outline) -> dict[str, str]:
        """Every section's title: the preset's, replaced where this override gives one."""
        return {**PRESET_TITLES[outline], **self.model_dump(exclude_none=True)}


class GradeBand(Frozen):
    """One grade band: the grade applies from ``min_score`` (inclusive) upward."""

    grade: Text = Field(description="等级名称，如“优”")
    min_score: Decimal = Field(ge=0, le=100, description="该等级的最低分（含）")


DEFAULT_GRADE_BANDS = (
    GradeBand(grade="优", min_score=Decimal(90)),
    GradeBand(grade="良", min_score=Decimal(80)),
    GradeBand(grade="中", min_score=Decimal(60)),
    GradeBand(grade="差", min_score=Decimal(0)),
)
"""National standard bands (docs/domain.md §3): 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60."""


DEFAULT_FONTS: dict[str, str] = {
    "title": "方正小标宋简体",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "body": "仿宋_GB2312",
    "page_number": "宋体",
    "latin": "Times New Roman",
}
"""The official document fonts by role (GB/T 9704): every writer's default, named once."""

FONT_PRESETS: dict[str, dict[str, str]] = {
    "official": DEFAULT_FONTS,
    "windows": {
        "title": "宋体",
        "heading1": "黑体",
        "heading2": "楷体",
        "body": "仿宋",
        "page_number": "宋体",
        "latin": "Times New Roman",
    },
}
"""Named sets of fonts (``settings: {fonts: windows}``): ``official``, the fonts of GB/T 9704
(方正小标宋简体, 仿宋_GB2312, 楷体_GB2312 — not on a stock Windows, where Word substitutes
silently); ``windows``, the fonts every Chinese Windows and WPS has (宋体, 黑体, 楷体, 仿宋)."""


def _font_preset(value: Any) -> Any:
    """``fonts: windows`` → the fonts of that preset (:data:`FONT_PRESETS`)."""
    return FONT_PRESETS.get(value, value) if isinstance(value, str) else value


class Fonts(Frozen):
    """Font names for the Word file (docs/domain.md §6); machines without them substitute."""

    title: Name = Field(DEFAULT_FONTS["title"], description="标题字体（二号）")
    heading1: Name = Field(DEFAULT_FONTS["heading1"], description="一级标题“一、”字体")
    heading2: Name = Field(DEFAULT_FONTS["heading2"], description="二级标题“（一）”字体")
    body: Name = Field(DEFAULT_FONTS["body"], description="正文及三、四级标题字体（三号）")
    page_number: Name = Field(DEFAULT_FONTS["page_number"], description="页码字体（四号）")
    latin: Name = Field(DEFAULT_FONTS["latin"], description="西文字体")


ListName = Literal[
    "duties", "key_tasks", "performance_goals", "achievements", "problems", "measures"
]
"""The lists whose style a unit may choose (:attr:`Settings.list_styles`)."""

ListStyle = Literal["numbered", "inline", "headed"]
"""How a list is printed: numbered paragraphs (1. 2.), one 一是…；二是… paragraph, or items with
titles as headings (their text below)."""

LIST_PATHS: dict[str, tuple[str, ...]] = {
    "duties": ("basic_info", "functions", "duties"),
    "key_tasks": ("basic_info", "annual_work", "key_tasks"),
    "performance_goals": ("basic_info", "performance_goals"),
    "achievements": ("evaluation", "achievements"),
    "problems": ("problems",),
    "measures": ("measures",),
}
"""Where each list of :data:`ListName` is in the input."""

INLINE_LISTS = frozenset({"problems", "measures"})
"""Lists printed as one 一是…；二是… paragraph when no item has a title (the samples' habit)."""

SENTENCES: dict[str, str] = {
    "income": "收入情况句",
    "income_change": "总收入的同比增减",
    "expenditure": "支出情况句",
    "shares": "各项收入、支出占总数的比重",
    "budget": "预算情况句",
    "initial_change": "年初预算的同比增减",
    "adjustment_rate": "预算调整率",
    "execution": "预算执行率句",
    "execution_change": "执行率较上年的变化",
    "expense": "费用及其占总费用的比重",
    "staffing": "编制与在职人员句",
    "staff_control_rate": "在职人员控制率",
    "internal_units": "内设机构句",
    "scope": "自评范围句",
    "score": "自评得分句",
    "indicators": "产出、效益、满意度指标的完成情况",
    "spending_rate": "部门预算资金支出率",
    "carryover": "结转结余率",
    "procurement": "政府采购",
    "assets": "资产与固定资产利用率",
    "three_public": "“三公”经费",
}
"""The computed sentences and clauses a unit may leave out (:attr:`Settings.omit`), by name."""


def _sentence(name: str) -> str:
    """A name of :data:`SENTENCES`.

    Raises:
        PydanticCustomError: any other name (the message lists the names).
    """
    if name not in SENTENCES:
        expected = "、".join(SENTENCES)
        raise PydanticCustomError("literal_error", "unknown sentence", {"expected": expected})
    return name


Sentence = Annotated[str, AfterValidator(_sentence), WithJsonSchema({"enum": list(SENTENCES)})]
"""The name of a computed sentence or clause (:data:`SENTENCES`)."""


class Thresholds(Frozen):
    """When a figure asks for an explanation or looks implausible (docs/domain.md §8): warnings of
    ``perfgen check``, never errors."""

    explain_execution_below: Percent = Field(
        Decimal(90),
        description="预算执行率（总体、基本支出或项目支出）低于此值（%）时应说明原因，默认 90",
    )
    indicators_all_above: Percent = Field(
        Decimal(120),
        description="全部定量指标的完成率都不低于此值（%）时提示目标可能定得过低，默认 120",
    )
    outcome_below_output: Percent = Field(
        Decimal(30),
        description="效益指标的平均完成率比产出指标低此数（个百分点）以上时提示，默认 30",
    )


class ScoreCap(Frozen):
    """A platform's cap on the total score by execution rate (docs/domain.md §8)."""

    below: Percent = Field(description="预算执行率低于此值（%）时")
    max_score: Decimal = Field(ge=0, le=100, description="自评得分不得超过此分")


class Settings(Frozen):
    """Presentation and formula choices, each with a documented default."""

    fonts: Annotated[Fonts, BeforeValidator(_font_preset)] = Field(
        Fonts(),
        description="Word 文档字体；或写预设名 official（公文字体）、windows（Windows 自带字体）",
    )
    level3_bold: bool = Field(True, description="三级标题“1.”是否加粗（各地习惯不同）")

    thousands_separator: bool = Field(False, description="金额是否使用千位分隔符（如 1,519.36）")
    percent_decimals: int = Field(2, ge=0, le=4, description="百分比保留的小数位数")
    indicator_rate_decimals: int = Field(
        2, ge=0, le=4, description="指标完成率保留的小数位数（样本常用整数，即 0）"
    )
    score_decimals: int = Field(2, ge=0, le=2, description="自评得分保留的小数位数")
    carryover_rate_base: Literal["adjusted_budget", "total_expenditure"] = Field(
        "adjusted_budget",
        description="结转结余率的分母：adjusted_budget 调整后预算（全国通行口径，默认）；"
        "total_expenditure 总支出（决算数）",
    )
    grade_bands: tuple[GradeBand, ...] = Field(
        DEFAULT_GRADE_BANDS, description="评价等级分档，按最低分从高到低排列"
    )
    list_styles: dict[ListName, ListStyle] = Field(
        {},
        description="各列表的样式：numbered 编号段落（1. 2.），inline 一段“一是…；二是…”，"
        "headed 有小标题的条目作标题；可设置的列表：duties、key_tasks、performance_goals、"
        "achievements、problems、measures；不设则按内容（有小标题作标题，问题与措施无小标题时一段列举）",
    )
    run_in_headings: bool = Field(
        False,
        description="小标题与正文同段（如“1.人大会议：……”），公文常见；条目中的 run_in 可单独设置",
    )
    omit: tuple[Sentence, ...] = Field(
        (),
        description="不输出的计算句或分句，如 [adjustment_rate]；可用的名称："
        + "、".join(f"{name}（{label}）" for name, label in SENTENCES.items()),
    )
    thresholds: Thresholds = Field(Thresholds(), description="要求说明原因、提示不合理的阈值")
    score_caps: tuple[ScoreCap, ...] = Field(
        (),
        description="按预算执行率限制自评得分的上限（部分平台的规则；默认不启用），"
        "如 [{below: 80, max_score: 89}, {below: 70, max_score: 79}]",
    )

    def __hash__(self) -> int:
        """As they compare: pydantic then shares the default Settings rather than copying it."""
        values = self.__dict__.values()
        return hash(tuple(frozenset(v.items()) if isinstance(v, dict) else v for v in values))

    def list_style(self, name: str, items: Sequence[Any]) -> ListStyle:
        """How the list ``name`` (a key of :data:`LIST_PATHS`) with ``items`` is printed: the
        style :attr:`list_styles` gives it, else headed when an item has a title, else inline
        for problems and measures and numbered for the others. Templates and the rule
        ``unterminated`` both ask here."""
        for listed, style in self.list_styles.items():
            if listed == name:
                return style
        if any(not isinstance(item, str) and item.title for item in items):
            return "headed"
        return "inline" if name in INLINE_LISTS else "numbered"
