r"""Student releases, built from the one source.

``grade release ASSIGNMENT OUT_DIR`` (:func:`build_release`) writes what students get::

    OUT_DIR/
      README.md, pyproject.toml      `pip install -e .` gives the `grade` command
      exercises/<name>.py, .ipynb    the stubs
      grader/                        the package without grader/instructor/ (the boundary,
                                     the judge, the student path), no instructor check
      grader/checks/<checks>.py      public checks: three lines calling grader.judge.public
      grader/checks/public_cases/<name>.json   their cases: inputs and the reference's outputs
      reference/                     only the course's helper modules the shims import

The public cases are recorded, not written (:mod:`grader.instructor.recording`).

The Gradescope autograder is built by :mod:`grader.instructor.gradescope`.
"""

from __future__ import annotations

import ast
import json
import shutil
import tomllib
from collections.abc import Iterable
from pathlib import Path

from grader import api
from grader.assignments import ASSIGNMENTS, GROUPS, ROOT, Assignment, get_target
from grader.boundary import sandbox
from grader.instructor.recording import ReleaseError, record_reference
from grader.judge.public import NOTE, PublicCheck, dump_checks

GRADER_DIR = ROOT / "grader"
#: What a release keeps of grader/checks/: the public checks are written beside them.
CHECKS_KEPT = ("__init__.py", "pytest.ini")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".*")


# --------------------------------------------------------------------------- releases


def members(name: str) -> list[Assignment]:
    """The assignments ``name`` stands for (a group's members, or itself)."""
    target = get_target(name)
    if name in GROUPS:
        return [ASSIGNMENTS[m] for m in GROUPS[name].members]
    return [target]  # type: ignore[list-item]


