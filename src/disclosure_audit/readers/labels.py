"""Loose patterns for the headings and labels printed in reports.

Real reports vary the official labels (missing ordinals, full/half-width punctuation, 行政规范性文件
vs 规范性文件, typos such as 其他法律行政止公开 or 行政法复议), so each label is matched by its
distinctive words. Patterns run over the *compacted* text of ``layout.compact`` (whitespace between
two non-digits removed), so a label broken over lines or cells still matches. A row pattern may
start with the row's ordinal (``2.``) so that the ordinal is not read as a cell of the row before.
"""

from __future__ import annotations

import re
import sys
from typing import Iterator

_ORD_MARKS = ".．、"
_P = r"[（(]"
_Q = r"[）)]"
_SEP_MARKS = "、.．，,:："
_SEP = r"\s*[" + re.escape(_SEP_MARKS) + r"]\s*"


class PrefixedLabel:
    """A label pattern ``(?:L\\s*[marks]\\s*)?core`` (an optional ordinal before the label's words),
    matched exactly as ``re`` matches it, but found by ``core`` alone.

    Python's ``re`` finds a pattern that starts with a literal by a fast scan for it, and tries one
    whose first item is optional at every position: ~110 µs over a report's text against ~2 µs,
    for each of table 3's 19 rows with an ordinal. Here ``core`` (starting with a CJK word, never a
    digit, blank or mark) is found first and the ordinal before it taken by walking back: a
    match of the whole pattern starts at the ordinal that ends where the core starts, or at the
    core itself — the same matches, in the same order (tests/test_labels.py compares them).
    ``lead`` is the ordinal's character: ``None`` for any decimal digit (``\\d``).
    """

    __slots__ = ("core", "pattern", "lead", "marks")

    def __init__(self, core: str, lead: str | None = None, marks: str = _ORD_MARKS) -> None:
        self.core = re.compile(core)
        self.lead = lead
        self.marks = marks
        lead_re = r"\d" if lead is None else re.escape(lead)
        self.pattern = re.compile(r"(?:" + lead_re + r"\s*[" + re.escape(marks) + r"]\s*)?" + core)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        done = pos  # where the previous match ended: an ordinal cannot start before it
        for m in self.core.finditer(text, pos, endpos):
            start = self._ordinal_start(text, m.start(), done)
            if start != m.start():
                m = self.pattern.match(text, start, endpos) or m
            done = m.end()
            yield m

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    def _ordinal_start(self, text: str, at: int, low: int) -> int:
        """The start of an ordinal (lead, blanks, a mark, blanks) ending at ``at`` and starting at
        ``low`` or later; ``at`` itself when there is none."""
        i = at
        while i > low and text[i - 1].isspace():
            i -= 1
        if i <= low or text[i - 1] not in self.marks:
            return at
        i -= 1
        while i > low and text[i - 1].isspace():
            i -= 1
        if i <= low:
            return at
        c = text[i - 1]
        return i - 1 if (c.isdecimal() if self.lead is None else c == self.lead) else at


Label = re.Pattern[str] | PrefixedLabel

SECTION_PATTERNS: dict[str, re.Pattern[str]] = {
    "s1": re.compile(r"一" + _SEP + r"[^。\d]{0,6}?总体情况"),
    "s2": re.compile(r"二" + _SEP + r"[^。\d]{0,6}?主动公开[^。\d]{0,8}?情况"),
    "s3": re.compile(r"三" + _SEP + r"[^。\d]{0,8}?(?:收到和处理|依申请公开)[^。\d]{0,14}?情况"),
    "s4": re.compile(r"四" + _SEP + r"[^、。\d]{0,14}?复议[^。\d]{0,14}?诉讼[^。\d]{0,4}?情况"),
    # the whole heading (存在的主要问题及改进情况), or its rest would open the section's text
    "s5": re.compile(r"五" + _SEP + r"[^。\d]{0,16}?(?:存在的?主要问题(?:[及和]其?改进(?:情况|措施)?)?|问题[及和]改进(?:情况|措施)?|改进情况)"),
    "s6": re.compile(r"六" + _SEP + r"[^。\d]{0,8}?其他需要报告[^。\d]{0,4}?事项"),
}

