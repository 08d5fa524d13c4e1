"""Reading a catalog and fact files: precise errors for bad input, nothing half-read."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable
from pathlib import Path

import pytest
from small_fact_base import ARTICLE, CATALOG, FACTS, write_small_fact_base

from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Evidence
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.bundle import bundled_data_dir, read_fact_base
from computekg.loaders.errors import SHOWN_PROBLEMS, DataFileError, FactBaseError


def test_a_valid_fact_resolves_aliases_and_parses_amounts(tmp_path: Path) -> None:
    graph = read_fact_base(write_small_fact_base(tmp_path)).graph
    (relation,) = graph.relations
    assert (relation.subject, relation.object, relation.product) == ("nvidia", "bytedance", "nvidia-a800")
    assert relation.amount is not None and relation.amount.value == 1e9 and relation.amount.approximate
    (evidence,) = relation.evidence
    assert (evidence.source_id, evidence.date, evidence.fact_id) == ("900_test", "2023-07", "900-001")


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("subject: 英伟达", "subject: 英特尔", 4, "subject"),
        ("type: SUPPLIES", "type: SELLS", 5, "type"),
        ('quote: "字节今年向英伟达订购了超过10亿美元的GPU产品"',
         'quote: "字节今年向英伟达订购了超过20亿美元的GPU产品"', 10, "quote"),
        ("amount: 超过10亿美元", "amount: 很多钱", 8, "amount"),
        ("confidence: 0.9", "confidence: 1.5", 9, "confidence"),
        ("product: A800", "product: 字节", 7, "product"),
        ("    confidence: 0.9\n", "    confidence: 0.9\n    colour: green\n", 10, "colour"),
    ],
)
def test_a_bad_fact_names_file_line_and_field(tmp_path: Path, old: str, new: str, line: int, field: str) -> None:
    assert old in FACTS
    root = write_small_fact_base(tmp_path, facts=FACTS.replace(old, new))
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    (problem,) = caught.value.problems
    assert problem.path.name == "900_test.yaml"
    assert (problem.line, problem.field) == (line, field)
    assert f"900_test.yaml:{line} [{field}]" in str(caught.value)


def test_wrong_endpoint_kind_is_refused(tmp_path: Path) -> None:
    root = write_small_fact_base(tmp_path, facts=FACTS.replace("type: SUPPLIES", "type: VARIANT_OF"))
    with pytest.raises(FactBaseError, match=r"VARIANT_OF cannot start at a Organization"):
        read_fact_base(root)


def test_a_lone_surrogate_escape_in_a_fact_names_the_line_and_field(tmp_path: Path) -> None:
    """A note written "\\ud800" was accepted by the memory store and crashed the Neo4j load."""
    facts = FACTS.replace("    confidence: 0.9\n", '    confidence: 0.9\n    note: "half a pair \\ud800"\n')
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(write_small_fact_base(tmp_path, facts=facts))
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (10, "note")


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    root = write_small_fact_base(tmp_path, facts=FACTS + "  - id: [unclosed\n")
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    assert caught.value.problems[0].line == 12


@pytest.mark.parametrize(
    ("catalog", "field", "message"),
    [
        (CATALOG + "- id: nvidia\n  kind: Organization\n  name: Again\n", "id", "duplicate id"),
        (CATALOG.replace("aliases: [A800]", "aliases: [字节]"), "aliases", "claimed by"),
        (CATALOG.replace("kind: Product", "kind: Gadget"), "kind", "Input should be"),
        (CATALOG + "- id: volcano-engine\n  kind: Organization\n  name: Volcano Engine\n  parent: bytedanse\n",
         "parent", "unknown parent"),
        (CATALOG.replace("  roles: [internet_platform]", "  roles: [internet_platform]\n  parent: nvidia-a800"),
         "parent", "is not an Organization"),
        (CATALOG.replace("  product_kind: chip", "  product_kind: chip\n  maker: nvidia-a800"),
         "maker", "is not an Organization"),
        (CATALOG.replace("  product_kind: chip", "  product_kind: chip\n  family: nvidia-a800"),
         "family", "is not a family product"),
        (CATALOG.replace("  roles: [chip_designer]", "  roles: [chip_designer]\n  maker: bytedance"),
         "maker", "Organization entities have no maker"),
        (CATALOG.replace("  roles: [chip_designer]", "  roles: [chip_designer]\n  parent: bytedance")
         .replace("  roles: [internet_platform]", "  roles: [internet_platform]\n  parent: nvidia"),
         "parent", "comes back to it"),
        (CATALOG.replace("  product_kind: chip", "  product_kind: chip\n  tickers: [NVDA]"),
         "tickers.0", "String should match pattern"),
        (CATALOG.replace("  roles: [chip_designer]", "  roles: [chip_designer]\n  tickers: ['NASDAQ:NVDA']")
         .replace("  aliases: [字节, 字節]", "  aliases: [字节, 字節, NVDA-US]"),
         "aliases", "claimed by"),
    ],
)
def test_bad_catalog_entries_are_reported(tmp_path: Path, catalog: str, field: str, message: str) -> None:
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(write_small_fact_base(tmp_path, catalog=catalog))
    assert any(p.field == field and message in p.message and p.line for p in caught.value.problems)


def test_a_bad_file_loads_nothing_and_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = MemoryStore()
    store.load(read_fact_base(write_small_fact_base(tmp_path / "good")).graph, replace=True)
    before = store.snapshot()
    with pytest.raises(FactBaseError):
        bad = write_small_fact_base(tmp_path / "bad", facts=FACTS.replace("英伟达", "英特尔"))
        store.load(read_fact_base(bad).graph)
    assert store.snapshot() == before


def test_the_bundled_data_directory_is_complete(tmp_path: Path) -> None:
    """A copy of the bundled data reads the same as the original (nothing depends on the repo layout)."""
    copy = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), copy)
    assert read_fact_base(copy).graph == read_fact_base().graph


def test_the_error_message_is_readable(tmp_path: Path) -> None:
    root = write_small_fact_base(tmp_path, facts=FACTS.replace("英伟达", "英特尔"))
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    assert textwrap.dedent(str(caught.value)).startswith("1 problem(s) in the input; nothing was loaded:")


@pytest.mark.parametrize("folder", ["facts", "catalog"])
def test_brackets_nested_twenty_thousand_deep_are_an_error_naming_the_file(tmp_path: Path, folder: str) -> None:
    """PyYAML's constructor recurses once per level: such a file ended the command with a RecursionError."""
    root = write_small_fact_base(tmp_path)
    (bad,) = (root / folder).glob("*.yaml")
    bad.write_text("x: 1\ny: " + "[" * 20_000, encoding="utf-8")
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == (bad, 2)
    assert "nest" in problem.message  # libyaml's words ('exceeded maximum nesting depth') or ours


