"""A tiny fixed province for the flow, report and deployment tests (built from the synth document
model, values and narrative; ``disclosure-audit demo`` uses the province generator, ``synth.generate``).

It writes gov-2021 reports (txt and html) of a few units with arithmetic that adds up, one report
with a wrong 总计, a damaged pdf, a file in an unsupported format, a manifest and a roster that
names one unit without a report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from disclosure_audit import templates
from disclosure_audit.manifest import write_manifest
from disclosure_audit.model import ManifestEntry

ROSTER_COLUMNS = ("unit", "region", "level", "email", "parent", "deadline", "supervisor_email")
COUNTIES = ("清溪县", "石门县", "桃源县", "临湖县", "青山县", "白沙县", "云岭县", "松江县", "龙泉县", "柳城县")
DEPARTMENTS = ("人民政府", "财政局", "教育局", "自然资源局", "卫生健康局", "交通运输局")
@dataclass
class ExampleProvince:
    """Where the example was written."""

    folder: Path  # the landing folder (reports + manifest)
    manifest: Path
    roster: Path
    year: int
    units: list[str]
    defective: str  # the unit whose report has a wrong 总计
    defective_path: Path
    corrected: bytes  # the defective report as it should have been (a clerk's correction)
    broken: Path  # the damaged file

    def correct(self) -> Path:
        """Replace the defective report by its corrected version; returns its path."""
        self.defective_path.write_bytes(self.corrected)
        return self.defective_path


def _unit_name(i: int) -> str:
    """清溪县人民政府, 石门县人民政府, …, then the departments; beyond 60 units a 第N片区 prefix."""
    combos = len(COUNTIES) * len(DEPARTMENTS)
    name = f"{COUNTIES[i % len(COUNTIES)]}{DEPARTMENTS[(i // len(COUNTIES)) % len(DEPARTMENTS)]}"
    return name if i < combos else f"第{i // combos + 1}片区{name}"


def write_example_province(out: str | Path, units: int = 6, year: int = 2024, seed: int = 7) -> ExampleProvince:
    """Write the example province under ``out``; returns where everything is."""
    from disclosure_audit.synth.document import build_document
    from disclosure_audit.synth.render import to_html, to_txt
    from disclosure_audit.synth.narrative import sections as report_text
    from disclosure_audit.synth.values import consistent_values

    rng = random.Random(seed)
    folder = Path(out) / "landing"
    folder.mkdir(parents=True, exist_ok=True)
    names = [_unit_name(i) for i in range(max(units, 2))]
    entries: list[ManifestEntry] = []
    roster_rows: list[tuple[str, ...]] = []
    defective = names[1]
    for i, unit in enumerate(names):
        region = f"示范省示范市{unit[:3]}"
        level = "county" if unit.endswith("人民政府") else "department"
        roster_rows.append((unit, region, level, f"unit{i + 1}@example.gov.cn", "", "", "supervisor@example.gov.cn"))
        if i == len(names) - 1 and units > 2:
            continue  # on the roster, no report: roster.missing
        values = consistent_values(templates.GOV_2021, seed=seed * 1000 + i)
        published = f"{year + 1}-01-{10 + i % 15:02d}"
        sections = report_text(unit, year, values, rng)
        render = to_html if i % 3 == 2 else to_txt
        path = folder / ("html" if i % 3 == 2 else "txt") / f"{i + 1:03d}-{unit}-{year}.{'html' if i % 3 == 2 else 'txt'}"

        def doc(vals: dict, unit: str = unit, sections: dict = sections, published: str = published) -> bytes:
            return render(build_document(unit=unit, year=year, template_id=templates.GOV_2021, values=vals, sections=sections, published_at=published))

        data = doc(values)
        if unit == defective:
            corrected, defective_path = data, path
            data = doc(values | {"t3.new_received.total": (values["t3.new_received.total"] or 0) + 1})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        entries.append(ManifestEntry(file=path.relative_to(folder).as_posix(), unit=unit, region=region, level=level, year=year, published_at=published, contact=f"unit{i + 1}@example.gov.cn"))
    broken = folder / "pdf" / f"999-损坏的文件-{year}.pdf"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>\ntruncated")
    (folder / "其他").mkdir(exist_ok=True)
    (folder / "其他" / "工作台账.xls").write_bytes(b"\xd0\xcf\x11\xe0not a report")
    manifest = folder / "manifest.csv"
    write_manifest(manifest, entries)
    roster = Path(out) / "roster.csv"
    with open(roster, "w", encoding="utf-8-sig", newline="") as fh:
        import csv

        w = csv.writer(fh)
        w.writerow(ROSTER_COLUMNS)
        w.writerows(roster_rows)
    return ExampleProvince(folder, manifest, roster, year, names, defective, defective_path, corrected, broken)
