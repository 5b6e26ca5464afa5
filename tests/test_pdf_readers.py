"""The two PDF readers: pdfium's fast reading gives pdfplumber's lines, and defers to it when it cannot
measure a page (a font without glyphs), instead of dropping text."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_audit.model import ParseError
from disclosure_audit.readers import pdf, pdf_pdfium, pdf_plumber, read_bytes
from disclosure_audit.synth.generate import generate
from tests.conftest import real_samples

REAL_PDFS = [p for p, _ in real_samples() if p.suffix == ".pdf"]


def _outcome(reader, data: bytes, source: str) -> list | str:  # noqa: ANN001 - one of the two readers
    """The reader's lines, or "ParseError" (the damaged files the generator plants)."""
    try:
        return reader(data, source)
    except ParseError:
        return "ParseError"
    except pdf_pdfium.Unmeasured:
        pytest.skip("no CJK font on this machine: pdfium cannot measure the generated reports' non-embedded "
                    "STSong-Light, so they are read by pdfplumber (install fonts-wqy-microhei or fonts-noto-cjk)")


@pytest.mark.skipif(not REAL_PDFS, reason="../shared/samples/real (with its PDF reports) is absent")
@pytest.mark.parametrize("path", REAL_PDFS, ids=[p.name for p in REAL_PDFS])
def test_real_reports_read_the_same_by_both_readers(path: Path) -> None:
    # embedded subset fonts, merged cells, vertical text in a merged cell (pdfium's font box for
    # it is 20 times too high), a header cell split by a diagonal, page numbers between tables
    data = path.read_bytes()
    assert pdf_pdfium.lines_from_pdf(data, str(path)) == pdf_plumber.lines_from_pdf(data, str(path))


def test_generated_reports_read_the_same_by_both_readers(tmp_path: Path) -> None:
    # the layout variants and planted defects the generator puts into PDFs: blank and merged
    # cells, full-width digits, wrapped cell text, units in cells, missing sections, old templates
    generate(tmp_path, units=10, years=[2020, 2021, 2023], formats=["pdf"], error_rate=0.5, seed=11)
    files = sorted((tmp_path / "landing").rglob("*.pdf"))
    outcomes = {f.name: (_outcome(pdf_pdfium.lines_from_pdf, f.read_bytes(), str(f)),
                         _outcome(pdf_plumber.lines_from_pdf, f.read_bytes(), str(f))) for f in files}
    assert {k: v for k, v in outcomes.items() if v[0] != v[1]} == {}
    damaged = {k for k, (fast, _) in outcomes.items() if fast == "ParseError"}
    assert len(files) - len(damaged) >= 20 and damaged, "the sample should hold readable and damaged PDFs"


def type3_pdf(text: str, per_object: bool, glyphs: bool = False) -> bytes:
    """A one-page PDF printing ``text`` in an embedded Type 3 font, all in one text object or a text
    object per character. ``glyphs`` False: the glyphs draw nothing (what an OCR layer over a scan
    uses); True: each glyph is a filled square."""
    chars = sorted(set(text))
    codes = {ch: 33 + i for i, ch in enumerate(chars)}
    if per_object:
        content = " ".join(f"BT /F1 12 Tf {72 + 20 * (i % 10)} {720 - 30 * (i // 10)} Td <{codes[ch]:02X}> Tj ET"
                           for i, ch in enumerate(text))
    else:
        content = f"BT /F1 12 Tf 72 720 Td <{''.join(f'{codes[ch]:02X}' for ch in text)}> Tj ET"
    pairs = "\n".join(f"<{codes[ch]:02X}> <{ch.encode('utf-16-be').hex().upper()}>" for ch in chars)
    glyph = "1000 0 0 0 800 800 d1 0 0 800 800 re f" if glyphs else "1000 0 0 0 0 0 d1"
    tounicode = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /G def "
                 f"1 begincodespacerange <00> <FF> endcodespacerange {len(chars)} beginbfchar\n{pairs}\nendbfchar "
                 "endcmap CMapName currentdict /CMap defineresource pop end end")
    first, last = 33, 32 + len(chars)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
        f"/CharProcs << /g 6 0 R >> /Encoding << /Type /Encoding /Differences [{first} {' '.join('/g' for _ in chars)}] >> "
        f"/FirstChar {first} /LastChar {last} /Widths [{' '.join('1000' for _ in chars)}] /ToUnicode 7 0 R /Resources << >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< /Length {len(glyph)} >>\nstream\n{glyph}\nendstream",
        f"<< /Length {len(tounicode.encode())} >>\nstream\n{tounicode}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.mark.parametrize("per_object", [False, True], ids=["one-text-object", "object-per-character"])
