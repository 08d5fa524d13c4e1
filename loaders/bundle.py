"""The fact base the product ships: catalog, cleaned articles and curated facts under `data/`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from computekg.graph.model import Entity, Subgraph
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.article import Article, read_article

__all__ = ["FactBase", "bundled_data_dir", "read_articles", "read_fact_base", "load_bundled_graph"]


def bundled_data_dir() -> Path:
    """`data/` beside the installed packages (or `COMPUTEKG_DATA_DIR` when set)."""
    override = os.environ.get("COMPUTEKG_DATA_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class FactBase:
    """The validated contents of a data directory."""

    data_dir: Path
    entities: tuple[Entity, ...]
    articles: dict[str, Article]
    graph: Subgraph

    @cached_property
    def aliases(self) -> AliasIndex:
        return AliasIndex(self.entities)


def read_articles(article_dir: Path) -> dict[str, Article]:
    articles = (read_article(path) for path in sorted(article_dir.glob("*.txt")))
    return {article.id: article for article in articles}


def read_fact_base(data_dir: Path | None = None, *, cache_dir: Path | None = None) -> FactBase:
    """Read and validate everything; raises `FactBaseError` naming every bad file, line and field.

    With `cache_dir`, a fact base validated before from the same files by the same code is read back from
    there instead (`loaders.bundle_cache`): what a query needs, not what `computekg check` does.
    """
    root = data_dir or bundled_data_dir()
    if cache_dir is not None:
        from computekg.loaders.bundle_cache import cached_fact_base  # it reads fact bases with this function

        return cached_fact_base(root, cache_dir=cache_dir)
    from computekg.loaders.catalog import read_catalog_files  # the readers: not needed when the cache answers
    from computekg.loaders.catalog_relations import with_catalog_parents
    from computekg.loaders.facts import read_facts

    catalog_files = read_catalog_files(root / "catalog")
    entities = [entity for file_entities in catalog_files.values() for entity in file_entities]
    articles = read_articles(root / "articles")
    index = AliasIndex(entities)
    relations = with_catalog_parents(read_facts(root / "facts", articles, index), catalog_files)
    sources = tuple(a.as_source(f"articles/{a.id}.txt") for a in articles.values())
    graph = Subgraph(entities=tuple(sorted(entities, key=lambda e: e.id)), relations=tuple(relations),
                     sources=sources)
    return FactBase(data_dir=root, entities=tuple(entities), articles=articles, graph=graph)


def load_bundled_graph(data_dir: Path | None = None) -> Subgraph:
    """The bundled graph, ready to load into any store."""
    return read_fact_base(data_dir).graph
