"""The copied-text rule's shingles and MinHash signatures: a text's shingle codes are its distinct
4-character pieces (so the similarity it reports is the Jaccard similarity of those pieces), and
each signature value is the least permuted hash over the set, however the sets are blocked."""

from __future__ import annotations

import random

import numpy as np
import pytest

from disclosure_audit.checks.cross import duplicate
from disclosure_audit.model import ReportRecord

CHARS = "公开申请办理答复政策解读平台建设规范流程培训监督考核网站栏目信息发布审核机制群众关切回应重点领域基层标准𠀀"
M64 = (1 << 64) - 1


def _record(text: str, unit: str = "测试县财政局") -> ReportRecord:
    return ReportRecord(source="x.txt", format="txt", unit=unit, year=2022, sections={"s1": text})


def _pieces(text: str) -> set[str]:
    return {text[i : i + duplicate.K] for i in range(len(text) - duplicate.K + 1)}


def test_shingle_codes_are_the_distinct_four_character_pieces() -> None:
    rng = random.Random(5)
    for _ in range(300):
        a = "".join(rng.choice(CHARS[:-1]) for _ in range(rng.randint(60, 200)))  # BMP characters only
        b = a[: len(a) // 2] + "".join(rng.choice(CHARS[:-1]) for _ in range(rng.randint(30, 100)))
        sa, sb = (duplicate._shingles(_record(t), "s1", 60) for t in (a, b))
        assert len(sa) == len(_pieces(a))
        pa, pb = _pieces(a), _pieces(b)
        assert duplicate.jaccard(sa, sb) == pytest.approx(len(pa & pb) / len(pa | pb))


def test_the_unit_name_and_punctuation_are_not_compared_and_short_texts_are_skipped() -> None:
    body = "本单位持续深化政务公开工作，规范依申请公开办理流程，加强政策解读和回应关切。" * 3
    mine = duplicate._shingles(_record("测试县财政局" + body), "s1", 60)
    theirs = duplicate._shingles(_record("另一县财政局" + body, unit="另一县财政局"), "s1", 60)
    assert duplicate.jaccard(mine, theirs) == 1.0
    assert duplicate._shingles(_record("太短的一段文字。"), "s1", 60) is None


def _brute_force(codes: np.ndarray, a: np.ndarray, b: np.ndarray) -> list[int]:
    def mix(z: int) -> int:
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    mixed = [mix(int(c)) for c in codes]
    return [min((int(ak) * h + int(bk)) & M64 for h in mixed) for ak, bk in zip(a, b)]


@pytest.mark.parametrize("block", [1, 7, 65_536])
def test_signatures_are_the_least_permuted_hash_of_each_set(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from datasketch import MinHash

    monkeypatch.setattr(duplicate, "_SIGNATURE_BLOCK", block)
    rng = np.random.default_rng(2)
    sets = [np.unique(rng.integers(0, 1 << 63, int(n), dtype=np.uint64)) for n in rng.integers(1, 12, 9)]
    a, b = MinHash(num_perm=8, seed=1, scheme="affine64").permutations
    got = duplicate.signatures(sets, (a, b))
    assert got.tolist() == [_brute_force(s, a, b) for s in sets]


def test_signatures_agree_about_as_often_as_the_texts_overlap() -> None:
    from datasketch import MinHash

    rng = random.Random(9)
    a = "".join(rng.choice(CHARS) for _ in range(400))  # a character beyond the BMP too
    b = a[:300] + "".join(rng.choice(CHARS) for _ in range(100))
    sa, sb = (duplicate._shingles(_record(t), "s1", 60) for t in (a, b))
    sig = duplicate.signatures([sa, sb, sa], MinHash(num_perm=256, seed=1, scheme="affine64").permutations)
    assert (sig[0] == sig[2]).all()
    assert abs(float((sig[0] == sig[1]).mean()) - duplicate.jaccard(sa, sb)) < 0.12


@pytest.mark.parametrize("seed", range(6))
def test_lsh_candidates_are_the_keys_datasketchs_index_returns(seed: int) -> None:
    from datasketch import LeanMinHash, MinHashLSH

    rng = np.random.default_rng(seed)
    n = 300
    # few distinct values a column: many rows share a band, some share several, most share none
    sigs = rng.integers(0, [2, 3, 40, 1000][seed % 4], size=(n, duplicate.NUM_PERM), dtype=np.uint64)
    sigs[rng.integers(0, n, 40)] = sigs[rng.integers(0, n, 40)]  # whole signatures copied
    years = rng.integers(2020, 2023, n).tolist()
    threshold = [0.68, 0.5, 0.9][seed % 3]
    index: dict[int, MinHashLSH] = {}
    for i, (row, year) in enumerate(zip(sigs, years)):
        index.setdefault(year, MinHashLSH(threshold=threshold, num_perm=duplicate.NUM_PERM)).insert(
            i, LeanMinHash(seed=1, hashvalues=row, scheme="affine64"))
    theirs = [sorted(index[year].query(LeanMinHash(seed=1, hashvalues=row, scheme="affine64")))
              for row, year in zip(sigs, years)]
    ours = duplicate.candidates(sigs, years, duplicate.lsh_bands(threshold))
    assert ours == theirs
    assert sum(len(c) > 1 for c in ours) > 10  # the case is not trivial
