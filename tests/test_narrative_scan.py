"""The narrative rule's scan for stated normative-document counts finds exactly what
``re.finditer`` over the whole text finds (it only skips the places where no statement can start),
on texts made of the words such statements are built from and on the generator's sections."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_audit.checks.cross import narrative
from disclosure_audit.synth.narrative import sections
from disclosure_audit.synth.values import consistent_values

WORDS = ["规范性文件", "行政", "制发", "废止", "现行有效", "类", "件", "条", "个", "7", "12", "，", "。", "的", "本年度", " ", "信息"]


def _spans(matches) -> list[tuple]:  # noqa: ANN001 - an iterator of re.Match
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_the_scan_finds_what_finditer_finds(words: list[str]) -> None:
    text = "".join(words)
    assert _spans(narrative.normative_statements(text)) == _spans(narrative._NORMATIVE.finditer(text))


def test_a_statement_starting_the_farthest_before_its_word_is_found() -> None:
    text = "本年度" + "的" * 13 + "制发行政规范性文件3件"  # from 度: a qualifier of 16 characters, then 行政
    found = list(narrative.normative_statements(text))
    assert [(m.start(), m.group(2)) for m in found] == [(2, "3")]
    assert _spans(found) == _spans(narrative._NORMATIVE.finditer(text))


def test_the_generated_sections_scan_as_finditer_does() -> None:
    rng = random.Random(3)
    for i in range(200):
        tid, year = ("gov-2019", 2020) if i % 2 else ("gov-2021", 2022)
        texts = sections(f"测试县{i}局", year, consistent_values(tid, seed=i), rng)
        text = "".join(texts.values())
        assert _spans(narrative.normative_statements(text)) == _spans(narrative._NORMATIVE.finditer(text))