def test_an_article_header_nested_too_deep_is_an_error_naming_the_article(tmp_path: Path) -> None:
    root = write_small_fact_base(tmp_path)
    article = root / "articles" / "900_test.txt"
    article.write_text(ARTICLE.replace("script: Hans\n", "script: Hans\ntags: " + "{a: " * 20_000 + "\n"))
    with pytest.raises(DataFileError) as caught:
        read_fact_base(root)
    assert (caught.value.path, caught.value.line) == (article, 6)


def test_an_article_that_is_not_utf8_names_the_file_and_line(tmp_path: Path) -> None:
    root = write_small_fact_base(tmp_path)
    article = root / "articles" / "900_test.txt"
    article.write_bytes(ARTICLE.encode("utf-8") + "第二段。\n".encode("gbk"))
    with pytest.raises(DataFileError) as caught:
        read_fact_base(root)
    assert (caught.value.path, caught.value.line) == (article, 8)
    assert "not UTF-8" in caught.value.message


@pytest.mark.parametrize(
    ("where", "old", "new", "field"),
    [
        ("articles", "title: 测试", 'title: "half a pair \\ud800"', "title"),
        ("facts", "    confidence: 0.9\n", '    confidence: 0.9\n    note: "a tab\\x0bstop"\n', "note"),
        ("catalog", "name: ByteDance", 'name: "Byte\\x1fDance"', "name"),
        ("catalog", "name: ByteDance", 'name: "Byte\\0Dance"', "name"),
        ("catalog", "aliases: [字节, 字節]", 'aliases: [字节, "字\\x0c節"]', "aliases.1"),
        ("articles", "title: 测试", 'title: "测\\x08试"', "title"),
    ],
)
def test_characters_no_export_can_carry_are_refused_naming_the_field(
    tmp_path: Path, where: str, old: str, new: str, field: str
) -> None:
    """A lone surrogate broke the Neo4j load and control characters made GraphML, GEXF and SVG unreadable."""
    root = write_small_fact_base(tmp_path)
    (path,) = (root / where).iterdir()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises((FactBaseError, DataFileError)) as caught:
        read_fact_base(root)
    problems = caught.value.problems if isinstance(caught.value, FactBaseError) else [caught.value]
    (problem,) = problems
    assert problem.field == field and problem.line is not None
    assert "no export can carry" in problem.message


