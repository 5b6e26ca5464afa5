"""The roster of a synthetic province: province → cities → counties → townships (乡镇/街道), and the
departments of every government at county level and above.

``build_roster(units, seed)`` returns exactly ``units`` roster units in the proportions of a real
province (about 15 cities, 120 counties, 2,000 townships and several thousand departments for
10,000 units), with unique names, region, level, contact email, supervisor email (the region's
government information disclosure office), parent unit, and the publication deadline: 条例第四十九条
gives departments 31 January and governments 31 March; townships are the province's choice
(``township_deadline``, written into the roster's ``deadline`` column).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from disclosure_audit.model import RosterUnit

PROVINCE = "江岳省"
ROSTER_COLUMNS = ("unit", "region", "level", "email", "parent", "deadline", "supervisor_email")
DEPARTMENT_DEADLINE = "01-31"
GOVERNMENT_DEADLINE = "03-31"
DEFAULT_TOWNSHIP_DEADLINE = "02-28"

_CITY_STEMS = ("青州", "临川", "云阳", "白河", "松陵", "安平", "永宁", "长乐", "宁远", "丰泽", "武陵", "清远", "桂阳", "梅岭",
               "石城", "兰溪", "泰和", "鹤山", "龙岩", "嘉禾", "瑞安", "海宁", "东阳", "南丰", "新余", "宜春")
_SYL = "安宝昌崇大德东丰福阜高广海和华怀嘉江金靖乐临龙隆茂梅明南平浦庆瑞沙上盛石寿顺泰桃天万文武西祥新兴阳宜永裕元云长正中"
_DEPARTMENTS = ("发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
                "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局",
                "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
                "统计局", "医疗保障局", "林业局", "体育局", "信访局", "行政审批服务局", "城市管理局", "乡村振兴局",
                "数据资源管理局", "机关事务管理局", "民族宗教事务局", "粮食和物资储备局", "人民防空办公室", "地方金融管理局",
                "档案局", "气象局", "供销合作社", "国有资产监督管理委员会", "人民政府办公室", "外事办公室", "政务服务管理局",
                "公共资源交易中心", "住房公积金管理中心", "地震局", "园林绿化局", "水文水资源局", "投资促进局", "大数据中心",
                "综合行政执法局", "不动产登记中心", "社会保险事业管理中心", "就业服务中心", "疾病预防控制中心",
                "公路事业发展中心", "港航事业发展中心", "消防救援大队", "经济技术开发区管理委员会", "妇女儿童工作委员会办公室",
                "重点项目建设服务中心", "农业机械化服务中心", "畜牧兽医中心", "人民政府研究室", "国防动员办公室")


def _names(rng: random.Random, count: int, suffix: str, taken: set[str]) -> list[str]:
    """``count`` distinct two-syllable names + suffix, none already taken."""
    out: list[str] = []
    while len(out) < count:
        name = rng.choice(_SYL) + rng.choice(_SYL) + suffix
        if name[0] != name[1] and name not in taken:
            taken.add(name)
            out.append(name)
    return out


def _counts(units: int) -> tuple[int, int, int]:
    """(cities, counties, townships) for a province of ``units`` units (the rest are departments)."""
    cities = max(1, round(units * 15 / 10_000))
    counties = max(2 * cities, round(units * 120 / 10_000))
    townships = max(counties, round(units * 0.2))
    while 1 + cities + counties + townships > units * 0.45 and townships > (1 if units >= 6 else 0):
        townships -= 1
    return cities, counties, max(townships, 0)


def _email(code: str) -> str:
    return f"gk{code}@units.example.gov.cn"


def build_roster(units: int, seed: int = 1, township_deadline: str = DEFAULT_TOWNSHIP_DEADLINE) -> list[RosterUnit]:
    """Exactly ``units`` units, governments first (province, cities, counties), then townships and
    departments interleaved so that a small province still has every level."""
    if units < 1:
        raise ValueError("a province needs at least one unit")
    rng = random.Random(f"roster-{seed}")
    n_cities, n_counties, n_townships = _counts(units)
    city_names = [c + "市" for c in rng.sample(_CITY_STEMS, min(n_cities, len(_CITY_STEMS)))]
    taken: set[str] = set(city_names)  # before more are made up: a made-up city may not repeat a known one
    city_names += _names(rng, n_cities - len(city_names), "市", taken)
    province_gov = f"{PROVINCE}人民政府"
    sup_province = _email("sheng")
    govs: list[RosterUnit] = [RosterUnit(province_gov, PROVINCE, "province", _email("p0"), None, None, sup_province)]
    city_units: list[RosterUnit] = []
    for i, city in enumerate(city_names):
        city_units.append(RosterUnit(f"{city}人民政府", f"{PROVINCE}{city}", "city", _email(f"c{i:02d}"), province_gov, None, _email(f"sup-c{i:02d}")))
    county_units: list[RosterUnit] = []
    county_stems = _names(rng, n_counties, "", taken)
    for j, stem in enumerate(county_stems):
        city = city_units[j % len(city_units)]
        kind = "区" if j % 3 == 0 else "县"
        county = stem + kind
        region = f"{city.region}{county}"
        county_units.append(RosterUnit(f"{county}人民政府", region, "county", _email(f"k{j:03d}"), city.unit, None, _email(f"sup-k{j:03d}")))
    govs += city_units + county_units
    township_units: list[RosterUnit] = []
    per_county: dict[str, set[str]] = {}
    for t in range(n_townships):
        county = county_units[t % len(county_units)]
        used = per_county.setdefault(county.unit, set())
        stem = _names(rng, 1, "", used)[0]
        street = t % 4 == 3
        short = county.unit.removesuffix("人民政府")
        name = f"{short}{stem}街道办事处" if street else f"{short}{stem}镇人民政府"
        township_units.append(RosterUnit(name, f"{county.region}{stem}{'街道' if street else '镇'}", "township", _email(f"t{t:04d}"),
                                         county.unit, township_deadline, county.supervisor_email))
    n_departments = units - len(govs) - len(township_units)
    department_units: list[RosterUnit] = []
    owners = [govs[0], *city_units, *county_units]
    next_dept = {o.unit: 0 for o in owners}
    d = 0
    while len(department_units) < n_departments:
        owner = owners[d % len(owners)]  # round robin: province, cities, counties
        d += 1
        k = next_dept[owner.unit]
        if k >= len(_DEPARTMENTS):
            if all(v >= len(_DEPARTMENTS) for v in next_dept.values()):
                raise ValueError(f"a province of {units} units needs more department names than are known")
            continue
        next_dept[owner.unit] = k + 1
        prefix = owner.unit.removesuffix("人民政府")
        department_units.append(RosterUnit(f"{prefix}{_DEPARTMENTS[k]}", owner.region, "department",
                                           _email(f"d{len(department_units):05d}"), owner.unit, None, owner.supervisor_email))
    # a small province keeps every level: governments, then townships and departments alternately
    out = list(govs[:units])
    rest = _interleave(township_units, department_units)
    out += rest[: units - len(out)]
    return out


def _interleave(a: list[RosterUnit], b: list[RosterUnit]) -> list[RosterUnit]:
    out: list[RosterUnit] = []
    ia = ib = 0
    while ia < len(a) or ib < len(b):
        # keep the proportion of a to b along the list
        if ib >= len(b) or (ia < len(a) and ia * (len(b) or 1) <= ib * (len(a) or 1)):
            out.append(a[ia])
            ia += 1
        else:
            out.append(b[ib])
            ib += 1
    return out


def deadline(unit: RosterUnit) -> str:
    """MM-DD of the year after the report year by which ``unit`` must publish."""
    if unit.deadline:
        return unit.deadline
    return DEPARTMENT_DEADLINE if unit.level == "department" else GOVERNMENT_DEADLINE


def write_roster(path: str | Path, roster: list[RosterUnit]) -> None:
    """The roster CSV that ``roster.load_roster`` reads (UTF-8 with BOM for Excel)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(ROSTER_COLUMNS)
        for u in roster:
            w.writerow([u.unit, u.region, u.level, u.email, u.parent or "", u.deadline or "", u.supervisor_email or ""])
