"""Which warehouse to use and how to connect to it: the URL (``--db``, else the
``DISCLOSURE_AUDIT_DB_URL`` environment variable, else a SQLite file in the working folder) and
one cached engine per URL (SQLite in WAL mode with a busy timeout so threads can share it)."""

from __future__ import annotations

import os
import threading

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

DEFAULT_DB_FILE = "disclosure-audit.sqlite"
DEFAULT_DB_URL = f"sqlite:///{DEFAULT_DB_FILE}"
DB_URL_ENV = "DISCLOSURE_AUDIT_DB_URL"

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def resolve_db_url(url: str | None = None) -> str:
    """``url`` if given, else $DISCLOSURE_AUDIT_DB_URL, else ``sqlite:///disclosure-audit.sqlite``."""
    return url or os.environ.get(DB_URL_ENV) or DEFAULT_DB_URL


def sqlite_file(url: str) -> str | None:
    """The file of a SQLite URL (``sqlite:///out/warehouse.db`` -> ``out/warehouse.db``); None for
    other databases and in-memory SQLite."""
    prefix = "sqlite:///"
    path = url.split("?", 1)[0][len(prefix):] if url.startswith(prefix) else ""
    return path if path and path != ":memory:" else None


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def get_engine(url: str) -> Engine:
    """The process-wide engine of ``url`` (created on first use)."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            _engines[url] = engine
        return engine


def dispose_engine(url: str) -> None:
    """Close the pooled connections of ``url`` (tests drop their throwaway databases after this)."""
    with _lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()
