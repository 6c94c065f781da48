"""The Word writer: a normalized dump per sample, fonts that reach Chinese text, equal bytes."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from helpers import SAMPLES

import perfgen
from perfgen.writers import render_bytes
from perfgen.writers.docx.dump import dump


def _docx(source: perfgen.Input) -> bytes:
    markdown = perfgen.compose(source, perfgen.derive(source))
    return render_bytes(markdown, "docx", perfgen.document_info(source.report))


def _east_asian_font(style) -> str:  # type: ignore[no-untyped-def]
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return str(fonts.get(qn("w:eastAsia")))


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_docx_dump(name: str, samples: dict[str, perfgen.Input], snapshot) -> None:  # type: ignore[no-untyped-def]
    assert dump(_docx(samples[name])) == snapshot


def test_styles_set_east_asian_fonts_without_theme_fonts(samples: dict[str, perfgen.Input]) -> None:
    document = docx.Document(io.BytesIO(_docx(samples["nansha-npc-office-2023"])))
    expected = {
        "Normal": "仿宋_GB2312",
        "Report Title": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Heading 3": "仿宋_GB2312",
        "Heading 4": "仿宋_GB2312",
    }
    for name, font in expected.items():
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
    assert document.styles["Report Title"].font.size.pt == 22
    assert document.styles["Normal"].font.size.pt == 16
    indent = document.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200" and indent.get(qn("w:firstLine")) == "640"


def test_a4_page_and_margins(samples: dict[str, perfgen.Input]) -> None:
    section = docx.Document(io.BytesIO(_docx(samples["nansha-npc-office-2023"]))).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert (section.top_margin.twips, section.left_margin.twips) == (2098, 1588)
    assert (section.right_margin.twips, section.bottom_margin.twips) == (1474, 1984)


def test_same_input_same_bytes(samples: dict[str, perfgen.Input]) -> None:
    report = samples["nansha-cppcc-office-2022"]
    assert _docx(report) == _docx(report)


def _paragraphs(data: bytes) -> list[str]:
    """The paragraph lines of the dump (no page setup, styles, tables or comments)."""
    other = ("页面|", "页眉", "页脚", "样式|", "表", "批注 ")
    return [line for line in dump(data) if not line.startswith(other)]


def test_framing_label_and_signature(samples: dict[str, perfgen.Input]) -> None:
    lines = _paragraphs(_docx(samples["nansha-cppcc-office-2022"]))
    assert lines[-2:] == [
        "Signature|仿宋_GB2312|16| 政协广州市南沙区委员会办公室",
        "Signature|仿宋_GB2312|16| 2023年6月14日",
    ]
    first = _paragraphs(_docx(samples["nansha-npc-office-2023"]))[0]
    assert first == "Attachment Label|黑体|16| 附件 2"
