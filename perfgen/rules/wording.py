"""Rules on the wording of the narrative, whatever its figures: a paragraph that stops
mid-sentence, a numbered list that skips, a paragraph written twice, a change of a rate written
in % where 个百分点 is meant.

Every rule here is a warning; each reading (:mod:`perfgen.narrative`) has limits its rule
states. The rules that compare the narrative's figures are in :mod:`perfgen.rules.narrative`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from perfgen.arithmetic import HUNDRED, quantize
from perfgen.locations import FieldPath
from perfgen.narrative import enumerations, repeats
from perfgen.narrative.mentions import rate_changes
from perfgen.narrative.numbering import number_of
from perfgen.narrative.passages import Passage
from perfgen.narrative.punctuation import closed
from perfgen.rules.registry import Context, Hit, hint, hit, rule


def place_of(context: Context, passage_path: tuple[object, ...]) -> str:
    """“第 N 行” of a field (“第 N 段” of a report read back), for a message naming a
    second place."""
    return context.input.where(passage_path) or "同一文件中"  # type: ignore[arg-type]


def _paragraphs(context: Context) -> Iterator[Passage]:
    """The passages printed as paragraphs: paragraph fields, except the items of a list
    printed inline (一是…；二是…), which are fragments of one sentence."""
    from perfgen.input.settings import LIST_PATHS

    report = context.report
    inline: dict[int, set[tuple[str, ...]]] = {}  # the inline lists' paths, by their length
    for name, path in LIST_PATHS.items():
        items: object = report
        for key in path:
            items = getattr(items, key)
        if report.settings.list_style(name, items) == "inline":  # type: ignore[arg-type]
            inline.setdefault(len(path), set()).add(path)
    lengths = tuple(inline.items())
    for passage in context.passages:
        if not passage.paragraph:
            continue
        for length, paths in lengths:
            if passage.path[:length] in paths:
                break  # an item of a list printed inline
        else:
            yield passage


@rule(
    "unterminated",
    "warning",
    summary="段落末尾没有句号等结束标点（可能被截断）；perfgen 照原文输出，不再自动补“。”",
    message="段落末尾没有结束标点：“…{end}”；请补上标点，或核对这段是否被截断",
    blames="该段落",
    example="""
evaluation:
  conclusion: [全年完成各项工作任务，各项绩效目标基本实现，但部分项目的执行进度]
""",
    limits=(
        "只看段落的最后一个字符：句中漏掉的标点、以“：”结尾而后面没有下文的引导句都不报告；以一"
        "是…二是…合成一段的列表（如存在的主要问题）中的各项不是段落，不检查。audit 读入的已发布"
        "报告中，表格的行（含“|”或“□”）、短于 30 字且句中没有逗号句号的行（标题、封面和表格的栏目，"
        "如“1.职责职能”“报告日期:2022年5月13日”）不检查：读入时无法确定它们是段落；前两段和后一段"
        "都是这样的短行的一段（逐格摘出的表格中一栏的内容，如“职能职责概述”一栏）也不检查。"
    ),
    review="这段末尾没有结束标点：“…{end}”，{why}",
    hints=(
        "audit 读入的已发布报告的最后一段（上述标题、栏目等短行除外，如报告末尾的日期）：从网页"
        "复制或摘录的文字常在此截断，句子没写完是摘录造成的还是报告本身如此，无法判断。"
    ),
)
def unterminated(context: Context) -> Iterator[Hit]:
    source = context.input.source
    cells = _form_cells(context.passages) if context.read_back else set()
    for passage in _paragraphs(context):
        text = passage.text.rstrip()
        if closed(text):
            continue
        if context.read_back:  # is it a paragraph at all, is it where the text was cut off
            if not sentence_like(text) or passage.path in cells:
                continue
            if context.input.where(passage.path) == source.ends:
                yield hint(passage.path, end=passage.text[-15:], why=CUT_OFF)
                continue
        yield hit(passage.path, end=passage.text[-15:], why="句子可能不完整")


CUT_OFF = "原文到此结束：可能是复制或摘录时截断的"
"""Why a report read back may stop mid-sentence at its very end."""

SHORT_LINE = 30
"""A line of a report read back shorter than this, without a comma or a full stop inside, may
be a heading, a cover's field or a form's cell the reader kept as a paragraph."""

_INSIDE = frozenset("，,。；;！？!?")

_FORM_MARKS = ("|", "□", "☑", "■")
"""What a form flattened to text carries: cells joined with “|”, check boxes."""


def _cell(text: str) -> bool:
    """A short line of a report read back that is no sentence and no numbered heading: a
    form's cell (“联系人”, “0730-7802036”, “职能职责概述”)."""
    return not closed(text) and not sentence_like(text) and number_of(text) is None


def _form_cells(passages: tuple[Passage, ...]) -> set[FieldPath]:
    """The paragraphs of a report read back that are the content of a form's cell: in a field
    whose paragraphs are a form flattened one cell a line, the two paragraphs before it and the
    one after it are cells (a label, a value, then its label; its value after its label)."""
    found: set[FieldPath] = set()
    for n in range(2, len(passages) - 1):
        around = (passages[n - 2], passages[n - 1], passages[n + 1])
        if all(p.path[:-1] == passages[n].path[:-1] for p in around) and all(
            _cell(p.text.strip()) for p in around
        ):
            found.add(passages[n].path)
    return found


