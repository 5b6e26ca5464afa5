"""pandera check methods registered for disclosure-audit (so schemas serialise to YAML by name).

- ``sums_equal(lhs, rhs)``: per row, sum of the ``lhs`` columns equals sum of the ``rhs`` columns;
  rows where any of them is blank pass (a blank is a completeness finding, not an arithmetic one).
- ``whole_number()``: a count has no fractional part (blank passes).
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.api.extensions import register_check_method

_REGISTERED = "sums_equal" in getattr(pa.Check, "REGISTERED_CUSTOM_CHECKS", {})

if not _REGISTERED:

    @register_check_method(statistics=["lhs", "rhs"], supported_types=pd.DataFrame, check_type="vectorized")
    def sums_equal(df: pd.DataFrame, *, lhs: list[str], rhs: list[str]) -> pd.Series:
        left = df[list(lhs)].sum(axis=1, min_count=len(lhs))
        right = df[list(rhs)].sum(axis=1, min_count=len(rhs))
        return (left - right).abs().lt(1e-6) | left.isna() | right.isna()

    @register_check_method(statistics=[], supported_types=pd.Series, check_type="vectorized")
    def whole_number(series: pd.Series) -> pd.Series:
        return series.isna() | series.eq(series.round())
