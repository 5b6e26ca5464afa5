"""The two official report templates as data: cell keys, labels, order, and the table relations.

The definitions live in ``data/templates.yaml`` inside the package; this module loads them once and
offers the views the readers and checks need (ordered keys per table, row and column lists, which
columns may be negative, which cells are amounts and in which unit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Iterable

import yaml

GOV_2019 = "gov-2019"
GOV_2021 = "gov-2021"
MIXED = "mixed"
TEMPLATE_IDS: tuple[str, ...] = (GOV_2019, GOV_2021)

SECTION_IDS: tuple[str, ...] = ("s1", "s2", "s3", "s4", "s5", "s6")

# Table 3: the five 法人或其他组织 columns, between natural_person and total.
T3_ORG_COLUMNS: tuple[str, ...] = (
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
)
T3_APPLICANT_COLUMNS: tuple[str, ...] = ("natural_person", *T3_ORG_COLUMNS)
T4_PART_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other", "pending")
T3_NON_RESULT_ROWS: frozenset[str] = frozenset(
    {"new_received", "carried_over", "results_total", "carried_forward"}
)
# gov-2021 rows printed under the heading （六）其他处理 (gov-2019 prints the single row other_handling).
T3_OTHER_HANDLING_SUBROWS: tuple[str, ...] = ("other_overdue_correction", "other_unpaid_fee", "other_other")


@dataclass(frozen=True)
class T2Group:
    """One block of table 2 (第二十条第（x）项): its rows and columns in printed order."""

    group: str
    label: str
    rows: tuple[tuple[str, str], ...]
    columns: tuple[tuple[str, str], ...]

    def keys(self) -> list[str]:
        return [f"t2.{self.group}.{r}.{c}" for r, _ in self.rows for c, _ in self.columns]


@dataclass(frozen=True)
class Template:
    """One official template: every cell key in printed order and the facts checks rely on."""

    id: str
    name: str
    first_year: int
    last_year: int | None
    t2: tuple[T2Group, ...]
    t3_rows: tuple[tuple[str, str], ...]
    t3_columns: tuple[tuple[str, str], ...]
    t4_rows: tuple[tuple[str, str], ...]
    t4_columns: tuple[tuple[str, str], ...]
    signed_columns: frozenset[str]
    amount_cells: dict[str, str] = field(default_factory=dict)

    @property
    def t3_row_ids(self) -> list[str]:
        return [r for r, _ in self.t3_rows]

    @property
    def t3_result_leaf_rows(self) -> list[str]:
        """Rows whose sum is （七）总计 (the leaves of 三、本年度办理结果)."""
        return [r for r in self.t3_row_ids if r not in T3_NON_RESULT_ROWS]

    def t2_keys(self) -> list[str]:
        return [k for g in self.t2 for k in g.keys()]

    def t3_keys(self) -> list[str]:
        return [f"t3.{r}.{c}" for r, _ in self.t3_rows for c, _ in self.t3_columns]

    def t4_keys(self) -> list[str]:
        return [f"t4.{r}.{c}" for r, _ in self.t4_rows for c, _ in self.t4_columns]

    def keys(self) -> list[str]:
        """Every cell key of the template, in printed order (198 for gov-2019, 200 for gov-2021)."""
        return self.t2_keys() + self.t3_keys() + self.t4_keys()

    def covers_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def is_signed(self, key: str) -> bool:
        """Whether a cell may hold a negative value (gov-2019 本年增/减 columns)."""
        return key.startswith("t2.") and key.rsplit(".", 1)[1] in self.signed_columns

    def is_amount(self, key: str) -> bool:
        return key in self.amount_cells


def _pairs(items: Iterable[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in items)


@cache
def _raw() -> dict:
    text = resources.files("disclosure_audit").joinpath("data/templates.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def sections() -> dict[str, str]:
    """Section id (s1..s6) -> official heading."""
    return dict(_raw()["sections"])


@cache
def get(template_id: str) -> Template:
    """The template named ``gov-2019`` or ``gov-2021``; KeyError names the known ones."""
    raw = _raw()
    try:
        t = raw["templates"][template_id]
    except KeyError:
        raise KeyError(f"unknown template {template_id!r}; known: {', '.join(TEMPLATE_IDS)}") from None
    first, last = t["years"]
    return Template(
        id=template_id,
        name=t["name"],
        first_year=int(first),
        last_year=None if last is None else int(last),
        t2=tuple(
            T2Group(g["group"], g["label"], _pairs(g["rows"]), _pairs(g["columns"])) for g in t["t2"]
        ),
        t3_rows=_pairs(raw["t3_rows_head_list"]) + _pairs(t["t3_rows_tail"]),
        t3_columns=_pairs(t["t3"]["columns"]),
        t4_rows=_pairs(t["t4"]["rows"]),
        t4_columns=_pairs(t["t4"]["columns"]),
        signed_columns=frozenset(t.get("signed_columns") or ()),
        amount_cells=dict(t.get("amount_cells") or {}),
    )


def for_year(year: int) -> Template:
    """The template a report of ``year`` must use (gov-2019 up to 2020, gov-2021 from 2021)."""
    for tid in TEMPLATE_IDS:
        tpl = get(tid)
        if tpl.covers_year(year):
            return tpl
    raise ValueError(f"no official template covers report year {year}; reports start in 2019")


def expected_keys(template_used: str, year: int | None) -> list[str]:
    """The keys a report is keyed by: the template it prints, or for ``mixed`` the template of its
    year plus the rows of the other template that it prints (the caller adds those)."""
    if template_used == MIXED:
        return for_year(year if year is not None else 2021).keys()
    return get(template_used).keys()


def all_keys() -> list[str]:
    """The union of both templates' keys (the columns of a frame holding reports of any template)."""
    seen: dict[str, None] = {}
    for tid in TEMPLATE_IDS:
        for k in get(tid).keys():
            seen.setdefault(k, None)
    return list(seen)


def label_of(key: str) -> str:
    """The official Chinese label of a cell key, e.g. 表三“本年新收…”行“自然人”列."""
    parts = key.split(".")
    for tid in (GOV_2021, GOV_2019):
        tpl = get(tid)
        if parts[0] == "t2" and len(parts) == 4:
            for g in tpl.t2:
                if g.group == parts[1]:
                    rows, cols = dict(g.rows), dict(g.columns)
                    if parts[2] in rows and parts[3] in cols:
                        return f"表二{g.label}“{rows[parts[2]]}”行“{cols[parts[3]]}”列"
        elif parts[0] == "t3" and len(parts) == 3:
            rows, cols = dict(tpl.t3_rows), dict(tpl.t3_columns)
            if parts[1] in rows and parts[2] in cols:
                return f"表三“{rows[parts[1]]}”行“{cols[parts[2]]}”列"
        elif parts[0] == "t4" and len(parts) == 3:
            rows, cols = dict(tpl.t4_rows), dict(tpl.t4_columns)
            if parts[1] in rows and parts[2] in cols:
                return f"表四“{rows[parts[1]]}”行“{cols[parts[2]]}”列"
    if parts[0] == "t3" and len(parts) == 3 and parts[1] == "other_handling":
        return f"表三“（六）其他处理”行“{dict(get(GOV_2019).t3_columns)[parts[2]]}”列"
    return key
