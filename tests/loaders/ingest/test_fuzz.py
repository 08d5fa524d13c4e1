"""Whatever bytes arrive, the ingester never crashes: an article with verbatim evidence, or a reason why not."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_samples import ENGLISH, SIMPLIFIED, TRADITIONAL

from computekg.loaders.ingest.extractor import OfflineExtractor
from computekg.loaders.ingest.pipeline import ingest_file
from computekg.loaders.ingest.reading import UnreadableArticle, article_from_bytes

_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_NEWS_TEXT = st.text(
    alphabet=st.sampled_from([*"英伟达字节跳动台积电向订购了万块亿美元的。,!?", *"H100A800L2T4 \n\t.Inc",
                              "\u3000", "“", "”"]),
    max_size=400,
)


def _check(data: bytes, name: str, extractor: OfflineExtractor) -> None:
    try:
        article = article_from_bytes(data, name)
    except UnreadableArticle as error:
        assert error.reason
        return
    for candidate in extractor.extract(article):
        assert candidate.start is not None and candidate.end is not None
        assert article.body[candidate.start:candidate.end] == candidate.evidence


@_FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".md"]))
def test_random_bytes_never_crash(extractor: OfflineExtractor, data: bytes, suffix: str) -> None:
    _check(data, f"random{suffix}", extractor)


@_FUZZ
@given(text=st.one_of(st.text(max_size=600), _NEWS_TEXT),
       encoding=st.sampled_from(["utf-8", "gb18030", "gbk", "big5", "utf-16", "utf-8-sig"]),
       suffix=st.sampled_from([".txt", ".html", ".md"]))
def test_random_text_in_random_encodings_never_crashes(extractor: OfflineExtractor, text: str, encoding: str,
                                                       suffix: str) -> None:
    _check(text.encode(encoding, errors="ignore"), f"text{suffix}", extractor)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(piece=st.sampled_from([ENGLISH, SIMPLIFIED, TRADITIONAL]), repeat=st.integers(min_value=20, max_value=60),
       encoding=st.sampled_from(["utf-8", "gb18030", "big5"]))
def test_very_long_lines_never_crash(extractor: OfflineExtractor, piece: str, repeat: int, encoding: str) -> None:
    line = piece.replace("\n", " ") * repeat
    _check(line.encode(encoding, errors="ignore"), "long.txt", extractor)


def test_unreadable_files_are_skipped_and_the_others_processed(tmp_path: Path,
                                                                 extractor: OfflineExtractor) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "good.txt").write_text(TRADITIONAL, encoding="utf-8")
    ingested, skipped = [], []
    for path in [tmp_path / "empty.txt", tmp_path / "missing.txt", tmp_path / "binary.txt", tmp_path / "good.txt"]:
        try:
            ingested.append(ingest_file(path, extractor))
        except UnreadableArticle as error:
            skipped.append(error.path.name)
    assert skipped == ["empty.txt", "missing.txt", "binary.txt"]
    assert [item.path.name for item in ingested] == ["good.txt"] and ingested[0].candidates