@pytest.mark.parametrize("quantity", ["'1" + "0" * 400 + "'", "1" + "0" * 400, ".inf", ".nan"])
def test_a_quantity_no_export_can_write_is_refused(tmp_path: Path, quantity: str) -> None:
    """A 400-digit count parsed to inf, which JSON, Cypher and RDF cannot write."""
    root = write_small_fact_base(tmp_path, facts=FACTS.replace("    confidence: 0.9\n",
                                                                f"    quantity: {quantity}\n    confidence: 0.9\n"))
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    (problem,) = caught.value.problems
    assert (problem.field, problem.line) == ("quantity", 9)


def _many_facts(count: int, subject: str) -> str:
    """FACTS with `count` more statements of the same fact, each with its own id; `{n}` in `subject` numbers it."""
    return FACTS + "".join(
        f'  - id: "many-{n}"\n    subject: "{subject.format(n=n)}"\n    type: SUPPLIES\n    object: 字節\n'
        f'    product: A800\n    amount: 超过10亿美元\n    confidence: 0.5\n'
        f'    quote: "字节今年向英伟达订购了超过10亿美元的GPU产品"\n'
        for n in range(count)
    )


def test_statements_of_one_fact_are_merged_in_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Merged two at a time, 8,000 statements of one fact took 87 s (the growing evidence rebuilt each time)."""
    from computekg.graph import subgraph_ops

    handled = []
    union = subgraph_ops._union_evidence

    def counting_union(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
        listed = list(items)
        handled.append(len(listed))
        return union(listed)

    monkeypatch.setattr(subgraph_ops, "_union_evidence", counting_union)
    count = 2_000
    (relation,) = read_fact_base(write_small_fact_base(tmp_path, facts=_many_facts(count, "英伟达"))).graph.relations
    assert len(relation.evidence) == count + 1
    assert sum(handled) == count + 1  # each statement's evidence looked at once (pair by pair: about 2 million)


def test_unknown_names_cost_candidates_only_for_the_problems_shown(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Each unknown name's candidates are a pass over every alias: 100,000 unknown subjects ran past 300 s."""
    asked = []
    candidates = AliasIndex.candidates

    def counting_candidates(self: AliasIndex, name: str, limit: int = 5) -> tuple[str, ...]:
        asked.append(name)
        return candidates(self, name, limit)

    monkeypatch.setattr(AliasIndex, "candidates", counting_candidates)
    count = 500
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(write_small_fact_base(tmp_path, facts=_many_facts(count, "nobody-{n}")))
    assert len(caught.value.problems) == count
    assert len(asked) == SHOWN_PROBLEMS
    assert str(caught.value).count("\n") == SHOWN_PROBLEMS + 1  # the heading, the problems shown, the rest counted
    assert str(caught.value).endswith(f"… and {count - SHOWN_PROBLEMS} more")


def test_a_fact_id_used_in_two_files_is_refused_naming_both(tmp_path: Path) -> None:
    """A duplicate in one file was refused, one across two files loaded (issue 14.9)."""
    root = write_small_fact_base(tmp_path)
    (root / "facts" / "901_more.yaml").write_text(FACTS, encoding="utf-8")
    with pytest.raises(FactBaseError) as caught:
        read_fact_base(root)
    (problem,) = caught.value.problems
    assert (problem.path.name, problem.line, problem.field) == ("901_more.yaml", 3, "id")
    assert problem.message == f"duplicate fact id '900-001' (first used at {root / 'facts' / '900_test.yaml'}:3)"
