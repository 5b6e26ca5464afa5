"""The warehouse of disclosure-audit: SQLAlchemy tables, Alembic migrations run on connect, bulk
loading per batch, the findings life cycle and the queries of the other stages.

    wh = Warehouse("sqlite:///disclosure-audit.sqlite")
    run_id = wh.start_run("audit", {...})
    wh.store(run_id, records, findings, scope=None)
    wh.finish_run(run_id, summary)
"""

from disclosure_audit.warehouse.connection import DB_URL_ENV, DEFAULT_DB_FILE, DEFAULT_DB_URL, resolve_db_url
from disclosure_audit.warehouse.core import Warehouse

__all__ = ["DB_URL_ENV", "DEFAULT_DB_FILE", "DEFAULT_DB_URL", "Warehouse", "resolve_db_url"]
