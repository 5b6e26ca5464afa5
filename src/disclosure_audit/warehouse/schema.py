"""The warehouse tables (SQLAlchemy 2 Core): the roster, runs, reports and their versions, the
long-form cells, the findings with their life cycle, and the alert outbox.

The Alembic migrations in ``migrations/versions`` create exactly these tables; a test compares the
migrated database with this metadata so the two cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets BIGINT identities.
Id = BigInteger().with_variant(Integer(), "sqlite")

units = Table(
    "units",
    metadata,
    Column("unit", String(200), primary_key=True),
    Column("region", String(200), nullable=False),
    Column("level", String(40), nullable=False),
    Column("email", String(320), nullable=False),
    Column("parent", String(200)),
    Column("deadline", String(10)),
    Column("supervisor_email", String(320)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

audit_runs = Table(
    "audit_runs",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("kind", String(40), nullable=False),  # audit, rerun (the flows say province-audit / rerun)
    Column("parameters", JSON, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("counts", JSON),
    Column("status", String(20), nullable=False),  # running, completed, failed
)

reports = Table(
    "reports",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    # "unit|year" when both are known, else "source:<path>" (a report whose identity is unknown).
    Column("report_key", String(600), nullable=False, unique=True),
    Column("unit", String(200)),
    Column("year", Integer),
    Column("region", String(200)),
    Column("level", String(40)),
    Column("first_seen_run", Id, ForeignKey("audit_runs.id"), nullable=False),
    Index("ix_reports_unit_year", "unit", "year"),
    Index("ix_reports_year", "year"),
)

report_versions = Table(
    "report_versions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("report_id", Id, ForeignKey("reports.id"), nullable=False),
    Column("version_no", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("format", String(20)),
    Column("template", String(20)),
    Column("published_at", String(20)),
    Column("parsed", JSON, nullable=False),  # title, sections, uncertain, problems, missing_* …
    Column("first_seen_run", Id, ForeignKey("audit_runs.id"), nullable=False),
    Column("last_seen_run", Id, ForeignKey("audit_runs.id"), nullable=False),
    UniqueConstraint("report_id", "sha256", name="uq_report_versions_report_sha"),
    UniqueConstraint("report_id", "version_no", name="uq_report_versions_report_no"),
    Index("ix_report_versions_source", "source"),
)

# The two big fact tables (report_cells, findings) carry no foreign keys: the loader writes their
# ids in the same transaction as their parents, and per-row RI triggers cost PostgreSQL ~2x on COPY.
report_cells = Table(
    "report_cells",
    metadata,
    Column("version_id", Id, primary_key=True),
    Column("key", String(120), primary_key=True),
    Column("value", Float),  # NULL = blank in the source (never 0)
    Column("provenance", Text),
    sqlite_with_rowid=False,  # SQLite keeps the rows in the primary-key b-tree (one index, not two)
)

findings = Table(
    "findings",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("run_id", Id, nullable=False),  # last run that reported it
    Column("version_id", Id),  # None: roster.missing, unreadable
    Column("unit", String(200)),
    Column("year", Integer),
    Column("region", String(200)),
    Column("level", String(40)),
    Column("source", Text),
    Column("rule", String(60), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("cells", JSON, nullable=False),
    Column("expected", JSON),
    Column("observed", JSON),
    Column("message", Text, nullable=False),
    Column("details", JSON),
    Column("fingerprint", String(800), nullable=False),
    Column("first_seen_run", Id, nullable=False),
    Column("last_seen_run", Id, nullable=False),
    Column("resolved_run", Id),
    Column("status", String(10), nullable=False),  # open, resolved
    Index("ix_findings_fingerprint_status", "fingerprint", "status"),
    Index("ix_findings_unit_year_status", "unit", "year", "status"),
    Index("ix_findings_status_year", "status", "year"),
    Index("ix_findings_first_seen_run", "first_seen_run"),
    Index("ix_findings_last_seen_run", "last_seen_run"),
    Index("ix_findings_source_status", "source", "status"),
    # one open finding per fingerprint (migration 0003): concurrent runs cannot both insert it
    Index("ux_findings_open_fingerprint", "fingerprint", unique=True,
          sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
)

alert_outbox = Table(
    "alert_outbox",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("run_id", Id, ForeignKey("audit_runs.id"), nullable=False),
    Column("kind", String(10), nullable=False),  # unit, digest
    Column("unit", String(200)),  # the unit (kind=unit) or the region (kind=digest)
    Column("recipient", String(320), nullable=False),
    Column("subject", Text, nullable=False),
    Column("body_text", Text, nullable=False),
    Column("body_html", Text, nullable=False),
    Column("finding_ids", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("dry_run_at", DateTime(timezone=True)),
    Column("dry_run_path", Text),
    Column("claimed_by", String(64)),  # the sender sending it now (outbox.claim), None when free
    Column("claimed_at", DateTime(timezone=True)),
    UniqueConstraint("run_id", "kind", "recipient", "unit", name="uq_alert_outbox_run_recipient"),
    Index("ix_alert_outbox_pending", "sent_at"),
)
