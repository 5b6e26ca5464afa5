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

# Writes the Data Docs of one template's frame into a folder: (frame, template id, folder). Given,
# it is called instead of validating with Data Docs here (a second process may write them, see
# ``pipeline.outputs``), and GX validates here without them.
DocsWriter = Callable[[Any, str, Path], None]


def engine_violations(records: list[ReportRecord], engine: str = "both", docs_dir: Path | None = None,
                      docs_writer: DocsWriter | None = None) -> dict[tuple[int, str, str], set[str]]:
    """(report, rule, subject) -> the engines that reported it; ``docs_dir``: GX's Data Docs there,
    one folder a template (written by ``docs_writer`` when given)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    from disclosure_audit.checks.frame import build_frames, with_helpers  # pandas: not in parse workers

    seen: dict[tuple[int, str, str], set[str]] = {}
    for tid, df in build_frames(records).items():
        found: list[Violation] = []
        if engine in ("both", "pandera"):
            from disclosure_audit.checks import engine_pandera

            found += engine_pandera.validate(df, tid)
        if engine in ("both", "gx"):
            from disclosure_audit.checks import engine_gx

            frame = with_helpers(df, tid)
            if docs_dir is not None and docs_writer is not None:
                docs_writer(frame, tid, docs_dir / tid)
                found += engine_gx.validate(frame, tid)
            else:
                found += engine_gx.validate(frame, tid, docs_dir=docs_dir / tid if docs_dir else None)
        for v in found:
            seen.setdefault((v.report, v.rule, v.subject), set()).add(v.engine)
    return seen


def table_findings(records: list[ReportRecord], engine: str = "both", docs_dir: Path | None = None,
                   docs_writer: DocsWriter | None = None) -> list[Finding]:
    out: list[Finding] = []
    for (i, rule, subject), engines in sorted(engine_violations(records, engine, docs_dir, docs_writer).items()):
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
    docs_writer: DocsWriter | None = None,
) -> list[Finding]:
    """Every finding of ``records``: in-report tables and shape, then the rules across reports.

    ``peers``: other units' reports of the same years that are not checked again, only compared
    with (a rerun of one unit: the year's stored reports, for duplicate.text and roster.missing).
    ``docs_dir``: GX's Data Docs there (by ``docs_writer`` when given, see ``DocsWriter``)."""
    config = config or CheckConfig()
    findings = table_findings(records, engine, docs_dir, docs_writer)
    for rec in records:
        findings += structure_findings(rec)
    cross = _cross_entry()
    if cross is not None:
        findings += cross(records, history=list(history), roster=roster, config=config, years=years,
                          also_present=also_present, peers=list(peers))
    return findings


def _cross_entry():  # noqa: ANN202 - the teammate's entry point, or None while it is not there yet
    try:
        from disclosure_audit.checks.cross import cross_report_findings
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("disclosure_audit.checks.cross"):
            return None
        raise
    return cross_report_findings
