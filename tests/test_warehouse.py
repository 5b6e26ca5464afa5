"""Warehouse behaviour on SQLite (always) and PostgreSQL (when DISCLOSURE_AUDIT_TEST_PG_URL is set):
migrations, versions, cells, the findings life cycle, idempotent and crashed loads, queries."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select

from disclosure_audit.warehouse import Warehouse, resolve_db_url
from disclosure_audit.warehouse import schema
from tests.wh_fixtures import KEYS, finding, record, sqlite_url


def count(wh: Warehouse, table) -> int:
    with wh.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_migrations_create_exactly_the_schema(wh):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with wh.engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        assert {"units", "audit_runs", "reports", "report_versions", "report_cells", "findings", "alert_outbox",
                "alembic_version"} <= names
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []
    Warehouse(wh.url)  # opening again is a no-op


def test_db_url_resolution(monkeypatch):
    monkeypatch.delenv("DISCLOSURE_AUDIT_DB_URL", raising=False)
    assert resolve_db_url(None) == "sqlite:///disclosure-audit.sqlite"
    monkeypatch.setenv("DISCLOSURE_AUDIT_DB_URL", "sqlite:///x.sqlite")
    assert resolve_db_url(None) == "sqlite:///x.sqlite"
    assert resolve_db_url("sqlite:///y.sqlite") == "sqlite:///y.sqlite"


def test_versions_and_cells(wh):
    r1 = wh.start_run("audit", {"path": "/landing"})
    wh.store(r1, [record()], [])
    r2 = wh.start_run("audit", {})
    counts = wh.store(r2, [record()], [])  # the same bytes again: the same version
    assert counts["versions_new"] == 0 and counts["versions_seen"] == 1
    assert len(wh.report_versions("甲县人民政府", 2022)) == 1
    r3 = wh.start_run("rerun", {})
    wh.store(r3, [record(sha="b" * 64, bump=100)], [])  # corrected re-upload: a new version
    versions = wh.report_versions("甲县人民政府", 2022)
    assert [(v["version_no"], v["sha256"][0], v["first_seen_run"]) for v in versions] == [(1, "a", r1), (2, "b", r3)]
    assert count(wh, schema.reports) == 1
    assert count(wh, schema.report_cells) == 2 * len(KEYS)
    cells = {c["key"]: c for c in wh.version_cells(versions[0]["id"])}
    assert cells[KEYS[3]] == {"key": KEYS[3], "value": 3, "provenance": "line 4"}
    assert cells[KEYS[-1]]["value"] is None  # blank stays blank, never 0
    [current] = wh.reports([("甲县人民政府", 2022)])
    assert current.values[KEYS[1]] == 101 and current.sha256 == "b" * 64


def test_previous_reports_give_last_years_current_version(wh):
    run = wh.start_run("audit", {})
    wh.store(run, [record(year=2021), record(year=2021, sha="c" * 64, bump=7), record(unit="乙县人民政府", year=2022)], [])
    [prev] = wh.previous_reports([("甲县人民政府", 2022), ("乙县人民政府", 2022)])
    assert (prev.unit, prev.year, prev.sha256) == ("甲县人民政府", 2021, "c" * 64)
    assert prev.values[KEYS[2]] == 9 and prev.values[KEYS[-1]] is None
    assert prev.provenance[KEYS[2]] == "line 3"
    assert prev.sections["s6"] == "无" and prev.uncertain == [KEYS[0]] and prev.region == "湖南省/湘潭市"
    [full] = wh.reports_of_year(2022)
    [bare] = wh.reports_of_year(2022, with_cells=False)  # a rerun's peers: their text, not their tables
    assert full.unit == bare.unit == "乙县人民政府" and full.values and full.provenance
    assert bare.values == {} and bare.provenance == {} and bare.sections == full.sections and bare.source == full.source


def test_findings_life_cycle_new_seen_resolved(wh):
    a, b = finding(cells=[KEYS[0]]), finding(rule="t3.results_total", cells=[KEYS[1]])
    r1 = wh.start_run("audit", {})
    c1 = wh.store(r1, [record()], [a, b])
    assert (c1["findings_new"], c1["findings_seen"], c1["findings_resolved"]) == (2, 0, 0)
    assert {f["rule"] for f in wh.new_findings(r1)} == {"t3.balance", "t3.results_total"}
    # seen again: the same rows, last_seen_run moves on; b is fixed in a corrected version
    r2 = wh.start_run("rerun", {})
    c2 = wh.store(r2, [record(sha="b" * 64)], [finding(cells=[KEYS[0]], message="新的说明")])
    assert (c2["findings_new"], c2["findings_seen"], c2["findings_resolved"]) == (0, 1, 1)
    assert wh.new_findings(r2) == []
    rows = {f["rule"]: f for f in wh.findings(unit="甲县人民政府", year=2022)}
    assert len(rows) == 2 and count(wh, schema.findings) == 2
    assert rows["t3.balance"]["first_seen_run"] == r1 and rows["t3.balance"]["last_seen_run"] == r2
    assert rows["t3.balance"]["message"] == "新的说明" and rows["t3.balance"]["status"] == "open"
    assert rows["t3.results_total"]["resolved_run"] == r2 and rows["t3.results_total"]["status"] == "resolved"
    v2 = wh.report_versions("甲县人民政府", 2022)[-1]["id"]
    assert rows["t3.balance"]["version_id"] == v2
    # corrected again: nothing reported -> resolved
    r3 = wh.start_run("rerun", {})
    assert wh.store(r3, [record(sha="c" * 64)], [])["findings_resolved"] == 1
    assert wh.open_findings() == []
    assert [f["rule"] for f in wh.resolved_findings(r3)] == ["t3.balance"]
    # it comes back later: a new row (the old one stays resolved)
    r4 = wh.start_run("rerun", {})
    assert wh.store(r4, [record(sha="d" * 64)], [finding(cells=[KEYS[0]])])["findings_new"] == 1
    assert [f["first_seen_run"] for f in wh.open_findings("甲县人民政府", 2022)] == [r4]
    summary = wh.run_summary(r2)
    assert summary["findings"] == 1 and summary["resolved_findings"] == 1 and summary["new_findings"] == 0
    assert summary["by_severity"] == {"error": 1} and summary["by_rule"] == {"t3.balance": {"error": 1, "warning": 0}}
    assert summary["reports"] == 1 and summary["new_versions"] == 1


def test_scope_limits_resolution(wh):
    r1 = wh.start_run("audit", {})
    wh.store(r1, [record(), record(unit="乙县人民政府")], [finding(), finding(unit="乙县人民政府")])
    r2 = wh.start_run("rerun", {"unit": "甲县人民政府"})
    # both corrected reports were read, but the rerun's scope is 甲 only: 乙's finding stays open
    counts = wh.store(r2, [record(sha="b" * 64), record(unit="乙县人民政府", sha="b" * 64)], [], scope=[("甲县人民政府", 2022)])
    assert counts["findings_resolved"] == 1
    assert [f["unit"] for f in wh.open_findings()] == ["乙县人民政府"]
    assert wh.open_findings(unit="乙县人民政府", year=2022)[0]["region"] == "湖南省/湘潭市"


def test_a_report_that_could_not_be_read_corrects_nothing(wh):
    r1 = wh.start_run("audit", {})
    wh.store(r1, [record()], [finding(), finding(rule="roster.missing", unit="乙县人民政府", cells=[])])
    # run 2: 甲's corrected upload is damaged, 乙 has uploaded a damaged file; a rerun of 丙 finds no file
    damaged = [finding(rule="ingest.unreadable", cells=[], source="/landing/甲.pdf"),
               finding(rule="ingest.unreadable", unit="乙县人民政府", cells=[], source="/landing/乙.pdf")]
    r2 = wh.start_run("audit", {})
    wh.store(r2, [], damaged)
    wh.store(wh.start_run("rerun", {}), [], [], scope=[("丙县人民政府", 2022)])
    still = {(f["unit"], f["rule"]) for f in wh.open_findings()}
    assert ("甲县人民政府", "t3.balance") in still  # nothing read: not corrected
    assert ("乙县人民政府", "roster.missing") not in still  # 乙 did publish, if damaged
    assert [f["rule"] for f in wh.resolved_findings(r2)] == ["roster.missing"]


def test_findings_without_a_report(wh):
    from disclosure_audit.model import RosterUnit

    wh.upsert_units([RosterUnit("丙镇人民政府", "湖南省/湘潭市/湘潭县", "township", "c@example.gov.cn")])
    missing = finding(rule="roster.missing", unit="丙镇人民政府", cells=[])
    bad1 = finding(rule="ingest.unreadable", unit=None, year=None, cells=[], source="/landing/x.pdf")
    bad2 = finding(rule="ingest.unreadable", unit=None, year=None, cells=[], source="/landing/y.doc")
    r1 = wh.start_run("audit", {})
    assert wh.store(r1, [], [missing, bad1, bad2])["findings_new"] == 3  # two unreadable files, two findings
    assert wh.open_findings(unit="丙镇人民政府")[0]["region"] == "湖南省/湘潭市/湘潭县"
    # next run: x.pdf is readable now (it is 丙镇's report); y.doc still is not
    r2 = wh.start_run("audit", {})
    counts = wh.store(r2, [record(unit="丙镇人民政府", source="/landing/x.pdf")], [bad2])
    assert counts["findings_resolved"] == 2 and counts["findings_seen"] == 1
    assert [(f["rule"], f["source"]) for f in wh.open_findings()] == [("ingest.unreadable", "/landing/y.doc")]


def test_store_twice_is_idempotent(wh):
    records = [record(unit=f"单位{i}") for i in range(7)]
    found = [finding(unit=f"单位{i}") for i in range(7)]
    run = wh.start_run("audit", {})
    first = wh.store(run, records, found, batch_size=3)
    again = wh.store(run, records, found, batch_size=3)
    assert first["batches"] == 4 and again["versions_new"] == 0 and again["findings_new"] == 0
    assert count(wh, schema.reports) == 7 and count(wh, schema.report_versions) == 7
    assert count(wh, schema.report_cells) == 7 * len(KEYS) and count(wh, schema.findings) == 7


class Crash(RuntimeError):
    pass


def test_crash_between_batches_leaves_whole_batches_and_rerun_completes(wh):
    records = [record(unit=f"单位{i}") for i in range(5)]
    found = [finding(unit=f"单位{i}") for i in range(5)] + [finding(rule="roster.missing", unit="丁县人民政府", cells=[])]
    run = wh.start_run("audit", {})

    def crash(n: int) -> None:
        if n == 1:
            raise Crash("killed after the second batch")

    with pytest.raises(Crash):
        wh.store(run, records, found, batch_size=2, after_batch=crash)
    # two whole batches of reports; the findings come after every report, so none yet
    assert count(wh, schema.reports) == 4 and count(wh, schema.report_versions) == 4
    assert count(wh, schema.report_cells) == 4 * len(KEYS) and count(wh, schema.findings) == 0
    assert wh.store(run, records, found, batch_size=2)["versions_new"] == 1
    assert count(wh, schema.reports) == 5 and count(wh, schema.report_versions) == 5
    assert count(wh, schema.report_cells) == 5 * len(KEYS) and count(wh, schema.findings) == 6


def test_failure_inside_a_batch_rolls_the_batch_back(wh, monkeypatch):
    from disclosure_audit.warehouse import load

    run = wh.start_run("audit", {})
    real = load.write_cells

    def boom(conn, rows):
        real(conn, rows)
        if conn.execute(select(func.count()).select_from(schema.reports)).scalar_one() > 2:
            raise Crash("killed after writing the cells of the second batch")

    monkeypatch.setattr(load, "write_cells", boom)
    with pytest.raises(Crash):
        wh.store(run, [record(unit=f"单位{i}") for i in range(4)], [finding(unit=f"单位{i}") for i in range(4)], batch_size=2)
    assert count(wh, schema.reports) == 2 and count(wh, schema.report_versions) == 2
    assert count(wh, schema.report_cells) == 2 * len(KEYS) and count(wh, schema.findings) == 0


def test_failure_while_storing_findings_stores_none_and_resolves_none(wh, monkeypatch):
    from disclosure_audit.warehouse import load

    r1 = wh.start_run("audit", {})
    wh.store(r1, [record(), record(unit="乙县人民政府")], [finding(), finding(unit="乙县人民政府")])
    real = load.upsert_findings

    def boom(conn, run_id, found, **kw):
        if not kw["versions"]:  # the findings of no report, written after those of the reports
            raise Crash("killed while writing the findings")
        return real(conn, run_id, found, **kw)

    monkeypatch.setattr(load, "upsert_findings", boom)
    r2 = wh.start_run("audit", {})
    with pytest.raises(Crash):  # 甲县 corrected (its finding would be resolved), 乙县 a new finding
        wh.store(r2, [record(sha="b" * 64), record(unit="乙县人民政府", sha="b" * 64)],
                 [finding(unit="乙县人民政府", cells=[KEYS[1]]), finding(rule="roster.missing", unit="丁县人民政府", cells=[])])
    assert count(wh, schema.report_versions) == 4  # the reports stay stored
    assert count(wh, schema.findings) == 2 and len(wh.open_findings()) == 2  # nothing new, nothing resolved


def test_reports_first_then_findings_store_what_one_call_stores(wh, tmp_path):
    records = [record(unit=f"单位{i}") for i in range(5)] + [record(unit="单位0", sha="e" * 64, bump=3)]
    found = [finding(unit=f"单位{i}") for i in range(5)] + [finding(rule="roster.missing", unit="丁县人民政府", cells=[])]
    other = Warehouse(sqlite_url(tmp_path))
    one = other.store(other.start_run("audit", {}), records, found, batch_size=2)
    run = wh.start_run("audit", {})
    counts, versions = wh.store_reports(run, records, batch_size=2)
    assert counts["versions_new"] == 6 and counts["cells"] == 6 * len(KEYS) and count(wh, schema.findings) == 0
    more = wh.store_findings(run, records, found, versions)
    assert {**counts, **{k: v + counts[k] for k, v in more.items()}} == one

    def rows(w: Warehouse) -> list[tuple]:
        with w.engine.connect() as conn:
            return sorted(conn.execute(
                select(schema.findings.c.rule, schema.findings.c.unit, schema.findings.c.region, schema.report_versions.c.sha256)
                .outerjoin(schema.report_versions, schema.findings.c.version_id == schema.report_versions.c.id)))

    assert rows(wh) == rows(other) and len(rows(wh)) == 6


def test_runs_and_counts(wh):
    run = wh.start_run("audit", {"year": 2022})
    wh.store(run, [record(), record(unit="乙县人民政府", level="township")],
             [finding(), finding(rule="narrative.applications", severity="warning"), finding(unit="乙县人民政府")])
    wh.finish_run(run, {"reports": 2})
    info = wh.run_info(run)
    assert info["status"] == "completed" and info["counts"] == {"reports": 2} and info["parameters"] == {"year": 2022}
    assert wh.latest_run_id() == run and [r["id"] for r in wh.runs()] == [run]
    assert wh.counts_by("unit", run) == {"乙县人民政府": {"error": 1, "warning": 0}, "甲县人民政府": {"error": 1, "warning": 1}}
    assert wh.counts_by("level", run)["township"] == {"error": 1, "warning": 0}
    assert wh.counts_across_years() == {2022: {"error": 2, "warning": 1}}
    assert len(wh.run_findings(run)) == 3 and len(wh.findings_for_report("甲县人民政府", 2022, run)) == 2
    # a rerun's sources, with what the audit knew of each (the manifest's unit, region, level, year, date)
    (entry,) = wh.sources(unit="乙县人民政府")
    stored = record(unit="乙县人民政府", level="township")
    assert (entry.file, entry.unit, entry.year, entry.level, entry.region, entry.published_at) == (
        stored.source, "乙县人民政府", 2022, "township", stored.region, stored.published_at)


def test_findings_cli(tmp_path, monkeypatch):
    import json

    from typer.testing import CliRunner

    from disclosure_audit.cli import app

    wh = Warehouse(sqlite_url(tmp_path))
    r1 = wh.start_run("audit", {})
    wh.store(r1, [record(), record(unit="乙县人民政府")], [finding(cells=["t3.new_received.natural_person"]),
                                                          finding(rule="t4.total"), finding(unit="乙县人民政府")])
    r2 = wh.start_run("rerun", {})
    wh.store(r2, [record(sha="e" * 64)], [finding(cells=["t3.new_received.natural_person"])], scope=[("甲县人民政府", 2022)])
    runner = CliRunner()
    res = runner.invoke(app, ["findings", "--db", wh.url, "--unit", "甲县人民政府", "--year", "2022", "--open", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["count"] == 1 and data["findings"][0]["rule"] == "t3.balance"
    assert data["findings"][0]["first_seen_run"] == r1 and data["findings"][0]["last_seen_run"] == r2
    res = runner.invoke(app, ["findings", "--json"], env={"DISCLOSURE_AUDIT_DB_URL": wh.url})
    assert json.loads(res.stdout)["count"] == 3
    from disclosure_audit import cli

    monkeypatch.setattr(cli.console, "width", 300)  # one line per finding
    res = runner.invoke(app, ["findings", "--db", wh.url])
    assert res.exit_code == 0 and "乙县人民政府" in res.stdout and "已整改" in res.stdout and "t4.total" in res.stdout
    res = runner.invoke(app, ["findings", "--db", f"sqlite:///{tmp_path / 'nope.sqlite'}"])
    assert res.exit_code == 2 and "数据仓库文件不存在" in res.output


def test_a_finding_naming_many_cells_is_stored_and_recognised(wh):
    many = finding(rule="completeness.cell", cells=[f"t2.group{i}.row.col" for i in range(200)])
    r1 = wh.start_run("audit", {})
    wh.store(r1, [record()], [many])
    r2 = wh.start_run("audit", {})
    assert wh.store(r2, [record()], [many])["findings_seen"] == 1
    [row] = wh.open_findings()
    assert len(row["cells"]) == 200 and len(row["fingerprint"]) < 400 and row["first_seen_run"] == r1


def test_store_audit_writes_a_whole_run(tmp_path):
    from disclosure_audit.audit import AuditResult
    from disclosure_audit.model import RosterUnit
    from disclosure_audit.warehouse.store import store_audit

    url = sqlite_url(tmp_path)
    roster = [RosterUnit("甲县人民政府", "湖南省/湘潭市", "county", "jia@example.gov.cn")]
    result = AuditResult([record()], [finding()])
    run = store_audit(url, result, roster=roster, parameters={"command": "check"})
    wh = Warehouse(url)
    assert wh.run_info(run)["status"] == "completed" and wh.run_info(run)["counts"]["findings_new"] == 1
    assert wh.roster() == roster and len(wh.open_findings()) == 1
    assert store_audit(url, result) == run + 1 and len(wh.open_findings()) == 1


def test_the_database_keeps_one_open_finding_per_fingerprint(wh, monkeypatch):
    # two runs storing at once could each look a new finding up, miss it and insert it: the
    # partial unique index refuses the second row; the store step's retry then finds it open
    from sqlalchemy.exc import IntegrityError

    from disclosure_audit.warehouse import load

    r1 = wh.start_run("audit", {})
    wh.store(r1, [record()], [finding()])
    r2 = wh.start_run("audit", {})
    real = load.lookup
    monkeypatch.setattr(load, "lookup", lambda conn, key_col, *a, **k: {} if key_col is schema.findings.c.fingerprint
                        else real(conn, key_col, *a, **k))  # blind, as if r1 had not committed yet
    with pytest.raises(IntegrityError):
        wh.store(r2, [record()], [finding()])
    monkeypatch.setattr(load, "lookup", real)
    assert wh.store(r2, [record()], [finding()])["findings_seen"] == 1  # the retry
    assert count(wh, schema.findings) == 1
    # a resolved row does not count: the same problem may come back as a new open one
    r3 = wh.start_run("rerun", {})
    wh.store(r3, [record(sha="b" * 64)], [])
    r4 = wh.start_run("rerun", {})
    wh.store(r4, [record(sha="c" * 64)], [finding()])
    assert count(wh, schema.findings) == 2 and len(wh.open_findings()) == 1


def test_migration_0003_merges_open_duplicates_left_by_overlapping_runs(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine, insert

    from disclosure_audit.warehouse.migrate import alembic_config

    url = sqlite_url(tmp_path)
    engine = create_engine(url)
    row = {"run_id": 1, "rule": "t3.balance", "severity": "error", "cells": [], "message": "m", "fingerprint": "甲|2022|t3.balance|",
           "first_seen_run": 1, "last_seen_run": 1, "status": "open"}
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(insert(schema.findings), [row, {**row, "last_seen_run": 2}, {**row, "fingerprint": "乙"}])
    wh = Warehouse(url)  # migrates to the newest revision
    rows = sorted(wh.findings(), key=lambda f: f["id"])
    assert [(f["fingerprint"], f["status"]) for f in rows] == [("甲|2022|t3.balance|", "resolved"), ("甲|2022|t3.balance|", "open"), ("乙", "open")]
    assert rows[0]["resolved_run"] == 1
