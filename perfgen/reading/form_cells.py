"""A form (自评表, 基础信息表) flattened to text or published as a Word table, read by a grammar of
its cells: header cells naming columns, rows of a label and values, and “label：value” cells.

A form copied from a web page or a PDF arrives as one short paragraph per cell (or cells joined
by “|”; a Word table's row keeps its cells). The grammar:

- a *value* cell is an amount (“4753.66万元”, or a bare number when the form states
  “单位：万元”/“（万元）”), a rate (“100%”), a year (“2022”) or a bare number (a 分值);
- a *header* is the run of other cells before a row, cut into columns: one to three cells
  joined (“年初” + “预算数”) when the join names a column — a figure of the catalogue
  (:mod:`perfgen.figures.catalogue`: 年初预算数, 全年预算数, 全年执行数/实际支出金额, 执行率),
  分值, 得分, a year column (年度), or another amount column (…额度, …金额); anything else
  is a text column;
- a *row* is a label cell (a part: 年度资金总额/合计, 基本支出, 项目支出; or the report's year)
  followed by at least two value cells, which are laid on the header's value columns in order
  only when they are exactly as many and each fits its column's type (an amount under an amount
  column, a rate under a rate column): a cell left empty in the form makes the row ambiguous, and
  an ambiguous row is not read; a row right after a row shares its header; under a header with
  a year column (安排年度), only a row labelled by a year is read (a part's row whose year cell
  is empty may add up several years: 基本支出 + 项目支出 of 2021 and 2022 together);
- after a total row, “其中：基本支出：X万元” cells whose parts add up to one of the total's
  amounts are that column's parts (基本支出 + 项目支出 = 全年预算数 → 基本支出预算数);
- after a total row, a “label：amount” cell naming a source of the funds (按收入性质分:
  一般公共预算, 政府性基金拨款, 纳入专户管理的非税收入拨款, 其他资金; docs/domain.md §3) is that
  source's amount (``budget.sources``); a source left empty is not stated, and whether the
  sources add up to the total is a check, not a condition of reading them.

Each (part, column) names one figure (:data:`FIGURES`). A figure read is returned with the cells
it came from; the caller captures it and keeps the form's text as written (its other cells —
分值, 得分 — have no field of the finances). Rates stated are returned
to be verified against the amounts (docs/domain.md §3: 执行率 = 全年执行数 ÷ 全年预算数).

Over 300 lines because it is the one grammar of a form's cells (values, header columns, rows,
其中 parts) with what it gives the reader; split, its rules would no longer be read together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from perfgen.arithmetic import quantize
from perfgen.figures.catalogue import figure
from perfgen.narrative.mentions import amounts, rates
from perfgen.narrative.passages import Passage
from perfgen.narrative.punctuation import closed
from perfgen.reading import sentences as read
from perfgen.reading.source import Block


def _named(*keys: str) -> str:
    return "|".join(f"(?:{figure(key).synonyms})" for key in keys)


_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("initial", re.compile(_named("budget.initial"))),
    ("adjusted", re.compile(_named("budget.adjusted"))),
    ("spent", re.compile(_named("expenditure.total") + "|(?:全年)?执行数")),
    ("rate", re.compile(_named("budget.execution_rate"))),
    ("weight", re.compile("分值|权重")),
    ("score", re.compile("得分|评分")),
    ("year", re.compile("(?:安排|所属)?年度|年份")),
)
"""The columns the grammar names, each by the catalogue's synonyms of its figure (fullmatch);
执行数 names the spending only as a column of the form (in a sentence it may be a project's)."""
_AMOUNT_COLUMN = re.compile(r".{0,16}(?:额度|金额|资金|数额|支出|收入)")
"""Another column of amounts, which has no field (实际下达额度): it takes a value, unread."""
_PARTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("basic", re.compile(_named("expenditure.basic"))),
    ("project", re.compile(_named("expenditure.project"))),
    ("total", re.compile("(?:年度|部门)?(?:资金|预算)?(?:总额|合计|总计)|部门整体支出|小计")),
)
"""A row's label: which part of the money it is."""
_SOURCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("general", re.compile("一般公共预算(?:财政)?(?:拨款|资金)?")),
    ("government_fund", re.compile("政府性基金(?:预算)?(?:拨款|资金)?")),
    ("special_account", re.compile("(?:纳入专户管理的)?非税收入(?:拨款|资金)?")),
    ("other", re.compile("其他资金")),
)
"""A “label：amount” cell's label naming a source of the funds (按收入性质分, fullmatch): the
field of ``budget.sources`` it fills."""
FIGURES: dict[tuple[str, str], str] = {
    ("total", "initial"): "budget.initial",
    ("total", "adjusted"): "budget.adjusted",
    ("total", "spent"): "expenditure.total",
    ("total", "rate"): "budget.execution_rate",
    ("basic", "adjusted"): "budget.basic",
    ("basic", "spent"): "expenditure.basic",
    ("basic", "rate"): "budget.basic_execution_rate",
    ("project", "adjusted"): "budget.project",
    ("project", "spent"): "expenditure.project",
    ("project", "rate"): "budget.project_execution_rate",
}
"""The figure each (row part, column) names; a pair not listed has no field."""
_BUDGET_KINDS = ("initial", "adjusted")
_UNIT_WAN = re.compile(r"单位[:：]\s*万元|[（(]万元[)）]")
_BARE = re.compile(r"\d{1,12}(?:\.\d{1,8})?")
_YEAR = re.compile(r"((?:19|20)\d\d)年?")
_LABELLED = re.compile(r"^(?:其中[:：]?\s*)?([^:：\d]{2,16})[:：]\s*(.+)$")
_MOST_CELLS = 3
"""Most cells one column's name is split over (“年度预” “算申请” “（万元）”)."""


