"""Alert outbox claims: a sender claims the pending alerts it is about to send (claimed_by,
claimed_at), so that two runs sending at the same time (a clerk's rerun from the command line
while the scheduled audit runs on the work pool) never send one alert twice.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alert_outbox") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(64)))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("alert_outbox") as batch:
        batch.drop_column("claimed_at")
        batch.drop_column("claimed_by")
