"""Keep every run offline: no Prefect telemetry, no GX analytics, no Prefect Cloud.

Call ``ensure_offline()`` before Prefect or Great Expectations is imported (the CLI and the flows
package do). It only sets variables the user has not set, so an operator can still point the
product at a real Prefect server with PREFECT_API_URL.
"""

from __future__ import annotations

import os

OFFLINE_ENV: dict[str, str] = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_UI_ENABLED": os.environ.get("PREFECT_UI_ENABLED", "true"),
}


def ensure_offline() -> None:
    """Set the variables that switch off telemetry and analytics, unless already set."""
    for name, value in OFFLINE_ENV.items():
        os.environ.setdefault(name, value)
