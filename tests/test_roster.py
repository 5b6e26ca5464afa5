"""Roster CSV loading: required columns, levels, deadlines, clear errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_audit.roster import RosterError, load_roster


def test_loads_units_with_optional_columns(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("\ufeffunit,region,level,email,parent,deadline,supervisor_email\n"
                 "示例县人民政府,示例市示例县,county,a@x.example.org,,,sup@x.example.org\n"
                 "示例镇人民政府,示例市示例县,township,b@x.example.org,示例县人民政府,2024-02-28,\n", encoding="utf-8")
    units = load_roster(p)
    assert [u.unit for u in units] == ["示例县人民政府", "示例镇人民政府"]
    assert units[1].deadline == "02-28" and units[1].parent == "示例县人民政府"
    assert units[0].supervisor_email == "sup@x.example.org"


@pytest.mark.parametrize("body,needle", [
    ("unit,region,email\nx,y,z@a.example.org\n", "level"),
    ("unit,region,level,email\nx,y,village,z@a.example.org\n", "line 2"),
    ("unit,region,level,email\nx,y,county,not-an-email\n", "email"),
    ("unit,region,level,email,deadline\nx,y,county,z@a.example.org,31 Jan\n", "MM-DD"),
    ("unit,region,level,email\nx,y,county,z@a.example.org\nx,y,county,z@a.example.org\n", "twice"),
])
def test_bad_rows_name_file_line_and_fix(tmp_path: Path, body: str, needle: str) -> None:
    p = tmp_path / "roster.csv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(RosterError) as err:
        load_roster(p)
    assert "roster.csv" in str(err.value) and needle in str(err.value)
