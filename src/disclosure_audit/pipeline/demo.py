"""The demo province: where ``disclosure-audit demo`` writes it and what it audits.

It uses the synthetic province generator (``disclosure_audit.synth``) when available, else the
tiny built-in example of ``pipeline.example``; either way the result is a landing folder with a
manifest, a roster, a damaged file, and reports with some defects.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class DemoLayout:
    """Where the demo writes everything."""

    out: Path

    @property
    def province(self) -> Path:
        return self.out / "province"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{(self.out / 'warehouse.db').resolve()}"

    @property
    def emails(self) -> Path:
        return self.out / "emails"

    @property
    def report(self) -> Path:
        return self.out / "report"


@dataclass
class DemoProvince:
    folder: Path
    manifest: Path | None
    roster: Path | None
    year: int | None


def make_province(layout: DemoLayout, units: int) -> DemoProvince:
    """Write the demo province under ``layout.province`` (the old one is replaced)."""
    import shutil

    shutil.rmtree(layout.province, ignore_errors=True)
    from disclosure_audit.pipeline.example import write_example_province

    ex = write_example_province(layout.province, units=units)
    return DemoProvince(ex.folder, ex.manifest, ex.roster, ex.year)
