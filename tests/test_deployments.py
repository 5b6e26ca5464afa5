"""deployments/prefect.yaml against a real local Prefect server: deploy, run the rerun deployment
through a process worker, and check the annual deployment's schedules (slow: starts servers)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from tests.conftest import REPO
from tests.flow_helpers import emails_in, stored_reports

pytestmark = pytest.mark.slow

PREFECT = str(Path(sys.executable).with_name("prefect"))
EXPECTED_SCHEDULES = {("0 2 1 2 *", "Asia/Shanghai"), ("0 2 1 4 *", "Asia/Shanghai"), ("0 3 * 1-4 1", "Asia/Shanghai")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A real `prefect server start` on a free port with its own PREFECT_HOME; yields the env."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_WORKER_QUERY_SECONDS="2",
        PREFECT_WORKER_PREFETCH_SECONDS="5",
    )
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{env['PREFECT_API_URL']}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("prefect server did not start:\n" + (tmp_path / "server.log").read_text(errors="replace")[-3000:])
            time.sleep(0.5)
        yield env
    finally:
        _stop(proc)
        log.close()


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([PREFECT, "--no-prompt", *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_deploy_schedules_and_rerun_through_a_worker(server: dict[str, str], tmp_path: Path) -> None:
    from disclosure_audit.pipeline.example import write_example_province

    api = server["PREFECT_API_URL"]
    _cli(server, "work-pool", "create", "disclosure-audit", "--type", "process")
    _cli(server, "work-pool", "set-concurrency-limit", "disclosure-audit", "1")  # as the README sets it up
    assert httpx.get(f"{api}/work_pools/disclosure-audit").json()["concurrency_limit"] == 1
    _cli(server, "deploy", "--all", "--prefect-file", "deployments/prefect.yaml")

    annual = httpx.get(f"{api}/deployments/name/province-audit/annual").json()
    got = {(s["schedule"]["cron"], s["schedule"]["timezone"]) for s in annual["schedules"]}
    assert got == EXPECTED_SCHEDULES and all(s["active"] for s in annual["schedules"])
    assert annual["work_pool_name"] == "disclosure-audit"
    rerun = httpx.get(f"{api}/deployments/name/rerun/rerun").json()
    assert rerun["schedules"] == []

    ex = write_example_province(tmp_path / "province", units=3)
    params = {
        "unit": ex.units[0], "year": ex.year, "manifest": str(ex.manifest), "roster": None,
        "db_url": f"sqlite:///{tmp_path / 'warehouse.db'}", "out": str(tmp_path / "out"),
        "dry_run_alerts": str(tmp_path / "emails"),
    }
    out = _cli(server, "deployment", "run", "rerun/rerun", "--params", json.dumps(params, ensure_ascii=False))
    run_id = re.search(r"UUID:\s*([0-9a-f-]{36})", out).group(1)

    worker_log = open(tmp_path / "worker.log", "wb")
    worker = subprocess.Popen(
        [PREFECT, "worker", "start", "--pool", "disclosure-audit", "--type", "process"],
        env=server, cwd=REPO, stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        state = None
        while time.monotonic() < deadline:
            state = httpx.get(f"{api}/flow_runs/{run_id}").json()["state"]
            if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                break
            time.sleep(1)
    finally:
        _stop(worker)
        worker_log.close()
    assert state and state["type"] == "COMPLETED", (
        f"rerun ended {state}:\n" + (tmp_path / "worker.log").read_text(errors="replace")[-4000:]
    )
    assert stored_reports(params["db_url"]) == [(ex.units[0], ex.year)]
    assert emails_in(params["dry_run_alerts"]) == []  # a correct report: nothing to alert
