"""Records -> one pandas DataFrame per template (one row per report), the shape both engines check.

Columns are the canonical cell keys (NaN = blank); the index is the record's position in the run,
so every failure maps back to its report. ``with_helpers`` adds one column per arithmetic relation,
``chk:<relation id>`` = sum(lhs) - sum(rhs) (NaN where a cell is blank), because GX has no
expectation for "column equals the sum of columns" (STACK-NOTES).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from disclosure_audit import templates
from disclosure_audit.checks.relations import frame_template, optional_keys, relations
from disclosure_audit.model import ReportRecord


def frame_columns(template_id: str) -> list[str]:
    return templates.get(template_id).keys() + optional_keys(template_id)


def build_frames(records: list[ReportRecord]) -> dict[str, pd.DataFrame]:
    """template id -> frame of the records keyed by it (records with no values are left out)."""
    groups: dict[str, list[int]] = {}
    for i, rec in enumerate(records):
        if rec.values:
            groups.setdefault(frame_template(rec.values), []).append(i)
    frames: dict[str, pd.DataFrame] = {}
    for tid, idx in groups.items():
        cols = frame_columns(tid)
        col_pos = {c: j for j, c in enumerate(cols)}
        arr = np.full((len(idx), len(cols)), np.nan)
        for row, i in enumerate(idx):
            for k, v in records[i].values.items():
                j = col_pos.get(k)
                if j is not None and v is not None:
                    arr[row, j] = float(v)
        frames[tid] = pd.DataFrame(arr, columns=cols, index=pd.Index(idx, name="report"))
    return frames


def with_helpers(df: pd.DataFrame, template_id: str) -> pd.DataFrame:
    """The frame plus one difference column per relation (0 where the relation holds)."""
    helpers = {}
    for rel in relations(template_id):
        lhs = df[list(rel.lhs)].sum(axis=1, min_count=len(rel.lhs))
        rhs = df[list(rel.rhs)].sum(axis=1, min_count=len(rel.rhs))
        helpers[f"chk:{rel.id}"] = (lhs - rhs).round(6)
    out = pd.concat([df, pd.DataFrame(helpers, index=df.index)], axis=1)
    out["report_id"] = df.index.to_numpy()
    return out
