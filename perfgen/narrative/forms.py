"""The budget row of the standard 部门整体支出绩效自评表 when a form was read cell by cell.

A form copied out of a PDF or a web page arrives as one short paragraph per cell: the header
“年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分” (its cells often split over two
paragraphs: “年初”, “预算数”), then the row “年度资金总额 | 4753.66万元 | 4753.66万元 | 3824.26万元
| 10 | 100% | 10”. On that form 执行率 is 全年执行数 ÷ 全年预算数. Only this layout is read: the
header's words in this order, then a row whose cells are a label, three amounts, the score and a
rate; any other table is left alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from perfgen.narrative.mentions import Mention, amounts, rates
from perfgen.narrative.mentions import squeezed as without_space
from perfgen.narrative.passages import Passage

_HEADER = re.compile(r"年初预算数全年预算数全年执行数分值执行率得分$")
_HEADER_CELLS = 12
"""How many cells the header may span (six columns, each split in two at most)."""
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def form_rows(passages: Sequence[Passage]) -> Iterator[tuple[Passage, Mention, Mention, Mention]]:
    """Each budget row of the standard form under its header: the rate's cell, the rate (labelled
    执行率), the budget (全年预算数) and the spending (全年执行数)."""
    squeezed = [without_space(p.text) for p in passages]
    for index in range(1, len(passages)):
        last = squeezed[index - 1]
        if last and not last.endswith("分"):  # not the header's last cell (得分)
            continue
        header = "".join(squeezed[max(index - _HEADER_CELLS, 0) : index])
        if not _HEADER.search(header):
            continue
        row = passages[index : index + 7]
        if len(row) < 7 or {p.path[:-1] for p in row} != {passages[index - 1].path[:-1]}:
            continue
        money = [list(amounts(p)) for p in row[1:4]]
        rate = list(rates(row[5]))
        if (
            any(len(m) != 1 or m[0].written != squeezed[index + n] for n, m in enumerate(money, 1))
            or len(rate) != 1
            or rate[0].written != squeezed[index + 5]
            or not _NUMBER.fullmatch(row[4].text.strip())
        ):
            continue
        whole = dataclasses.replace(money[1][0], label="全年预算数")
        part = dataclasses.replace(money[2][0], label="全年执行数")
        yield row[5], dataclasses.replace(rate[0], label="执行率"), whole, part
