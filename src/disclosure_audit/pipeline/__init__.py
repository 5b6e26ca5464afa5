"""The plain logic of an audit run, one small module per step (no Prefect, no SQLAlchemy here):

- ``discover``: the files of a landing folder, matched with the manifest;
- ``chunks``: cut the work into chunks of a few hundred reports;
- ``parse``: parse one chunk (a bad file becomes an ``ingest.unreadable`` finding, never an error);
- ``scope``: which units/years a rerun covers and which sources belong to it;
- ``progress``: the progress lines (``已解析 2000/10000 份``) and an optional listener (the CLI bar);
- ``summary``: the return value of a run.

The Prefect flows in ``disclosure_audit.flows`` only sequence these functions as tasks.
"""
