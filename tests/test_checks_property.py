"""Changing any one cell of tables 3 and 4 of a consistent report is always caught and named;
blanking any cell always gives a completeness finding for it.

Table 2 cells take part in no arithmetic relation, so a changed t2 count cannot be detected by the
tables alone (only by the history and narrative rules, or by its domain when it turns negative):
the first property is stated for tables 3 and 4, and negative values are checked for every cell.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_audit import templates
from disclosure_audit.checks import run_checks
from tests.factories import record

TIDS = st.sampled_from(templates.TEMPLATE_IDS)


@settings(max_examples=60, deadline=None)
@given(tid=TIDS, seed=st.integers(0, 50), pick=st.integers(0, 10_000), delta=st.integers(-40, 40).filter(bool))
def test_any_changed_table_cell_is_an_error_naming_it(tid: str, seed: int, pick: int, delta: int) -> None:
    rec = record(tid, 2020 if tid == "gov-2019" else 2022, seed=seed)
    keys = [k for k in rec.values if k.startswith(("t3.", "t4."))]
    key = keys[pick % len(keys)]
    rec.values[key] = rec.values[key] + delta
    errors = [f for f in run_checks([rec], engine="pandera") if f.severity == "error"]
    assert any(key in f.cells for f in errors), f"changing {key} by {delta} went unnoticed"


@settings(max_examples=60, deadline=None)
@given(tid=TIDS, seed=st.integers(0, 50), pick=st.integers(0, 10_000))
def test_any_blank_cell_is_a_completeness_finding(tid: str, seed: int, pick: int) -> None:
    rec = record(tid, 2020 if tid == "gov-2019" else 2022, seed=seed)
    keys = list(rec.values)
    key = keys[pick % len(keys)]
    rec.values[key] = None
    found = [f for f in run_checks([rec], engine="pandera") if f.rule == "completeness.cell"]
    assert [f.cells for f in found] == [[key]]


@settings(max_examples=60, deadline=None)
@given(tid=TIDS, seed=st.integers(0, 50), pick=st.integers(0, 10_000), value=st.integers(-500, -1))
def test_negative_counts_break_the_domain(tid: str, seed: int, pick: int, value: int) -> None:
    tpl = templates.get(tid)
    rec = record(tid, 2020 if tid == "gov-2019" else 2022, seed=seed)
    keys = [k for k in rec.values if not tpl.is_signed(k)]
    key = keys[pick % len(keys)]
    rec.values[key] = value
    rule = "domain.amount" if tpl.is_amount(key) else "domain.integer"
    assert any(f.rule == rule and f.cells == [key] for f in run_checks([rec], engine="pandera"))
