"""Rules on the report's form rather than its figures: a template's note left in the text, a
heading cut off mid-sentence, a heading or item number used twice in a row, a contents list
(目录) that does not match the headings of the body.

A report read back (``perfgen audit``) is checked paragraph by paragraph as printed
(:attr:`perfgen.locations.Source.document`), so that a heading the reader recognised, and whose
note it dropped, is seen as written; a YAML input is checked on its texts and its section
titles. Every rule here is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfgen.locations import FieldPath
from perfgen.narrative.headings import cut_off, instructions
from perfgen.narrative.numbering import Number, number_of
from perfgen.narrative.punctuation import closed
from perfgen.rules.registry import Context, Hit, hit, rule


def texts(context: Context) -> Iterator[tuple[FieldPath, str]]:
    """Every text of the report with the path a finding on it blames: the paragraphs of a
    report read back as printed (its contents list aside), else the texts of the input and
    its section titles (:attr:`Context.texts`, read once per check)."""
    return iter(context.texts)


@rule(
    "template-instruction",
    "warning",
    summary="正文中留有模板给填写人的提示（如标题后的“（限500字以内）”“（此处填写……）”"
    "“（请简要说明……）”）",
    message="文中留有模板的填写提示“{note}”，请删去",
    blames="留有提示的段落或标题",
    example="""
basic_info:
  functions:
    text: [本局负责全区统计工作（此处填写部门主要职能）。]
""",
    limits=(
        "只认括号中的提示：字数限制（限500字、300字以内、字数）、“此处”“请……”“填写”“填报”、"
        "“可附……”“需说明……”；不加括号的提示、“【待填写】”（另有规则）不在此列。"
    ),
)
def template_instruction(context: Context) -> Iterator[Hit]:
    for path, text in texts(context):
        for note in instructions(text):
            yield hit(path, note=note)


def _headings(context: Context) -> Iterator[tuple[FieldPath, str]]:
    """The headings the report keeps as titles, not paragraphs (a point's, a part's kept as
    printed, the section titles): the paragraphs ``unterminated`` does not check."""
    for passage in context.passages:
        if not passage.paragraph and len(passage.path) > 1 and passage.path[-1] == "title":
            yield passage.path, passage.text
    titles = context.report.section_titles
    for name in type(titles).model_fields:
        if title := getattr(titles, name):
            yield ("section_titles", name), title


def _heading_like(number: Number) -> bool:
    """Whether a numbered paragraph reads as a heading: short, and no full stop inside."""
    rest = number.rest.strip()
    return 0 < len(rest) <= 40 and "。" not in rest[:-1]


@rule(
    "cut-heading",
    "warning",
    summary="标题（或被当作标题的编号段落）在逗号、顿号或“的、和、及”等处断开，像是被截断的句子",
    message="标题“{heading}”{why}，像是被截断的句子；请核对原文是否缺了后半句",
    blames="该标题",
    example="""
evaluation:
  management_efficiency:
    items:
      - {title: 加强预算编制的, text: [本年细化了预算编制。]}
