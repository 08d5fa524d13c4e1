"""`computekg ingest`, `computekg review …` and `computekg eval`: new articles to reviewed facts.

Thin: reading, extraction, the queue and scoring live in `loaders.ingest` and `loaders.review_queue`;
these commands only choose files, show progress and print tables or JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.text import Text

from computekg.app.cli_common import (
    DataDirOption,
    JsonOption,
    description_column,
    err,
    fail,
    out,
    print_json,
    read_fact_base_or_fail,
)
from computekg.app.cli_help import FACT_BASE, Command, add_command, sub_app
from computekg.loaders.review_status import ReviewStatus

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.table import Table

    from computekg.loaders.bundle import FactBase
    from computekg.loaders.ingest.candidate import Candidate
    from computekg.loaders.ingest.evaluation import CorpusReport, Score
    from computekg.loaders.ingest.extractor import Extractor
    from computekg.loaders.ingest.pipeline import IngestedArticle
    from computekg.loaders.ingest.reading import ReadLimits, UnreadableArticle
    from computekg.loaders.review_names import NameEntry, NameQueue
    from computekg.loaders.review_queue import QueueEntry, ReviewQueue

__all__ = ["Corpus", "register", "review_app"]

_Listed = TypeVar("_Listed", bound="BaseModel")  # an entry of the review queue or of the new names

QueueOption = Annotated[
    Path | None,
    typer.Option("--queue", help="The review queue file (JSON lines). Default: .computekg/review/queue.jsonl."),
]


class Corpus(StrEnum):
    """The gold `eval` scores against: `loaders.ingest.evaluation.EvalCorpus` by value, here so that `--help`
    can offer it without importing the evaluation (tests/app/test_cli_help.py checks that the two agree)."""

    SEED = "seed"
    DEV = "dev"
    TEST = "test"


review_app = sub_app("Review candidate facts: list, accept, reject, edit, merge into the fact base.")


def _queue_path(queue: Path | None) -> Path:
    from computekg.loaders.review_queue import default_queue_path

    return queue or default_queue_path()


def _read_queue_or_fail(path: Path) -> ReviewQueue:
    from computekg.loaders.review_queue import QueueFileError, read_queue

    try:
        return read_queue(path)
    except QueueFileError as error:
        raise fail(str(error)) from error


def _extractor(fact_base: FactBase, use_llm: bool) -> Extractor:
    from computekg.loaders.ingest.extractor import OfflineExtractor
    from computekg.loaders.ingest.llm_extractor import LlmExtractor, LlmSettings

    if not use_llm:
        return OfflineExtractor.from_fact_base(fact_base)
    settings = LlmSettings.from_env()
    if settings is None:
        raise fail("--llm needs COMPUTEKG_LLM_BASE_URL and COMPUTEKG_LLM_MODEL (and COMPUTEKG_LLM_API_KEY if required)")
    return LlmExtractor(settings, fact_base.entities, index=fact_base.aliases)


def _ingest_all(paths: list[Path], extractor: Extractor, jobs: int,
                limits: ReadLimits) -> tuple[list[IngestedArticle], list[UnreadableArticle]]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    from computekg.loaders.ingest.pipeline import ingest_files
    from computekg.loaders.ingest.reading import UnreadableArticle

    done: list[IngestedArticle] = []
    skipped: list[UnreadableArticle] = []
    columns = (description_column(), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("ingesting", total=len(paths))
        for path, result in zip(paths, ingest_files(paths, extractor, jobs=jobs, limits=limits), strict=True):
            progress.update(task, description=f"ingested {path.name}")
            if isinstance(result, UnreadableArticle):
                skipped.append(result)
                err.print(Text.assemble(("skipped", "yellow"), f" {result}"))
            else:
                done.append(result)
            progress.advance(task)
        progress.update(task, description="ingested")
    return done, skipped


def _candidate_table(title: str, candidates: list[Candidate], ids: dict[str, str] | None = None) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in ("id", "subject", "type", "object", "conf.", "rule", "evidence"):
        table.add_column(column, overflow="fold")
    for candidate in candidates:
        subject = candidate.subject + (" (new)" if candidate.subject_new else "")
        obj = candidate.object + (" (new)" if candidate.object_new else "")
        entry_id = (ids or {}).get(candidate.fingerprint, candidate.fingerprint)
        table.add_row(entry_id, subject, str(candidate.type), obj, f"{candidate.confidence:.2f}", candidate.rule,
                      candidate.evidence[:80])
    return table


def ingest_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Article files (.txt, .html, .md) or folders of them.")
    ],
    json_output: JsonOption = False,
    queue: QueueOption = None,
    no_queue: Annotated[bool, typer.Option("--no-queue", help="Only print the candidates; do not queue them.")] = False,
    llm: Annotated[bool, typer.Option("--llm", help="Use the LLM extractor (COMPUTEKG_LLM_* settings).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Processes reading files in parallel (0: one per core when there are "
                                           "enough files to share; 1: this process only).")] = 0,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Read the files symbolic links point to (skipped by default, each named).")] = False,
    max_mb: Annotated[float | None, typer.Option(
        "--max-mb", min=0.001, help="Skip files larger than this many MB (default 5; env COMPUTEKG_INGEST_MAX_MB).")
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Read new articles, propose candidate facts, and queue them for review.

    Files in UTF-8, GBK/GB18030 or Big5; Simplified, Traditional or English; .txt, .html or .md. Symbolic links
    and files above the size limit are skipped, each with a message.
    """
    from computekg.graph.settings import get_settings
    from computekg.loaders.ingest.pipeline import article_paths
    from computekg.loaders.ingest.reading import ReadLimits
    from computekg.loaders.review_names import enqueue_names
    from computekg.loaders.review_queue import enqueue, store_article, unrejected, write_names, write_queue

    limits = ReadLimits(max_mb=max_mb or get_settings().ingest_max_mb, follow_links=follow_links)
    fact_base = read_fact_base_or_fail(data_dir)
    extractor = _extractor(fact_base, llm)
    queue_path = _queue_path(queue)
    review_queue = _read_queue_or_fail(queue_path)
    files = article_paths(paths, follow_links=follow_links)
    if not files:
        raise fail("no article files given")
    done, skipped = _ingest_all(files, extractor, jobs, limits)
    results = [(item, unrejected(review_queue, item.candidates)) for item in done]
    names = _read_names_or_fail(queue_path)
    new_names = 0
    if not no_queue:
        for item, candidates in results:
            store_article(queue_path, item.article)
            review_queue, _ = enqueue(review_queue, candidates)
            names, added = enqueue_names(names, item.new_names, fact_base.aliases)
            new_names += len(added)
        write_queue(review_queue, queue_path)
        write_names(names, queue_path)
    if json_output:
        print_json([c.model_dump(mode="json", exclude_none=True) for _, candidates in results for c in candidates])
    else:
        for item, candidates in results:
            out.print(_candidate_table(f"{item.path} → {item.article.id}: {len(candidates)} candidate(s)", candidates))
        if not no_queue and done:
            out.print(f"queued in {queue_path}; review with `computekg review list`")
            if new_names:
                out.print(f"{new_names} name(s) new to the catalog; see them with `computekg review names`")
    if skipped:
        err.print(f"{len(skipped)} file(s) skipped, {len(done)} ingested")
    if not done:
        raise typer.Exit(code=1)