T2_GROUP = re.compile(r"第二十条第?\s*" + _P + r"\s*([一五六八九])\s*" + _Q + r"\s*项")
T2_GROUP_IDS = {"一": "art20_1", "五": "art20_5", "六": "art20_6", "八": "art20_8", "九": "art20_9"}

# Labels only one template prints (used to tell which template a report actually uses).
T2_MARKERS = {
    "gov-2019": re.compile(r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\s*/?\s*减|采购项目数量|政府集中采购|其他对外管理服务事项"),
    "gov-2021": re.compile(r"本年制发件数|本年废止件数|现行有效件数|本年收费金额"),
}

T2_ROWS: dict[str, re.Pattern[str]] = {
    "regulations": re.compile(r"规章"),
    "normative_documents": re.compile(r"(?:行政)?规范性文件"),
    "administrative_licensing": re.compile(r"行政许可"),
    "other_services": re.compile(r"其他对外管理服务事项"),
    "administrative_penalty": re.compile(r"行政处罚"),
    "administrative_coercion": re.compile(r"行政强制"),
    "administrative_fees": re.compile(r"行政事业性收费"),
    "centralized_procurement": re.compile(r"政府集中采购"),
}

T3_ROWS: dict[str, Label] = {
    "new_received": re.compile(r"本年新收[^\d]{0,12}?数量|本年新收"),
    "carried_over": re.compile(r"上年结转[^\d]{0,12}?数量|上年结转"),
    "granted": re.compile(r"予以公开"),
    "partially_granted": re.compile(r"部分公开(?:" + _P + r"[^\d）)]*" + _Q + r")?"),
    "denied_state_secret": PrefixedLabel(r"属于国家秘密"),
    "denied_law_prohibited": PrefixedLabel(r"其他法律行政[^\d]{0,4}?公开"),
    "denied_three_safety": PrefixedLabel(r"危及[^\d]{0,2}?三安全一稳定[”\"」]?"),
    "denied_third_party": PrefixedLabel(r"保护第三方合法权益"),
    "denied_internal_affairs": PrefixedLabel(r"属于三类内部事务信息"),
    "denied_process_info": PrefixedLabel(r"属于四类过程性信息"),
    "denied_enforcement_file": PrefixedLabel(r"属于行政执法案卷"),
    "denied_query_matter": PrefixedLabel(r"属于行政查询事项"),
    "unable_not_held": PrefixedLabel(r"本机关不掌握[^\d]{0,6}?信息"),
    "unable_needs_creation": PrefixedLabel(r"没有现成信息[^\d]{0,6}?制作"),
    "unable_unclear": PrefixedLabel(r"补正后申请内容仍不明确"),
    "rejected_petition": PrefixedLabel(r"信访举报投诉类申请"),
    "rejected_duplicate": PrefixedLabel(r"重复申请"),
    "rejected_publication": PrefixedLabel(r"要求提供公开出版物"),
    "rejected_excessive": PrefixedLabel(r"无正当理由大量反复申请"),
    "rejected_confirmation": PrefixedLabel(r"要求行政机关确认或重新出具已获取信息"),
    "other_handling": re.compile(_P + r"六" + _Q + r"\s*其他处理"),
    "other_overdue_correction": PrefixedLabel(r"申请人无正当理由逾期不补正[^\d]{0,30}?申请"),
    "other_unpaid_fee": PrefixedLabel(r"申请人逾期未按收费通知[^\d]{0,40}?申请"),
    "other_other": re.compile(r"3\s*[.．、]\s*其他(?!处理|法律|结果|需要)"),
    "results_total": re.compile(_P + r"七" + _Q + r"\s*总计|总计"),
    "carried_forward": PrefixedLabel(r"结转下年度继续办理", lead="四", marks=_SEP_MARKS),
}

T3_START = re.compile(r"申请人情况|本年新收")
T4_HEADER_WORDS = re.compile(r"行政复议|行政诉讼|结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉")

TITLE_SUFFIX = re.compile(r"\s*(\d{4})\s*年度?\s*政[府务]信息公开(?:工作)?(?:年度)?报告.*$")
YEAR_IN_TITLE = re.compile(r"(20\d{2})\s*年度?")
PUBLISHED = re.compile(
    r"(?:发布时间|发布日期|发文日期|发布于|成文日期)\s*[:：]?\s*(20\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2}:\d{2}))?"
)
