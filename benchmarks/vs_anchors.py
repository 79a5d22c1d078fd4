"""Our grader beside nbgrader and Otter-Grader on one small assignment and one generated class.

The assignment is three course 2 week 2 functions (``update_parameters_with_gd``,
``initialize_adam``, ``update_parameters_with_adam``, the signatures of exercises/week2.py):

* nbgrader: a source notebook with solution regions and one autograder test cell per
  function, released with ``nbgrader generate_assignment`` in a scratch course directory;
* Otter-Grader: one OK-format test file per function, zipped by ``otter generate``;
* ours: the existing ``week2`` assignment (its other five exercises are reported missing).

The anchors' tests compare values on a few fixed inputs (expected values computed from
reference/optimization.py, inputs chosen to separate the mistakes below); ours checks far more
(Hypothesis-drawn networks, aliasing, mutation of the inputs, the course's own cases).

The class (default 50 notebooks) is generated from the reference code, in a fixed rotation:
correct, epsilon inside the square root, no bias correction, gradient ascent, ``v`` and ``s``
sharing arrays, ``initialize_adam`` missing (the wrong functions come from tests/mutants/week2).
Ours and Otter grade the same notebook files; nbgrader grades the same code cells placed in
its released notebook (it needs its cell metadata).

nbgrader and Otter-Grader are installed from the package registry with pip into a scratch
virtual environment outside the repository (reused when present; pip's time is printed but is
not part of the comparison). Exit status 2 if that install fails, 1 if a tool failed to grade
or the tools disagree on which functions are right.

Prints, from one run (ratios are only meaningful within one run): for each tool the wall time
of one submission graded alone in a fresh process (median of ``--repeat``), the wall time per
submission of grading the whole class, the ratios to ours and to ``python -c "import numpy"``,
and a Markdown table for the README.

    .venv/bin/python benchmarks/vs_anchors.py [--students 50] [--repeat 3] [--venv DIR] [--keep]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from reference import optimization as ref  # noqa: E402

GRADE = str(Path(sys.executable).parent / "grade")
MUTANTS = ROOT / "tests" / "mutants" / "week2"
FUNCTIONS = ("update_parameters_with_gd", "initialize_adam", "update_parameters_with_adam")
SHORT = {
    "update_parameters_with_gd": "gd",
    "initialize_adam": "init_adam",
    "update_parameters_with_adam": "adam",
}
PACKAGES = ("nbgrader", "otter-grader", "numpy")
DEFAULT_VENV = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dls-grader-anchors" / "venv"
)
ASSIGNMENT = "adam"  # nbgrader's assignment and notebook name
INSTALL_TIMEOUT = 1800.0
ONE_TIMEOUT = 300.0

#: (kind, {function: mutant file stem, or None for a function the student left out})
KINDS: tuple[tuple[str, dict[str, str | None]], ...] = (
    ("correct", {}),
    ("adam: epsilon inside the sqrt", {"update_parameters_with_adam": "epsilon_inside_sqrt"}),
    ("adam: no bias correction", {"update_parameters_with_adam": "no_bias_correction"}),
    ("gd: + instead of -", {"update_parameters_with_gd": "plus_sign"}),
    ("initialize_adam: v, s share arrays", {"initialize_adam": "shared_arrays"}),
    ("initialize_adam missing", {"initialize_adam": None}),
)


class ToolFailed(RuntimeError):
    """One tool could not grade (a command failed or timed out): said in one sentence."""


# --------------------------------------------------------------------------- processes


def run(argv: list[str], timeout: float, **kwargs) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall seconds and the finished process; ToolFailed on a timeout or a non-zero exit."""
    started = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False, **kwargs)
    except subprocess.TimeoutExpired as error:
        raise ToolFailed(f"`{' '.join(argv[:3])} ...` did not finish in {timeout:.0f} s") from error
    except OSError as error:
        raise ToolFailed(f"`{argv[0]}` could not start: {error}") from error
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n    ".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise ToolFailed(f"`{' '.join(argv[:3])} ...` exited {done.returncode}:\n    {tail}")
    return seconds, done


def median_wall(argv: list[str], repeat: int, **kwargs) -> float:
    return statistics.median(run(argv, ONE_TIMEOUT, **kwargs)[0] for _ in range(repeat))


