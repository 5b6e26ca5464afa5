"""Arbitrary bytes or text never raise anything but the project's own ParseError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_audit.model import ParseError, ReportRecord
from disclosure_audit.readers import read_bytes

LABELS = ["规章", "行政规范性文件", "第二十条第（一）项", "本年新收", "予以公开", "（七）总计", "三、收到和处理政府信息公开申请情况",
          "四、政府信息公开行政复议、行政诉讼情况", "结果维持", "总计", "—", "无", "\n", "\t", " ", "0", "12", "１２", "3.其他", "%PDF", "<table>", "PK\x03\x04"]


def _parse(data: bytes, suffix: str) -> None:
    try:
        rec = read_bytes(data, f"fuzz{suffix}", suffix)
    except ParseError as exc:
        assert str(exc).startswith(f"fuzz{suffix}: ")
        return
    assert isinstance(rec, ReportRecord)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".pdf", ".docx", ""]))
def test_arbitrary_bytes(data: bytes, suffix: str) -> None:
    _parse(data, suffix)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(LABELS), st.text(max_size=12)), max_size=120), st.sampled_from(["utf-8", "gb18030"]))
def test_arbitrary_report_like_text(parts: list[str], encoding: str) -> None:
    _parse("".join(parts).encode(encoding, "replace"), ".txt")
    _parse(("<html><body><table><tr><td>" + "</td><td>".join(parts) + "</td></tr></table></body></html>").encode(), ".html")
