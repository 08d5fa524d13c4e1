"""A file on disk (.txt, .html, .md in any supported encoding) to a cleaned `Article`.

Decoding, markup removal and cleaning are the shared pieces (`decoding`, `markup`,
`loaders.cleaner.clean_page`); this module only chooses among them by file type and settles the
metadata: what the page text states wins, what the markup declares fills the gaps.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from computekg.graph.model import PartialDate
from computekg.graph.settings import Settings
from computekg.loaders.article import Article
from computekg.loaders.cleaner import clean_page
from computekg.loaders.ingest.decoding import UndecodableText, decode_bytes
from computekg.loaders.ingest.markup import MarkupPage, html_to_text, markdown_to_text

__all__ = ["DEFAULT_MAX_MB", "SUFFIXES", "ReadLimits", "UnreadableArticle", "article_from_bytes", "read_article_file"]

SUFFIXES = frozenset({".txt", ".html", ".htm", ".md", ".markdown"})
DEFAULT_MAX_MB: float = Settings.model_fields["ingest_max_mb"].default  # COMPUTEKG_INGEST_MAX_MB's default


@dataclass(frozen=True)
class ReadLimits:
    """What ingest reads: files up to `max_mb` megabytes, and symbolic links only when `follow_links`.

    Links are skipped by default because ingest copies what it reads into the review store: a link to
    /etc/passwd among the articles was read and copied there.
    """

    max_mb: float = DEFAULT_MAX_MB
    follow_links: bool = False

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1_000_000)
_PARTIAL_DATE: TypeAdapter[str] = TypeAdapter(PartialDate)


class UnreadableArticle(ValueError):
    """A file that cannot be turned into an article; says which file and why."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self) -> tuple[type[UnreadableArticle], tuple[Path, str]]:
        return UnreadableArticle, (self.path, self.reason)  # a worker process sends it back to the parent


def _article_id(name: str, data: bytes) -> str:
    """Stable for the same bytes, readable from the file name: `<slug>_<16 hex digits>`."""
    slug = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:40] or "article"
    return f"{slug}_{hashlib.sha1(data).hexdigest()[:16]}"


def _valid_date(*dates: str | None) -> str | None:
    for date in dates:
        if not date:
            continue
        try:
            return _PARTIAL_DATE.validate_python(date)
        except ValidationError:
            continue
    return None


def _page(text: str, suffix: str) -> MarkupPage:
    if suffix in {".html", ".htm"} or (suffix == ".txt" and re.match(r"\s*<(?:!doctype|html)", text, re.I)):
        return html_to_text(text)
    if suffix in {".md", ".markdown"}:
        return markdown_to_text(text)
    return MarkupPage(text=text)


def article_from_bytes(data: bytes, name: str) -> Article:
    """The cleaned article in `data` (the bytes of a file called `name`); raises `UnreadableArticle`."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableArticle(name, f"unsupported file type {suffix or '(none)'!r}; expected .txt, .html or .md")
    try:
        decoded = decode_bytes(data)
    except UndecodableText as error:
        raise UnreadableArticle(name, str(error)) from error
    page = _page(decoded.text, suffix)
    cleaned = clean_page(page.text)
    if not cleaned.body.strip():
        raise UnreadableArticle(name, "no article text after cleaning")
    return Article(
        id=_article_id(name, data),
        title=cleaned.title or page.title or Path(name).stem,
        publisher=cleaned.publisher or page.publisher,
        date=_valid_date(cleaned.date, page.date),
        language="en" if cleaned.script == "Latn" else "zh",
        script=cleaned.script,
        original=Path(name).name,
        notes=f"ingested from {Path(name).name} ({decoded.encoding})",
        body=cleaned.body,
    )


def read_article_file(path: Path, limits: ReadLimits = ReadLimits()) -> Article:  # noqa: B008 - frozen
    """Read and clean one article file; raises `UnreadableArticle` naming the file and the reason."""
    data = _read_bounded(path, limits)
    try:
        return article_from_bytes(data, str(path))
    except UnreadableArticle as error:
        raise UnreadableArticle(path, error.reason) from error


def _read_bounded(path: Path, limits: ReadLimits) -> bytes:
    """The bytes of `path`, refusing a symbolic link (unless followed) and a file above the size limit.

    O_NOFOLLOW refuses a link even when it replaced the file after it was listed; at most one byte more than
    the limit is read, so a file still growing is no larger a read.
    """
    if path.is_symlink() and not limits.follow_links:
        raise UnreadableArticle(path, f"is a symbolic link (to {os.readlink(path)}); skipped: pass --follow-links "
                                "to read what links point to")
    flags = os.O_RDONLY | (0 if limits.follow_links else os.O_NOFOLLOW)
    try:
        with os.fdopen(os.open(path, flags), "rb") as stream:
            data = stream.read(limits.max_bytes + 1)
    except OSError as error:
        raise UnreadableArticle(path, f"cannot read: {error.strerror or error}") from error
    if len(data) > limits.max_bytes:
        raise UnreadableArticle(path, f"is larger than {limits.max_mb:g} MB, the most ingest reads; raise the "
                                "limit with --max-mb or COMPUTEKG_INGEST_MAX_MB")
    return data