def _status_filter(listed: str) -> Any:
    """The `--status` option of a review listing; `listed` says what it lists ("entries", "names")."""
    return typer.Option("--status", "-s", metavar="STATUS", show_choices=False,
                        help=f"Only {listed} in this state: {', '.join(ReviewStatus)}.")


def _print_listing(entries: Sequence[_Listed], json_output: bool, *, title: str, columns: Sequence[str],
                   row: Callable[[_Listed], Sequence[str]]) -> None:
    """Print review entries as JSON, or as a table of `columns` with `row(entry)` for each entry."""
    from rich.table import Table

    if json_output:
        print_json([entry.model_dump(mode="json", exclude_none=True) for entry in entries])
        return
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for entry in entries:
        table.add_row(*row(entry))
    out.print(table)


def _queue_row(entry: QueueEntry) -> Sequence[str]:
    c = entry.candidate
    return (entry.id, str(entry.status), c.subject + (" (new)" if c.subject_new else ""), str(c.type),
            c.object + (" (new)" if c.object_new else ""), f"{c.confidence:.2f}", c.evidence[:80])


@review_app.command("list", cls=Command)
def review_list(
    queue: QueueOption = None,
    status: Annotated[ReviewStatus | None, _status_filter("entries")] = None,
    json_output: JsonOption = False,
) -> None:
    """List the queue's entries (all, or those in one state)."""
    review_queue = _read_queue_or_fail(_queue_path(queue))
    entries = review_queue.with_status(status) if status else list(review_queue.entries)
    _print_listing(entries, json_output, title=f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}",
                   columns=("id", "status", "subject", "type", "object", "conf.", "evidence"), row=_queue_row)


