r"""``grade validate``: the grader proves itself on one assignment.

1. The reference module, graded as a submission, scores full marks.
2. The generated stubs (``exercises/<name>.py`` and ``.ipynb``) score zero.
3. Every exercise is judged on its own: the reference with every *other* graded function
   raising keeps full marks in it (its building blocks are the reference's,
   :mod:`grader.boundary.blocks`; nothing else of the submission reaches its checks).
4. Every mutant in ``tests/mutants/<assignment>/`` (a file ``<function>__<mistake>.py``
   defining one wrong version of ``<function>``, appended to the reference so it replaces
   the right one) loses points in ``<function>`` and keeps full marks everywhere else.
   A mutant *confined* to its function (it defines only ``<function>``, besides imports
   the reference makes too) is graded in ``<function>`` alone: by 3, the rest of the
   submission is the reference as far as every other exercise can tell, so those keep
   full marks without being run again.  Any other mutant is graded whole.
5. Every check is failed by at least one mutant: a check that no mutant fails is a check
   that cannot be shown to fail.
6. Bodies that compute nothing (inputs echoed back in the shape of the reference's return,
   zeros, ones: :mod:`grader.instructor.do_nothing`) score exactly 0 in their exercise, unless the
   check module declares one right (``RIGHT_BY_DOING_NOTHING``, with the reason).

Everything is graded with the ``student`` profile, the one students run (so a mutant
caught here is caught for them), in parallel; each submission draws its own inputs, as a
student's does (:mod:`grader.judge.salt`), so the reference's exercises are seen on two sets of
inputs (its own, and the isolated submission's).  ``thorough`` (``grade validate
--thorough``) grades the reference with ten times the examples, to look harder for a check
that fails right code; it costs about ten student gradings per assignment, so CI does not.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from grader.api import grade, list_checks
from grader.assignments import ROOT, Assignment, get_assignment
from grader.instructor import do_nothing
from grader.results import AssignmentResult

MUTANTS_DIR = ROOT / "tests" / "mutants"


@dataclass(frozen=True)
class Mutant:
    path: Path
    function: str
    mistake: str  # the first line of its docstring

    @classmethod
    def read(cls, path: Path) -> Mutant:
        import ast

        function = path.stem.split("__")[0]
        docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
        return cls(path, function, docstring.strip().splitlines()[0] if docstring.strip() else "")


@dataclass
class ValidationReport:
    assignment: str
    problems: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        verdict = "OK" if self.ok else f"FAILED ({len(self.problems)} problems)"
        return "\n".join([f"validate {self.assignment}: {verdict}", *self.lines,
                          *(f"  problem: {p}" for p in self.problems)])  # fmt: skip


def mutants_of(assignment: Assignment) -> list[Mutant]:
    folder = MUTANTS_DIR / assignment.name
    return [Mutant.read(p) for p in sorted(folder.glob("*.py"))] if folder.is_dir() else []


def is_confined(reference_source: str, mutant: Mutant) -> bool:
    """Whether the mutant's module defines only ``mutant.function`` (and a docstring, and
    imports the reference makes the same way): then it cannot reach another exercise."""
    import ast

    imports = {ast.dump(node) for node in ast.parse(reference_source).body
               if isinstance(node, ast.Import | ast.ImportFrom)}  # fmt: skip
    for node in ast.parse(mutant.path.read_text()).body:
        if isinstance(node, ast.FunctionDef) and node.name == mutant.function:
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # a docstring
        if isinstance(node, ast.Import | ast.ImportFrom) and ast.dump(node) in imports:
            continue
        return False
    return True


def grade_mutant(assignment_name: str, mutant_path: str, only: str | None = None) -> AssignmentResult:
    """Grade the reference with one mutant appended, in exercise ``only`` or in all of them
    (runs in a pool process)."""
    assignment = get_assignment(assignment_name)
    source = assignment.reference_path.read_text() + "\n\n" + Path(mutant_path).read_text()
    return grade_source(assignment_name, Path(mutant_path).stem, source, only)


def isolated_source(assignment: Assignment, exercise: str) -> str:
    """The reference with every graded function but ``exercise`` redefined to raise."""
    others = [name for name in assignment.exercises if name != exercise]
    raising = "".join(
        f"\n\ndef {name}(*args, **kwargs):\n"
        f"    raise RuntimeError('grade validate: {name} is broken to judge {exercise} alone')\n"
        for name in others
    )
    return assignment.reference_path.read_text() + raising


def grade_isolated(assignment_name: str, exercise: str) -> AssignmentResult:
    """Grade ``exercise`` of :func:`isolated_source` (runs in a pool process)."""
    source = isolated_source(get_assignment(assignment_name), exercise)
    return grade_source(assignment_name, f"isolated_{exercise}", source, exercise)


def grade_reference(
    assignment_name: str, exercise: str, profile: str
) -> tuple[AssignmentResult, dict[str, list[str]]]:
    """Grade ``exercise`` of the reference and build its do-nothing bodies from the first
    call its checks made: ``{how: [source]}`` (plain text leaves the pool process, nothing
    else).  One task per exercise, so a long (thorough) grading is shared out over the pool."""
    assignment = get_assignment(assignment_name)
    with do_nothing.sampling_calls() as samples:
        result = grade(assignment_name, assignment.reference_path, profile=profile, exercises=[exercise])
    sampled = {exercise: samples[exercise]} if exercise in samples else {}
    return result, {how: do_nothing.do_nothing_bodies(assignment, sampled, how) for how in do_nothing.HOWS}


def grade_source(assignment_name: str, name: str, source: str, only: str | None = None) -> AssignmentResult:
    """Grade ``source`` as a submission, in exercise ``only`` or in all (runs in a pool process)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.py"
        path.write_text(source)
        return grade_as_in_a_batch(assignment_name, path, only)


