"""Alembic environment of the warehouse: migrates the connection handed over in
``config.attributes["connection"]`` (what ``warehouse.migrate`` does), or a URL given with
``alembic -x url=...`` when a developer runs alembic by hand."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from disclosure_audit.warehouse.schema import metadata

config = context.config


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("give the warehouse URL: alembic -x url=sqlite:///disclosure-audit.sqlite upgrade head")
    with create_engine(url).connect() as conn:
        _run(conn)
