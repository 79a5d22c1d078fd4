r"""What decides a score, hashed: the gradebook's *fingerprint* of an assignment.

A grading is current while its fingerprint is: the sha256 of the assignment's check module
and the per-assignment modules it imports (its mistakes, its official cases, the
``grader.checks`` package code it runs), the shared scoring code (every module of
``grader`` but those that only present, store, ship or validate grades:
:data:`NOT_SCORING`), its reference, and the grader's version.  Changing any of them makes
every stored grade of the assignment stale, and the next ``grade batch`` regrades it.
"""

from __future__ import annotations

import ast
import hashlib
from importlib.metadata import version
from pathlib import Path

from grader.assignments import ROOT, get_assignment

GRADER_VERSION = version("dls-grader")

#: Packages of per-assignment scoring code: a checks module and what it imports from them.
SCORING_PACKAGES = ("grader.checks", "grader.checks.coursera")
#: Modules of ``grader`` (paths in the package; one ending in ``/`` is a folder) that only
#: present, store, ship or validate grades, and so cannot change a score.  Every other module
#: outside :data:`SCORING_PACKAGES` is shared scoring code
#: (tolerances, judging, strategies, the plugin, the loader, the sandbox and the worker),
#: fingerprinted for every assignment: a module added later counts unless it is named here.
NOT_SCORING = frozenset(
    {
        "cli.py",
        "instructor/__init__.py",
        "instructor/canvas_api.py",
        "instructor/canvas_push.py",
        "instructor/class_statistics.py",
        "instructor/commands/",
        "instructor/course.py",
        "instructor/csvsafe.py",
        "instructor/do_nothing.py",
        "instructor/exports.py",
        "instructor/fingerprint.py",
        "instructor/gradebook.py",
        "instructor/gradescope.py",
        "instructor/lms.py",
        "instructor/marks.py",
        "instructor/recording.py",
        "instructor/regrade.py",
        "instructor/release.py",
        "instructor/reports.py",
        "instructor/roster.py",
        "instructor/stubs.py",
        "instructor/validate.py",
        "judge/public.py",
        "render.py",
    }
)


def fingerprint(assignment_name: str) -> str:
    """sha256 of what decides a score: the checks module and the modules of
    :data:`SCORING_PACKAGES` it imports (transitively: mistakes, official cases, shared
    checks), the shared scoring code (:func:`shared_scoring_modules`), the reference, and
    the grader's version."""
    assignment = get_assignment(assignment_name)
    digest = hashlib.sha256(GRADER_VERSION.encode())
    paths = [*scoring_modules(assignment.checks_path), *shared_scoring_modules(), assignment.reference_path]
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def scoring_modules(checks: Path) -> list[Path]:
    """``checks`` and the modules of :data:`SCORING_PACKAGES` it imports (a package's
    ``__init__.py`` included), transitively, sorted."""
    found, todo = set(), [checks]
    while todo:
        path = todo.pop()
        if path in found or not path.exists():
            continue
        found.add(path)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            scoring = [name for name in names if name.startswith(SCORING_PACKAGES)]
            todo += [path for name in scoring for path in module_files(name)]
    return sorted(found)


def module_files(name: str) -> list[Path]:
    """The files a dotted ``name`` may be: a module, or a package's ``__init__.py`` (what
    ``from grader.checks.coursera import official_calls`` runs)."""
    stem = ROOT / name.replace(".", "/")
    return [stem.with_suffix(".py"), stem / "__init__.py"]


def shared_scoring_modules() -> list[Path]:
    """Every file of ``grader`` outside :data:`SCORING_PACKAGES` and :data:`NOT_SCORING`
    that is code (the worker's and the shims' included), sorted."""
    package = ROOT / "grader"
    per_assignment = [package / name.removeprefix("grader.") for name in SCORING_PACKAGES]
    return sorted(
        path
        for path in package.rglob("*.py")
        if not any(path.is_relative_to(folder) for folder in per_assignment)
        and not path.relative_to(package).as_posix().startswith(tuple(NOT_SCORING))
    )
