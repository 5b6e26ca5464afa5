"""The ``disclosure-audit`` command line (typer + rich). Each command is a thin wrapper: it parses
options, calls the plain functions of the package and prints. Errors are one line in Chinese or
English naming the file and the reason, with exit status 2, never a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console

from disclosure_audit.offline import ensure_offline

ensure_offline()

app = typer.Typer(
    help="disclosure-audit: 政府信息公开工作年度报告自动审核 (parse, check, run, report).",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)


@app.callback()
def _root() -> None:
    """disclosure-audit: 政府信息公开工作年度报告自动审核."""


def _fail(message: str, code: int = 2) -> None:
    err_console.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def parse(
    file: Path = typer.Argument(..., help="A report file: .txt, .html, .docx or .pdf"),
    as_json: bool = typer.Option(False, "--json", help="Print the canonical record as JSON"),
) -> None:
    """Read one report and print its canonical record (values by canonical cell key)."""
    from disclosure_audit.model import ParseError
    from disclosure_audit.readers import read_report

    try:
        record = read_report(file)
    except ParseError as exc:
        _fail(str(exc))
        return
    if as_json:
        sys.stdout.write(json.dumps(record.to_json(), ensure_ascii=False, indent=1) + "\n")
        return
    from disclosure_audit.readers.render import render_record

    render_record(record, console)


def _print_summary(summary: dict) -> None:
    from disclosure_audit.pipeline.display import print_outputs, summary_table

    console.print(summary_table(summary))
    print_outputs(summary, console)


def _run_flow(name: str, verbose: bool, **parameters: object) -> dict:
    from disclosure_audit.flows.local import run_flow
    from disclosure_audit.manifest import ManifestError
    from disclosure_audit.pipeline.inputs import validate_inputs
    from disclosure_audit.roster import RosterError

    try:
        validate_inputs(parameters.get("path"), parameters.get("manifest"), parameters.get("roster"))  # type: ignore[arg-type]
        return run_flow(name, console, verbose=verbose, **parameters)
    except (ManifestError, RosterError, FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


@app.command()
def run(
    path: Path = typer.Argument(..., help="Landing folder of the reports (searched recursively)"),
    manifest: Path | None = typer.Option(None, "--manifest", help="Manifest CSV: file, unit, region, level, year, published_at, contact"),
    roster: Path | None = typer.Option(None, "--roster", help="Roster CSV of the units that must report"),
    year: int | None = typer.Option(None, "--year", help="Audit only this report year"),
    db: str | None = typer.Option(None, "--db", help="Warehouse URL (default: $DISCLOSURE_AUDIT_DB_URL or sqlite:///disclosure-audit.sqlite)"),
    out: Path = typer.Option(Path("disclosure-audit-output"), "--out", help="Folder for the HTML report and the Excel list"),
    task_runner: str = typer.Option("threads", "--task-runner", help="threads or dask"),
    dask_address: str | None = typer.Option(None, "--dask-address", help="Scheduler of an existing Dask cluster"),
    dask_workers: int = typer.Option(2, "--dask-workers", help="Workers of the local Dask cluster"),
    chunk_size: int = typer.Option(250, "--chunk-size", help="Reports per parse task"),
    dry_run_alerts: Path | None = typer.Option(None, "--dry-run-alerts", help="Write alert emails as .eml files here instead of sending"),
    verbose: bool = typer.Option(False, "--verbose", help="Show Prefect's log lines"),
) -> None:
    """Audit a landing folder end to end (province-audit flow, run here; no Prefect server needed)."""
    if task_runner not in ("threads", "dask"):
        _fail(f"--task-runner 只能是 threads 或 dask，而不是 {task_runner}")
    summary = _run_flow(
        "province-audit", verbose, path=str(path), manifest=str(manifest) if manifest else None,
        roster=str(roster) if roster else None, year=year, db_url=db, out=str(out), task_runner=task_runner,
        chunk_size=chunk_size, dry_run_alerts=str(dry_run_alerts) if dry_run_alerts else None,
        dask_address=dask_address, dask_workers=dask_workers,
    )
    _print_summary(summary)


@app.command()
def rerun(
    unit: str | None = typer.Option(None, "--unit", help="Re-check this unit"),
    year: int | None = typer.Option(None, "--year", help="Re-check this report year"),
    region: str | None = typer.Option(None, "--region", help="Re-check this region"),
    path: Path | None = typer.Option(None, "--path", help="Landing folder (when the warehouse has no stored sources)"),
    manifest: Path | None = typer.Option(None, "--manifest", help="Manifest CSV of the landing folder"),
    roster: Path | None = typer.Option(None, "--roster", help="Roster CSV"),
    db: str | None = typer.Option(None, "--db", help="Warehouse URL (default: $DISCLOSURE_AUDIT_DB_URL or the SQLite file)"),
    out: Path = typer.Option(Path("disclosure-audit-output"), "--out", help="Folder for the report"),
    dry_run_alerts: Path | None = typer.Option(None, "--dry-run-alerts", help="Write alert emails as .eml files here"),
    verbose: bool = typer.Option(False, "--verbose", help="Show Prefect's log lines"),
) -> None:
    """Re-check one unit, one region or one year after a correction; alert only on what is new."""
    if unit is None and region is None and year is None:
        _fail("请至少指定 --unit、--region 或 --year 之一")
    summary = _run_flow(
        "rerun", verbose, unit=unit, region=region, year=year, path=str(path) if path else None,
        manifest=str(manifest) if manifest else None, roster=str(roster) if roster else None, db_url=db,
        out=str(out), dry_run_alerts=str(dry_run_alerts) if dry_run_alerts else None,
    )
    _print_summary(summary)


@app.command()
def demo(
    units: int = typer.Option(6, "--units", help="Units of the synthetic province"),
    out: Path = typer.Option(Path("disclosure-audit-demo"), "--out", help="Folder for the demo"),
    verbose: bool = typer.Option(False, "--verbose", help="Show Prefect's log lines"),
) -> None:
    """Generate a small synthetic province and audit it end to end (SQLite, alerts as .eml files)."""
    from disclosure_audit.pipeline.demo import DemoLayout, make_province

    layout = DemoLayout(out)
    province = make_province(layout, units)
    console.print(f"已生成示例年报：{province.folder}")
    summary = _run_flow(
        "province-audit", verbose, path=str(province.folder), manifest=str(province.manifest),
        roster=str(province.roster), year=province.year, db_url=layout.db_url,
        out=str(layout.report), dry_run_alerts=str(layout.emails),
    )
    _print_summary(summary)
    emails = sorted(layout.emails.glob("**/*.eml")) if layout.emails.exists() else []
    console.print(f"提醒邮件（演示：未实际发送，写成 {len(emails)} 个 .eml 文件）：{layout.emails}", highlight=False, soft_wrap=True)


@app.command()
def generate(
    out: Path = typer.Argument(..., help="Folder for the synthetic province (landing/, roster.csv, labels.jsonl)"),
    units: int = typer.Option(..., "--units", help="Units on the roster (a real province: ~10,000)"),
    years: str = typer.Option("2019-2024", "--years", help="Report years, e.g. 2019-2024 or 2022,2023"),
    formats: str = typer.Option("txt,html,docx,pdf", "--formats", help="File formats to draw from"),
    error_rate: float = typer.Option(0.1, "--error-rate", help="Share of reports (0-1) with one planted defect"),
    seed: int = typer.Option(1, "--seed", help="Random seed (same seed, same files)"),
    township_deadline: str = typer.Option("02-28", "--township-deadline", help="MM-DD by which townships publish (set by the province)"),
    workers: int = typer.Option(1, "--workers", help="Processes rendering the files"),
) -> None:
    """Generate a synthetic province: reports of every unit and year, manifest, roster and the
    expected findings (labels.jsonl) of a correct audit."""
    import time

    from disclosure_audit.synth.generate import generate as generate_province
    from disclosure_audit.synth.generate import parse_years

    if units < 1:
        _fail("--units must be at least 1")
    try:
        year_list = parse_years(years)
        started = time.perf_counter()
        prov = generate_province(out, units, year_list, [f.strip() for f in formats.split(",") if f.strip()], error_rate, seed,
                                 township_deadline=township_deadline, workers=workers)
    except ValueError as exc:
        _fail(str(exc))
        return
    files = sum(1 for p in prov.plans if not p.missing)
    labels = sum(1 for _ in open(prov.labels, encoding="utf-8"))
    console.print(f"已生成 {len(prov.units)} 家单位、{len(prov.years)} 个年度的 {files} 份年报"
                  f"（植入问题 {sum(prov.defects.values())} 处，预期发现 {labels} 条），用时 {time.perf_counter() - started:.1f} 秒", highlight=False)
    console.print(f"年报与清单：{prov.landing}\n名单：{prov.roster}\n预期结果：{prov.labels}", highlight=False, soft_wrap=True)


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="Report files or folders"),
    roster: Path | None = typer.Option(None, "--roster", help="Roster CSV (unit,region,level,email,…)"),
    manifest: Path | None = typer.Option(None, "--manifest", help="Manifest CSV: file, unit, region, level, year, published_at, contact"),
    as_json: bool = typer.Option(False, "--json", help="Print findings as JSON"),
    fail_on: str | None = typer.Option(None, "--fail-on", help="Exit 1 when a finding of this severity exists (error)"),
    engine: str = typer.Option("both", "--engine", help="both, pandera or gx"),
    db: str | None = typer.Option(None, "--db", help="Also store the run in this warehouse (SQLAlchemy URL)"),
) -> None:
    """Parse and check reports; print each report's findings (exit 0 when the audit ran)."""
    from disclosure_audit.audit import audit_paths
    from disclosure_audit.checks.render import print_findings, result_json
    from disclosure_audit.manifest import ManifestError
    from disclosure_audit.roster import RosterError, load_roster

    if fail_on not in (None, "error", "warning"):
        _fail("--fail-on takes error or warning")
    for p in paths:
        if not p.exists():
            _fail(f"{p}: no such file or folder")
    try:
        units = load_roster(roster) if roster else None
    except RosterError as exc:
        _fail(str(exc))
        return
    if manifest is not None and not manifest.is_file():
        _fail(f"{manifest}: 清单文件不存在；请检查 --manifest 的路径")
    try:
        result = audit_paths(paths, roster=units, engine=engine, manifest=manifest)
    except ManifestError as exc:
        _fail(str(exc))
        return
    if db:
        from disclosure_audit.warehouse.store import store_audit

        run_id = store_audit(db, result, roster=units, parameters={"paths": [str(p) for p in paths], "command": "check"})
        err_console.print(f"已写入数据仓库 {db}（运行编号 {run_id}）")
    if as_json:
        sys.stdout.write(json.dumps(result_json(result), ensure_ascii=False, indent=1, default=str) + "\n")
    else:
        print_findings(result, console)
    severities = {"error": {"error"}, "warning": {"error", "warning"}}.get(fail_on or "", set())
    if any(f.severity in severities for f in result.findings):
        raise typer.Exit(1)


