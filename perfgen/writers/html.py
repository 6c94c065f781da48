"""HTML writer: a standalone page laid out like the printed report, rendered by markdown-it-py
(raw HTML disabled).

The page has the Word file's geometry — A4 width, the GB/T 9704 margins, 三号 text on the
22-line pitch (:mod:`perfgen.writers.docx.styles`) — and its fonts (``info.fonts``, then the
fonts a machine without them substitutes). A draft (``render --draft``, ``perfgen serve``) lists
its notes first, in a panel, each linking to the paragraph it blames, which is marked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from perfgen.input.settings import DEFAULT_FONTS
from perfgen.writers import DocumentInfo
from perfgen.writers.docx.styles import BODY_PT, CONDENSE_TWENTIETHS, LINE_PITCH_TWIPS, PAGE
from perfgen.writers.notes import Anchor, Note, anchored, block_meta, place, summary
from perfgen.writers.pipe_tables import TABLE, table_of
from perfgen.writers.tokens import parse

TWIPS_PER_MM = 1440 / 25.4
"""Twips in a millimetre (CSS lengths of the page)."""


def _mm(twips: int) -> str:
    return f"{twips / TWIPS_PER_MM:.1f}mm"


def _pt(twips: int) -> str:
    return f"{twips / 20:g}pt"


def style(fonts: Mapping[str, str]) -> str:
    """The page's CSS: the Word file's page, sizes and fonts (``fonts`` by role, as
    :class:`perfgen.input.settings.Fonts`)."""

    def family(role: str, *substitutes: str) -> str:
        """The unit's font for ``role``, the official default, then what other systems have."""
        names = [fonts[role], DEFAULT_FONTS[role], *substitutes]
        return ", ".join(f'"{n}"' for n in names if n) + ", serif"

    body = family("body", "FangSong", "Noto Serif CJK SC")
    return f"""
html {{ background: #e6e6e6; }}
body {{ margin: 0; color: #000; }}
.page {{ box-sizing: border-box; width: {_mm(PAGE["width"])}; min-height: {_mm(PAGE["height"])};
  margin: 1.5em auto; padding: {_mm(PAGE["top"])} {_mm(PAGE["right"])} {_mm(PAGE["bottom"])}
  {_mm(PAGE["left"])}; background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.3);
  font-family: {body}; font-size: {BODY_PT}pt; line-height: {_pt(LINE_PITCH_TWIPS)};
  letter-spacing: {_pt(CONDENSE_TWENTIETHS)}; text-align: justify; }}
h1 {{ font-family: {family("title", "STZhongsong", "Noto Serif CJK SC")};
  font-size: 22pt; line-height: 1.4; text-align: center; font-weight: normal;
  margin: 0 0 {_pt(LINE_PITCH_TWIPS)}; }}
h2 {{ font-family: {family("heading1", "SimHei", "Noto Sans CJK SC")}; }}
h3 {{ font-family: {family("heading2", "KaiTi", "AR PL UKai CN")}; }}
h2, h3, h4, h5 {{ font-size: {BODY_PT}pt; font-weight: normal; }}
h4 {{ font-weight: bold; }}
h2, h3, h4, h5, p, li {{ text-indent: 2em; margin: 0; }}
ol {{ padding-left: 0; list-style-position: inside; }}
table {{ border-collapse: collapse; margin: 0.5em auto; font-size: 12pt; line-height: 1.5; }}
th, td {{ border: 1px solid #000; padding: 0.2em 0.4em; }}
.label {{ text-indent: 0; font-family: {family("heading1", "SimHei")}; }}
.signature {{ text-align: right; text-indent: 0; padding-right: 2em; }}
code {{ font-family: inherit; font-size: inherit; background: #ffeb3b; }}
@media print {{ html {{ background: none; }} .page {{ margin: 0; box-shadow: none; }} }}
""".strip()


DRAFT_STYLE = """
#findings { box-sizing: border-box; max-width: 210mm; margin: 1.5em auto 0; padding: 0.8em 1.2em;
  background: #fff; border-top: 4px solid #c62828; font: 11pt/1.6 "Noto Sans CJK SC", sans-serif;
  box-shadow: 0 1px 6px rgba(0, 0, 0, 0.3); }
#findings h2 { font-size: 13pt; margin: 0 0 0.4em; text-indent: 0; font-weight: bold; }
#findings ol { padding-left: 1.6em; list-style-position: outside; margin: 0; }
#findings li { text-indent: 0; margin: 0.2em 0; overflow-wrap: anywhere; }
#findings .where { color: #555; font-size: 9.5pt; overflow-wrap: anywhere; }
#findings a { color: inherit; text-decoration: none; }
#findings a:hover { text-decoration: underline; }
.error > a .rule { color: #c62828; } .warning > a .rule { color: #b26a00; }
.hint > a .rule { color: #546e7a; }
.flagged { background: #fff4e0; box-shadow: -6px 0 0 #f0a030; }
.flagged.error { background: #fdecea; box-shadow: -6px 0 0 #c62828; }
.flagged.hint { background: #f3f5f6; box-shadow: -6px 0 0 #90a4ae; }
.flagged:target { outline: 2px solid #1565c0; }
@media (min-width: 1400px) {
  #findings { position: fixed; top: 0; left: 0; bottom: 0; width: calc(50vw - 105mm - 2em);
    max-width: none; margin: 0; overflow-y: auto; }
}
.problem { white-space: pre-wrap; text-indent: 0; font: 12pt/1.6 monospace; color: #c62828; }
@media print { #findings { display: none; } .flagged { background: none; box-shadow: none; } }
""".strip()


