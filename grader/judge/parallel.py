r"""One grading over several judge processes: the exercises shared out, one worker each.

A function is judged on its own (its building blocks are the reference's,
:mod:`grader.boundary.blocks`) and every exercise starts from the state the submission's load left
(:meth:`grader.boundary.remote.RemoteSubmission.restart`), so the exercises of one submission can be
graded in any order, by any number of judges, with the same result.  :func:`judge_in_parallel`
forks ``jobs`` judges after the imports (a fork costs about a millisecond; a fresh
interpreter would import numpy, pytest and Hypothesis again, 0.35 s); each takes the next
exercise from a shared queue, grades it with its own sandboxed worker, and sends back its
check results.

What crosses between the judges is JSON of plain fields (names, booleans, points,
messages), never a pickle: only judge code runs in these processes, and nothing
else needs to be trusted to read their output.

Bounds: at most ``jobs`` judges (each with one worker); each child's output is read
whole (its messages are bounded by :mod:`grader.results`); a judge that dies without
reporting makes the grading fail with :class:`grader.api.GraderBug`, never a score.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import traceback
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager

from grader.results import CheckResult

#: The error classes a judge may report by name (re-raised in the parent with its message).
Errors = Mapping[str, type[Exception]]


Judge = Callable[[str], tuple[list[CheckResult], str]]


def judge_in_parallel(
    exercises: Sequence[str],
    jobs: int,
    open_judge: Callable[[], AbstractContextManager[Judge]],
    errors: Errors,
) -> tuple[list[CheckResult], str]:
    """Every exercise judged over ``jobs`` forked judges; the check results in the order of
    ``exercises``, and the sandbox level.  Each child opens one judge (``with
    open_judge() as judge``: its worker, loaded once) and calls ``judge(exercise) ->
    (check results, sandbox level)`` for each exercise it takes."""
    if len(exercises) > 255:
        raise ValueError("at most 255 exercises per grading are shared out")
    queue_read, queue_write = os.pipe()
    os.write(queue_write, bytes(range(len(exercises))))  # one byte per exercise: atomic reads
    os.close(queue_write)
    children: list[tuple[int, int]] = []
    try:
        for _ in range(min(jobs, len(exercises))):
            out_read, out_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                os.close(out_read)
                _serve(exercises, queue_read, out_write, open_judge)
            os.close(out_write)
            children.append((pid, out_read))
        reports = [_read_all(fd) for _, fd in children]
    except BaseException:
        for pid, _ in children:
            _kill(pid)
        raise
    finally:
        _close_quietly(queue_read)
        for pid, fd in children:
            _close_quietly(fd)
            _reap(pid)
    return _merge(exercises, reports, errors)


def _serve(exercises: Sequence[str], queue: int, out: int,
           open_judge: Callable[[], AbstractContextManager[Judge]]) -> None:  # fmt: skip
    """The child judge: grade exercises from ``queue`` until it is empty, one JSON line
    each to ``out``; then exit without running the parent's clean-up."""
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C and stops us
        signal.signal(signal.SIGTERM, _exit_cleanly)  # closing this judge's worker on the way
        with os.fdopen(out, "w", encoding="utf-8") as stream, open_judge() as judge:
            while index := os.read(queue, 1):
                exercise = exercises[index[0]]
                try:
                    checks, level = judge(exercise)
                    line = {
                        "exercise": exercise,
                        "level": level,
                        "checks": [dataclasses.asdict(c) for c in checks],
                    }
                except Exception as exc:
                    line = {"exercise": exercise, "error": type(exc).__name__,
                            "message": str(exc) or traceback.format_exc(limit=5)}  # fmt: skip
                stream.write(json.dumps(line) + "\n")
                stream.flush()
        status = 0
    finally:
        os._exit(status)


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(1)


FIELDS = {f.name: f.type for f in dataclasses.fields(CheckResult)}


def _merge(exercises: Sequence[str], reports: list[bytes],
           errors: Errors) -> tuple[list[CheckResult], str]:  # fmt: skip
    by_exercise: dict[str, list[CheckResult]] = {}
    levels = set()
    for report in reports:
        for line in report.decode("utf-8").splitlines():
            doc = json.loads(line)
            if "error" in doc:
                error = errors.get(doc["error"], errors["GraderBug"])
                raise error(str(doc["message"]))
            levels.add(str(doc["level"]))
            by_exercise[str(doc["exercise"])] = [_check(item) for item in doc["checks"]]
    missing = [name for name in exercises if name not in by_exercise]
    if missing or len(levels) != 1:
        raise errors["GraderBug"](
            f"a judge process ended before reporting {', '.join(missing) or 'its sandbox level'}"
        )
    return [check for name in exercises for check in by_exercise[name]], levels.pop()


def _check(item: object) -> CheckResult:
    if type(item) is not dict or set(item) != set(FIELDS):
        raise ValueError(f"a judge sent a malformed check result: {str(item)[:200]}")
    return CheckResult(**item)


def _read_all(fd: int) -> bytes:
    parts = []
    while chunk := os.read(fd, 1 << 16):
        parts.append(chunk)
    return b"".join(parts)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)  # its worker dies with it (bubblewrap --die-with-parent)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _close_quietly(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass
