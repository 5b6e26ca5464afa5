"""Check a batch of records with every rule: ``checks.run_checks`` once over the whole batch, with
the previous-year reports as history and the roster for roster.missing and deadlines. When the
run's outputs process is running, it validates the largest template's frame with GX and writes
its Data Docs meanwhile (``pipeline.outputs``)."""

from __future__ import annotations

from pathlib import Path

from disclosure_audit.model import Finding, ReportRecord, RosterUnit


def check(
    records: list[ReportRecord],
    *,
    history: list[ReportRecord],
    roster: str | list[RosterUnit] | None,
    out: str | None = None,
    year: int | None = None,
    also_present: set[tuple[str, int]] | None = None,
    peers: list[ReportRecord] | None = None,
) -> list[Finding]:
    """All findings of the batch (not the unreadable files: the parse step made those);
    ``roster``: a roster CSV or its units; ``peers``: reports only compared with (see
    ``checks.run_checks``)."""
    from disclosure_audit.checks import run_checks

    units = roster or None
    if isinstance(roster, str):
        from disclosure_audit.roster import load_roster

        units = load_roster(roster)
    from disclosure_audit.pipeline import outputs

    docs_dir = (Path(out) / "data-docs").resolve() if out else None  # GX wants an absolute path
    years = {year} if year is not None else None
    return list(
        run_checks(records, history=history, roster=units, docs_dir=docs_dir, years=years, also_present=also_present,
                   peers=peers or [], remote_gx=outputs.remote_gx())
    )
