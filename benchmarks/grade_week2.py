"""How long one interactive `grade week2` takes, beside the floor of starting numpy.

Prints, from one run of this script (ratios are only meaningful within one run):
the wall time of `grade week2` on the reference and on the stub (median of 5 runs each,
as a user would type it), `python -c "import numpy"` beside them, and the number of
calls into the submission and Hypothesis examples one grading evaluates.

    .venv/bin/python benchmarks/grade_week2.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRADE = str(Path(sys.executable).parent / "grade")
RUNS = 5


def wall(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def work_done(path: Path) -> tuple[int, int, int]:
    """(calls into the submission, Hypothesis examples, property checks) of one grading."""
    import pytest

    from grader import api
    from grader.boundary import remote

    calls, examples, properties = [0], [0], set()
    original_call, original_many = remote.RemoteSubmission.call, remote.RemoteSubmission.call_many

    def counting_call(self, name, *args, **kwargs):
        calls[0] += 1
        return original_call(self, name, *args, **kwargs)

    def counting_many(self, name, batch):
        calls[0] += len(batch)
        return original_many(self, name, batch)

    class CountExamples:
        @pytest.hookimpl(wrapper=True)
        def pytest_runtest_call(self, item):
            test = getattr(item.obj, "hypothesis", None)
            if test is not None:
                properties.add(item.nodeid)
                inner = test.inner_test

                def counted(*a, **k):
                    examples[0] += 1
                    return inner(*a, **k)

                test.inner_test = counted
                try:
                    return (yield)
                finally:
                    test.inner_test = inner
            return (yield)

    remote.RemoteSubmission.call = counting_call
    remote.RemoteSubmission.call_many = counting_many
    original_main = pytest.main
    pytest.main = lambda args, plugins: original_main(args, plugins=[*plugins, CountExamples()])
    try:
        api.grade("week2", path)
    finally:
        remote.RemoteSubmission.call, remote.RemoteSubmission.call_many = original_call, original_many
        pytest.main = original_main
    return calls[0], examples[0], len(properties)


def main() -> None:
    reference = ROOT / "reference" / "optimization.py"
    stub = ROOT / "exercises" / "week2.py"
    floor = wall([sys.executable, "-c", "import numpy"])
    on_reference = wall([GRADE, "week2", str(reference), "--format", "json"])
    on_stub = wall([GRADE, "week2", str(stub), "--format", "json"])
    calls, examples, properties = work_done(reference)
    print(f"python -c 'import numpy'       {floor * 1000:7.0f} ms  (floor)")
    print(
        f"grade week2 <reference>        {on_reference * 1000:7.0f} ms  ({on_reference / floor:.1f}x floor)"
    )
    print(f"grade week2 <stub>             {on_stub * 1000:7.0f} ms  ({on_stub / floor:.1f}x floor)")
    print(
        f"one grading of the reference:  {calls} calls of student functions, {examples} Hypothesis "
        f"examples (batches) over {properties} property checks"
    )


if __name__ == "__main__":
    main()
