"""Installed, the project puts only ``disclosure_audit`` into site-packages (no generic ``flows``)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_has_one_top_level_package(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    wheel = next(tmp_path.glob("disclosure_audit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert tops == {"disclosure_audit"}
    # flows, schemas and expectations travel inside the package, with their data files
    assert any(n.startswith("disclosure_audit/flows/") for n in names)
    assert "disclosure_audit/data/templates.yaml" in names
    assert "disclosure_audit/data/rules.yaml" in names
