"""Throughput of `grade batch week2` on a generated class, with 1 and 2 judge processes.

The class (default 200 submissions) mixes, in a fixed rotation: correct solutions (the
reference), partially wrong ones (the reference with one known mistake from
tests/mutants/week2), stubs, files with a syntax error in one function, and notebooks.
Prints, from one run (ratios are only meaningful within one run): wall time per batch,
milliseconds per submission, and one interactive `grade week2` on the reference beside them;
then the peak memory (RSS of the largest process: a judge or a worker) of classes of
different sizes, which should not grow with the class.

    .venv/bin/python benchmarks/batch_week2.py [--count 200] [--memory-sizes 50,500]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRADE = str(Path(sys.executable).parent / "grade")
REFERENCE = (ROOT / "reference" / "optimization.py").read_text()
MUTANTS = sorted((ROOT / "tests" / "mutants" / "week2").glob("*.py"))
STUB = (ROOT / "exercises" / "week2.py").read_text()
NOTEBOOK = ROOT / "examples" / "week2" / "Optimization_methods.ipynb"


def make_class(folder: Path, count: int) -> dict[str, int]:
    """``count`` submissions in ``folder``; returns how many of each kind."""
    kinds = {"correct": 0, "one mistake": 0, "stub": 0, "syntax error": 0, "notebook": 0}
    for i in range(count):
        kind = list(kinds)[i % len(kinds)]
        kinds[kind] += 1
        path = folder / f"student{i:03d}.py"
        if kind == "correct":
            path.write_text(REFERENCE)
        elif kind == "one mistake":
            path.write_text(REFERENCE + "\n\n" + MUTANTS[i % len(MUTANTS)].read_text())
        elif kind == "stub":
            path.write_text(STUB)
        elif kind == "syntax error":
            path.write_text(REFERENCE.replace("def update_lr(", "def update_lr(:", 1))
        else:
            shutil.copy(NOTEBOOK, path.with_suffix(".ipynb"))
    return kinds


def timed(argv: list[str]) -> float:
    return measured(argv)[0]


def measured(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak RSS in MB of the largest process of the run (``wait4``
    reports the maximum over the process and the descendants it waited for)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited with {process.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--memory-sizes", default="50,500", help="class sizes for the memory figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "class"
        folder.mkdir()
        kinds = make_class(folder, args.count)
        print(f"class: {args.count} submissions ({', '.join(f'{n} {k}' for k, n in kinds.items())})")
        single = timed([GRADE, "week2", str(ROOT / "reference" / "optimization.py"), "--format", "json"])
        print(f"one `grade week2` on the reference (fresh process): {single * 1000:,.0f} ms")
        for workers in (1, 2):
            out = Path(scratch) / f"out{workers}"
            seconds = timed(
                [GRADE, "batch", "week2", str(folder), "--out", str(out), "--workers", str(workers)]
            )
            rerun = timed(
                [GRADE, "batch", "week2", str(folder), "--out", str(out), "--workers", str(workers)]
            )
            summary = json.loads((out / "week2" / "class.json").read_text())
            graded = (
                len(summary["students"])
                if isinstance(summary, dict) and "students" in summary
                else args.count
            )
            print(
                f"--workers {workers}: {seconds:6.1f} s, {seconds / args.count * 1000:6.0f} ms per submission "
                f"({graded} graded); rerun with nothing changed: {rerun:5.2f} s"
            )

        for size in (int(n) for n in args.memory_sizes.split(",") if n):
            folder = Path(scratch) / f"class{size}"
            folder.mkdir()
            make_class(folder, size)
            out = Path(scratch) / f"memory{size}"
            seconds, peak = measured(
                [GRADE, "batch", "week2", str(folder), "--out", str(out), "--workers", "2"]
            )
            print(f"class of {size}: {seconds:6.1f} s, {seconds / size * 1000:5.0f} ms per submission, "
                  f"peak RSS of the largest process {peak:5.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