def grade_as_in_a_batch(assignment_name: str, path: Path, only: str | None = None) -> AssignmentResult:
    """Grade with the student profile, as ``grade batch`` does.  Inputs are drawn per
    submission (:mod:`grader.judge.salt`), so the reference's tapes would replay for none of the
    stubs, mutants and do-nothing bodies: none are recorded."""
    return grade(assignment_name, path, profile="student", exercises=None if only is None else [only])


def validate_assignment(name: str, progress: Callable[[str], None] = lambda _: None,
                        workers: int | None = None, thorough: bool = False) -> ValidationReport:  # fmt: skip
    """Grade the reference (``thorough``: with the thorough profile), both stubs and every
    mutant of ``name``, all in one pool, the reference first, and judge the results."""
    assignment = get_assignment(name)
    report = ValidationReport(name)
    checks = {(ex, check) for ex, items in list_checks(name).items() for check, _ in items}
    stubs = [assignment.stub_stem.with_suffix(suffix) for suffix in (".py", ".ipynb")]
    mutants = mutants_of(assignment)
    failed_by: dict[tuple[str, str], list[str]] = {c: [] for c in checks}
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        profile = "thorough" if thorough else "student"
        references = [
            pool.submit(grade_reference, name, exercise, profile) for exercise in assignment.exercises
        ]
        stub_results = [(stub, pool.submit(grade_as_in_a_batch, name, stub)) for stub in stubs]
        isolated = [(ex, pool.submit(grade_isolated, name, ex)) for ex in assignment.exercises]
        reference_source = assignment.reference_path.read_text()
        confined = {m: is_confined(reference_source, m) for m in mutants}
        futures = [(m, pool.submit(grade_mutant, name, str(m.path), m.function if confined[m] else None))
                   for m in mutants]  # fmt: skip

        progress(f"{name}: grading the reference")
        bodies: dict[str, list[str]] = {how: [] for how in do_nothing.HOWS}
        scored, out_of = 0.0, 0.0
        for task in references:
            graded, exercise_bodies = task.result()
            for how, more in exercise_bodies.items():
                bodies[how] += more
            for exercise in graded.exercises:
                scored, out_of = scored + exercise.score, out_of + exercise.max_score
                for check in exercise.checks:
                    if not check.passed:
                        report.problems.append(
                            f"reference fails {exercise.name}/{check.name}: {check.message}"
                        )
        do_nothings = [(how, pool.submit(grade_source, name, f"does_nothing_{how}",
                                         do_nothing.with_bodies(assignment, bodies[how])))
                       for how in do_nothing.HOWS]  # fmt: skip
        report.lines.append(f"  reference: {scored:g} / {out_of:g}")
        for stub, future in stub_results:
            progress(f"{name}: grading the stub {stub.name}")
            result = future.result()
            report.lines.append(f"  stub {stub.name}: {result.score:g} / {result.max_score:g}")
            if result.score != 0:
                report.problems.append(f"the stub {stub.name} scores {result.score:g}, not 0")
        for exercise_name, future in isolated:
            progress(f"{name}: {exercise_name} alone, every other function raising")
            alone = future.result().exercises[0]
            if alone.score < alone.max_score:
                failing = "; ".join(f"{c.name}: {c.message}" for c in alone.checks if not c.passed)
                report.problems.append(
                    f"{exercise_name} is not judged on its own: with the other functions raising it "
                    f"scores {alone.score:g} / {alone.max_score:g} ({failing[:500]}); declare the "
                    "functions it calls as its building blocks (Assignment.blocks)"
                )
        for done, (mutant, future) in enumerate(futures, start=1):
            progress(f"{name}: mutant {done}/{len(mutants)} {mutant.path.name}")
            _judge_mutant(mutant, future.result(), report, failed_by)
        right = do_nothing.declared_right(assignment)
        tried = 0
        for how, future in do_nothings:
            progress(f"{name}: grading the do-nothing bodies ({how})")
            tried += _judge_do_nothing(how, future.result(), right, report)
    report.lines.append(
        f"  each of {len(isolated)} exercises judged alone: full marks with the others raising"
    )
    report.lines.append(f"  mutants: {len(mutants)} ({sum(confined.values())} confined to their function)")
    report.lines.append(
        f"  do-nothing bodies: {tried} (echo, zeros, ones per function), each 0 unless declared right"
    )
    for (exercise_name, check_name), mutants_failing in sorted(failed_by.items()):
        if not mutants_failing:
            report.problems.append(
                f"no mutant fails {exercise_name}/{check_name}: add one to tests/mutants/{name}/"
            )
    return report


