"""The synthetic province generator: a landing folder of reports for every unit and year, its
manifest, the roster, and the ground truth of what a correct audit finds (labels.jsonl).

``generate(out, units=N, years=range(2019, 2025), formats=FORMATS, error_rate=R, seed=S)`` writes::

    OUT/landing/<fmt>/<year>/<unit>-<year>.<ext>   the reports (txt, html, docx, pdf)
    OUT/landing/manifest.csv                        file, unit, region, level, year, published_at, contact
    OUT/roster.csv                                  unit, region, level, email, parent, deadline, supervisor_email
    OUT/labels.jsonl                                one expected finding a line: source, unit, year, rule, cells
    OUT/values.jsonl                                per file: the canonical values a correct reader gets

Per unit and year: the template of the year (gov-2019 for 2019–2020, gov-2021 from 2021), values
that satisfy every relation with magnitudes of the unit's level and that continue last year's
report (carry-over, prev_items, in_force), section texts of its own that state some of the counts,
layout variation (label variants, amounts in 万元 or with separators, full-width digits, portal
pages in UTF-8 or GBK, crawler headers) and a publication date before the unit's deadline.
A share ``error_rate`` of the reports gets one planted defect (``defects.KINDS``); the labels are
derived from what the files print (``expected.expected_findings``). Same seed, same bytes.
"""

from __future__ import annotations

import json
import random
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterable

from disclosure_audit import templates
from disclosure_audit.manifest import write_manifest
from disclosure_audit.model import ManifestEntry, RosterUnit
from disclosure_audit.synth import defects
from disclosure_audit.synth.document import Block, Document, build_document
from disclosure_audit.synth.expected import expected_findings
from disclosure_audit.synth.narrative import S5Key, province_texts
from disclosure_audit.synth.plan import ReportPlan
from disclosure_audit.synth.province import DEFAULT_TOWNSHIP_DEADLINE, build_roster, deadline, write_roster
from disclosure_audit.synth.values import report_values

FORMATS: tuple[str, ...] = ("txt", "html", "docx", "pdf")
DEFAULT_YEARS: tuple[int, ...] = tuple(range(2019, 2025))
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class GeneratedProvince:
    """Where a generated province was written, and what it holds."""

    out: Path
    landing: Path  # the reports and manifest.csv
    manifest: Path
    roster: Path
    labels: Path
    years: list[int]
    units: list[RosterUnit]
    plans: list[ReportPlan] = field(repr=False, default_factory=list)
    defects: dict[str, int] = field(default_factory=dict)  # defect kind -> how many were planted

    def read_labels(self) -> list[dict]:
        return read_labels(self.labels)


def read_labels(path: str | Path) -> list[dict]:
    """The labels of a generated province (one JSON object a line)."""
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]


def parse_years(text: str) -> list[int]:
    """"2019-2024" or "2022" or "2021,2023" -> the years."""
    out: list[int] = []
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            a, b = (int(x) for x in part.split("-", 1))
            out += list(range(a, b + 1))
        else:
            out.append(int(part))
    if not out or min(out) < 2019:
        raise ValueError(f"years {text!r}: give report years from 2019 on, e.g. 2019-2024")
    return sorted(set(out))


def _published(rng: random.Random, unit: RosterUnit, year: int) -> str:
    mm, dd = map(int, deadline(unit).split("-"))
    due = date(year + 1, mm, dd)
    first = date(year + 1, 1, 5)
    day = first + timedelta(days=rng.randint(0, max(0, (due - first).days - 1)))
    return day.isoformat()


def _layout(plan: ReportPlan, rng: random.Random) -> None:
    """How cells are printed: amounts in 万元 or with separators, some full-width digits."""
    v = plan.values
    amount = v.get("t2.art20_9.centralized_procurement.amount")
    if amount is not None:
        a = int(amount)
        plan.cell_text["t2.art20_9.centralized_procurement.amount"] = rng.choice(
            [str(a), f"{a:,}", f"{a / 10000:.2f}万元", f"{a}.00", f"{a}元"])
    fee = v.get("t2.art20_8.administrative_fees.fee_amount")
    if fee is not None:
        plan.cell_text["t2.art20_8.administrative_fees.fee_amount"] = rng.choice([f"{fee:.2f}", f"{fee:g}", f"{fee:.2f}万元"])
    if rng.random() < 0.3:
        counts = [k for k, x in v.items() if isinstance(x, int) and x >= 0 and k not in plan.cell_text]
        for k in rng.sample(counts, min(4, len(counts))):
            plan.cell_text[k] = str(v[k]).translate(_FULL)


