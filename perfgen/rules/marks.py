"""Rules on slips a reviewer sees at once in print: a bracket left open or closed with the wrong
mark (a document number's 〔年份〕 above all), a page number left at the end of a heading,
two neighbouring amounts one digit swap apart where the report's own sums say which is right,
and a character dropped from the formula “现将…情况报告如下”.

A report read back (``perfgen audit``) is checked paragraph by paragraph as printed
(:attr:`perfgen.locations.Source.document`); a YAML input on its texts. Every rule here is a
warning; the readings are in :mod:`perfgen.narrative.pairs`, :mod:`perfgen.narrative.swaps`
and :mod:`perfgen.narrative.formulas`.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfgen.narrative.formulas import cut_formula
from perfgen.narrative.numbering import number_of
from perfgen.narrative.pairs import across, document_numbers, stray_number, unpaired
from perfgen.narrative.swaps import swaps
from perfgen.rules.form import texts
from perfgen.rules.registry import Context, Hit, hit, rule
from perfgen.rules.wording import sentence_like

_NAMES = {"（": "括号", ")": "括号", "）": "括号", "(": "括号", "《": "书名号", "》": "书名号"}


@rule(
    "unpaired-mark",
    "warning",
    summary="文号的年份括号没有闭合或前后不配（“内财监〔20191343号”“〔2019]”），或一段中的"
    "括号、书名号、引号不成对",
    message="“{words}”中{what}",
    blames="该段落",
    example="""
basic_info:
  functions:
    text: [根据《关于全面实施预算绩效管理的实施意见》（财预〔20191343号），本局开展了自评。]
""",
    limits=(
        "文号只认“机关代字〔年份〕序号号”的写法；其他括号只在同一段内配对：前引号“没有后引号"
        "不报告（长引文可以跨段），段首或句首编号后的“1)”“二）”不算括号；半角与全角括号互相"
        "配对；audit 读入的已发布报告中，表格的行、短于 30 字且句中没有标点的行不查，最后一段"
        "（可能是摘录截断处）只查文号和多出的后括号。"
    ),
)
def unpaired_mark(context: Context) -> Iterator[Hit]:
    source = context.input.source
    last = ("document", len(source.document) - 1) if source.document else None
    paths, marks = [], []
    for path, text in texts(context):
        numbers = list(document_numbers(text)) if "号" in text else []
        for written, what in numbers:
            yield hit(path, words=written, what=what)
        quiet = bool(numbers) or (bool(source.document) and not sentence_like(text.strip()))
        paths.append((path, quiet))
        marks.append(unpaired(text))
    for n, mark in across(marks):
        path, quiet = paths[n]
        if quiet or (not mark.closing and path == last):
            continue  # a form's row, a line that may be no paragraph; the excerpt's cut
        name = _NAMES.get(mark.mark, "引号")
        what = (
            f"后{name}“{mark.mark}”前没有对应的前{name}"
            if mark.closing
            else f"前{name}“{mark.mark}”没有对应的后{name}"
        )
        yield hit(path, words=mark.words, what=what)


@rule(
    "heading-page-number",
    "warning",
    summary="标题末尾多出一个数字（“（三）预算资金情况9”）：多为目录或 PDF 页脚的页码混入标题",
    message="标题“{heading}”末尾多出“{number}”，像是混入的页码",
    blames="该标题",
    example="""
示例局2024年度部门整体支出绩效自评报告
一、部门基本情况
（一）部门职能
本局负责全区统计工作。
（二）预算资金情况9
本局年初预算100.00万元。
（三）机构设置
本局内设3个科室。
""",
    read=True,
    limits=(
        "只在读入的已发布报告中查：带编号、不含句号的短标题，数字（1 至 3 位）紧接在“情况、分"
        "析、评价、结论、问题、措施、职能、设置”等标题常用的结尾词之后；前后相邻的编号标题也"
        "以数字结尾时（保留了页码的目录）不报告；“附件1”“指标3”“2022年度”等不在此列。"
    ),
)
def heading_page_number(context: Context) -> Iterator[Hit]:
    document = context.input.source.document
    headings = []
    for n, text in enumerate(document):
        number = number_of(text)
        rest = number.rest.strip() if number else ""
        if number and 0 < len(rest) <= 40 and "。" not in rest and "，" not in rest:
            headings.append((n, text.strip(), stray_number(rest)))
    for k, (n, heading, stray) in enumerate(headings):
        neighbours = headings[max(0, k - 1) : k] + headings[k + 1 : k + 2]
        if stray and not any(other for _, _, other in neighbours):
            yield hit(("document", n), heading=heading, number=stray)


@rule(
    "swapped-digits",
    "warning",
    summary="相邻的两个金额只差两位相邻数字颠倒（661.682093 与 661.628093），而其中一个与报告中的"
    "其他金额加总相符、另一个不符：疑为抄写时数字颠倒",
    message="“{wrong}”与相邻的“{right}”只差两位数字颠倒，而 {sum} 成立、换成“{wrong}”则不"
    "成立：疑“{wrong}”数字颠倒",
    blames="数字颠倒的金额所在的段落",
    example="""
示例局2024年度部门整体支出绩效自评报告
年度 | 预算数 | 实际支出数
2023 | 661.628093 | 661.682093
2024 | 18273.721787 | 18273.721787
基本支出 | 2465.390098
项目支出 | 16469.959782
""",
    read=True,
    limits=(
        "只在读入的已发布报告中查：两个金额都带小数点、至少 6 位有效数字、相隔不超过 3 段；"
        "加总只认“一个金额 + 另一个金额 = 第三个金额（或另两个金额之和）”，只在这对金额前后各"
        " 40 个金额中找；两个都加不上或都加得上时不报告（无法判断哪个对）。"
    ),
)
def swapped_digits(context: Context) -> Iterator[Hit]:
    document = context.input.source.document
    contents = set(context.input.source.contents)
    paragraphs = ["" if n in contents else text for n, text in enumerate(document)]
    for swap in swaps(paragraphs):
        yield hit(("document", swap.wrong_at), wrong=swap.wrong, right=swap.right, sum=swap.sum)


@rule(
    "formula-missing-word",
    "warning",
    summary="固定句式“现将……情况报告如下”中“现将”与“情况”之间只剩一个字（“现将价情况报告如下”）："
    "疑漏了字",
    message="“{words}”中“现将”之后只有一个字“{word}”，疑漏了字（如“评价情况”“自评情况”）",
    blames="该段落",
    example="""
evaluation:
  conclusion: [按照有关文件要求，本局开展了部门整体支出绩效自评。现将价情况报告如下：]
""",
    limits=(
        "只认“现将……情况（结果）报告（汇报、说明）如下”这一句式，且其间只有一个字；“其、该、"
        "此、各、本”是代词，“现将其情况报告如下”不报告；其他句子中的漏字看不出。"
    ),
)
def formula_missing_word(context: Context) -> Iterator[Hit]:
    for path, text in texts(context):
        for words, word in cut_formula(text):
            yield hit(path, words=words, word=word)
