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
    defect = {f["rule"] for f in findings if f["unit"] == province.defective}
    assert {"t3.applicant_total", "t3.balance"} <= defect
    assert not [f for f in findings if f["unit"] in province.units[:5] and f["unit"] != province.defective and f["severity"] == "error"]
    assert s["alerts_sent"] == len(emails_in(audited["params"]["dry_run_alerts"])) > 0


def test_rerun_after_correction_resolves_and_alerts_nothing_twice(audited: dict, province: ExampleProvince) -> None:
    from disclosure_audit.flows.rerun import rerun

    params, work = audited["params"], audited["work"]
    before = emails_in(params["dry_run_alerts"])
    province.correct()
    s = rerun(
        unit=province.defective, year=province.year, manifest=params["manifest"], roster=params["roster"],
        db_url=params["db_url"], out=params["out"], dry_run_alerts=params["dry_run_alerts"],
    )
    assert s["kind"] == "rerun" and s["reports"] == 1
    assert s["scope"]["replaced"] == [[province.defective, province.year]] or s["scope"]["replaced"] == [(province.defective, province.year)]
    assert not [f for f in open_findings(params["db_url"]) if f["unit"] == province.defective]
    # the other units' findings are untouched
    assert any(f["rule"] == "roster.missing" for f in open_findings(params["db_url"]))
    assert s["alerts_queued"] == 0 and s["alerts_sent"] == 0
    assert emails_in(params["dry_run_alerts"]) == before


