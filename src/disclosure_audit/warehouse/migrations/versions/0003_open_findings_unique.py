"""One open finding per fingerprint, enforced by the database: a partial unique index on
findings(fingerprint) WHERE status = 'open' (SQLite and PostgreSQL both have partial indexes).

Until now only the loader kept open findings unique (it looks a fingerprint up before inserting
it), so two runs storing at the same time could each insert the same new finding. With the index
the second insert fails, its batch rolls back and the store step's retry finds the finding open
and marks it seen. Rows that two such runs left before this migration are merged first: the newest
open row of a fingerprint stays open, the older ones are closed as resolved in their last run.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OPEN = sa.text("status = 'open'")


def upgrade() -> None:
    op.execute(
        "UPDATE findings SET status = 'resolved', resolved_run = last_seen_run "
        "WHERE status = 'open' AND id NOT IN "
        "(SELECT keep FROM (SELECT MAX(id) AS keep FROM findings WHERE status = 'open' GROUP BY fingerprint) AS newest)"
    )
    op.create_index("ux_findings_open_fingerprint", "findings", ["fingerprint"], unique=True,
                    sqlite_where=OPEN, postgresql_where=OPEN)


def downgrade() -> None:
    op.drop_index("ux_findings_open_fingerprint", table_name="findings")
