"""An installed computekg ships its data and launcher and puts nothing generic into site-packages."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel `pip` builds from this tree, and what the build printed."""
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                           check=True, capture_output=True, text=True)
    (wheel,) = out.glob("computekg-*.whl")
    return wheel, build.stdout + build.stderr


@pytest.fixture(scope="module")
def wheel_names(built_wheel: tuple[Path, str]) -> list[str]:
    return zipfile.ZipFile(built_wheel[0]).namelist()


def test_the_build_has_nothing_to_warn_about(built_wheel: tuple[Path, str]) -> None:
    """Every folder that ships files is declared, so `pip install` prints no setuptools warnings about it."""
    printed = built_wheel[1]
    assert "absent from the `packages` configuration" not in printed, printed
    assert "Warning" not in printed, printed


def test_only_the_computekg_namespace_is_installed(wheel_names: list[str]) -> None:
    top_level = {name.split("/")[0] for name in wheel_names}
    assert top_level == {"computekg", next(n for n in top_level if n.endswith(".dist-info"))}


def test_the_bundled_data_and_launcher_are_shipped(wheel_names: list[str]) -> None:
    shipped = set(wheel_names)
    for path in (ROOT / "data").rglob("*"):
        if path.is_file():
            assert f"computekg/data/{path.relative_to(ROOT / 'data').as_posix()}" in shipped
    assert "computekg/graph/neo4j_launcher/pom.xml" in shipped


@pytest.mark.parametrize("folder", ["graph", "loaders", "queries", "app"])
def test_every_module_is_shipped(wheel_names: list[str], folder: str) -> None:
    """A subpackage missing from pyproject's package list would crash an installed computekg."""
    tracked = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True)
    modules = [line for line in tracked.stdout.splitlines() if line.endswith(".py")]
    assert modules
    missing = [m for m in modules if f"computekg/{m}" not in set(wheel_names)]
    assert missing == []
