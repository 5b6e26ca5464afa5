"""``labels.PrefixedLabel`` finds exactly what ``re`` finds with its whole pattern.

The label rows of table 3 with an optional ordinal (``2.属于国家秘密``) are searched by their words
first and the ordinal taken by walking back (``re`` is ~50 times slower on a pattern whose first
item is optional). A difference would move a row's start and so its cells: here the two are
compared on strings built to stress the walk (digits, blanks and marks around the label, labels
back to back, bounds inside them) and on every generated format's text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_audit.readers import labels
from disclosure_audit.readers.layout import compact
from disclosure_audit.synth import render
from tests.factories import document

PREFIXED = {name: pat for name, pat in labels.T3_ROWS.items() if isinstance(pat, labels.PrefixedLabel)}

# pieces of a text around the labels: ordinals, blanks of several kinds, every mark, other digits
PIECES = ["1", "2", "12", "３", "四", "三", " ", "\n", "\u3000", "\t", ".", "．", "、", "，", ":", "：", "（", "）", "无", "其他"]
BLANKS = st.text(alphabet=" \n\u3000\t", max_size=2)
# an ordinal as printed before a label, well formed or not: lead, blanks, a mark, blanks
ORDINALS = st.builds(lambda *p: "".join(p), st.sampled_from(["1", "2", "３", "四", "a", ""]), BLANKS,
                     st.sampled_from(list(".．、，：") + [""]), BLANKS)


def _spans(matches) -> list[tuple[int, int]]:  # noqa: ANN001 - re.Match or the label's matches
    return [m.span() for m in matches]


def test_every_ordinal_row_of_table_3_is_a_prefixed_label() -> None:
    # the rows whose regex would start with an optional item: a plain re.Pattern there is the slow scan
    slow = [name for name, pat in labels.T3_ROWS.items() if isinstance(pat, re.Pattern) and pat.pattern.startswith("(?:")]
    assert slow == []
    assert len(PREFIXED) == 19


@pytest.mark.parametrize("name", sorted(PREFIXED))
@settings(max_examples=80, deadline=None)
@given(
    parts=st.lists(st.one_of(st.sampled_from(PIECES), ORDINALS, st.just("LABEL")), max_size=14),
    bounds=st.tuples(st.integers(0, 60), st.integers(0, 80)),
)
def test_matches_equal_those_of_the_whole_pattern(name: str, parts: list[str], bounds: tuple[int, int]) -> None:
    pat = PREFIXED[name]
    words = pat.core.pattern.split("[")[0].split("|")[0]  # the label's literal words
    text = "".join(words if p == "LABEL" else p for p in parts)
    pos, endpos = bounds
    assert _spans(pat.finditer(text, pos, endpos)) == _spans(pat.pattern.finditer(text, pos, endpos))
    assert _spans(pat.finditer(text)) == _spans(pat.pattern.finditer(text))
    found, expected = pat.search(text, pos, endpos), pat.pattern.search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())


def test_an_ordinal_before_a_label_is_part_of_its_match() -> None:
    pat = labels.T3_ROWS["denied_state_secret"]
    assert [m.group() for m in pat.finditer("0\n2 . 属于国家秘密 5")] == ["2 . 属于国家秘密"]
    assert [m.group() for m in pat.finditer("属于国家秘密")] == ["属于国家秘密"]
    # the ordinal of table 4's carry-over row is 四, with the section marks
    assert labels.T3_ROWS["carried_forward"].search("3\n四、结转下年度继续办理").group() == "四、结转下年度继续办理"
    # an ordinal before the search window is not taken
    assert pat.search("2.属于国家秘密", 1).group() == "属于国家秘密"


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "pdf"])
@pytest.mark.parametrize("tid, year", [("gov-2019", 2020), ("gov-2021", 2023)])
def test_the_same_matches_on_generated_reports(fmt: str, tid: str, year: int) -> None:
    from disclosure_audit.readers import _lines

    doc, _ = document(tid, year)
    data = getattr(render, f"to_{fmt}")(doc)
    text = compact(_lines(data, f"r.{fmt}", fmt)).text
    hits = 0
    for pat in PREFIXED.values():
        got = _spans(pat.finditer(text))
        assert got == _spans(pat.pattern.finditer(text))
        hits += len(got)
    assert hits >= 10  # the table's rows were there to be found
