"""Score an extractor against gold facts: precision, recall and F1 per script and per relation family.

Two kinds of gold. The seed articles' gold is the curated fact base (every fact whose evidence cites the
article). The development corpus (`data/dev_corpus/`, written by the team in the style of real reporting)
has a gold file beside each article, naming each fact's parties as the article writes them, and also
the statements that are NOT stated facts (planned, rumoured, considered, denied, negated).

Matching rule: a fact is its pair of parties and its relation family (`graph.schema.REL_FAMILY`): an
extractor that reads 'bought from' as SUPPLIES where the gold says PURCHASED of the same parties has
read the sentence's subject right; a wrong party or a wrong family is wrong. Family `ties` (partners,
rivals) is symmetric. Parties are catalog entities when the name resolves in the catalog, otherwise the
name itself (case, width and script folded, company suffixes dropped, and an English firm named by a
distinctive word and generic ones by that word: 'Kestrel Semiconductor' is the 'Kestrel' the story writes
later), so a newly discovered organization counts when the extractor names it as the gold does. Per
article, each fact counts once however many sentences state it; counts are summed over articles
('overall' is the micro average).

A candidate that matches a stated gold fact is a true positive; one that matches nothing is a false
positive; a stated fact no candidate matches is a false negative. A candidate that matches a statement
the gold marks as not stated is a false positive unless it carries a status itself (the review then
shows it as planned, rumoured or denied): claiming a plan as done is wrong, keeping it as a plan is not.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, computed_field

from computekg.graph.model import article_evidence
from computekg.graph.schema import REL_FAMILY, EntityKind, RelFamily, RelType
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.article import Article
from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.extractor import Extractor
from computekg.loaders.ingest.gold import GoldStatus, read_gold_corpus
from computekg.loaders.ingest.linking import english_short_form, names_a_firm_after_its_place, names_its_city
from computekg.loaders.ingest.new_entities import chinese_short_form
from computekg.loaders.ingest.reading import read_article_file
from computekg.loaders.normalize import normalize_for_matching

__all__ = ["Score", "CorpusReport", "EvalReport", "EvalCorpus", "GoldStatement", "ScoredArticle", "Miss",
           "evaluate", "seed_articles", "corpus_articles", "party_key"]

_OVERALL = "overall"
_STATED = frozenset({None, GoldStatus.ENDED})  # it happened (and may since have ended)


class EvalCorpus(StrEnum):
    """The gold an extractor can be scored against."""

    SEED = "seed"  # the five bundled articles and their curated facts
    DEV = "dev"  # data/dev_corpus/dev: the development set the extractor is tuned on
    TEST = "test"  # data/dev_corpus/test: held out, only ever reported
_SYMMETRIC = frozenset({RelFamily.TIES})
# Legal-form words dropped from a name the catalog does not know, so 'CoreWeave Inc.' is 'CoreWeave'.
_LEGAL_FORM = re.compile(
    r"(?:[\s,]+(?:inc|corp|corporation|co|ltd|limited|llc|plc|gmbh|ag|sa|se|ab|nv|n\.v|bv|holdings|group)\.?"
    r"|(?:股份有限公司|有限责任公司|有限公司|公司|集团|控股))+$")
# Words that name what kind of thing a product is, not which: '昇腾芯片' is the Ascend, 'TPUs' the TPU.
_PRODUCT_DESCRIPTORS = re.compile(r"(?:芯片|晶片|加速卡|算力卡|显卡|处理器|系列|平台|产品|chips?|gpus?|accelerators?|"
                                  r"series|platform|processors?|s)$")


class Score(BaseModel):
    """Counts for one slice of the gold (a script, a family, or everything) and the scores they give."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


class Miss(BaseModel):
    """One scoring mistake, for a person tuning the extractor: what was expected or proposed, and where."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article: str
    kind: str  # 'missed' (false negative), 'wrong' (false positive), 'unstated' (a non-stated statement claimed)
    subject: str
    family: RelFamily
    object: str
    evidence: str | None = None
    rule: str | None = None


class CorpusReport(BaseModel):
    """Scores on one corpus (the seed articles, the development set, the held-out set)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    corpus: str
    articles: int
    per_script: tuple[Score, ...]
    per_family: tuple[Score, ...]
    overall: Score
    unstated_claimed: int = 0  # non-stated statements proposed as stated (counted among false positives)
    unstated_kept: int = 0  # non-stated statements proposed with a status (not counted)
    misses: tuple[Miss, ...] = ()


