r"""The pytest plugin that turns a run of the checks into an :class:`AssignmentResult`.

Checks are ordinary pytest tests in ``grader/checks/`` (classes ``Check*``, functions
``check_*``) carrying registered markers:

* ``@pytest.mark.exercise("name")`` (on the class): the graded function it grades;
* ``@pytest.mark.points(n)``: its weight;
* ``@pytest.mark.hint("...")``: the likely mistake, shown when it fails;
* ``@pytest.mark.hidden``: on failure, say only that it failed;
* ``@pytest.mark.needs("check_values")``: a property that a body computing nothing also
  has (the right shapes, two distinct dicts, one batch that is a partition) earns its
  points only together with the checks of the function's values that it names.

The ``student`` fixture is a proxy: ``student.update_lr(0.5, 2, 1)`` runs in the worker.
A check fails with the message of the :class:`~grader.judge.compare.CheckFailed` it raised, or a
sentence about what the student's function raised; a function that is missing, could not
be loaded, or is still the stub is not called again: its remaining checks fail at setup.
One still the course's template or our stub by its text (:mod:`grader.judge.unfinished`) is
never called: every check of it fails at setup, ``not-implemented``.
"""

from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Callable, Collection
from dataclasses import dataclass

import pytest

from grader.assignments import Assignment
from grader.boundary.blocks import Blocks, reference_blocks
from grader.boundary.remote import RemoteSubmission, StudentError, StudentRaised
from grader.judge.compare import CheckFailed
from grader.judge.unfinished import unfinished_functions, unfinished_unparsed
from grader.results import HIDDEN_FAILED, CheckResult
from grader.submission import Submission

MARKERS = {
    "exercise(name)": "the graded function this check grades",
    "points(n)": "the points this check is worth",
    "hint(text)": "the likely mistake when this check fails",
    "hidden": "on failure, report only that the check failed",
    "needs(*checks)": "its points count only when these checks of the same exercise pass",
}


class Student:
    """Attribute access returns the student's function, running in the worker."""

    def __init__(self, remote: RemoteSubmission) -> None:
        self._remote = remote

    def __getattr__(self, name: str) -> RemoteFunction:
        if name.startswith("_"):
            raise AttributeError(name)
        return RemoteFunction(self._remote, name)


class RemoteFunction:
    """``f(*args)`` calls the student's ``f``; ``f.map(calls)`` makes many calls at once.

    The graded functions ``f`` builds on are the reference's while it runs (the
    assignment's ``builds_on``; see :mod:`grader.boundary.blocks`); ``f.using(block=judge_function)``
    puts a judge-side function of the check's own in a block's place.
    """

    def __init__(self, remote: RemoteSubmission, name: str, blocks: Blocks | None = None) -> None:
        self._remote = remote
        self._name = name
        self._blocks = remote.blocks.get(name, {}) if blocks is None else blocks

    def using(self, **blocks: Callable[..., object]) -> RemoteFunction:
        """This function with ``blocks`` answering in place of the named building blocks."""
        return RemoteFunction(self._remote, self._name, {**self._blocks, **blocks})

    def __call__(self, *args: object, **kwargs: object) -> object:
        return self._remote.call_with(self._name, self._blocks, args, kwargs)

    def map(self, calls: list[tuple]) -> list[object]:
        """The outcome of each call, in order, fetched in one round trip: its value, or
        the :class:`StudentError` it raised (``grader.judge.judging.unwrap`` raises it inside
        the check's ``with on(...)`` for that input, so the message names the input)."""
        return self._remote.call_many(self._name, calls, self._blocks)


@dataclass(frozen=True)
class CheckMeta:
    exercise: str
    points: float
    hint: str
    hidden: bool
    needs: tuple[str, ...] = ()


class Unavailable(Exception):
    """The exercise's function cannot be called; ``fault`` says why."""

    def __init__(self, message: str, fault: str) -> None:
        super().__init__(message)
        self.fault = fault


