"""Check a batch of records with every rule: ``checks.run_checks`` once over the whole batch, with
the previous-year reports as history and the roster for roster.missing and deadlines. When the
run's outputs process is running, it validates template frames with GX and writes their Data
Docs meanwhile (``pipeline.outputs``); ``start_tables`` hands them over before the run stores
its reports, so that GX runs while they are written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from disclosure_audit.model import Finding, ReportRecord, RosterUnit

if TYPE_CHECKING:  # the checks import pandas: not at import time
    from disclosure_audit.checks import Seen

Tables = Callable[[], "Seen"]  # ``checks.start_engine_violations``' call that finishes the validation


def docs_folder(out: str | None) -> Path | None:
    """Where GX writes its Data Docs: ``OUT/data-docs`` (absolute: GX wants one); None without OUT."""
    return (Path(out) / "data-docs").resolve() if out else None


def start_tables(records: list[ReportRecord], out: str | None) -> Tables:
    """Start validating the records' tables (pandera, GX): the frames the outputs' process takes
    are validated there from now on; the call returned, given to ``check``, finishes the rest."""
    from disclosure_audit.checks import start_engine_violations
    from disclosure_audit.pipeline import outputs

    return start_engine_violations(records, "both", docs_folder(out), outputs.remote_gx())


def check(
    records: list[ReportRecord],
    *,
    history: list[ReportRecord],
    roster: str | list[RosterUnit] | None,
    out: str | None = None,
    year: int | None = None,
    also_present: set[tuple[str, int]] | None = None,
    peers: list[ReportRecord] | None = None,
    tables: Tables | None = None,
) -> list[Finding]:
    """All findings of the batch (not the unreadable files: the parse step made those);
    ``roster``: a roster CSV or its units; ``peers``: reports only compared with (see
    ``checks.run_checks``); ``tables``: the validation ``start_tables`` started for these records."""
    from disclosure_audit.checks import run_checks

    units = roster or None
    if isinstance(roster, str):
        from disclosure_audit.roster import load_roster

        units = load_roster(roster)
    from disclosure_audit.pipeline import outputs

    years = {year} if year is not None else None
    return list(
        run_checks(records, history=history, roster=units, docs_dir=docs_folder(out), years=years, also_present=also_present,
                   peers=peers or [], remote_gx=outputs.remote_gx(), tables=tables)
    )