@dataclass(frozen=True)
class Cell:
    """One cell of a form: its text (spaces removed) and the paragraph it is in."""

    text: str
    block: Block


@dataclass(frozen=True)
class Value:
    """A value cell: ``kind`` amount (万元), rate (%), year or number; ``rounded`` when the form
    wrote more than two decimals of 万元 (the note says how it was kept)."""

    kind: str
    value: Decimal
    written: str
    note: str = ""


@dataclass(frozen=True)
class Read:
    """A figure read from a form: its key (``budget.adjusted``), value, as written, the cells it
    came from, and how it was worked out (a rounding), for the YAML's comment."""

    key: str
    value: Decimal
    written: str
    cells: tuple[Cell, ...]
    note: str = ""
    decimals: int = 2

    @property
    def quote(self) -> str:
        """The cells it was read from, as the YAML's comment quotes them (“年度资金总额 |
        全年预算数 | 4753.66万元”)."""
        return " | ".join(c.text for c in self.cells)


@dataclass
class FormReading:
    """What a form's cells state: the figures, and the rates to verify."""

    figures: list[Read] = field(default_factory=list)
    rates: list[Read] = field(default_factory=list)


def cells_of(blocks: Sequence[Block]) -> list[Cell]:
    """The cells of ``blocks``: a Word table row's cells, else the text cut at “|”."""
    found: list[Cell] = []
    for block in blocks:
        for text in block.cells or tuple(block.text.split("|")):
            if bare := re.sub(r"\s+", "", text):
                found.append(Cell(bare, block))
    return found


def value_of(text: str, wan: bool) -> Value | None:
    """The value a cell states, or ``None`` (a text cell); a bare number is an amount only in a
    form that states its unit is 万元 (``wan``), and then also a number."""
    passage = Passage((), text, False)
    money = list(amounts(passage))
    if len(money) == 1 and money[0].written == text and not money[0].approximate:
        return _amount(money[0].value, text, in_wan=text.endswith("万元"))
    rate = list(rates(passage))
    if len(rate) == 1 and rate[0].written == text and not rate[0].approximate:
        return Value("rate", rate[0].value, text)
    if year := _YEAR.fullmatch(text):
        return Value("year", Decimal(year[1]), text)
    if _BARE.fullmatch(text):
        number = Decimal(text)
        return _amount(number, text, in_wan=True) if wan else Value("number", number, text)
    return None