def anchors_venv(venv: Path) -> Path:
    """The scratch environment's python, with nbgrader and otter-grader; exit 2 if it cannot be made."""
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import nbgrader, otter, numpy, ipykernel"]
    try:
        run(probe, 120)
    except ToolFailed:
        pass  # absent or incomplete: (re)install below
    else:
        print(f"scratch environment: {venv} (reused, so no pip timing; delete it to reinstall)")
        return python
    print(f"scratch environment: {venv} (creating; pip install {' '.join(PACKAGES)}) ...", flush=True)
    try:
        started = time.perf_counter()
        if not python.exists():
            venv.parent.mkdir(parents=True, exist_ok=True)
            run([sys.executable, "-m", "venv", "--clear", str(venv)], 300)
        run([str(python), "-m", "pip", "install", "--quiet", *PACKAGES], INSTALL_TIMEOUT)
        run(probe, 120)
    except ToolFailed as error:
        print(f"\nINSTALL FAILED (is the package registry reachable?): {error}", file=sys.stderr)
        sys.exit(2)
    print(f"  pip install took {time.perf_counter() - started:.0f} s (not part of the comparison)")
    return python


def versions(python: Path) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json; "
        "print(json.dumps({p: m.version(p) for p in ('nbgrader', 'otter-grader', 'numpy', 'ipykernel')}))"
    )
    return json.loads(run([str(python), "-c", code], 120)[1].stdout)


# --------------------------------------------------------------------------- the assignment


def function_sources(path: Path) -> dict[str, str]:
    """The source of each top-level function in ``path``, by name."""
    text = path.read_text()
    return {
        node.name: ast.get_source_segment(text, node) or ""
        for node in ast.parse(text).body
        if isinstance(node, ast.FunctionDef)
    }


REFERENCE_SOURCES = function_sources(ROOT / "reference" / "optimization.py")
SOLUTION_MARKER = re.compile(r"^\s*# (BEGIN|END) SOLUTION\n", re.MULTILINE)


def student_cells(kind: dict[str, str | None]) -> dict[str, str]:
    """One code cell per function: the reference without its markers, or the kind's mistake."""
    cells = {}
    for name in FUNCTIONS:
        if name not in kind:
            cells[name] = SOLUTION_MARKER.sub("", REFERENCE_SOURCES[name])
        elif kind[name] is None:
            cells[name] = f"# {name}: not done\n"
        else:
            cells[name] = function_sources(MUTANTS / f"{name}__{kind[name]}.py")[name]
    return cells


