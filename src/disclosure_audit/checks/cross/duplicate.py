"""Copied text (内容雷同): sections 一 and 五 near-identical to another unit's report of the same year,
or to the unit's own previous report.

Texts are normalised (digits, years, the unit's own name, punctuation and white space removed) and
cut into 4-gram shingles, each kept as one 64-bit code (four UTF-16 units side by side, so two
shingles have the same code only when they are the same characters), a text's shingles as a
sorted array of distinct codes. MinHash signatures are computed with numpy over all shingles at
once (the codes mixed by splitmix64's finaliser, then datasketch's own affine64 permutations;
hashing each shingle through datasketch in Python was most of this rule's time). Candidates come
from locality-sensitive hashing with the bands datasketch's ``MinHashLSH`` chooses for the
threshold: two texts of a year are candidates when one band of their signatures is equal, the
pairs ``MinHashLSH.query`` returns, found by sorting each band with numpy instead of inserting
every text band by band into Python dicts (tests/test_duplicate_shingles.py compares the two).
Each candidate is confirmed with the exact Jaccard similarity of the shingle sets, which the
finding reports; among equally similar texts the first one wins.
"""

from __future__ import annotations

import re

import numpy as np

from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.cross.history import PreviousIndex
from disclosure_audit.checks.messages import finding
from disclosure_audit.model import Finding, ReportRecord
from disclosure_audit.units import normalise_unit

SECTIONS = {"s1": "第一部分（总体情况）", "s5": "第五部分（存在的主要问题及改进情况）"}
_NOISE = re.compile(r"[\d\s０-９，。、；：！？,.;:!?（）()“”\"'《》【】\[\]—\-－/／%％]+")
NUM_PERM = 64
K = 4
_SIGNATURE_BLOCK = 65_536  # shingles hashed together: 512 KiB of codes, one permutation at a time
# splitmix64's finaliser (shift, multiplier, shift, multiplier, shift): a bijection of 64-bit codes
_MIX = (np.uint64(30), np.uint64(0xBF58476D1CE4E5B9), np.uint64(27), np.uint64(0x94D049BB133111EB), np.uint64(31))


def _shingles(rec: ReportRecord, sid: str, min_chars: int) -> np.ndarray | None:
    """The section's distinct shingle codes, sorted (None: too short to compare)."""
    text = rec.sections.get(sid, "")
    if rec.unit:
        text = text.replace(rec.unit, "")
    text = _NOISE.sub("", text)
    if len(text) < min_chars:
        return None
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2").astype(np.uint64)
    if len(units) < K:
        return None
    codes = units[: 1 - K] << np.uint64(48)
    for j in range(1, K):
        codes |= units[j : len(units) - K + 1 + j] << np.uint64(16 * (K - 1 - j))
    return np.unique(codes)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))  # |a ∪ b| = |a| + |b| - |a ∩ b|
    return common / (len(a) + len(b) - common)


def signatures(sets: list[np.ndarray], permutations: tuple[np.ndarray, np.ndarray] | np.ndarray) -> np.ndarray:
    """One MinHash signature (a row of ``len(permutations[0])`` values) per shingle set: the least
    of ``a * mix(code) + b`` (mod 2**64) over the set's codes for each permutation (a, b). Worked
    a block of sets and one permutation at a time (six times faster than all permutations of a
    block as one 2-D array)."""
    a, b = (np.asarray(p, dtype=np.uint64) for p in permutations)
    out = np.empty((len(sets), len(a)), dtype=np.uint64)
    s1, m1, s2, m2, s3 = _MIX
    i = 0
    while i < len(sets):
        j, size = i + 1, len(sets[i])
        while j < len(sets) and size + len(sets[j]) <= _SIGNATURE_BLOCK:
            size += len(sets[j])
            j += 1
        h = np.concatenate(sets[i:j])
        h = (h ^ (h >> s1)) * m1
        h = (h ^ (h >> s2)) * m2
        h ^= h >> s3
        starts = np.cumsum([0] + [len(x) for x in sets[i : j - 1]])
        permuted = np.empty_like(h)
        for k in range(len(a)):
            np.multiply(h, a[k], out=permuted)
            permuted += b[k]
            out[i:j, k] = np.minimum.reduceat(permuted, starts)
        i = j
    return out


