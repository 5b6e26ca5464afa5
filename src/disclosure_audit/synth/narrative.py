"""Report text for synthetic reports: section 一 states some of the table's numbers, section 五
names problems and improvements, section 六 other matters. Sentences are drawn from pools with a
seeded RNG so that two units' texts differ as real ones do (the duplicate rule must stay quiet)."""

from __future__ import annotations

import random
from typing import Callable

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


# Larger pools for the province generator: with thousands of units a year, two units' sections 一
# and 五 must not come out near-identical by chance (duplicate.text compares 4-gram shingles after
# removing digits and the unit's name). A text is a few slots, each a sentence chosen from a pool
# with a word or two varied, so that a full match of two units' sections 一 is improbable; section
# 五 has fewer choices and is kept unique by the caller (``taken`` of ``province_texts``).
# No sentence here may read as a count of applications, normative documents, reviews or suits:
# those are stated only by ``statement_sentences``.
_P_OPEN = [
    "{year}年，{unit}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，{a}。",
    "{year}年，{unit}认真落实上级关于政务公开的工作部署，{a}，推动政务公开工作提质增效。",
    "{year}年，{unit}围绕{b}中心工作，{a}，政务公开工作取得新进展。",
    "{year}年以来，{unit}把政务公开作为建设法治政府的重要抓手，{a}。",
    "{year}年，在上级政务公开办公室指导下，{unit}聚焦{b}，{a}。",
    "{year}年，{unit}深入贯彻党中央、国务院关于全面推进政务公开的决策部署，{a}，公开质量稳步提升。",
]
_P_OPEN_A = ["坚持以公开为常态、不公开为例外", "持续深化决策、执行、管理、服务、结果公开", "着力提升政务公开标准化规范化水平",
             "不断健全政务公开制度体系", "切实保障人民群众的知情权、参与权、表达权和监督权", "扎实推进基层政务公开"]
