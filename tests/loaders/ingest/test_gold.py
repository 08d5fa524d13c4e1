"""The evaluation corpus agrees with itself and a broken gold file is reported by file, line and field."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from computekg.graph.schema import RelType
from computekg.loaders.errors import FactBaseError
from computekg.loaders.ingest.gold import GoldArticle, GoldStatus, read_gold_corpus
from computekg.loaders.ingest.reading import read_article_file
from computekg.loaders.normalize import normalize_for_matching

CORPUS = Path(__file__).resolve().parents[3] / "data" / "dev_corpus"
# Articles per script each split holds: 33 a script to develop on, 11 held out.
SPLIT_SIZES = {"dev": 51, "test": 20}


@pytest.fixture(scope="module", params=sorted(SPLIT_SIZES))
def split(request: pytest.FixtureRequest) -> tuple[str, list[GoldArticle]]:
    return request.param, read_gold_corpus(CORPUS / request.param)


def test_every_article_of_a_split_is_read_with_its_gold(split: tuple[str, list[GoldArticle]]) -> None:
    name, corpus = split
    gold_stems = {path.name.removesuffix(".gold.yaml") for path in (CORPUS / name).glob("*.gold.yaml")}
    others = {path.stem for path in (CORPUS / name).iterdir() if not path.name.endswith(".gold.yaml")}
    assert gold_stems == others
    assert {gold.article.stem for gold in corpus} == gold_stems
    assert all(gold.gold.name == f"{gold.article.stem}.gold.yaml" for gold in corpus)


def test_each_split_covers_the_three_scripts(split: tuple[str, list[GoldArticle]]) -> None:
    name, corpus = split
    per_script = Counter(gold.script for gold in corpus)
    assert set(per_script) == {"Hans", "Hant", "Latn"}
    assert min(per_script.values()) >= SPLIT_SIZES[name]


def test_the_corpus_holds_enough_facts_and_every_kind_of_non_fact() -> None:
    facts = [fact for name in SPLIT_SIZES for gold in read_gold_corpus(CORPUS / name) for fact in gold.facts]
    assert len(facts) >= 300
    assert {fact.status for fact in facts} == set(GoldStatus) | {None}


def test_no_held_out_paragraph_is_in_a_development_article() -> None:
    """A held-out score means nothing if test text was also developed on."""
    def bodies(name: str) -> list[str]:
        articles = read_gold_corpus(CORPUS / name)
        return [normalize_for_matching(read_article_file(gold.article).body) for gold in articles]

    dev = "\n".join(bodies("dev"))
    shared = [paragraph for body in bodies("test") for paragraph in body.split("\n\n")
              if len(paragraph) >= 20 and paragraph in dev]
    assert shared == []


def test_quotes_and_names_occur_as_the_project_reads_the_article(split: tuple[str, list[GoldArticle]]) -> None:
    """Checked here again from the outside: the reader's own check could be switched off by mistake."""
    for gold in split[1]:
        article = read_article_file(gold.article)
        assert article.script == gold.script, gold.article
        body = normalize_for_matching(article.body)
        for fact in gold.facts:
            quote = normalize_for_matching(fact.quote)
            assert quote in body, (gold.gold, fact.quote)
            assert normalize_for_matching(fact.subject) in quote, (gold.gold, fact.subject)
            assert normalize_for_matching(fact.object) in quote, (gold.gold, fact.object)


ARTICLE = """\
Lumen Cloud rents out GPUs

Lumen Cloud said on Monday it will provide H200 capacity to Orchard Labs under a three-year contract.

Orchard Labs has not ordered any B200 chips, a spokesperson said.
"""

GOLD = """\
script: Latn
published: 2025-03-04
facts:
  - subject: Lumen Cloud
    type: PROVIDES_COMPUTE_TO
    object: Orchard Labs
    quote: Lumen Cloud said on Monday it will provide H200 capacity to Orchard Labs
    status: planned
    product: H200
  - subject: Orchard Labs
    type: PURCHASED
    object: B200
    quote: Orchard Labs has not ordered any B200 chips
    status: negated
    date: 2025
"""


def _write(directory: Path, gold: str = GOLD, article: str = ARTICLE) -> Path:
    directory.mkdir(exist_ok=True)
    (directory / "lumen.txt").write_text(article, encoding="utf-8")
    path = directory / "lumen.gold.yaml"
    path.write_text(gold, encoding="utf-8")
    return path


def _line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_a_valid_gold_file_is_read_with_dates_as_text(tmp_path: Path) -> None:
    _write(tmp_path)
    (gold,) = read_gold_corpus(tmp_path)
    assert gold.article == tmp_path / "lumen.txt"
    assert gold.published == "2025-03-04"
    assert [(f.subject, f.type, f.object, f.status, f.date) for f in gold.facts] == [
        ("Lumen Cloud", RelType.PROVIDES_COMPUTE_TO, "Orchard Labs", GoldStatus.PLANNED, None),
        ("Orchard Labs", RelType.PURCHASED, "B200", GoldStatus.NEGATED, "2025"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("type: PURCHASED", "type: BOUGHT", "type"),
        ("status: negated", "status: unlikely", "status"),
        ("object: B200", "object: B300", "object"),
        ("subject: Lumen Cloud", "subject: Lumen Compute", "subject"),
        ("quote: Orchard Labs has not", "quote: Orchard Labs has never", "quote"),
        ("    date: 2025", "    date: 2025-13", "date"),
        ("    date: 2025", "    colour: red", "colour"),
        ("    status: negated", "    product: B200", "product"),
        ("script: Latn", "script: Hant", "script"),
    ],
)
def test_a_broken_gold_file_names_file_line_and_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    broken = GOLD.replace(old, new)
    assert broken != GOLD
    path = _write(tmp_path, broken)
    with pytest.raises(FactBaseError) as raised:
        read_gold_corpus(tmp_path)
    (problem,) = raised.value.problems
    assert (problem.path, problem.field) == (path, field)
    expected_line = _line_of(broken, new.strip())
    assert problem.line == expected_line
    assert f"{path}:{expected_line} [{field}]" in str(raised.value)


def test_a_gold_file_without_its_article_and_an_article_without_gold_are_both_reported(tmp_path: Path) -> None:
    gold_path = _write(tmp_path)
    (tmp_path / "lumen.txt").rename(tmp_path / "orphan.txt")
    with pytest.raises(FactBaseError) as raised:
        read_gold_corpus(tmp_path)
    assert sorted(str(p.path.name) for p in raised.value.problems) == ["lumen.gold.yaml", "orphan.txt"]
    assert any(p.path == gold_path and "no article" in p.message for p in raised.value.problems)


def test_invalid_yaml_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOLD.replace("    type: PURCHASED", "    type: [PURCHASED"))
    with pytest.raises(FactBaseError, match=rf"{path}:\d+: invalid YAML"):
        read_gold_corpus(tmp_path)


def test_a_fact_listed_twice_is_reported_even_with_another_quote(tmp_path: Path) -> None:
    first = GOLD.split("  - subject: Orchard Labs")[0].split("facts:\n")[1]
    again = first.replace("to Orchard Labs\n", "to Orchard Labs under a three-year contract\n")
    assert again != first
    path = _write(tmp_path, GOLD + again)
    with pytest.raises(FactBaseError, match=rf"{path}:\d+: the same fact twice"):
        read_gold_corpus(tmp_path)


def test_two_articles_of_one_name_are_reported(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "lumen.md").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(FactBaseError, match=r"lumen.txt: a second article named lumen"):
        read_gold_corpus(tmp_path)