def candidates(sigs: np.ndarray, years: list[int], bands: list[tuple[int, int]]) -> list[list[int]]:
    """For each row of ``sigs``, the rows of the same year with one band (a slice of columns)
    equal to its own, itself included, in ascending order."""
    n = len(sigs)
    found: list[set[int] | None] = [None] * n
    year = np.asarray(years, dtype=np.int64).astype(np.uint64).reshape(n, 1)
    for start, end in bands:
        key = np.ascontiguousarray(np.hstack([year, sigs[:, start:end]]))
        _, bucket, sizes = np.unique(key.view(np.dtype((np.void, key.shape[1] * 8))).ravel(),
                                     return_inverse=True, return_counts=True)
        shared = np.flatnonzero(sizes[bucket] > 1)  # rows whose band another row has too
        order = shared[np.argsort(bucket[shared], kind="stable")]
        starts = np.flatnonzero(np.diff(bucket[order], prepend=-1))
        for members in np.split(order, starts[1:]):
            group = members.tolist()
            for i in group:
                if found[i] is None:
                    found[i] = set(group)
                else:
                    found[i].update(group)
    return [sorted(f) if f is not None else [i] for i, f in enumerate(found)]


def lsh_bands(threshold: float) -> list[tuple[int, int]]:
    """The bands (column ranges) datasketch's ``MinHashLSH`` uses for ``threshold`` and
    ``NUM_PERM`` permutations (it weighs false positives against false negatives)."""
    from datasketch import MinHashLSH

    return list(MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges)


def findings(records: list[ReportRecord], past: list[ReportRecord], config: CheckConfig) -> list[Finding]:
    from datasketch import MinHash

    permutations = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine64").permutations
    bands = lsh_bands(config.duplicate_threshold * 0.8)

    pool = [*records, *past]
    in_run = {id(r) for r in records}
    out: list[Finding] = []
    prev_index = PreviousIndex(pool)
    for sid, sname in SECTIONS.items():
        shingled = {id(r): _shingles(r, sid, config.duplicate_min_chars) for r in pool}
        sh = [(r, shingled[id(r)]) for r in pool]
        sh = [(r, s) for r, s in sh if s is not None]
        if not sh:
            continue
        # One entry per distinct text of a year: reports with the same text (a boilerplate many
        # units copy) are hashed, indexed and compared once, so the work grows with the distinct
        # texts and their near copies, not with every pair of reports that share a text.
        members: dict[tuple[int, bytes], list[int]] = {}
        for i, (r, s) in enumerate(sh):
            members.setdefault((r.year or 0, s.tobytes()), []).append(i)
        keys = list(members)
        texts = [sh[m[0]][1] for m in members.values()]  # each group's shingles
        group = {i: g for g, k in enumerate(keys) for i in members[k]}
        units = [normalise_unit(r.unit) for r, _ in sh]
        near = candidates(signatures(texts, permutations), [year for year, _ in keys], bands)
        ranked: dict[int, list[tuple[float, int]]] = {}  # group -> similar groups, most similar first
        pair: dict[tuple[int, int], float] = {}  # the similarity of two groups, computed once

        def similarity(g: int, h: int) -> float:
            if g == h:
                return 1.0
            k = (g, h) if g < h else (h, g)
            if k not in pair:
                pair[k] = jaccard(texts[g], texts[h])
            return pair[k]

        for i, (r, s) in enumerate(sh):
            if id(r) not in in_run:
                continue
            g = group[i]
            if g not in ranked:
                sims = [(similarity(g, h), h) for h in near[g]]
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
            if prev and ps is not None:
                sim = jaccard(s, ps)
                if sim >= config.duplicate_threshold:
                    out.append(finding(r, "duplicate.text", [], f"相似度低于{config.duplicate_threshold:.0%}", round(sim, 3),
                                       f"{sname}与本单位{prev.year}年度年报高度雷同（相似度{sim:.0%}），应反映本年度实际情况",
                                       section=sid, similarity=round(sim, 3), other_source=prev.source, other_unit=prev.unit))
    return out