class GradingPlugin:
    def __init__(
        self,
        assignment: Assignment,
        remote: RemoteSubmission | None = None,
        submission: Submission | None = None,
        exercises: Collection[str] | None = None,
    ) -> None:
        self.assignment = assignment
        self.exercises = tuple(assignment.exercises if exercises is None else exercises)
        self.remote = remote
        self.submission = submission
        self.meta: dict[str, CheckMeta] = {}
        self.results: list[CheckResult] = []
        self.reported: set[str] = set()
        self._unavailable: dict[str, Unavailable] | None = None
        self.collection_errors: list[str] = []
        self._exercise = ""  # whose checks run now

    # -- configuration and collection -------------------------------------------------

    def pytest_configure(self, config: pytest.Config) -> None:
        for marker, meaning in MARKERS.items():
            config.addinivalue_line("markers", f"{marker}: {meaning}")

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(f"{report.nodeid}: {report.longreprtext[-2000:]}")

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        """Keep the checks of the exercises graded, in the notebook's order of their exercises
        (a stable sort: within an exercise, as its class defines them), whatever order a
        check module defines or imports its classes in."""
        order = {name: i for i, name in enumerate(self.assignment.exercises)}
        read = [(item, self._read_markers(item)) for item in items]
        kept, deselected = [], []
        for item, meta in sorted(read, key=lambda pair: order[pair[1].exercise]):
            if meta.exercise in self.exercises:
                self.meta[item.nodeid] = meta
                kept.append(item)
            else:
                deselected.append(item)  # grading only some exercises: the others never run
        if deselected:
            config.hook.pytest_deselected(items=deselected)
        items[:] = kept

    def _read_markers(self, item: pytest.Item) -> CheckMeta:
        where = item.nodeid
        exercise = item.get_closest_marker("exercise")
        if exercise is None or len(exercise.args) != 1:
            raise pytest.UsageError(f"{where}: needs @pytest.mark.exercise('function_name')")
        name = exercise.args[0]
        if name not in self.assignment.exercises:
            raise pytest.UsageError(
                f"{where}: exercise {name!r} is not one of {self.assignment.name}'s exercises "
                f"({', '.join(self.assignment.exercises)})"
            )
        points = item.get_closest_marker("points")
        if points is None or len(points.args) != 1 or not _positive(points.args[0]):
            raise pytest.UsageError(f"{where}: needs @pytest.mark.points(n) with a number n > 0")
        hint = item.get_closest_marker("hint")
        needs = item.get_closest_marker("needs")
        if needs is not None and (not needs.args or not all(isinstance(n, str) for n in needs.args)):
            raise pytest.UsageError(
                f"{where}: @pytest.mark.needs takes the names of checks, e.g. 'check_values'"
            )
        return CheckMeta(
            exercise=name,
            points=float(points.args[0]),
            hint=str(hint.args[0]) if hint and hint.args else "",
            hidden=item.get_closest_marker("hidden") is not None,
            needs=tuple(needs.args) if needs else (),
        )

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        names = {(meta.exercise, nodeid.rpartition("::")[2]) for nodeid, meta in self.meta.items()}
        for nodeid, meta in self.meta.items():
            for needed in meta.needs:
                if (meta.exercise, needed) not in names:
                    raise pytest.UsageError(
                        f"{nodeid}: needs {needed!r}, which is not a check of {meta.exercise}"
                    )

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        needs = {
            (meta.exercise, nodeid.rpartition("::")[2]): meta.needs for nodeid, meta in self.meta.items()
        }
        self.results = with_prerequisites(self.results, needs)

    # -- running ----------------------------------------------------------------------

    @pytest.fixture(scope="session")
    def student(self) -> Student:
        assert self.remote is not None, "the student fixture needs a submission"
        self.remote.blocks = {
            name: reference_blocks(self.assignment.reference, blocks)
            for name, blocks in self.assignment.builds_on.items()
        }
        return Student(self.remote)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        exercise = self.meta[item.nodeid].exercise
        if exercise != self._exercise and self.remote is not None:
            self._exercise = exercise
            self.remote.restart()  # each exercise from the state the load left
        reason = self.unavailable().get(exercise)
        if reason is not None:
            raise reason

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        if report.when == "call" or (report.when == "setup" and report.failed):
            self._record(item, call, report.passed)
        return report

    def _record(self, item: pytest.Item, call: pytest.CallInfo, passed: bool) -> None:
        meta = self.meta[item.nodeid]
        self.reported.add(item.nodeid)
        exc = call.excinfo.value if call.excinfo else None
        if passed:
            message, fault = "", ""
        else:
            assert exc is not None, "a failed setup or call has its exception"
            message, fault = explain(exc)
        hint = exc.hint if isinstance(exc, CheckFailed) and exc.hint is not None else meta.hint
        if fault == "not-implemented":
            self.unavailable()[meta.exercise] = Unavailable(message, fault)
        if meta.hidden and message:
            message = HIDDEN_FAILED
        self.results.append(
            CheckResult(
                name=item.name,
                exercise=meta.exercise,
                passed=passed,
                score=meta.points if passed else 0.0,
                max_score=meta.points,
                message=message,
                hint="" if passed or meta.hidden or fault else hint,
                hidden=meta.hidden,
                fault=fault,
            )
        )

    def unreported(self) -> list[str]:
        """The collected checks whose outcome was never recorded: a run is a grading only
        when this is empty (an interrupted or aborted run leaves checks out)."""
        return [nodeid for nodeid in self.meta if nodeid not in self.reported]

    def unavailable(self) -> dict[str, Unavailable]:
        """Exercises that cannot be called, computed once from the load report."""
        if self._unavailable is None:
            self._unavailable = self._find_unavailable()
        return self._unavailable

    def _find_unavailable(self) -> dict[str, Unavailable]:
        assert self.remote is not None and self.submission is not None
        out: dict[str, Unavailable] = {}
        for name, message in unfinished_unparsed(self.submission.path, self.submission.problems).items():
            out[name] = Unavailable(message, "not-implemented")  # a template's empty loop does not parse
        for problem in self.submission.problems:
            for name in problem.affects:
                out.setdefault(name, Unavailable(problem.message, "error"))
        report = self.remote.report
        for error in report.errors:
            index = error.get("unit", -1)
            unit = self.submission.units[index] if 0 <= index < len(self.submission.units) else None
            text = f"{error.get('where') or error.get('filename')}: {error.get('message')}"
            for name in unit.defines if unit else ():
                out.setdefault(name, Unavailable(f"loading failed: {text}", "error"))
        for name, message in unfinished_functions(self.submission.units, self.assignment.exercises).items():
            out.setdefault(name, Unavailable(message, "not-implemented"))  # never called: scores 0
        for name in self.assignment.exercises:
            if name not in report.functions and name not in out:
                out[name] = Unavailable(report.why_missing(name), "missing")  # or only imported
        return out


