"""The Word writer's tables (perfgen.writers.docx.table): a cell of plain text repeated down a
table is written as the same runs each time, whether the cell was parsed for its inline tokens
or not, and the header row stays bold."""

from __future__ import annotations

from markdown_it import MarkdownIt

from perfgen.writers.docx.table import table
from perfgen.writers.pipe_tables import TABLE, Table, blocks, table_of

PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")

MARKDOWN = """\
| 指标 | 单位 | 值 |
| --- | :---: | ---: |
| 指标 | 人次 | 80 |
| 〃 | 人次 | **80** |
| 乙 | 【待填写】 | 80 |
| 丙 | 人次 | 【待填写】 |
| 人次 | 单位 & <符号> | 80 |
"""


def _table() -> Table:
    [token] = [t for t in blocks(PARSER, MARKDOWN) if t.type == TABLE]
    return table_of(token)


def test_repeated_plain_cells_are_written_as_their_parsed_runs() -> None:
    plain = _table()
    assert not plain.parsed  # cut by the scanner: no cell parsed yet
    parsed = _table()
    for r, row in enumerate(parsed.rows):
        for c in range(len(row)):
            parsed.children(r, c)  # every cell through markdown-it's inline tokens
    written = table(plain, {})
    assert written == table(parsed, {})
    # the header's 指标 is bold, the body's is not; 人次 written the same in each of its rows
    assert written.count("<w:r><w:rPr><w:b/></w:rPr><w:t>指标</w:t></w:r>") == 1
    assert written.count("<w:r><w:rPr/><w:t>指标</w:t></w:r>") == 1
    assert written.count("<w:r><w:rPr/><w:t>人次</w:t></w:r>") == 4
    highlighted = '<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>【待填写】</w:t></w:r>'
    assert written.count(highlighted) == 2
    assert "<w:t>单位 &amp; &lt;符号&gt;</w:t>" in written
    assert written.count("<w:b/></w:rPr><w:t>80</w:t>") == 1  # **80**, bold in its own row
