r"""The plain API under the CLI: grade one submission, list the checks.

:func:`grade` is the whole pipeline::

    path -> load_submission -> RemoteSubmission (worker) -> pytest + GradingPlugin (judge)
         -> AssignmentResult
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, Verbosity, settings

from grader.assignments import CHECKS_DIR, Assignment, Group, choose_member, get_assignment, get_target
from grader.boundary import sandbox
from grader.boundary.remote import RemoteSubmission
from grader.judge.parallel import judge_in_parallel
from grader.judge.plugin import GradingPlugin
from grader.judge.salt import Salting, seed_alone, submission_salt
from grader.results import AssignmentResult, CheckResult, assignment_result, coverage_note, exercise_result
from grader.submission import Submission, find_submission, load_submission

#: Hypothesis examples per property check, by audience; each example is a batch of
#: ``strategies.BATCH`` cases (100 or 1000 inputs per property).  Grading is always
#: deterministic (same submission, same examples, same score: each check is seeded from the
#: submission's text, :mod:`grader.judge.salt`) and never reads an example database.
#: No shrinking: derandomized generation tries the simplest inputs first, and each shrink
#: step is a call into the worker (shrinking made a failing submission ~10x slower).
PROFILES = {"student": 10, "thorough": 100}
CALL_TIMEOUT = 5.0
FUNCTION_BUDGET = 20.0  # seconds of calls per graded function


class GraderBug(RuntimeError):
    """The checks themselves could not be collected or run."""


class UnknownExercise(ValueError):
    """An exercise asked for by name that the assignment does not have."""


class IncompleteGrading(RuntimeError):
    """The run ended before every collected check reported (interrupted: at a weak sandbox
    level a submission can signal the judge).  It is an error for that submission, never a
    score: the checks that never ran would otherwise count as "passed 0/0"."""


def resolve_path(functions: tuple[str, ...], path: Path | None) -> tuple[Path, str | None]:
    """The file to grade: ``path`` itself, or the best candidate in a folder (default: cwd)."""
    path = Path.cwd() if path is None else path
    if path.is_dir():
        return find_submission(path, list(functions))
    return path, None


def grade(
    assignment_name: str,
    path: Path | None = None,
    *,
    profile: str = "student",
    call_timeout: float = CALL_TIMEOUT,
    require_sandbox: str = "rlimits",
    sandbox_level: str | None = None,
    budget: float = FUNCTION_BUDGET,
    tapes: object | None = None,
    allow_weak_sandbox: bool = True,
    exercises: Collection[str] | None = None,
    jobs: int = 1,
) -> AssignmentResult:
    """Grade the submission at ``path`` (file or folder) against ``assignment_name``.

    The worker runs at the strongest containment level available (or ``sandbox_level``);
    :class:`grader.boundary.sandbox.SandboxUnavailable` if that is below ``require_sandbox``, or,
    unless ``allow_weak_sandbox``, if it cannot protect the judge (:func:`grader.boundary.sandbox.weaknesses`).
    :class:`IncompleteGrading` if the run stopped before every check reported.
    ``tapes`` is a :mod:`grader.instructor.tapes` plugin: a ``Recorder`` keeps what Hypothesis drew, a
    ``Player`` replays it (batches draw once for the whole class).
    ``exercises`` grades only those (a function is judged on its own, so each exercise's
    result is the one a whole grading gives it); the result then lists only them.
    ``jobs`` judges share the exercises out (:mod:`grader.judge.parallel`; not with ``tapes``,
    which are kept in this process): the same result, sooner on several cores.
    """
    started = time.monotonic()
    level = sandbox.choose_level(require_sandbox, sandbox_level)
    if not allow_weak_sandbox:
        sandbox.refuse_weak(level)
    target = get_target(assignment_name)
    file, note = resolve_path(target.exercises, path)
    submission = load_submission(file)
    notes = [note] if note else []
    if isinstance(target, Group):
        assignment, why = choose_member(target, submission.graded_item_id, submission.defined_names())
        notes.append(why)
    else:
        assignment = target
    selected = selected_exercises(assignment, exercises)
    if len(selected) < len(assignment.exercises):
        notes.append(
            f"graded only {', '.join(selected)} ({len(selected)} of {len(assignment.exercises)} exercises)"
        )
    if (
        submission.graded_item_id
        and assignment.coursera_ids
        and (submission.graded_item_id not in assignment.coursera_ids)
    ):
        notes.append(
            f"{file.name} is Coursera item {submission.graded_item_id}, not one of "
            f"{assignment.name}'s ({', '.join(assignment.coursera_ids)}): wrong assignment?"
        )
    options = Judging(profile, tapes, call_timeout, budget, level)
    if jobs > 1 and len(selected) > 1 and tapes is None:
        errors = {"GraderBug": GraderBug, "IncompleteGrading": IncompleteGrading}
        checks, level = judge_in_parallel(
            selected, jobs, lambda: judging(assignment, submission, options), errors
        )
    else:
        with judging(assignment, submission, options) as judge:
            checks, level = judge(selected)
    return summarize(assignment, checks, submission, level, time.monotonic() - started, notes, selected)


@dataclass(frozen=True)
class Judging:
    """How the checks run: the Hypothesis profile, tapes, and the worker's limits."""

    profile: str
    tapes: object | None
    call_timeout: float
    budget: float
    level: str


