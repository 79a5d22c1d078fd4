"""Start-up cost of each containment level, beside a plain subprocess.

Prints, from one run (ratios are meaningful within one run only), the median wall time
of starting a worker, loading a one-line submission, making one call and tearing the
worker down, at each level this machine has, and of `python -c "import numpy"`.

    .venv/bin/python benchmarks/sandbox_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from grader.boundary import sandbox
from grader.boundary.remote import RemoteSubmission

RUNS = 9
UNITS = [{"filename": "bench.py", "source": "def f():\n    return 1\n"}]


def median_seconds(action) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def one_worker(level: str) -> None:
    with RemoteSubmission(UNITS, level=level) as submission:
        assert submission.call("f") == 1


def main() -> None:
    floor = median_seconds(lambda: subprocess.run([sys.executable, "-c", "import numpy"], check=True))
    print(f"{'python -c import numpy':<24} {floor * 1000:6.0f} ms")
    for level in reversed(sandbox.available_levels()):
        cost = median_seconds(lambda level=level: one_worker(level))
        print(f"{'worker at ' + level:<24} {cost * 1000:6.0f} ms  ({cost / floor:.2f}x the import floor)")


if __name__ == "__main__":
    main()