""",
    limits=(
        "只看标题的最后一个字：以逗号、顿号、左括号或“的、和、及、与、把、被”结尾的（“目的”"
        "“参与”等词除外）；在名词处断开的标题看不出，除非是读入的已发布报告中、下面没有正文的"
        "编号条目：句中有逗号、末尾没有结束标点，而同一列表的其他这类条目都有。"
    ),
)
def cut_heading(context: Context) -> Iterator[Hit]:
    cut = set()
    for path, heading in _headings(context):
        if cut_off(heading):
            cut.add(path)
            yield hit(path, heading=heading, why=f"在“{heading.rstrip()[-2:]}”处断开")
    for path, printed in _unclosed_items(context):
        if path not in cut:
            why = "末尾没有结束标点，而同一列表的其他条目都有"
            yield hit(path, heading=printed, why=why)


def _unclosed_items(context: Context) -> Iterator[tuple[FieldPath, str]]:
    """The items of a report read back that the reader took for titles (a numbered paragraph
    with no text under it), printed without closing punctuation and with a comma inside, in a
    list whose every other such item is printed closed: a sentence cut off, which
    ``unterminated`` does not see, since a title is no paragraph."""
    source = context.input.source
    if not source.document:
        return
    places = (source.places.get(("document", n)) for n in range(len(source.document)))
    index = {where: n for n, where in enumerate(places) if where}
    with_text = {p.path[:-2] for p in context.passages if len(p.path) > 2 and p.path[-2] == "text"}
    lists: dict[FieldPath, list[tuple[FieldPath, str]]] = {}
    for passage in context.passages:
        path = passage.path
        if len(path) < 3 or path[-1] != "title" or path[:-1] in with_text:
            continue
        n = index.get(context.input.where(path))
        if n is not None:
            lists.setdefault(path[:-2], []).append((path, source.document[n].strip()))
    for items in lists.values():
        open_ = [(path, printed) for path, printed in items if not closed(printed)]
        if len(items) >= 2 and len(open_) == 1 and re.search(r"[，,]", open_[0][1]):
            yield open_[0]


_ITEM = re.compile(r"(?:^|(?<=[。；;！？!?]))\s*(\d{1,2})\s*[.、．](?!\d)")
"""An item number opening a sentence of a run-on list (“……。4.结果应用不足。”)."""
_ITEM_AFTER_STOP = re.compile(r"[。；;！？!?]\s*(\d{1,2})\s*[.、．](?!\d)")
""":data:`_ITEM` after a sentence's end, found from that mark: a pattern beginning with an
assertion is tried at every character, one beginning with a set of marks only where one
stands."""


def _run_on(text: str) -> Iterator[tuple[str, str, str]]:
    """Each item number of a run-on list in ``text`` that repeats the one before it: (the
    number as written, the number before it as written, the words around them); only in a
    list that starts at 1 and counts up."""
    previous: tuple[int, str, int] = (0, "", 0)
    if not ("、" in text or "." in text or "．" in text):  # each item number has one after it
        return
    if _ITEM.match(text):
        first = 0
    elif after_stop := _ITEM_AFTER_STOP.search(text):
        first = after_stop.start() + 1  # the first item opens the sentence after this mark
    else:
        return
    for match in _ITEM.finditer(text, first):
        value, written = int(match[1]), match[0].strip()
        if value == 1 and previous[0] == 0:
            previous = (1, written, match.start())
        elif previous[0] and value == previous[0]:
            yield written, previous[1], text[previous[2] : match.end() + 12].strip() + "…"
        elif previous[0] and value == previous[0] + 1:
            previous = (value, written, match.start())
        else:
            previous = (0, "", 0)


@rule(
    "repeated-label",
    "warning",
    summary="同一级的标题编号紧接着重复（“（一）部门职能”之后又是“（一）年度总体工作”），"
    "或一段中连排的条目编号重复（“……3.…… 4.…… 4.……”）",
    message="编号“{label}”紧接在“{previous}”之后重复使用：“{text}”",
    blames="重复编号的标题或段落",
    example="""
problems:
  - 1.预算编制不够精准。2.绩效目标不够细化。2.绩效监控不到位。3.结果应用不足。
""",
    limits=(
        "标题只在读入的已发布报告中比较：相邻两个同一种编号（一、 （一） 1. （1） ①）的编号相"
        "同、其间没有别的编号的标题；一段中连排的条目只认从 1 开始、依次递增的“1.”“2、”，在"
        "句末标点之后出现的编号。"
    ),
)
def repeated_label(context: Context) -> Iterator[Hit]:
    last: dict[str, tuple[int, str]] = {}
    source = context.input.source
    for path, text in texts(context):
        for label, previous, around in _run_on(text):
            yield hit(path, label=label, previous=previous, text=around)
        if not source.document or (number := number_of(text)) is None:
            continue
        if number.form not in _RANKS or not _heading_like(number):
            continue
        before = last.get(number.form)
        if before is not None and before[0] == number.value:
            yield hit(path, label=number.written.strip(), previous=before[1], text=text)
        # a number of another form between two resets nothing: （一）…1.…（一） is a repeat too,
        # but a higher level resets the lower ones (一、 starts its （一） afresh)
        last = {form: seen for form, seen in last.items() if _rank(form) <= _rank(number.form)}
        last[number.form] = (number.value, text.strip())


_RANKS = {"cn": 0, "cn_paren": 1, "arabic": 2, "ar_paren": 3, "ar_close": 3, "circled": 4}


def _rank(form: str) -> int:
    return _RANKS.get(form, 5)
