"""Trigger strings: every match of a rule contains one string of each trigger set, so skipping rules is exact."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from computekg.loaders.bundle import FactBase, bundled_data_dir, read_articles
from computekg.loaders.ingest.aligned import align
from computekg.loaders.ingest.cues import default_lexicon
from computekg.loaders.ingest.extractor import OfflineExtractor, _group_by_sentence
from computekg.loaders.ingest.linking import link_entities
from computekg.loaders.ingest.pattern_literals import gated_finditer, required_literals
from computekg.loaders.ingest.relations import SentenceContext, sentence_candidates
from computekg.loaders.ingest.sentences import split_sentences


@pytest.mark.parametrize(("pattern", "expected"), [
    ("(?:订购|采购)了", ({"订购了", "采购了"},)),
    # Adjacent certain characters join a trigger, placeholder brackets included.
    (r"⟦O\d+⟧.{0,5}(?:向|从)⟦O\d+⟧(?:采购|订购)", ({"向⟦O", "从⟦O"}, {"⟧采购", "⟧订购"})),
    ("买(?![卖家方])入", ({"买入"},)),  # a lookahead consumes nothing: its neighbours stay adjacent
    ("a|b", ({"a", "b"},)),
    ("x*y?", ()),  # nothing is certain
    ("(?:a|.)z", ({"z"},)),  # one branch guarantees nothing, the 'z' after it is still certain
    ("(?i)abc", ()),  # case-insensitive: plain strings would miss 'ABC'
    ("x(?i:ab)c", ({"x"}, {"c"})),  # so is a group that turns case off: only what stands outside it is certain
    (r"⟦O\d+⟧", ()),  # placeholder characters are everywhere: no use as triggers
])
def test_required_literals(pattern: str, expected: tuple[set[str], ...]) -> None:
    assert required_literals(pattern, weak="⟦⟧O0123456789") == tuple(frozenset(s) for s in expected)


@pytest.mark.parametrize("text", ["", "Santa Clara-based Intel", "采购", "the San Jose, California-based cloud",
                                  "Lambda, a GPU Cloud", "x-BASED"])
def test_gated_finditer_finds_what_finditer_finds(text: str) -> None:
    for pattern in (r"((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+(?:, [A-Z][a-z]+)?)-based", r"[A-Z]\w+, an? (?i:gpu cloud)"):
        compiled = re.compile(pattern)
        found = [m.span() for m in gated_finditer(compiled)(text)]
        assert found == [m.span() for m in compiled.finditer(text)]


_PIECES = st.sampled_from(["采购", "订购", "向", "从", "了", "⟦O1⟧", "⟦P2⟧", "x", "ab", " ", "买", "入", "卖"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_every_match_holds_a_trigger_of_each_set(text: str) -> None:
    for rule in default_lexicon().rules:
        for match in rule.regex.finditer(text):
            for strings in rule.triggers:
                assert any(s in match.group() for s in strings), (rule.rule.id, match.group(), strings)


def test_rules_for_never_drops_a_rule_that_matches() -> None:
    lexicon = default_lexicon()
    text = "⟦O0⟧向⟦O1⟧采购了⟦P2⟧,⟦O3⟧的⟦P4⟧由⟦O5⟧代工"
    matching = [rule.rule.id for rule in lexicon.rules if rule.regex.search(text)]
    chosen = [rule.rule.id for rule in lexicon.rules_for(text)]
    assert matching and set(matching) <= set(chosen)
    assert len(chosen) < len(lexicon.rules)  # and the English rules, among others, are skipped


def test_extraction_with_triggers_equals_trying_every_rule(fact_base: FactBase,
                                                           extractor: OfflineExtractor) -> None:
    """On the five bundled articles, the extractor finds exactly what running all 120-odd rules finds."""
    lexicon = default_lexicon()
    entities = {e.id: e for e in fact_base.entities}
    for article in read_articles(bundled_data_dir() / "articles").values():
        aligned = align(article.body)
        mentions = link_entities(aligned, article.body, fact_base.aliases, entities)
        context = SentenceContext(article.id, article.date, aligned)
        for sentence, inside in _group_by_sentence(split_sentences(article.body), mentions):
            every_rule = sentence_candidates(sentence, inside, context, lexicon, lexicon.rules)
            assert sentence_candidates(sentence, inside, context, lexicon) == every_rule, sentence.text