def _clean_plan(unit: RosterUnit, year: int, rng: random.Random, formats: tuple[str, ...], last: dict | None,
                taken: Callable[[S5Key], bool]) -> tuple[ReportPlan, S5Key]:
    """One correct report and the key of its section 五; ``last``: the unit's values of the year
    before (None: none); ``taken``: whether a section 五 key is already used (see ``province_texts``)."""
    tid = templates.for_year(year).id
    carried = {c: last[f"t3.carried_forward.{c}"] for c in templates.T3_APPLICANT_COLUMNS} if last else None
    values = report_values(tid, rng, level=unit.level, carried_over=carried, previous=last)
    fmt = rng.choice(formats)
    opts: dict = {}
    if fmt == "txt":
        opts["header"] = rng.random() < 0.4
    elif fmt == "html":
        opts["encoding"] = "gbk" if rng.random() < 0.3 else "utf-8"
        opts["portal"] = rng.random() < 0.85
    elif fmt == "pdf":
        # published PDFs embed their fonts (subsets), a few do not: one in ten, drawn from the unit
        # and year rather than from ``rng`` (whose sequence gives every other value of the province)
        opts["embed_font"] = zlib.crc32(f"{unit.unit}{year}".encode()) % 10 != 0
    states = {s for s, p in (("applications", 0.7), ("normative", 0.5), ("cases", 0.5)) if rng.random() < p}
    texts, s5_key = province_texts(unit.unit, year, rng, taken)
    plan = ReportPlan(unit=unit, year=year, doc_template=tid, values=values, texts=texts,
                      states=states, statement_variant=rng.randint(0, 5), published_at=_published(rng, unit, year),
                      fmt=fmt, fmt_options=opts, title_style=rng.randint(0, 2), label_variant=rng.randint(0, 1))
    _layout(plan, rng)
    return plan, s5_key


def build_plans(roster: list[RosterUnit], years: Iterable[int], *, formats: tuple[str, ...] = FORMATS, error_rate: float = 0.0,
                seed: int = 1, kinds: list[str] | None = None) -> tuple[list[ReportPlan], dict[str, int]]:
    """Clean plans for every unit and year (each continuing the unit's year before), then the
    planted defects, then the file paths."""
    years = sorted(years)
    plans: list[ReportPlan] = []
    s5_used: dict[int, set[S5Key]] = {y: set() for y in years}  # section 五 keys drawn per year
    for i, unit in enumerate(roster):
        rng = random.Random(f"{seed}-{i}-{unit.unit}")
        last: tuple[int, dict] | None = None
        own: S5Key | None = None  # this unit's key of the year before
        for year in years:
            # a section 五 another unit has this year, or this unit had the year before, is drawn again
            plan, own = _clean_plan(unit, year, rng, formats, last[1] if last and last[0] == year - 1 else None,
                                    lambda key, used=s5_used[year], mine=own: key in used or key == mine)
            s5_used[year].add(own)
            last = (year, dict(plan.values))  # the chain continues from the clean report
            plans.append(plan)
    clean = [dict(plan.values) for plan in plans]
    used = defects.assign(plans, error_rate, random.Random(f"defects-{seed}"), kinds) if error_rate > 0 else {}
    for plan, before in zip(plans, clean):
        # a printed form (full-width digits, 万元 text) made for the clean value would print the
        # clean value again: where a defect changed the value, the cell is printed plainly
        plan.cell_text = {k: t for k, t in plan.cell_text.items() if plan.values.get(k) == before.get(k)}
        plan.path = f"{plan.fmt}/{plan.year}/{plan.unit.unit}-{plan.year}.{plan.fmt}"  # the format is the suffix
    return plans, used


# -- rendering ----------------------------------------------------------------------------------
def document_of(plan: ReportPlan) -> Document:
    printing = {k: (None if x is None else plan.cell_text.get(k, x)) for k, x in plan.values.items()}
    doc = build_document(unit=plan.unit.unit, year=plan.year, template_id=plan.doc_template, values=printing,  # type: ignore[arg-type]
                         sections=plan.sections(), t3_rows=plan.t3_rows, omit_sections=plan.omit_sections,
                         label_variant=plan.label_variant, blank=plan.blank, published_at=plan.published_at, title=plan.title())
    if "t4" in plan.drop_tables:
        doc.blocks = [b for b in doc.blocks if not (b.kind == "table" and b.table and b.table.width == 15)]
    if plan.swap_s5_s6:
        heads = templates.sections()
        i5 = next(i for i, b in enumerate(doc.blocks) if b.kind == "heading" and b.text == heads["s5"])
        i6 = next(i for i, b in enumerate(doc.blocks) if b.kind == "heading" and b.text == heads["s6"])
        doc.blocks = doc.blocks[:i5] + doc.blocks[i6:] + doc.blocks[i5:i6]
    if plan.fmt in ("docx", "pdf") or (plan.fmt == "txt" and not plan.fmt_options.get("header")):
        doc.blocks.insert(0, Block("paragraph", f"发布日期：{plan.published_at}"))
    return doc


