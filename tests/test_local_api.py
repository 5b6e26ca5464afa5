"""``flows.local_api``: a local run starts Prefect's temporary server itself, before Prefect is
imported, points the flow at it, and stops it when the process exits; where it cannot (Prefect
already imported, a server that does not come up) the run falls back to Prefect's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from disclosure_audit.flows import local_api
from disclosure_audit.pipeline.example import write_example_province

RUN = """
import json, sys, urllib.request
from rich.console import Console
from disclosure_audit.flows import local_api
from disclosure_audit.flows.local import run_flow
p = json.loads(sys.argv[1])
summary = run_flow("province-audit", Console(file=open("/dev/null", "w")), **p)
api = local_api._running
req = urllib.request.Request(api.api_url + "/flow_runs/filter", data=b"{}", headers={"Content-Type": "application/json"})
runs = json.loads(urllib.request.urlopen(req, timeout=10).read())
print(json.dumps({"reports": summary["reports"], "pid": api.process.pid,
                  "runs": sorted(r["state_type"] for r in runs),
                  "prefect_server_class_imported": "prefect.server.api.server" in sys.modules}))
"""


def _gone(pid: int, wait_s: float = 10.0) -> bool:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_a_local_run_uses_the_server_it_started_and_stops_it(tmp_path: Path) -> None:
    ex = write_example_province(tmp_path, units=4)
    params = {"path": str(ex.folder), "manifest": str(ex.manifest), "roster": str(ex.roster), "year": ex.year,
              "db_url": f"sqlite:///{tmp_path / 'wh.sqlite'}", "out": str(tmp_path / "out"),
              "dry_run_alerts": str(tmp_path / "emails")}
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")  # its own server database
    done = subprocess.run([sys.executable, "-c", RUN, json.dumps(params)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["reports"] == 3  # the example's readable reports of the year
    # the flow and its read-reports subflow ran against this server and completed there
    assert out["runs"] == ["COMPLETED", "COMPLETED"]
    assert out["prefect_server_class_imported"] is False  # Prefect's own start-up path not taken
    assert _gone(out["pid"]), "the server outlived the process that started it"


def test_no_server_of_ours_once_prefect_is_imported(monkeypatch) -> None:  # noqa: ANN001
    import prefect  # noqa: F401 - its settings (a test harness, a profile) may already be in force

    monkeypatch.setattr(local_api, "_running", None)
    assert local_api.launch() is None


def test_a_server_that_exits_is_not_ready() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    api = local_api.LocalApi(proc, local_api._free_port())
    assert api.ready(timeout=20) is False
    api.stop()
    assert proc.poll() == 3


def test_the_health_check_does_not_go_through_a_proxy(monkeypatch) -> None:  # noqa: ANN001
    # an office machine with http_proxy set: 127.0.0.1 must still be asked directly
    import http.server
    import threading

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's hook name
            self.send_response(200 if self.path == "/api/health" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert local_api.LocalApi(proc, httpd.server_address[1]).ready(timeout=5) is True
    finally:
        proc.kill()
        httpd.shutdown()


STARTER = """
import sys, time
from disclosure_audit.flows import local_api
api = local_api.launch()
print(api.process.pid, flush=True)
api.ready()
print("ready", flush=True)
time.sleep(300)
"""


def test_the_server_goes_when_the_process_that_started_it_is_killed(tmp_path: Path) -> None:
    # a run killed with SIGKILL (or by the OOM killer) runs no exit handler: the kernel stops the server
    if not sys.platform.startswith("linux"):
        import pytest

        pytest.skip("the parent-death signal is Linux's")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    starter = subprocess.Popen([sys.executable, "-c", STARTER], env=env, stdout=subprocess.PIPE, text=True)
    try:
        server_pid = int(starter.stdout.readline())
        assert starter.stdout.readline().strip() == "ready"
        os.kill(starter.pid, 9)
        starter.wait(10)
        assert _gone(server_pid, 15), "the server outlived its starter's SIGKILL"
    finally:
        starter.kill()
