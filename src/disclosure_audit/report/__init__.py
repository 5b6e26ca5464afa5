"""The run's report for people: one self-contained HTML file (headline figures, charts, the units
table with filters, a drill-down into each report's tables with the offending cells marked) and
the Excel rectification list (整改清单), one sheet per region.

    from disclosure_audit.report import write_report
    write_report(Warehouse(url), run_id, "out/")  # -> {"html": Path, "excel": Path}

Modules: ``data`` (read the warehouse once, plain dicts), ``figures`` (numbers and tables from
plain dicts), ``layout`` (the templates' printed tables), ``charts`` (altair + vl-convert → SVG),
``html`` (the page), ``excel`` (the workbook), ``build`` (puts the page together).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from disclosure_audit.report.data import UnknownRun
from disclosure_audit.report.figures import DEFAULT_DEADLINE_DAYS

__all__ = ["DEFAULT_DEADLINE_DAYS", "UnknownRun", "report_paths", "write_report"]


def report_paths(out_dir: str | Path, run_id: Any) -> dict[str, Path]:
    """Where the report of ``run_id`` is written inside ``out_dir``."""
    out = Path(out_dir)
    return {"html": out / f"审核报告-运行{run_id}.html", "excel": out / f"整改清单-运行{run_id}.xlsx"}


def write_report(warehouse: Any, run_id: Any, out_dir: str | Path, *,
                 deadline_days: int = DEFAULT_DEADLINE_DAYS) -> dict[str, Path]:
    """Write the HTML report and the Excel rectification list of run ``run_id``.

    ``warehouse``: a ``disclosure_audit.warehouse.Warehouse`` (or its URL). ``deadline_days``:
    整改期限 = the run's date (China time) + this many days. Raises ``UnknownRun`` when the
    warehouse has no such run. Returns {"html": path, "excel": path}.
    """
    from disclosure_audit.report.build import build_page
    from disclosure_audit.report.data import gather
    from disclosure_audit.report.excel import write_excel
    from disclosure_audit.report.figures import rectification_deadline
    from disclosure_audit.report.html import render_html

    if isinstance(warehouse, str):
        from disclosure_audit.warehouse import Warehouse

        warehouse = Warehouse(warehouse)
    data = gather(warehouse, int(run_id))
    paths = report_paths(out_dir, run_id)
    paths["html"].parent.mkdir(parents=True, exist_ok=True)
    deadline = rectification_deadline(data.run.get("started_at"), deadline_days)
    write_excel(paths["excel"], data.run, data.open_findings, deadline, deadline_days)
    page = build_page(data, excel_name=paths["excel"].name, deadline=deadline)
    paths["html"].write_text(render_html(page), encoding="utf-8")
    return paths