@contextlib.contextmanager
def judging(
    assignment: Assignment, submission: Submission, options: Judging
) -> Iterator[Callable[[str | tuple[str, ...]], tuple[list[CheckResult], str]]]:
    """``judge(exercises)``: run the checks of those exercises (one name or several)
    against ``submission``, in one worker loaded once for all calls; the check results,
    and the sandbox level the worker ran at."""
    remote = RemoteSubmission(submission.wire_units(), assignment.prelude, call_timeout=options.call_timeout,
                              budget=options.budget, level=options.level)  # fmt: skip
    salting = Salting(submission_salt(submission.wire_units()))  # inputs drawn for this submission
    plugins: list[object] = [salting] if options.tapes is None else [salting, options.tapes]

    def judge(exercises: str | tuple[str, ...]) -> tuple[list[CheckResult], str]:
        plugin = GradingPlugin(
            assignment, remote, submission, (exercises,) if isinstance(exercises, str) else exercises
        )
        run_checks(assignment, plugin, options.profile, extra_plugins=plugins)
        return plugin.results, remote.sandbox_level

    with remote:
        yield judge


def selected_exercises(assignment: Assignment, exercises: Collection[str] | None) -> tuple[str, ...]:
    """``exercises`` in the assignment's order (all of them for ``None``);
    :class:`UnknownExercise` naming the ones the assignment does not have."""
    if exercises is None:
        return assignment.exercises
    unknown = sorted(set(exercises) - set(assignment.exercises))
    if unknown:
        raise UnknownExercise(
            f"{assignment.name} has no exercise {', '.join(map(repr, unknown))}; "
            f"its exercises: {', '.join(assignment.exercises)}"
        )
    return tuple(name for name in assignment.exercises if name in exercises)


def summarize(
    assignment: Assignment,
    checks: list[CheckResult],
    submission: Submission,
    sandbox: str,
    duration: float,
    notes: list[str],
    exercises: tuple[str, ...] | None = None,
) -> AssignmentResult:
    problems = [p.message for p in submission.problems]
    results = [
        exercise_result(name, [c for c in checks if c.exercise == name])
        for name in (assignment.exercises if exercises is None else exercises)
    ]
    coverage = []
    if assignment.instructor_checks:  # a student release: what the instructor's grading runs more
        ran = sum(len(r.checks) for r in results)
        coverage.append(coverage_note(ran, sum(assignment.instructor_checks.get(r.name, 0) for r in results)))
    return assignment_result(
        assignment.name,
        results,
        sandbox=sandbox,
        duration_s=round(duration, 3),
        submission=str(submission.path),
        notes=tuple(notes + problems + coverage) + assignment.notes,
    )


UNUSED_PLUGINS = ("-p", "no:unraisableexception", "-p", "no:threadexception", "-p", "no:logging",
                  "-p", "no:doctest")  # fmt: skip