class EvalReport(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    corpora: tuple[CorpusReport, ...]


@dataclass(frozen=True)
class GoldStatement:
    """One gold statement: its parties (catalog ids or names as written), its type, whether it is stated, and the
    quote that states it (shown beside a missed fact, so whoever tunes the extractor sees the sentence)."""

    subject: str
    type: RelType
    object: str
    stated: bool = True
    quote: str | None = None


@dataclass(frozen=True)
class ScoredArticle:
    """An article to run the extractor on, its script ('Hans', 'Hant', 'Latn') and its gold."""

    article: Article
    script: str
    gold: Sequence[GoldStatement] = field(default_factory=tuple)


_Item = tuple[str, RelFamily, str]


def party_key(name: str, index: AliasIndex) -> str:
    """How a party is compared: its catalog id when the name resolves, else the folded name without legal form."""
    folded = normalize_for_matching(name)
    bare = _LEGAL_FORM.sub("", folded).strip() or folded
    for written in (name, bare, _PRODUCT_DESCRIPTORS.sub("", bare).strip()):
        entity = index.lookup(written)
        if entity is not None:
            return entity.id
    mentions = index.find_mentions(bare)
    if mentions and sum(m.end - m.start for m in mentions) == len(bare.replace(" ", "")):
        # '亚马逊AWS' is AWS (a Chinese compound ends in its head); 'Memphis, Tennessee' is Memphis.
        return mentions[0 if ", " in bare else -1].entity_id
    place = index.lookup(mentions[0].entity_id) if mentions and mentions[0].start == 0 else None
    if place is not None and place.kind is EntityKind.PLACE and names_a_firm_after_its_place(bare[mentions[0].end:]) \
            and not names_its_city(bare):
        bare = bare[mentions[0].end:]  # '芜湖鸠兹智算科技' is 鸠兹智算科技, in Wuhu, as the extractor reads it
    # A new firm is compared by the short form the story goes on to call it, as the extractor follows it: 'Zola
    # Labs' is 'Zola', '曜思智能' is '曜思', whichever of the two a gold file or a candidate writes.
    short = english_short_form(bare) or chinese_short_form(bare)
    return "~" + (short if short and index.lookup(short) is None else bare)  # '杭州资本' is no '杭州


def _item(subject: str, rel_type: RelType, object_: str) -> _Item:
    family = REL_FAMILY[rel_type]
    if family in _SYMMETRIC and object_ < subject:
        subject, object_ = object_, subject
    return subject, family, object_


def _candidate_item(candidate: Candidate, index: AliasIndex) -> _Item:
    subject = party_key(candidate.subject_name, index) if candidate.subject_new else candidate.subject
    object_ = party_key(candidate.object_name, index) if candidate.object_new else candidate.object
    return _item(subject, candidate.type, object_)


def seed_articles(fact_base: FactBase, article_ids: Iterable[str] | None = None) -> list[ScoredArticle]:
    """The bundled articles with the curated facts that cite each as their gold."""
    gold: dict[str, list[GoldStatement]] = defaultdict(list)
    for relation in fact_base.graph.relations:
        stated = relation.status is None or str(relation.status) == "ended"
        for evidence in article_evidence(relation):
            gold[evidence.source_id].append(
                GoldStatement(relation.subject, relation.type, relation.object, stated, evidence.quote))
    ids = sorted(article_ids if article_ids is not None else fact_base.articles)
    return [ScoredArticle(fact_base.articles[i], fact_base.articles[i].script, gold.get(i, [])) for i in ids]


def corpus_articles(directory: Path) -> list[ScoredArticle]:
    """The articles of a gold corpus directory (`data/dev_corpus/dev`), read as `computekg ingest` reads them."""
    return [ScoredArticle(read_article_file(gold.article), gold.script,
                          [GoldStatement(f.subject, f.type, f.object, f.status in _STATED, f.quote)
                           for f in gold.facts])
            for gold in read_gold_corpus(directory)]


def _score(label: str, counts: Counter[str]) -> Score:
    return Score(label=label, true_positives=counts["tp"], false_positives=counts["fp"],
                 false_negatives=counts["fn"])


def evaluate(extractor: Extractor, articles: Sequence[ScoredArticle], index: AliasIndex, *,
             corpus: str = "seed", keep_misses: bool = False) -> CorpusReport:
    """Run `extractor` on each article and score its candidates against the article's gold."""
    by_script: dict[str, Counter[str]] = defaultdict(Counter)
    by_family: dict[str, Counter[str]] = defaultdict(Counter)
    unstated = Counter[str]()
    misses: list[Miss] = []
    for scored in articles:
        stated: set[_Item] = set()
        not_stated: set[_Item] = set()
        quotes: dict[_Item, str] = {}
        for statement in scored.gold:
            item = _item(party_key(statement.subject, index), statement.type, party_key(statement.object, index))
            (stated if statement.stated else not_stated).add(item)
            if statement.stated and statement.quote:
                quotes.setdefault(item, statement.quote)
        not_stated -= stated  # stated once, planned elsewhere: the stated reading counts
        proposed: dict[_Item, Candidate] = {}
        for candidate in extractor.extract(scored.article):
            item = _candidate_item(candidate, index)
            if item not in proposed or (proposed[item].status is not None and candidate.status is None):
                proposed[item] = candidate  # a claim counts as stated if any of its candidates states it
        for item, candidate in proposed.items():
            if item in stated:
                outcome = "tp"
            elif item in not_stated and candidate.status is not None:
                unstated["kept"] += 1
                continue
            else:
                outcome = "fp"
                unstated["claimed"] += item in not_stated
                if keep_misses:
                    misses.append(Miss(article=scored.article.id, kind="unstated" if item in not_stated else "wrong",
                                       subject=item[0], family=item[1], object=item[2],
                                       evidence=candidate.evidence, rule=candidate.rule))
            by_script[scored.script][outcome] += 1
            by_family[item[1]][outcome] += 1
        for item in stated - proposed.keys():
            by_script[scored.script]["fn"] += 1
            by_family[item[1]]["fn"] += 1
            if keep_misses:
                misses.append(Miss(article=scored.article.id, kind="missed", subject=item[0], family=item[1],
                                   object=item[2], evidence=quotes.get(item)))
    total = sum(by_script.values(), Counter[str]())
    return CorpusReport(
        corpus=corpus,
        articles=len(articles),
        per_script=tuple(_score(script, counts) for script, counts in sorted(by_script.items())),
        per_family=tuple(_score(str(family), counts) for family, counts in sorted(by_family.items())),
        overall=_score(_OVERALL, total),
        unstated_claimed=unstated["claimed"],
        unstated_kept=unstated["kept"],
        misses=tuple(misses),
    )
