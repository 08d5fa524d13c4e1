"""Turn a scraped news page into an article: strip spam, site chrome and link lists; find metadata.

The rules are generic (they are what the ingest pipeline uses on new pages too): a line is
dropped when it is navigation or footer boilerplate, when it is a run of SEO spam phrases,
and everything after a "related articles" heading is cut. Pinyin glosses that some scrapers
insert after each character are removed. The article keeps its own script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from computekg.loaders.normalize import remember_simplified, strip_pinyin_glosses, to_simplified
from computekg.loaders.word_finder import WordFinder

__all__ = ["CleanedPage", "clean_page", "detect_script"]

# Headings after which a page lists other articles, not this one (matched in Simplified form).
_RELATED_HEADINGS = re.compile(
    r"^(?:猜你喜欢|推荐阅读|相关阅读|相关文章|相关推荐|热门推荐|热门文章|延伸阅读|返回网站首页|本文评论|"
    r"related articles|read more|you may also like)\s*[:：]?$",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(?:欢迎光临|欢迎访问|今天是\s*\d{4}年|当前位置|您的位置|首页\s*>|copyright|©|版权所有|网站地图|地址[:：]|"
    r"本文来源于网络|转载请注明|我要收藏|\d+\s*个赞|转发到|分享到|扫一扫|关注我们|责任编辑[:：]|[?？]$|"
    r"头图\s*[|｜]|图片来源|作者\s*[|｜:：]|编辑\s*[|｜:：]|发布时间|来源[:：]|关键词[:：])",
    re.IGNORECASE,
)
_SPAM_WORD_LIST = ("av", "成人", "无码", "人妻", "少妇", "熟女", "熟妇", "一区二区", "在线观看", "免费视频", "精品视频",
                   "爱爱", "伦理", "三级", "喷水", "国产精品", "字幕", "亚洲", "日韩", "欧美")
_SPAM_WORDS = re.compile("|".join(_SPAM_WORD_LIST), re.IGNORECASE)
_SPAM_HITS = 3  # spam words a line needs before it can be spam


# Each word in each case a page may write it ('av', 'AV', 'Av', 'aV'), as `_SPAM_WORDS` ignores case.
_SPAM_FINDER = WordFinder({spelling for word in _SPAM_WORD_LIST
                           for spelling in (word, word.upper(), word.title(), word.swapcase().title().swapcase())})
_DATE = re.compile(r"(?P<y>20\d\d)(?:[-/.年](?P<m>\d{1,2})(?:[-/.月](?P<d>\d{1,2})日?)?)?")
_LABELLED_DATE = re.compile(r"(?:发布时间|发布日期|发表时间|日期|时间|published)\s*[:：]?\s*" + _DATE.pattern,
                            re.IGNORECASE)
_DATELINE = re.compile(r"^\s*" + _DATE.pattern + r"\s+\d{1,2}:\d{2}")
_PUBLISHER_PATTERNS = [
    re.compile(r"文章为(?P<p>[^\s,，。]{2,12}?)原创"),
    re.compile(r"本文来自于?(?:微信公众号)?(?P<p>[^\s(（,，。]{2,20})"),
    re.compile(r"^来源[:：]\s*(?P<p>[^\s,，。]{2,20})"),
]
# A closing slogan that names the publisher ("……都在 虎嗅APP"), looked for in the last lines only.
_SIGN_OFF = re.compile(r"都在\s+(?P<p>\S{2,12})$")
_SENTENCE_END = set("。！？!?…”」）)")
_TITLE_SUFFIX = re.compile(r"\s+[-|_]\s+.*$")
_BRACKETED_TITLE = re.compile(r"「(?P<t>[^」]{6,})」")


@dataclass(frozen=True)
class CleanedPage:
    """What the cleaner found in a page."""

    title: str
    body: str
    date: str | None
    publisher: str | None
    script: str


def _is_spam(line: str) -> bool:
    hits = len(_SPAM_WORDS.findall(line))
    return hits >= _SPAM_HITS and hits * 8 >= len(line) / 4


def _may_hold_spam(text: str) -> bool:
    """False when `text` has too few spam words for any line of it to be spam (most pages: none at all).

    One Aho-Corasick pass is far cheaper than the regex line by line, and it counts every occurrence,
    overlapping ones too, so never fewer than the regex matches: a page it clears needs no further check.
    """
    return _SPAM_FINDER.count(text, up_to=_SPAM_HITS) >= _SPAM_HITS


def _simplified_lines(lines: list[str]) -> list[str]:
    """Each line in Simplified, for the Simplified patterns; one conversion for the whole page."""
    converted = to_simplified("\n".join(lines)).split("\n")
    return converted if len(converted) == len(lines) else [to_simplified(line) for line in lines]


def detect_script(text: str) -> str:
    """'Hant' when converting to Simplified changes many characters, 'Latn' for mostly Latin text."""
    codes = _code_points(text)  # counted with numpy: this runs on every ingested page
    han = int(np.count_nonzero((codes >= 0x4E00) & (codes <= 0x9FFF)))
    if han < max(20, len(text) // 20):
        return "Latn"
    simplified = to_simplified(text)
    if simplified == text:
        return "Hans"
    converted = _code_points(simplified)
    shared = min(len(codes), len(converted))
    changed = int(np.count_nonzero(codes[:shared] != converted[:shared]))
    return "Hant" if changed > han * 0.05 else "Hans"


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _find_date(lines: list[str]) -> str | None:
    with_year = [line for line in lines if "20" in line]  # both patterns need a year 20xx
    for pattern in (_LABELLED_DATE, _DATELINE):
        for line in with_year:
            match = pattern.search(line)
            if match:
                parts = [match.group("y"), match.group("m"), match.group("d")]
                return "-".join(p.zfill(2) for p in parts if p)
    return None


def _find_publisher(lines: list[str]) -> str | None:
    candidates = [(pattern, line) for pattern in _PUBLISHER_PATTERNS for line in lines]
    candidates += [(_SIGN_OFF, line) for line in lines[-3:]]
    for pattern, line in candidates:
        match = pattern.search(line.strip())
        if match and match.group("p") not in {"互联网", "网络"}:
            return match.group("p")
    return None


def _drop_header_chrome(lines: list[str], title: str) -> list[str]:
    """Drop the short unpunctuated lines (slogans, section names, bylines) above the first paragraph."""
    for index, line in enumerate(lines):
        if len(line) >= 40 or line[-1:] in _SENTENCE_END:
            head = [kept for kept in lines[:index] if kept[-1:] in _SENTENCE_END]
            return head + lines[index:]
        if line == title:
            continue
    return lines


def _reads_as_sentence(line: str) -> bool:
    """A full sentence or a quotation opens the body; a title does neither."""
    return line[-1:] in set("。！？!?…") or (line[:1] in "“\"" and line[-1:] in "”\"")


def _title(line: str) -> str:
    bracketed = _BRACKETED_TITLE.search(line)
    if bracketed:
        return bracketed.group("t")
    return _TITLE_SUFFIX.sub("", line).strip()


def clean_page(raw: str) -> CleanedPage:
    """Clean one page of text (HTML already turned into text)."""
    text = strip_pinyin_glosses(raw.replace("\r\n", "\n"))
    lines = [line.strip() for line in text.split("\n")]
    spam_possible = _may_hold_spam(text)
    lines = [line for line in lines if line and not (spam_possible and _is_spam(line))]
    kept: list[str] = []
    kept_simplified: list[str] = []
    for line, simplified in zip(lines, _simplified_lines(lines), strict=True):
        if _RELATED_HEADINGS.match(simplified) and len(kept) > 3:
            break
        kept.append(line)
        kept_simplified.append(simplified)
    date = _find_date(kept_simplified)  # date labels are matched in Simplified ('發布時間' too)
    publisher = _find_publisher(kept)
    content = [line for line, simplified in zip(kept, kept_simplified, strict=True)
               if not _BOILERPLATE.match(simplified)]
    first = content[0] if content else ""
    title = _title(first) if len(first) < 80 and not _reads_as_sentence(first) else ""
    body_lines = _drop_header_chrome(content[1:] if title else content, title)
    body_lines = [line for line in body_lines if title not in line or _title(line) != title]  # repeated title
    body = "\n\n".join(body_lines)
    simplified_of = dict(zip(kept, kept_simplified, strict=True))
    # Conversion never reaches across a line break, so the body's converted lines are its conversion.
    remember_simplified(body, "\n\n".join(simplified_of[line] for line in body_lines))
    return CleanedPage(title=title, body=body, date=date, publisher=publisher, script=detect_script(body))
