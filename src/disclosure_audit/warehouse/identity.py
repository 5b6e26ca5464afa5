"""How the warehouse names things: the key of a report (unit and year, or its source when either
is unknown), a version's content hash, and a finding's warehouse fingerprint."""

from __future__ import annotations

import hashlib
import json

from disclosure_audit.model import Finding, ReportRecord
from disclosure_audit.rules import UNREADABLE as UNREADABLE_RULE

MAX_KEY = 400  # longer keys keep a readable head and a hash of the whole (index-friendly, unique)


def bounded(key: str) -> str:
    if len(key) <= MAX_KEY:
        return key
    return f"{key[:300]}…#{hashlib.sha256(key.encode('utf-8')).hexdigest()}"


def report_key(unit: str | None, year: int | None, source: str | None) -> str:
    """``unit|year`` when both are known, else ``source:<path>``."""
    if unit and year is not None:
        return bounded(f"{unit}|{year}")
    return bounded(f"source:{source or ''}")


def record_key(record: ReportRecord) -> str:
    return report_key(record.unit, record.year, record.source)


def content_hash(record: ReportRecord) -> str:
    """The file's sha256 from the reader; for a record built without one, a hash of its content."""
    if record.sha256:
        return record.sha256
    payload = json.dumps(record.to_json(), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def fingerprint(finding: Finding) -> str:
    """``Finding.fingerprint``, plus the source path when the finding has no unit or is an
    ``ingest.unreadable`` (two unreadable files of unknown units are two findings, not one); a
    very long one (a finding naming many cells) is bounded by ``bounded``."""
    fp = finding.fingerprint
    if not finding.unit or finding.year is None or finding.rule == UNREADABLE_RULE:
        fp = f"{fp}|{finding.source or ''}"
    return bounded(fp)
