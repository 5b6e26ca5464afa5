"""The initial warehouse: units, audit_runs, reports, report_versions, report_cells, findings,
alert_outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("unit", sa.String(200), primary_key=True),
        sa.Column("region", sa.String(200), nullable=False),
        sa.Column("level", sa.String(40), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("parent", sa.String(200)),
        sa.Column("deadline", sa.String(10)),
        sa.Column("supervisor_email", sa.String(320)),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "audit_runs",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("parameters", sa.JSON, nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("counts", sa.JSON),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_table(
        "reports",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("report_key", sa.String(600), nullable=False, unique=True),
        sa.Column("unit", sa.String(200)),
        sa.Column("year", sa.Integer),
        sa.Column("region", sa.String(200)),
        sa.Column("level", sa.String(40)),
        sa.Column("first_seen_run", Id, sa.ForeignKey("audit_runs.id"), nullable=False),
    )
    op.create_index("ix_reports_unit_year", "reports", ["unit", "year"])
    op.create_index("ix_reports_year", "reports", ["year"])
    op.create_table(
        "report_versions",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("report_id", Id, sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("version_no", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(20)),
        sa.Column("template", sa.String(20)),
        sa.Column("published_at", sa.String(20)),
        sa.Column("parsed", sa.JSON, nullable=False),
        sa.Column("first_seen_run", Id, sa.ForeignKey("audit_runs.id"), nullable=False),
        sa.Column("last_seen_run", Id, sa.ForeignKey("audit_runs.id"), nullable=False),
        sa.UniqueConstraint("report_id", "sha256", name="uq_report_versions_report_sha"),
        sa.UniqueConstraint("report_id", "version_no", name="uq_report_versions_report_no"),
    )
    op.create_index("ix_report_versions_source", "report_versions", ["source"])
    op.create_table(
        "report_cells",
        sa.Column("version_id", Id, primary_key=True),
        sa.Column("key", sa.String(120), primary_key=True),
        sa.Column("value", sa.Float),
        sa.Column("provenance", sa.Text),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "findings",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("run_id", Id, nullable=False),
        sa.Column("version_id", Id),
        sa.Column("unit", sa.String(200)),
        sa.Column("year", sa.Integer),
        sa.Column("region", sa.String(200)),
        sa.Column("level", sa.String(40)),
        sa.Column("source", sa.Text),
        sa.Column("rule", sa.String(60), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("cells", sa.JSON, nullable=False),
        sa.Column("expected", sa.JSON),
        sa.Column("observed", sa.JSON),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("details", sa.JSON),
        sa.Column("fingerprint", sa.String(800), nullable=False),
        sa.Column("first_seen_run", Id, nullable=False),
        sa.Column("last_seen_run", Id, nullable=False),
        sa.Column("resolved_run", Id),
        sa.Column("status", sa.String(10), nullable=False),
    )
    op.create_index("ix_findings_fingerprint_status", "findings", ["fingerprint", "status"])
    op.create_index("ix_findings_unit_year_status", "findings", ["unit", "year", "status"])
    op.create_index("ix_findings_status_year", "findings", ["status", "year"])
    op.create_index("ix_findings_first_seen_run", "findings", ["first_seen_run"])
    op.create_index("ix_findings_last_seen_run", "findings", ["last_seen_run"])
    op.create_index("ix_findings_source_status", "findings", ["source", "status"])
    op.create_table(
        "alert_outbox",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("run_id", Id, sa.ForeignKey("audit_runs.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("unit", sa.String(200)),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body_text", sa.Text, nullable=False),
        sa.Column("body_html", sa.Text, nullable=False),
        sa.Column("finding_ids", sa.JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("dry_run_at", TS),
        sa.Column("dry_run_path", sa.Text),
        sa.UniqueConstraint("run_id", "kind", "recipient", "unit", name="uq_alert_outbox_run_recipient"),
    )
    op.create_index("ix_alert_outbox_pending", "alert_outbox", ["sent_at"])


def downgrade() -> None:
    for table in ("alert_outbox", "findings", "report_cells", "report_versions", "reports", "audit_runs", "units"):
        op.drop_table(table)