_P_OPEN_B = ["优化营商环境", "乡村振兴", "民生保障", "安全生产", "生态环境保护", "城市更新", "产业转型升级", "社会治理"]
_P_ACTIVE = [
    "全年通过政府门户网站主动公开各类信息{n}条，其中{b}相关信息{m}条。",
    "围绕{b}等重点领域，发布政策解读材料{m}篇，开展新闻发布和政策吹风{k}场次。",
    "优化{c}栏目设置，新增栏目{k}个，清理过期和失效信息{m}条。",
    "加强政务新媒体管理，政务微信公众号全年推送信息{n}条，回应网民关切{k}次。",
    "落实公文公开属性源头认定机制，{c}公开属性标注做到应标尽标。",
    "更新完善基层政务公开事项目录{k}项，编制公开事项标准{m}项。",
    "及时公开财政预决算和“三公”经费信息，公开重大建设项目批准和实施信息{m}条。",
    "组织开展政府开放日活动{k}次，邀请群众代表{m}人次走进机关了解工作。",
    "推进政务公开专区建设，在{d}设置查阅点{k}个，方便群众查阅。",
    "办好“政府信箱”栏目，全年回复群众来信{m}封，回复率百分之百。",
    "加强政策文件的统一发布和集中管理，{c}实现分类检索。",
    "组织政务公开业务培训{k}期，培训工作人员{m}人次，提升依法公开意识。",
    "严格落实信息发布审核制度，坚持先审后发，全年未发生泄密事件。",
    "建立健全政务舆情回应机制，对涉及{b}的社会关切及时作出回应{k}次。",
    "推进行政执法公示，公开执法主体、依据、程序和结果信息{m}条。",
    "做好建议提案办理结果公开，公开人大代表建议和政协提案复文{m}份。",
    "依托{d}开展政策宣讲{k}场，面对面解读惠民惠企政策。",
    "拓展公众参与渠道，就{b}相关事项公开征求意见{k}次。",
    "规范政府信息公开指南和目录，{c}内容全部更新。",
    "对照政务公开标准目录开展自查，整改发现的问题{k}个。",
    "推动“互联网+政务服务”，办事指南和服务事项在{c}同步公开。",
    "加强对下级单位政务公开工作的指导，开展交叉检查{k}次。",
    "开展政务公开“进社区、进企业、进乡村”活动{k}次。",
    "公开各类惠民补贴发放信息{m}批次，接受群众监督。",
]
_P_C = ["政务公开专栏", "政府信息公开专栏", "门户网站", "政务公开平台", "信息公开目录", "政策文件库"]
_P_D = ["政务服务中心", "档案馆", "图书馆", "便民服务中心", "党群服务中心", "村（社区）服务站"]
_P_CLOSE = [
    "政务公开工作有力促进了{b}各项工作的开展。",
    "通过扎实工作，政务公开的透明度和公信力进一步提高。",
    "全年政务公开工作总体平稳有序，群众获得感不断增强。",
    "下一步将继续深化政务公开，更好服务{b}大局。",
    "各项公开工作按计划推进，较好地完成了年度目标任务。",
    "政务公开考核评估中，各项指标完成情况良好。",
]
_P_PROBLEMS = [
    "政策解读形式还不够丰富，图解、视频等方式运用较少", "部分工作人员业务能力有待提高，对《条例》理解不够深入",
    "信息发布的及时性有待加强，个别栏目更新不够及时", "依申请公开答复的规范性还需进一步提升",
    "基层政务公开标准化建设还存在短板", "政务新媒体互动回应还不够充分，群众参与度不高",
    "公开平台之间协同联动不足，信息资源整合有待加强", "重点领域信息公开的深度和广度还需拓展",
    "政策文件清理和公开属性审查还不够及时", "政务公开与政务服务融合程度还不高",
    "主动回应社会关切的意识和能力还需增强", "公开内容的可读性和实用性还需提升",
    "对下级单位的业务指导和监督检查还不够有力", "公众参与重大决策的渠道还不够畅通",
    "政府信息公开年报的统计口径掌握还不够准确", "个别信息公开不够全面，存在重形式轻内容的现象",
    "档案管理与信息公开的衔接还不够顺畅", "网站栏目设置与公开目录的对应关系还需梳理",
    "政务公开专区的功能作用发挥还不够充分", "人员力量相对薄弱，兼职人员变动较为频繁",
    "考核评估的激励约束作用发挥不够", "政策解读与政策文件同步发布的要求落实不够到位",
    "数据开放工作起步较晚，开放数据集数量偏少", "对群众反映问题的跟踪反馈还不够及时",
]
_P_MEASURES = [
    "丰富政策解读形式，增强解读的针对性和可读性", "组织开展政务公开业务培训，提升工作人员业务水平",
    "建立信息发布督查机制，确保信息及时准确发布", "规范依申请公开办理流程，严格落实法定答复时限",
    "加强公开平台建设，推进政务公开专区规范运行", "强化政务新媒体管理，及时回应社会关切",
    "完善考核评估机制，将政务公开纳入绩效考核", "聚焦重点领域，细化公开内容，提升公开实效",
    "定期开展政策文件清理，动态调整公开目录", "推动政务公开与政务服务深度融合",
    "健全舆情收集研判和回应机制", "以群众需求为导向，优化公开内容的呈现方式",
    "加强对下级单位的指导和检查，压实工作责任", "拓宽公众参与渠道，扩大重大决策公开征求意见范围",
    "对照统计口径逐项核对年报数据，确保数据准确", "坚持内容为王，做到应公开尽公开",
    "推进档案管理与信息公开工作有效衔接", "梳理网站栏目与公开目录，做到一一对应",
    "发挥政务公开专区作用，提供更加便捷的查阅服务", "充实工作力量，保持队伍相对稳定",
    "强化考核结果运用，形成比学赶超的工作氛围", "严格落实政策解读与政策文件同步组织、同步审签、同步发布",
    "稳步推进数据开放，扩大开放数据集范围", "建立群众诉求跟踪反馈机制，做到件件有回音",
]
_P_S6 = ["无。", "本年度未收取政府信息公开信息处理费。", "本年度无其他需要报告的事项。", "{year}年度未发生需要报告的其他事项。",
         "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。", "本单位本年度没有其他需要报告的事项。"]


