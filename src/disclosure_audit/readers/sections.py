"""Find the six section headings (一 … 六) and cut the text of each section.

Headings are searched in order, each after the previous one found, so the preface that names the
sections in running text (without ordinals) and table rows such as 四、结转下年度继续办理 are not
mistaken for headings.
"""

from __future__ import annotations

from dataclasses import dataclass

from disclosure_audit.readers.labels import SECTION_PATTERNS


@dataclass(frozen=True)
class Heading:
    section: str
    start: int
    end: int


def find_headings(text: str) -> dict[str, Heading]:
    found: dict[str, Heading] = {}
    pos = 0
    for sid, pat in SECTION_PATTERNS.items():
        m = pat.search(text, pos)
        if m:
            found[sid] = Heading(sid, m.start(), m.end())
            pos = m.end()
    return found


def section_texts(text: str, headings: dict[str, Heading]) -> dict[str, str]:
    """s1..s6 -> the text between a heading and the next heading found ("" where absent)."""
    ordered = sorted(headings.values(), key=lambda h: h.start)
    out = {sid: "" for sid in SECTION_PATTERNS}
    for i, h in enumerate(ordered):
        end = ordered[i + 1].start if i + 1 < len(ordered) else len(text)
        out[h.section] = text[h.end : end].strip().replace("\u2205", "无")
    return out
