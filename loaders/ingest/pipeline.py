"""Files in, candidates out: the ingest step the CLI (and later the app) runs for each file.

A directory stands for the article files in it. A file that cannot be read or decoded raises
`UnreadableArticle` from `ingest_file`, so the caller can report it and go on with the others;
`ingest_files` does the same for many files, on several cores when asked.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from computekg.loaders.article import Article
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.extractor import Extractor
from computekg.loaders.ingest.llm_extractor import LlmError
from computekg.loaders.ingest.new_names import NewName
from computekg.loaders.ingest.reading import SUFFIXES, ReadLimits, UnreadableArticle, read_article_file
from computekg.loaders.ingest.shared_work import map_in_order

__all__ = ["IngestedArticle", "article_paths", "ingest_file", "ingest_files", "worker_count"]

# Files in a batch: few enough to keep every core busy to the end, enough to amortise the hand-off.
_FILES_PER_TASK = 4
# With `jobs=0`, fewer batches than this per process are read in this process alone: starting workers
# takes about 0.3 s, more than a few batches are worth.
_BATCHES_PER_WORKER_FOR_AUTO = 4


@dataclass(frozen=True)
class IngestedArticle:
    """One file's cleaned article, the candidates proposed for it and the names it uses that the catalog lacks."""

    path: Path
    article: Article
    candidates: list[Candidate]
    new_names: list[NewName]


def article_paths(paths: Iterable[Path], *, follow_links: bool = False) -> list[Path]:
    """The given files, and the article files (.txt, .html, .md) inside the given directories, in order.

    Without `follow_links`, symbolic links inside a directory (to files or to folders) are listed but not
    followed, so that reading them reports each as skipped.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and (follow_links or not path.is_symlink()):
            found += _folder_articles(path, follow_links=follow_links)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _folder_articles(folder: Path, *, follow_links: bool) -> list[Path]:
    found: list[Path] = []
    visited: set[str] = set()
    for root, folders, names in os.walk(folder, followlinks=follow_links):
        real = os.path.realpath(root)
        if real in visited:  # a link back up the tree: followed once, not for ever
            folders.clear()
            continue
        visited.add(real)
        here = Path(root)
        if not follow_links:
            found += [here / name for name in folders if (here / name).is_symlink()]
        found += [here / name for name in names if Path(name).suffix.lower() in SUFFIXES]
    return sorted(found)


def ingest_file(path: Path, extractor: Extractor, limits: ReadLimits = ReadLimits()) -> IngestedArticle:  # noqa: B008
    """Read, clean and extract one file; raises `UnreadableArticle` when it is not an article we can read."""
    article = read_article_file(path, limits)
    candidates, names = extractor.read(article)
    return IngestedArticle(path, article, candidates, names)


def worker_count(jobs: int) -> int:
    """`jobs` worker processes, or one per core when `jobs` is 0."""
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per core) or more, got {jobs}")
    return jobs or os.cpu_count() or 1


def ingest_files(paths: Sequence[Path], extractor: Extractor, *, jobs: int = 1,
                 limits: ReadLimits = ReadLimits()) -> Iterator[IngestedArticle | UnreadableArticle]:  # noqa: B008
    """Each file ingested, or why it could not be (an extractor error included), in the order of `paths`.

    Extraction is CPU-bound Python, so more cores need processes rather than threads. With `jobs`
    above 1 the files are shared, in batches, between this process and `jobs - 1` worker processes
    (`shared_work.map_in_order`); each worker gets the extractor once when it starts. `jobs=0` means
    one process per core when there are files enough to share, this process alone otherwise.
    Workers come from a fork server, a clean process, so a progress bar's thread in this one is
    never copied into them.
    """
    batches = [paths[start:start + _FILES_PER_TASK] for start in range(0, len(paths), _FILES_PER_TASK)]
    workers = min(worker_count(jobs), len(batches) // _BATCHES_PER_WORKER_FOR_AUTO if jobs == 0 else len(batches))
    if workers <= 1:
        yield from (_ingest_or_reason(path, extractor, limits) for path in paths)
        return
    context = multiprocessing.get_context("forkserver")

    def start_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers - 1, mp_context=context, initializer=_start_worker,
                                   initargs=(extractor, limits))

    here = partial(_ingest_batch, extractor=extractor, limits=limits)
    for results in map_in_order(here, _ingest_batch_in_worker, batches, workers=workers - 1, start_pool=start_pool):
        yield from results


def _ingest_batch(paths: Sequence[Path], extractor: Extractor,
                  limits: ReadLimits) -> list[IngestedArticle | UnreadableArticle]:
    return [_ingest_or_reason(path, extractor, limits) for path in paths]


def _ingest_or_reason(path: Path, extractor: Extractor, limits: ReadLimits) -> IngestedArticle | UnreadableArticle:
    try:
        return ingest_file(path, extractor, limits)
    except UnreadableArticle as error:
        return error
    except LlmError as error:
        return UnreadableArticle(path, str(error))


_worker_extractor: Extractor | None = None
_worker_limits = ReadLimits()


def _start_worker(extractor: Extractor, limits: ReadLimits) -> None:
    global _worker_extractor, _worker_limits
    _worker_extractor, _worker_limits = extractor, limits
    gc.freeze()  # the extractor's tables live as long as the worker: no collection needs to scan them


def _ingest_batch_in_worker(paths: Sequence[Path]) -> list[IngestedArticle | UnreadableArticle]:
    if _worker_extractor is None:  # the pool's initializer always runs first
        raise RuntimeError("worker started without an extractor")
    return _ingest_batch(paths, _worker_extractor, _worker_limits)
