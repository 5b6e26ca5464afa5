"""Shared fixtures: where ../shared is (tests that need it skip with a reason where it is absent),
and an offline environment for every test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DISCLOSURE_AUDIT_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying why."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"reference material {p} is absent (../shared is only beside the repo on developer and CI machines)")
    return p


@pytest.fixture
def shared() -> Path:
    return shared_path()


def real_samples() -> list[tuple[Path, Path]]:
    """(report file, expected json) pairs of ../shared/samples/real and seed; empty if absent."""
    out: list[tuple[Path, Path]] = []
    for folder in (SHARED / "samples" / "seed", SHARED / "samples" / "real"):
        if not folder.exists():
            continue
        for exp in sorted(folder.glob("*.expected.json")):
            stem = exp.name[: -len(".expected.json")]
            for f in sorted(folder.glob(stem + ".*")):
                if f.suffix in {".txt", ".html", ".pdf", ".docx"}:
                    out.append((f, exp))
    return out


def load_expected(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole session (~7 s to start), without the heartbeat delay
    at the end of sync flows (STACK-NOTES)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(), temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def wh(request: pytest.FixtureRequest, tmp_path: Path):  # noqa: ANN201 - yields a Warehouse
    """A fresh warehouse: an SQLite file, and (where DISCLOSURE_AUDIT_TEST_PG_URL is set) a throwaway
    PostgreSQL database; a test using it runs once on each."""
    from disclosure_audit.warehouse import Warehouse
    from tests.wh_fixtures import pg_database, sqlite_url

    if request.param == "sqlite":
        yield Warehouse(sqlite_url(tmp_path))
    else:
        gen = pg_database()
        yield Warehouse(next(gen))
        gen.close()
