"""Small articles with known facts, in English, Traditional and Simplified Chinese and HTML, give those facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from computekg.graph.model import Currency
from computekg.graph.schema import RelType
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.extractor import OfflineExtractor
from computekg.loaders.ingest.pipeline import IngestedArticle, ingest_file, ingest_files
from computekg.loaders.ingest.reading import UnreadableArticle

S, P, M, V, L, INV, R, T = (RelType.SUPPLIES, RelType.PURCHASED, RelType.MANUFACTURES, RelType.VARIANT_OF,
                          RelType.LEADS, RelType.INVESTS_IN, RelType.PROVIDES_COMPUTE_TO, RelType.TRAINED_ON)

EXPECTED = {
    "english": {
        ("nvidia", S, "Acme Compute Inc."), ("nvidia-h20", V, "nvidia-h100"), ("jensen-huang", L, "nvidia"),
        ("microsoft", INV, "openai"), ("tsmc", M, "microsoft-athena"), ("volcano-engine", R, "baidu"),
        ("gpt-4", T, "nvidia-a100"), ("tencent", RelType.PARTNERS_WITH, "cambricon"),
    },
    "traditional": {
        ("nvidia", S, "bytedance"), ("nvidia", RelType.DESIGNS, "nvidia-h20"), ("nvidia-h20", V, "nvidia-h100"),
        ("tsmc", M, "nvidia-a800"), ("daniel-zhang", L, "alibaba"), ("tencent", RelType.PARTNERS_WITH, "baidu"),
        ("meituan", P, "nvidia-a800"),
    },
    "simplified": {
        ("alibaba-cloud", R, "baidu"), ("cambricon", S, "baidu"), ("深算科技", P, "nvidia-a100"),
    },
    "html": {
        ("nvidia", RelType.DESIGNS, "nvidia-h20"), ("nvidia-h20", V, "nvidia-h100"), ("nvidia", S, "bytedance"),
    },
}


def _candidates(files: dict[str, Path], key: str, extractor: OfflineExtractor) -> tuple[str, list[Candidate]]:
    ingested = ingest_file(files[key], extractor)
    return ingested.article.body, ingested.candidates


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_known_facts_are_found_with_their_direction(article_files: dict[str, Path], extractor: OfflineExtractor,
                                                    key: str) -> None:
    _, candidates = _candidates(article_files, key, extractor)
    assert EXPECTED[key] <= {c.triple for c in candidates}


@pytest.mark.parametrize("key", ["big5", "gbk"])
def test_legacy_encodings_give_the_same_facts(article_files: dict[str, Path], extractor: OfflineExtractor,
                                              key: str) -> None:
    utf8 = "traditional" if key == "big5" else "simplified"
    assert ({c.triple for c in _candidates(article_files, key, extractor)[1]}
            == {c.triple for c in _candidates(article_files, utf8, extractor)[1]})


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_evidence_is_a_verbatim_sentence_of_the_article(article_files: dict[str, Path], extractor: OfflineExtractor,
                                                        key: str) -> None:
    body, candidates = _candidates(article_files, key, extractor)
    for candidate in candidates:
        assert candidate.start is not None and candidate.end is not None
        assert body[candidate.start:candidate.end] == candidate.evidence
        assert candidate.rule and 0 < candidate.confidence <= 1
        assert candidate.to_fact_record("x-1").quote == candidate.evidence


def _one(candidates: list[Candidate], triple: tuple[str, RelType, str]) -> Candidate:
    (found,) = [c for c in candidates if c.triple == triple]
    return found


def test_english_order_carries_quantity_money_date_and_product(article_files: dict[str, Path],
                                                              extractor: OfflineExtractor) -> None:
    _, candidates = _candidates(article_files, "english", extractor)
    order = _one(candidates, ("nvidia", S, "Acme Compute Inc."))
    assert order.object_new and not order.subject_new
    assert order.object_name == "Acme Compute Inc." and order.subject_name == "Nvidia"
    assert order.product == "nvidia-h100"
    assert order.quantity is not None and order.quantity.value == 10_000
    assert order.amount is not None and (order.amount.value, order.amount.currency) == (4e8, Currency.USD)
    assert order.date == "2024-03"
    investment = _one(candidates, ("microsoft", INV, "openai"))
    assert investment.amount is not None and investment.amount.value == 1e10
    assert investment.date == "2023"  # 'last year' against the article date 2024-03-05


def test_traditional_order_reads_chinese_numbers_and_relative_dates(article_files: dict[str, Path],
                                                                   extractor: OfflineExtractor) -> None:
    _, candidates = _candidates(article_files, "traditional", extractor)
    order = _one(candidates, ("nvidia", S, "bytedance"))
    assert order.subject_name == "英偉達" and order.object_name == "字節跳動"
    assert order.amount is not None and (order.amount.value, order.amount.currency) == (1e9, Currency.USD)
    assert order.amount.approximate  # 超過
    assert order.date == "2023"  # 今年, article dated 2023-07-04
    purchase = _one(candidates, ("meituan", P, "nvidia-a800"))
    assert purchase.quantity is not None and (purchase.quantity.value, purchase.quantity.unit) == (10_000, "块")


def test_candidates_respect_endpoint_kinds(article_files: dict[str, Path], extractor: OfflineExtractor) -> None:
    from computekg.graph.schema import ENDPOINT_KINDS

    for key in EXPECTED:
        for candidate in _candidates(article_files, key, extractor)[1]:
            subject_kinds, object_kinds = ENDPOINT_KINDS[candidate.type]
            assert candidate.subject_kind in subject_kinds and candidate.object_kind in object_kinds


@pytest.mark.parametrize(
    ("sentence", "triple"),
    [
        ("百度向英伟达订购了一批H800。", ("nvidia", S, "baidu")),
        ("这些芯片由台积电代工。A100由台积电代工生产。", ("tsmc", M, "nvidia-a100")),
        ("腾讯从火山引擎租用GPU。", ("volcano-engine", R, "tencent")),
        ("Nvidia supplies Baidu with H20 chips.", ("nvidia", S, "baidu")),
        ("Anthropic raised $4 billion led by Amazon.", ("amazon", INV, "anthropic")),
    ],
)
def test_direction_follows_the_syntax(extractor: OfflineExtractor, sentence: str,
                                      triple: tuple[str, RelType, str]) -> None:
    from computekg.loaders.article import Article

    candidates = extractor.extract(Article(id="t", title="t", body=sentence))
    assert triple in {c.triple for c in candidates}
    assert (triple[2], triple[1], triple[0]) not in {c.triple for c in candidates}


@pytest.mark.parametrize(
    "sentence",
    ["百度没有向英伟达订购H800。", "如果用A100来训练GPT-3,需要很久。", "Baidu did not buy H100 chips from Nvidia."],
)
def test_negated_or_hypothetical_statements_give_nothing(extractor: OfflineExtractor, sentence: str) -> None:
    from computekg.loaders.article import Article

    assert extractor.extract(Article(id="t", title="t", body=sentence)) == []


def test_worker_processes_give_the_same_candidates_in_order(article_files: dict[str, Path],
                                                            extractor: OfflineExtractor, tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02" * 100)  # binary, not an article
    paths = [*article_files.values(), broken]
    alone = list(ingest_files(paths, extractor, jobs=1))
    shared = list(ingest_files(paths, extractor, jobs=2))
    assert [type(r) for r in shared] == [type(r) for r in alone]
    assert isinstance(shared[-1], UnreadableArticle) and shared[-1].path == broken  # sent back from a worker
    assert [r.candidates for r in shared if isinstance(r, IngestedArticle)] == \
        [r.candidates for r in alone if isinstance(r, IngestedArticle)]
