"""Sentences are spans of the body: their text is always a verbatim substring at their offsets."""

from __future__ import annotations

from computekg.loaders.ingest.sentences import split_sentences


def test_chinese_sentences_end_at_full_stops_and_keep_closing_quotes() -> None:
    text = "他说:“我们订购了A100。”随后离开!价格呢?分两批;第一批已到\n新段落"
    assert [s.text for s in split_sentences(text)] == [
        "他说:“我们订购了A100。”", "随后离开!", "价格呢?", "分两批;", "第一批已到", "新段落"]


def test_english_abbreviations_and_decimals_do_not_end_sentences() -> None:
    text = "Acme Inc. paid U.S. $3.5 billion to Nvidia Corp. in Jan. 2024. Dr. Su disagreed. The deal closed."
    assert [s.text for s in split_sentences(text)] == [
        "Acme Inc. paid U.S. $3.5 billion to Nvidia Corp. in Jan. 2024.", "Dr. Su disagreed.", "The deal closed."]


def test_an_initial_continues_a_sentence_but_a_lettered_round_ends_one() -> None:
    text = "Norrfell led its Series B. Maren K. Holt chairs the board. It sells Class A. Shares rose."
    assert [s.text for s in split_sentences(text)] == [
        "Norrfell led its Series B.", "Maren K. Holt chairs the board.", "It sells Class A.", "Shares rose."]


def test_offsets_point_at_the_sentence_text() -> None:
    text = "  第一句。\n\n  Second one here.  第三句!"
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_punctuation_only_is_not_a_sentence() -> None:
    assert split_sentences("。。!!\n\n") == []
