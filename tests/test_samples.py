"""Every real report in ../shared/samples parses to the values its .expected.json holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_audit.readers import read_report
from tests.conftest import load_expected, real_samples

SAMPLES = real_samples()


def _loose(name: str) -> str:
    return name.replace("人民政府", "").replace("党工委管委会", "").replace("（区本级）", "")


@pytest.mark.skipif(not SAMPLES, reason="../shared/samples is absent (only beside the repo on developer and CI machines)")
@pytest.mark.parametrize("path,expected_path", SAMPLES, ids=[p.name for p, _ in SAMPLES])
def test_sample_values(path: Path, expected_path: Path) -> None:
    exp = load_expected(expected_path)
    rec = read_report(path)
    assert rec.template == exp["template"]
    assert rec.year == exp["year"]
    may_differ = set(exp.get("values_uncertain", [])) & set(rec.uncertain)
    assert set(rec.values) == set(exp["values"]), "keyed by a different set of cells"
    wrong = {k: (exp["values"][k], rec.values[k]) for k in exp["values"] if rec.values[k] != exp["values"][k] and k not in may_differ}
    assert not wrong, f"cells read wrong (expected, got): {wrong}"
    if "published_at" in exp:
        assert rec.published_at == exp["published_at"]
    # The unit from a title is the name as printed (平潭综合实验区 for 平潭综合实验区党工委管委会（区本级）,
    # 洪泽区人民政府 for 淮安市洪泽区人民政府): it must be part of the official name.
    assert rec.unit and _loose(rec.unit) in exp["unit"]
    assert rec.provenance and all(k in rec.provenance for k, v in rec.values.items() if v is not None)


@pytest.mark.skipif(not SAMPLES, reason="../shared/samples is absent")
@pytest.mark.parametrize("path,expected_path", SAMPLES, ids=[p.name for p, _ in SAMPLES])
def test_sample_sections_present_in_order(path: Path, expected_path: Path) -> None:
    rec = read_report(path)
    assert rec.section_order == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert rec.sections["s5"] and rec.sections["s6"]


@pytest.mark.skipif(not SAMPLES, reason="../shared/samples is absent")
def test_mixed_template_lists_the_rows_it_does_not_print() -> None:
    pairs = [p for p in SAMPLES if p[0].name == "HZQ-2023.pdf"]
    if not pairs:
        pytest.skip("HZQ-2023.pdf not in ../shared/samples/real")
    rec = read_report(pairs[0][0])
    assert rec.template == "mixed"
    assert set(rec.missing_rows) == {"t3.other_overdue_correction", "t3.other_unpaid_fee", "t3.other_other"}
    assert rec.values["t3.other_handling.total"] == 0
