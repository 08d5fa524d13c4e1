"""HTML and Markdown to plain text lines, keeping the metadata the markup states.

The cleaner (`loaders.cleaner.clean_page`) works on lines of text, so markup is turned into one
line per block (paragraph, heading, list item) with the title first. Scripts, styles and page
chrome (nav, header, footer, aside, forms) are dropped here because their text is never part of
the article. Metadata the markup declares (`<title>`, `<meta>` dates and site names, Markdown front
matter) is returned separately: it is more reliable than guessing from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import yaml

__all__ = ["MarkupPage", "html_to_text", "markdown_to_text"]

_SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template", "svg",
            "iframe", "button", "select"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "article",
           "section", "main", "blockquote", "pre", "dd", "dt", "figcaption", "title", "hr"}
_DATE_META = {"article:published_time", "pubdate", "publishdate", "date", "og:published_time", "datepublished",
              "publish-date", "dc.date"}
_PUBLISHER_META = {"og:site_name", "publisher", "application-name", "dc.publisher"}


@dataclass(frozen=True)
class MarkupPage:
    """Plain text (one block a line, the title first when known) and the declared metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title: list[str] = []
        self.heading: list[str] | None = None
        self.h1: str | None = None
        self.meta: dict[str, str] = {}

    def flush(self) -> None:
        line = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = {k.lower(): (v or "") for k, v in attrs}
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and values.get("content"):
                self.meta.setdefault(key, values["content"].strip())
            return
        if tag in _SKIPPED and tag not in _VOID:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "h1" and self.h1 is None:
            self.heading = []
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        elif tag == "h1" and self.heading is not None:
            self.h1 = re.sub(r"\s+", " ", "".join(self.heading)).strip() or None
            self.heading = None
        if tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip_depth:
            return
        if self.heading is not None:
            self.heading.append(data)
        self.current.append(data)


def _first(meta: dict[str, str], keys: set[str]) -> str | None:
    return next((meta[key] for key in sorted(keys) if meta.get(key)), None)


def html_to_text(html: str) -> MarkupPage:
    """The visible article text of an HTML page, one block a line, headed by its title."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    collector.flush()
    title = collector.h1 or re.sub(r"\s+", " ", "".join(collector.title)).strip() or None
    lines = collector.lines
    if title and (not lines or lines[0] != title):
        lines = [title, *lines]
    date = _first(collector.meta, _DATE_META)
    return MarkupPage(text="\n".join(lines), title=title, date=date[:10] if date else None,
                      publisher=_first(collector.meta, _PUBLISHER_META))


_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<meta>.*?)\n---\s*\n", re.DOTALL)
_MD_RULES = [
    (re.compile(r"^```.*$", re.MULTILINE), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE), ""),
    (re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE), ""),
    (re.compile(r"(\*\*|__|\*|`)"), ""),
    (re.compile(r"^\s*[-*_]{3,}\s*$", re.MULTILINE), ""),
]


def _front_matter(markdown: str) -> tuple[dict[str, object], str]:
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return {}, markdown
    try:
        meta = yaml.safe_load(match.group("meta"))
    except yaml.YAMLError:
        return {}, markdown
    return (meta if isinstance(meta, dict) else {}), markdown[match.end():]


def markdown_to_text(markdown: str) -> MarkupPage:
    """Markdown without its markup; YAML front matter (title, date, publisher) becomes metadata."""
    meta, body = _front_matter(markdown)
    for pattern, replacement in _MD_RULES:
        body = pattern.sub(replacement, body)
    title = str(meta["title"]) if meta.get("title") else None
    text = f"{title}\n{body}" if title else body
    date = str(meta["date"])[:10] if meta.get("date") else None
    publisher = str(meta["publisher"]) if meta.get("publisher") else None
    return MarkupPage(text=text, title=title, date=date, publisher=publisher)
