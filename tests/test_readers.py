"""Readers on documents the tests build themselves: every format, both templates, messy layouts."""

from __future__ import annotations

import pytest

from disclosure_audit import templates
from disclosure_audit.model import ParseError
from disclosure_audit.readers import read_bytes
from disclosure_audit.synth import render
from tests.factories import document

RENDERERS = {
    "txt": (render.to_txt, ".txt"),
    "txt-crawler": (lambda d: render.to_txt(d, header=True), ".txt"),
    "html": (render.to_html, ".html"),
    "html-gbk": (lambda d: render.to_html(d, "gbk"), ".html"),
    "docx": (render.to_docx, ".docx"),
    "pdf": (render.to_pdf, ".pdf"),
}


@pytest.mark.parametrize("fmt", list(RENDERERS))
@pytest.mark.parametrize("tid,year", [("gov-2019", 2020), ("gov-2021", 2023)])
def test_round_trip_every_format(fmt: str, tid: str, year: int) -> None:
    doc, values = document(tid, year, seed=year, published_at=f"{year + 1}-01-15 09:30")
    fn, suffix = RENDERERS[fmt]
    rec = read_bytes(fn(doc), f"report{suffix}", suffix)
    assert rec.template == tid
    assert rec.year == year and rec.unit == "示例县人民政府"
    assert rec.values == values
    assert not rec.uncertain and not rec.missing_rows
    if fmt.startswith("html") or fmt == "txt-crawler":
        assert rec.published_at == f"{year + 1}-01-15 09:30"


@pytest.mark.parametrize("fmt", ["txt", "html", "docx"])
def test_blank_and_dash_cells_are_missing_not_zero(fmt: str) -> None:
    doc, values = document("gov-2021", 2022, override={"t3.granted.natural_person": None, "t4.review.total": None}, blank="—" if fmt == "txt" else "")
    fn, suffix = RENDERERS[fmt]
    rec = read_bytes(fn(doc), f"r{suffix}", suffix)
    assert rec.values["t3.granted.natural_person"] is None
    assert rec.values["t4.review.total"] is None
    assert rec.values["t3.granted.total"] == values["t3.granted.total"]


@pytest.mark.parametrize("tid,year", [("gov-2019", 2020), ("gov-2021", 2022)])
def test_wu_as_the_first_cell_of_a_text_row_is_one_blank_cell(tid: str, year: int) -> None:
    # 无 written in a row's first cell (the row label, then 无, then the other cells, one a line)
    # blanks that cell only; the row's other cells keep their values.
    key = "t3.rejected_excessive.natural_person"
    doc, values = document(tid, year, override={key: None}, blank="无")
    rec = read_bytes(render.to_txt(doc), "r.txt", ".txt")
    assert rec.values[key] is None
    row = [k for k in values if k.startswith("t3.rejected_excessive.") and k != key]
    assert {k: rec.values[k] for k in row} == {k: values[k] for k in row}
    assert rec.problems == []
    assert rec.sections["s6"].strip()  # 无 in section 六's text stays text


def test_a_row_whose_numbers_do_not_fit_its_cells_is_named_in_the_problems() -> None:
    doc, values = document("gov-2021", 2022)
    text = render.to_txt(doc).decode("utf-8")
    label = "4.无正当理由大量反复申请"
    head, tail = text.split(label, 1)
    cells = tail.split("\n")
    first = next(i for i, c in enumerate(cells) if c.strip())
    del cells[first]  # the crawler lost one cell of the row
    rec = read_bytes((head + label + "\n".join(cells)).encode("utf-8"), "r.txt", ".txt")
    assert all(rec.values[k] is None for k in values if k.startswith("t3.rejected_excessive."))
    assert any("无正当理由大量反复申请" in p and "应有7个数值" in p for p in rec.problems), rec.problems


def test_old_template_in_a_new_year_is_keyed_by_what_it_prints() -> None:
    doc, values = document("gov-2019", 2022)
    rec = read_bytes(render.to_txt(doc), "r.txt", ".txt")
    assert rec.template == "gov-2019" and rec.year == 2022
    assert set(rec.values) == set(templates.get("gov-2019").keys())


