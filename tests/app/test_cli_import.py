"""`computekg import` and `computekg layers`: an imported layer stays for the next command, on both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from computekg.app.cli import app
from computekg.graph.settings import Settings

runner = CliRunner()
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets"
EPOCH, ETO = SHARED / "epoch-ai-chip-counts", SHARED / "eto-chip-explorer"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMPUTEKG_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COMPUTEKG_STORE", "memory")
    return tmp_path / "home"


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _cited_datasets(*args: str) -> set[str]:
    """The datasets cited by the facts `computekg neighbours … --json` finds."""
    code, output = _run("neighbours", *args, "--json")
    assert code == 0, output
    return {ev["dataset"] for link in json.loads(output)["links"] for ev in link["evidence"] if "dataset" in ev}


def test_an_import_is_seen_by_the_next_command_and_twice_is_once(home: Path) -> None:
    code, output = _run("import", "epoch", str(EPOCH))
    assert code == 0, output
    assert "every row accounted for" in output and "new entities" in output
    first = (home / "layers" / "epoch.json").read_bytes()
    assert _cited_datasets("Oracle", "--type", "USES", "--as-of", "2024-12") == {"Epoch AI chip owners"}
    assert _run("import", "epoch", str(EPOCH))[0] == 0
    assert (home / "layers" / "epoch.json").read_bytes() == first
    code, output = _run("layers", "list")
    assert code == 0 and "epoch" in output and "MIT" in output
    assert _run("layers", "remove", "epoch")[0] == 0
    assert _cited_datasets("Oracle", "--type", "USES") == set()
    assert _run("layers", "remove", "epoch")[0] == 1


def test_questions_can_keep_to_one_layer(home: Path) -> None:
    assert _run("import", "eto", str(ETO))[0] == 0
    code, output = _run("neighbours", "ASML", "--json", "--layer", "news")
    assert code == 0
    kinds = {ev.get("kind", "article") for link in json.loads(output)["links"] for ev in link["evidence"]}
    assert kinds and "dataset" not in kinds
    assert _cited_datasets("ASML", "--layer", "datasets") == {"ETO Advanced Semiconductor Supply Chain (CSET)"}
    code, output = _run("neighbours", "ASML", "--json", "--layer", "datasets")
    assert all(ev["kind"] == "dataset" for link in json.loads(output)["links"] for ev in link["evidence"])
    code, output = _run("chokepoints", "--json", "--layer", "news")
    assert code == 0 and json.loads(output)["by_share"] == []


def test_a_bad_copy_writes_nothing(home: Path, tmp_path: Path) -> None:
    assert _run("import", "eto", str(ETO))[0] == 0
    kept = (home / "layers" / "eto.json").read_bytes()
    bad = tmp_path / "bad"
    (bad / "data").mkdir(parents=True)
    for path in (ETO / "data").glob("*.csv"):
        (bad / "data" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    provision = bad / "data" / "provision.csv"
    lines = provision.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",2025,", ",20x5,")
    provision.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = _run("import", "eto", str(bad))
    assert code == 1 and "provision.csv:6:6 [year]: not a number" in " ".join(output.split())
    assert (home / "layers" / "eto.json").read_bytes() == kept


@pytest.mark.neo4j
def test_both_layers_load_into_neo4j_and_stay_through_load(
    home: Path, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    assert _run("load", "--store", "neo4j")[0] == 0
    for name, path in (("epoch", EPOCH), ("eto", ETO)):
        code, output = _run("import", name, str(path), "--store", "neo4j")
        assert code == 0, output
    code, first = _run("stats", "--store", "neo4j", "--json")
    assert _run("import", "eto", str(ETO), "--store", "neo4j")[0] == 0  # twice: nothing changes
    assert _run("stats", "--store", "neo4j", "--json")[1] == first
    assert _run("load", "--store", "neo4j")[0] == 0  # a reload carries the kept layers
    assert _run("stats", "--store", "neo4j", "--json")[1] == first
    eto = "ETO Advanced Semiconductor Supply Chain (CSET)"
    assert _cited_datasets("ASML", "--type", "SUPPLIES", "--store", "neo4j") == {eto}
    assert _run("layers", "remove", "eto", "--store", "neo4j")[0] == 0
    assert _cited_datasets("ASML", "--type", "SUPPLIES", "--store", "neo4j") == set()


@pytest.fixture
def neo4j_with_both_layers(home: Path, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both datasets kept under `home` (which the embedded store reads) and loaded into the real Neo4j."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    for name, path in (("epoch", EPOCH), ("eto", ETO)):
        code, output = _run("import", name, str(path))
        assert code == 0, output
    code, output = _run("load", "--store", "neo4j")  # the bundled graph with every kept layer
    assert code == 0, output


def _evidence_kinds(output: str) -> set[str]:
    return {ev.get("kind", "article") for link in json.loads(output)["links"] for ev in link["evidence"]}


@pytest.mark.neo4j
def test_on_neo4j_one_layer_gives_the_embedded_stores_answer(neo4j_with_both_layers: None) -> None:
    for layer in ("news", "datasets"):
        for question in (("top", "--layer", layer), ("top", "--by", "h100e", "--layer", layer),
                         ("chokepoints", "--layer", layer), ("neighbours", "ASML", "--layer", layer)):
            code, in_memory = _run(*question, "--json")
            assert code == 0, in_memory
            assert _run(*question, "--json", "--store", "neo4j") == (0, in_memory), question
    code, output = _run("neighbours", "ASML", "--json", "--layer", "news", "--store", "neo4j")
    assert code == 0 and _evidence_kinds(output) and "dataset" not in _evidence_kinds(output)
    code, output = _run("neighbours", "ASML", "--json", "--layer", "datasets", "--store", "neo4j")
    assert code == 0 and _evidence_kinds(output) == {"dataset"}
    code, output = _run("top", "--by", "h100e", "--json", "--layer", "datasets", "--store", "neo4j")
    assert code == 0 and json.loads(output), "Epoch's holders rank from the datasets layer"
    code, output = _run("chokepoints", "--json", "--layer", "news", "--store", "neo4j")
    assert code == 0 and json.loads(output)["by_share"] == [], "ETO's shares are not news"


@pytest.mark.neo4j
def test_on_neo4j_the_layer_setting_keeps_every_command_to_it(
    neo4j_with_both_layers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """COMPUTEKG_LAYER (with COMPUTEKG_STORE=neo4j) restricts a command without `--layer` too, as on the
    embedded store; `both` still answers from Neo4j itself, with every layer."""
    dataset_row = '"kind": "dataset"'
    code, both = _run("suppliers", "Oracle", "--json", "--store", "neo4j")
    assert code == 0 and dataset_row in both, both
    monkeypatch.setenv("COMPUTEKG_LAYER", "news")
    code, in_memory = _run("suppliers", "Oracle", "--json")
    assert code == 0 and json.loads(in_memory) and dataset_row not in in_memory, in_memory
    monkeypatch.setenv("COMPUTEKG_STORE", "neo4j")
    assert _run("suppliers", "Oracle", "--json") == (0, in_memory)
