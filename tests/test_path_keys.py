"""The discovery's path keys are what ``Path.resolve`` gives (links followed, ``..`` undone), for
the files of a landing folder and for manifest rows, so a manifest row finds its file however
either is spelled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from disclosure_audit.model import ManifestEntry
from disclosure_audit.pipeline.discover import PathKeys, discover


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    (tmp_path / "real" / "2022").mkdir(parents=True)
    (tmp_path / "real" / "2022" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "real" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "alias.txt").symlink_to(tmp_path / "real" / "2022" / "a.txt")
    (tmp_path / "real" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    return tmp_path


def test_keys_are_the_resolved_paths(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    paths = [
        tree / "real" / "2022" / "a.txt", tree / "linked" / "2022" / "a.txt", tree / "real" / "alias.txt",
        tree / "linked" / "alias.txt", tree / "real" / "2022" / ".." / "b.txt", tree / "real" / "dangling.txt",
        tree / "real" / "missing.txt", tree / "gone" / "missing.txt", Path("linked/b.txt"), Path("b.txt"),
        tree / "real" / "2022" / "..", Path("."),
    ]
    keys = PathKeys()
    for p in paths + paths:  # the second time from the folders already resolved
        assert keys(p) == os.path.normcase(str(p.resolve())), p


def test_a_manifest_row_spelled_through_a_link_finds_its_file(tree: Path) -> None:
    manifest = tree / "real" / "manifest.csv"
    manifest.write_text("", encoding="utf-8")
    entry = ManifestEntry(file="../linked/2022/a.txt", unit="甲县财政局", year=2022)
    found = discover(tree / "real", [entry], manifest)
    by_path = {Path(s.path).name: s.entry for s in found.sources}
    assert by_path["a.txt"] == entry and by_path["alias.txt"] == entry  # alias.txt: a link to it
    assert by_path["b.txt"] is None
    assert "manifest.csv" not in by_path and not found.rejected
