"""What computekg's loader is measured against: a naive per-row MERGE and server-side LOAD CSV.

Both write the storage layout `Neo4jStore` writes (the same labels, properties and MENTIONS links), so
the stores they leave answer the same as one written by `Neo4jStore.bulk_load`; the smoke test checks it.
Like the store's own statements, labels and types come from the schema enums and values are parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import Driver

from bench.generate import LIST_SEPARATOR, CsvFiles
from computekg.graph.model import Subgraph
from computekg.graph.neo4j_store import entity_properties, relation_properties
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.subgraph_ops import source_mentions

__all__ = ["naive_load", "load_csv", "load_csv_statements"]

_ROWS_PER_TRANSACTION = 10_000


def naive_load(driver: Driver, graph: Subgraph, *, database: str = "neo4j",
               progress: Callable[[int], None] | None = None) -> None:
    """What a hurried user writes: one auto-commit MERGE per entity, source, fact and mention."""
    for entity in graph.entities:
        driver.execute_query(
            f"MERGE (n:Entity {{id: $id}}) SET n += $properties, n:{EntityKind(entity.kind)}",
            id=entity.id, properties=entity_properties(entity), database_=database)
    for source in graph.sources:
        driver.execute_query("MERGE (s:Source {id: $id}) SET s += $properties", id=source.id,
                             properties=source.model_dump(mode="json", exclude_none=True), database_=database)
    for done, relation in enumerate(graph.relations, start=1):
        driver.execute_query(
            "MERGE (a:Entity {id: $subject}) MERGE (b:Entity {id: $object}) "
            f"MERGE (a)-[r:{RelType(relation.type)} {{id: $id}}]->(b) SET r += $properties",
            subject=relation.subject, object=relation.object, id=relation.id,
            properties=relation_properties(relation), database_=database)
        if progress is not None:
            progress(done)
    for source_id, entity_id in source_mentions(graph):
        driver.execute_query(
            "MATCH (s:Source {id: $source_id}) MATCH (e:Entity {id: $entity_id}) MERGE (s)-[:MENTIONS]->(e)",
            source_id=source_id, entity_id=entity_id, database_=database)


def load_csv_statements(files: CsvFiles, import_root: Path) -> list[tuple[str, dict[str, Any]]]:
    """One LOAD CSV statement (and its parameters) per file, in load order: nodes, facts, mentions.

    The files must lie under the server's `import_root` (`neo4j_server.import_dir`): `file:///` URLs are
    relative to it.
    """

    def load(path: Path, body: str) -> tuple[str, dict[str, Any]]:
        """`body` run for each row of the file at `path`, in batched transactions."""
        url = "file:///" + path.resolve().relative_to(import_root.resolve()).as_posix()
        return (f"LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {{ {body} }} "
                f"IN TRANSACTIONS OF {_ROWS_PER_TRANSACTION} ROWS", {"url": url})

    split = f"'{LIST_SEPARATOR}'"
    statements = [
        load(path, f"CREATE (n:Entity:{EntityKind(kind)}) SET n.id = row.id, n.kind = row.kind, n.name = row.name, "
                   f"n.name_zh = row.name_zh, n.aliases = CASE WHEN row.aliases IS NULL THEN [] "
                   f"ELSE split(row.aliases, {split}) END, "
                   f"n.roles = CASE WHEN row.roles IS NULL THEN [] ELSE split(row.roles, {split}) END, "
                   f"n.product_kind = row.product_kind")
        for kind, path in files.entities.items()
    ]
    statements.append(load(files.sources,
                           "CREATE (s:Source) SET s.id = row.id, s.title = row.title, s.publisher = row.publisher, "
                           "s.date = row.date, s.language = row.language, s.script = row.script, s.path = row.path"))
    statements += [
        load(path, "MATCH (a:Entity {id: row.subject}) MATCH (b:Entity {id: row.object}) "
                   f"CREATE (a)-[r:{RelType(rel_type)}]->(b) SET r.id = row.id, r.type = row.type, "
                   "r.product = row.product, r.date = row.date, r.status = row.status, "
                   "r.confidence = toFloat(row.confidence), "
                   "r.quantity_value = toFloat(row.quantity_value), r.quantity_unit = row.quantity_unit, "
                   "r.quantity_approximate = toBoolean(row.quantity_approximate), r.quantity_text = row.quantity_text, "
                   "r.amount_value = toFloat(row.amount_value), r.amount_currency = row.amount_currency, "
                   "r.amount_approximate = toBoolean(row.amount_approximate), r.amount_text = row.amount_text, "
                   f"r.evidence_source_ids = split(row.evidence_source_ids, {split}), "
                   f"r.evidence_quotes = split(row.evidence_quotes, {split}), "
                   f"r.evidence_dates = split(coalesce(row.evidence_dates, ''), {split}), "
                   f"r.evidence_fact_ids = split(row.evidence_fact_ids, {split}), "
                   f"r.evidence_confidences = [c IN split(row.evidence_confidences, {split}) | toFloat(c)]")
        for rel_type, path in files.relations.items()
    ]
    statements.append(load(files.mentions, "MATCH (s:Source {id: row.source_id}) MATCH (e:Entity {id: row.entity_id}) "
                                           "MERGE (s)-[:MENTIONS]->(e)"))
    return statements


def load_csv(driver: Driver, files: CsvFiles, import_root: Path, *, database: str = "neo4j",
             progress: Callable[[str], None] | None = None) -> None:
    """Run every LOAD CSV statement of `files` (the server reads the files itself, from `import_root`)."""
    with driver.session(database=database) as session:
        for statement, parameters in load_csv_statements(files, import_root):
            session.run(statement, parameters).consume()  # type: ignore[arg-type]  # built from enums
            if progress is not None:
                progress(statement)