def _judge_do_nothing(
    how: str, result: AssignmentResult, right: dict[str, str], report: ValidationReport
) -> int:
    """Require 0 in every exercise of a submission whose every function is a ``how`` body;
    the number of bodies judged."""
    for exercise in result.exercises:
        if exercise.score and f"{exercise.name}/{how}" not in right:
            passed = ", ".join(c.name for c in exercise.checks if c.passed)
            report.problems.append(
                f"a body of {exercise.name} that computes nothing ({how}) scores {exercise.score:g}: {passed}"
            )
    return len(result.exercises)


def _judge_mutant(mutant: Mutant, result: AssignmentResult, report: ValidationReport,
                  failed_by: dict[tuple[str, str], list[str]]) -> None:  # fmt: skip
    label = mutant.path.name
    if mutant.function not in {e.name for e in result.exercises}:
        report.problems.append(
            f"mutant {label}: {mutant.function!r} is not an exercise of {result.assignment}"
        )
        return
    if not mutant.mistake:
        report.problems.append(f"mutant {label}: its docstring should say what mistake it makes")
    for exercise in result.exercises:
        lost = exercise.score < exercise.max_score
        if exercise.name == mutant.function and not lost:
            report.problems.append(f"mutant {label} ({mutant.mistake}) keeps full marks in {exercise.name}")
        if exercise.name != mutant.function and lost:
            report.problems.append(f"mutant {label} loses points in {exercise.name}, which it does not touch")
        for check in exercise.checks:
            if not check.passed and (exercise.name, check.name) in failed_by:
                failed_by[(exercise.name, check.name)].append(label)
