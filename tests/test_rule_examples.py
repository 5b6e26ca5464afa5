"""Every rule of the catalogue has an example report that passes it and one that fails it.

Each entry below is readable as a specification: how to turn a correct report into one that breaks
the rule. The passing example is the correct report (or, for rules across reports, the correct pair).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

import pytest

from disclosure_audit import rules
from disclosure_audit.checks import run_checks
from disclosure_audit.checks.ingest import unreadable_finding
from disclosure_audit.model import ReportRecord, RosterUnit
from tests.factories import record

LONG_S1 = ("本年度我单位坚持以人民为中心的发展思想，围绕中心工作深化政务公开，完善主动公开目录，规范依申请公开办理流程，"
           "加强政策解读和回应关切，推进基层政务公开标准化规范化建设，政府信息公开工作取得新成效。")
OTHER_S1 = ("我局聚焦财政预决算、重大建设项目和公共资源配置等重点领域，细化公开内容，优化网站栏目设置，"
            "建立健全信息发布审核机制，开展业务培训两次，切实提升公开质量和群众满意度，取得了较好的社会效果。")


def _rec(**kw) -> ReportRecord:  # noqa: ANN003
    return record("gov-2021", 2022, seed=3, **kw)


def _with(rec: ReportRecord, **values) -> ReportRecord:  # noqa: ANN003
    rec.values.update({k.replace("__", "."): v for k, v in values.items()})
    return rec


def _set(key: str, delta: int) -> Callable[[ReportRecord], ReportRecord]:
    def f(rec: ReportRecord) -> ReportRecord:
        rec.values[key] = (rec.values[key] or 0) + delta
        return rec
    return f


def _shift_pair(a: str, b: str) -> Callable[[ReportRecord], ReportRecord]:
    """Change two cells together so that exactly one relation breaks."""
    def f(rec: ReportRecord) -> ReportRecord:
        rec.values[a] += 1
        rec.values[b] += 1
        return rec
    return f


def _prev(rec: ReportRecord) -> ReportRecord:
    p = record(rec.template or "gov-2021", rec.year - 1, seed=9, unit=rec.unit)
    for c in ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org", "total"):
        p.values[f"t3.carried_forward.{c}"] = rec.values[f"t3.carried_over.{c}"]
    if rec.template == "gov-2021":
        for r in ("regulations", "normative_documents"):
            b = f"t2.art20_1.{r}"
            p.values[f"{b}.in_force"] = rec.values[f"{b}.in_force"] - rec.values[f"{b}.issued"] + rec.values[f"{b}.repealed"]
    else:
        for g, r in (("art20_5", "administrative_licensing"), ("art20_5", "other_services"), ("art20_6", "administrative_penalty"),
                     ("art20_6", "administrative_coercion"), ("art20_8", "administrative_fees")):
            p.values[f"t2.{g}.{r}.change"] = 0
            p.values[f"t2.{g}.{r}.prev_items"] = rec.values[f"t2.{g}.{r}.prev_items"]
    return p


# rule -> (build the failing run, build the passing run); a run is (records, history, roster)
Run = tuple[list[ReportRecord], list[ReportRecord], list[RosterUnit] | None]


def _single(fail: Callable[[ReportRecord], ReportRecord], make: Callable[[], ReportRecord] = _rec) -> tuple[Callable[[], Run], Callable[[], Run]]:
    return (lambda: ([fail(make())], [], None)), (lambda: ([make()], [], None))


def _old() -> ReportRecord:
    return record("gov-2019", 2020, seed=4)


EXAMPLES: dict[str, tuple[Callable[[], Run], Callable[[], Run]]] = {
    "structure.template": _single(lambda r: replace(r, template="gov-2019", year=2022)),
    "structure.sections": _single(lambda r: replace(r, section_order=["s1", "s2", "s3", "s5", "s6"])),
    "structure.tables": _single(lambda r: replace(r, missing_rows=["t3.other_other"], values={**r.values, **{k: None for k in r.values if k.startswith("t3.other_other.")}})),
    "completeness.cell": _single(lambda r: _with(r, t3__granted__natural_person=None)),
    "completeness.text": _single(lambda r: replace(r, sections={**r.sections, "s5": ""})),
    "completeness.identity": _single(lambda r: replace(r, unit=None)),
    "domain.integer": _single(lambda r: _with(r, t2__art20_5__administrative_licensing__decisions=-2)),
    "domain.amount": _single(lambda r: _with(r, t2__art20_8__administrative_fees__fee_amount=-5.5)),
    "t3.applicant_total": _single(_shift_pair("t3.granted.total", "t3.results_total.total")),
    "t3.results_total": _single(_shift_pair("t3.granted.natural_person", "t3.granted.total")),
    "t3.balance": _single(_shift_pair("t3.carried_forward.natural_person", "t3.carried_forward.total")),
    "t4.total": _single(_set("t4.review.total", 3)),
    "t3.other_handling": _single(
        lambda r: _with(r, **{f"t3__other_handling__{c}": r.values[f"t3.other_other.{c}"] + r.values[f"t3.other_overdue_correction.{c}"] + r.values[f"t3.other_unpaid_fee.{c}"] + 1 for c in ("natural_person",)}),
    ),
    "narrative.applications": _single(lambda r: replace(r, sections={**r.sections, "s1": f"2022年，本单位共受理政府信息公开申请{int(r.values['t3.new_received.total']) + 5}件。"})),
    "narrative.normative_documents": _single(lambda r: replace(r, sections={**r.sections, "s1": f"本年度制发行政规范性文件{int(r.values['t2.art20_1.normative_documents.issued']) + 2}件。"})),
    "narrative.review_litigation": _single(lambda r: replace(r, sections={**r.sections, "s1": f"发生行政复议案件{int(r.values['t4.review.total']) + 1}件。"})),
    "plausibility.amount_unit": _single(lambda r: _with(r, t2__art20_8__administrative_fees__fee_amount=2_500_000_000.0)),
    "timeliness.deadline": _single(lambda r: replace(r, unit="示例县财政局", published_at="2023-02-15")),
    "ingest.unreadable": ((lambda: ([], [], None)), (lambda: ([_rec()], [], None))),
}


def _history_pair(break_it: Callable[[ReportRecord, ReportRecord], None], tid: str = "gov-2021") -> tuple[Callable[[], Run], Callable[[], Run]]:
    def fail() -> Run:
        rec = record(tid, 2022 if tid == "gov-2021" else 2020, seed=5)
        prev = _prev(rec)
        break_it(rec, prev)
        return [rec], [prev], None

    def ok() -> Run:
        rec = record(tid, 2022 if tid == "gov-2021" else 2020, seed=5)
        return [rec], [_prev(rec)], None
    return fail, ok


def _break_carry(rec: ReportRecord, prev: ReportRecord) -> None:
    prev.values["t3.carried_forward.natural_person"] += 2


def _break_items(rec: ReportRecord, prev: ReportRecord) -> None:
    prev.values["t2.art20_5.administrative_licensing.change"] = 4


def _break_in_force(rec: ReportRecord, prev: ReportRecord) -> None:
    prev.values["t2.art20_1.normative_documents.in_force"] += 30


EXAMPLES["history.carry_over"] = _history_pair(_break_carry)
EXAMPLES["history.items"] = _history_pair(_break_items, "gov-2019")
EXAMPLES["history.in_force"] = _history_pair(_break_in_force)


def _dup(copied: bool) -> Run:
    a = record("gov-2021", 2022, seed=1, unit="甲县人民政府")
    b = record("gov-2021", 2022, seed=2, unit="乙县人民政府")
    a.sections["s1"] = LONG_S1
    b.sections["s1"] = LONG_S1.replace("本年度", "今年") if copied else OTHER_S1
    return [a, b], [], None


EXAMPLES["duplicate.text"] = ((lambda: _dup(True)), (lambda: _dup(False)))

_ROSTER = [RosterUnit("示例县人民政府", "示例市示例县", "county", "a@units.example.org"),
           RosterUnit("示例县财政局", "示例市示例县", "department", "b@units.example.org")]
EXAMPLES["roster.missing"] = ((lambda: ([_rec()], [], _ROSTER)),
                             (lambda: ([_rec(), record("gov-2021", 2022, seed=8, unit="示例县财政局")], [], _ROSTER)))


def _findings(run: Run) -> list:
    records, history, roster = run
    return run_checks(records, history=history, roster=roster, engine="pandera")


def test_every_catalogue_rule_has_examples() -> None:
    assert set(EXAMPLES) == set(rules.catalogue())


@pytest.mark.parametrize("rule_id", sorted(EXAMPLES))
def test_rule_fails_on_its_failing_example(rule_id: str) -> None:
    fail, _ = EXAMPLES[rule_id]
    if rule_id == "ingest.unreadable":
        f = unreadable_finding("broken.pdf", "PDF 已损坏")
        assert f.rule == rule_id and f.severity == "error" and "broken.pdf" == f.source
        return
    found = [f for f in _findings(fail()) if f.rule == rule_id]
    assert found, f"{rule_id} not reported on its failing example"
    assert all(f.severity == rules.severity(rule_id) and f.message for f in found)


@pytest.mark.parametrize("rule_id", sorted(EXAMPLES))
def test_rule_passes_on_its_passing_example(rule_id: str) -> None:
    _, ok = EXAMPLES[rule_id]
    assert not [f for f in _findings(ok()) if f.rule == rule_id]


def test_passing_examples_are_clean_overall() -> None:
    assert _findings(([_rec()], [], None)) == []


@pytest.mark.parametrize("rule_id", ["completeness.cell", "t3.applicant_total", "t3.results_total", "t3.balance", "t4.total", "t3.other_handling"])
def test_gx_alone_finds_the_table_rules(rule_id: str) -> None:
    """The GX suites cover completeness and arithmetic on their own (the domain is pandera's)."""
    records, _, _ = EXAMPLES[rule_id][0]()
    assert [f for f in run_checks(records, engine="gx") if f.rule == rule_id]
    ok, _, _ = EXAMPLES[rule_id][1]()
    assert not [f for f in run_checks(ok, engine="gx") if f.rule == rule_id]


def test_amount_unit_message_states_the_amount_in_full() -> None:
    rec = _with(record(), t2__art20_8__administrative_fees__fee_amount=2_512_345.5)
    found = [f for f in run_checks([rec], engine="pandera") if f.rule == "plausibility.amount_unit"]
    assert len(found) == 1 and "2512345.5万元" in found[0].message and "e+" not in found[0].message


def test_a_report_is_missing_only_once_its_deadline_has_passed() -> None:
    from disclosure_audit.checks.config import CheckConfig

    roster = [RosterUnit("丙县财政局", "示例市", "department", "c@u.example.org"),
              RosterUnit("丁县人民政府", "示例市", "county", "d@u.example.org")]
    present = [record(year=2026)]

    def missing(today: str) -> list[str]:
        found = run_checks(present, roster=roster, config=CheckConfig(today=today), engine="pandera")
        return sorted(f.unit for f in found if f.rule == "roster.missing")

    assert missing("2027-01-20") == []  # the weekly audit in January: nobody is late yet
    assert missing("2027-02-01") == ["丙县财政局"]  # departments: by 31 January
    assert missing("2027-04-01") == ["丁县人民政府", "丙县财政局"]  # governments: by 31 March


def test_a_finding_of_a_retired_rule_still_has_a_text() -> None:
    # the warehouse may hold findings of a rule the catalogue no longer has: the report shows no
    # description, an alert names the rule by its id, and neither fails
    from disclosure_audit.alerts.render import rule_text
    from disclosure_audit.report.labels import rule_description

    assert rule_description("t3.balance") == rule_text("t3.balance") == rules.rule("t3.balance").description != ""
    assert rule_description("t9.retired") == "" and rule_text("t9.retired") == "t9.retired"
