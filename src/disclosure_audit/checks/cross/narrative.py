"""Numbers stated in the text (sections 一, 五, 六) against the tables.

Only statements whose wording fixes what is counted are compared (precision over recall): a count of
*applications received* (受理/收到/办理 … 申请 N 件), of *normative documents* with a qualifier
(制发/废止/现行有效 … 规范性文件 N 件; 规范性文件类信息 counts information items and is skipped), and
of 行政复议 / 行政诉讼 cases.
"""

from __future__ import annotations

import re
from typing import Iterator

from disclosure_audit.checks.messages import finding
from disclosure_audit.model import Finding, ReportRecord

_WS = re.compile(r"(?<=\D)\s+|\s+(?=\D)")
_STOP = "。；;，,、：:（）()\n"
_APPS_A = re.compile(rf"(受理|收到|办理)([^{_STOP}\d]{{0,24}}?)(\d+)\s*[件条个]")
_APPS_B = re.compile(rf"(受理|收到)(\d+)\s*件[^{_STOP}\d]{{0,4}}?申请")
_NATURAL = re.compile(r"自然人(\d+)\s*件")
_NORMATIVE_WORD = "规范性文件"
_QUALIFIER_MAX = 16  # characters of the qualifier (制发, 现行有效 …) before (行政)规范性文件
_NORMATIVE_REACH = _QUALIFIER_MAX + len("行政")  # a statement starts at most this far before its 规范性文件
_NORMATIVE = re.compile(rf"([^{_STOP}\d]{{0,{_QUALIFIER_MAX}}}?)(?:行政)?{_NORMATIVE_WORD}(?!类)[^{_STOP}\d]{{0,3}}?(\d+)\s*[件条个]")
_REVIEW = re.compile(r"行政复议(?:案件)?\s*(\d+)\s*[件起]")
_LITIGATION = re.compile(r"行政诉讼(?:案件)?\s*(\d+)\s*[件起]")


def narrative_text(rec: ReportRecord) -> str:
    return _WS.sub("", " ".join(rec.sections.get(s, "") for s in ("s1", "s5", "s6")))


def stated_applications(text: str) -> tuple[int, int | None, str] | None:
    """(count, natural-person count or None, the sentence) of the first statement of applications received."""
    for m in _APPS_A.finditer(text):
        if "申请" not in m.group(2) or "答复" in m.group(2) or "办结" in m.group(2):
            continue
        return _with_natural(text, m.end(), int(m.group(3)), m.group(0))
    m = _APPS_B.search(text)
    if m:
        return _with_natural(text, m.end(), int(m.group(2)), m.group(0))
    return None


def _with_natural(text: str, end: int, count: int, said: str) -> tuple[int, int | None, str]:
    sentence_end = min([i for i in (text.find("。", end), text.find("；", end)) if i >= 0] or [len(text)])
    nat = _NATURAL.search(text, end, sentence_end)
    return count, int(nat.group(1)) if nat else None, said


def normative_statements(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_NORMATIVE.finditer(text)``, tried only where one can start: at most
    ``_NORMATIVE_REACH`` characters before a 规范性文件 (``finditer`` tries the pattern's lazy
    qualifier at every character: 3 s of the check step of a 10,000-report run)."""
    untried = 0  # every start before this one has been tried, or lies inside a match
    while (at := text.find(_NORMATIVE_WORD, untried)) >= 0:
        for start in range(max(untried, at - _NORMATIVE_REACH), at + 1):
            m = _NORMATIVE.match(text, start)
            if m:
                yield m
                untried = m.end()
                break
        else:
            untried = at + 1


def _qualified_cell(qualifier: str, template_keys: set[str]) -> str | None:
    gov2021 = "t2.art20_1.normative_documents.issued" in template_keys
    if "废止" in qualifier:
        return "t2.art20_1.normative_documents.repealed" if gov2021 else None
    if "现行有效" in qualifier:
        return "t2.art20_1.normative_documents.in_force" if gov2021 else "t2.art20_1.normative_documents.total_public"
    if any(w in qualifier for w in ("制发", "制定", "印发", "出台", "制作")):
        return "t2.art20_1.normative_documents.issued" if gov2021 else "t2.art20_1.normative_documents.made"
    if ("公开" in qualifier or "更新" in qualifier) and not gov2021:
        return "t2.art20_1.normative_documents.published"
    return None


def findings(rec: ReportRecord) -> list[Finding]:
    if not rec.values:
        return []
    text = narrative_text(rec)
    out: list[Finding] = []
    v = rec.values
    apps = stated_applications(text)
    table = v.get("t3.new_received.total")
    if apps and table is not None:
        count, natural, said = apps
        cells, msgs = [], []
        if count != table:
            cells.append("t3.new_received.total")
            msgs.append(f"正文“{said}”所述申请数{count}件与表三“本年新收政府信息公开申请数量”总计{_n(table)}件不一致")
        tn = v.get("t3.new_received.natural_person")
        if natural is not None and tn is not None and natural != tn:
            cells.append("t3.new_received.natural_person")
            msgs.append(f"正文所述自然人申请{natural}件与表三自然人{_n(tn)}件不一致")
        if cells:
            out.append(finding(rec, "narrative.applications", cells, _n(table), count, "；".join(msgs), stated=said))
    keys = set(v)
    for m in normative_statements(text):
        cell = _qualified_cell(m.group(1), keys)
        if cell is None or v.get(cell) is None:
            continue
        stated = int(m.group(2))
        if stated != v[cell]:
            out.append(finding(rec, "narrative.normative_documents", [cell], _n(v[cell]), stated,
                               f"正文“{m.group(0)}”所述{stated}件与表二“行政规范性文件”行的{_n(v[cell])}件不一致", stated=m.group(0)))
    review = v.get("t4.review.total")
    lit = [v.get("t4.litigation_direct.total"), v.get("t4.litigation_after_review.total")]
    m = _REVIEW.search(text)
    if m and review is not None and int(m.group(1)) != review:
        out.append(finding(rec, "narrative.review_litigation", ["t4.review.total"], _n(review), int(m.group(1)),
                           f"正文所述行政复议{m.group(1)}件与表四行政复议总计{_n(review)}件不一致", stated=m.group(0)))
    m = _LITIGATION.search(text)
    if m and None not in lit and int(m.group(1)) != sum(lit):  # type: ignore[arg-type]
        out.append(finding(rec, "narrative.review_litigation", ["t4.litigation_direct.total", "t4.litigation_after_review.total"],
                           _n(sum(lit)), int(m.group(1)),  # type: ignore[arg-type]
                           f"正文所述行政诉讼{m.group(1)}件与表四行政诉讼总计（未经复议直接起诉{_n(lit[0])}件+复议后起诉{_n(lit[1])}件）不一致", stated=m.group(0)))
    return out


def _n(x):  # noqa: ANN001, ANN202
    return int(x) if isinstance(x, float) and x.is_integer() else x
