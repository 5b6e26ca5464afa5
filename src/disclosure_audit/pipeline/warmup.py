"""Import the check engines' libraries in the background while a local run starts.

``disclosure-audit run`` spends its first seconds waiting for the ephemeral Prefect server (a
separate process), with a core to spare; importing Great Expectations alone takes ~4 s. Doing it
then, on a daemon thread, takes those seconds off the check step. Nothing is computed: a failed
import is left for the check step to report.
"""

from __future__ import annotations

import contextlib
import importlib
import threading

MODULES: tuple[str, ...] = (
    "pandas",
    "great_expectations",
    "disclosure_audit.checks.engine_gx",
    "disclosure_audit.checks.engine_pandera",
    "datasketch",
)


def _import_all() -> None:
    for name in MODULES:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def start() -> threading.Thread:
    """Start importing ``MODULES`` on a daemon thread; returns the thread."""
    t = threading.Thread(target=_import_all, name="disclosure-audit-warm-up", daemon=True)
    t.start()
    return t