def render_plan(plan: ReportPlan) -> bytes:
    """The bytes of the plan's file (a damaged file for ``plan.damage``)."""
    from disclosure_audit.synth import render

    if plan.damage == "empty":
        return b""
    if plan.damage == "docx":
        good = render.to_docx(document_of(plan))
        return good[: len(good) // 3]  # a truncated upload: the zip directory is missing
    if plan.damage == "pdf":
        good = render.to_pdf(document_of(plan), embed_font=plan.fmt_options.get("embed_font", True))
        return good[:400]  # a truncated upload: no page survives
    doc = document_of(plan)
    if plan.fmt == "txt":
        return render.to_txt(doc, header=bool(plan.fmt_options.get("header")))
    if plan.fmt == "html":
        return render.to_html(doc, plan.fmt_options.get("encoding", "utf-8"), portal=plan.fmt_options.get("portal", True))
    if plan.fmt == "docx":
        return render.to_docx(doc)
    return render.to_pdf(doc, embed_font=plan.fmt_options.get("embed_font", True))


def _write(args: tuple[Path, list[ReportPlan]]) -> int:
    landing, plans = args
    for plan in plans:
        path = landing / plan.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_plan(plan))
    return len(plans)


def write_files(landing: Path, plans: list[ReportPlan], workers: int = 1) -> None:
    todo = [p for p in plans if not p.missing]
    if workers <= 1 or len(todo) < 50:
        _write((landing, todo))
        return
    size = max(20, len(todo) // (workers * 8))
    chunks = [(landing, todo[i : i + size]) for i in range(0, len(todo), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_write, chunks))


def manifest_entries(plans: list[ReportPlan]) -> list[ManifestEntry]:
    return [ManifestEntry(file=p.path, unit=p.unit.unit if p.identity else None, region=p.unit.region, level=p.unit.level,
                          year=p.year, published_at=p.published_at, contact=p.unit.email) for p in plans if not p.missing]


def generate(
    out: str | Path,
    units: int,
    years: Iterable[int] = DEFAULT_YEARS,
    formats: Iterable[str] = FORMATS,
    error_rate: float = 0.1,
    seed: int = 1,
    *,
    township_deadline: str = DEFAULT_TOWNSHIP_DEADLINE,
    kinds: list[str] | None = None,
    workers: int = 1,
) -> GeneratedProvince:
    """Write a synthetic province of ``units`` units under ``out`` (see the module docstring).

    ``formats``: the file formats to draw from; ``error_rate``: the share of reports (0–1) that get
    one planted defect, drawn from ``kinds`` (default: every kind of ``defects.KINDS``);
    ``township_deadline``: MM-DD the province sets for townships (the roster's deadline column);
    ``workers``: processes that render the files (rendering docx and pdf dominates the time).
    """
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown format(s) {', '.join(unknown) or '(none)'}; use some of {', '.join(FORMATS)}")
    if not 0 <= error_rate <= 1:
        raise ValueError(f"error rate {error_rate} must be between 0 and 1")
    years = sorted(set(years))
    out = Path(out)
    landing = out / "landing"
    landing.mkdir(parents=True, exist_ok=True)
    roster = build_roster(units, seed, township_deadline)
    plans, used = build_plans(roster, years, formats=formats, error_rate=error_rate, seed=seed, kinds=kinds)
    write_files(landing, plans, workers)
    manifest = landing / "manifest.csv"
    write_manifest(manifest, manifest_entries(plans))
    roster_path = out / "roster.csv"
    write_roster(roster_path, roster)
    labels_path = out / "labels.jsonl"
    with open(labels_path, "w", encoding="utf-8") as fh:
        for lab in expected_findings(plans, roster):
            fh.write(json.dumps(lab, ensure_ascii=False) + "\n")
    with open(out / "values.jsonl", "w", encoding="utf-8") as fh:
        for p in plans:
            if p.readable:
                fh.write(json.dumps({"source": p.path, "unit": p.reader_unit, "year": p.year, "template": p.template_used,
                                     "defects": p.defects, "values": p.values}, ensure_ascii=False) + "\n")
    return GeneratedProvince(out, landing, manifest, roster_path, labels_path, years, roster, plans, {k: n for k, n in used.items() if n})
