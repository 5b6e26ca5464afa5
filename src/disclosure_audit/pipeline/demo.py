"""Where ``disclosure-audit demo`` writes everything, and the province it audits: the built-in
example of ``pipeline.example`` (a landing folder with a manifest, a roster, a damaged file, a
file in another format and a report with a wrong 总计). When the full synthetic-province generator
of ``disclosure_audit.synth`` lands, ``make_province`` is the one place to switch to it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from disclosure_audit.pipeline.example import ExampleProvince, write_example_province


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


def make_province(layout: DemoLayout, units: int) -> ExampleProvince:
    """Write the demo province; a previous demo in the same folder (province, warehouse, emails,
    report) is replaced so that every demo starts from scratch."""
    for folder in (layout.province, layout.emails, layout.report):
        shutil.rmtree(folder, ignore_errors=True)
    layout.db_file.unlink(missing_ok=True)
    return write_example_province(layout.province, units=units)