def _read_names_or_fail(queue_path: Path) -> NameQueue:
    from computekg.loaders.review_queue import QueueFileError, read_names

    try:
        return read_names(queue_path)
    except QueueFileError as error:
        raise fail(str(error)) from error


def _change_status(ids: list[str], queue: Path | None, status: ReviewStatus) -> None:
    """Set the status of candidate facts and of new names (their ids start with 'n-') alike."""
    from computekg.loaders.review_names import set_name_status
    from computekg.loaders.review_queue import ReviewError, set_status, write_names, write_queue

    path = _queue_path(queue)
    review_queue = _read_queue_or_fail(path)
    names = _read_names_or_fail(path)
    try:
        for entry_id in ids:
            if entry_id.startswith("n-"):
                names = set_name_status(names, entry_id, status)
            else:
                review_queue = set_status(review_queue, entry_id, status)
    except ReviewError as error:
        raise fail(str(error)) from error
    write_queue(review_queue, path)
    write_names(names, path)
    out.print(f"{len(ids)} entr{'y' if len(ids) == 1 else 'ies'} {status}")


@review_app.command("accept", cls=Command)
def review_accept(ids: Annotated[list[str], typer.Argument(metavar="ID", help="Entry ids (or unique prefixes).")],
                  queue: QueueOption = None) -> None:
    """Accept entries or new names (ids n-…): `review merge` adds them to the fact base and the catalog."""
    _change_status(ids, queue, ReviewStatus.ACCEPTED)


@review_app.command("reject", cls=Command)
def review_reject(ids: Annotated[list[str], typer.Argument(metavar="ID", help="Entry ids (or unique prefixes).")],
                  queue: QueueOption = None) -> None:
    """Reject entries or new names: they stay in the queue so they are never proposed again."""
    _change_status(ids, queue, ReviewStatus.REJECTED)


