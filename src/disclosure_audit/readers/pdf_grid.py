"""The tables of a PDF page, found in its ruling lines the way pdfplumber finds them.

The straight segments of the page's path objects (borders drawn as lines or as thin filled
rectangles, inside form XObjects too) become pdfplumber's edge dicts and go through its own
table-finding steps with its default "lines" settings: ``merge_edges`` -> ``edges_to_intersections``
-> ``intersections_to_cells`` (redone in ``_cells``: the same cells, a fraction of the time) ->
``cells_to_tables``. So a table is found exactly where ``page.find_tables()`` finds it, without
pdfminer interpreting the page. Coordinates are pdfplumber's: points from the page's top left.
"""

from __future__ import annotations

import ctypes
from typing import Any, Iterator

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# pdfplumber's default "lines" table settings
_SNAP = 3.0
_JOIN = 3.0
_EDGE_MIN = 3.0
_EDGE_MIN_PREFILTER = 1.0
_INTERSECTION = 3.0
_FORM_DEPTH = 8  # form XObjects nested deeper than this are not looked into


def tables(paths: list[tuple[Any, Matrix]], height: float) -> list[list[Box]]:
    """The cells of each table drawn by a page's path objects (``page_objects``), tables top to
    bottom, each table's cells in reading order (row by row, left to right)."""
    from pdfplumber.table import edges_to_intersections, merge_edges

    edges = [e for e in _edges(paths, height) if _length(e) >= _EDGE_MIN_PREFILTER]
    edges = merge_edges(edges, _SNAP, _SNAP, _JOIN, _JOIN)
    edges = [e for e in edges if _length(e) >= _EDGE_MIN]
    return _tables(_cells(edges_to_intersections(edges, _INTERSECTION, _INTERSECTION)))


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


def _cells(intersections: dict) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``, the same cells in the same order, without its cost.

    For each crossing (sorted), the smallest cell with it as top-left corner: the first point
    below it joined by a vertical edge, then the first point right of it joined by a horizontal
    edge, whose bottom-right corner is a crossing joined to both. pdfplumber compares the edge
    sets of two points afresh for every pair (a fifth of a PDF's reading time); here each point's
    edge boxes are collected once.
    """
    points = sorted(intersections)
    v_of = {p: {_bbox(e) for e in intersections[p]["v"]} for p in points}
    h_of = {p: {_bbox(e) for e in intersections[p]["h"]} for p in points}
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    for p in points:  # sorted by (x, top): each list is in the order pdfplumber scans it
        by_x.setdefault(p[0], []).append(p)
        by_y.setdefault(p[1], []).append(p)
    at_x = {p: i for ps in by_x.values() for i, p in enumerate(ps)}
    at_y = {p: i for ps in by_y.values() for i, p in enumerate(ps)}
    cells: list[Box] = []
    for pt in points:
        below = by_x[pt[0]][at_x[pt] + 1 :]
        right = by_y[pt[1]][at_y[pt] + 1 :]
        found = None
        for b in below:
            if v_of[pt].isdisjoint(v_of[b]):
                continue
            for r in right:
                if h_of[pt].isdisjoint(h_of[r]):
                    continue
                corner = (r[0], b[1])
                if corner in intersections and not v_of[corner].isdisjoint(v_of[r]) and not h_of[corner].isdisjoint(h_of[b]):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _bbox(edge: dict) -> Box:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def _length(edge: dict) -> float:
    return edge["x1"] - edge["x0"] if edge["orientation"] == "h" else edge["bottom"] - edge["top"]


def _edges(paths: list[tuple[Any, Matrix]], height: float) -> Iterator[dict]:
    """Horizontal and vertical edges (pdfplumber's edge dicts) of every straight path segment."""
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


def _edge(a: tuple[float, float], b: tuple[float, float], height: float) -> Iterator[dict]:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < 0.01:  # horizontal
        x0, x1 = sorted((ax, bx))
        top = height - ay
        yield {"x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0, "height": 0.0, "orientation": "h"}
    elif abs(ax - bx) < 0.01:  # vertical
        top, bottom = sorted((height - ay, height - by))
        yield {"x0": ax, "x1": ax, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top, "orientation": "v"}


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
