"""`computekg ingest`, `review` and `eval` through the command line (a throwaway app with `register`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from computekg.app.cli_ingest import register
from computekg.graph.model import article_evidence
from computekg.loaders.bundle import read_fact_base

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_eval_prints_scores_per_script_and_family_for_seed_and_dev(app: typer.Typer) -> None:
    result = runner.invoke(app, ["eval", "--corpus", "seed", "--corpus", "dev"], terminal_width=120)
    assert result.exit_code == 0, result.output
    for words in ("seed: 5 article(s)", "dev: ", "per script", "per family", "zh-Hans", "zh-Hant", "English",
                  "trade", "capital", "overall", "precision", "recall", "F1"):
        assert words in result.stdout


def test_eval_json_has_a_report_per_corpus(app: typer.Typer) -> None:
    result = runner.invoke(app, ["eval", "--json", "--corpus", "seed", "--corpus", "dev"])
    assert result.exit_code == 0, result.output
    seed, dev = json.loads(result.stdout)["corpora"]
    assert (seed["corpus"], seed["articles"], dev["corpus"]) == ("seed", 5, "dev")
    assert dev["articles"] >= 10 and {s["label"] for s in dev["per_script"]} == {"Hans", "Hant", "Latn"}
    for report in (seed, dev):
        overall = report["overall"]
        assert 0 < overall["precision"] <= 1 and 0 < overall["recall"] <= 1
        assert {"trade", "making"} <= {score["label"] for score in report["per_family"]}


def test_eval_details_list_what_was_missed(app: typer.Typer) -> None:
    result = runner.invoke(app, ["eval", "--corpus", "seed", "--details"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "missed" in result.stdout and "wrong" in result.stdout
    listed = runner.invoke(app, ["eval", "--corpus", "seed", "--details", "--json"])
    (report,) = json.loads(listed.stdout)["corpora"]
    missed = [miss for miss in report["misses"] if miss["kind"] == "missed"]
    assert missed and all(miss["evidence"] for miss in missed)  # each with the gold quote that states it


def test_ingest_json_lists_candidates_and_reports_unreadable_files(app: typer.Typer, tmp_path: Path,
                                                                   article_files: dict[str, Path]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    queue = tmp_path / "queue.jsonl"
    result = runner.invoke(app, ["ingest", str(article_files["english"]), str(bad), str(article_files["gbk"]),
                                 "--json", "--queue", str(queue)])
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.stdout)
    order = next(c for c in candidates if c["object"] == "Acme Compute Inc.")
    assert order["object_new"] is True and order["subject"] == "nvidia" and order["subject_name"] == "Nvidia"
    assert {"type", "evidence", "confidence", "rule", "source", "start", "end"} <= set(order)
    assert "skipped" in result.stderr and "bad.txt" in result.stderr
    assert "ingested" in result.stderr  # the progress bar
    assert len(queue.read_text(encoding="utf-8").splitlines()) == len(candidates)


def test_review_flow_merges_into_the_data_dir(app: typer.Typer, tmp_path: Path, data_copy: Path,
                                              article_files: dict[str, Path]) -> None:
    queue = tmp_path / "queue.jsonl"
    assert runner.invoke(app, ["ingest", str(article_files["traditional"]), "--queue", str(queue)]).exit_code == 0
    entries = json.loads(runner.invoke(app, ["review", "list", "--json", "--queue", str(queue)]).stdout)
    leads = next(e["id"] for e in entries if e["candidate"]["type"] == "LEADS")
    partner = next(e["id"] for e in entries if e["candidate"]["type"] == "PARTNERS_WITH")
    edit = runner.invoke(app, ["review", "edit", leads, "--confidence", "0.9", "--note", "checked",
                               "--queue", str(queue), "--data-dir", str(data_copy)])
    assert edit.exit_code == 0, edit.output
    assert runner.invoke(app, ["review", "accept", leads, "--queue", str(queue)]).exit_code == 0
    assert runner.invoke(app, ["review", "reject", partner, "--queue", str(queue)]).exit_code == 0
    merge = runner.invoke(app, ["review", "merge", "--queue", str(queue), "--data-dir", str(data_copy)])
    assert merge.exit_code == 0, merge.output
    assert "merged 1 fact" in merge.stdout
    relations = read_fact_base(data_copy).graph.relations
    assert any(e.fact_id == leads and e.confidence == 0.9 for r in relations for e in article_evidence(r))
    pending = json.loads(runner.invoke(app, ["review", "list", "--json", "--status", "rejected",
                                             "--queue", str(queue)]).stdout)
    assert [e["id"] for e in pending] == [partner]
    missing = runner.invoke(app, ["review", "accept", "nope", "--queue", str(queue)])
    assert missing.exit_code == 1 and "no entry" in missing.stderr


def test_ingest_skips_a_link_and_a_file_too_large_naming_each_and_copies_neither(
    app: typer.Typer, tmp_path: Path, article_files: dict[str, Path]
) -> None:
    """A link to /etc/passwd was read and copied into the review store; a 50 MB file took 7 minutes."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "big.txt").write_bytes(article_files["simplified"].read_bytes() * 400)
    (folder / "good.txt").write_bytes(article_files["simplified"].read_bytes())
    queue = tmp_path / "review" / "queue.jsonl"
    result = runner.invoke(app, ["ingest", str(folder), "--queue", str(queue), "--max-mb", "0.1"],
                           terminal_width=200)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert f"skipped {folder / 'passwd.txt'}: is a symbolic link (to /etc/passwd)" in output
    assert f"skipped {folder / 'big.txt'}: is larger than 0.1 MB" in output
    assert "2 file(s) skipped, 1 ingested" in output
    stored = [p for p in queue.parent.rglob("*") if p.is_file()]
    assert stored and not any("root:" in p.read_text(encoding="utf-8", errors="replace") for p in stored)
