"""The synthetic province generator: a generated province audited end to end gives exactly its
labels (precision and recall 100% for every rule), every catalogue rule is planted, the same seed
gives the same files, a clean province has no error, and the generate command writes its outputs."""

from __future__ import annotations

import collections
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from disclosure_audit import rules
from disclosure_audit.audit import audit_paths
from disclosure_audit.cli import app
from disclosure_audit.manifest import load_manifest
from disclosure_audit.model import Finding
from disclosure_audit.roster import load_roster
from disclosure_audit.synth.generate import GeneratedProvince, generate, parse_years, read_labels
from disclosure_audit.synth.province import build_roster
from disclosure_audit.synth.render import CJK_TRUETYPE
from disclosure_audit.synth.score import mismatches, score, totals

YEARS = range(2019, 2023)  # gov-2019 twice (history.items) and gov-2021 twice (history.in_force)


def _audit(prov: GeneratedProvince) -> list[Finding]:
    return audit_paths([prov.landing], roster=load_roster(prov.roster), manifest=prov.manifest).findings


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> tuple[GeneratedProvince, list[Finding]]:
    prov = generate(tmp_path_factory.mktemp("province"), units=24, years=YEARS, error_rate=0.35, seed=11)
    return prov, _audit(prov)


def test_audit_of_a_generated_province_matches_its_labels_exactly(province: tuple[GeneratedProvince, list[Finding]]) -> None:
    prov, findings = province
    labels = prov.read_labels()
    wrong = mismatches(labels, findings, root=str(prov.landing))
    assert wrong == {"misses": [], "false_alarms": []}, json.dumps(
        {"misses": wrong["misses"], "false_alarms": [(f.source, f.rule, f.cells, f.message) for f in wrong["false_alarms"]]},
        ensure_ascii=False, indent=1)
    table = score(labels, findings)
    for rule, s in table.items():
        assert s["precision"] == 1.0 and s["recall"] == 1.0, (rule, s)
    assert totals(table)["tp"] == len(labels)


def test_every_catalogue_rule_is_planted(province: tuple[GeneratedProvince, list[Finding]]) -> None:
    prov, _ = province
    planted = collections.Counter(lab["rule"] for lab in prov.read_labels())
    assert set(rules.catalogue()) <= set(planted), set(rules.catalogue()) - set(planted)
    assert {p.fmt for p in prov.plans} == {"txt", "html", "docx", "pdf"}
    defective = sum(1 for p in prov.plans if p.defects)
    assert defective == round(0.35 * len(prov.plans))


def test_labels_name_files_of_the_landing_folder_and_the_manifest_lists_them(province: tuple[GeneratedProvince, list[Finding]]) -> None:
    prov, _ = province
    files = {e.file for e in load_manifest(prov.manifest)}
    for lab in prov.read_labels():
        assert set(lab) == {"source", "unit", "year", "rule", "cells"}
        if lab["source"] is None:
            assert lab["rule"] == "roster.missing" and lab["unit"] and lab["year"]
        else:
            assert lab["source"] in files and (prov.landing / lab["source"]).exists()
    missing = [p for p in prov.plans if p.missing]
    assert missing and all(p.path not in files for p in missing)


def test_generated_values_chain_across_years(province: tuple[GeneratedProvince, list[Finding]]) -> None:
    prov, _ = province
    clean = {(p.unit.unit, p.year): p for p in prov.plans if not p.defects}
    chained = 0
    for (unit, year), p in clean.items():
        prev = clean.get((unit, year - 1))
        if prev is None:
            continue
        chained += 1
        assert p.values["t3.carried_over.total"] == prev.values["t3.carried_forward.total"]
        if p.doc_template == prev.doc_template == "gov-2021":
            b = "t2.art20_1.normative_documents"
            assert p.values[f"{b}.in_force"] == prev.values[f"{b}.in_force"] + p.values[f"{b}.issued"] - p.values[f"{b}.repealed"]
        if p.doc_template == prev.doc_template == "gov-2019":
            b = "t2.art20_5.administrative_licensing"
            assert p.values[f"{b}.prev_items"] == prev.values[f"{b}.prev_items"] + prev.values[f"{b}.change"]
    assert chained > 20


def test_same_seed_same_files_and_labels(tmp_path: Path) -> None:
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    generate(tmp_path / "a", units=8, years=[2022, 2023], error_rate=0.5, seed=5)
    generate(tmp_path / "b", units=8, years=[2022, 2023], error_rate=0.5, seed=5)
    generate(tmp_path / "c", units=8, years=[2022, 2023], error_rate=0.5, seed=6)
    a, b, c = files(tmp_path / "a"), files(tmp_path / "b"), files(tmp_path / "c")
    assert a == b
    assert a["labels.jsonl"] != c["labels.jsonl"]


def test_clean_province_has_no_error_finding(tmp_path: Path) -> None:
    prov = generate(tmp_path, units=12, years=[2020, 2021], formats=["txt", "html", "docx", "pdf"], error_rate=0.0, seed=3)
    assert prov.read_labels() == []
    assert _audit(prov) == []


