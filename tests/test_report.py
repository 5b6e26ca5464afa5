"""The run's report on a real audit of the built-in example province (parsed, checked and stored
with the plain functions, no Prefect): the HTML report in a real headless Chromium (charts drawn,
filters, the drill-down with the offending cells), the Excel rectification list read back with
openpyxl, the file being self-contained and escaped, the ``report`` command, PostgreSQL."""

from __future__ import annotations

import json
import re
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from disclosure_audit.pipeline.example import ExampleProvince, write_example_province
from disclosure_audit.report import write_report
from disclosure_audit.report.excel import HEADERS, README_SHEET
from disclosure_audit.report.payload import decode_details, decode_rows
from disclosure_audit.warehouse import Warehouse
from tests.wh_fixtures import finding, record, sqlite_url


def audit_example(province: ExampleProvince, db_url: str) -> int:
    """Discover, parse, check and store the province as one run (what the flow does); its id."""
    from disclosure_audit.manifest import load_manifest
    from disclosure_audit.pipeline.checking import check
    from disclosure_audit.pipeline.discover import discover
    from disclosure_audit.pipeline.parse import parse_chunk, present, rejected_findings
    from disclosure_audit.roster import load_roster

    found = discover(province.folder, load_manifest(province.manifest), province.manifest, province.year, [province.roster])
    parsed = parse_chunk(found.sources)
    unreadable = parsed.unreadable + rejected_findings(found.rejected)
    findings = unreadable + check(parsed.records, history=[], roster=str(province.roster), year=province.year,
                                  also_present=present(unreadable))
    wh = Warehouse(db_url)
    wh.upsert_units(load_roster(province.roster))
    run_id = wh.start_run("province-audit", {"year": province.year})
    wh.store(run_id, parsed.records, findings)
    wh.finish_run(run_id)
    return run_id


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("report")
    province = write_example_province(work / "province", units=6)
    url = f"sqlite:///{work / 'warehouse.db'}"
    run_id = audit_example(province, url)
    paths = write_report(Warehouse(url), run_id, work / "out")
    return {"province": province, "url": url, "run": run_id, "paths": paths, "wh": Warehouse(url)}


def page_data(html: str) -> dict[str, Any]:
    """The page's JSON, unpacked: rows and details as dicts, layouts."""
    m = re.search(r'<script type="application/json" id="da-data">(.*?)</script>', html, re.S)
    assert m, "the report carries its data as JSON"
    raw = json.loads(m.group(1))
    return {"rows": decode_rows(raw), "details": decode_details(raw), "layouts": raw["layouts"]}


# -- the browser -----------------------------------------------------------------------------------
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("no Chromium installed (Debian: apt-get install chromium; .ci/run installs it)")
    return path


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201 - yields a playwright Browser
    exe = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        yield b
        b.close()


