"""The input schema: what a clerk writes in ``dept.yaml``, and nothing perfgen computes.

Money is in 万元 as :class:`~decimal.Decimal`; rates the clerk states are percentages
(``99.89`` means 99.89%). Where a total and its parts are both given, the total is used
and its agreement with the parts is a check (docs/domain.md §5). Field names follow the glossary
in docs/domain.md §7; every field has a Chinese description for messages, scaffolds and schema.
The value types are in :mod:`perfgen.input.values`, the settings and section titles in
:mod:`perfgen.input.settings`, the finances of part 一（三） in :mod:`perfgen.input.finances`.

This module is over 300 lines because it is the whole schema, each field with its Chinese
description; split across modules, the report's outline would no longer read top to bottom.
"""

# No `from __future__ import annotations` here: pydantic would evaluate each field's annotation
# from its text when the class is built, at the start of every command (issue 26).
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from perfgen.input.finances import Finances
from perfgen.input.settings import Outline, SectionTitles, Settings
from perfgen.input.values import (
    Achieved,
    Comparator,
    Date,
    Frozen,
    IndicatorKind,
    Money,
    Paragraphs,
    Percent,
    Quantity,
    Score,
    Text,
    Weight,
)


class Point(Frozen):
    """A narrative item: an optional title, paragraphs, and sub-items.

    A plain string is accepted as an untitled item of one paragraph. Titled items become
    headings one level below their section; untitled ones become numbered paragraphs or an
    inline 一是…；二是… enumeration, as the section's template decides.
    """

    title: Text | None = Field(None, description="小标题（可选），编号由程序自动生成")
    text: Paragraphs = Field((), description="正文段落（一段一项）")
    points: tuple["Point", ...] = Field((), description="下级条目")
    run_in: bool | None = Field(
        None,
        description="小标题是否与正文同段（如“1.人大会议：……”）；不写则按 settings.run_in_headings",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": [value]} if isinstance(value, str) else value


Points = tuple[Point, ...]


class Unit(Frozen):
    """The department (部门/单位) the report is about."""

    name: Text = Field(description="单位全称，如“广州市南沙区人民代表大会常务委员会办公室”")
    short_name: Text | None = Field(None, description="单位简称，如“区人大常委会办公室”")


class Signature(Frozen):
    """The closing signature without seal (落款)."""

    unit: Text = Field(description="落款单位名称")
    date: Date | None = Field(None, description="成文日期，如 2023-06-14 或 2023年6月14日")


class Staffing(Frozen):
    """Headcount (编制数), staff in post (实有人数) and its breakdown by category; a report may
    state the headcount alone (then no 在职人员控制率 is computed, docs/domain.md §2). Retired
    staff (离退休人数, 离休 and 退休 together) are counted apart: they are not in post, so they
    enter neither the breakdown's total nor the 在职人员控制率."""

    as_of: Date | None = Field(None, description="统计截止日期，如 2022-12-31")
    authorized_headcount: int | None = Field(
        None, ge=0, description="编制数（人）；不写则不计算在职人员控制率"
    )
    staff_in_post: int | None = Field(
        None, ge=0, description="实有在职人数（人）；报告只写编制数时可不填"
    )
    breakdown: dict[Text, Annotated[int, Field(ge=0)]] = Field(
        {},
        description="在职人员按类别的人数，如 {行政: 36, 工勤: 3, 政府聘员: 11}；"
        "合计应等于实有在职人数",
    )
    other_staff: int | None = Field(None, ge=0, description="其他人员（人），如编外人员")
    retired: int | None = Field(
        None, ge=0, description="离退休人数（人，离休与退休合计）；不计入在职人数和在职人员控制率"
    )


class Functions(Frozen):
    """Part 一（一）部门职能: legal status, duties, internal units, staffing."""

    text: Paragraphs = Field((), description="部门性质与职能的叙述段落")
    duties: Paragraphs = Field((), description="主要职责，逐条列出（自动编号）")
    internal_units: tuple[Text, ...] = Field((), description="内设机构名称，如“秘书信访科”")
    subordinate_units: tuple[Text, ...] | None = Field(
        None, description="下属单位名称；写 [] 表示“无下属单位”，不写则不提"
    )
    staffing: Staffing | None = Field(None, description="编制与实有人数")


class AnnualWork(Frozen):
    """Part 一（二）年度总体工作和重点工作任务."""

    text: Paragraphs = Field((), description="年度总体工作的叙述段落")
    key_tasks: Points = Field((), description="重点工作任务")


class BasicInfo(Frozen):
    """Part 一 部门基本情况."""

    functions: Functions = Field(description="（一）部门职能")
    annual_work: AnnualWork = Field(description="（二）年度总体工作和重点工作任务")
    performance_goals: Points = Field((), description="（三）部门整体支出绩效目标，逐条列出")
    finances: Finances = Field(description="（四）部门整体收支情况")
    performance_management: Point = Field(
        Point(), description="（五）部门整体绩效管理情况：text 为总述，points 为各方面"
    )


class KeyTask(Frozen):
    """A key task (重点任务) with what was done and how far its goal was met."""

    name: Text = Field(description="任务名称")
    content: Paragraphs = Field((), description="主要实施内容")
    outcome: Paragraphs = Field((), description="年度目标实际完成情况")


class Indicator(Frozen):
    """A performance indicator (绩效指标): target and actual value, and in the 自评表 its
    grouping, weight (分值) and score (得分)."""

    kind: IndicatorKind | None = Field(
        None,
        description="指标类别：output 产出指标，outcome 效益指标，satisfaction 满意度指标；"
        "有类别的指标列入履职效能分析",
    )
    level1: Text | None = Field(None, description="一级指标，如“履职效能”“管理效率”")
    level2: Text | None = Field(None, description="二级指标，如“产出指标”“预算执行”")
    name: Text = Field(description="指标名称（三级指标）")
    comparator: Comparator = Field("≥", description="指标性质：≥、≤、= 或 定性")
    target: Quantity | None = Field(None, description="年度指标值（定量指标必填）")
    actual: Quantity | None = Field(None, description="实际完成值（定量指标必填）")
    unit: str = Field("", description="度量单位，如“人次”“篇”“%”")
    approximate: bool = Field(False, description="实际值是否为约数（写作“约1300人次”）")
    achieved: Achieved | None = Field(None, description="定性指标或“=”指标的完成情况")
    weight: Weight | None = Field(None, description="分值（自评表）")
    score: Weight | None = Field(
        None, description="得分；不填则为 分值 × min(完成率, 100%)，填写时由检查核对"
    )
    deviation: Text | None = Field(None, description="偏差原因分析及改进措施")
    sample_size: int | None = Field(
        None, ge=0, description="满意度指标的调查样本量（份）；满意度 100% 时应填写"
    )


class FundingRow(Frozen):
    """One row of the 自评表's funding block (资金), in 万元."""

    name: Text = Field(description="资金来源，如“财政拨款”“其他资金”")
    initial_budget: Money | None = Field(None, description="年初预算数（万元）")
    full_year_budget: Money | None = Field(None, description="全年预算数（万元）")
    executed: Money | None = Field(None, description="全年执行数（万元）")


class SelfEvaluationTable(Frozen):
    """The 部门整体支出绩效自评表 (docs/domain.md §3): goals, funding block, indicator rows."""

    xlsx: Text | None = Field(
        None,
        description="从 Excel 读取自评表：文件路径（相对于本 YAML 文件）；填写后下列各项来自该文件",
    )
    goals: Paragraphs = Field((), description="年度总体绩效目标")
    funding: tuple[FundingRow, ...] = Field((), description="资金情况：财政拨款、其他资金")
    funding_weight: Weight | None = Field(None, description="预算执行（资金）的分值，如 10")
    funding_score: Weight | None = Field(
        None, description="预算执行的得分；不填则为 分值 × min(执行率, 100%)"
    )
    indicators: tuple[Indicator, ...] = Field((), description="绩效指标（各行）")
    conclusion: Text | None = Field(None, description="评价结论")
    responsible: Text | None = Field(None, description="负责人")
    preparer: Text | None = Field(None, description="填表人")
    appendix: bool = Field(True, description="是否在报告“附件”部分附上本表")


class ManagementItem(Point):
    """An item of 管理效率分析; ``kind`` decides which computed sentences it carries."""

    kind: (
        Literal[
            "budget_preparation",
            "budget_execution",
            "disclosure",
            "performance_management",
            "procurement",
            "assets",
            "running_cost",
            "other",
        ]
        | None
    ) = Field(
        None,
        description="方面：budget_execution 附执行率与结转结余率，procurement 附采购金额，"
        "assets 附资产与固定资产利用率；其余只输出文字",
    )


class ManagementEfficiency(Frozen):
    """二（三）管理效率分析 (legacy: 二（二）各项工作任务绩效目标完成情况分析)."""

    text: Paragraphs = Field((), description="总述段落")
    items: tuple[ManagementItem, ...] = Field((), description="各方面（预算编制、预算执行……）")
    closing: Paragraphs = Field((), description="结尾段落")


class DutyEffectiveness(Frozen):
    """二（二）履职效能分析 (legacy: 部门履职绩效完成情况)."""

    text: Paragraphs = Field((), description="总述段落")
    points: Points = Field((), description="各方面工作成效（标题 + 正文）")
    key_tasks: tuple[KeyTask, ...] = Field((), description="各重点任务完成情况")
    indicators: tuple[Indicator, ...] = Field((), description="产出、效益、满意度指标")
    spending_rate: Percent | None = Field(
        None, description="部门预算资金支出率（%），按财政部门通报的月度支出执行率计算"
    )
    spending_rate_text: Text | None = Field(None, description="支出率的口径说明")


class KeyEvaluation(Frozen):
    """A project given a 重点评价 (an evaluation in depth)."""

    name: Text = Field(description="项目名称")
    funds: Money | None = Field(None, description="涉及资金（万元）")


class EvaluationScope(Frozen):
    """The 自评 scope sentence: which projects were self-evaluated and the funds covered
    (docs/domain.md §9: “组织对…项目支出开展绩效自评，其中一级项目N个，二级项目M个，
    共涉及资金X万元，占…项目支出总额的Y%”)."""

    first_level_projects: int | None = Field(None, ge=0, description="开展自评的一级项目（个）")
    second_level_projects: int | None = Field(None, ge=0, description="开展自评的二级项目（个）")
    project_funds: Money | None = Field(None, description="项目自评涉及资金（万元）")
    project_share: Percent | None = Field(
        None,
        description="项目自评资金占项目支出总额的比重（%）；可不填，由程序计算，填写时由检查核对",
    )
    key_evaluations: tuple[KeyEvaluation, ...] = Field((), description="开展重点评价的项目")
    department_funds: Money | None = Field(
        None, description="部门整体支出自评涉及资金（万元），应等于同口径的总支出"
    )


class Evaluation(Frozen):
    """Part 二 绩效自评情况 (legacy: 综合评价分析)."""

    scope: EvaluationScope | None = Field(None, description="自评范围（项目个数、涉及资金）")

    score: Score = Field(
        None,
        description="部门整体绩效自评得分（满分 100）；有自评表时可不填，由表计算",
    )
    grade: Text | None = Field(
        None, description="评价等级（可不填，由得分按分档确定；填写时须与得分相符）"
    )
    conclusion: Paragraphs = Field((), description="自评结论的叙述段落")
    achievements: Points = Field((), description="自评结论下列举的绩效目标完成情况")
    duty_effectiveness: DutyEffectiveness = Field(DutyEffectiveness(), description="履职效能分析")
    management_efficiency: ManagementEfficiency = Field(
        ManagementEfficiency(), description="管理效率分析"
    )
    outcomes: Paragraphs = Field((), description="主要工作成效（legacy 提纲）")
    table: SelfEvaluationTable | None = Field(None, description="部门整体支出绩效自评表")

    @model_validator(mode="after")
    def _score_or_table(self) -> "Evaluation":
        # A placeholder score counts as given (it is None but in model_fields_set): a draft.
        if self.table is None and "score" not in self.model_fields_set:
            raise ValueError("score_or_table")
        return self


class Unplaced(Frozen):
    """A part or section of a published report that perfgen's outline has no place for,
    kept verbatim by ``perfgen import`` and printed where it stood."""

    after: Text | Literal[""] = Field(
        "",
        description="印在哪一部分之后：basic_info、evaluation、problems、measures；空为标题之后、"
        "第一部分之前",
    )
    level: Literal[0, 1, 2] = Field(1, description="标题级别：1 为部分，2 为节，0 为无标题")
    title: Text | None = Field(None, description="原文标题（含原编号）")
    text: Paragraphs = Field((), description="原文段落")


class Report(Frozen):
    """One department's self-evaluation report input (the whole ``dept.yaml``)."""

    unit: Unit = Field(description="单位")
    year: int = Field(ge=1990, le=2100, description="评价年度，如 2023")
    outline: Outline = Field(
        "standard", description="提纲：standard 现行广州格式（默认），legacy 旧格式"
    )
    title: Text | None = Field(
        None, description="报告标题；不写则为“{单位}{年度}年部门整体支出绩效自评报告”"
    )
    attachment_label: Text | None = Field(None, description="首行附件标注，如“附件 2”")
    section_titles: SectionTitles = Field(SectionTitles(), description="章节标题覆盖")
    settings_file: Text | None = Field(
        None,
        description="共用设置文件（相对于本 YAML 文件），如财政局下发的 ../设置.yaml；"
        "本文件的 settings 逐项覆盖其中的设置",
    )
    settings: Settings = Field(Settings(), description="格式与计算口径设置")
    basic_info: BasicInfo = Field(description="一、部门基本情况")
    evaluation: Evaluation = Field(description="二、绩效自评情况")
    problems: Points = Field(description="三、存在的主要问题")
    measures: Points = Field(description="四、下一步改进措施")
    closing: Paragraphs = Field((), description="结束语：第四部分之后的结尾段落")
    attachments: tuple[Text, ...] = Field((), description="五、附件，如“部门整体支出绩效自评表”")
    signature: Signature | None = Field(None, description="落款")
    unplaced: tuple[Unplaced, ...] = Field(
        (), description="原文中不属于标准提纲的部分（perfgen import 原样保留），印在原来的位置"
    )

    @property
    def printed_title(self) -> str:
        """The title printed: ``title``, else “{单位}{年度}年部门整体支出绩效自评报告”."""
        return self.title or f"{self.unit.name}{self.year}年部门整体支出绩效自评报告"

    @property
    def section_headings(self) -> dict[str, str]:
        """Every section's title: the outline preset's, with ``section_titles`` applied."""
        return self.section_titles.resolve(self.outline)