def _existing_warehouse(db: str | None) -> str:
    """The warehouse URL to read from; a SQLite file that is not there is a one-line error (reading
    must not create an empty warehouse)."""
    from disclosure_audit.warehouse import resolve_db_url
    from disclosure_audit.warehouse.connection import sqlite_file

    url = resolve_db_url(db)
    path = sqlite_file(url)
    if path and not Path(path).exists():
        _fail(f"{url}: 数据仓库文件不存在；请先运行 disclosure-audit run 或 check --db，或用 --db 指定仓库")
    return url


@app.command()
def findings(
    db: str | None = typer.Option(None, "--db", help="Warehouse URL (default: $DISCLOSURE_AUDIT_DB_URL or sqlite:///disclosure-audit.sqlite)"),
    unit: str | None = typer.Option(None, "--unit", help="Only this unit"),
    year: int | None = typer.Option(None, "--year", help="Only this report year"),
    open_only: bool = typer.Option(False, "--open", help="Only findings not yet corrected"),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON"),
) -> None:
    """List the findings stored in the warehouse (by unit, year, open)."""
    from sqlalchemy.exc import SQLAlchemyError

    from disclosure_audit.warehouse import Warehouse
    from disclosure_audit.warehouse.listing import findings_json, findings_table

    url = _existing_warehouse(db)
    try:
        rows = Warehouse(url).findings(unit=unit, year=year, open_only=open_only)
    except SQLAlchemyError as exc:
        _fail(f"{url}: 无法读取数据仓库（{type(exc).__name__}: {str(exc).splitlines()[0]}）")
        return
    if as_json:
        sys.stdout.write(json.dumps(findings_json(rows), ensure_ascii=False, indent=1, default=str) + "\n")
        return
    scope = "、".join(x for x in (unit, f"{year} 年度" if year else None, "未整改" if open_only else None) if x)
    console.print(findings_table(rows, f"问题清单（{scope or '全部'}）：{len(rows)} 条"))


