"""Check a run's inputs before anything starts, so that a typo in a path or a bad manifest/roster
line is one clear message (file, line, what to fix) instead of a failed run."""

from __future__ import annotations

from pathlib import Path


def validate_inputs(path: str | None, manifest: str | None = None, roster: str | None = None) -> None:
    """Raise FileNotFoundError, ManifestError or RosterError naming the file (and line)."""
    if path is not None and not Path(path).is_dir():
        raise FileNotFoundError(f"{path}: 文件夹不存在；请检查年报所在文件夹的路径")
    if manifest:
        from disclosure_audit.manifest import load_manifest

        load_manifest(manifest)
    if roster:
        from disclosure_audit.roster import load_roster

        load_roster(roster)
