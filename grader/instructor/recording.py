r"""The public checks of a student release, recorded from the reference.

The public cases are recorded, not written: the reference is graded by the instructor's
checks (:func:`record_reference`) through a worker that keeps a few calls of every check
that is not hidden (at most :data:`MAX_CASES_PER_CHECK`, spread over the check's calls, each
at most :data:`MAX_CASE_BYTES` of arrays), and the reference's answers.  A call is kept only
if replaying it in a fresh worker gives the same answer (so no case depends on leftover
random state).  Each exercise's tolerance and the shorter results an older Coursera
generation returns come from its declaration (:func:`grader.checks.declared`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pytest

from grader import api
from grader.assignments import Assignment
from grader.boundary.blocks import Blocks
from grader.boundary.remote import RemoteSubmission, StudentError
from grader.checks import declared
from grader.judge.compare import CheckFailed, on
from grader.judge.plugin import GradingPlugin
from grader.judge.public import PUBLIC, PublicCase, PublicCheck, expect_public
from grader.submission import load_submission

MAX_CASES_PER_CHECK = 4
MAX_CASE_BYTES = 64 * 1024  # array bytes of a recorded call and its answer: larger ones are left out


class ReleaseError(RuntimeError):
    """A release or autograder cannot be built (the reference fails its checks, ...)."""


@dataclass(frozen=True)
class Recorded:
    """One call the checks made into the reference, and its answer."""

    check: str  # the pytest node id of the check that made it
    function: str
    args: tuple
    kwargs: dict
    value: object


class RecordingSubmission(RemoteSubmission):
    """A :class:`RemoteSubmission` that keeps every call that returned a value."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.current = ""  # node id of the running check, set by RecordingPlugin
        self.recorded: list[Recorded] = []

    def call_with(self, name: str, blocks: Blocks, args: tuple, kwargs: dict) -> object:
        sent = copy.deepcopy((args, kwargs))
        value = super().call_with(name, blocks, args, kwargs)
        if self._replayable(name, blocks):
            self.recorded.append(Recorded(self.current, name, *sent, copy.deepcopy(value)))
        return value

    def call_many(self, name: str, calls: list[tuple], blocks: Blocks | None = None) -> list[object]:
        sent = copy.deepcopy(calls)
        outcomes = super().call_many(name, calls, blocks)
        if self._replayable(name, blocks):
            for args, outcome in zip(sent, outcomes, strict=True):
                if not isinstance(outcome, StudentError):
                    self.recorded.append(
                        Recorded(self.current, name, tuple(args), {}, copy.deepcopy(outcome))
                    )
        return outcomes

    def _replayable(self, name: str, blocks: Blocks | None) -> bool:
        """A call made with a check's own stand-in for a block (a wrong gradient for
        ``gradient_check``) gives an answer a release, which calls the student's own
        blocks, cannot reproduce: it is not kept."""
        return blocks is None or dict(blocks) == dict(self.blocks.get(name, {}))


class RecordingPlugin(GradingPlugin):
    """Tells the :class:`RecordingSubmission` which check is running."""

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        assert isinstance(self.remote, RecordingSubmission)
        self.remote.current = item.nodeid
        super().pytest_runtest_setup(item)


def record_reference(assignment: Assignment) -> list[PublicCheck]:
    """Grade the reference with the instructor's checks; the public checks they give.

    Raises :class:`ReleaseError` unless the reference scores full marks.
    """
    submission = load_submission(assignment.reference_path)
    remote = RecordingSubmission(submission.wire_units(), assignment.prelude)
    with remote:
        plugin = RecordingPlugin(assignment, remote, submission)
        api.run_checks(assignment, plugin, "student")
    failed = [f"{c.name}: {c.message}" for c in plugin.results if not c.passed]
    if failed:
        raise ReleaseError(f"the reference of {assignment.name} fails its checks: {'; '.join(failed)[:2000]}")
    checks, exercises = [], declared(assignment)
    for nodeid, meta in plugin.meta.items():
        calls = [r for r in remote.recorded if r.check == nodeid and r.function == meta.exercise]
        kept = spread(calls, MAX_CASES_PER_CHECK)
        if meta.hidden or not kept:
            continue  # a hidden check's inputs stay secret
        checks.append(
            PublicCheck(
                exercise=meta.exercise,
                name=_method_name(nodeid),
                points=meta.points,
                hint=meta.hint,
                cases=tuple(_public_case(r) for r in kept),
                tolerance=exercises[meta.exercise].public_tolerance if meta.exercise in exercises else PUBLIC,
                accept_lengths=exercises[meta.exercise].older_lengths if meta.exercise in exercises else (),
            )
        )
    return reproducible(assignment, checks)


def spread(items: list, n: int) -> list:
    """At most ``n`` of the ``items`` that are not too large, evenly spaced, the first and
    last included."""
    small = [item for item in items if _size(item) <= MAX_CASE_BYTES]
    if len(small) <= n:
        return small
    return [small[round(i * (len(small) - 1) / (n - 1))] for i in range(n)]


def _size(item: Recorded) -> int:
    def walk(x: object) -> int:
        if hasattr(x, "nbytes"):
            return int(x.nbytes)  # type: ignore[attr-defined]
        if isinstance(x, dict):
            return sum(walk(v) for v in x.values())
        if isinstance(x, (list, tuple)):
            return sum(walk(v) for v in x)
        return 8

    return walk((item.args, item.kwargs, item.value))


def _method_name(nodeid: str) -> str:
    name = nodeid.rsplit("::", 1)[-1]
    return "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in name).rstrip("_")


def _public_case(recorded: Recorded) -> PublicCase:
    arguments = ", ".join([*(describe(a) for a in recorded.args),
                           *(f"{k}={describe(v)}" for k, v in recorded.kwargs.items())])  # fmt: skip
    description = f"{recorded.function}({arguments})"[:300]
    return PublicCase(recorded.args, recorded.kwargs, recorded.value, description)


def describe(value: object) -> str:
    """A short description of an argument: numbers in full, arrays by shape, dicts by keys."""
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return f"array{tuple(value.shape)}"  # type: ignore[attr-defined]
    if isinstance(value, dict):
        keys = list(value)
        return "{" + ", ".join(str(k) for k in keys[:6]) + (", ..." if len(keys) > 6 else "") + "}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__} of {len(value)}"
    return repr(value)[:40]


def reproducible(assignment: Assignment, checks: list[PublicCheck]) -> list[PublicCheck]:
    """``checks`` without the cases whose answer a fresh worker does not reproduce (the
    calls are replayed in reverse order, so leftover random state shows); checks left
    with no case are dropped."""
    submission = load_submission(assignment.reference_path)
    kept = []
    with RemoteSubmission(submission.wire_units(), assignment.prelude) as remote:
        for check in reversed(checks):
            cases = tuple(case for case in reversed(check.cases) if _replays(remote, check, case))[::-1]
            if cases:
                kept.append(PublicCheck(check.exercise, check.name, check.points, check.hint, cases,
                                        check.tolerance, check.accept_lengths))  # fmt: skip
    return kept[::-1]


def _replays(remote: RemoteSubmission, check: PublicCheck, case: PublicCase) -> bool:
    try:
        with on(case.description):
            got = remote.call(check.exercise, *copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
            expect_public(got, case.expected, check.tolerance)
    except (CheckFailed, StudentError):
        return False
    return True
