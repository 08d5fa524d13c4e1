"""Extraction throughput: the ingest pipeline (`computekg ingest`, offline extractor) against `jieba.lcut`.

The corpus is article files on disk: the five bundled articles repeated, and as many generated articles
again, whose sentences are the bundled articles' sentences shuffled into new orders (so names, amounts
and cue words are realistic while no article repeats). Both sides get the same bytes in the same run:
the pipeline reads, decodes, cleans and extracts each file (`ingest_file`, one process); jieba segments
the decoded text of each file (`jieba.lcut`, dictionary loaded before the clock starts). The two take
turns, 64 files at a time, so a slower spell of a shared machine weighs on both alike. Then
`ingest_files` reads the corpus again with one process per core (`computekg ingest`'s default), the
workers' start-up inside the clock. Throughput is MB of UTF-8 input per second. jieba is the baseline
only, never a dependency of the product (the `test` extra).
"""

from __future__ import annotations

import cProfile
import io
import pstats
import random
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from computekg.loaders.bundle import bundled_data_dir, read_articles, read_fact_base
from computekg.loaders.ingest.extractor import OfflineExtractor
from computekg.loaders.ingest.pipeline import ingest_file, ingest_files, worker_count
from computekg.loaders.ingest.reading import UnreadableArticle

__all__ = ["ExtractResult", "write_corpus", "run_extract_bench"]

_SENTENCE_END = re.compile(r"(?<=[。！？])")
_BLOCK_FILES = 64  # files each side reads in its turn (about 0.7 MB)


@dataclass(frozen=True)
class ExtractResult:
    """Both sides' throughput on one corpus, and where the pipeline spends its time."""

    corpus_mb: float
    files: int
    pipeline_mb_s: float
    jieba_mb_s: float
    candidates: int
    tokens: int
    profile_top: list[str]
    workers: int = 1
    parallel_mb_s: float = 0.0  # `ingest_files` with one worker process per core, pool start-up included
    parallel_candidates: int = 0

    @property
    def ratio(self) -> float:
        return self.pipeline_mb_s / self.jieba_mb_s if self.jieba_mb_s else 0.0

    @property
    def parallel_ratio(self) -> float:
        return self.parallel_mb_s / self.jieba_mb_s if self.jieba_mb_s else 0.0

    def summary(self) -> dict[str, Any]:
        return asdict(self) | {"ratio": round(self.ratio, 2), "parallel_ratio": round(self.parallel_ratio, 2)}


def write_corpus(directory: Path, *, megabytes: float, seed: int = 5) -> list[Path]:
    """Article files of about `megabytes` MB in all: half bundled articles repeated, half generated ones."""
    directory.mkdir(parents=True, exist_ok=True)
    articles = list(read_articles(bundled_data_dir() / "articles").values())
    texts = [f"{a.title}\n\n{a.body}" for a in articles]
    sentences = [s.strip() for text in texts for s in _SENTENCE_END.split(text) if len(s.strip()) > 4]
    rng = random.Random(seed)
    target = megabytes * 2**20
    paths: list[Path] = []
    written = 0
    while written < target:
        index = len(paths)
        if index % 2 == 0:
            text = texts[(index // 2) % len(texts)]
        else:
            picked = rng.sample(sentences, k=min(len(sentences), 60))
            text = "生成的报道\n\n" + "\n".join("".join(picked[i : i + 4]) for i in range(0, len(picked), 4))
        path = directory / f"article-{index:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written += path.stat().st_size
        paths.append(path)
    return paths


def run_extract_bench(
    directory: Path,
    *,
    megabytes: float = 2.0,
    profile: bool = True,
    advance: Callable[[], None] | None = None,
) -> ExtractResult:
    """Write the corpus into `directory`, then time the pipeline and jieba over it (taking turns), then the
    pipeline on every core."""
    import jieba  # the baseline; installed with the `test` extra

    paths = write_corpus(directory, megabytes=megabytes)
    size = sum(p.stat().st_size for p in paths)
    extractor = OfflineExtractor.from_fact_base(read_fact_base())
    jieba.setLogLevel(60)  # silence its start-up messages
    jieba.initialize()
    ingest_file(paths[0], extractor)  # warm-up: lazy tables (OpenCC, lexicon) built outside the clock

    pipeline_s = jieba_s = 0.0
    candidates = tokens = 0
    for start in range(0, len(paths), _BLOCK_FILES):  # the two take turns, so a slower spell hits both
        block = paths[start:start + _BLOCK_FILES]
        began = time.perf_counter()
        for path in block:
            candidates += len(ingest_file(path, extractor).candidates)
            if advance is not None:
                advance()
        pipeline_s += time.perf_counter() - began
        texts = [p.read_bytes().decode("utf-8") for p in block]  # the same decoded text the pipeline read
        began = time.perf_counter()
        for text in texts:
            tokens += len(jieba.lcut(text))
            if advance is not None:
                advance()
        jieba_s += time.perf_counter() - began

    workers = worker_count(0)
    began = time.perf_counter()
    parallel_candidates = sum(len(item.candidates) for item in ingest_files(paths, extractor, jobs=workers)
                              if not isinstance(item, UnreadableArticle))
    parallel_s = time.perf_counter() - began

    mb = size / 2**20
    top: list[str] = []
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for path in paths[: max(1, len(paths) // 10)]:
            ingest_file(path, extractor)
        profiler.disable()
        top = _top_functions(profiler)
    return ExtractResult(round(mb, 2), len(paths), round(mb / pipeline_s, 3), round(mb / jieba_s, 3),
                         candidates, tokens, top, workers, round(mb / parallel_s, 3), parallel_candidates)


def _top_functions(profiler: cProfile.Profile, count: int = 10) -> list[str]:
    """The functions with the most time spent inside them, as 'share% file:line(function)'."""
    stats = pstats.Stats(profiler, stream=io.StringIO())
    total = sum(entry[2] for entry in stats.stats.values())  # type: ignore[attr-defined]
    ranked = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)  # type: ignore[attr-defined]
    return [
        f"{100 * timing[2] / total:4.1f}% {Path(where[0]).name}:{where[1]}({where[2]})"
        for where, timing in ranked[:count]
    ]
