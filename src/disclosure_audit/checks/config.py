"""Settings of the checks that a province may tune (deadlines, tolerances, thresholds)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckConfig:
    # 条例第四十九条: departments of governments at county level and above by 31 January, the
    # governments themselves by 31 March; townships and others are set by the province.
    department_deadline: str = "01-31"
    government_deadline: str = "03-31"
    township_deadline: str = "03-31"
    other_deadline: str = "03-31"
    # history.in_force: |in_force - (last in_force + issued - repealed)| above this share is reported
    in_force_tolerance: float = 0.05
    # duplicate.text: Jaccard similarity of word shingles above which two sections are 雷同
    duplicate_threshold: float = 0.85
    duplicate_min_chars: int = 60
    # plausibility.amount_unit (gov-2021 fee in 万元; gov-2019 procurement in 元)
    fee_wan_max: float = 1_000_000.0  # 100 亿元 of fees in one report: 元 written for 万元
    procurement_yuan_min_per_project: float = 100.0  # under 100 元 per purchase: 万元 written for 元
    # roster.missing waits for the unit's deadline: "YYYY-MM-DD" of the audit (None: today in Beijing)
    today: str | None = None
