"""Every candidate the offline extractor proposes, written to one file, so a speed-up can prove it changed none.

`python -m bench.extract_equivalence OUT [--mb 2]` writes, line by line: each article the pipeline reads
(the bench corpus of `extract_bench.write_corpus`, every article of `data/dev_corpus/dev` and `test`) with
its cleaned form, then each of its candidates (`model_dump`, in order); then the five bundled articles'
candidates. Run it on the code before and after a change and compare the two files byte for byte
(`cmp`): equal files mean the reader and the extractor give exactly what they gave.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from computekg.loaders.article import Article
from computekg.loaders.bundle import read_fact_base
from computekg.loaders.ingest.extractor import OfflineExtractor
from computekg.loaders.ingest.reading import SUFFIXES, UnreadableArticle, read_article_file

from .extract_bench import write_corpus

__all__ = ["write_candidates"]


def _write_article(out: IO[str], label: str, article: Article, extractor: OfflineExtractor) -> int:
    out.write(json.dumps({"article": label, "read": article.model_dump(mode="json")}, ensure_ascii=False) + "\n")
    candidates = extractor.extract(article)
    for candidate in candidates:
        out.write(json.dumps(candidate.model_dump(mode="json"), ensure_ascii=False) + "\n")
    return len(candidates)


def _write_files(out: IO[str], paths: Iterable[Path], extractor: OfflineExtractor, root: Path) -> int:
    count = 0
    for path in paths:
        try:
            article = read_article_file(path)
        except UnreadableArticle as error:
            out.write(json.dumps({"article": str(path.relative_to(root)), "unreadable": error.reason}) + "\n")
            continue
        count += _write_article(out, str(path.relative_to(root)), article, extractor)
    return count


def write_candidates(out_path: Path, *, megabytes: float = 2.0) -> int:
    """Write every candidate of the three corpora to `out_path`; returns how many."""
    fact_base = read_fact_base()
    extractor = OfflineExtractor.from_fact_base(fact_base)
    count = 0
    with out_path.open("w", encoding="utf-8") as out, tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch)
        count += _write_files(out, write_corpus(corpus, megabytes=megabytes), extractor, corpus)
        for split in ("dev", "test"):
            directory = fact_base.data_dir / "dev_corpus" / split
            articles = sorted(p for p in directory.iterdir() if p.suffix.lower() in SUFFIXES)
            count += _write_files(out, articles, extractor, fact_base.data_dir)
        for article_id in sorted(fact_base.articles):
            count += _write_article(out, article_id, fact_base.articles[article_id], extractor)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="file to write the candidates to (one JSON object a line)")
    parser.add_argument("--mb", type=float, default=2.0, help="size of the bench corpus (default 2 MB)")
    arguments = parser.parse_args()
    print(f"{write_candidates(arguments.out, megabytes=arguments.mb)} candidates written to {arguments.out}")


if __name__ == "__main__":
    main()
