"""Recover table cells from numbers whose separators were lost (``1077`` → 10, 7, 7).

A crawler that flattens a web page runs adjacent cells together. Given the numeric tokens between
two row labels and the number of cells the template prints there, ``candidates`` enumerates every
way to cut the tokens into that many cells (a cut never crosses a visible separator; no cell but a
lone 0 starts with 0; a decimal part or a unit belongs to the cell it ends). Callers then keep the
candidates the table arithmetic allows. The search is bounded by ``limit``.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from disclosure_audit.readers.numbers import NUMBER_TOKEN

Cell = tuple[int | float | None, str | None, str]  # value (None = blank), unit, printed text


class Token(NamedTuple):
    """A numeric token (a tuple: some hundred are made per report, a frozen dataclass costs three
    times as much to build)."""

    digits: str  # integer digits, no separators
    frac: str  # "" or ".52"
    unit: str | None
    sign: str | None
    start: int  # position in the compact text
    separated: bool  # printed with thousands separators (cannot be cut)
    missing: bool = False  # a blank-cell mark (—, /, 无, an empty table cell)


MISSING_MARK = "\u2205"  # stands for a blank cell in compact text (see layout.compact)
_TOKEN = re.compile(NUMBER_TOKEN.pattern + "|" + MISSING_MARK)


def tokens(text: str, offset: int = 0) -> list[Token]:
    """The numeric tokens (and blank-cell marks) of a segment of compact text."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        sign, intp, frac, unit = m.group("sign", "int", "frac", "unit")
        if intp is None:  # the blank-cell mark: the alternative without groups
            out.append(Token("", "", None, None, offset + m.start(), True, missing=True))
            continue
        out.append(Token(intp.replace(",", ""), frac or "", unit, "-" if sign == "-" else None, offset + m.start(), "," in intp))
    return out


def _value(digits: str, frac: str, sign: str | None) -> int | float:
    v: int | float = float(digits + frac) if frac else int(digits)
    return -v if sign == "-" else v


def whole(tok: Token) -> Cell:
    if tok.missing:
        return (None, None, "")  # type: ignore[return-value]
    return (_value(tok.digits, tok.frac, tok.sign), tok.unit, tok.digits + tok.frac)


def _cuts(tok: Token, k: int) -> Iterator[list[Cell]]:
    """Ways to cut one token into k cells."""
    d = tok.digits
    if tok.missing:
        if k == 1:
            yield [whole(tok)]
        return
    if k == 1:
        if len(d) > 1 and d[0] == "0":
            return
        yield [whole(tok)]
        return
    if tok.separated or len(d) < k:
        return

    def rec(i: int, left: int, first: bool) -> Iterator[list[Cell]]:
        if left == 1:
            part = d[i:]
            if len(part) > 1 and part[0] == "0":
                return
            yield [(_value(part, tok.frac, None), tok.unit, part + tok.frac)]
            return
        max_len = len(d) - i - (left - 1)
        for ln in range(1, max_len + 1):
            part = d[i : i + ln]
            if ln > 1 and part[0] == "0":
                break
            sign = tok.sign if first else None
            head: Cell = (_value(part, "", sign), None, part)
            for rest in rec(i + ln, left - 1, False):
                yield [head, *rest]

    yield from rec(0, k, True)


def _distributions(lengths: list[int], n: int) -> Iterator[list[int]]:
    """Ways to give each token k_i >= 1 cells (k_i <= its digit count) with sum n."""
    if not lengths:
        if n == 0:
            yield []
        return
    head, rest = lengths[0], lengths[1:]
    min_rest = len(rest)
    max_rest = sum(rest)
    for k in range(1, head + 1):
        left = n - k
        if left < min_rest:
            break
        if left > max_rest:
            continue
        for tail in _distributions(rest, left):
            yield [k, *tail]


def candidates(toks: list[Token], n: int, limit: int = 200_000) -> Iterator[list[Cell]]:
    """Every way to read ``toks`` as exactly ``n`` cells (at most ``limit`` of them)."""
    if len(toks) == n:
        if all(t.missing or not (len(t.digits) > 1 and t.digits[0] == "0") for t in toks):
            yield [whole(t) for t in toks]
            return
    if len(toks) > n or not toks:
        return
    lengths = [1 if (t.separated or t.missing) else len(t.digits) for t in toks]
    count = 0
    for dist in _distributions(lengths, n):
        per_token = [list(_cuts(t, k)) for t, k in zip(toks, dist)]
        if any(not p for p in per_token):
            continue
        stack: list[tuple[int, list[Cell]]] = [(0, [])]
        while stack:
            i, acc = stack.pop()
            if i == len(per_token):
                yield acc
                count += 1
                if count >= limit:
                    return
                continue
            for option in per_token[i]:
                stack.append((i + 1, acc + option))


_NUMERIC_ONLY = re.compile(r"^[\d\s.,+\-万元件笔个条项次]*$")


def is_numeric_segment(text: str) -> bool:
    return bool(_NUMERIC_ONLY.match(text))
