"""Start Prefect's temporary API server before Prefect itself is imported.

A local run (``disclosure-audit run``/``demo``, the benchmark) with no PREFECT_API_URL needs
Prefect's temporary server: a uvicorn process that takes ~3 s to boot. Prefect starts it only
once the flow's client asks, and the class that starts it (``prefect.server.api.server``) costs
~1.5 s to import in the flow's process. Measured on 1,000 reports: the flow body began 5.9 s after
``run_flow`` was called, 3 s of it waiting for the server.

``launch`` runs the same command as Prefect's ``SubprocessASGIServer`` (same module, same
variables: no UI, ephemeral mode) at the very start, so that the server boots on the other core
while this process imports Prefect, the flows and the check engines; the flow is then pointed at
it with PREFECT_API_URL. Anything unusual (Prefect already imported, a URL already set, the
server not answering) leaves the run to Prefect's own ephemeral server, as before.

On Linux the server also goes when its starter is killed (SIGKILL, the OOM killer: no exit
handler runs): started from the main thread, it asks the kernel for SIGTERM at its parent's death
(``prctl(PR_SET_PDEATHSIG)``), so that no server is left behind holding its port and database.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Callable

# what Prefect's SubprocessASGIServer sets for its server process (prefect 3.9)
SERVER_ENV: dict[str, str] = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
STARTUP_TIMEOUT_S = 30.0

_running: "LocalApi | None" = None  # one server a process, stopped when the process exits


class LocalApi:
    """A Prefect API server process this process started (and stops)."""

    def __init__(self, process: subprocess.Popen[bytes], port: int) -> None:
        self.process = process
        self.port = port

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def ready(self, timeout: float = STARTUP_TIMEOUT_S) -> bool:
        """Wait until the server answers its health check; False if it exits or never answers."""
        deadline = time.monotonic() + timeout
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via an office's http_proxy
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            with contextlib.suppress(OSError):
                with direct.open(f"{self.api_url}/health", timeout=1) as response:
                    if response.status == 200:
                        return True
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        """Terminate the server (then kill it if it lingers)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _dies_with(parent: int) -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child get SIGTERM when ``parent`` dies (Linux); None
    elsewhere, and when not called from the main thread (the signal follows the thread that
    started the child, not its process)."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the child only calls it
    except (OSError, AttributeError):
        return None

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the request: go now
            os._exit(0)

    return preexec


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def launch() -> LocalApi | None:
    """The server this process started earlier if it still runs, else a new one; None when the
    run should not use one of ours: Prefect was imported before (its settings, a test harness or a
    server may be in force) or an API URL is set in the environment. The caller still checks
    Prefect's settings once imported (a profile may name a server) and stops this one if it is not
    needed. The server is stopped when the process exits (after Prefect's own exit handlers, which
    still send the last events and logs to it)."""
    global _running
    if _running is not None and _running.process.poll() is None:
        return _running
    if "prefect" in sys.modules or os.environ.get("PREFECT_API_URL"):
        return None
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        return None
    port = _free_port()
    args = [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent),
            "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on"]
    try:
        process = subprocess.Popen(args, env={**os.environ, **SERVER_ENV}, stdin=subprocess.DEVNULL,
                                   preexec_fn=_dies_with(os.getpid()))  # noqa: PLW1509 - a prctl call only
    except OSError:
        return None
    _running = LocalApi(process, port)
    atexit.register(_running.stop)  # registered before Prefect's handlers: runs after them
    return _running
