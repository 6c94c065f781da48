"""HTML writer: a standalone, printable page rendered by markdown-it-py (raw HTML disabled)."""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from perfgen.writers import DocumentInfo
from perfgen.writers.tokens import parse

STYLE = """
body { font-family: "FangSong", "仿宋_GB2312", "Noto Serif CJK SC", serif; font-size: 16pt;
  line-height: 1.75; max-width: 42em; margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-family: "方正小标宋简体", "STZhongsong", serif; font-size: 22pt; text-align: center;
  font-weight: normal; }
h2 { font-family: "黑体", "SimHei", sans-serif; font-size: 16pt; font-weight: normal; }
h3 { font-family: "楷体_GB2312", "KaiTi", serif; font-size: 16pt; font-weight: normal; }
h4, h5 { font-size: 16pt; }
h2, h3, h4, h5, p, li { text-indent: 2em; margin: 0; }
ol { padding-left: 0; list-style-position: inside; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 14pt; }
th, td { border: 1px solid #000; padding: 0.2em 0.5em; }
.label { text-indent: 0; font-family: "黑体", "SimHei", sans-serif; }
.signature { text-align: right; text-indent: 0; padding-right: 2em; }
code { font-family: inherit; font-size: inherit; background: #ffeb3b; }
""".strip()


_RENDERER = MarkdownIt("commonmark", {"html": False}).enable("table")


def render(markdown: str, info: DocumentInfo) -> bytes:
    """Render report Markdown as a UTF-8 HTML document.

    Args:
        markdown: The composed report.
        info: Its ``title`` becomes ``<title>``.

    Returns:
        The document's bytes; clerk text is escaped (it arrives escaped in the Markdown and
        markdown-it's raw-HTML support is off). Code spans are placeholders (【待填写】) and
        are highlighted in yellow by :data:`STYLE`.
    """
    tokens = parse(markdown)
    for token in tokens:
        role = token.meta.get("role")
        if role:
            token.attrSet("class", role)
    body = _RENDERER.renderer.render(tokens, _RENDERER.options, {})
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(info.title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
    return page.encode("utf-8")
