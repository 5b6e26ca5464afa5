"""``readers.pdf_grid`` finds the tables pdfplumber's own table finder finds, step by step.

The grid finder redoes pdfplumber's ``merge_edges``, ``edges_to_intersections``,
``intersections_to_cells`` and ``cells_to_tables`` on tuples instead of edge dicts. A difference
in a snapped position (a float), a joined edge or a crossing would move a cell and so its text:
here each step is compared with pdfplumber's on random rulings built to stress them (positions on
a coarse lattice with sub-tolerance jitter, so that edges snap, chain, join, touch and cross at
the tolerance's edge; short, duplicate and overlapping edges), and the whole finder on grids with
merged cells.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber import table as pt

from disclosure_audit.readers import pdf_grid

JITTER = [0.0, 0.4, 1.5, 2.9, 3.0, 3.1, -0.7, -2.95, 0.1 + 0.2]  # around the 3 pt tolerances
POS = st.builds(lambda k, j: 20.0 * k + j, st.integers(0, 6), st.sampled_from(JITTER))
LENGTH = st.sampled_from([0.5, 1.0, 2.0, 3.0, 5.0, 20.0, 40.0, 57.3, 120.0])


@st.composite
def edges(draw: st.DrawFn) -> list[pdf_grid.Edge]:
    out: list[pdf_grid.Edge] = []
    for _ in range(draw(st.integers(0, 30))):
        a, b, n = draw(POS), draw(POS), draw(LENGTH)
        out.append(("h", a, b, a + n, b) if draw(st.booleans()) else ("v", a, b, a, b + n))
    if out and draw(st.booleans()):
        out.append(out[draw(st.integers(0, len(out) - 1))])  # the same line drawn twice
    return out


def as_dict(e: pdf_grid.Edge) -> dict:
    o, x0, top, x1, bottom = e
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top, "orientation": o}


def as_tuple(d: dict) -> pdf_grid.Edge:
    return (d["orientation"], d["x0"], d["top"], d["x1"], d["bottom"])


@settings(max_examples=400, deadline=None)
@given(edges())
def test_merged_edges_are_pdfplumbers(es: list[pdf_grid.Edge]) -> None:
    theirs = [as_tuple(d) for d in pt.merge_edges([as_dict(e) for e in es], 3, 3, 3, 3)]
    assert pdf_grid.merge_edges(es, 3, 3) == theirs  # the same floats, in the same order


@settings(max_examples=400, deadline=None)
@given(edges())
def test_crossings_are_pdfplumbers(es: list[pdf_grid.Edge]) -> None:
    theirs = pt.edges_to_intersections([as_dict(e) for e in es], 3, 3)
    v_of, h_of = pdf_grid.intersections(es, 3)
    assert set(v_of) == set(h_of) == set(theirs)
    for p, at in theirs.items():
        assert v_of[p] == {pt.utils.obj_to_bbox(e) for e in at["v"]}
        assert h_of[p] == {pt.utils.obj_to_bbox(e) for e in at["h"]}


def pdfplumbers_tables(es: list[pdf_grid.Edge]) -> list[list[pdf_grid.Box]]:
    dicts = [as_dict(e) for e in es if pdf_grid._length(e) >= 1]
    merged = [d for d in pt.merge_edges(dicts, 3, 3, 3, 3) if pdf_grid._length(as_tuple(d)) >= 3]
    cells = pt.intersections_to_cells(pt.edges_to_intersections(merged, 3, 3))
    return sorted(sorted(t) for t in pt.cells_to_tables(cells))


@settings(max_examples=400, deadline=None)
@given(edges())
def test_tables_of_random_rulings_are_pdfplumbers(es: list[pdf_grid.Edge]) -> None:
    assert sorted(sorted(t) for t in pdf_grid.tables_of_edges(es)) == pdfplumbers_tables(es)


@st.composite
def grids(draw: st.DrawFn) -> list[pdf_grid.Edge]:
    """A ruled table with merged cells: each inner line drawn in pieces, some pieces left out,
    every piece nudged by less than the tolerance."""
    xs = sorted(draw(st.sets(st.integers(1, 12), min_size=2, max_size=6)))
    ys = sorted(draw(st.sets(st.integers(1, 12), min_size=2, max_size=8)))
    nudge = st.sampled_from([0.0, 0.3, -0.6, 1.2, 2.5])
    out: list[pdf_grid.Edge] = []
    for y in ys:
        for a, b in zip(xs, xs[1:]):
            if y in (ys[0], ys[-1]) or draw(st.integers(0, 4)):
                top = 30.0 * y + draw(nudge)
                out.append(("h", 40.0 * a + draw(nudge), top, 40.0 * b + draw(nudge), top))
    for x in xs:
        for a, b in zip(ys, ys[1:]):
            if x in (xs[0], xs[-1]) or draw(st.integers(0, 4)):
                left = 40.0 * x + draw(nudge)
                out.append(("v", left, 30.0 * a + draw(nudge), left, 30.0 * b + draw(nudge)))
    return draw(st.permutations(out))


@settings(max_examples=300, deadline=None)
@given(grids())
def test_tables_with_merged_cells_are_pdfplumbers(es: list[pdf_grid.Edge]) -> None:
    found = pdf_grid.tables_of_edges(es)
    assert sorted(sorted(t) for t in found) == pdfplumbers_tables(es)
    assert all(t == sorted(t, key=lambda c: (c[1], c[0])) for t in found)  # reading order
