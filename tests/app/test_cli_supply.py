"""The supply-chain commands on the embedded store, mounted on a fresh app by `register`."""

from __future__ import annotations

import json
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from computekg.app.cli_supply import register

COMMANDS = ("supply-path", "suppliers", "customers", "tenants", "compute-sources", "channels", "restricted",
            "chokepoints", "what-if", "exposure", "top")

app = typer.Typer()
register(app)
runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--store", "memory"] if "--help" not in args else list(args))
    return result.exit_code, result.output


def _json(*args: str) -> Any:
    code, output = _run(*args, "--json")
    assert code == 0, output
    return json.loads(output)


def test_register_adds_every_command() -> None:
    code, output = _run("--help")
    assert code == 0
    for command in COMMANDS:
        assert command in output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    code, output = _run(command, "--help")
    assert code == 0
    assert "--json" in output and "--store" in output


def test_supply_path_from_aliases() -> None:
    paths = _json("supply-path", "台积电", "智谱")
    first = paths[0]["hops"]
    assert [first[0]["giver"]["id"], *(hop["receiver"]["id"] for hop in first)] == [
        "tsmc", "nvidia", "bytedance", "volcano-engine", "zhipu-ai"]
    assert first[-1]["relations"][0]["evidence"][0]["quote"] == "行业内看好的智谱,主要使用字节火山云的算力"


def test_supply_path_does_not_flow_back() -> None:
    code, output = _run("supply-path", "智谱", "台积电")
    assert code == 1
    assert "no path" in output


def test_supply_path_table() -> None:
    code, output = _run("supply-path", "ASML", "英伟达")
    assert code == 0
    assert "path 1 (2 hops)" in output


def test_suppliers_and_customers() -> None:
    tiers = _json("suppliers", "英伟达", "--tiers", "2")
    assert [[m["entity"]["id"] for m in tier["members"]] for tier in tiers] == [["tsmc"], ["asml"]]
    customers = _json("customers", "阿斯麦", "--tiers", "1")
    assert [m["entity"]["id"] for m in customers[0]["members"]] == ["lithography-machine", "tsmc"]


def test_tenants_of_alibaba_cloud() -> None:
    tenants = _json("tenants", "阿里云")
    assert [(t["entity"]["id"], t["ended"]) for t in tenants] == [
        ("01-ai", False), ("light-year-beyond", False), ("deeproute-ai", True), ("nio", True)]
    code, output = _run("tenants", "火山引擎")
    assert code == 0 and "Zhipu AI" in output and "current" in output


def test_compute_sources_of_zhipu() -> None:
    sources = _json("compute-sources", "智谱")
    assert [c["entity"]["id"] for c in sources["clouds"]] == ["bytedance", "volcano-engine"]
    assert [f["entity"]["id"] for f in sources["foundries"]] == ["tsmc"]
    assert [e["entity"]["id"] for e in sources["equipment_makers"]] == ["asml"]


def test_channels_of_nvidia() -> None:
    found = _json("channels", "英伟达")
    assert {c["entity"]["id"] for c in found} == {"ingram-micro", "digital-china", "leadtek", "gpu-dealers",
                                                  "inspur", "powerleader"}
    china = _json("channels", "nvidia", "--country", "cn")
    assert [c["entity"]["id"] for c in china] == ["digital-china", "gpu-dealers", "inspur", "powerleader"]


def test_restricted_by_policy_and_policies_restricting_chip() -> None:
    restricted = _json("restricted", "2023年美国芯片出口管制新规")
    assert [r["restricted"]["id"] for r in restricted] == ["nvidia-a800"]
    policies = _json("restricted", "A800")
    assert [(r["policy"]["id"], r.get("base", {}).get("id")) for r in policies] == [
        ("us-export-controls-2022-10", "nvidia-a100"), ("us-export-controls-2023-10", None)]


def test_chokepoints() -> None:
    found = _json("chokepoints", "--top", "3")
    assert len(found["by_betweenness"]) == 3
    assert found["by_separation"][0]["entity"]["id"] == "nvidia-a100"


def test_what_if_tsmc() -> None:
    impact = _json("what-if", "台积电")
    assert {"nvidia", "high-flyer"} <= {i["entity"]["id"] for i in impact["cut_off"]}
    code, output = _run("what-if", "TSMC")
    assert code == 0 and "cut off" in output and "reduced" in output


def test_exposure() -> None:
    found = {e["entity"]["id"]: e["direct"] for e in _json("exposure")}
    assert found["bytedance"] is True and found["zhipu-ai"] is False
    assert _json("exposure", "us-export-controls-2023-10") == []
    code, output = _run("exposure", "2022年美国芯片出口管制")
    assert code == 0 and "through its cloud" in output


def test_top() -> None:
    by_degree = _json("top", "--top", "1", "--kind", "Organization")
    assert by_degree[0]["entity"]["id"] == "nvidia"
    by_quantity = _json("top", "--by", "quantity", "--product", "H100", "--top", "1")
    assert by_quantity[0]["holder"]["id"] == "google-compute-engine-a3"
    code, output = _run("top", "--by", "quantity")
    assert code == 0 and "10萬塊" in output


@pytest.mark.parametrize("args", [("tenants", "Nvidea"), ("what-if", "no such thing"), ("channels", "Nvidea")])
def test_unknown_names_fail_cleanly(args: tuple[str, ...]) -> None:
    code, output = _run(*args)
    assert code == 1
    assert "no entity is called" in output
