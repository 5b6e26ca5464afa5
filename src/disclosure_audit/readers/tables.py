"""Read tables 2, 3 and 4 out of a report's compact text, for either template.

Each row is found by its label (``labels``); the cells are the numeric tokens between that label and
the next one. Where the tokens are as many as the template's cells, they are the cells. Where cells
ran together (flattened web text), ``split.candidates`` lists the possible readings and the table's
own arithmetic chooses: row totals of table 3, then its column sums and balance, and the totals of
table 4. The arithmetic only *chooses between readings*; a report that does not add up still reads
as printed. Cells whose reading is not unique are reported in ``uncertain``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from disclosure_audit import templates
from disclosure_audit.readers import labels
from disclosure_audit.readers.layout import CompactText
from disclosure_audit.readers.numbers import convert_amount
from disclosure_audit.readers.split import Cell, Token, candidates, tokens

Value = int | float | None


@dataclass
class Tables:
    values: dict[str, Value] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    uncertain: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    printed_rows: set[str] = field(default_factory=set)  # "t3.other_handling", "t2.art20_9.centralized_procurement" …
    found_tables: set[str] = field(default_factory=set)
    t2_template: str | None = None
    t3_template: str | None = None


@dataclass
class RowRead:
    """The possible readings of one printed row: each a list of cells."""

    options: list[list[Cell]]
    toks: list[Token]
    where: str


def _chain(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Longest chain of (pos, end, row index) with increasing position and row index."""
    matches.sort()
    n = len(matches)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if matches[j][2] < matches[i][2] and matches[j][1] <= matches[i][0] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not n:
        return []
    i = max(range(n), key=lambda k: (best[k], -matches[k][0]))
    out = []
    while i >= 0:
        out.append(matches[i])
        i = prev[i]
    return out[::-1]


def _anchor_rows(
    text: str, start: int, end: int, patterns: list[tuple[str, re.Pattern[str]]]
) -> list[tuple[str, int, int]]:
    """Find the labels of ``patterns`` (in printed order) between start and end: (row, pos, end)."""
    found: list[tuple[int, int, int]] = []
    for idx, (_, pat) in enumerate(patterns):
        for m in pat.finditer(text, start, end):
            found.append((m.start(), m.end(), idx))
    return [(patterns[i][0], s, e) for s, e, i in _chain(found)]


def _read_rows(ct: CompactText, anchors: list[tuple[str, int, int]], end: int, width: dict[str, int]) -> dict[str, RowRead]:
    out: dict[str, RowRead] = {}
    for i, (row, _, a_end) in enumerate(anchors):
        seg_end = anchors[i + 1][1] if i + 1 < len(anchors) else end
        toks = tokens(ct.text[a_end:seg_end], a_end)
        n = width[row]
        while len(toks) > n and toks[0].missing:
            toks = toks[1:]  # an empty label cell (merged area) before the values
        while len(toks) > n and toks[-1].missing:
            toks = toks[:-1]
        if len(toks) > n:
            toks = toks[:n]
        opts = list(candidates(toks, n)) if toks else []
        out[row] = RowRead(opts, toks, ct.where(toks[0].start) if toks else ct.where(a_end))
    return out


def _count_problem(row: str, n: int, read: RowRead) -> str:
    """A row whose printed numbers cannot be matched to its n cells (one missing or one too many):
    its cells are read as blank, and the record says so, naming where the row is."""
    return f"{row}应有{n}个数值，读到的数字（{len(read.toks)}段）无法对应到各单元格，已按未填写处理；请核对原文（{read.where}）"


def _uniform(options: list[list[Cell]]) -> set[int]:
    """Indexes of the cells on which the options disagree."""
    if len(options) <= 1:
        return set()
    return {i for i in range(len(options[0])) if len({o[i][0] for o in options}) > 1}


def _plausibility(cells: list[Cell]) -> tuple:
    """Prefer readings with even digit lengths and fewer lone zeros (used only when nothing else decides)."""
    lens = [len(c[2].split(".")[0]) for c in cells]
    return (-max(lens), -sum(x * x for x in lens), -sum(1 for c in cells if c[0] == 0))


def _detect(text: str, start: int, end: int, markers: dict[str, re.Pattern[str]]) -> str | None:
    hits = {tid: len(p.findall(text, start, end)) for tid, p in markers.items()}
    best = max(hits.values()) if hits else 0
    if best == 0:
        return None
    winners = [t for t, h in hits.items() if h == best]
    return winners[0] if len(winners) == 1 else None


# ---------------------------------------------------------------- table 2


