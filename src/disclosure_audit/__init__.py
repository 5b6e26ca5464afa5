"""disclosure-audit: reads and audits the annual reports on government information disclosure.

The package holds the plain logic (readers, checks, warehouse, alerts, report); Prefect flows in
``disclosure_audit.flows`` only sequence it.
"""

__version__ = "0.1.0"
