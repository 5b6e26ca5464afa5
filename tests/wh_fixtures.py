"""Warehouse test fixtures: a fresh SQLite file, or a throwaway PostgreSQL database on the server
named by DISCLOSURE_AUDIT_TEST_PG_URL (dropped afterwards), and small records and findings."""

from __future__ import annotations

import os
import uuid
from typing import Iterator

import pytest

from disclosure_audit.model import Finding, ReportRecord

PG_ENV = "DISCLOSURE_AUDIT_TEST_PG_URL"
KEYS = [f"t3.new_received.c{i}" for i in range(20)]


def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / f'wh-{uuid.uuid4().hex[:8]}.sqlite'}"


def pg_database() -> Iterator[str]:
    """A throwaway database ``da_test_<random>`` on the test server; its URL."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"set {PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) to test PostgreSQL")
    import psycopg
    from sqlalchemy.engine import make_url

    from disclosure_audit.warehouse.connection import dispose_engine

    url = make_url(base)
    name = f"da_test_{uuid.uuid4().hex[:12]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    test_url = url.set(database=name).render_as_string(hide_password=False)
    try:
        yield test_url
    finally:
        dispose_engine(test_url)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def record(unit: str = "甲县人民政府", year: int = 2022, sha: str = "a" * 64, bump: int = 0, **over) -> ReportRecord:
    values: dict = {k: i + bump for i, k in enumerate(KEYS)}
    values[KEYS[-1]] = None  # a blank cell stays blank
    rec = ReportRecord(
        source=f"/landing/{unit}-{year}-{sha[:4]}.txt", format="txt", unit=unit, year=year, template="gov-2021",
        published_at=f"{year + 1}-01-20", region="湖南省/湘潭市", level="county", values=values,
        provenance={k: f"line {i + 1}" for i, k in enumerate(KEYS)},
        sections={"s1": "总体情况", "s5": "问题", "s6": "无"}, uncertain=[KEYS[0]], sha256=sha,
    )
    for k, v in over.items():
        setattr(rec, k, v)
    return rec


def finding(rule: str = "t3.balance", unit: str | None = "甲县人民政府", year: int | None = 2022,
            cells: list[str] | None = None, source: str | None = None, severity: str = "error", **kw) -> Finding:
    kw.setdefault("expected", 5)
    kw.setdefault("observed", 6)
    kw.setdefault("message", "本年新收 + 上年结转 与 办理结果总计 不相等")
    return Finding(rule=rule, severity=severity, cells=cells if cells is not None else [KEYS[0]], source=source,
                   unit=unit, year=year, **kw)