def _amount(value: Decimal, written: str, *, in_wan: bool) -> Value:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        rounded = quantize(value, 2)
        how = "（万元）" if in_wan and not written.endswith("万元") else ""
        if not in_wan:
            how = f"，即 {value.normalize():f} 万元"
        return Value("amount", rounded, written, f"原文 {written}{how}，取两位小数 {rounded}")
    return Value("amount", value, written)


def column_of(text: str) -> str:
    """The kind of a header's column: a figure's (initial, adjusted, spent, rate), weight,
    score, year, ``amount`` (another column of amounts) or ``text``."""
    name = re.sub(r"[（(]万元[)）]|[:：]$", "", text)
    for kind, pattern in _COLUMNS:
        if pattern.fullmatch(name):
            return kind
    return "amount" if _AMOUNT_COLUMN.fullmatch(name) else "text"


def header_columns(cells: Sequence[Cell]) -> list[tuple[str, tuple[Cell, ...]]]:
    """A header's cells cut into columns, the longest join of up to three cells that names a
    column first (but a year column's cell is not joined into a column of other amounts);
    each column with its kind and cells."""
    columns: list[tuple[str, tuple[Cell, ...]]] = []
    at = 0
    while at < len(cells):
        for width in range(min(_MOST_CELLS, len(cells) - at), 0, -1):
            joined = "".join(c.text for c in cells[at : at + width])
            kind = column_of(joined)
            if kind == "amount" and any(
                column_of(c.text) == "year" for c in cells[at : at + width]
            ):
                continue  # 安排年度 + 实际下达额度: a year column is never part of another's name
            if kind != "text" or width == 1:
                columns.append((kind, tuple(cells[at : at + width])))
                at += width
                break
    return columns


def part_of(label: str, year: int | None) -> str | None:
    """The part of the money a row's label names: total, basic, project; the report's year
    names the total (a row per year); ``None``: no figure of the report."""
    name = re.sub(r"^其中[:：]?|[:：]$", "", label)
    if (found := _YEAR.fullmatch(name)) is not None:
        return "total" if year is not None and int(found[1]) == year else None
    for part, pattern in _PARTS:
        if pattern.fullmatch(name):
            return part
    return None


_FITS = {
    "initial": ("amount",),
    "adjusted": ("amount",),
    "spent": ("amount",),
    "amount": ("amount",),
    "rate": ("rate",),
    "weight": ("number", "amount"),
    "score": ("number", "amount"),
}


def read_form(blocks: Sequence[Block], year: int | None) -> FormReading:
    """The figures a form's cells state (see the module docstring).

    Args:
        blocks: The paragraphs the form spans (with any text around it).
        year: The report's year, when known (a row per year is read only for it).

    Returns:
        The figures (amounts in 万元 at two decimals) and the rates to verify, each with its
        cells.
    """
    cells = cells_of(blocks)
    wan = any(_UNIT_WAN.search(c.text) for c in cells)
    values = [value_of(c.text, wan) for c in cells]
    reading = FormReading()
    header: list[tuple[str, tuple[Cell, ...]]] = []
    total: dict[str, Value] = {}
    parts: dict[str, tuple[Value, Cell]] = {}
    run_start = at = 0
    while at < len(cells):
        value = values[at]
        if value is not None and value.kind != "year":
            at += 1
            continue
        end = at + 1
        while end < len(cells) and (found := values[end]) is not None and found.kind != "year":
            end += 1
        row = [(v, c) for v, c in zip(values[at + 1 : end], cells[at + 1 : end], strict=True) if v]
        if len(row) < 2:
            if (labelled := _labelled(cells[at].text, wan)) is not None:
                _sub_row(reading, labelled, cells[at], total, parts)
            at += 1
            continue
        if at > run_start:
            header = header_columns(cells[run_start:at])
        read = _row(reading, header, cells[at], row, year)
        if read is not None:
            total, parts = read, {}
        run_start = at = end
    return reading