@review_app.command("edit", cls=Command)
def review_edit(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="Entry id (or unique prefix).")],
    subject: Annotated[str | None, typer.Option(help="Catalog id or any alias (else a new entity).")] = None,
    object_: Annotated[str | None, typer.Option("--object", help="Catalog id or any alias.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Relationship type, e.g. SUPPLIES.")] = None,
    product: Annotated[str | None, typer.Option(help="Product (catalog id or alias); '' clears.")] = None,
    quantity: Annotated[str | None, typer.Option(help="Count as written, e.g. '1万块'; '' clears.")] = None,
    amount: Annotated[str | None, typer.Option(help="Amount as written, e.g. '10亿美元'; '' clears.")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD; '' clears.")] = None,
    status: Annotated[str | None, typer.Option(help="planned, rumoured, ended, denied; '' clears.")] = None,
    confidence: Annotated[float | None, typer.Option(min=0.0, max=1.0, help="How sure the fact is, 0 to 1.")] = None,
    evidence: Annotated[str | None, typer.Option(help="The quote (must stay verbatim in the article).")] = None,
    note: Annotated[str | None, typer.Option(help="A reviewer's note, kept in the fact file.")] = None,
    queue: QueueOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Change fields of an entry before accepting it."""
    from computekg.loaders.review_queue import EDITABLE_FIELDS, ReviewError, edit_entry, write_queue

    values = dict(zip(EDITABLE_FIELDS, (subject, object_, type_, product, quantity, amount, date, status,
                                        None if confidence is None else str(confidence), evidence, note), strict=True))
    changes = {field: value for field, value in values.items() if value is not None}
    if not changes:
        raise fail(f"nothing to change; give one of --{', --'.join(EDITABLE_FIELDS)}")
    path = _queue_path(queue)
    review_queue = _read_queue_or_fail(path)
    index = read_fact_base_or_fail(data_dir).aliases
    try:
        review_queue = edit_entry(review_queue, entry_id, changes, index=index)
    except ReviewError as error:
        raise fail(str(error)) from error
    write_queue(review_queue, path)
    out.print(f"edited {review_queue.get(entry_id).id}: {', '.join(changes)}")


@review_app.command("merge", cls=Command)
def review_merge(queue: QueueOption = None, data_dir: DataDirOption = None) -> None:
    """Write every accepted entry into the fact base (all or nothing; validated first)."""
    from computekg.loaders.bundle import bundled_data_dir
    from computekg.loaders.review_queue import MergeRejected, ReviewError, merge_accepted, write_names, write_queue

    path = _queue_path(queue)
    review_queue = _read_queue_or_fail(path)
    names = _read_names_or_fail(path)
    try:
        result = merge_accepted(review_queue, path, data_dir or bundled_data_dir(), names)
    except (MergeRejected, ReviewError) as error:
        raise fail(str(error)) from error
    write_queue(result.queue, path)
    write_names(result.names, path)
    written = ", ".join(str(p) for p in result.written) or "nothing"
    out.print(f"merged {result.facts} fact(s) and {result.entities} new name(s); wrote {written}")


def _name_row(entry: NameEntry) -> Sequence[str]:
    found = entry.discovery
    closest = "; ".join(f"{c.name}" + (" (other model)" if c.other_model else "") for c in entry.closest)
    return (entry.id, str(entry.status), found.name, str(found.kind), found.signal, closest or "none",
            found.evidence[:80])


@review_app.command("names", cls=Command)
def review_names(
    queue: QueueOption = None,
    status: Annotated[ReviewStatus | None, _status_filter("names")] = None,
    json_output: JsonOption = False,
) -> None:
    """List names the articles use that the catalog lacks, with the closest catalog entities."""
    names = _read_names_or_fail(_queue_path(queue))
    entries = names.with_status(status) if status else list(names.entries)
    _print_listing(entries, json_output, title=f"{len(entries)} new name(s)",
                   columns=("id", "status", "name", "kind", "found by", "closest in the catalog", "sentence"),
                   row=_name_row)


_SCRIPT_NAMES = {"Hans": "zh-Hans", "Hant": "zh-Hant", "Latn": "English"}


def _score_table(title: str, scores: Sequence[Score], overall: Score) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in ("", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if not column else "right")
    for score in (*scores, overall):
        table.add_row(_SCRIPT_NAMES.get(score.label, score.label), str(score.true_positives),
                      str(score.false_positives), str(score.false_negatives), f"{score.precision:.2f}",
                      f"{score.recall:.2f}", f"{score.f1:.2f}", style="bold" if score is overall else None)
    return table


def _print_report(report: CorpusReport) -> None:
    out.print(f"\n{report.corpus}: {report.articles} article(s), scored by entity pair and relation family",
              markup=False, highlight=False)
    out.print(_score_table("per script", report.per_script, report.overall))
    out.print(_score_table("per family", report.per_family, report.overall))
    if report.unstated_claimed or report.unstated_kept:
        out.print(f"statements that are not stated facts: {report.unstated_claimed} proposed as stated "
                  f"(counted as false positives), {report.unstated_kept} proposed with their status")
    for miss in report.misses:
        # A wrong fact shows the rule that proposed it and its sentence; a missed one the gold quote that states it.
        where = (f" [{miss.rule}] {miss.evidence}" if miss.rule else f" — {miss.evidence}") if miss.evidence else ""
        out.print(f"  {miss.kind:8} {miss.article}: {miss.subject} -{miss.family}- {miss.object}{where}",
                  markup=False, highlight=False)


def eval_command(
    json_output: JsonOption = False,
    corpora: Annotated[list[Corpus] | None, typer.Option(
        "--corpus", help="Which gold to score against (repeatable): the seed articles' curated facts, the "
        "development corpus or the held-out test corpus (data/dev_corpus/). Default: all three.")] = None,
    details: Annotated[bool, typer.Option("--details", help="List every missed and wrong fact.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Score the offline extractor: precision, recall and F1 per script and per relation family."""
    from computekg.loaders.errors import FactBaseError
    from computekg.loaders.ingest.evaluation import EvalCorpus, EvalReport, corpus_articles, evaluate, seed_articles
    from computekg.loaders.ingest.extractor import OfflineExtractor

    corpus = [EvalCorpus(c) for c in corpora] if corpora else None
    fact_base = read_fact_base_or_fail(data_dir)
    extractor = OfflineExtractor.from_fact_base(fact_base)
    reports = []
    for chosen in corpus or list(EvalCorpus):
        try:
            articles = (seed_articles(fact_base) if chosen is EvalCorpus.SEED
                        else corpus_articles(fact_base.data_dir / "dev_corpus" / chosen.value))
        except FactBaseError as error:
            raise fail(str(error)) from error
        reports.append(evaluate(extractor, articles, fact_base.aliases, corpus=chosen.value, keep_misses=details))
    if json_output:
        print_json(EvalReport(corpora=tuple(reports)).model_dump(mode="json"))
        return
    for report in reports:
        _print_report(report)


def register(app: typer.Typer) -> None:
    """Add `ingest`, `review` and `eval` to the `computekg` app."""
    add_command(app, "ingest", ingest_command, panel=FACT_BASE)
    app.add_typer(review_app, name="review", rich_help_panel=FACT_BASE)
    add_command(app, "eval", eval_command, panel=FACT_BASE)