@app.command()
def report(
    out: Path = typer.Argument(..., help="Folder for the HTML report and the Excel rectification list"),
    db: str | None = typer.Option(None, "--db", help="Warehouse URL (default: $DISCLOSURE_AUDIT_DB_URL or sqlite:///disclosure-audit.sqlite)"),
    run_id: int | None = typer.Option(None, "--run", help="Run id (default: the latest run)"),
    deadline_days: int = typer.Option(15, "--deadline-days", help="整改期限 = run date + this many days"),
) -> None:
    """Write the HTML report and the Excel rectification list (整改清单) of a stored run."""
    from sqlalchemy.exc import SQLAlchemyError

    from disclosure_audit.pipeline.display import print_outputs
    from disclosure_audit.report import UnknownRun, write_report
    from disclosure_audit.warehouse import Warehouse

    url = _existing_warehouse(db)
    try:
        wh = Warehouse(url)
        run_id = run_id if run_id is not None else wh.latest_run_id()
        if run_id is None:
            _fail(f"{url}: 数据仓库中还没有审核运行；请先运行 disclosure-audit run")
        latest = wh.latest_run_id()
        if latest is not None and run_id < latest and wh.run_info(run_id) is not None:
            # later runs moved the reports and findings they saw again on to themselves: a report of
            # this run would leave them out and read as corrected
            _fail(f"{url}: 运行 {run_id} 之后已有运行 {latest}，年报和问题记录已随之更新，旧运行的报告会不完整；"
                  f"请为最新运行生成报告（去掉 --run），或重新运行全省审核（disclosure-audit run）")
        written = write_report(wh, run_id, out, deadline_days=deadline_days)
    except UnknownRun:
        latest = wh.latest_run_id()
        _fail(f"{url}: 数据仓库中没有编号为 {run_id} 的审核运行（最新的运行编号是 {latest}）")
        return
    except SQLAlchemyError as exc:
        _fail(f"{url}: 无法读取数据仓库（{type(exc).__name__}: {str(exc).splitlines()[0]}）")
        return
    except OSError as exc:
        _fail(f"{out}: 无法写入报告（{exc.strerror or exc}）")
        return
    print_outputs({"outputs": {k: str(v) for k, v in written.items()}}, console)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