def run_checks(assignment: Assignment, plugin: GradingPlugin, profile: str, collect_only: bool = False,
               extra_plugins: Sequence[object] = ()) -> None:  # fmt: skip
    # The plugin builds every message, so pytest's tracebacks (--tb, ~0.6 s on a failing
    # submission) and assertion rewriting (~0.15 s; checks raise CheckFailed) are off,
    # and so are plugins from entry points (~0.08 s) and the built-in ones that watch for
    # what no check produces: unraisable and thread exceptions (their full garbage
    # collections at the end, ~0.15 s), log records, doctests.
    args = [str(assignment.checks_path), "-c", str(CHECKS_DIR / "pytest.ini"), "--rootdir", str(CHECKS_DIR),
            "-p", "no:cacheprovider", "-q", "--tb=no", "--assert=plain", *UNUSED_PLUGINS]  # fmt: skip
    if collect_only:
        args.append("--collect-only")
    quiet = io.StringIO()
    with hypothesis_profile(profile), seed_alone(), contextlib.redirect_stdout(quiet), no_plugin_autoload():
        code = pytest.main(args, plugins=[plugin, ProfileAtRunTime(), *extra_plugins])
    if plugin.collection_errors or code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        detail = "\n".join(plugin.collection_errors) or quiet.getvalue()[-3000:]
        raise GraderBug(f"the checks of {assignment.name} could not run (pytest exit {code}):\n{detail}")
    unreported = [] if collect_only else plugin.unreported()
    if code == pytest.ExitCode.INTERRUPTED or unreported:
        raise IncompleteGrading(
            f"grading {assignment.name} stopped before every check ran (pytest exit {code}; "
            f"{len(unreported)} of {len(plugin.meta)} checks never reported): not a score. At the "
            f"sandbox level {plugin.remote.sandbox_level if plugin.remote else '?'!r} a submission can "
            "interrupt the judge; grade it again with bubblewrap"
        )


def list_checks(assignment_name: str) -> dict[str, list[tuple[str, float]]]:
    """``{exercise: [(check name, points), ...]}`` in the order the checks run."""
    assignment = get_assignment(assignment_name)
    plugin = GradingPlugin(assignment)
    run_checks(assignment, plugin, "student", collect_only=True)
    out: dict[str, list[tuple[str, float]]] = {name: [] for name in assignment.exercises}
    for nodeid, meta in plugin.meta.items():
        out[meta.exercise].append((nodeid.rsplit("::", 1)[-1], meta.points))
    return out


class ProfileAtRunTime:
    """A pytest plugin that runs each property check with the profile loaded now.

    ``@given`` keeps the settings that were the default when its module was imported, and a
    process imports a check module once: without this, every grading in a process (a batch
    judge, a ``grade validate`` pool process) ran with the profile of its first grading.
    """

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Function) -> Iterator[None]:
        test = getattr(item, "function", None)
        if getattr(test, "hypothesis", None) is None:
            return (yield)
        previous = test._hypothesis_internal_use_settings  # type: ignore[union-attr]
        test._hypothesis_internal_use_settings = settings.default  # type: ignore[union-attr]
        try:
            return (yield)
        finally:
            test._hypothesis_internal_use_settings = previous  # type: ignore[union-attr]


@contextlib.contextmanager
def no_plugin_autoload() -> Iterator[None]:
    previous = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = previous


@contextlib.contextmanager
def hypothesis_profile(name: str) -> Iterator[None]:
    """Load the grading profile ``name`` for the duration of a run, then restore the default."""
    if name not in PROFILES:
        raise ValueError(f"unknown profile {name!r}; choose one of: {', '.join(PROFILES)}")
    previous = settings.default
    settings.register_profile(
        f"grading-{name}",
        max_examples=PROFILES[name],
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=False,
        report_multiple_bugs=False,
        phases=(Phase.explicit, Phase.generate),
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
    )
    settings.load_profile(f"grading-{name}")
    try:
        yield
    finally:
        settings.register_profile("grading-restore", previous)
        settings.load_profile("grading-restore")
