"""A character dropped from the fixed formula that opens a report's account of itself:
“现将…情况（结果）报告如下” — “现将价情况报告如下” for “现将评价情况报告如下”.

The formula names what is reported between 现将 and 情况/结果: a word of two characters or
more (有关情况, 自评情况, 绩效评价结果, 2022年度部门整体支出绩效自评情况). A single character
there is a word cut in half, unless it is a pronoun (其, 该, 此, 各, 本: “现将其情况报告如下”).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_FORMULA = re.compile(
    r"现将(?P<word>[\u4e00-\u9fff])(?P<head>情况|结果)(?:报告|汇报|说明|公开|公布)(?:如下)?"
)

PRONOUNS = frozenset("其该此各本")
"""Single characters that may stand alone before 情况/结果: they point back, they are whole."""


def cut_formula(text: str) -> Iterator[tuple[str, str]]:
    """Each “现将X情况报告如下” of ``text`` whose X is one character and no pronoun: (the
    formula as written, X)."""
    if "现将" not in text:  # found by a string search, quicker than the regex engine's
        return
    for match in _FORMULA.finditer(text):
        if match["word"] not in PRONOUNS:
            yield match[0], match["word"]
