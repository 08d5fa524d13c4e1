"""The aligned (normalized) text maps every character back to the original character it came from."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from computekg.loaders.ingest.aligned import _align_by_character, _carry_whole_text_steps, align
from computekg.loaders.normalize import normalize_for_matching, to_simplified

# Traditional, full-width, ligatures and units that expand, glosses, Latin, whitespace of every kind.
_ALPHABET = st.sampled_from(
    list("臺積電與輝達財經字節跳動ＡＢ１２ﬁß㎏½éAbcXYZ。，！ \t\n\u3000") + ["(cái)", "(LLM)", "(de)"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_offsets_point_back_into_the_original(text: str) -> None:
    aligned = align(text)
    assert len(aligned.origin) == len(aligned.text)
    assert list(aligned.origin) == sorted(aligned.origin)
    assert all(0 <= at < len(text) for at in aligned.origin)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_the_fast_path_equals_character_by_character_alignment(text: str) -> None:
    simplified = to_simplified(text)
    source = simplified if len(simplified) == len(text) else text
    assert align(text) == _carry_whole_text_steps(*_align_by_character(source), len(text))


def test_names_are_cut_from_the_original_script() -> None:
    text = "據報道，字節跳動向輝(huī)達採購了晶片"
    aligned = align(text)
    assert aligned.text == normalize_for_matching(text)
    start = aligned.text.index("字节跳动")
    begin, end = aligned.original_span(start, start + 4)
    assert text[begin:end] == "字節跳動"
