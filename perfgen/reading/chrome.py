"""What a published report's file holds that is not the report: page numbers, running headers
and the chrome of the web page it was copied from.

A clerk who copies a report from a government site gets the site's navigation (“您当前位置：
首页>…”, “无障碍浏览”), the publication's metadata (索引号, 发布机构, 发布日期, 文号, 浏览量),
“【字体：大 中 小】” and print links, and the file's name. These lines are recognised here one by
one and left out of the report (the import says how many and why); everything else is content.

What it cannot see: a site's own section name (“预算绩效管理”) on a line of its own looks like a
heading; :mod:`perfgen.reading.front` leaves out such short lines only before the title.
"""

from __future__ import annotations

import re

PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－─]\s*\d{1,3}\s*[-—–－─]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?)\s*$"
)
"""A page number on a line of its own: “- 4 -”, “— 4 —”, “第 4 页”."""

_STRONG = (
    "索引号|发布机构|发布日期|发文日期|成文日期|发文字号|主题分类|体裁分类|时效性|信息时效性"
    "|公开方式|公开范围|公开目录|统一登记号|浏览量|浏览次数|阅读次数|访问量|责任编辑|发布时间"
    "|相关链接|分享到|打印本页|关闭窗口"
)
_WEAK = "文号|有效性|主题词|信息来源|来源|打印|关闭"
_METADATA = re.compile(rf"^[\[【]?\s*(?:{_STRONG})")
_WEAK_METADATA = re.compile(rf"^[\[【]?\s*(?:{_WEAK})\s*(?:[\]】]\s*)?(?:[:：|]|\s|$)")
_ANY_LABEL = re.compile(rf"{_STRONG}|{_WEAK}")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_NAVIGATION = re.compile(
    r"^(?:您(?:现在)?(?:当前)?所在(?:的)?位置|当前位置|您的位置)|^首页(?:\s|>|＞|$)"
    r"|(?:首页\s*[>＞])"
)
_SITE = re.compile(
    r"无障碍|适老化|长者模式|加入收藏|网站支持IPv6|政府网|门户网站|网站欢迎|【字体|字体[:：]"
)
_DATE_TIME = re.compile(r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s|$)")
_FILE_NAME = re.compile(r"\.(?:pdf|docx?|wps|xlsx?)$", re.IGNORECASE)
_DECORATION = re.compile(r"^[\s\-–—•·|│x×*#>＞]*$")


def chrome(line: str) -> str | None:
    """Why a line of the file is not part of the report, in Chinese, or ``None`` when it is."""
    text = line.strip()
    if not text:
        return None
    if PAGE_NUMBER.match(text):
        return "页码"
    if _DECORATION.match(text):
        return "网页分隔符"
    bare = text.lstrip("-–—•·|│* \u3000")
    if len(bare) <= 120 and "。" not in bare and _metadata(bare):
        return "网页的发布信息（索引号、发布机构、发布日期等）"
    if _NAVIGATION.search(bare):
        return "网页导航"
    if _SITE.search(bare) and "。" not in bare and len(bare) <= 80:
        return "网页链接与工具栏"
    if _DATE_TIME.match(bare) and ("来源" in bare or "发布" in bare or len(bare) <= 20):
        return "网页的发布信息（索引号、发布机构、发布日期等）"
    if _FILE_NAME.search(bare) and len(bare) <= 80 and "。" not in bare:
        return "文件名"
    return None


def _metadata(text: str) -> bool:
    """Whether ``text`` is a line of the publication's metadata: it starts with a label only
    metadata has (索引号), or with one a report may use (来源, 文号) alone, beside a date or
    beside another label."""
    if _METADATA.match(text):
        return True
    if not _WEAK_METADATA.match(text):
        return False
    bare = re.sub(r"[\s:：|\[\]【】]", "", text)
    return (
        bool(_WEAK_METADATA.fullmatch(bare) or _DATE.search(text))
        or len(_ANY_LABEL.findall(text)) >= 2
    )


PUBLISHER = re.compile(r"发布机构\s*[\]】]?\s*[:：|]?\s*([\u4e00-\u9fff（）()]{2,30})")
"""The publishing body named in the chrome (a hint for a unit name the title abridges)."""
