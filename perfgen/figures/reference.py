"""``docs/figures.md``, generated from the catalogue of figures (:mod:`perfgen.figures.catalogue`).

The generated part lies between :data:`BEGIN` and :data:`END`; ``python -m
perfgen.figures.reference docs/figures.md`` rewrites it, and a test fails when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from perfgen.figures.catalogue import MONEY, PRIOR, RATES, STAFF

BEGIN = "<!-- BEGIN figures (generated: python -m perfgen.figures.reference docs/figures.md) -->"
END = "<!-- END figures -->"


def reference() -> str:
    """The catalogue as the Markdown tables of ``docs/figures.md``."""
    lines = [BEGIN, ""]
    for title, figures in (
        ("金额（万元）", MONEY),
        ("上年数（由同比增减推算）", PRIOR),
        ("比率（%，perfgen 计算；原文所写者核对）", RATES),
        ("人员（人）", STAFF),
    ):
        lines += [
            f"## {title}",
            "",
            "| key | 字段 | 名称 | 原文的叫法（正则） | 单位 | 小数 | 印在 |",
        ]
        lines.append("|---|---|---|---|---|---|---|")
        for item in figures:
            words = item.synonyms.replace("|", "\\|") or "—"
            path = ".".join(map(str, item.path))
            lines.append(
                f"| `{item.key}` | `{path}` | {item.name} | `{words}` | {item.unit} | "
                f"{item.precision} | {item.printed} |"
            )
        lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


def rewrite(path: Path) -> None:
    """Write the generated part of ``docs/figures.md`` (the whole file when it has no markers)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + reference() + tail
    else:
        text = HEADER + reference()
    path.write_text(text, encoding="utf-8")


HEADER = """# 报告中的数字

perfgen 读入（`perfgen import`、`perfgen audit`）和写出（`perfgen render`）的每一个数字，都在
`perfgen/figures/catalogue.py` 中声明一次：它的 key、写在 YAML 的哪个字段、中文名称、原文中的
叫法、单位、小数位数和模板在哪里印它。读入时，原文“标签 + 系动词（为、是、：、达、共、合计、
共计）+ 数额 + 单位（元、万元、亿元）”中的标签以表中的叫法结尾，即读入该字段；以元、亿元写的
金额精确换算为万元。下表由目录生成，请勿手改。

"""

if __name__ == "__main__":  # pragma: no cover - the generator's command line
    rewrite(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/figures.md"))
