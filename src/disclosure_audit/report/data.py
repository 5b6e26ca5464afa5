"""Everything the run's report needs, read from the warehouse once and kept as plain dicts.

Only the warehouse's public methods are called (``run_info``, ``run_reports``, ``run_findings``,
``run_summary``, ``cells_of_versions``, ``counts_across_years``, ``reports_per_year``), so
this module imports neither SQLAlchemy nor Prefect, and a test can pass any object offering them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class ReportSource(Protocol):
    """The part of ``disclosure_audit.warehouse.Warehouse`` the report reads."""

    def run_info(self, run_id: int) -> dict[str, Any] | None: ...
    def run_reports(self, run_id: int) -> list[dict[str, Any]]: ...
    def run_findings(self, run_id: int) -> list[dict[str, Any]]: ...
    def run_summary(self, run_id: int) -> dict[str, Any]: ...
    def cells_of_versions(self, version_ids: Any) -> dict[int, dict[str, Any]]: ...
    def counts_across_years(self, status: str | None = "open") -> dict[Any, dict[str, int]]: ...
    def reports_per_year(self) -> dict[Any, int]: ...


class UnknownRun(LookupError):
    """The warehouse has no run with this id."""


@dataclass
class RunData:
    """One run as the report sees it."""

    run: dict[str, Any]  # the audit_runs row: id, kind, parameters, started_at, finished_at, status
    reports: list[dict[str, Any]]  # the report versions the run read
    findings: list[dict[str, Any]]  # every finding the run reported (open, or resolved by a later run)
    resolved: int  # findings this run found corrected
    cells: dict[int, dict[str, Any]]  # cells of the versions with findings
    year_findings: dict[Any, dict[str, int]]  # {year: {error, warning}} over the whole warehouse
    year_reports: dict[Any, int]  # {year: reports stored}

    @property
    def run_id(self) -> Any:
        return self.run.get("id")

    @property
    def open_findings(self) -> list[dict[str, Any]]:
        """The run's findings not yet corrected: the rectification list."""
        return [f for f in self.findings if f.get("status", "open") == "open"]


def gather(wh: ReportSource, run_id: int) -> RunData:
    """Read run ``run_id``; ``UnknownRun`` when the warehouse does not have it."""
    info = wh.run_info(run_id)
    if not info:
        raise UnknownRun(run_id)
    findings = wh.run_findings(run_id)
    with_findings = {f["version_id"] for f in findings if f.get("version_id") is not None}
    return RunData(
        run=dict(info),
        reports=wh.run_reports(run_id),
        findings=findings,
        resolved=int(wh.run_summary(run_id)["resolved_findings"]),  # a count, not the rows
        cells=wh.cells_of_versions(with_findings),
        year_findings=wh.counts_across_years(None),
        year_reports=wh.reports_per_year(),
    )