S5Key = tuple[frozenset[str], frozenset[str]]


def province_texts(unit: str, year: int, rng: random.Random, taken: Callable[[S5Key], bool] | None = None) -> tuple[dict[str, str], S5Key]:
    """Sections 一 (without the stated counts, see ``statement_sentences``), 五 and 六 of one
    unit's report, and the key of its section 五: the problems and the measures it names.

    Drawn so that no two units (nor two years of one unit) come out near-identical: section 一 has
    too many slots to repeat by chance, but section 五 is three or four of 24 problems and as many
    of 24 measures, and at 100,000 reports two units drew the same ones (Jaccard 0.90: a real
    雷同 the labels did not know of). ``taken(key)`` says whether a key is already used (by another
    unit that year or by this unit the year before); section 五 is drawn again until it is not."""
    def fill(t: str) -> str:
        return t.format(year=year, unit=unit, a=rng.choice(_P_OPEN_A), b=rng.choice(_P_OPEN_B), c=rng.choice(_P_C),
                        d=rng.choice(_P_D), n=rng.randint(80, 6000), m=rng.randint(3, 90), k=rng.randint(2, 30))

    s1 = [fill(rng.choice(_P_OPEN))] + [fill(t) for t in rng.sample(_P_ACTIVE, 6)] + [fill(rng.choice(_P_CLOSE))]
    for _ in range(10_000):
        k = rng.randint(3, 4)
        problems = rng.sample(_P_PROBLEMS, k)
        measures = rng.sample(_P_MEASURES, k)
        key = (frozenset(problems), frozenset(measures))
        if taken is None or not taken(key):
            break
    else:
        raise ValueError(f"{year}: no section 五 left that no other unit has; the pools of problems and measures are "
                         "too small for this many units a year")
    lead_p = rng.choice(["存在的主要问题：", "工作中还存在一些不足：", "一是问题方面。", "对照要求，还存在以下问题："])
    lead_m = rng.choice(["改进措施：", "下一步，将重点做好以下工作：", "针对上述问题，我们将：", "改进情况："])
    s5 = lead_p + "；".join(f"{_ORD[i]}是{p}" for i, p in enumerate(problems)) + "。" + lead_m + \
        "；".join(f"{_ORD[i]}是{m}" for i, m in enumerate(measures)) + "。"
    return {"s1": "".join(s1), "s5": s5, "s6": rng.choice(_P_S6).format(year=year)}, key


_S_APPS = ["全年共受理政府信息公开申请{n}件，均在法定期限内予以答复。", "本年度共收到政府信息公开申请{n}件，已全部按时办结。",
           "{year}年，共受理政府信息公开申请{n}件。"]
_S_NORM_2021 = ["本年度制发行政规范性文件{n}件，均按规定向社会公开。", "全年制定行政规范性文件{n}件，全部在门户网站公开。"]
_S_NORM_2019 = ["本年度新制作规范性文件{n}件，均已主动公开。"]
_S_CASES = ["全年发生政府信息公开行政复议{r}件、行政诉讼{l}件。", "本年度涉及政府信息公开的行政复议{r}件，行政诉讼{l}件。"]


def statement_sentences(year: int, stated: dict[str, int | None], variant: int = 0) -> str:
    """The sentences of section 一 that state counts of the tables (``stated``: ``applications``,
    ``normative_2021`` or ``normative_2019``, ``review`` with ``litigation``); a None is not stated.
    ``narrative`` checks compare exactly these statements with the tables."""
    out = []
    if stated.get("applications") is not None:
        out.append(_S_APPS[variant % len(_S_APPS)].format(n=stated["applications"], year=year))
    if stated.get("normative_2021") is not None:
        out.append(_S_NORM_2021[variant % len(_S_NORM_2021)].format(n=stated["normative_2021"]))
    if stated.get("normative_2019") is not None:
        out.append(_S_NORM_2019[0].format(n=stated["normative_2019"]))
    if stated.get("review") is not None and stated.get("litigation") is not None:
        out.append(_S_CASES[variant % len(_S_CASES)].format(r=stated["review"], l=stated["litigation"]))
    return "".join(out)
