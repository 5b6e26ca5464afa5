"""Checks: parsed reports -> findings.

``run_checks`` validates all reports of a run at once: the pandera schema and the GX suite of each
template run once over one frame (never once per report), their failures are mapped back to
per-report findings on canonical cells, and a violation both engines see is one finding. The shape
checks (structure, texts, identity) and the rules that look across reports run in plain Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.messages import cell_finding, relation_finding
from disclosure_audit.checks.relations import by_id
from disclosure_audit.checks.structure import structure_findings
from disclosure_audit.checks.violations import Violation
from disclosure_audit.model import Finding, ReportRecord, RosterUnit

ENGINES = ("both", "pandera", "gx")

# Validates one template's frame with GX in another process, writing its Data Docs into a folder
# (``pipeline.outputs``): (frame, template id, folder) -> a call that waits for the violations, or
# None where this process should validate that frame itself. Offered every frame, the largest
# first; each is validated once, with its Data Docs, while this process goes on with pandera, the
# other rules and (in a run) storing the reports.
RemoteGx = Callable[[Any, str, Path], Callable[[], list[Violation]] | None]
Seen = dict[tuple[int, str, str], set[str]]


def start_engine_violations(records: list[ReportRecord], engine: str = "both", docs_dir: Path | None = None,
                            remote_gx: RemoteGx | None = None) -> Callable[[], Seen]:
    """Start validating ``records`` with the engines; the call returned finishes the validation
    and gives ``engine_violations``' result. With ``remote_gx`` (and ``docs_dir``) every frame's
    GX validation is offered to it at once (the largest first); those it takes run until that
    call."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    from disclosure_audit.checks.frame import build_frames, with_helpers  # pandas: not in parse workers

    frames = build_frames(records)
    remote: dict[str, Callable[[], list[Violation]]] = {}
    helped: dict[str, Any] = {}  # the frames with the GX suites' helper columns
    if engine in ("both", "gx") and docs_dir is not None and remote_gx is not None:
        for tid in sorted(frames, key=lambda t: -len(frames[t])):
            helped[tid] = with_helpers(frames[tid], tid)
            wait = remote_gx(helped[tid], tid, docs_dir / tid)
            if wait is not None:
                remote[tid] = wait

    def finish() -> Seen:
        found: list[Violation] = []
        for tid, df in frames.items():
            if engine in ("both", "pandera"):
                from disclosure_audit.checks import engine_pandera

                found += engine_pandera.validate(df, tid)
            if engine in ("both", "gx") and tid not in remote:
                from disclosure_audit.checks import engine_gx

                frame = helped[tid] if tid in helped else with_helpers(df, tid)
                found += engine_gx.validate(frame, tid, docs_dir=docs_dir / tid if docs_dir else None)
        for wait in remote.values():
            found += wait()
        seen: Seen = {}
        for v in found:
            seen.setdefault((v.report, v.rule, v.subject), set()).add(v.engine)
        return seen

    return finish


def engine_violations(records: list[ReportRecord], engine: str = "both", docs_dir: Path | None = None,
                      remote_gx: RemoteGx | None = None) -> Seen:
    """(report, rule, subject) -> the engines that reported it; ``docs_dir``: GX's Data Docs there,
    one folder a template (see ``RemoteGx`` for ``remote_gx``)."""
    return start_engine_violations(records, engine, docs_dir, remote_gx)()


def table_findings(records: list[ReportRecord], seen: Seen) -> list[Finding]:
    """The findings of the engines' violations (``engine_violations``)."""
    out: list[Finding] = []
    for (i, rule, subject), engines in sorted(seen.items()):
        rec = records[i]
        rels = by_id(_frame_tid(rec))
        if subject in rels:
            if _mixed_variant_not_applicable(rec, subject):
                continue
            f = relation_finding(rec, rels[subject])
        else:
            row = subject.rsplit(".", 1)[0]
            if rule == "completeness.cell" and (row in rec.missing_rows or subject.split(".")[0] in rec.missing_tables):
                continue  # reported once as structure.tables
            f = cell_finding(rec, rule, subject)
        f.details["engines"] = sorted(engines)
        out.append(f)
    return out


def _mixed_variant_not_applicable(rec: ReportRecord, relation_id: str) -> bool:
    """``t3.results_total~mixed`` sums the single （六）其他处理 row for reports that print it instead
    of its three sub-rows; a report printing both is checked by t3.results_total over the sub-rows
    and by t3.other_handling, so the variant would report the same difference a second time."""
    if "~mixed" not in relation_id:
        return False
    from disclosure_audit import templates

    c = relation_id.split(":", 1)[1]
    return all(rec.values.get(f"t3.{s}.{c}") is not None for s in templates.T3_OTHER_HANDLING_SUBROWS)


def _frame_tid(rec: ReportRecord) -> str:
    from disclosure_audit.checks.relations import frame_template

    return frame_template(rec.values)


def run_checks(
    records: list[ReportRecord],
    *,
    history: list[ReportRecord] | tuple = (),
    roster: list[RosterUnit] | None = None,
    config: CheckConfig | None = None,
    engine: str = "both",
    docs_dir: Path | None = None,
    years: set[int] | None = None,
    also_present: set[tuple[str, int]] | None = None,
    peers: list[ReportRecord] | tuple = (),
    remote_gx: RemoteGx | None = None,
    tables: Callable[[], Seen] | None = None,
) -> list[Finding]:
    """Every finding of ``records``: in-report tables and shape, then the rules across reports.

    ``peers``: other units' reports of the same years that are not checked again, only compared
    with (a rerun of one unit: the year's stored reports, for duplicate.text and roster.missing).
    ``docs_dir``: GX's Data Docs there; ``remote_gx``: see ``RemoteGx`` (its frames are validated
    while the shape and cross-report rules run here). ``tables``: the engines' validation of
    ``records`` started earlier by ``start_engine_violations`` (then ``engine``, ``docs_dir`` and
    ``remote_gx`` are not used)."""
    config = config or CheckConfig()
    finish_tables = tables or start_engine_violations(records, engine, docs_dir, remote_gx)
    shape: list[Finding] = []
    for rec in records:
        shape += structure_findings(rec)
    across: list[Finding] = []
    cross = _cross_entry()
    if cross is not None:
        across = cross(records, history=list(history), roster=roster, config=config, years=years,
                       also_present=also_present, peers=list(peers))
    return table_findings(records, finish_tables()) + shape + across


def _cross_entry():  # noqa: ANN202 - the teammate's entry point, or None while it is not there yet
    try:
        from disclosure_audit.checks.cross import cross_report_findings
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("disclosure_audit.checks.cross"):
            return None
        raise
    return cross_report_findings