def test_roster_levels_deadlines_and_size() -> None:
    roster = build_roster(10_000, seed=1)
    levels = collections.Counter(u.level for u in roster)
    assert len(roster) == 10_000 and len({u.unit for u in roster}) == 10_000
    assert levels["province"] == 1 and levels["city"] == 15 and levels["county"] == 120 and levels["township"] == 2000
    by_name = {u.unit: u for u in roster}
    for u in roster:
        assert u.email and u.supervisor_email and (u.parent in by_name or u.level == "province")
        assert u.deadline == ("02-28" if u.level == "township" else None)
    small = build_roster(10, seed=1)
    assert {"province", "city", "county", "township", "department"} <= {u.level for u in small}


def test_a_national_size_roster_has_unique_names() -> None:
    # the 100,000-report benchmark (20,000 units, 30 cities) once made up a city the list of known
    # ones already had: the roster loader refused its own generated roster
    for units in (20_000, 40_000):
        roster = build_roster(units, seed=1)
        assert len({u.unit for u in roster}) == units


def test_generate_command_writes_roster_manifest_and_labels(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    res = CliRunner().invoke(app, ["generate", str(out), "--units", "6", "--years", "2023-2024", "--formats", "txt,html",
                                   "--error-rate", "0.5", "--seed", "2"])
    assert res.exit_code == 0, res.output
    roster = load_roster(out / "roster.csv")
    manifest = load_manifest(out / "landing" / "manifest.csv")
    labels = read_labels(out / "labels.jsonl")
    assert len(roster) == 6 and labels
    assert {e.year for e in manifest} == {2023, 2024} and {Path(e.file).suffix for e in manifest} <= {".txt", ".html"}
    assert all((out / "landing" / e.file).exists() for e in manifest)
    res = CliRunner().invoke(app, ["generate", str(out), "--units", "6", "--formats", "doc"])
    assert res.exit_code == 2 and "doc" in res.output
    assert parse_years("2019-2021,2023") == [2019, 2020, 2021, 2023]


def test_a_planted_defect_prints_the_changed_value_in_every_layout() -> None:
    # Layout variation (full-width digits) is chosen for the clean report; a defect that then
    # changes such a cell must print its new value, or the file and its labels disagree.
    from disclosure_audit.readers.numbers import normalise
    from disclosure_audit.synth.generate import build_plans

    plans, _ = build_plans(build_roster(300, seed=3), [2020, 2021, 2022], formats=("txt",), error_rate=1.0, seed=3)
    printed = [(p, k, normalise(t)) for p in plans for k, t in p.cell_text.items() if normalise(t).isdigit()]
    assert len(printed) > 100  # the variation is there to be checked
    assert [(p.path, k, t, p.values[k]) for p, k, t in printed if int(t) != p.values[k]] == []


def test_no_two_units_draw_the_same_section_five_by_chance(monkeypatch: pytest.MonkeyPatch) -> None:
    # At 100,000 reports two units of a year drew the same problems and measures (Jaccard 0.90):
    # the audit rightly found 雷同 the labels did not know of. Small pools make such draws certain.
    from disclosure_audit.checks.config import CheckConfig
    from disclosure_audit.checks.cross import duplicate
    from disclosure_audit.synth import narrative
    from disclosure_audit.synth.expected import _record, expected_findings
    from disclosure_audit.synth.generate import build_plans

    monkeypatch.setattr(narrative, "_P_PROBLEMS", narrative._P_PROBLEMS[:5])
    monkeypatch.setattr(narrative, "_P_MEASURES", narrative._P_MEASURES[:5])  # 125 distinct sections 五
    roster = build_roster(120, seed=1)
    plans, _ = build_plans(roster, range(2019, 2025), formats=("txt",), seed=1)
    assert [lab for lab in expected_findings(plans, roster) if lab["rule"] == "duplicate.text"] == []
    assert [(f.source, f.observed) for f in duplicate.findings([_record(p) for p in plans if p.readable], [], CheckConfig())] == []
    with pytest.raises(ValueError, match="section 五"):
        build_plans(build_roster(130, seed=1), [2023], formats=("txt",), seed=1)


@pytest.mark.parametrize("template_id", ["gov-2019", "gov-2021"])
def test_every_table_three_value_sits_under_its_applicant_column(template_id: str) -> None:
    # （七）总计 was printed outside 三、本年度办理结果's block: its label took columns 1-2, its
    # cells columns 3-9 (one to the left) and column 10 stayed empty. A blank first cell of that
    # row was then read as the row's padding: at 100,000 reports 10 t3 false alarms and 3 blank
    # cells named in the wrong column (docx and pdf).
    from disclosure_audit import templates
    from disclosure_audit.synth.document import build_document
    from disclosure_audit.synth.render import _grid
    from disclosure_audit.synth.values import consistent_values

    values = consistent_values(template_id)
    doc = build_document(unit="某县人民政府", year=2022, template_id=template_id, values=values,
                         sections={"s1": "总体情况。", "s5": "问题。", "s6": "无。"})
    t3 = next(b.table for b in doc.blocks if b.kind == "table" and b.table and b.table.width == 10)
    grid = _grid(t3)
    header_rows = 3
    body = [[cell for cell in grid if cell[0] == r] for r in range(header_rows, len(t3.rows))]
    assert len(body) == len(templates.get(template_id).t3_rows)
    for row in body:
        assert [c for _, c, _, _, text in row if text.lstrip("-").isdigit()] == list(range(3, 10)), row


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "pdf"])
def test_a_blank_first_cell_of_the_total_row_is_read_where_it_is(fmt: str) -> None:
    from disclosure_audit.readers import read_bytes
    from disclosure_audit.synth import render
    from disclosure_audit.synth.document import build_document
    from disclosure_audit.synth.values import consistent_values

    values: dict = dict(consistent_values("gov-2021", seed=4))
    values["t3.results_total.natural_person"] = None
    doc = build_document(unit="某县人民政府", year=2022, template_id="gov-2021", values=values, blank="—" if fmt == "txt" else "",
                         sections={"s1": "总体情况。", "s5": "问题。", "s6": "无。"})
    data = {"txt": render.to_txt, "html": render.to_html, "docx": render.to_docx, "pdf": render.to_pdf}[fmt](doc)
    rec = read_bytes(data, f"某县人民政府-2022.{fmt}", "." + fmt)
    row = {k: rec.values.get(k) for k in values if k.startswith("t3.results_total.")}
    assert row == {k: values[k] for k in row}


