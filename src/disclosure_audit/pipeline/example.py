"""A tiny built-in province for ``disclosure-audit demo`` and the flow tests, used while (or where)
the full generator ``disclosure_audit.synth`` is not available.

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
# Sentences are put together from parts so that no two units write the same text (duplicate.text).
FOCUS = ("财政预决算", "重大建设项目", "行政许可事项", "教育招生", "医疗卫生", "生态环境", "乡村振兴", "就业创业", "住房保障", "安全生产")
ACTION = ("集中公开", "分类梳理并公开", "按季度更新", "通过专栏发布", "配套政策解读发布", "在政务新媒体同步推送")
WAY = ("方便群众查询", "接受社会监督", "回应社会关切", "提升办事效率", "规范公开流程", "提高信息质量")
WEAK = ("栏目更新不够及时", "政策解读形式单一", "公开内容规范性不足", "依申请答复文书格式不统一", "基层人员业务能力不足", "公开专区建设进度不一", "信息发布审核流程较长", "数据开放程度不高")
FIX = ("修订工作制度", "开展专题培训", "加强督查考核", "统一发布模板", "完善审核机制", "推进平台整合")


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


def _sections(rng: random.Random, unit: str, year: int) -> dict[str, str]:
    done = "".join(
        f"围绕{f}信息，{rng.choice(ACTION)}，{rng.choice(WAY)}，全年发布{rng.randint(20, 900)}条。"
        for f in rng.sample(FOCUS, 4)
    )
    weak = "".join(f"{w}，下一步将{rng.choice(FIX)}，力争{year + 1}年底前整改到位。" for w in rng.sample(WEAK, 3))
    return {
        "s1": f"{year}年，{unit}认真贯彻落实《中华人民共和国政府信息公开条例》。{done}",
        "s2": "",
        "s3": "",
        "s4": "",
        "s5": f"{unit}政府信息公开工作仍存在一些不足：{weak}",
        "s6": "无。",
    }


def write_example_province(out: str | Path, units: int = 6, year: int = 2024, seed: int = 7) -> ExampleProvince:
    """Write the example province under ``out``; returns where everything is."""
    from disclosure_audit.synth.document import build_document
    from disclosure_audit.synth.render import to_html, to_txt
    from disclosure_audit.synth.values import consistent_values

    rng = random.Random(seed)
    folder = Path(out) / "landing"
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"{COUNTIES[i % len(COUNTIES)]}{DEPARTMENTS[(i // len(COUNTIES)) % len(DEPARTMENTS)]}" for i in range(max(units, 2))]
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
        sections = _sections(rng, unit, year)
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