def read_t2(ct: CompactText, start: int, end: int, year: int | None, out: Tables) -> None:
    text = ct.text
    groups = [(m.start(), m.end(), labels.T2_GROUP_IDS[m.group(1)]) for m in labels.T2_GROUP.finditer(text, start, end)]
    if not groups:
        return
    out.found_tables.add("t2")
    tid = _detect(text, start, end, labels.T2_MARKERS)
    if tid is None:
        tid = templates.for_year(year).id if year and year >= 2019 else templates.GOV_2021
    out.t2_template = tid
    tpl = templates.get(tid)
    by_id = {g.group: g for g in tpl.t2}
    for gi, (g_start, g_end, gid) in enumerate(groups):
        group = by_id.get(gid)
        if group is None:
            continue
        region_end = groups[gi + 1][0] if gi + 1 < len(groups) else end
        pats = [(r, labels.T2_ROWS[r]) for r, _ in group.rows]
        anchors = _anchor_rows(text, g_end, region_end, pats)
        width = {r: len(group.columns) for r, _ in group.rows}
        rows = _read_rows(ct, anchors, region_end, width)
        for r, _ in group.rows:
            read = rows.get(r)
            if read is None:
                continue
            out.printed_rows.add(f"t2.{gid}.{r}")
            keys = [f"t2.{gid}.{r}.{c}" for c, _ in group.columns]
            options = read.options
            if not options:
                _store(out, keys, [(None, None, "")] * len(keys), read.where, tpl)
                if read.toks:
                    out.problems.append(_count_problem(f"表二{group.label}“{dict(group.rows)[r]}”行", len(keys), read))
                continue
            cols = [c for c, _ in group.columns]
            ranked = sorted(options, key=lambda o: (_t2_soft(gid, cols, o), *_plausibility(o)), reverse=True)
            top = _t2_soft(gid, cols, ranked[0])
            # plausibility only picks a reading; the cells are uncertain unless the table's own
            # relations leave a single reading
            tied = [o for o in ranked if _t2_soft(gid, cols, o) == top]
            _store(out, keys, ranked[0], read.where, tpl)
            if len(options) > 1:
                for i in _uniform(tied):
                    out.uncertain.add(keys[i])
                if _uniform(tied):
                    out.problems.append(f"表二{group.label}“{dict(group.rows)[r]}”行数字连写，拆分不唯一，已标记为不确定")


def _t2_soft(gid: str, cols: list[str], cells: list[Cell]) -> int:
    """How many of table 2's loose relations a reading satisfies (cumulative columns hold the most)."""
    v = dict(zip(cols, (c[0] for c in cells)))
    soft = 0
    if gid == "art20_1":
        if "total_public" in v and v["published"] is not None and v["total_public"] is not None:
            soft += v["total_public"] >= v["published"]
        if "in_force" in v and v["in_force"] is not None:
            soft += all(v[c] is None or v["in_force"] >= v[c] for c in ("issued", "repealed"))
    if gid == "art20_9":
        soft += cells[-1][1] is not None  # the unit is printed with the amount
        projects, amount = cells[0][0], cells[-1][0]
        if projects and amount is not None:
            soft += amount / projects >= 100  # a purchase under 100 元 is implausible
    return soft


# ---------------------------------------------------------------- table 3

_T3_ALL_ROWS = [r for r in labels.T3_ROWS]


def read_t3(ct: CompactText, start: int, end: int, year: int | None, out: Tables) -> None:
    text = ct.text
    m = labels.T3_START.search(text, start, end)
    if not m:
        return
    pats = [(r, labels.T3_ROWS[r]) for r in _T3_ALL_ROWS]
    anchors = _anchor_rows(text, m.start(), end, pats)
    if len(anchors) < 3:
        return
    out.found_tables.add("t3")
    rows = _read_rows(ct, anchors, end, {r: 7 for r in _T3_ALL_ROWS})
    # （六）其他处理 is a row only where it prints cells; in gov-2021 it heads three sub-rows.
    if "other_handling" in rows and not rows["other_handling"].toks:
        del rows["other_handling"]
    rows = {r: rr for r, rr in rows.items() if rr.toks or r != "other_other"}
    has_sub = any(r in rows for r in templates.T3_OTHER_HANDLING_SUBROWS)
    has_single = "other_handling" in rows
    if has_sub and not has_single:
        out.t3_template = templates.GOV_2021
    elif has_single and not has_sub:
        out.t3_template = templates.GOV_2019
    cols = [c for c, _ in templates.get(templates.GOV_2021).t3_columns]
    chosen = _choose_t3(rows)
    for r, (cells, unsure) in chosen.items():
        keys = [f"t3.{r}.{c}" for c in cols]
        out.printed_rows.add(f"t3.{r}")
        _store(out, keys, cells, rows[r].where, None)
        for i in unsure:
            out.uncertain.add(keys[i])
        if unsure:
            out.problems.append(f"表三“{r}”行数字连写，拆分不唯一，已标记为不确定")
        if rows[r].toks and not rows[r].options:
            row_label = dict(templates.get(templates.GOV_2021).t3_rows).get(r) or dict(templates.get(templates.GOV_2019).t3_rows).get(r, r)
            out.problems.append(_count_problem(f"表三“{row_label}”行", len(keys), rows[r]))


