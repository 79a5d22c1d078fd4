"""Throughput of `grade batch week2` on a generated class, with 1 and 2 judge processes.

The class (default 200 submissions) mixes, in a fixed rotation: correct solutions (the
reference), partially wrong ones (the reference with one known mistake from
tests/mutants/week2), stubs, files with a syntax error in one function, and notebooks.
Prints, from one run (ratios are only meaningful within one run): wall time per batch,
milliseconds per submission, and one interactive `grade week2` on the reference beside them.

    .venv/bin/python benchmarks/batch_week2.py [--count 200]
"""

from __future__ import annotations

import argparse
import json
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
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
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


if __name__ == "__main__":
    main()
