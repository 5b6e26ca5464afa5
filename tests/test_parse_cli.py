"""`disclosure-audit parse`: JSON output and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from disclosure_audit.cli import app
from disclosure_audit.synth import render
from tests.conftest import load_expected, shared_path
from tests.factories import document

runner = CliRunner()


def test_parse_json_has_the_documented_shape(tmp_path: Path) -> None:
    doc, values = document("gov-2021", 2023, published_at="2024-01-10")
    f = tmp_path / "r.html"
    f.write_bytes(render.to_html(doc))
    res = runner.invoke(app, ["parse", str(f), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert {"source", "unit", "year", "template", "published_at", "values", "sections", "uncertain", "problems"} <= set(out)
    assert out["values"] == values and out["year"] == 2023 and out["published_at"] == "2024-01-10"
    assert set(out["sections"]) == {"s1", "s2", "s3", "s4", "s5", "s6"}


def test_parse_seed_gives_the_198_expected_values() -> None:
    seed = shared_path("samples", "seed", "xiangtan-county-2020.txt")
    exp = load_expected(seed.with_name("xiangtan-county-2020.expected.json"))
    res = runner.invoke(app, ["parse", str(seed), "--json"])
    assert res.exit_code == 0
    values = json.loads(res.stdout)["values"]
    assert len(values) == 198 and values == exp["values"]


def test_broken_file_is_one_line_exit_2_no_traceback(tmp_path: Path) -> None:
    f = tmp_path / "broken.docx"
    f.write_bytes(b"PK\x03\x04 not really a zip")
    proc = subprocess.run([sys.executable, "-m", "disclosure_audit.cli", "parse", str(f)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "broken.docx" in lines[0] and "损坏" in lines[0]


def test_plain_output_names_cells_in_chinese(tmp_path: Path) -> None:
    doc, _ = document("gov-2019", 2020)
    f = tmp_path / "r.txt"
    f.write_bytes(render.to_txt(doc))
    res = runner.invoke(app, ["parse", str(f)])
    assert res.exit_code == 0 and "示例县人民政府" in res.stdout and "模板" in res.stdout