def _row_ok(cells: list[Cell]) -> bool:
    vals = [c[0] for c in cells]
    if any(v is None for v in vals):
        return True
    return abs(sum(vals[:6]) - vals[6]) < 1e-9  # type: ignore[arg-type]


def _col_score(sel: dict[str, list[Cell]]) -> int:
    """How many table-3 column relations hold for a full selection of row readings."""
    leaves = [r for r in sel if r not in templates.T3_NON_RESULT_ROWS and not (r == "other_handling" and any(s in sel for s in templates.T3_OTHER_HANDLING_SUBROWS))]
    score = 0
    for i in range(7):
        try:
            col = {r: sel[r][i][0] for r in sel}
        except IndexError:
            continue
        if "results_total" in col and all(col[r] is not None for r in leaves) and col["results_total"] is not None:
            score += abs(sum(col[r] for r in leaves) - col["results_total"]) < 1e-9  # type: ignore[misc]
        need = ("new_received", "carried_over", "results_total", "carried_forward")
        if all(r in col and col[r] is not None for r in need):
            score += abs(col["new_received"] + col["carried_over"] - col["results_total"] - col["carried_forward"]) < 1e-9  # type: ignore[operator]
    return score


def _choose_t3(rows: dict[str, RowRead]) -> dict[str, tuple[list[Cell], set[int]]]:
    fixed: dict[str, list[Cell]] = {}
    open_rows: dict[str, list[list[Cell]]] = {}
    result: dict[str, tuple[list[Cell], set[int]]] = {}
    for r, rr in rows.items():
        if not rr.options:
            fixed[r] = [(None, None, "")] * 7
            continue
        good = [o for o in rr.options if _row_ok(o)]
        pool = good or rr.options
        if len(pool) == 1:
            fixed[r] = pool[0]
        else:
            open_rows[r] = sorted(pool, key=_plausibility, reverse=True)[:50]
    for r, cells in fixed.items():
        result[r] = (cells, set())
    if not open_rows:
        return result
    names = list(open_rows)
    combos = 1
    for n in names:
        combos *= len(open_rows[n])
    if combos > 50_000:  # too many to try jointly: take each row's most plausible reading
        for r in names:
            result[r] = (open_rows[r][0], _uniform(open_rows[r]))
        return result
    best_score = -1
    best: list[tuple[list[Cell], ...]] = []
    for combo in itertools.product(*(open_rows[n] for n in names)):
        sel = dict(fixed)
        sel.update(zip(names, combo))
        s = _col_score(sel)
        if s > best_score:
            best_score, best = s, [combo]
        elif s == best_score:
            best.append(combo)
    for i, r in enumerate(names):
        opts = [c[i] for c in best]
        result[r] = (opts[0], _uniform(opts))
    return result


# ---------------------------------------------------------------- table 4


def read_t4(ct: CompactText, start: int, end: int, out: Tables) -> None:
    text = ct.text
    last = None
    for m in labels.T4_HEADER_WORDS.finditer(text, start, end):
        last = m
    if last is None:
        return
    out.found_tables.add("t4")
    toks = tokens(text[last.end() : end], last.end())
    toks = toks[:15]
    tpl = templates.get(templates.GOV_2021)
    keys = tpl.t4_keys()
    options = list(candidates(toks, 15)) if toks else []
    if not options:
        if toks:
            out.problems.append(f"表四应有15个数值，实际读到{len(toks)}个，无法对应到单元格")
        return
    good = [o for o in options if all(_group_ok(o[i * 5 : i * 5 + 5]) for i in range(3))]
    pool = good or options
    pool.sort(key=_plausibility, reverse=True)
    where = ct.where(toks[0].start)
    _store(out, keys, pool[0], where, None)
    for r, _ in tpl.t4_rows:
        out.printed_rows.add(f"t4.{r}")
    unsure = _uniform(pool)
    for i in unsure:
        out.uncertain.add(keys[i])
    if unsure:
        out.problems.append("表四数字连写，拆分不唯一，已标记为不确定")


def _group_ok(cells: list[Cell]) -> bool:
    vals = [c[0] for c in cells]
    if any(v is None for v in vals):
        return True
    return abs(sum(vals[:4]) - vals[4]) < 1e-9  # type: ignore[arg-type]


# ---------------------------------------------------------------- storing


def _store(out: Tables, keys: list[str], cells: list[Cell], where: str, tpl: templates.Template | None) -> None:
    for key, (value, unit, printed) in zip(keys, cells):
        if value is not None and tpl is not None and tpl.is_amount(key):
            value = convert_amount(value, unit, tpl.amount_cells[key])
        out.values[key] = value
        out.provenance[key] = f"{where}" + (f"（原文“{printed}{unit or ''}”）" if printed else "（空白）")
