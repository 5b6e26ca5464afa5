"""Great Expectations suites (JSON, readable and editable by data staff), loaded at run time.
Installed as package data of ``disclosure_audit.expectations``."""
