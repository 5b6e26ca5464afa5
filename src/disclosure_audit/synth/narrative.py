"""Report text for synthetic reports: section 一 states some of the table's numbers, section 五
names problems and improvements, section 六 other matters. Sentences are drawn from pools with a
seeded RNG so that two units' texts differ as real ones do (the duplicate rule must stay quiet)."""

from __future__ import annotations

import random

_S1_OPEN = [
    "{year}年，{unit}以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，坚持以公开为常态、不公开为例外。",
    "{year}年，{unit}紧紧围绕中心工作，持续深化政务公开，推动政府信息公开工作规范化、标准化。",
    "{year}年，{unit}严格执行政府信息公开各项制度，聚焦群众关切，不断提升公开质量和实效。",
    "{year}年，{unit}把政务公开纳入年度重点工作，主要负责同志亲自部署，分管负责同志具体推进。",
]
_S1_ACTIVE = [
    "全年通过门户网站主动公开政府信息{n}条，涉及财政预决算、重大项目、民生保障等重点领域。",
    "围绕重点领域信息公开，发布政策解读材料{m}篇，开展政策吹风和新闻发布{k}场次。",
    "优化政务公开专栏设置，新增栏目{k}个，清理过期信息{m}条，规范信息发布流程。",
    "加强政务新媒体管理，全年发布信息{n}条，及时回应社会关切{k}次。",
    "落实公开属性源头认定机制，公文公开属性标注率达到百分之百。",
    "推进基层政务公开标准化规范化建设，更新完善公开事项目录{k}项。",
]
_S5_PROBLEMS = [
    "政策解读的形式还不够丰富，图表图解、视频解读等方式运用较少",
    "部分工作人员业务能力有待提高，对《条例》的理解还不够深入",
    "信息发布的及时性有待加强，个别栏目更新不够及时",
    "依申请公开答复的规范性还需进一步提升",
    "基层政务公开标准化建设还存在短板，公开内容不够全面",
    "政务新媒体互动回应还不够充分，群众参与度不高",
    "公开平台之间的协同联动不足，信息资源整合有待加强",
    "重点领域信息公开的深度和广度还需拓展",
]
_S5_MEASURES = [
    "丰富政策解读形式，增强解读的针对性和可读性",
    "组织开展政务公开业务培训，提升工作人员业务水平",
    "建立信息发布督查机制，确保信息及时准确发布",
    "规范依申请公开办理流程，严格落实法定答复时限",
    "加强公开平台建设，推进政务公开专区规范运行",
    "强化政务新媒体管理，及时回应社会关切",
    "完善考核评估机制，将政务公开纳入绩效考核",
    "聚焦重点领域，细化公开内容，提升公开实效",
]
_ORD = "一二三四"


def sections(unit: str, year: int, values: dict, rng: random.Random, *, state: bool = True) -> dict[str, str]:
    """Sections 一, 五 and 六. With ``state`` section 一 states the number of applications received,
    the normative documents issued and the review/litigation counts as the tables give them."""
    s1 = [rng.choice(_S1_OPEN).format(year=year, unit=unit)]
    for t in rng.sample(_S1_ACTIVE, 3):
        s1.append(t.format(n=rng.randint(80, 5000), m=rng.randint(3, 60), k=rng.randint(2, 30)))
    if state:
        apps = values.get("t3.new_received.total")
        if apps is not None:
            s1.append(f"{year}年，共受理政府信息公开申请{int(apps)}件，均在法定期限内予以答复。")
        issued = values.get("t2.art20_1.normative_documents.issued")
        if issued is not None:
            s1.append(f"本年度制发行政规范性文件{int(issued)}件，均按规定向社会公开。")
        review = values.get("t4.review.total")
        if review is not None:
            s1.append(f"全年发生政府信息公开行政复议{int(review)}件。")
    problems = rng.sample(_S5_PROBLEMS, 3)
    measures = rng.sample(_S5_MEASURES, 3)
    s5 = "存在的主要问题：" + "；".join(f"{_ORD[i]}是{p}" for i, p in enumerate(problems)) + "。改进措施：" + \
         "；".join(f"{_ORD[i]}是{m}" for i, m in enumerate(measures)) + "。"
    s6 = rng.choice(["无", f"{year}年度未收取信息处理费。", "本年度无其他需要报告的事项。"])
    return {"s1": "".join(s1), "s5": s5, "s6": s6}