def build_release(name: str, out_dir: Path) -> Path:
    """Write the student release of assignment (or group) ``name`` into ``out_dir``."""
    assignments = members(name)
    for assignment in assignments:
        if not assignment.reference_path.exists() or not assignment.checks_path.exists():
            raise ReleaseError(f"{assignment.name} has no reference or no checks yet: nothing to release")
        if not assignment.stub_stem.with_suffix(".py").exists():
            raise ReleaseError(f"{assignment.name} has no stubs in exercises/: run `grade stubs` first")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise ReleaseError(f"{out_dir} is not empty; choose a new folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    copy_student_grader(out_dir)
    for assignment in assignments:
        write_public_checks(assignment, out_dir)
        for suffix in (".py", ".ipynb"):
            stub = assignment.stub_stem.with_suffix(suffix)
            if stub.exists():
                (out_dir / "exercises").mkdir(exist_ok=True)
                shutil.copyfile(stub, out_dir / "exercises" / stub.name)
    limit_registry(out_dir, [a.name for a in assignments])
    (out_dir / "pyproject.toml").write_text(release_pyproject(out_dir), encoding="utf-8")
    (out_dir / "README.md").write_text(release_readme(name, assignments), encoding="utf-8")
    return out_dir


def copy_student_grader(out_dir: Path) -> None:
    """The student's grader: the package without the instructor's folder and without the
    instructor's checks (their modules, mistakes and official cases), plus the helper
    modules the shims import."""
    shutil.copytree(GRADER_DIR, out_dir / "grader", ignore=student_ignored)
    helpers = out_dir / "reference"
    helpers.mkdir()
    (helpers / "__init__.py").write_text(
        '"""The course\'s helper modules (networks, data sets) that the notebooks import: no solutions."""\n'
    )
    for name in helper_modules():
        shutil.copyfile(sandbox.REFERENCE_DIR / name, helpers / name)


def student_ignored(folder: str, names: list[str]) -> set[str]:
    """What :func:`copy_student_grader` leaves out of ``folder`` (a ``copytree`` ignore)."""
    here = Path(folder)
    left_out = set(IGNORED(folder, names))
    if here == GRADER_DIR:
        left_out.add("instructor")
    if here == GRADER_DIR / "checks":
        left_out |= {name for name in names if name not in CHECKS_KEPT}
    return left_out


def helper_modules() -> list[str]:
    """The helper modules the worker needs: the data set module (always copied into the
    worker) and every ``reference/*_helpers.py`` a shim imports, with what they import."""
    available = set(sandbox.HELPER_MODULES)
    needed, todo = set(), ["moons"]
    for shim in sandbox.SHIMS_DIR.rglob("*.py"):
        todo += all_imports(shim)
    while todo:
        name = todo.pop().split(".")[-1] + ".py"
        if name in available and name not in needed:
            needed.add(name)
            todo += all_imports(sandbox.REFERENCE_DIR / name)
    return sorted(needed)


def all_imports(path: Path) -> list[str]:
    """Every module a file imports, anywhere in it (``from .moons import x`` gives ``moons``)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


CHECK_MODULE = '''r"""Public checks of {name}, generated by `grade release` (do not edit).

The cases (inputs and the expected results, computed by the course's reference solution)
are in grader/checks/public_cases/{name}.json.  {note}
"""

from grader.judge.public import public_classes

globals().update(public_classes({name!r}))
'''


def write_public_checks(assignment: Assignment, out_dir: Path) -> list[PublicCheck]:
    """Record ``assignment``'s public checks into the release at ``out_dir``."""
    checks = record_reference(assignment)
    cases = out_dir / "grader" / "checks" / "public_cases"
    cases.mkdir(parents=True, exist_ok=True)
    (cases / f"{assignment.name}.json").write_text(dump_checks(assignment.name, checks), encoding="utf-8")
    module = out_dir / "grader" / "checks" / assignment.checks
    module.write_text(CHECK_MODULE.format(name=assignment.name, note=NOTE), encoding="utf-8")
    return checks


REGISTRY_LIMIT = """

# Added by `grade release`: this release grades only these assignments, with public checks.
import dataclasses as _dataclasses  # noqa: E402

RELEASED = {names!r}
INSTRUCTOR_CHECKS = {counts!r}  # exercise -> the checks the instructor's grading runs on it
ASSIGNMENTS = {{
    name: _dataclasses.replace(ASSIGNMENTS[name], title=ASSIGNMENTS[name].title + " [public checks]",
                               instructor_checks=INSTRUCTOR_CHECKS[name])
    for name in RELEASED
}}
GROUPS = {{name: group for name, group in GROUPS.items() if set(group.members) <= set(RELEASED)}}
"""


def limit_registry(out_dir: Path, names: list[str]) -> None:
    """The release's registry: only ``names``, each with the number of checks per exercise
    the instructor's grading runs (hidden ones included), which its gradings state."""
    counts = {name: {e: len(c) for e, c in api.list_checks(name).items()} for name in names}
    path = out_dir / "grader" / "assignments.py"
    limited = path.read_text(encoding="utf-8") + REGISTRY_LIMIT.format(names=tuple(names), counts=counts)
    path.write_text(limited, encoding="utf-8")


def release_pyproject(out_dir: Path) -> str:
    """A pyproject.toml for the release: the repository's, with the release's packages."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    packages = sorted(
        ".".join(p.relative_to(out_dir).parent.parts)
        for p in out_dir.glob("*/**/__init__.py")
        if "shims" not in p.parts
    )
    lines = [
        "[build-system]",
        'requires = ["setuptools>=68"]',
        'build-backend = "setuptools.build_meta"',
        "",
        "[project]",
        'name = "dls-grader-student"',
        f"version = {json.dumps(project['version'])}",
        'description = "Exercises and public checks of the Deep Learning Specialization numpy assignments"',
        'readme = "README.md"',
        f"requires-python = {json.dumps(project['requires-python'])}",
        f"dependencies = {json.dumps(project['dependencies'])}",
        "",
        "[project.scripts]",
        'grade = "grader.cli:main"',
        "",
        "[tool.setuptools]",
        f"packages = {json.dumps(packages)}",
        "",
        "[tool.setuptools.package-data]",
        '"grader.boundary" = ["shims/*.py", "shims/*/*.py", "shims/README.md"]',
        '"grader.checks" = ["pytest.ini", "public_cases/*.json"]',
        'reference = ["*.py"]',
        "",
    ]
    return "\n".join(lines)


def release_readme(name: str, assignments: Iterable[Assignment]) -> str:
    stubs = "\n".join(f"- `exercises/{a.stub_stem.name}.py` and `.ipynb`: {a.title}" for a in assignments)
    return (
        f"# {name}: exercises and public checks\n\n{stubs}\n\n"
        "Write your code between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE`, then grade it:\n\n"
        "```sh\npython3 -m venv .venv && .venv/bin/pip install -e .\n"
        f"cd exercises && ../.venv/bin/grade {name}\n```\n\n"
        f"{NOTE} `reference/` holds only the course's helper modules (networks, data sets) "
        "that the notebooks import; it contains no solutions.\n"
    )