def test_a_font_without_glyphs_is_read_by_pdfplumber_not_dropped(per_object: bool) -> None:
    # pdfium drops every repeated character drawn in separate glyphless text objects (it takes
    # them for overprinted copies): the fast reader must refuse, and the file still be read
    text = "００００１１１收到"
    data = type3_pdf(text, per_object)
    with pytest.raises(pdf_pdfium.Unmeasured):
        pdf_pdfium.lines_from_pdf(data, "ocr.pdf")
    lines = pdf.lines_from_pdf(data, "ocr.pdf")
    assert "".join(line.text for line in lines).replace(" ", "") == text
    assert lines == pdf_plumber.lines_from_pdf(data, "ocr.pdf")


@pytest.mark.parametrize("per_char", [False, True], ids=["codes-in-one-call", "codes-per-character"])
@pytest.mark.parametrize("per_object", [False, True], ids=["one-text-object", "object-per-character"])
def test_a_character_beyond_the_bmp_is_read_whole(per_object: bool, per_char: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # rare characters of place names (CJK extension B and later) come from pdfium as two UTF-16
    # halves; lone surrogates would make the record unstorable (not UTF-8). Both ways of getting
    # the codes: one FPDFText_GetText call a page, and the per-character fallback
    if per_char:
        import pypdfium2.raw as raw
        monkeypatch.setattr(raw, "FPDFText_GetText", lambda *args: 0)  # as if the text were not one unit a character
    text = "𠀀家村收到申请12件"
    data = type3_pdf(text, per_object, glyphs=True)
    lines = pdf_pdfium.lines_from_pdf(data, "r.pdf")
    assert "".join(line.text for line in lines).replace(" ", "") == text
    assert lines == pdf_plumber.lines_from_pdf(data, "r.pdf")


def test_pdf_faults_name_the_file_and_what_to_do() -> None:
    good = type3_pdf("收到申请", per_object=False)
    with pytest.raises(ParseError, match="bad.pdf.*损坏.*重新导出"):
        read_bytes(good[:60], "bad.pdf", ".pdf")  # cut off after the first object
    with pytest.raises(ParseError, match="not.pdf.*不是有效的 PDF"):
        read_bytes(b"\x00\x01 not a PDF at all", "not.pdf", ".pdf")


def test_a_rotated_page_is_read_as_pdfplumber_reads_it() -> None:
    # pdfium reads a page as drawn, pdfplumber as shown (after /Rotate): the fast reader must not
    # give a rotated page a reading of its own
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setPageRotation(90)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, "收到申请 12 件")
    c.rect(72, 600, 200, 40)
    c.line(172, 600, 172, 640)
    c.drawString(80, 615, "合计")
    c.drawString(180, 615, "7")
    c.save()
    data = buf.getvalue()
    with pytest.raises(pdf_pdfium.Unmeasured, match="rotated"):
        pdf_pdfium.lines_from_pdf(data, "landscape.pdf")
    assert pdf.lines_from_pdf(data, "landscape.pdf") == pdf_plumber.lines_from_pdf(data, "landscape.pdf")


def test_pdfs_read_in_threads_read_as_one_at_a_time(tmp_path: Path) -> None:
    # pdfium is not thread-safe and ctypes lets its calls run in parallel: runs that parse in
    # threads (a one-core machine, Dask workers with several threads) must get the same lines
    from concurrent.futures import ThreadPoolExecutor

    generate(tmp_path, units=6, years=[2021, 2023], formats=["pdf"], error_rate=0.0, seed=5)
    datas = [f.read_bytes() for f in sorted((tmp_path / "landing").rglob("*.pdf"))] * 3
    one_by_one = [_outcome(pdf.lines_from_pdf, d, "r.pdf") for d in datas]
    with ThreadPoolExecutor(4) as pool:
        in_threads = list(pool.map(lambda d: _outcome(pdf.lines_from_pdf, d, "r.pdf"), datas))
    assert in_threads == one_by_one
