"""The tables of a PDF page, found in its ruling lines the way pdfplumber finds them.

The straight segments of the page's path objects (borders drawn as lines or as thin filled
rectangles, inside form XObjects too) go through pdfplumber's table-finding steps with its
default "lines" settings: ``merge_edges`` (snap, then join) -> ``edges_to_intersections`` ->
``intersections_to_cells`` -> ``cells_to_tables``. Each step is redone here on plain tuples
instead of pdfplumber's edge dicts, with the same arithmetic, comparisons and order (the
snapped positions are the same floats), so a table is found exactly where ``page.find_tables()``
finds it, without pdfminer interpreting the page, in a fraction of the time
(tests/test_pdf_grid.py checks each step against pdfplumber's on random edges). Coordinates are
pdfplumber's: points from the page's top left.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from itertools import groupby
from typing import Any, Iterator

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Edge = tuple[str, float, float, float, float]  # orientation ("h" or "v"), x0, top, x1, bottom
Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# pdfplumber's default "lines" table settings
_SNAP = 3.0
_JOIN = 3.0
_EDGE_MIN = 3.0
_EDGE_MIN_PREFILTER = 1.0
_INTERSECTION = 3.0
_FORM_DEPTH = 8  # form XObjects nested deeper than this are not looked into
_SLACK = 1e-6  # widens a bisect window; the exact comparisons are made afterwards


def tables(paths: list[tuple[Any, Matrix]], height: float) -> list[list[Box]]:
    """The cells of each table drawn by a page's path objects (``page_objects``), tables top to
    bottom, each table's cells in reading order (row by row, left to right)."""
    return tables_of_edges(list(_edges(paths, height)))


def tables_of_edges(edges: list[Edge]) -> list[list[Box]]:
    """The tables the page's edges (in drawing order) make, as ``tables`` gives them."""
    edges = [e for e in edges if _length(e) >= _EDGE_MIN_PREFILTER]
    edges = [e for e in merge_edges(edges, _SNAP, _JOIN) if _length(e) >= _EDGE_MIN]
    return _tables(_cells(*intersections(edges, _INTERSECTION)))


def merge_edges(edges: list[Edge], snap: float, join: float) -> list[Edge]:
    """pdfplumber's ``merge_edges(edges, snap, snap, join, join)``: the edges snapped, then
    those on one line joined, in pdfplumber's order."""
    snapped = _snapped([e for e in edges if e[0] == "v"], 1, snap) + _snapped([e for e in edges if e[0] == "h"], 2, snap)
    snapped.sort(key=_group)
    out: list[Edge] = []
    for (orientation, _), group in groupby(snapped, key=_group):
        out += _joined(list(group), orientation, join)
    return out


def _group(e: Edge) -> tuple[str, float]:
    return (e[0], e[2]) if e[0] == "h" else (e[0], e[1])


def _snapped(edges: list[Edge], at: int, tolerance: float) -> list[Edge]:
    """pdfplumber's ``snap_objects``: edges whose position (``at``: x0 of a vertical edge, top of a
    horizontal one) chains within ``tolerance`` move to their cluster's mean, by the same sums."""
    if not edges:
        return []
    values = sorted({e[at] for e in edges})
    cluster_of: dict[float, int] = {}
    k, last = 0, values[0]
    for v in values:
        if v > last + tolerance:
            k += 1
        cluster_of[v] = k
        last = v
    clusters: list[list[Edge]] = [[] for _ in range(k + 1)]
    for e in edges:
        clusters[cluster_of[e[at]]].append(e)
    out: list[Edge] = []
    for cluster in clusters:
        mean = sum(e[at] for e in cluster) / len(cluster)
        for o, x0, top, x1, bottom in cluster:
            if at == 1:  # along x: x0 and x1 moved by the same amount
                d = mean - x0
                out.append((o, x0 + d, top, x1 + d, bottom))
            else:
                d = mean - top
                out.append((o, x0, top + d, x1, bottom + d))
    return out