def test_demo_command(prefect_harness: None, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from disclosure_audit.cli import app

    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo"), "--units", "4"])
    assert result.exit_code == 0, result.output
    assert "数据仓库" in result.output and "提醒邮件" in result.output
    assert (tmp_path / "demo" / "warehouse.db").exists()
    assert emails_in(tmp_path / "demo" / "emails")


def test_cli_errors_are_one_line_for_staff(prefect_harness: None, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from disclosure_audit.cli import app

    (tmp_path / "landing").mkdir()
    bad = tmp_path / "manifest.csv"
    bad.write_text("file,unit,year\nx.txt,甲,明年\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "landing"), "--manifest", str(bad), "--db", f"sqlite:///{tmp_path / 'w.db'}"])
    assert result.exit_code == 2 and "第 2 行" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(app, ["rerun"])
    assert result.exit_code == 2 and "--unit" in result.output


def test_smtp_down_does_not_fail_the_run_and_the_alerts_go_out_later(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from aiosmtpd.controller import Controller

    import disclosure_audit.flows.province_audit as pa

    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("DISCLOSURE_AUDIT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DISCLOSURE_AUDIT_SMTP_PORT", str(port))
    monkeypatch.setattr(pa, "send_alerts", pa.send_alerts.with_options(retries=1, retry_delay_seconds=0))
    ex = write_example_province(tmp_path / "province", units=3)
    params = dict(path=str(ex.folder), manifest=str(ex.manifest), roster=str(ex.roster), year=ex.year,
                  db_url=f"sqlite:///{tmp_path / 'w.db'}", out=str(tmp_path / "out"))
    down = pa.province_audit(**params)
    assert down["alerts_queued"] > 0 and down["alerts_sent"] == 0 and down["alerts_error"]

    class Inbox:
        def __init__(self) -> None:
            self.messages: list[bytes] = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802, ANN001 - aiosmtpd hook
            self.messages.append(envelope.content)
            return "250 OK"

    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        up = pa.province_audit(**params)  # nothing new: only the queued alerts go out, once
    finally:
        smtp.stop()
    assert up["alerts_queued"] == 0 and up["alerts_sent"] == down["alerts_queued"] == len(inbox.messages)


def test_rerun_finds_its_sources_when_nothing_is_stored(prefect_harness: None, tmp_path: Path) -> None:
    from disclosure_audit.flows.rerun import rerun

    ex = write_example_province(tmp_path / "province", units=3)
    common = dict(year=ex.year, out=str(tmp_path / "out"), dry_run_alerts=str(tmp_path / "emails"))
    # a region: its files from the manifest
    db = f"sqlite:///{tmp_path / 'region.db'}"
    s = rerun(region="示范省示范市" + ex.units[0][:3], manifest=str(ex.manifest), db_url=db, **common)
    assert s["reports"] == 1 and stored_reports(db) == [(ex.units[0], ex.year)]
    # a unit, no manifest: the whole folder is read and the unit's report kept
    db = f"sqlite:///{tmp_path / 'unit.db'}"
    s = rerun(unit=ex.defective, path=str(ex.folder), db_url=db, **common)
    assert s["reports"] == 1 and stored_reports(db) == [(ex.defective, ex.year)]
    assert {f["unit"] for f in open_findings(db)} == {ex.defective}


def test_rerun_compares_with_the_same_years_other_units_in_the_warehouse(prefect_harness: None, tmp_path: Path) -> None:
    from disclosure_audit.flows.province_audit import province_audit
    from disclosure_audit.flows.rerun import rerun
    from disclosure_audit.manifest import load_manifest

    ex = write_example_province(tmp_path / "province", units=5)
    common = dict(manifest=str(ex.manifest), db_url=f"sqlite:///{tmp_path / 'w.db'}", out=str(tmp_path / "out"),
                  dry_run_alerts=str(tmp_path / "emails"))
    province_audit(path=str(ex.folder), year=ex.year, **common)
    files = {e.unit: ex.folder / e.file for e in load_manifest(ex.manifest)}
    a, b = ex.units[0], ex.units[3]  # two correct reports, both txt
    copied = files[b].read_text("utf-8").replace(b, a)  # a copies b's report, changing only the name
    files[a].write_text(copied, "utf-8")
    s = rerun(unit=a, year=ex.year, **common)
    assert s["reports"] == 1 and s["by_rule"].get("duplicate.text", 0) >= 1
    dup = [f for f in open_findings(common["db_url"]) if f["rule"] == "duplicate.text"]
    assert {f["unit"] for f in dup} == {a}  # the other unit's findings are not touched by a rerun of a


def test_a_rerun_started_in_another_folder_rereads_the_stored_sources(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The audit is started with a landing folder relative to where the clerk stood; the rerun
    # (days later, from another folder) must still find every report the warehouse names.
    from disclosure_audit.flows.province_audit import province_audit
    from disclosure_audit.flows.rerun import rerun

    ex = write_example_province(tmp_path / "site" / "province", units=3)
    db = f"sqlite:///{tmp_path / 'warehouse.db'}"
    monkeypatch.chdir(tmp_path / "site")
    relative = ex.folder.relative_to(tmp_path / "site")
    province_audit(path=str(relative), manifest=str(relative / ex.manifest.name), year=ex.year, db_url=db,
                   out=str(tmp_path / "out"), dry_run_alerts=str(tmp_path / "emails"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    s = rerun(unit=ex.defective, year=ex.year, db_url=db, out=str(tmp_path / "out2"), dry_run_alerts=str(tmp_path / "emails2"))
    assert s["reports"] == 1 and s["unreadable"] == 0
    assert ex.defective in {f["unit"] for f in open_findings(db) if f["rule"] != "ingest.unreadable"}


def test_a_rerun_given_only_its_scope_reproduces_the_audit(prefect_harness: None, tmp_path: Path) -> None:
    # A clerk's rerun names only the scope, not the manifest or the roster. The region, level and
    # publication date of a stored report (which only the manifest gave) come from the warehouse,
    # the deadlines and the expected units from the roster stored with the audit; so an unchanged
    # county and an unchanged unit are re-checked to exactly the audit's findings.
    from collections import Counter

    from disclosure_audit.flows.province_audit import province_audit
    from disclosure_audit.flows.rerun import rerun
    from disclosure_audit.roster import load_roster
    from disclosure_audit.synth.generate import generate

    prov = generate(tmp_path / "p", units=40, years=[2023, 2024], formats=["txt", "html"], error_rate=0.4, seed=2)
    common = dict(db_url=f"sqlite:///{tmp_path / 'w.db'}", out=str(tmp_path / "out"), dry_run_alerts=str(tmp_path / "emails"))
    province_audit(path=str(prov.landing), manifest=str(prov.manifest), roster=str(prov.roster), **common)

    def state() -> Counter:
        return Counter((f["unit"], f["year"], f["rule"]) for f in open_findings(common["db_url"]))

    audited = state()
    roster = {u.unit: u for u in load_roster(prov.roster)}
    # a township late by its own roster deadline (02-28), not by the default one (03-31)
    late = [(u, y) for (u, y, rule) in audited if rule == "timeliness.deadline" and roster[u].level == "township"]
    assert late, "the generated province has no late township: change the seed"
    unit, year = late[0]
    county = roster[roster[unit].parent].region
    in_county = {(u, y) for (u, y) in stored_reports(common["db_url"]) if y == year and roster[u].region.startswith(county)}
    s = rerun(region=county, year=year, **common)
    assert s["reports"] == len(in_county) > 1
    assert state() == audited, set(state()) ^ set(audited)
    s = rerun(unit=unit, year=year, **common)
    assert s["reports"] == 1 and s["findings"] == sum(n for (u, y, _), n in audited.items() if (u, y) == (unit, year))
    assert state() == audited, set(state()) ^ set(audited)
    # the whole year: its unreadable files are read again, so their units are not reported missing
    bad_year = next((y for (_, y, rule) in audited if rule == "ingest.unreadable"), None)
    assert bad_year is not None, "the generated province has no unreadable file: change the seed"
    s = rerun(year=bad_year, **common)
    assert state() == audited, set(state()) ^ set(audited)