def sentence_like(text: str) -> bool:
    """Whether a paragraph of a report read back is surely prose: not a table row flattened
    with “|” or a form's check boxes (“□”), and not a short line with no sentence punctuation
    inside (a heading such as “1.职责职能”, a cover's “报告日期:2022年5月13日”, a form's
    “收入合计”)."""
    if any(mark in text for mark in _FORM_MARKS):
        return False
    return len(text) >= SHORT_LINE or any(c in _INSIDE for c in text[:-1])


@rule(
    "enumeration-gap",
    "warning",
    summary="文中的列举编号跳号或重复（一是…三是；①②④；1、2、4、），或条目自带的编号不连续",
    message="编号“{found}”接在“{previous}”之后，应为“{expected}”：跳号或重复",
    blames="编号所在的段落",
    example="""
measures:
  - 一是加强预算编制；三是加快预算执行进度。
""",
    limits=(
        "从“一”开始的编号才算一组（二是…三是而没有一是，按从二开始读）；行文中的“第一，…第二"
        "，…”不读；条目自带编号只在同一列表的相邻条目之间比较。"
    ),
)
def enumeration_gap(context: Context) -> Iterator[Hit]:
    for gap in enumerations.gaps(context.passages):
        yield hit(gap.path, found=gap.found, previous=gap.previous, expected=gap.expected)


@rule(
    "typed-numbering",
    "warning",
    summary="列表的条目开头自带编号（如“1.负责…”“一是…”）：perfgen 按列表样式自动编号，"
    "报告只印一次，请删去条目中的编号",
    message="“{list}”的条目开头自带编号（如“{example}”）：perfgen 会自动编号，报告中只印一次；"
    "请删去 YAML 中各条目开头的编号",
    review="“{list}”的条目开头自带编号（如“{example}”）",
    blames="列表的第一个自带编号的条目",
    example="""
problems:
  - 1.满意度调查工作不够全面。
  - 2.绩效目标设置不够细化。
""",
    limits=(
        "只看部门职能、重点工作任务、绩效目标、成效、问题和措施这六个列表的条目开头，每个列表"
        "报告一次；只认列表的编号法（1. 1、（1）① 一、（一）），且第一条编为 1、至少两条自带"
        "编号；“一是”“第一，”是句中的列举，不算；只有一条的列表不查（它的编号可能是条目内的"
        "列举）；audit 读入的已发布报告不查（原文的编号是报告自己的）。"
    ),
)
def typed_numbering(context: Context) -> Iterator[Hit]:
    from perfgen.input.settings import LIST_PATHS
    from perfgen.narrative.numbering import unnumbered
    from perfgen.rules.sections import section_keys

    if context.input.source.places:  # a report read back: its numbers are its own, not typed
        return
    titles = context.report.section_headings
    for path in LIST_PATHS.values():
        items: Any = context.report
        for key in path:
            items = getattr(items, key)
        texts = [i if isinstance(i, str) else "".join(i.text) or (i.title or "") for i in items]
        for n, (item, text, kept) in enumerate(zip(items, texts, unnumbered(texts), strict=True)):
            if kept != text:  # the number perfgen drops when it prints the list
                at: FieldPath = (*path, n) if isinstance(item, str) else (*path, n, "text", 0)
                section = titles.get(next(iter(section_keys(at, titles)), ""), "")
                yield hit(at, list=section or ".".join(path), example=text[:12])
                break


_REPEATED = (
    "2024年，本办坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，"
    "扎实做好各项工作，为全区高质量发展提供有力保障。"
)


@rule(
    "repeated-paragraph",
    "warning",
    summary="一段文字（50 字以上）与前文的某段完全相同或几乎相同（相似度 90% 以上），"
    "多为复制上年或他处文字",
    message="这段文字与{where}的段落{how}，疑为重复粘贴：“{start}…”",
    blames="后出现的段落",
    example=f"""
basic_info:
  annual_work:
    text: [{_REPEATED}]
  performance_management:
    text: [{_REPEATED}]
""",
    limits=("只比较整段：长段落中重复的一句、改写过措辞的段落都不报告；50 字以下的短段落不比较。"),
)
def repeated_paragraph(context: Context) -> Iterator[Hit]:
    for repeat in repeats.repeats(context.passages):
        similarity = repeat.similarity
        how = (
            "完全相同"
            if similarity == 1
            else f"几乎相同（相似度 {quantize(similarity * HUNDRED, 0)}%）"
        )
        where = place_of(context, repeat.first.path)
        yield hit(repeat.again.path, where=where, how=how, start=repeat.again.text[:20])


@rule(
    "change-in-percent",
    "warning",
    summary="比率的增减写成了“%”（如“执行率……提高2.64%”）：两个比率之差应写作“个百分点”",
    message="“{rate}”的变化写作“{written}”：两个比率之差应写作“个百分点”"
    "（perfgen 计算的句子已如此）",
    review="“{rate}”的变化写作“{written}”：两个比率之差应写作“个百分点”",
    blames="该段落",
    example="""
evaluation:
  conclusion: [项目支出完成率96.33%，较上年提高2.64%。]
""",
    limits=(
        "只看同一句中、位于比率（……率、占比、比重）之后的“提高/下降……%”；句中换了主语（出"
        "现金额、经费等）的不报告；写作“增幅”“增长率”的金额变化不是比率之差，不报告。"
    ),
)
def change_in_percent(context: Context) -> Iterator[Hit]:
    for passage in context.passages:
        for change in rate_changes(passage):
            yield hit(passage.path, rate=change.rate, written=change.written)