def test_mixed_template_keys_and_missing_rows() -> None:
    rows = [r for r, _ in templates.get("gov-2021").t3_rows if r not in templates.T3_OTHER_HANDLING_SUBROWS]
    rows.insert(rows.index("results_total"), "other_handling")
    doc, values = document("gov-2021", 2023, t3_rows=rows, override={f"t3.other_handling.{c}": 0 for c, _ in templates.get("gov-2021").t3_columns})
    rec = read_bytes(render.to_html(doc), "r.html", ".html")
    assert rec.template == "mixed"
    assert set(rec.missing_rows) == {"t3.other_overdue_correction", "t3.other_unpaid_fee", "t3.other_other"}
    assert rec.values["t3.other_handling.total"] == 0 and rec.values["t3.other_other.total"] is None
    assert len(rec.values) == 207


def test_flattened_digits_are_split_by_the_table_arithmetic() -> None:
    doc, values = document("gov-2021", 2022, seed=7)
    text = render.to_txt(doc).decode()
    # flatten table 3 and 4 rows the way the portal crawler does: cells of a row run together
    lines, out, run = text.split("\n"), [], []
    for line in lines:
        cell = line.strip()
        if cell.isdigit():
            run.append(cell)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(line)
    flat = "".join(out)
    rec = read_bytes(flat.encode(), "flat.txt", ".txt")
    t34 = [k for k in values if k.startswith(("t3.", "t4."))]
    wrong = [k for k in t34 if rec.values[k] != values[k] and k not in rec.uncertain]
    assert not wrong
    assert sum(1 for k in t34 if rec.values[k] == values[k]) >= len(t34) * 0.9


def test_fullwidth_digits_units_and_separators() -> None:
    doc, values = document("gov-2019", 2020, override={"t2.art20_9.centralized_procurement.amount": 7380.29})
    text = render.to_txt(doc).decode()
    text = text.replace("\t7380.29\n", "\t7380.29万元\n")
    proj = values["t2.art20_9.centralized_procurement.projects"]
    text = text.replace(f"\t{proj}\n\t7380.29万元", f"\t{proj}笔\n\t7380.29万元")
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    text = text.replace(f"\t{values['t4.review.upheld']}\n", f"\t{str(values['t4.review.upheld']).translate(full)}\n", 1)
    rec = read_bytes(text.encode("gb18030"), "r.txt", ".txt")
    assert rec.values["t2.art20_9.centralized_procurement.amount"] == 73802900
    assert rec.values["t2.art20_9.centralized_procurement.projects"] == proj
    assert rec.values["t4.review.upheld"] == values["t4.review.upheld"]
    assert rec.values["t2.art20_6.administrative_penalty.change"] == values["t2.art20_6.administrative_penalty.change"]


@pytest.mark.parametrize(
    "data,suffix,reason",
    [
        (b"", ".txt", "为空"),
        (b"   \n\n", ".txt", "为空"),
        (b"\x00\x01\x02binary\x00", ".txt", "不是文本"),
        (b"just some words, no report here", ".txt", "未找到"),
        (b"PK\x03\x04broken zip", ".docx", "损坏"),
        (b"%PDF-1.4 truncated", ".pdf", "损坏"),
        (b"<html><body><p>hello</p></body></html>", ".html", "未找到"),
    ],
)
def test_unreadable_files_raise_a_parse_error_with_the_reason(data: bytes, suffix: str, reason: str) -> None:
    with pytest.raises(ParseError) as err:
        read_bytes(data, f"bad{suffix}", suffix)
    assert reason in str(err.value) and f"bad{suffix}" in str(err.value)


def test_encrypted_pdf_says_so() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt="secret")
    c.drawString(100, 700, "report 2022")
    c.save()
    with pytest.raises(ParseError, match="加密"):
        read_bytes(buf.getvalue(), "locked.pdf", ".pdf")


def test_scanned_pdf_without_text_layer() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.rect(100, 100, 300, 300, fill=1)
    c.save()
    with pytest.raises(ParseError, match="文字层"):
        read_bytes(buf.getvalue(), "scan.pdf", ".pdf")


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "pdf"])
def test_a_unit_name_with_markup_characters_survives_every_format(fmt: str) -> None:
    unit = "甲&乙<联合>办公室"
    doc, values = document("gov-2021", 2022, unit=unit)
    fn, suffix = RENDERERS[fmt]
    rec = read_bytes(fn(doc), f"r{suffix}", suffix)
    assert rec.unit == unit and rec.values["t3.new_received.total"] == values["t3.new_received.total"]
