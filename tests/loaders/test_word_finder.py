"""The one-pass word checks that let the cleaner and the name finder skip most pages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from computekg.loaders import cleaner
from computekg.loaders.word_finder import WordFinder


def test_overlapping_occurrences_all_count() -> None:
    finder = WordFinder(["国产精品", "精品视频"])
    assert finder.count("国产精品视频", up_to=10) == 2
    assert finder.count("国产精品视频", up_to=1) == 1
    assert not finder.any_in("新闻")


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from([*cleaner._SPAM_WORD_LIST, "AV", "Av", "aV", "新闻", "x", " "]), max_size=12))
def test_a_page_cleared_of_spam_has_no_spam_line(words: list[str]) -> None:
    line = "".join(words)
    if cleaner._is_spam(line):
        assert cleaner._may_hold_spam(line)