def with_prerequisites(
    results: list[CheckResult], needs: dict[tuple[str, str], tuple[str, ...]]
) -> list[CheckResult]:
    """``results`` where a passed check whose needed checks did not all pass scores 0."""
    passed = {(r.exercise, r.name) for r in results if r.passed}
    out = []
    for result in results:
        missing = [
            n for n in needs.get((result.exercise, result.name), ()) if (result.exercise, n) not in passed
        ]
        if result.passed and missing:
            message = (f"{result.name} holds, but it counts only together with the values it is about: "
                       f"{', '.join(missing)} did not pass")  # fmt: skip
            result = dataclasses.replace(result, passed=False, score=0.0, message=message)
        out.append(result)
    return out


def explain(exc: BaseException) -> tuple[str, str]:
    """The student-facing sentence for a failed check, and the fault kind (or "")."""
    if isinstance(exc, Unavailable):
        return str(exc), exc.fault
    if isinstance(exc, CheckFailed):
        return str(exc), ""
    if isinstance(exc, StudentRaised):
        if exc.kind == "NotImplementedError":
            return f"{exc.function} is not implemented yet (it raises NotImplementedError)", "not-implemented"
        if exc.kind == "Missing":
            return exc.message, "missing"
        where = f" ({exc.where})" if exc.where else ""
        context = getattr(exc, "context", "")
        return f"{exc.function} raised {exc.message}{where}" + (f" on {context}" if context else ""), ""
    if isinstance(exc, StudentError):
        return f"{exc.function} {exc.message}", "error"
    return f"the grader could not check the result ({type(exc).__name__}: {exc})", ""


def _positive(value: object) -> bool:
    # typeshed's numbers.Real declares only < and <=; every Real has >
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and value > 0  # type: ignore[operator]