def _joined(edges: list[Edge], orientation: str, tolerance: float) -> list[Edge]:
    """pdfplumber's ``join_edge_group``: edges of one line that overlap or lie within
    ``tolerance`` of one another become one."""
    lo, hi = (1, 3) if orientation == "h" else (2, 4)
    edges = sorted(edges, key=lambda e: e[lo])
    joined = [edges[0]]
    for e in edges[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + tolerance:
            if e[hi] > last[hi]:
                joined[-1] = last[:hi] + (e[hi],) + last[hi + 1 :]
        else:
            joined.append(e)
    return joined


def intersections(edges: list[Edge], tolerance: float) -> tuple[dict[Point, set[Box]], dict[Point, set[Box]]]:
    """pdfplumber's ``edges_to_intersections``: the crossings of a vertical and a horizontal edge
    within ``tolerance`` (as x of the vertical, top of the horizontal), each with the boxes of its
    vertical and of its horizontal edges."""
    v_of: dict[Point, set[Box]] = {}
    h_of: dict[Point, set[Box]] = {}
    hs = sorted((e for e in edges if e[0] == "h"), key=lambda e: (e[2], e[1]))
    tops = [h[2] for h in hs]
    for v in sorted((e for e in edges if e[0] == "v"), key=lambda e: (e[1], e[2])):
        _, x, vtop, _, vbottom = v
        for k in range(bisect_left(tops, vtop - tolerance - _SLACK), bisect_right(tops, vbottom + tolerance + _SLACK)):
            h = hs[k]
            if vtop <= h[2] + tolerance and vbottom >= h[2] - tolerance and x >= h[1] - tolerance and x <= h[3] + tolerance:
                p = (x, h[2])
                v_of.setdefault(p, set()).add(v[1:])
                h_of.setdefault(p, set()).add(h[1:])
    return v_of, h_of


def _tables(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber's ``cells_to_tables``: cells that share a corner, directly or through others, are
    one table; a table of one cell is none. The same tables, found with a union-find over the
    corners instead of its repeated scans of every remaining cell."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                parent[root(i)] = root(j)
    groups: dict[int, list[Box]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    found = [sorted(g, key=lambda c: (c[1], c[0])) for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda t: min((c[1], c[0]) for c in t))


def _cells(v_of: dict[Point, set[Box]], h_of: dict[Point, set[Box]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``, the same cells in the same order, without its cost.

    For each crossing (sorted), the smallest cell with it as top-left corner: the first point
    below it joined by a vertical edge, then the first point right of it joined by a horizontal
    edge, whose bottom-right corner is a crossing joined to both. pdfplumber compares the edge
    sets of two points afresh for every pair (a fifth of a PDF's reading time); here each point's
    edge boxes are collected once.
    """
    points = sorted(v_of)
    by_x: dict[float, list[Point]] = {}
    by_y: dict[float, list[Point]] = {}
    for p in points:  # sorted by (x, top): each list is in the order pdfplumber scans it
        by_x.setdefault(p[0], []).append(p)
        by_y.setdefault(p[1], []).append(p)
    at_x = {p: i for ps in by_x.values() for i, p in enumerate(ps)}
    at_y = {p: i for ps in by_y.values() for i, p in enumerate(ps)}
    cells: list[Box] = []
    for pt in points:
        column, row = by_x[pt[0]], by_y[pt[1]]
        pv, ph = v_of[pt], h_of[pt]
        found = None
        for bi in range(at_x[pt] + 1, len(column)):
            b = column[bi]
            if pv.isdisjoint(v_of[b]):
                continue
            bh = h_of[b]
            for ri in range(at_y[pt] + 1, len(row)):
                r = row[ri]
                if ph.isdisjoint(h_of[r]):
                    continue
                corner = (r[0], b[1])
                if corner in v_of and not v_of[corner].isdisjoint(v_of[r]) and not h_of[corner].isdisjoint(bh):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _length(e: Edge) -> float:
    return e[3] - e[1] if e[0] == "h" else e[4] - e[2]


def _edges(paths: list[tuple[Any, Matrix]], height: float) -> Iterator[Edge]:
    """Horizontal and vertical edges of every straight path segment, in drawing order."""
    import pypdfium2.raw as raw

    for obj, matrix in paths:
        n = raw.FPDFPath_CountSegments(obj)
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        x, y = ctypes.c_float(), ctypes.c_float()
        for i in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            p = _apply(matrix, x.value, y.value)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = p
            elif kind == raw.FPDF_SEGMENT_LINETO and points:
                yield from _edge(points[-1], p, height)
            # a Bezier segment is not a ruling line: skipped (its end point starts the next one)
            points.append(p)
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                yield from _edge(p, start, height)


def _edge(a: tuple[float, float], b: tuple[float, float], height: float) -> Iterator[Edge]:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < 0.01:  # horizontal
        x0, x1 = sorted((ax, bx))
        top = height - ay
        yield ("h", x0, top, x1, top)
    elif abs(ax - bx) < 0.01:  # vertical
        top, bottom = sorted((height - ay, height - by))
        yield ("v", ax, top, ax, bottom)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj: Any) -> Matrix:
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def page_objects(page: Any) -> tuple[list[tuple[Any, Matrix]], list[Any]]:
    """The page's path objects, each with the matrix from its own space to the page's, and its
    text objects; those of form XObjects included (one walk for both)."""
    import pypdfium2.raw as raw

    paths: list[tuple[Any, Matrix]] = []
    texts: list[Any] = []
    kind_of, PATH, TEXT, FORM = raw.FPDFPageObj_GetType, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM

    def walk(objs: list[Any], outer: Matrix, depth: int) -> None:
        for obj in objs:
            kind = kind_of(obj)
            if kind == TEXT:
                texts.append(obj)
            elif kind == PATH:
                paths.append((obj, _compose(_matrix(obj), outer)))
            elif kind == FORM and depth < _FORM_DEPTH:
                inner = [raw.FPDFFormObj_GetObject(obj, j) for j in range(raw.FPDFFormObj_CountObjects(obj))]
                walk(inner, _compose(_matrix(obj), outer), depth + 1)

    walk([raw.FPDFPage_GetObject(page, i) for i in range(raw.FPDFPage_CountObjects(page))], _IDENTITY, 0)
    return paths, texts