def _labelled(text: str, wan: bool) -> tuple[str, Value] | None:
    """A “label：amount” cell (“其中：基本支出：1768.16万元”): its label and amount."""
    if (match := _LABELLED.match(text)) is None:
        return None
    value = value_of(match[2], wan)
    return (match[1], value) if value is not None and value.kind == "amount" else None


def _row(
    reading: FormReading,
    header: Sequence[tuple[str, tuple[Cell, ...]]],
    label: Cell,
    row: Sequence[tuple[Value, Cell]],
    year: int | None,
) -> dict[str, Value] | None:
    """Read a row under ``header``; the total row's values by column, else ``None``."""
    columns = [kind for kind, _ in header if kind not in ("text", "year")]
    if any(kind == "year" for kind, _ in header) and _YEAR.fullmatch(label.text) is None:
        return None  # a year column, left empty or not the label: whose year is not known
    if len(columns) != len(row) or any(
        v.kind not in _FITS[kind] for kind, (v, _) in zip(columns, row, strict=True)
    ):
        return None  # an empty cell, or another layout: the columns are not known
    part = part_of(label.text, year)
    if part is None:
        return None
    named = [cells for kind, cells in header if kind not in ("text", "year")]
    for kind, name, (value, cell) in zip(columns, named, row, strict=True):
        key = FIGURES.get((part, kind))
        if key is None:
            continue
        decimals = len(value.written.rstrip("%％").partition(".")[2])
        column = Cell("".join(c.text for c in name), name[-1].block)
        read = Read(key, value.value, value.written, (label, column, cell), value.note, decimals)
        (reading.rates if kind == "rate" else reading.figures).append(read)
    if part != "total":
        return None
    return {kind: v for kind, (v, _) in zip(columns, row, strict=True)}


def _sub_row(
    reading: FormReading,
    labelled: tuple[str, Value],
    cell: Cell,
    total: dict[str, Value],
    parts: dict[str, tuple[Value, Cell]],
) -> None:
    """A “其中” part of the total row: a source of the funds, read as stated; 基本支出 and
    项目支出, read once they add up to exactly one kind of the total's amounts (the budget, or
    the spending)."""
    if not total:
        return
    name = re.sub(r"^其中[:：]?", "", labelled[0])
    source = next((key for key, pattern in _SOURCES if pattern.fullmatch(name)), None)
    if source is not None:
        value = labelled[1]
        key = f"budget.sources.{source}"
        reading.figures.append(Read(key, value.value, value.written, (cell,), value.note))
        return
    part = part_of(labelled[0], None)
    if part not in ("basic", "project"):
        return
    parts[part] = (labelled[1], cell)
    if len(parts) < 2:
        return
    summed = parts["basic"][0].value + parts["project"][0].value
    budget = any(total[k].value == summed for k in _BUDGET_KINDS if k in total)
    spent = "spent" in total and total["spent"].value == summed
    if budget == spent:
        return  # neither, or both (the budget all spent): which is not known
    kind = "adjusted" if budget else "spent"
    for name, (value, where) in parts.items():
        key = FIGURES[(name, kind)]
        reading.figures.append(Read(key, value.value, value.written, (where,), value.note))


def form_sentences(blocks: Sequence[Block], year: int | None) -> dict[int, read.Sentence]:
    """For each paragraph holding a value of a form that was read (by its number), a sentence
    that carries the figures and the rates to verify, and keeps the text as written: the cell
    itself, or an empty sentence beside a long paragraph's own (``keep``: the form's other
    cells have no field, so its text is never left to the templates)."""
    found = read_form(blocks, year)
    held: dict[int, read.Sentence] = {}
    for item in [*found.figures, *found.rates]:
        block = item.cells[-1].block
        cell = len(block.text) <= 40 and not closed(block.text)
        sentence = held.setdefault(block.number, read.Sentence(block.text if cell else ""))
        sentence.keep = True
        path = read.path_of(item.key)
        if item in found.rates:
            stated = path if str(path[-1]).endswith("execution_rate") else None
            claim = read.Claim(item.key, item.value, item.decimals, item.written, stated)
            sentence.claims.append(claim)
        else:
            sentence.captures.append(read.Capture(path, item.value, item.quote, item.note))
    return held
