"""Run every benchmark in turn (``make bench``): parse throughput, checks, warehouse load, end to
end. Each writes its numbers to bench/results/*.json; extra arguments go to bench_e2e.py (e.g.
``--big``)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ("bench_parse.py", "bench_checks.py", "bench_load.py", "bench_e2e.py", "bench_rerun.py")  # rerun: on e2e's warehouse


def main() -> int:
    failed = []
    for name in BENCHES:
        extra = sys.argv[1:] if name == "bench_e2e.py" else []
        print(f"== {name} {' '.join(extra)}", flush=True)
        start = time.perf_counter()
        rc = subprocess.call([sys.executable, str(HERE / name), *extra])
        print(f"== {name}: {'ok' if rc == 0 else f'failed ({rc})'} in {time.perf_counter() - start:.0f} s", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
