"""Settings: the presentation and formula choices a unit or a bureau makes, and the outline
presets with their section titles (domain.md §1).

Everything here has a documented default; ``settings:`` and ``section_titles:`` in the YAML
override it. The title defaults are defined once, in :data:`PRESET_TITLES`; the descriptions
of :class:`SectionTitles` (shown in messages, the scaffold and the schema) are made from them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from perfgen.values import Frozen, Name, Text

Outline = Literal["standard", "legacy"]
"""The outline presets (domain.md §1)."""

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
    """Overrides of section titles; numbering is never overridden (domain.md §1)."""

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
"""National standard bands (domain.md §3): 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60."""


class Fonts(Frozen):
    """Font names for the Word file (domain.md §6); machines without them substitute."""

    title: Name = Field("方正小标宋简体", description="标题字体（二号）")
    heading1: Name = Field("黑体", description="一级标题“一、”字体")
    heading2: Name = Field("楷体_GB2312", description="二级标题“（一）”字体")
    body: Name = Field("仿宋_GB2312", description="正文及三、四级标题字体（三号）")
    page_number: Name = Field("宋体", description="页码字体（四号）")
    latin: Name = Field("Times New Roman", description="西文字体")


class Settings(Frozen):
    """Presentation and formula choices, each with a documented default."""

    fonts: Fonts = Field(Fonts(), description="Word 文档字体")
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
