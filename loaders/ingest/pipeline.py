"""Files in, candidates out: the ingest step the CLI (and later the app) runs for each file.

A directory stands for the article files in it. A file that cannot be read or decoded raises
`UnreadableArticle` from `ingest_file`, so the caller can report it and go on with the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from computekg.loaders.article import Article
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.extractor import Extractor
from computekg.loaders.ingest.reading import SUFFIXES, read_article_file

__all__ = ["IngestedArticle", "article_paths", "ingest_file"]


@dataclass(frozen=True)
class IngestedArticle:
    """One file's cleaned article and the candidates proposed for it."""

    path: Path
    article: Article
    candidates: list[Candidate]


def article_paths(paths: Iterable[Path]) -> list[Path]:
    """The given files, and the article files (.txt, .html, .md) inside the given directories, in order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def ingest_file(path: Path, extractor: Extractor) -> IngestedArticle:
    """Read, clean and extract one file; raises `UnreadableArticle` when it is not an article we can read."""
    article = read_article_file(path)
    return IngestedArticle(path, article, extractor.extract(article))
