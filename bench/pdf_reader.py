"""Which PDF reader this machine gives the generated reports: pdfium, or pdfplumber (6-8 times
slower) where no CJK TrueType font is installed for the non-embedded STSong-Light (one generated
PDF in ten; all of them on such a machine, the others embedding that font; ``readers.pdf``). A
benchmark taken with pdfplumber measures the font set-up, not the product: the benches record
the reader and warn."""

from __future__ import annotations

import sys

FONT_HINT = "install a CJK TrueType font (Debian: apt-get install fonts-wqy-microhei; .ci/run does it)"


def pdf_reader_in_use() -> str:
    """"pdfium" or "pdfplumber": the reader ``readers.pdf`` takes for a generated report here."""
    from disclosure_audit.readers import pdf_pdfium
    from disclosure_audit.synth import render
    from disclosure_audit.synth.document import build_document
    from disclosure_audit.synth.values import consistent_values

    doc = build_document(unit="示例县人民政府", year=2023, template_id="gov-2021", values=consistent_values("gov-2021", 1),
                         sections={"s1": "总体情况。", "s5": "问题。", "s6": "无"})
    try:
        pdf_pdfium.lines_from_pdf(render.to_pdf(doc, embed_font=False), "probe.pdf")
    except pdf_pdfium.Unmeasured:
        return "pdfplumber"
    return "pdfium"


def warn_if_slow_reader() -> str:
    """The reader in use; a warning on stderr when it is pdfplumber."""
    reader = pdf_reader_in_use()
    if reader != "pdfium":
        print(f"warning: generated PDFs are read by {reader} on this machine, not pdfium; PDF figures will be "
              f"6-8 times slower than the README's: {FONT_HINT}", file=sys.stderr, flush=True)
    return reader