def open_report(browser: Any, html: Path) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(html.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    return page, errors, requests


def visible_rows(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#da-rows tr",
        "rows => rows.map(r => ({unit: r.children[1].textContent, region: r.children[2].textContent, sev: r.dataset.sev}))",
    )


def test_html_report_in_chromium(audited: dict, browser: Any, tmp_path: Path) -> None:
    wh, run, ex = audited["wh"], audited["run"], audited["province"]
    findings = wh.run_findings(run)
    reports = wh.run_reports(run)
    page, errors, requests = open_report(browser, audited["paths"]["html"])
    assert errors == []
    assert [u for u in requests if not u.startswith("file:")] == []  # nothing fetched from anywhere

    # charts: each drawn as SVG with marks; the rule chart has one bar per (rule, severity) found
    for chart in ("chart-rule", "chart-region", "chart-level", "chart-rate"):
        assert page.locator(f"#{chart} svg g.mark-rect path").count() > 0, chart
    assert page.locator("#chart-rule svg g.mark-rect path").count() == len({(f["rule"], f["severity"]) for f in findings})
    labels = " ".join(page.locator("#chart-rule svg text").all_text_contents())
    assert "未发布年报" in labels and "文件无法读取" in labels
    box = page.locator("#chart-rule svg").bounding_box()
    assert box and box["width"] > 200 and box["height"] > 50

    # the table: one row per report read, per unit without a report, per unreadable file
    unreadable = [f for f in findings if f["version_id"] is None and not f["unit"]]
    missing = [f for f in findings if f["rule"] == "roster.missing"]
    everything = len(reports) + len(unreadable) + len(missing)
    assert len(visible_rows(page)) == everything
    sevs = [r["sev"] for r in visible_rows(page)]
    assert sevs == sorted(sevs, key=["error", "warning", "none"].index)  # worst first

    page.fill("#f-search", ex.defective)
    assert [r["unit"] for r in visible_rows(page)] == [ex.defective]
    page.fill("#f-search", "")
    assert len(visible_rows(page)) == everything

    page.select_option("#f-severity", "error")
    error_rows = {f["version_id"] or f["unit"] or f["source"] for f in findings if f["severity"] == "error"}
    assert len(visible_rows(page)) == len(error_rows) and {r["sev"] for r in visible_rows(page)} == {"error"}
    page.select_option("#f-severity", "none")
    clean = {r["version_id"] for r in reports} - {f["version_id"] for f in findings}
    assert len(visible_rows(page)) == len(clean) > 0
    page.select_option("#f-severity", "")

    region = next(r["region"] for r in reports if r["unit"] == ex.defective)
    page.select_option("#f-region", region)
    in_region = [r for r in reports if r["region"] == region] + [f for f in missing if f["region"] == region]
    assert len(visible_rows(page)) == len(in_region) and {r["region"] for r in visible_rows(page)} == {region}
    page.select_option("#f-region", "")
    page.select_option("#f-rule", "roster.missing")
    assert [r["unit"] for r in visible_rows(page)] == [f["unit"] for f in missing]
    page.click("#f-reset")
    assert "符合条件 %d 条" % everything in page.text_content("#da-count")

    # drill-down: the defective report's tables with its offending cells marked, expected shown
    page.fill("#f-search", ex.defective)
    page.click("#da-rows tr.clickable")
    assert page.is_visible("#detail")
    own = [f for f in findings if f["unit"] == ex.defective]
    error_cells = {c for f in own if f["severity"] == "error" for c in f["cells"]}
    marked = set(page.eval_on_selector_all("#detail td.cell-error", "cs => cs.map(c => c.dataset.key)"))
    assert error_cells and error_cells <= marked
    assert marked <= {c for f in own for c in f["cells"]}
    total = next(f for f in own if f["rule"] == "t3.applicant_total")
    cells = {c["key"]: c["value"] for c in wh.version_cells(total["version_id"])}
    target = page.locator(f"#detail td[data-key='{total['cells'][0]}']")
    assert target.locator(".exp").text_content() == f"应为 {total['expected']}"
    assert target.text_content().startswith(str(cells[total["cells"][0]]))
    assert page.locator("#detail table.grid").count() >= 6  # 表二 groups, 表三, 表四
    target.scroll_into_view_if_needed()
    shot = tmp_path / "report-detail.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    page.keyboard.press("Escape")
    assert not page.is_visible("#detail")
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    page.close()


# -- the Excel list --------------------------------------------------------------------------------
def test_excel_lists_every_open_finding_on_its_regions_sheet(audited: dict) -> None:
    wh, run = audited["wh"], audited["run"]
    wb = load_workbook(audited["paths"]["excel"])
    assert wb.sheetnames[0] == README_SHEET
    rows: dict[int, tuple[str, dict[str, Any]]] = {}
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(HEADERS)).column_letter}{ws.max_row}"
        header = [c.value for c in ws[1]]
        assert tuple(header) == HEADERS
        assert ws.column_dimensions["A"].width >= 20
        head = ws.cell(1, 1)
        assert head.font.b and head.fill.fgColor.rgb.endswith("DCE6F1") and head.alignment.vertical == "top"
        for cells in ws.iter_rows(min_row=2):  # the formats staff see: severity in colour, long text wrapped
            sev = cells[HEADERS.index("严重程度")]
            assert sev.font.color.rgb.endswith("C00000" if sev.value == "错误" else "9C5700")
            assert cells[HEADERS.index("问题说明")].alignment.wrap_text and cells[HEADERS.index("整改期限")].number_format == "yyyy-mm-dd"
        for values in ws.iter_rows(min_row=2, values_only=True):
            row = dict(zip(header, values))
            rows[row["问题编号"]] = (ws.title, row)
    expected = [f for f in wh.run_findings(run) if f["status"] == "open"]
    assert sorted(rows) == sorted(f["id"] for f in expected)  # each open finding once, nothing else
    started = wh.run_info(run)["started_at"]
    due = (started.replace(tzinfo=None) + timedelta(hours=8)).date() + timedelta(days=15)
    for f in expected:
        sheet, row = rows[f["id"]]
        assert row["规则编号"] == f["rule"] and row["严重程度"] == ("错误" if f["severity"] == "error" else "警告")
        assert row["地区"] == (f["region"] or "未知地区") and sheet.startswith((f["region"] or "未知地区")[:31])
        assert row["单位"] == (f["unit"] or "（单位不明）") and row["问题说明"] == f["message"]
        assert row["整改期限"].date() == due
        if isinstance(f["expected"], (int, float)):
            assert row["应为"] == f["expected"] and row["实为"] == f["observed"]  # numbers stay numbers
    assert any(r["规则编号"] == "roster.missing" for _, r in rows.values())
    readme = " ".join(str(c.value) for r in wb[README_SHEET].iter_rows() for c in r if c.value)
    assert "整改期限" in readme and f"{due:%Y-%m-%d}" in readme


