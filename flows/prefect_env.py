"""Prefect runs embedded: an ephemeral API server started on demand, its state under ``var/prefect``.

Nothing to start by hand. Set ``PREFECT_API_URL`` to use a Prefect server (a team's work pool) instead.
"""

from __future__ import annotations

import os

from landdb.settings import get_settings


def configure_prefect() -> None:
    """Set Prefect's environment before ``prefect`` is imported (keeps user-set values)."""
    home = get_settings().var_dir / "prefect"
    home.mkdir(parents=True, exist_ok=True)
    defaults = {
        "PREFECT_HOME": str(home),
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # a first run creates Prefect's own database (its migrations): 55 s at load 21 on 2 cores, and a clean
        # clone's `make demo` once failed at the old 120 s under heavier load — wait rather than fail a batch
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "600",
        # automations (reactive triggers and their actions) are not used; one service less to start and stop
        "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
        "PREFECT_UI_ENABLED": "false",
        "DASK_LOGGING__DISTRIBUTED": "warning",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