_RENDERER = MarkdownIt("commonmark", {"html": False}).enable("table")


def _mark(tokens: Sequence[Token], notes: Sequence[Note]) -> None:
    """Give each block a note is placed on an id and the ``flagged`` class (``error`` when one
    of its notes is an error, ``hint`` when all of them are hints): a paragraph's or heading's
    token, a table's row."""
    place(tokens, notes)
    for anchor in set(anchored(tokens).values()):
        meta = block_meta(tokens, anchor)
        levels = {notes[n].level for n in meta["notes"]}
        level = "error" if "error" in levels else "hint" if levels == {"hint"} else ""
        flagged = f"flagged {level}".strip()
        if anchor[1] < 0:
            tokens[anchor[0]].attrSet("id", _id(anchor))
            tokens[anchor[0]].attrJoin("class", flagged)
        else:
            meta["attrs"] = {"id": _id(anchor), "class": flagged}


def _id(anchor: Anchor) -> str:
    """The HTML id of a block a note is placed on: ``b12``, a table's row ``b12-3``."""
    index, row = anchor
    return f"b{index}" if row < 0 else f"b{index}-{row}"


def _table(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A table's HTML, as markdown-it renders its table tokens (a render rule of
    :data:`_RENDERER`)."""
    content = table_of(tokens[idx])
    out = ["\n<table>\n" if idx and tokens[idx - 1].hidden else "<table>\n"]
    styles = [f' style="text-align:{align}"' if align else "" for align in content.aligns]
    for r, row in enumerate(content.rows):
        tag = "th" if r == 0 else "td"
        out.append("<thead>\n" if r == 0 else "<tbody>\n" if r == 1 else "")
        attrs = content.meta.get(r, {}).get("attrs", {})
        marks = "".join(f' {key}="{escapeHtml(value)}"' for key, value in attrs.items())
        out.append(f"<tr{marks}>\n")
        for c, source in enumerate(row):
            if content.is_plain(r, c):
                cell = escapeHtml(source)
            else:
                cell = self.renderInline(content.children(r, c), options, env)
            out.append(f"<{tag}{styles[c]}>{cell}</{tag}>\n")
        out.append("</tr>\n</thead>\n" if r == 0 else "</tr>\n")
    out.append("</tbody>\n</table>\n" if len(content.rows) > 1 else "</table>\n")
    return "".join(out)


_RENDERER.add_render_rule(TABLE, _table)


def findings_panel(notes: Sequence[Note], at: Mapping[int, str]) -> str:
    """The draft's list of notes, each linking to the block it is placed on (``at``: note
    number → the HTML id of that block, as :func:`marked` gives it)."""
    items = "".join(
        f'<li class="{n.level}"><a href="{_target(at, k)}">'
        f'<span class="rule">{escape(n.heading)}</span> {escape(n.message)}</a><br>'
        f'<span class="where">{escape(n.where)}</span></li>\n'
        for k, n in enumerate(notes)
    )
    listing = f"<ol>\n{items}</ol>\n" if items else ""
    return f'<aside id="findings">\n<h2>{escape(summary(notes))}</h2>\n{listing}</aside>\n'


def _target(at: Mapping[int, str], note: int) -> str:
    return f"#{at[note]}" if note in at else "#report"


def page(info: DocumentInfo, body: str, *, head: str = "", panel: str = "") -> str:
    """The whole HTML document around a rendered report ``body`` (``head``: extra elements of
    ``<head>``; ``panel``: what stands before the page, such as a draft's findings)."""
    css = style(info.fonts) + ("\n" + DRAFT_STYLE if info.draft else "")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(info.title)}</title>\n<style>\n{css}\n</style>\n{head}</head>\n"
        f'<body>\n{panel}<main class="page" id="report">\n{body}</main>\n</body>\n</html>\n'
    )


def marked(markdown: str, notes: Sequence[Note] | None) -> tuple[str, dict[int, str]]:
    """The report's HTML with each note's block marked (``flagged``, with an id), and note
    number → the HTML id of its block (``b12``, a table's row ``b12-3``); no marks when
    ``notes`` is ``None`` (a final report). ``perfgen review``'s unit pages use it too."""
    tokens = parse(markdown)
    for token in tokens:
        role = token.meta.get("role")
        if role:
            token.attrSet("class", role)
    at: dict[int, str] = {}
    if notes is not None:
        _mark(tokens, notes)
        at = {note: _id(anchor) for note, anchor in anchored(tokens).items()}
    return _RENDERER.renderer.render(tokens, _RENDERER.options, {}), at


def render_parts(markdown: str, info: DocumentInfo) -> tuple[str, str]:
    """The report's HTML and, for a draft, its findings panel (empty for a final report)."""
    body, at = marked(markdown, info.notes)
    panel = findings_panel(info.notes, at) if info.notes is not None else ""
    return body, panel


def render(markdown: str, info: DocumentInfo) -> bytes:
    """Render report Markdown as a UTF-8 HTML document.

    Args:
        markdown: The composed report.
        info: Its ``title`` becomes ``<title>``, its fonts the page's; a draft's notes are
            listed before the page and mark the paragraphs they blame.

    Returns:
        The document's bytes; clerk text is escaped (it arrives escaped in the Markdown and
        markdown-it's raw-HTML support is off). Code spans are placeholders (【待填写】) and
        are highlighted in yellow.
    """
    body, panel = render_parts(markdown, info)
    return page(info, body, head=info.head, panel=panel).encode("utf-8")
