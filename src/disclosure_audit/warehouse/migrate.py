"""Bring a warehouse database to the newest schema: ``alembic upgrade head`` run in code, with a
Config that points at the migrations shipped inside the package (no alembic.ini is read)."""

from __future__ import annotations

import threading
from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

_migrated: set[str] = set()
_lock = threading.Lock()
_PG_LOCK_ID = 0x0D15C105  # advisory lock: one migrating process per PostgreSQL database


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("disclosure_audit.warehouse") / "migrations"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Run every pending migration (once per engine URL and process)."""
    key = engine.url.render_as_string(hide_password=False)
    with _lock:
        if key in _migrated:
            return
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_ID})
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        _migrated.add(key)
