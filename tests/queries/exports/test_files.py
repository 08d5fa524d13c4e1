"""Writing an export: a file is replaced only by a complete one, and every problem is a message (issue 16.6)."""

from __future__ import annotations

import os
import resource
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from computekg.graph.model import Subgraph
from computekg.queries.exports import ExportError, export_subgraph, to_json
from computekg.queries.exports.files import write_rendered


@pytest.fixture
def file_size_limit() -> Iterator[int]:
    """Files this process writes may not grow past 20,480 bytes while the test runs, as on a full disk.

    Python ignores SIGXFSZ, so a write past the limit fails with EFBIG, as one on a full disk fails with ENOSPC.
    """
    limit = 20_480
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield limit
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def test_a_failed_export_leaves_the_previous_file_whole(tmp_path: Path, volcano_graph: Subgraph,
                                                        file_size_limit: int) -> None:
    """A 50,879-byte JSON export became 20,480 bytes of invalid JSON when the next export failed."""
    output = tmp_path / "graph.json"
    output.write_text("previous export", encoding="utf-8")
    assert len(to_json(volcano_graph).encode()) > file_size_limit
    with pytest.raises(ExportError, match=f"cannot write {output}: File too large; nothing was changed there"):
        export_subgraph(volcano_graph, "json", output)
    assert output.read_text(encoding="utf-8") == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]  # no temporary file left behind


def test_a_full_device_is_a_message(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write /dev/full: No space left on device"):
        write_rendered(Path("/dev/full"), "x" * 100_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # written to, never replaced by a regular file


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual_ones(tmp_path: Path) -> None:
    kept, new = tmp_path / "kept.json", tmp_path / "new.json"
    kept.write_text("old")
    kept.chmod(0o640)
    write_rendered(kept, "new")
    write_rendered(new, "new")
    umask = os.umask(0o022)
    os.umask(umask)
    assert (stat.S_IMODE(kept.stat().st_mode), kept.read_text()) == (0o640, "new")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("output", ["folder", "", "."])
def test_a_folder_given_for_a_file_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                volcano_graph: Subgraph, output: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportError, match="is a folder: give the name of a file to write"):
        export_subgraph(volcano_graph, "json", Path(output))


def test_a_csv_bundle_onto_an_existing_file_is_a_message_and_the_file_stays(tmp_path: Path,
                                                                             volcano_graph: Subgraph) -> None:
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    with pytest.raises(ExportError, match="csv writes two tables"):
        export_subgraph(volcano_graph, "csv", existing)
    assert existing.read_text() == "keep me"


def test_a_folder_that_cannot_be_made_is_a_message(tmp_path: Path, volcano_graph: Subgraph) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ExportError, match="cannot write .*a-file/graph.json: .*a-file is a file, not a folder"):
        export_subgraph(volcano_graph, "json", tmp_path / "a-file" / "graph.json")
