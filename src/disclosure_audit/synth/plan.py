"""One synthetic report as planned: what the file prints (values, rows, sections, dates, identity)
and how it is rendered. The generator builds a clean plan per unit and year, ``defects`` changes
some plans, ``expected`` derives from the plans what a correct audit reports, and ``generate``
renders each plan to a file. The plan is the ground truth: ``values`` are the canonical values a
correct reader gets from the file (None = blank cell), not the values before a defect.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from disclosure_audit import templates
from disclosure_audit.model import RosterUnit
from disclosure_audit.synth.narrative import statement_sentences

IDENTITY_HIDDEN = "本单位"


@dataclass
class ReportPlan:
    unit: RosterUnit
    year: int
    doc_template: str  # the template whose tables are printed (gov-2019 or gov-2021)
    values: dict[str, int | float | None]  # canonical values as printed (the keys the reader keys by)
    texts: dict[str, str]  # s1 (without stated counts), s5, s6
    states: set[str] = field(default_factory=set)  # counts section 一 states: applications, normative, cases
    stated_override: dict[str, int] = field(default_factory=dict)  # narrative defects: stated instead of the table's
    statement_variant: int = 0
    published_at: str = ""
    fmt: str = "txt"
    fmt_options: dict = field(default_factory=dict)  # header (txt), encoding/portal (html)
    cell_text: dict[str, str] = field(default_factory=dict)  # how a cell is printed when not plainly
    blank: str = ""  # what a blank cell shows
    t3_rows: list[str] | None = None  # printed rows of table 3 (None: the template's)
    omit_sections: tuple[str, ...] = ()
    swap_s5_s6: bool = False
    drop_tables: tuple[str, ...] = ()
    title_style: int = 0
    label_variant: int = 0
    identity: bool = True  # the unit is named in the title and the manifest
    damage: str | None = None  # "pdf", "docx" or "empty": the file cannot be read
    missing: bool = False  # no file at all (roster.missing)
    defects: list[str] = field(default_factory=list)
    copied_from: str | None = None  # duplicate.text: whose section 五 was copied
    path: str = ""  # relative to the landing folder

    # -- what a correct reader gets ------------------------------------------------------------
    @property
    def readable(self) -> bool:
        return not self.missing and self.damage is None

    @property
    def reader_unit(self) -> str | None:
        return self.unit.unit if self.identity else None

    @property
    def template_used(self) -> str:
        """gov-2019, gov-2021 or mixed (gov-2021 tables with the single gov-2019 row （六）其他处理)."""
        rows = self.t3_rows or []
        if self.doc_template == templates.GOV_2021 and "other_handling" in rows and not any(
                r in rows for r in templates.T3_OTHER_HANDLING_SUBROWS):
            return templates.MIXED
        return self.doc_template

    @property
    def section_order(self) -> list[str]:
        order = [s for s in templates.SECTION_IDS if s not in self.omit_sections]
        if self.swap_s5_s6 and "s5" in order and "s6" in order:
            i, j = order.index("s5"), order.index("s6")
            order[i], order[j] = order[j], order[i]
        return order

    @property
    def missing_tables(self) -> list[str]:
        return [t for t in ("t2", "t3", "t4") if t in self.drop_tables]

    @property
    def missing_rows(self) -> list[str]:
        if self.t3_rows is None or "t3" in self.drop_tables:
            return []
        tpl = templates.get(self.doc_template)
        return [f"t3.{r}" for r in tpl.t3_row_ids if r not in self.t3_rows]

    def stated(self) -> dict[str, int | None]:
        """The counts section 一 states (None: not stated): the table's printed value unless a
        narrative defect states another number."""
        v, o = self.values, self.stated_override
        out: dict[str, int | None] = {}
        if "applications" in self.states:
            out["applications"] = o.get("applications", _int(v.get("t3.new_received.total")))
        if "normative" in self.states:
            if self.doc_template == templates.GOV_2021:
                out["normative_2021"] = o.get("normative", _int(v.get("t2.art20_1.normative_documents.issued")))
            else:
                out["normative_2019"] = o.get("normative", _int(v.get("t2.art20_1.normative_documents.made")))
        if "cases" in self.states:
            review = _int(v.get("t4.review.total"))
            direct, after = _int(v.get("t4.litigation_direct.total")), _int(v.get("t4.litigation_after_review.total"))
            lit = None if direct is None or after is None else direct + after
            out["review"] = o.get("review", review)
            out["litigation"] = o.get("litigation", lit)
            if out["review"] is None or out["litigation"] is None:
                out["review"] = out["litigation"] = None
        return out

    def s1_text(self) -> str:
        text = self.texts.get("s1", "") + statement_sentences(self.year, self.stated(), self.statement_variant)
        return text if self.identity else text.replace(self.unit.unit, IDENTITY_HIDDEN)

    def sections(self) -> dict[str, str]:
        """Section texts as printed (s2–s4 hold only the tables)."""
        return {"s1": self.s1_text(), "s5": self.texts.get("s5", ""), "s6": self.texts.get("s6", "")}

    def title(self) -> str:
        u, y = self.unit.unit, self.year
        if not self.identity:
            return f"{y}年度政府信息公开工作年度报告"
        return [f"{u}{y}年度政府信息公开工作年度报告", f"{u}{y}年政府信息公开工作年度报告",
                f"{y}年度{u}政府信息公开工作年度报告"][self.title_style % 3]


def _int(x: int | float | None) -> int | None:
    """A count as stated in text (a non-integer or negative cell is not stated)."""
    if x is None or x < 0 or x != int(x):
        return None
    return int(x)
