"""Where the time of one interactive grading goes, beside the floor of starting numpy.

Grades one file (by default ``grade week2`` on the reference) in a fresh process and prints,
from that one run (ratios are only meaningful within one run):

* wall time of the whole grading and of each phase: imports (numpy, pytest, Hypothesis,
  the grader), the worker's start and load of the submission, Hypothesis drawing the
  inputs, the round trips to the worker (with the frames' encode and decode inside them,
  and the building blocks answered during them), and judging (everything else: the
  reference's calls, comparisons, pytest's own work);
* CPU time of the judge and of the worker processes;
* peak memory (RSS) of the judge and of the largest worker;
* ``python -c "import numpy"`` (median of 5) and each figure's ratio to it; the grader's
  bytecode is compiled first, as numpy's is, so imports are those of a second run;
* the whole ``grade`` command as a student runs it, with one judge (the phases above) and
  with the default of one judge per core (``--jobs``), median of 3 each.

The phases are timed by wrapping the functions that do them, in the child process only;
nothing of the grader is changed.

    .venv/bin/python benchmarks/where_time_goes.py [ASSIGNMENT] [PATH]
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


class Phases:
    """Wall seconds spent inside wrapped functions, by phase; a phase nested in itself
    (a recursive or re-entrant call) is counted once."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._depth: dict[str, int] = defaultdict(int)

    def wrap(self, owner: object, attribute: str, phase: str, unless_in: str = "") -> None:
        """Time ``owner.attribute`` as ``phase``, except while inside phase ``unless_in``."""
        original: Callable = getattr(owner, attribute)

        def timed(*args: object, **kwargs: object) -> object:
            if unless_in and self._depth[unless_in]:
                return original(*args, **kwargs)
            self._depth[phase] += 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self._depth[phase] -= 1
                if not self._depth[phase]:
                    self.seconds[phase] += time.perf_counter() - started
                    self.calls[phase] += 1

        setattr(owner, attribute, timed)


class WorkerUsage:
    """CPU seconds and peak RSS of every worker, read from ``/proc`` just before each is
    killed (a sandboxed worker is a grandchild, so ``RUSAGE_CHILDREN`` never sees it)."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.peak_rss_mb = 0.0

    def watch(self, worker_class: Any) -> None:
        kill = worker_class.kill

        def measured_kill(worker: Any) -> None:
            for pid in _tree(worker.process.pid):
                self._add(pid)
            kill(worker)

        worker_class.kill = measured_kill

    def _add(self, pid: int) -> None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return  # gone already
        self.cpu += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        for row in status.splitlines():
            if row.startswith("VmHWM:"):
                self.peak_rss_mb = max(self.peak_rss_mb, int(row.split()[1]) / 1024)


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from ``/proc/PID/task/*/children``."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                pass
    return found


def child(assignment: str, path: str) -> dict:
    """Grade once with the phases timed; the figures as a dict (printed as JSON)."""
    started = time.perf_counter()
    for name in ("numpy", "pytest", "hypothesis"):
        importlib.import_module(name)
    import hypothesis.control

    from grader import api
    from grader.boundary import remote
    from grader.boundary.worker import wire

    imports = time.perf_counter() - started
    phases = Phases()
    phases.wrap(remote.RemoteSubmission, "_ensure_loaded", "worker start and load")
    phases.wrap(remote.RemoteSubmission, "_load_units", "loads")  # counted: each request ensures a load
    phases.wrap(hypothesis.control.BuildContext, "prep_args_kwargs_from_strategies", "input generation")
    phases.wrap(remote.WorkerProcess, "request", "worker round trips", unless_in="worker start and load")
    phases.wrap(wire, "frame_parts", "encode")
    phases.wrap(wire, "decode", "decode")
    workers = WorkerUsage()
    workers.watch(remote.WorkerProcess)
    cpu = time.process_time()
    graded_at = time.perf_counter()
    result = api.grade(assignment, Path(path))
    grading = time.perf_counter() - graded_at
    return {
        "score": f"{result.score:g}/{result.max_score:g}",
        "imports": imports,
        "grading": grading,
        "phases": dict(phases.seconds),
        "calls": dict(phases.calls),
        "judge_cpu": time.process_time() - cpu,
        "worker_cpu": workers.cpu,
        "judge_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": workers.peak_rss_mb,
    }


def floor() -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import numpy"], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(figures: dict, numpy_floor: float, total: float) -> None:
    phases = figures["phases"]
    load = phases.get("worker start and load", 0.0)
    trips = phases.get("worker round trips", 0.0)  # the load's own requests are in ``load``
    drawing = phases.get("input generation", 0.0)
    judging = figures["grading"] - load - trips - drawing

    def line(label: str, seconds: float, note: str = "") -> None:
        print(f"  {label:<34} {seconds * 1000:8.0f} ms {seconds / numpy_floor:6.1f}x {note}")

    print(
        f"score {figures['score']}; floor `python -c 'import numpy'` {numpy_floor * 1000:.0f} ms (median of {RUNS})"
    )
    line("whole process (wall)", total)
    line("imports", figures["imports"])
    line("grading", figures["grading"])
    line("  worker start and load", load, f"({figures['calls'].get('loads', 0)} loads)")
    line("  input generation (Hypothesis)", drawing)
    line("  worker round trips", trips, f"({figures['calls'].get('worker round trips', 0)} requests)")
    line("    of which encode", phases.get("encode", 0.0))
    line("    of which decode", phases.get("decode", 0.0))
    line("  judging (the rest)", judging)
    print(f"  CPU: judge {figures['judge_cpu'] * 1000:.0f} ms, workers {figures['worker_cpu'] * 1000:.0f} ms")
    print(
        f"  peak RSS: judge {figures['judge_rss_mb']:.0f} MB, largest worker {figures['worker_rss_mb']:.0f} MB"
    )


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        print(json.dumps(child(argv[1], argv[2])))
        return
    assignment = argv[0] if argv else "week2"
    path = argv[1] if len(argv) > 1 else str(ROOT / "reference" / "optimization.py")
    # As on a student's second run: the grader's bytecode cached, as numpy's is (pip wrote it);
    # where PYTHONDONTWRITEBYTECODE is set, nothing else would write it.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "grader"), str(ROOT / "reference")],
                   check=True, capture_output=True)  # fmt: skip
    numpy_floor = floor()
    started = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", assignment, path],
                         check=True, capture_output=True, text=True)  # fmt: skip
    total = time.perf_counter() - started
    print(f"grade {assignment} {path}")
    report(json.loads(out.stdout.strip().splitlines()[-1]), numpy_floor, total)
    grade = str(Path(sys.executable).parent / "grade")
    for label, extra in (
        ("`grade` with --jobs 1", ["--jobs", "1"]),
        (f"`grade` ({os.cpu_count()} cores)", []),
    ):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(
                [grade, assignment, path, "--format", "json", *extra], check=True, capture_output=True
            )
            times.append(time.perf_counter() - started)
        seconds = statistics.median(times)
        print(f"  {label:<34} {seconds * 1000:8.0f} ms {seconds / numpy_floor:6.1f}x (median of 3)")


if __name__ == "__main__":
    main(sys.argv[1:])
