"""The province audit on the Dask task runner (a LocalCluster of 2 worker processes pointed at the
session's Prefect API) gives the same findings as on the default threads."""

from __future__ import annotations

from pathlib import Path

from disclosure_audit.pipeline.example import write_example_province
from tests.flow_helpers import emails_in, open_findings


def _audit(ex, work: Path, **runner: object) -> tuple[dict, list[tuple]]:
    from disclosure_audit.flows.province_audit import province_audit

    db = f"sqlite:///{work / 'warehouse.db'}"
    summary = province_audit(
        path=str(ex.folder), manifest=str(ex.manifest), roster=str(ex.roster), year=ex.year, db_url=db,
        out=str(work / "out"), dry_run_alerts=str(work / "emails"), chunk_size=2, **runner,
    )
    findings = sorted(
        (f["rule"], f["severity"], f["unit"] or "", f["year"] or 0, Path(f["source"]).name if f["source"] else "")
        for f in open_findings(db)
    )
    return summary, findings


def test_dask_runner_gives_the_same_findings_as_threads(prefect_harness: None, tmp_path: Path) -> None:
    ex = write_example_province(tmp_path / "province", units=8)
    threads, by_threads = _audit(ex, tmp_path / "threads")
    dask, by_dask = _audit(ex, tmp_path / "dask", task_runner="dask", dask_workers=2, dask_threads=1)
    assert by_dask == by_threads and by_threads
    for key in ("files", "reports", "unreadable", "missing", "by_rule", "by_severity", "alerts_sent"):
        assert dask[key] == threads[key], key
    assert len(emails_in(tmp_path / "dask" / "emails")) == len(emails_in(tmp_path / "threads" / "emails"))
