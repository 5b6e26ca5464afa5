"""The real samples as one run: every listed defect is found, and nothing else is reported."""

from __future__ import annotations

import pytest

from disclosure_audit import templates
from disclosure_audit.checks import run_checks
from disclosure_audit.model import ReportRecord
from disclosure_audit.readers import read_report
from tests.conftest import load_expected, real_samples

SAMPLES = [(p, e) for p, e in real_samples() if p.suffix != ".html"]  # the html is the same report as PT-CZJ-2022.txt
pytestmark = pytest.mark.skipif(not SAMPLES, reason="../shared/samples is absent")


def _held_out(unit: str, year: int, tid: str, cells: dict[str, int]) -> ReportRecord:
    """A previous-year report that is not in ../shared, built from the numbers its note gives."""
    values: dict = {k: None for k in templates.get(tid).keys()}
    values.update(cells)
    return ReportRecord(source=f"held-out/{unit}-{year}", format="txt", unit=unit, year=year, template=tid, values=values)


@pytest.fixture(scope="module")
def run() -> tuple[list, dict]:
    records = [read_report(p) for p, _ in SAMPLES]
    history = [
        _held_out(records[[p.name for p, _ in SAMPLES].index("PT-CZJ-2022.txt")].unit, 2021, "gov-2021", {"t2.art20_1.normative_documents.in_force": 3}),
        _held_out(records[[p.name for p, _ in SAMPLES].index("PT-QU-2024.txt")].unit, 2023, "gov-2021", {"t2.art20_1.normative_documents.in_force": 470}),
        _held_out(records[[p.name for p, _ in SAMPLES].index("PT-HTPQ-2022.txt")].unit, 2021, "gov-2019",
                  {"t2.art20_5.administrative_licensing.prev_items": 1, "t2.art20_5.administrative_licensing.change": 1}),
    ]
    findings = run_checks(records, history=history)
    return records, {p.name: [f for f in findings if f.source == str(p)] for p, _ in SAMPLES}


@pytest.mark.parametrize("path,exp_path", SAMPLES, ids=[p.name for p, _ in SAMPLES])
def test_exactly_the_listed_defects(run: tuple, path, exp_path) -> None:  # noqa: ANN001
    _, by_file = run
    exp = load_expected(exp_path)
    expected = sorted((e["rule"], tuple(sorted(e["cells"]))) for e in exp.get("expected_violations", []))
    got = sorted((f.rule, tuple(sorted(f.cells))) for f in by_file[path.name])
    assert [r for r, _ in got] == [r for r, _ in expected]
    for (rule, cells), (g_rule, g_cells) in zip(expected, got):
        assert set(cells) <= set(g_cells), f"{rule}: expected cells {cells} in {g_cells}"


def test_seed_has_no_error(run: tuple) -> None:
    _, by_file = run
    assert all(f.severity != "error" for f in by_file.get("xiangtan-county-2020.txt", []))


def test_engines_agree_and_report_once(run: tuple) -> None:
    _, by_file = run
    table_rules = {"t3.results_total", "t3.balance", "t4.total"}
    arithmetic = [f for fs in by_file.values() for f in fs if f.rule in table_rules]
    assert arithmetic and all(f.details["engines"] == ["gx", "pandera"] for f in arithmetic)
    keys = [(f.source, f.rule, tuple(f.cells)) for fs in by_file.values() for f in fs]
    assert len(keys) == len(set(keys))
