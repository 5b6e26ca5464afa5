"""PDF reports read by pdfplumber (pdfminer): the reference reading, and the fallback of ``readers.pdf``.

Per page, tables (pdfplumber's grid finder) become one line per cell, row-major, merged areas
(``None`` in pdfplumber's grid) skipped so a merged cell appears once; text outside the tables
becomes one line per printed line; both in reading order (top to bottom). An encrypted or damaged
PDF raises ParseError saying what to provide instead.
"""

from __future__ import annotations

import io
import logging

from disclosure_audit.model import ParseError
from disclosure_audit.readers.lines import Line
from disclosure_audit.readers.pdf import damaged, encrypted

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def lines_from_pdf(data: bytes, source: str) -> list[Line]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for pno, page in enumerate(pdf.pages, 1):
                items: list[tuple[float, int, list[Line]]] = []
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                for ti, table in enumerate(tables, 1):
                    cells: list[Line] = []
                    for r, row in enumerate(table.extract(), 1):
                        for c, cell in enumerate(row, 1):
                            if cell is None:
                                continue  # covered by a merged cell printed elsewhere in the grid
                            text = " ".join(cell.split("\n")).strip()
                            cells.append(Line(text, f"page {pno} table {ti} row {r} col {c}", is_cell=True))
                    items.append((table.bbox[1], 1, cells))
                region = page.filter(lambda o: not any(_inside(o, b) for b in boxes)) if boxes else page
                for ln in region.extract_text_lines():
                    text = ln["text"].strip()
                    if text:
                        items.append((ln["top"], 0, [Line(text, f"page {pno} line {round(ln['top'])}")]))
                items.sort(key=lambda it: (it[0], it[1]))
                for _, _, ls in items:
                    lines.extend(ls)
    except ParseError:
        raise
    except PDFPasswordIncorrect:
        raise encrypted(source) from None
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else None
        if isinstance(inner, PDFPasswordIncorrect) or "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise encrypted(source) from None
        raise damaged(source, str(exc)[:80]) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        raise damaged(source, type(exc).__name__) from None
    return lines
