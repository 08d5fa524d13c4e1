"""The policy-name scans (`NameCues.zh_policy_matches`, `en_policy_matches`) find exactly what `finditer` of
the patterns finds: the same matches, groups and order, on generated texts and on every bundled article."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from computekg.loaders.bundle import bundled_data_dir
from computekg.loaders.ingest.aligned import align
from computekg.loaders.ingest.cues import (
    CueLexiconError,
    NameCues,
    _matches_before_words,
    default_name_cues,
    read_lexicon,
)
from computekg.loaders.ingest.reading import UnreadableArticle, read_article_file

_CUES = default_name_cues()
_WORDS = read_lexicon().names
_ZH_ENDINGS = _WORDS.zh_policy_endings
_EN_ENDINGS = _WORDS.en_policy_endings

_Scan = Callable[[str], Iterator[re.Match[str]]]


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(match.span(group) for group in range(match.re.groups + 1)) for match in matches]


def _assert_same(pattern: re.Pattern[str], scan: _Scan, text: str) -> None:
    assert _spans(scan(text)) == _spans(pattern.finditer(text)), text


def _assert_both_same(text: str) -> None:
    _assert_same(_CUES.zh_policy, _CUES.zh_policy_matches, text)
    _assert_same(_CUES.en_policy, _CUES.en_policy_matches, text)


# Whole ending words, their pieces ('出口', '管制', '清单' alone), Han characters (one outside the BMP, as OpenCC
# makes them), quotes, marks and line breaks: long Han runs test how far before an ending a match may start.
_ZH_TOKENS = [
    *_ZH_ENDINGS, *{ending[:cut] for ending in _ZH_ENDINGS for cut in range(1, len(ending))},
    *{ending[cut:] for ending in _ZH_ENDINGS for cut in range(1, len(ending))},
    *"美国商务部发布对华新的半导体芯片", "\U0002cb4e", *"「」“”\"『』", *",。、;: \n", "ab", "H20",
]
_EN_TOKENS = [
    *_EN_ENDINGS, *(" " + ending for ending in _EN_ENDINGS), "s", "the ", "its ", "a ", "US ", "U.S. ", "EU ",
    "Dutch ", "American ", "Commerce ", "Biden ", "AI Diffusion ", "AI diffusion ", "AI ", "January ", "December 2, ",
    "2024 ", "12", ",", ".", "export ", "chip ", "technology ", "trade ", " ", "\n", "border", "Urban", "中", "禁令",
    "x", "X",
]


def _texts(tokens: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(tokens), max_size=120).map("".join)


# A name near the longest a policy name may be (14 characters), maybe quoted, before an ending.
_HAN_RUN = st.lists(st.sampled_from([*"美国商务部发布对华新的半导体芯片出口管制", "\U0002cb4e"]),
                    min_size=11, max_size=17)
_ZH_NAME = st.tuples(st.sampled_from(["", *"「“\""]), _HAN_RUN.map("".join), st.sampled_from(_ZH_ENDINGS),
                     st.sampled_from(["", *"」”\""])).map("".join)
_ZH_NAMES = st.lists(st.one_of(_ZH_NAME, st.sampled_from(_ZH_TOKENS)), max_size=12).map("".join)


@settings(max_examples=800)
@given(text=st.one_of(_texts(_ZH_TOKENS), _ZH_NAMES))
def test_zh_scan_matches_finditer_on_generated_text(text: str) -> None:
    _assert_same(_CUES.zh_policy, _CUES.zh_policy_matches, text)


# Endings inside others, not only at their end ('管制' in '出口管制新规'): a word found later may start earlier.
_NESTED_ENDINGS = ("出口管制新规", "管制", "新规", "实体清单", "体清")
_NESTED = NameCues(_WORDS.model_copy(update={"zh_policy_endings": _NESTED_ENDINGS}))


@settings(max_examples=300)
@given(text=st.lists(st.one_of(st.sampled_from([*_NESTED_ENDINGS, *_ZH_TOKENS]), _HAN_RUN.map("".join)),
                     max_size=12).map("".join))
def test_zh_scan_matches_finditer_with_nested_endings(text: str) -> None:
    _assert_same(_NESTED.zh_policy, _NESTED.zh_policy_matches, text)


@settings(max_examples=800)
@given(text=_texts(_EN_TOKENS))
def test_en_scan_matches_finditer_on_generated_text(text: str) -> None:
    _assert_same(_CUES.en_policy, _CUES.en_policy_matches, text)


@settings(max_examples=300)
@given(text=_texts(_ZH_TOKENS + _EN_TOKENS))
def test_both_scans_match_finditer_on_mixed_text(text: str) -> None:
    _assert_both_same(text)


@settings(max_examples=300)
@given(text=st.text(max_size=300))
def test_both_scans_match_finditer_on_any_text(text: str) -> None:
    _assert_both_same(text)


def _corpus_files() -> list[Path]:
    data = bundled_data_dir()
    files = sorted([*(data / "articles").glob("*.txt"), *(data / "dev_corpus" / "dev").iterdir()])
    assert len(files) > 40
    return files


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda path: path.name)
def test_scans_match_finditer_on_corpus_files(path: Path) -> None:
    """Raw, as read (the body English names are read from) and normalized (where Chinese names are read)."""
    _assert_both_same(path.read_text(encoding="utf-8", errors="replace"))
    try:
        article = read_article_file(path)
    except UnreadableArticle:
        return  # a gold file: its raw text was compared
    _assert_both_same(article.body)
    _assert_both_same(align(article.body).text)


def test_scans_match_finditer_on_the_whole_corpus_at_once() -> None:
    _assert_both_same("\n".join(path.read_text(encoding="utf-8", errors="replace") for path in _corpus_files()))


def test_the_comparison_would_see_a_scan_that_starts_too_late() -> None:
    """A quoted name of the longest length starts 15 characters before its ending: a reach of 14 misses the quote."""
    text = "“" + "美国商务部发布新的半导体芯片" + _ZH_ENDINGS[0] + "”"  # 14 characters before the ending
    short = _matches_before_words(_CUES.zh_policy, _ZH_ENDINGS, reach=14)
    assert _spans(short(text)) != _spans(_CUES.zh_policy.finditer(text))
    _assert_same(_CUES.zh_policy, _CUES.zh_policy_matches, text)


@pytest.mark.parametrize("field", ["zh_policy_endings", "en_policy_endings"])
@pytest.mark.parametrize("endings", [(), ("",)])
def test_empty_ending_words_are_refused(field: str, endings: tuple[str, ...]) -> None:
    with pytest.raises(CueLexiconError, match="policy endings"):
        NameCues(_WORDS.model_copy(update={field: endings}))
