"""`disclosure-audit check`: per-report findings, JSON shape, exit codes, roster errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from disclosure_audit.cli import app
from disclosure_audit.synth import render
from tests.factories import document

runner = CliRunner()


def _folder(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    good, _ = document("gov-2021", 2022, seed=1, unit="甲县人民政府", published_at="2023-01-10")
    _, values = document("gov-2021", 2022, seed=2, unit="乙县人民政府")
    bad, _ = document("gov-2021", 2022, seed=2, unit="乙县人民政府", published_at="2023-01-10",
                      override={"t4.review.total": values["t4.review.total"] + 7})
    (tmp_path / "good.html").write_bytes(render.to_html(good))
    (tmp_path / "bad.txt").write_bytes(render.to_txt(bad))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    return tmp_path


def test_check_json_lists_findings_per_report(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(_folder(tmp_path)), "--json", "--engine", "pandera"])
    assert res.exit_code == 0, res.output
    reports = {Path(r["source"]).name: r for r in json.loads(res.stdout)["reports"]}
    assert set(reports) == {"good.html", "bad.txt", "broken.pdf"}
    assert reports["good.html"]["findings"] == []
    rules = [f["rule"] for f in reports["bad.txt"]["findings"]]
    assert rules == ["t4.total"]
    f = reports["bad.txt"]["findings"][0]
    assert {"rule", "severity", "cells", "expected", "observed", "message"} == set(f)
    assert "t4.review.total" in f["cells"] and "表四" in f["message"]
    assert [f["rule"] for f in reports["broken.pdf"]["findings"]] == ["ingest.unreadable"]


def test_fail_on_error_exits_1(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(_folder(tmp_path)), "--fail-on", "error", "--engine", "pandera"])
    assert res.exit_code == 1
    assert "共审核 2 份报告" in res.stdout


def test_roster_names_missing_units_and_bad_roster_is_one_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in")
    roster = tmp_path / "roster.csv"
    roster.write_text("unit,region,level,email\n甲县人民政府,示例市,county,a@u.example.org\n丙县人民政府,示例市,county,c@u.example.org\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(folder), "--roster", str(roster), "--json", "--engine", "pandera"])
    out = json.loads(res.stdout)["reports"]
    missing = [f for r in out for f in r["findings"] if f["rule"] == "roster.missing"]
    assert len(missing) == 1 and "丙县人民政府" in missing[0]["message"]
    roster.write_text("unit,region\nx,y\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(folder), "--roster", str(roster)])
    assert res.exit_code == 2 and "level" in res.stderr and "roster.csv" in res.stderr


def test_file_of_another_format_is_unreadable_even_when_its_text_looks_like_a_report(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    # A report's text saved under a foreign suffix (as a crawler's .json dump or a .doc upload):
    # `check` rejects it by suffix, as the flows' discovery does, instead of guessing its format.
    (folder / "copy.json").write_bytes((folder / "bad.txt").read_bytes())
    res = runner.invoke(app, ["check", str(folder), "--json", "--engine", "pandera"])
    reports = {Path(r["source"]).name: r for r in json.loads(res.stdout)["reports"]}
    assert [f["rule"] for f in reports["copy.json"]["findings"]] == ["ingest.unreadable"]
    assert ".json" in reports["copy.json"]["findings"][0]["message"]


def test_manifest_names_the_unit_of_a_damaged_file(tmp_path: Path) -> None:
    from disclosure_audit.manifest import write_manifest
    from disclosure_audit.model import ManifestEntry

    folder = _folder(tmp_path / "in")
    listing = folder / "清单.csv"  # not called manifest.csv: still the run's own file, not a report
    write_manifest(listing, [ManifestEntry(file="broken.pdf", unit="丙县人民政府", region="示例市", level="county", year=2022)])
    roster = tmp_path / "roster.csv"
    roster.write_text("unit,region,level,email\n丙县人民政府,示例市,county,c@u.example.org\n", encoding="utf-8")

    def findings(*extra: str) -> list[dict]:
        res = runner.invoke(app, ["check", str(folder), "--roster", str(roster), "--json", "--engine", "pandera", *extra])
        assert res.exit_code == 0, res.output
        return [dict(f, source=Path(r["source"]).name if r["source"] else None, unit=r["unit"]) for r in json.loads(res.stdout)["reports"] for f in r["findings"]]

    without = findings()
    assert any(f["rule"] == "roster.missing" for f in without)  # nothing says whose broken.pdf is
    with_manifest = findings("--manifest", str(listing))
    assert not any(f["rule"] == "roster.missing" for f in with_manifest)  # it was published, only damaged
    broken = [f for f in with_manifest if f["source"] == "broken.pdf"]
    assert [f["rule"] for f in broken] == ["ingest.unreadable"] and broken[0]["unit"] == "丙县人民政府"
    assert not any(f["source"] == "清单.csv" for f in with_manifest)
    res = runner.invoke(app, ["check", str(folder), "--manifest", str(tmp_path / "nope.csv")])
    assert res.exit_code == 2 and "nope.csv" in res.stderr
