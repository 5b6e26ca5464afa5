"""Copied text (内容雷同): sections 一 and 五 near-identical to another unit's report of the same year,
or to the unit's own previous report.

Texts are normalised (digits, years, the unit's own name, punctuation and white space removed) and
cut into character 4-gram shingles. MinHash signatures (datasketch, computed in bulk; shingles
hashed with CRC-32, which is in C and deterministic: datasketch's default SHA-1 in Python was
half of this rule's time) go into an LSH index per year and section, so candidates come without
comparing every pair; each candidate is confirmed with the exact Jaccard similarity of the
shingle sets, which the finding reports.
"""

from __future__ import annotations

import re
import zlib

from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.cross.history import PreviousIndex
from disclosure_audit.checks.messages import finding
from disclosure_audit.model import Finding, ReportRecord
from disclosure_audit.units import normalise_unit

SECTIONS = {"s1": "第一部分（总体情况）", "s5": "第五部分（存在的主要问题及改进情况）"}
_NOISE = re.compile(r"[\d\s０-９，。、；：！？,.;:!?（）()“”\"'《》【】\[\]—\-－/／%％]+")
NUM_PERM = 64
K = 4


def _shingles(rec: ReportRecord, sid: str, min_chars: int) -> frozenset[str] | None:
    text = rec.sections.get(sid, "")
    if rec.unit:
        text = text.replace(rec.unit, "")
    text = _NOISE.sub("", text)
    if len(text) < min_chars:
        return None
    return frozenset(text[i : i + K] for i in range(len(text) - K + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)  # |a ∪ b| = |a| + |b| - |a ∩ b|: no union set to build
    return common / (len(a) + len(b) - common)


def findings(records: list[ReportRecord], past: list[ReportRecord], config: CheckConfig) -> list[Finding]:
    from datasketch import MinHash, MinHashLSH

    pool = [*records, *past]
    in_run = {id(r) for r in records}
    out: list[Finding] = []
    prev_index = PreviousIndex(pool)
    for sid, sname in SECTIONS.items():
        shingled = {id(r): _shingles(r, sid, config.duplicate_min_chars) for r in pool}
        sh = [(r, shingled[id(r)]) for r in pool]
        sh = [(r, s) for r, s in sh if s]
        if not sh:
            continue
        # One entry per distinct text of a year: reports with the same text (a boilerplate many
        # units copy) are hashed, indexed and compared once, so the work grows with the distinct
        # texts and their near copies, not with every pair of reports that share a text.
        members: dict[tuple[int, frozenset[str]], list[int]] = {}
        for i, (r, s) in enumerate(sh):
            members.setdefault((r.year or 0, s), []).append(i)
        keys = list(members)
        group = {i: g for g, k in enumerate(keys) for i in members[k]}
        units = [normalise_unit(r.unit) for r, _ in sh]
        sigs = MinHash.bulk([[x.encode() for x in s] for _, s in keys], num_perm=NUM_PERM, hashfunc=zlib.crc32)
        by_year: dict[int, MinHashLSH] = {}
        for g, ((year, _), sig) in enumerate(zip(keys, sigs)):
            if year not in by_year:  # not setdefault: building an LSH costs ~6 ms (scipy quad)
                by_year[year] = MinHashLSH(threshold=config.duplicate_threshold * 0.8, num_perm=NUM_PERM)
            by_year[year].insert(str(g), sig)
        ranked: dict[int, list[tuple[float, int]]] = {}  # group -> similar groups, most similar first
        pair: dict[tuple[int, int], float] = {}  # the similarity of two groups, computed once

        def similarity(g: int, h: int) -> float:
            if g == h:
                return 1.0
            k = (g, h) if g < h else (h, g)
            if k not in pair:
                pair[k] = jaccard(keys[g][1], keys[h][1])
            return pair[k]

        for i, (r, s) in enumerate(sh):
            if id(r) not in in_run:
                continue
            g = group[i]
            if g not in ranked:
                sims = [(similarity(g, h), h) for h in map(int, by_year[keys[g][0]].query(sigs[g]))]
                ranked[g] = sorted((x for x in sims if x[0] >= config.duplicate_threshold), key=lambda x: -x[0])
            best: tuple[float, ReportRecord] | None = None
            for sim, h in ranked[g]:
                other = next((sh[k][0] for k in members[keys[h]] if units[k] != units[i]), None)
                if other is not None:
                    best = (sim, other)
                    break
            if best:
                sim, other = best
                out.append(finding(r, "duplicate.text", [], f"相似度低于{config.duplicate_threshold:.0%}", round(sim, 3),
                                   f"{sname}与{other.unit or other.source}同年度年报高度雷同（相似度{sim:.0%}），请按本单位实际情况撰写",
                                   section=sid, similarity=round(sim, 3), other_source=other.source, other_unit=other.unit))
            prev = prev_index.previous(r)
            ps = shingled.get(id(prev)) if prev else None
            if prev and ps:
                sim = jaccard(s, ps)
                if sim >= config.duplicate_threshold:
                    out.append(finding(r, "duplicate.text", [], f"相似度低于{config.duplicate_threshold:.0%}", round(sim, 3),
                                       f"{sname}与本单位{prev.year}年度年报高度雷同（相似度{sim:.0%}），应反映本年度实际情况",
                                       section=sid, similarity=round(sim, 3), other_source=prev.source, other_unit=prev.unit))
    return out
