"""Where ``disclosure-audit demo`` writes everything, and the province it audits: a small province
of the synthetic-province generator (``synth.generate``): two years of reports in every format,
a manifest, a roster, and a few planted defects of several kinds, always including a damaged file
and a unit that published nothing (``DEMO_KINDS``)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from disclosure_audit.synth.generate import generate

# the defects of the demo: a damaged file, a unit without a report, and a few errors of other kinds
DEMO_KINDS = ["unreadable", "missing_report", "t4_total", "carry_over", "narrative_applications", "late"]
DEMO_YEARS = (2023, 2024)


@dataclass
class DemoLayout:
    """The demo's folder: province, warehouse, emails, report."""

    out: Path

    @property
    def province(self) -> Path:
        return self.out / "province"

    @property
    def db_file(self) -> Path:
        return self.out / "warehouse.db"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db_file.resolve()}"

    @property
    def emails(self) -> Path:
        return self.out / "emails"

    @property
    def report(self) -> Path:
        return self.out / "report"


@dataclass
class DemoProvince:
    """The generated demo province: what the demo's audit run reads."""

    folder: Path  # the landing folder (reports + manifest)
    manifest: Path
    roster: Path
    labels: Path  # what a correct audit finds (labels.jsonl)
    year: int | None  # the year to audit; None: every year (so that last year's reports are compared)


def make_province(layout: DemoLayout, units: int, seed: int = 7) -> DemoProvince:
    """Write the demo province; a previous demo in the same folder (province, warehouse, emails,
    report) is replaced so that every demo starts from scratch."""
    for folder in (layout.province, layout.emails, layout.report):
        shutil.rmtree(folder, ignore_errors=True)
    layout.db_file.unlink(missing_ok=True)
    units = max(units, 3)
    reports = units * len(DEMO_YEARS)
    prov = generate(layout.province, units, DEMO_YEARS, error_rate=min(1.0, len(DEMO_KINDS) / reports), seed=seed, kinds=DEMO_KINDS)
    return DemoProvince(prov.landing, prov.manifest, prov.roster, prov.labels, None)
