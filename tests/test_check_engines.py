"""The engines' own artefacts: serialised pandera schemas under version control, GX suites that data
staff can edit, Data Docs, and batching (one validation per template, never one per report)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosure_audit import templates
from disclosure_audit.checks import engine_gx, engine_pandera, engine_violations
from disclosure_audit.checks.frame import build_frames, with_helpers
from disclosure_audit.checks.gx_suites import load_suite_dict, suite_dict
from disclosure_audit.checks.relations import relations
from disclosure_audit.schemas.annual_report import schema, yaml_path
from tests.factories import record


@pytest.mark.parametrize("tid", templates.TEMPLATE_IDS)
def test_committed_schema_yaml_is_the_schema(tid: str) -> None:
    """A rule change must show up as a diff of schemas/<template>.yaml (regenerate with
    `python -m disclosure_audit.schemas.annual_report`)."""
    assert yaml_path(tid).read_text("utf-8") == schema(tid).to_yaml()


@pytest.mark.parametrize("tid", templates.TEMPLATE_IDS)
def test_schema_round_trips_through_yaml(tid: str) -> None:
    import pandera.pandas as pa

    again = pa.DataFrameSchema.from_yaml(yaml_path(tid).read_text("utf-8"))
    rec = record(tid, 2020 if tid == "gov-2019" else 2022)
    rec.values["t4.review.total"] += 1
    df = build_frames([rec])[tid]
    with pytest.raises(pa.errors.SchemaErrors) as err:
        again.validate(df, lazy=True)
    assert "t4.total:review" in set(err.value.failure_cases["check"])


@pytest.mark.parametrize("tid", templates.TEMPLATE_IDS)
def test_committed_suites_cover_every_cell_and_relation(tid: str) -> None:
    suite = load_suite_dict(tid)
    assert suite == suite_dict(tid), "regenerate with `python -m disclosure_audit.checks.gx_suites expectations`"
    not_null = {e["kwargs"]["column"] for e in suite["expectations"] if e["type"] == "expect_column_values_to_not_be_null"}
    helpers = {e["meta"].get("relation") for e in suite["expectations"] if e["kwargs"]["column"].startswith("chk:")}
    assert not_null == set(templates.get(tid).keys())
    assert helpers == {r.id for r in relations(tid)}
    assert all(e["meta"].get("说明") for e in suite["expectations"])


def test_an_edited_suite_takes_effect(tmp_path: Path) -> None:
    """Data staff edit the JSON: dropping the t4 review expectation stops that finding."""
    tid = "gov-2021"
    suite = suite_dict(tid)
    suite["expectations"] = [e for e in suite["expectations"] if e["meta"].get("relation") != "t4.total:review"]
    (tmp_path / f"{tid}.json").write_text(json.dumps(suite, ensure_ascii=False))
    rec = record(tid, 2022)
    rec.values["t4.review.total"] += 2
    df = with_helpers(build_frames([rec])[tid], tid)
    assert [v.subject for v in engine_gx.validate(df, tid)] == ["t4.total:review"]
    assert engine_gx.validate(df, tid, suites_dir=tmp_path) == []


def test_data_docs_are_written(tmp_path: Path) -> None:
    rec = record("gov-2019", 2020)
    rec.values["t3.granted.total"] = None
    seen = engine_violations([rec], "gx", docs_dir=tmp_path)
    assert (0, "completeness.cell", "t3.granted.total") in seen
    assert (tmp_path / "gov-2019" / "index.html").exists()


def test_one_validation_per_template_for_a_whole_run(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int]] = []
    real = engine_pandera.validate
    monkeypatch.setattr(engine_pandera, "validate", lambda df, tid: calls.append((tid, len(df))) or real(df, tid))
    recs = [record("gov-2019", 2020, seed=i, unit=f"单位{i}") for i in range(30)] + [record("gov-2021", 2022, seed=i, unit=f"单位{i}") for i in range(40)]
    recs[7].values["t3.granted.total"] += 1
    seen = engine_violations(recs, "pandera")
    assert sorted(calls) == [("gov-2019", 30), ("gov-2021", 40)]
    assert {k[0] for k in seen} == {7}