def test_docx_tables_are_the_xml_python_docx_writes() -> None:
    # render.to_docx writes the tables' XML itself (python-docx's merge and cell access took nine
    # tenths of a generated report's time); a Word reader must still see python-docx's merges
    import docx
    from docx.oxml.ns import qn

    from disclosure_audit.synth.document import Block, Cell, Document, Table
    from disclosure_audit.synth.render import _grid, to_docx

    table = Table(width=5, rows=[
        [Cell("表头", rowspan=2, colspan=2), Cell("跨三列", colspan=3)],
        [Cell("甲"), Cell(" 前后有空格 "), Cell("")],
        [Cell("纵向", rowspan=3), Cell("a\tb"), Cell("一\n二"), Cell("<&>"), Cell("5")],
        [Cell("横跨", colspan=4)],
        [Cell("只有一格")],
    ])
    ours = docx.Document(io.BytesIO(to_docx(Document(title="题", blocks=[Block("table", table=table)]))))
    reference = docx.Document()
    ref = reference.add_table(rows=len(table.rows), cols=table.width)
    ref.style = "Table Grid"
    placed = _grid(table)
    for r, c, rs, cs, _ in placed:
        if rs > 1 or cs > 1:
            ref.cell(r, c).merge(ref.cell(r + rs - 1, c + cs - 1))
    for r, c, _, _, text in placed:
        ref.cell(r, c).text = text

    def xml(tbl: object) -> bytes:
        from lxml import etree
        return etree.tostring(tbl, method="c14n")

    assert xml(ours.element.body.find(qn("w:tbl"))) == xml(ref._tbl)
    assert [[c.text for c in row.cells] for row in ours.tables[0].rows] == [[c.text for c in row.cells] for row in ref.rows]


def _pdf_fonts(data: bytes) -> set[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return {ch["fontname"] for page in pdf.pages for ch in page.chars}


@pytest.mark.skipif(not any(Path(p).is_file() for p in CJK_TRUETYPE),
                    reason="no CJK TrueType font to embed (Debian: apt-get install fonts-wqy-microhei; .ci/run installs it)")
def test_generated_pdfs_embed_a_font_subset_as_published_ones_do_and_read_the_same_either_way() -> None:
    from disclosure_audit.readers import read_bytes
    from disclosure_audit.synth import render
    from disclosure_audit.synth.document import build_document
    from disclosure_audit.synth.values import consistent_values

    values = consistent_values("gov-2021", seed=5)
    doc = build_document(unit="某县人民政府", year=2022, template_id="gov-2021", values=values,
                         sections={"s1": "总体情况。", "s5": "问题。", "s6": "无。"})
    embedded, plain = render.to_pdf(doc), render.to_pdf(doc, embed_font=False)
    # a subset font's name carries six capitals and a plus sign, like every real sample's fonts
    assert all(len(name) > 7 and name[6] == "+" and name[:6].isupper() for name in _pdf_fonts(embedded))
    assert _pdf_fonts(plain) == {"STSongStd-Light"}
    read = [read_bytes(d, f"某县人民政府-2022-{i}.pdf", ".pdf") for i, d in enumerate((embedded, plain))]
    assert read[0].values == read[1].values == {k: values.get(k) for k in read[0].values}


def test_one_pdf_in_ten_of_a_province_leaves_its_font_unembedded() -> None:
    from disclosure_audit.synth.generate import build_plans

    plans, _ = build_plans(build_roster(200, seed=3), range(2021, 2023), formats=("pdf",), seed=3)
    embedded = [p.fmt_options["embed_font"] for p in plans if p.fmt == "pdf"]
    assert len(embedded) == 400
    assert 0.05 < embedded.count(False) / len(embedded) < 0.15