def literal(value: object) -> str:
    """Python source rebuilding ``value`` (dicts of float arrays, floats) exactly."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, np.ndarray):
        return f"np.array({value.tolist()!r})"
    return repr(value)


def network(rng: np.random.Generator, sizes: tuple[int, ...], scale: float = 1.0) -> tuple[dict, dict]:
    """(parameters, grads) of a network with layer sizes ``sizes``; gradients times ``scale``."""
    parameters, grads = {}, {}
    for l in range(1, len(sizes)):
        shapes = {"W": (sizes[l], sizes[l - 1]), "b": (sizes[l], 1)}
        for p, shape in shapes.items():
            parameters[p + str(l)] = rng.standard_normal(shape)
            grads["d" + p + str(l)] = scale * rng.standard_normal(shape)
    return parameters, grads


SAME = (
    "same = lambda a, b: set(a) == set(b) and all(np.shape(a[k]) == np.shape(b[k]) "
    "and np.allclose(a[k], b[k], rtol=1e-7, atol=1e-12) for k in b)"
)


def copied(d: dict) -> dict:
    return {k: v.copy() for k, v in d.items()}


def test_statements(rng: np.random.Generator) -> dict[str, list[list[str]]]:
    """For each function, its cases: flat one-line statements ending in a boolean ``ok``.

    The expected values are the reference's on the same inputs, written as literals; the
    inputs are chosen so that each mistake of the class shows (t = 2 for bias correction, an
    epsilon of 0.01 so that where it is added matters, v and s checked for shared memory).
    """
    cases: dict[str, list[list[str]]] = {name: [] for name in FUNCTIONS}
    for sizes, learning_rate in (((3, 2, 1), 0.1), ((2, 4, 3, 1), 0.01)):
        parameters, grads = network(rng, sizes)
        expected = ref.update_parameters_with_gd(copied(parameters), grads, learning_rate)
        cases["update_parameters_with_gd"].append(
            [
                SAME,
                f"out = update_parameters_with_gd({literal(parameters)}, {literal(grads)}, {learning_rate!r})",
                f"ok = same(out, {literal(expected)})",
            ]
        )
    for sizes in ((3, 2, 1), (2, 4, 3, 1)):
        parameters, _ = network(rng, sizes)
        expected_v, _ = ref.initialize_adam(parameters)
        cases["initialize_adam"].append(
            [
                SAME,
                f"v, s = initialize_adam({literal(parameters)})",
                f"ok = same(v, {literal(expected_v)}) and same(s, {literal(expected_v)}) "
                "and not any(np.shares_memory(v[k], s[k]) for k in v)",
            ]
        )
    for sizes, t, epsilon, scale in (((3, 2, 1), 2, 1e-8, 1.0), ((2, 3, 1), 3, 1e-2, 0.05)):
        parameters, grads = network(rng, sizes, scale)
        v = {k: 0.1 * rng.standard_normal(g.shape) * scale for k, g in grads.items()}
        s = {k: 0.01 * np.square(rng.standard_normal(g.shape)) * scale**2 for k, g in grads.items()}
        expected = ref.update_parameters_with_adam(
            copied(parameters), grads, copied(v), copied(s), t, 0.01, 0.9, 0.999, epsilon
        )
        call = (
            f"out = update_parameters_with_adam({literal(parameters)}, {literal(grads)}, {literal(v)}, "
            f"{literal(s)}, {t}, 0.01, 0.9, 0.999, {epsilon!r})"
        )
        cases["update_parameters_with_adam"].append(
            [
                SAME,
                call,
                "ok = isinstance(out, tuple) and len(out) == 5 and all(same(a, b) for a, b in "
                f"zip(out, {'(' + ', '.join(literal(e) for e in expected) + ')'}))",
            ]
        )
    return cases


def cell(kind: str, source: str, nbgrader: dict | None = None) -> dict:
    metadata = {"nbgrader": {"schema_version": 3, **nbgrader}} if nbgrader else {}
    if kind == "markdown":
        return {"cell_type": "markdown", "metadata": metadata, "source": source}
    return {
        "cell_type": "code",
        "metadata": metadata,
        "source": source,
        "execution_count": None,
        "outputs": [],
    }


def notebook(cells: list[dict]) -> dict:
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return {"nbformat": 4, "nbformat_minor": 4, "metadata": {"kernelspec": kernel}, "cells": cells}


def plain_notebook(title: str, cells: dict[str, str]) -> dict:
    """A student's notebook as ours and Otter read it: the imports, one cell per function."""
    return notebook(
        [cell("markdown", f"# Adam ({title})"), cell("code", "import numpy as np")]
        + [cell("code", cells[name]) for name in FUNCTIONS]
    )


def nbgrader_source(cases: dict[str, list[list[str]]]) -> dict:
    """The instructor's notebook: solution regions in the reference, one test cell per function."""
    cells = [cell("markdown", "# Adam"), cell("code", "import numpy as np")]
    for name in FUNCTIONS:
        solution = REFERENCE_SOURCES[name].replace("# BEGIN SOLUTION", "### BEGIN SOLUTION")
        solution = solution.replace("# END SOLUTION", "### END SOLUTION")
        cells.append(
            cell("code", solution, {"grade": False, "solution": True, "locked": False, "grade_id": name})
        )
        test = "\n".join(
            f"{line}\nassert ok, 'case {i} of {name}'" if line.startswith("ok =") else line
            for i, statements in enumerate(cases[name], 1)
            for line in statements
        )
        test_meta = {
            "grade": True,
            "solution": False,
            "locked": True,
            "points": 1,
            "grade_id": f"test_{name}",
        }
        cells.append(cell("code", test, test_meta))
    return notebook(cells)


def otter_test(name: str, statements: list[list[str]]) -> str:
    """An OK-format test file: one doctest case per input."""
    cases = [
        {
            "code": "\n".join(f">>> {line}" for line in lines) + "\n>>> bool(ok)\nTrue",
            "hidden": False,
            "locked": False,
        }
        for lines in statements
    ]
    suite = {"cases": cases, "scored": True, "setup": "", "teardown": "", "type": "doctest"}
    return "OK_FORMAT = True\n\ntest = " + repr({"name": name, "points": 1, "suites": [suite]}) + "\n"


@dataclass
class Student:
    name: str
    kind: str
    wrong: frozenset[str]  # the functions that are not right
    cells: dict[str, str] = field(repr=False)


def make_class(count: int) -> list[Student]:
    students = []
    for i in range(count):
        kind, mistakes = KINDS[i % len(KINDS)]
        students.append(Student(f"student{i:03d}", kind, frozenset(mistakes), student_cells(mistakes)))
    return students


