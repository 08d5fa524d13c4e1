"""Clean the raw seed pages into the bundled `data/articles/`, with curated metadata on top."""

from __future__ import annotations

from pathlib import Path

import yaml

from computekg.loaders.article import Article, write_article
from computekg.loaders.cleaner import clean_page

__all__ = ["clean_seed_articles"]


def clean_seed_articles(seed_dir: Path, out_dir: Path, metadata_file: Path) -> list[Article]:
    """Clean every `*.txt` page of `seed_dir` into `out_dir`; returns the articles written."""
    curated: dict[str, dict[str, object]] = yaml.safe_load(metadata_file.read_text(encoding="utf-8")) or {}
    out_dir.mkdir(parents=True, exist_ok=True)
    articles = []
    for page in sorted(seed_dir.glob("*.txt")):
        cleaned = clean_page(page.read_text(encoding="utf-8"))
        found = {"title": cleaned.title, "publisher": cleaned.publisher, "date": cleaned.date}
        meta = {k: v for k, v in found.items() if v} | curated.get(page.stem, {})
        article = Article(id=page.stem, script=cleaned.script, original=f"seeds/{page.name}",
                          body=cleaned.body, **meta)
        write_article(article, out_dir / page.name)
        articles.append(article)
    return articles