def test_deadline_days_is_a_parameter(audited: dict, tmp_path: Path) -> None:
    paths = write_report(audited["wh"], audited["run"], tmp_path, deadline_days=30)
    ws = load_workbook(paths["excel"]).worksheets[1]
    started = audited["wh"].run_info(audited["run"])["started_at"]
    due = (started.replace(tzinfo=None) + timedelta(hours=8)).date() + timedelta(days=30)
    assert ws.cell(2, HEADERS.index("整改期限") + 1).value.date() == due


# -- the HTML file itself --------------------------------------------------------------------------
def test_html_is_one_self_contained_file(audited: dict) -> None:
    html = audited["paths"]["html"].read_text("utf-8")
    assert not re.search(r"<(link|img|iframe)\b|<script[^>]+src=|@import|url\(\s*['\"]?(https?:|//)", html)
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html)) - {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert urls == set()
    assert "default-src 'none'" in html  # and the page may not fetch anything
    data = page_data(html)
    assert {r["unit"] for r in data["rows"]} >= set(audited["province"].units[:5])
    with_findings = {r["id"] for r in data["rows"] if r["errors"] or r["warnings"]}
    assert set(data["details"]) == with_findings and all(r["detail"] == (r["id"] in with_findings) for r in data["rows"])  # drill-down only for reports with findings


def test_every_value_is_escaped(tmp_path: Path) -> None:
    evil = "<img src=x onerror=alert(1)>县</script>"
    wh = Warehouse(sqlite_url(tmp_path))
    run = wh.start_run("audit", {})
    wh.store(run, [record(unit=evil, region="<b>示例</b>&地区")], [finding(unit=evil, message="</script><script>alert(2)</script>")])
    paths = write_report(wh, run, tmp_path / "out")
    html = paths["html"].read_text("utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html and "<b>示例" not in html
    data = page_data(html)
    assert data["rows"][0]["unit"] == evil  # the JSON carries the value itself, escaped for the page
    assert next(iter(data["details"].values()))["findings"][0]["msg"] == "</script><script>alert(2)</script>"


def test_report_of_a_run_without_findings(tmp_path: Path) -> None:
    wh = Warehouse(sqlite_url(tmp_path))
    run = wh.start_run("audit", {})
    wh.store(run, [record()], [])
    paths = write_report(wh, run, tmp_path)
    data = page_data(paths["html"].read_text("utf-8"))
    assert [r["severity"] for r in data["rows"]] == ["none"] and data["details"] == {}
    wb = load_workbook(paths["excel"])
    assert wb.sheetnames == [README_SHEET]


def test_report_on_each_warehouse(wh: Warehouse, tmp_path: Path) -> None:
    r1 = wh.start_run("audit", {})
    wh.store(r1, [record(year=2021), record(unit="乙县人民政府", year=2021)], [finding(year=2021)])
    r2 = wh.start_run("audit", {})
    wh.store(r2, [record(), record(unit="乙县人民政府")],
             [finding(), finding(unit="乙县人民政府", rule="t4.total", severity="warning")])
    paths = write_report(wh, r2, tmp_path)
    data = page_data(paths["html"].read_text("utf-8"))
    assert {(r["unit"], r["year"], r["severity"]) for r in data["rows"]} == {("甲县人民政府", 2022, "error"), ("乙县人民政府", 2022, "warning")}
    detail = data["details"][next(r["id"] for r in data["rows"] if r["unit"] == "甲县人民政府")]
    keys = data["layouts"][detail["layout"]]["keys"]
    stored = {c["key"]: c["value"] for c in wh.version_cells(wh.run_reports(r2)[0]["version_id"])}
    assert len(detail["values"]) == len(keys)  # one value per template cell, in the layout's order
    assert {x[0]: x[2] for x in detail["extra"]} == {k: v for k, v in stored.items() if k not in keys}
    html = paths["html"].read_text("utf-8")
    assert '<figure class="chart" id="chart-trend"><svg' in html  # two report years: a trend is drawn
    wb = load_workbook(paths["excel"])
    assert sum(ws.max_row - 1 for ws in wb.worksheets[1:]) == 2


# -- the command -----------------------------------------------------------------------------------
def test_report_command(audited: dict, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from disclosure_audit.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["report", "--db", audited["url"], str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "审核报告（HTML）" in res.output and "整改清单（Excel）" in res.output
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".html", ".xlsx"]
    res = runner.invoke(app, ["report", "--db", audited["url"], "--run", "999", str(tmp_path / "x")])
    assert res.exit_code == 2 and "999" in res.output and audited["url"] in res.output
    assert "Traceback" not in res.output and len(res.output.strip().splitlines()) == 1
    missing = f"sqlite:///{tmp_path / 'nope.db'}"
    res = runner.invoke(app, ["report", "--db", missing, str(tmp_path / "x")])
    assert res.exit_code == 2 and "数据仓库文件不存在" in res.output and "nope.db" in res.output
    assert not (tmp_path / "x").exists()


def test_the_flows_output_step_writes_and_names_both_files(audited: dict, tmp_path: Path) -> None:
    from io import StringIO

    from rich.console import Console

    from disclosure_audit.pipeline import outputs
    from disclosure_audit.pipeline.display import print_outputs

    written = outputs.write(audited["url"], audited["run"], str(tmp_path / "out"))
    assert set(written) == {"html", "excel"} and all(Path(p).is_file() for p in written.values())
    buf = StringIO()
    print_outputs({"outputs": written}, Console(file=buf, width=300))
    assert f"审核报告（HTML）：{written['html']}" in buf.getvalue() and f"整改清单（Excel）：{written['excel']}" in buf.getvalue()


def test_control_characters_and_awkward_region_names_do_not_cost_the_list(tmp_path: Path) -> None:
    # text read from a PDF or a file name can carry control characters openpyxl refuses, and a
    # region cut to Excel's 31 characters can end in an apostrophe, which Excel refuses
    wh = Warehouse(sqlite_url(tmp_path))
    run = wh.start_run("audit", {})
    region = "某" * 30 + "'省"
    wh.store(run, [record(unit="甲县\x0b人民政府", region=region)],
             [finding(unit="甲县\x0b人民政府", message="总计\x0c不符"),
              finding(unit="甲县\x0b人民政府", rule="t4.total", expected=float("inf"))])  # not a finite number
    paths = write_report(wh, run, tmp_path / "out")
    wb = load_workbook(paths["excel"])
    sheet = wb.worksheets[1]
    assert not sheet.title.endswith("'") and len(sheet.title) <= 31
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert any("甲县人民政府" in row and "总计不符" in row for row in rows) and len(rows) == 2


def test_amounts_are_shown_in_full() -> None:
    from disclosure_audit.report.figures import display_value

    assert [display_value(v) for v in (1234567.5, 12345.67, 2.0, None)] == ["1234567.5", "12345.67", "2", "—"]


def test_report_command_refuses_an_older_run(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from disclosure_audit.cli import app

    url = sqlite_url(tmp_path)
    wh = Warehouse(url)
    r1 = wh.start_run("audit", {})
    wh.store(r1, [record()], [finding()])
    r2 = wh.start_run("audit", {})
    wh.store(r2, [record()], [finding()])  # the same report and problem, seen again: now run 2's
    res = CliRunner().invoke(app, ["report", "--db", url, "--run", str(r1), str(tmp_path / "old")])
    assert res.exit_code == 2 and f"运行 {r2}" in res.output and not (tmp_path / "old").exists()
    res = CliRunner().invoke(app, ["report", "--db", url, str(tmp_path / "new")])
    assert res.exit_code == 0, res.output


def test_the_report_counts_what_the_run_found_corrected(tmp_path: Path) -> None:
    from disclosure_audit.report.data import gather

    wh = Warehouse(sqlite_url(tmp_path))
    r1 = wh.start_run("audit", {})
    wh.store(r1, [record()], [finding(), finding(rule="t3.results_total")])
    r2 = wh.start_run("rerun", {})
    wh.store(r2, [record(sha="b" * 64)], [finding()])  # t3.results_total corrected
    assert gather(wh, r1).resolved == 0
    assert gather(wh, r2).resolved == 1


def _data_docs_pages(folder: Path) -> dict[str, int]:
    """Per template folder: how many Data Docs pages (expectation suites, validations, index)."""
    return {d.name: len(list(d.rglob("*.html"))) for d in sorted(folder.iterdir())} if folder.is_dir() else {}


def _check_records() -> list:
    from tests.factories import record

    recs = [record("gov-2019", 2020, seed=i, unit=f"单位{i}") for i in range(3)] + [record("gov-2021", 2022, seed=i, unit=f"单位{i}") for i in range(3)]
    recs[1].values["t3.granted.total"] = None
    recs[4].values["t4.review.total"] += 2
    return recs


def test_the_outputs_worker_writes_the_data_docs_and_report_the_run_process_writes(audited: dict, tmp_path: Path) -> None:
    from disclosure_audit.pipeline import outputs
    from disclosure_audit.pipeline.checking import check

    recs = _check_records()
    assert not outputs.start_worker(outputs.MIN_REPORTS_FOR_WORKER - 1) and outputs.remote_gx() is None
    here = check(recs, history=[], roster=None, out=str(tmp_path / "here"))
    written_here = outputs.write(audited["url"], audited["run"], str(tmp_path / "here"))
    with outputs.worker_scope():
        assert outputs.start_worker(outputs.MIN_REPORTS_FOR_WORKER) and outputs.remote_gx() is not None
        there = check(recs, history=[], roster=None, out=str(tmp_path / "there"))
        written_there = outputs.write(audited["url"], audited["run"], str(tmp_path / "there"))
    assert outputs.remote_gx() is None  # used once, then stopped
    assert {f.rule for f in here} >= {"completeness.cell", "t4.total"} and there == here
    docs = _data_docs_pages(tmp_path / "here" / "data-docs")
    assert set(docs) == {"gov-2019", "gov-2021"} and all(n >= 3 for n in docs.values())
    assert _data_docs_pages(tmp_path / "there" / "data-docs") == docs
    assert set(written_there) == set(written_here) == {"html", "excel"}
    html = {k: Path(w["html"]).read_text(encoding="utf-8") for k, w in (("here", written_here), ("there", written_there))}
    assert page_data(html["there"]) == page_data(html["here"])


def _frames_taken(outputs, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The template ids whose frame the worker takes from now on (filled as the checks run)."""
    taken: list[str] = []
    real = outputs._submit_validation

    def spy(frame, template_id, folder):  # noqa: ANN001, ANN202 - the RemoteGx signature
        wait = real(frame, template_id, folder)
        if wait is not None:
            taken.append(template_id)
        return wait

    monkeypatch.setattr(outputs, "_submit_validation", spy)
    return taken


def test_a_run_of_both_templates_validates_one_frame_in_the_worker_and_writes_its_report_here(
    audited: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from disclosure_audit.pipeline import outputs
    from disclosure_audit.pipeline.checking import check

    recs = _check_records()
    here = check(recs, history=[], roster=None, out=str(tmp_path / "here"))
    written_by: list[int] = []
    real = outputs.write_here
    monkeypatch.setattr(outputs, "write_here", lambda *a: written_by.append(os.getpid()) or real(*a))
    taken = _frames_taken(outputs, monkeypatch)
    with outputs.worker_scope():
        # one frame, or too few reports: the worker's start would not pay
        assert not outputs.start_worker(outputs.MIN_REPORTS_FOR_WORKER - 1, 1)
        assert not outputs.start_worker(outputs.MIN_REPORTS_TWO_FRAMES - 1, 2)
        assert outputs.start_worker(outputs.MIN_REPORTS_TWO_FRAMES, 2) and outputs.worker_pids()
        there = check(recs, history=[], roster=None, out=str(tmp_path / "there"))
        written = outputs.write(audited["url"], audited["run"], str(tmp_path / "there"))
    assert there == here and len(taken) == 1  # one frame there, the other here
    assert _data_docs_pages(tmp_path / "there" / "data-docs") == _data_docs_pages(tmp_path / "here" / "data-docs")
    assert written_by == [os.getpid()] and set(written) == {"html", "excel"}  # the report: here


def test_a_big_run_validates_every_frame_in_the_worker_while_the_reports_are_stored(
    audited: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from disclosure_audit.pipeline import outputs
    from disclosure_audit.pipeline.checking import check, start_tables

    recs = _check_records()
    here = check(recs, history=[], roster=None, out=str(tmp_path / "here"))
    taken = _frames_taken(outputs, monkeypatch)
    with outputs.worker_scope():
        assert outputs.start_worker(outputs.MIN_REPORTS_ALL_FRAMES, 2)
        tables = start_tables(recs, str(tmp_path / "there"))  # handed over: GX runs there from now on
        assert sorted(taken) == ["gov-2019", "gov-2021"]
        wh = Warehouse(sqlite_url(tmp_path))  # meanwhile the run stores its reports
        counts, versions = wh.store_reports(wh.start_run("audit", {}), recs)
        there = check(recs, history=[], roster=None, out=str(tmp_path / "there"), tables=tables)
    assert there == here and counts["versions_new"] == len(recs) == len({v for v in versions.values()})
    assert _data_docs_pages(tmp_path / "there" / "data-docs") == _data_docs_pages(tmp_path / "here" / "data-docs")


def test_an_outputs_worker_that_dies_costs_time_not_outputs(audited: dict, tmp_path: Path) -> None:
    import os
    import signal

    from disclosure_audit.pipeline import outputs
    from disclosure_audit.pipeline.checking import check

    with outputs.worker_scope():
        assert outputs.start_worker(outputs.MIN_REPORTS_FOR_WORKER)
        (process,) = outputs._worker._processes.values()  # spawned for the warm-up
        os.kill(process.pid, signal.SIGKILL)
        process.join(10)
        found = check(_check_records(), history=[], roster=None, out=str(tmp_path))
        written = outputs.write(audited["url"], audited["run"], str(tmp_path))
    assert {f.rule for f in found} >= {"completeness.cell", "t4.total"}
    assert set(_data_docs_pages(tmp_path / "data-docs")) == {"gov-2019", "gov-2021"}
    assert set(written) == {"html", "excel"} and all(Path(p).is_file() for p in written.values())
