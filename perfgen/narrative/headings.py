"""The report's headings and the notes a template leaves beside them.

Two readings of the clerk's text that are about its form, not its figures:

- :func:`instructions`: a note of the template to the writer left in the text, in brackets:
  a word limit (“（限500字以内）”, “(300字左右)”), “（此处填写……）”, “（请简要说明……）”,
  “（可附……）”. A bracketed remark of the report itself (“（以下简称……）”, “（万元）”,
  “（单位）”) says none of these and is not one.
- :func:`cut_off`: a heading that is the start of a sentence cut short (it ends on a comma, a
  顿号, an open bracket or a word that cannot end a phrase: 的、和、及、与 …), the paragraph
  the reader took for a heading because of its number.

What it cannot see: a note written without brackets (“本部分不超过500字”), a cut-off heading
that happens to end on a noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BRACKETED = re.compile(r"[（(【\[]([^（）()【】\[\]]{2,60})[）)】\]]")
_NOTE = re.compile(
    r"^\s*(?:此处|在此)"
    r"|^\s*请(?:简|详细|具体|填|说明|列|根据|按|结合|对照|在|注明|补充|据实|如实|上传|附|选择|勾选"
    r"|删除|参照|描述|概述|阐述|分析)"
    r"|填写|填报|\d+\s*字(?:以内|以下|左右)|限\s*\d+\s*字|字数"
    r"|^\s*(?:可|须|需|应)(?:附|另附|上传|列明|简述|说明|填)"
)
"""What a template's note to the writer says: a word limit, 此处填写, 请说明, 可附."""
_PENDING = re.compile(r"待填写|待更新")


def instructions(text: str) -> Iterator[str]:
    """The template's notes left in ``text``, each as written with its brackets."""
    if not ("）" in text or ")" in text or "】" in text or "]" in text):
        return  # no closing bracket: string searches, quicker than the regex engine's
    for match in _BRACKETED.finditer(text):
        inner = match[1]
        if _NOTE.search(inner) and not _PENDING.search(inner):
            yield match[0]


_UNFINISHED = re.compile(
    r"(?:[，,、（(“]|(?<![目])的|(?<![总温平祥缓调])和|(?<![普涉波企危])及|(?<![参给赋])与"
    r"|把|被|以及|并且|以便)\s*$"
)
"""The ends of a phrase cut short: a comma, a 顿号, an open bracket or quote, a word that
joins (的、和、及、与 — but not the nouns and verbs ending so: 目的、总和、普及、参与)."""


def cut_off(heading: str) -> bool:
    """Whether a heading ends where no heading or phrase ends (see :data:`_UNFINISHED`)."""
    return bool(_UNFINISHED.search(heading.rstrip()))