# --------------------------------------------------------------------------- the three tools


@dataclass
class Timing:
    one: float | None = None  # one submission graded alone, fresh process (median)
    batch: dict[str, float] = field(default_factory=dict)  # label -> seconds per submission
    wrong: dict[str, frozenset[str]] = field(default_factory=dict)  # student -> wrong functions
    failure: str | None = None


def wrong_functions(points: dict[str, tuple[float, float]]) -> frozenset[str]:
    """The functions whose (score, max) is short of full marks; absent ones are wrong."""
    return frozenset(f for f in FUNCTIONS if f not in points or points[f][0] < points[f][1])


def grade_ours(scratch: Path, students: list[Student], repeat: int) -> Timing:
    timing = Timing()
    folder = scratch / "class"
    first = folder / f"{students[0].name}.ipynb"
    timing.one = median_wall([GRADE, "week2", str(first), "--format", "json"], repeat)
    for workers in (1, 2):
        out = scratch / f"ours-out-{workers}"
        argv = [GRADE, "batch", "week2", str(folder), "--out", str(out), "--workers", str(workers)]
        seconds, _ = run(argv, 120 + 30 * len(students))
        timing.batch[f"--workers {workers}"] = seconds / len(students)
        summary = json.loads((out / "week2" / "class.json").read_text())
        for record in summary["students"]:
            points = {e["name"]: (e["score"], e["max_score"]) for e in record["exercises"]}
            timing.wrong[record["student"]] = wrong_functions(points)
    return timing


NBGRADER_SCORES = """
import json, sys
from nbgrader.api import Gradebook
with Gradebook("sqlite:///gradebook.db") as gb:
    out = {}
    for student in gb.students:
        nb = gb.find_submission_notebook(sys.argv[1], sys.argv[1], student.id)
        out[student.id] = {g.name.removeprefix("test_"): [g.score, g.max_score] for g in nb.grades}
print(json.dumps(out))
"""


