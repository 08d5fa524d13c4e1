"""The cue lexicon is data: it loads, and a malformed rule is rejected with its id."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from computekg.loaders.ingest.cues import CueLexiconError, compile_lexicon, default_lexicon, read_lexicon


def test_bundled_lexicon_covers_every_cued_type() -> None:
    from computekg.graph.schema import RelType

    emitted = {e.type for rule in default_lexicon().rules for e in rule.emissions}
    assert emitted >= set(RelType)


def test_rules_name_no_catalog_entity() -> None:
    """Rules are generic: no entity name or alias of the catalog appears in a pattern."""
    import re

    from computekg.loaders.bundle import read_fact_base
    from computekg.loaders.normalize import normalize_for_matching

    names = {normalize_for_matching(n) for e in read_fact_base().entities for n in e.all_names() if len(n) > 3}
    names -= {"cloud", "compute", "gpus"}  # generic words some products are also called
    # A Latin name counts as a whole word ('accel' the fund is not in 'accelerator'); a Chinese one anywhere.
    found = [(n, re.compile(rf"(?<![a-z]){re.escape(n)}(?![a-z])") if n.isascii() else None) for n in names]
    for rule in read_lexicon().rules:
        pattern = rule.pattern.lower()
        assert not [n for n, word in found if (word.search(pattern) if word else n in pattern)], rule.id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pattern": "(?P<s>{ORG}){nosuch}(?P<o>{ORG})"}, "unknown macro"),
        ({"pattern": "(?P<s>{ORG})合作"}, "lacks"),
        ({"pattern": "(?P<s>{ORG}(?P<o>{ORG})"}, "invalid pattern"),
        ({"emit": ["OWNS s o"]}, "TYPE subject-group object-group"),
    ],
)
def test_malformed_rules_are_named(tmp_path: Path, change: dict[str, object], message: str) -> None:
    data = yaml.safe_load(read_lexicon.__globals__["resources"].files("computekg.loaders.ingest")
                          .joinpath("cues.yaml").read_text(encoding="utf-8"))
    data["rules"] = [{"id": "broken", "emit": ["PARTNERS_WITH s o"], "confidence": 0.5, "pattern": ""} | change]
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CueLexiconError, match=message):
        compile_lexicon(read_lexicon(path))


def test_two_rules_of_one_id_are_refused(tmp_path: Path) -> None:
    """A candidate's provenance names the rule that read it; two rules of one id would hide which one did."""
    data = yaml.safe_load(read_lexicon.__globals__["resources"].files("computekg.loaders.ingest")
                          .joinpath("cues.yaml").read_text(encoding="utf-8"))
    data["rules"] = [{"id": "twice", "emit": ["PARTNERS_WITH s o"], "confidence": 0.5,
                      "pattern": f"(?P<s>{{ORG}}){verb}(?P<o>{{ORG}})"} for verb in ("合作", "联手")]
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CueLexiconError, match="rule twice: two rules have this id"):
        compile_lexicon(read_lexicon(path))
