"""Prefect flows of disclosure-audit (installed as ``disclosure_audit.flows``). Flows only sequence
tasks; the logic lives in the plain modules of ``disclosure_audit``."""

from disclosure_audit.offline import ensure_offline

ensure_offline()