def grade_nbgrader(
    scratch: Path, python: Path, students: list[Student], cases: dict, repeat: int, env: dict
) -> Timing:
    timing = Timing()
    course = scratch / "nbgrader-course"
    source = course / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\nc.ExecutePreprocessor.timeout = 60\n"
    )
    (source / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(nbgrader_source(cases), indent=1))
    nbgrader = [str(python), "-m", "nbgrader"]
    run([*nbgrader, "generate_assignment", ASSIGNMENT, "--force"], ONE_TIMEOUT, cwd=course, env=env)
    release = json.loads((course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    for student in students:
        submitted = json.loads(json.dumps(release))
        for c in submitted["cells"]:
            meta = c["metadata"].get("nbgrader", {})
            if meta.get("solution") and meta.get("grade_id") in student.cells:
                c["source"] = student.cells[meta["grade_id"]]
        folder = course / "submitted" / student.name / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(submitted, indent=1))
    one = [*nbgrader, "autograde", ASSIGNMENT, "--student", students[0].name, "--force"]
    timing.one = median_wall(one, repeat, cwd=course, env=env)
    seconds, _ = run(
        [*nbgrader, "autograde", ASSIGNMENT, "--force"], 120 + 30 * len(students), cwd=course, env=env
    )
    timing.batch["autograde"] = seconds / len(students)
    _, done = run([str(python), "-c", NBGRADER_SCORES, ASSIGNMENT], ONE_TIMEOUT, cwd=course, env=env)
    for name, points in json.loads(done.stdout).items():
        timing.wrong[name] = wrong_functions({f: tuple(p) for f, p in points.items()})
    return timing


OTTER_BATCH = """
import json, sys
from pathlib import Path
from otter.api import grade_submission
autograder, out, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
scores = {}
for path in paths:
    results = grade_submission(path, autograder, quiet=True)
    scores[Path(path).stem] = {
        name: [results.get_score(name), results.get_result(name).possible] for name in results.test_files
    }
Path(out).write_text(json.dumps(scores))
"""


def grade_otter(
    scratch: Path, python: Path, students: list[Student], cases: dict, repeat: int, env: dict
) -> Timing:
    timing = Timing()
    home = scratch / "otter"
    (home / "tests").mkdir(parents=True)
    for name in FUNCTIONS:
        (home / "tests" / f"{name}.py").write_text(otter_test(name, cases[name]))
    otter = [str(python), "-m", "otter"]
    generate = [
        *otter,
        "generate",
        "-t",
        "tests",
        "-o",
        "autograder.zip",
        "--no-config",
        "--no-requirements",
        "--no-environment",
    ]
    run(generate, ONE_TIMEOUT, cwd=home, env=env)
    autograder = str(home / "autograder.zip")
    paths = [str(scratch / "class" / f"{s.name}.ipynb") for s in students]
    out = home / "one"
    out.mkdir()
    one = [*otter, "run", "-a", autograder, "-o", str(out), "--no-logo", paths[0]]
    timing.one = median_wall(one, repeat, cwd=home, env=env)
    scores = home / "scores.json"
    seconds, _ = run(
        [str(python), "-c", OTTER_BATCH, autograder, str(scores), *paths],
        120 + 30 * len(students),
        cwd=home,
        env=env,
    )
    timing.batch["Python API"] = seconds / len(students)
    for name, points in json.loads(scores.read_text()).items():
        timing.wrong[name] = wrong_functions({f: tuple(p) for f, p in points.items()})
    return timing


# --------------------------------------------------------------------------- report


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def ratio(value: float | None, base: float | None) -> str:
    return "-" if value is None or not base else f"{value / base:.1f}x"


def agreement(students: list[Student], results: dict[str, Timing]) -> bool:
    """Print, per kind of submission, each tool's verdict; True if all match the expected one."""
    tools = [t for t, r in results.items() if r.failure is None]
    print("\nWhich functions are right (a function is right with full marks; ours: week2's checks of it)")
    header = f"  {'kind of submission':36} {'n':>3}  {'expected wrong':18}" + "".join(
        f" {t:>16}" for t in tools
    )
    print(header)
    all_agree = True
    for kind, _ in KINDS:
        group = [s for s in students if s.kind == kind]
        if not group:
            continue
        expected = group[0].wrong
        line = f"  {kind:36} {len(group):>3}  {', '.join(SHORT[f] for f in sorted(expected)) or '-':18}"
        for tool in tools:
            agree = sum(results[tool].wrong.get(s.name) == s.wrong for s in group)
            all_agree &= agree == len(group)
            line += f" {f'{agree}/{len(group)} agree':>16}"
        print(line)
    for tool in tools:
        for s in students:
            got = results[tool].wrong.get(s.name)
            if got != s.wrong:
                shown = "not graded" if got is None else ", ".join(SHORT[f] for f in sorted(got)) or "none"
                print(f"  DISAGREES: {tool} on {s.name} ({s.kind}): wrong {shown}")
    return all_agree


def report(results: dict[str, Timing], floor: float, count: int, names: dict[str, str]) -> list[str]:
    """The Markdown table: one row per tool, times and the ratios to ours and to the floor."""
    ours = results["ours"]
    ours_batch = ours.batch.get("--workers 2")
    rows = [
        ("ours: `grade week2` / `grade batch --workers 2`", ours.one, ours_batch),
        ("ours: `grade batch --workers 1`", None, ours.batch.get("--workers 1")),
    ]
    for tool, label, batch_key in (
        ("nbgrader", "`nbgrader autograde --student` / `nbgrader autograde`", "autograde"),
        ("otter", "`otter run` / its Python API in one process", "Python API"),
    ):
        r = results[tool]
        rows.append(
            (
                f"{names[tool]}: {label}" + ("" if r.failure is None else " (failed)"),
                r.one,
                r.batch.get(batch_key),
            )
        )
    lines = [
        f"| 3-function Adam assignment, class of {count} | one submission, fresh process | per submission, "
        "whole class | one: x ours | class: x ours | one: x floor |",
        "|---|---:|---:|---:|---:|---:|",
        f'| `python -c "import numpy"` (the floor) | {seconds(floor)} | | | | 1.0x |',
    ]
    for label, one, batch in rows:
        lines.append(
            f"| {label} | {seconds(one)} | {seconds(batch)} | {ratio(one, ours.one)} "
            f"| {ratio(batch, ours_batch)} | {ratio(one, floor)} |"
        )
    return lines


def import_costs(python: Path, env: dict) -> str:
    """What importing nbformat (which both anchors load in every process) costs in their environment."""
    _, done = run([str(python), "-X", "importtime", "-c", "import nbformat"], ONE_TIMEOUT, env=env)
    cumulative = {}
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            cumulative[parts[2].strip()] = int(parts[1]) / 1e6
    slow = cumulative.get("rfc3987_syntax", 0.0)
    return (
        f"`import nbformat` in the anchors' environment: {cumulative.get('nbformat', 0.0):.2f} s, of which "
        f"rfc3987_syntax (jsonschema's format checker, which builds a grammar at import) {slow:.2f} s; "
        "nbgrader and Otter pay it in every process that loads nbformat"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50, help="size of the generated class")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each one-submission timing (median)")
    parser.add_argument(
        "--venv", type=Path, default=DEFAULT_VENV, help="the scratch environment for the anchors"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder and print where it is")
    args = parser.parse_args()
    if args.students < 1 or args.repeat < 1:
        parser.error("--students and --repeat must be at least 1")
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.platform()}; {os.cpu_count()} cores; "
        f"load average {os.getloadavg()[0]:.2f} (a shared, noisy machine: one run, ratios within it)"
    )
    python = anchors_venv(args.venv)
    found = versions(python)
    names = {"nbgrader": f"nbgrader {found['nbgrader']}", "otter": f"Otter-Grader {found['otter-grader']}"}
    print(
        f"anchors: {names['nbgrader']}, {names['otter']}, ipykernel {found['ipykernel']}, numpy {found['numpy']}"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    try:
        print(import_costs(python, env))
    except ToolFailed as error:
        print(f"could not time the anchors' imports: {error}")

    scratch = Path(tempfile.mkdtemp(prefix="vs-anchors-"))
    try:
        students = make_class(args.students)
        (scratch / "class").mkdir()
        for s in students:
            (scratch / "class" / f"{s.name}.ipynb").write_text(
                json.dumps(plain_notebook(s.kind, s.cells), indent=1)
            )
        kinds = {k: sum(s.kind == k for s in students) for k, _ in KINDS}
        print(f"class: {args.students} notebooks ({', '.join(f'{n} {k}' for k, n in kinds.items() if n)})")
        cases = test_statements(np.random.default_rng(20261203))
        print(
            "tests: nbgrader and Otter compare values on 2 fixed inputs per function (expected values from "
            "reference/optimization.py); ours runs week2's checks of each function (Hypothesis-drawn networks, "
            "aliasing, input mutation, the course's cases): far more than the anchors check"
        )
        floor = median_wall([sys.executable, "-c", "import numpy"], max(args.repeat, 5))
        print(f'floor: `python -c "import numpy"` {floor * 1000:.0f} ms (median of {max(args.repeat, 5)})')

        steps: dict[str, Callable[[], Timing]] = {
            "ours": lambda: grade_ours(scratch, students, args.repeat),
            "nbgrader": lambda: grade_nbgrader(scratch, python, students, cases, args.repeat, env),
            "otter": lambda: grade_otter(scratch, python, students, cases, args.repeat, env),
        }
        results: dict[str, Timing] = {}
        for tool, step in steps.items():
            print(f"grading with {tool} ...", flush=True)
            started = time.perf_counter()
            try:
                results[tool] = step()
            except ToolFailed as error:
                results[tool] = Timing(failure=str(error))
                print(f"  {tool} FAILED: {error}")
                continue
            except (OSError, ValueError, KeyError, TypeError) as error:  # its results could not be read
                results[tool] = Timing(failure=f"could not read its results: {type(error).__name__}: {error}")
                print(f"  {tool} FAILED: {results[tool].failure}")
                continue
            r = results[tool]
            batches = ", ".join(f"{label} {s * 1000:.0f} ms" for label, s in r.batch.items())
            print(
                f"  one alone {seconds(r.one)}; per submission in the class: {batches} "
                f"({time.perf_counter() - started:.0f} s in all)"
            )
        agree = agreement(students, results)
        graded = [tool for tool, r in results.items() if r.failure is None]
        print(
            f"\n{', '.join(graded)}: each agrees with the expected verdict on every function of every submission"
            if agree
            else "\nTHE TOOLS DISAGREE (see above)"
        )
        print(f"\nload average at the end {os.getloadavg()[0]:.2f}.")
        print("Ratios are time / ours. `grade batch` used 2 judge processes (and 1); the anchors grade one")
        print("notebook at a time. Ours runs week2's checks of the 3 functions and reports its 5 other")
        print("exercises missing. Markdown for the README:\n")
        print("\n".join(report(results, floor, args.students, names)))
    finally:
        if args.keep:
            print(f"\nscratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(0 if agree and all(r.failure is None for r in results.values()) else 1)


if __name__ == "__main__":
    main()
