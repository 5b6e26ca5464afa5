"""The project's own template definitions agree with the reference spec (../shared/spec/templates.yaml)."""

from __future__ import annotations

import yaml
import pytest

from disclosure_audit import templates
from tests.conftest import shared_path


def _spec() -> dict:
    return yaml.safe_load(shared_path("spec", "templates.yaml").read_text("utf-8"))


def _spec_keys(spec: dict, tid: str) -> list[str]:
    t = spec["templates"][tid]
    keys: list[str] = []
    for group, g in t["t2"].items():
        keys += [f"t2.{group}.{r}.{c}" for r in g["rows"] for c in g["columns"]]
    keys += [f"t3.{r}.{c}" for r in t["t3"]["rows"] for c in t["t3"]["columns"]]
    keys += [f"t4.{r}.{c}" for r in t["t4"]["rows"] for c in t["t4"]["columns"]]
    return keys


@pytest.mark.parametrize("tid", templates.TEMPLATE_IDS)
def test_keys_and_order_match_the_reference(tid: str) -> None:
    assert templates.get(tid).keys() == _spec_keys(_spec(), tid)


@pytest.mark.parametrize("tid", templates.TEMPLATE_IDS)
def test_labels_match_the_reference(tid: str) -> None:
    spec = _spec()["templates"][tid]
    tpl = templates.get(tid)
    assert dict(tpl.t3_rows) == {k: v for k, v in spec["t3"]["rows"].items()}
    assert dict(tpl.t3_columns) == spec["t3"]["columns"]
    assert dict(tpl.t4_rows) == spec["t4"]["rows"]
    for g in tpl.t2:
        assert dict(g.columns) == spec["t2"][g.group]["columns"]
        assert dict(g.rows) == spec["t2"][g.group]["rows"]


def test_sections_match_the_reference() -> None:
    assert templates.sections() == _spec()["sections"]


def test_cell_counts_and_years() -> None:
    assert len(templates.get("gov-2019").keys()) == 198
    assert len(templates.get("gov-2021").keys()) == 200
    assert templates.for_year(2020).id == "gov-2019"
    assert templates.for_year(2021).id == "gov-2021"
    assert templates.for_year(2030).id == "gov-2021"
    with pytest.raises(ValueError, match="2018"):
        templates.for_year(2018)


def test_only_change_columns_of_gov_2019_are_signed() -> None:
    old, new = templates.get("gov-2019"), templates.get("gov-2021")
    signed = [k for k in old.keys() if old.is_signed(k)]
    assert signed and all(k.endswith(".change") for k in signed)
    assert not [k for k in new.keys() if new.is_signed(k)]


def test_result_leaf_rows_exclude_totals_and_balance_rows() -> None:
    leaves = templates.get("gov-2021").t3_result_leaf_rows
    assert "results_total" not in leaves and "new_received" not in leaves
    assert leaves[-3:] == ["other_overdue_correction", "other_unpaid_fee", "other_other"]
    assert len(leaves) == 21
    assert templates.get("gov-2019").t3_result_leaf_rows[-1] == "other_handling"


def test_label_of_names_table_row_and_column_in_chinese() -> None:
    assert templates.label_of("t4.review.total") == "表四“行政复议”行“总计”列"
    assert "其他处理" in templates.label_of("t3.other_handling.natural_person")
