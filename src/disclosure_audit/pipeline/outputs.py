"""The run's report for people: the HTML report and the Excel rectification list (整改清单),
written by ``disclosure_audit.report`` when that module is installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write(db_url: str, run_id: Any, out: str) -> dict[str, str]:
    """{"html": path, "excel": path}; {} when the report module is not available."""
    try:
        from disclosure_audit.report import write_report
    except ImportError:
        return {}
    from disclosure_audit.pipeline.store import open_warehouse

    Path(out).mkdir(parents=True, exist_ok=True)
    written = write_report(open_warehouse(db_url), run_id, out)
    return {k: str(v) for k, v in dict(written or {}).items()}
