"""The province-audit and rerun flows end to end under one temporary Prefect API (session fixture
``prefect_harness``): a mixed landing folder with a damaged file, the warehouse after the run,
then a corrected report rerun: its findings resolved, no alert sent twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_audit.pipeline.example import ExampleProvince, write_example_province
from tests.flow_helpers import emails_in, open_findings, stored_reports


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> ExampleProvince:
    return write_example_province(tmp_path_factory.mktemp("province"), units=6)


@pytest.fixture(scope="module")
def audited(prefect_harness: None, province: ExampleProvince, tmp_path_factory: pytest.TempPathFactory) -> dict:
    from disclosure_audit.flows.province_audit import province_audit

    work = tmp_path_factory.mktemp("run")
    params = dict(
        path=str(province.folder), manifest=str(province.manifest), roster=str(province.roster),
        year=province.year, db_url=f"sqlite:///{work / 'warehouse.db'}", out=str(work / "out"),
        dry_run_alerts=str(work / "emails"), chunk_size=2,
    )
    summary = province_audit(**params)
    return {"summary": summary, "params": params, "work": work}


def test_province_audit_reads_checks_and_stores_everything(audited: dict, province: ExampleProvince) -> None:
    s, db = audited["summary"], audited["params"]["db_url"]
    assert s["kind"] == "province-audit" and s["run_id"] is not None
    assert s["files"] == 7  # 5 reports, the damaged pdf, the .xls
    assert s["reports"] == 5
    assert s["unreadable"] == 2 and s["missing"] == 1
    assert s["by_rule"]["ingest.unreadable"] == 2 and s["by_rule"]["roster.missing"] == 1
    assert s["by_severity"]["error"] >= 4
    assert s["outputs"]["warehouse"] == db

    assert sorted(stored_reports(db)) == sorted((u, province.year) for u in province.units[:5])
    findings = open_findings(db)
    unreadable = {Path(f["source"]).name for f in findings if f["rule"] == "ingest.unreadable"}
    assert unreadable == {province.broken.name, "工作台账.xls"}
    assert any(f["unit"] == province.units[-1] and f["rule"] == "roster.missing" for f in findings)
    defect = [f for f in findings if f["unit"] == province.defective]
    assert defect and all(f["rule"].startswith("t3.") for f in defect)
    assert not [f for f in findings if f["unit"] in province.units[:5] and f["unit"] != province.defective and f["severity"] == "error"]
    assert s["alerts_sent"] == len(emails_in(audited["params"]["dry_run_alerts"])) > 0


def test_rerun_after_correction_resolves_and_alerts_nothing_twice(audited: dict, province: ExampleProvince) -> None:
    from disclosure_audit.flows.rerun import rerun

    params, work = audited["params"], audited["work"]
    before = emails_in(params["dry_run_alerts"])
    province.correct()
    s = rerun(
        unit=province.defective, year=province.year, manifest=params["manifest"], roster=params["roster"],
        db_url=params["db_url"], out=params["out"], dry_run_alerts=str(work / "emails-rerun"),
    )
    assert s["kind"] == "rerun" and s["reports"] == 1
    assert s["scope"]["replaced"] == [[province.defective, province.year]] or s["scope"]["replaced"] == [(province.defective, province.year)]
    assert not [f for f in open_findings(params["db_url"]) if f["unit"] == province.defective]
    # the other units' findings are untouched
    assert any(f["rule"] == "roster.missing" for f in open_findings(params["db_url"]))
    assert s["alerts_sent"] == 0 and emails_in(work / "emails-rerun") == []
    assert emails_in(params["dry_run_alerts"]) == before


def test_demo_command(prefect_harness: None, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from disclosure_audit.cli import app

    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo"), "--units", "4"])
    assert result.exit_code == 0, result.output
    assert "数据仓库" in result.output and "提醒邮件" in result.output
    assert (tmp_path / "demo" / "warehouse.db").exists()
    assert emails_in(tmp_path / "demo" / "emails")
