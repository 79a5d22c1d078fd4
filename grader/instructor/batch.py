r"""Grade a class: every submission of a folder, in parallel, into the gradebook.

::

    folder -> roster.discover -> entries -> (not yet graded by these checks?) -> jobs
      jobs -> a pool of judge processes (or a Dask cluster) -> grade_job -> result
      result -> Gradebook.record (one transaction per submission) -> reports

Hypothesis draws the same examples for every submission (grading is derandomized), so
each judge process records them once, on the reference, and replays them for the class
(:mod:`grader.instructor.tapes`): the same scores, a third less work.

A *job* is plain data (student, content hash, the files' names and bytes, options), so
it travels to a Dask worker on another machine as well as to a local process.  Each judge
process grades one submission at a time, and each submission's student code runs in its
own sandboxed worker (:mod:`grader.boundary.remote`), with its per-call timeouts and per-function
budgets: a slow or hostile submission holds one judge process for a bounded time, and the
others go on.  A judge process that dies (a submission that signals it at the weakest
sandbox level, the kernel's OOM killer) costs only the submission it was grading, which
gets an error, never a score, and is graded again by the next run (:func:`on_processes`).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from grader import api
from grader.assignments import ASSIGNMENTS, GROUPS, get_assignment
from grader.instructor.fingerprint import fingerprint
from grader.instructor.gradebook import Gradebook
from grader.instructor.roster import Entry, discover, readable_name
from grader.instructor.tapes import Player, Recorder, Tape
from grader.results import AssignmentResult, CheckResult, assignment_result, exercise_result
from grader.submission import SubmissionError, pick_submission

GRADEBOOK = "gradebook.sqlite"


@dataclass(frozen=True)
class Options:
    """How each submission is graded (the options of ``grade ASSIGNMENT``)."""

    profile: str = "student"
    call_timeout: float = api.CALL_TIMEOUT
    require_sandbox: str = "rlimits"
    sandbox_level: str | None = None


@dataclass(frozen=True)
class Job:
    """One submission to grade, as plain data."""

    assignment: str
    student: str
    content_hash: str
    files: tuple[tuple[str, bytes], ...]  # (name, content) of each candidate file
    origin: str  # where the submission came from, shown in its report
    options: Options = Options()
    problems: tuple[str, ...] = ()  # told to the student first (links that were not followed)


@dataclass(frozen=True)
class Outcome:
    """What a judge process sends back: the result, or the grader's own failure."""

    job: Job
    result: AssignmentResult | None
    grader_error: str = ""


@dataclass
class Summary:
    """What a batch did."""

    assignment: str
    graded: list[str] = field(default_factory=list)  # students graded in this run
    reused: list[str] = field(default_factory=list)  # already graded by these checks
    grader_errors: dict[str, str] = field(default_factory=dict)  # student -> the grader's bug


#: What a submission whose judge process died gets: an error, never a score, so a rerun retries it.
KILLED = "the judge process grading this submission was killed (by the submission or the system)"


def make_job(assignment: str, entry: Entry, options: Options) -> Job:
    """The job of ``entry``; file names are made readable (:func:`grader.instructor.roster.readable_name`)."""
    names = [readable_name(path.name) for path in entry.files]
    unique = [name if names.count(name) == 1 else f"{i}_{name}" for i, name in enumerate(names)]
    origin = str(entry.files[0]) if len(entry.files) == 1 else os.path.commonpath(entry.files or [""])
    files = tuple((name, path.read_bytes()) for name, path in zip(unique, entry.files, strict=True))
    origin = readable_name(origin)
    return Job(assignment, entry.student, entry.content_hash, files, origin, options, entry.problems)


# --------------------------------------------------------------------------- one job (judge side)

#: Grading runs pytest in-process, which is not thread-safe: a Dask worker with several
#: threads grades one submission at a time.
_ONE_AT_A_TIME = threading.Lock()


def grade_job(job: Job) -> Outcome:
    """Grade one job in this (judge) process; the student's code runs in a sandboxed worker."""
    with _ONE_AT_A_TIME, tempfile.TemporaryDirectory(prefix="dls-batch-") as scratch:
        folder = Path(scratch)
        for name, content in job.files:
            (folder / name).write_bytes(content)
        try:
            exercises = get_assignment(job.assignment).exercises
            candidates = sorted(folder.iterdir())
            if len(candidates) == 1:  # graded as it is, so a broken file says what is broken
                path, note = candidates[0], None
            else:
                path, note = pick_submission(candidates, list(exercises), where=job.student)
            o = job.options
            result = api.grade(job.assignment, path, profile=o.profile, call_timeout=o.call_timeout,
                               require_sandbox=o.require_sandbox, sandbox_level=o.sandbox_level,
                               tapes=Player(reference_tapes(job.assignment, o)))  # fmt: skip
            origin = job.origin if len(job.files) == 1 else f"{job.origin}/{path.name}"
            result = replace(result, submission=origin, notes=((note,) if note else ()) + result.notes)
        except SubmissionError as exc:
            result = unloadable(job.assignment, str(exc), job.origin)
        except Exception as exc:  # a grader bug must not stop the class
            return Outcome(job, None, f"{type(exc).__name__}: {exc}")
    return Outcome(job, replace(result, notes=job.problems + result.notes) if job.problems else result)


@functools.cache
def reference_tapes(assignment: str, options: Options) -> dict[str, Tape]:
    """What Hypothesis draws for each check of ``assignment``, recorded once per judge
    process by grading the reference (:mod:`grader.instructor.tapes`)."""
    recorder = Recorder()
    api.grade(assignment, get_assignment(assignment).reference_path, profile=options.profile,
              call_timeout=options.call_timeout, require_sandbox=options.require_sandbox,
              sandbox_level=options.sandbox_level, tapes=recorder)  # fmt: skip
    return recorder.tapes


@functools.cache
def _checks(assignment: str) -> dict[str, list[tuple[str, float]]]:
    return api.list_checks(assignment)


def missing(name: str, exercise: str, points: float, message: str) -> CheckResult:
    return CheckResult(name, exercise, False, 0.0, points, message, fault="missing")


def unloadable(assignment: str, message: str, origin: str) -> AssignmentResult:
    """Zero points on every check; the note says why nothing could be graded."""
    not_graded = "not graded: the submission could not be loaded (see the note)"
    exercises = [
        exercise_result(exercise, [missing(name, exercise, points, not_graded) for name, points in checks])
        for exercise, checks in _checks(assignment).items()
    ]
    return assignment_result(assignment, exercises, sandbox="none", duration_s=0.0, submission=origin,
                             notes=(message,))  # fmt: skip


# --------------------------------------------------------------------------- the batch (driver)


def plan(assignment: str, folder: Path, book: Gradebook, options: Options, regrade: bool,
         checks: str) -> tuple[list[Job], list[str]]:  # fmt: skip
    """``(jobs to grade, students already graded by the checks fingerprinted ``checks``)``;
    records the submissions seen."""
    entries = discover(folder)
    if not entries:
        raise SubmissionError(
            f"no submissions in {folder}: expected .py or .ipynb files, or one folder per student"
        )
    book.see(assignment, {entry.student: entry.content_hash for entry in entries},
             {entry.student: (entry.attempt, entry.marked_late) for entry in entries})  # fmt: skip
    todo, reused = [], []
    for entry in entries:
        if not regrade and book.is_graded(entry.student, assignment, entry.content_hash, checks):
            reused.append(entry.student)
        else:
            todo.append(make_job(assignment, entry, options))
    return todo, reused


def run_batch(
    assignment: str,
    folder: Path,
    out: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    options: Options = Options(),
    regrade: bool = False,
    on_start: Callable[[int], None] = lambda total: None,
    on_graded: Callable[[Outcome], None] = lambda outcome: None,
) -> Summary:
    """Grade every submission in ``folder`` that the gradebook in ``out`` lacks.

    ``on_start(n)`` is told how many submissions will be graded, ``on_graded`` each one as
    it is recorded (in completion order).  ``scheduler`` is a Dask scheduler address.
    """
    summary = Summary(assignment)
    checks = fingerprint(due_assignment(assignment))
    with Gradebook(out / GRADEBOOK) as book:
        jobs, summary.reused = plan(assignment, folder, book, options, regrade, checks)
        on_start(len(jobs))
        runner = on_dask(scheduler) if scheduler else on_processes(workers or os.cpu_count() or 1)
        for graded in runner(jobs):
            if graded.result is None:
                summary.grader_errors[graded.job.student] = graded.grader_error
            else:
                book.record(graded.job.student, graded.job.content_hash, checks, graded.result)
                summary.graded.append(graded.job.student)
            on_graded(graded)
    return summary


def due_assignment(name: str) -> str:
    """``name``, the assignment a batch grades; a group is refused, since a batch grades
    the assignment that is due, never the one a file looks like."""
    if name in GROUPS:
        members = GROUPS[name].members
        raise SubmissionError(
            f"{name} is a group of assignments ({', '.join(members)}); a batch grades the one that is due: "
            f"name it, e.g. `grade batch {members[0]} SUBMISSIONS --out OUT`"
        )
    if name not in ASSIGNMENTS:
        raise SubmissionError(f"unknown assignment {name!r}; choose from: {', '.join(ASSIGNMENTS)}")
    return name


Runner = Callable[[list[Job]], Iterator[Outcome]]


def on_processes(workers: int, grade: Callable[[Job], Outcome] = grade_job) -> Runner:
    """Grade in ``workers`` local judge processes (forked from a server that has the
    grader imported), yielding each result as it completes.

    A judge process that dies (killed by a submission at a weak sandbox level, or by the
    system) costs only the submission it was grading: the pool is rebuilt and the rest
    of the class graded.  The submissions that were in flight are graded again, each
    alone; one that kills its judge alone gets :data:`KILLED`, an error, never a score.
    """

    def run(jobs: list[Job]) -> Iterator[Outcome]:
        todo = deque(jobs)
        while todo:
            suspects = yield from in_a_pool(todo, workers, grade)
            if len(suspects) == 1:  # it was alone in flight: it is the one
                yield Outcome(suspects[0], None, KILLED)
                continue
            for job in suspects:
                if (yield from in_a_pool(deque([job]), 1, grade)):
                    yield Outcome(job, None, KILLED)

    return run


def in_a_pool(
    todo: deque[Job], workers: int, grade: Callable[[Job], Outcome]
) -> Generator[Outcome, None, list[Job]]:
    """Grade jobs taken from the left of ``todo`` in one pool of judge processes, at most
    ``workers`` in flight, yielding each outcome; returns ``[]`` when ``todo`` is done, or
    the jobs that were in flight when a judge process died (the rest stay in ``todo``)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["grader.instructor.batch"])
    in_flight: dict[Future[Outcome], Job] = {}  # in submission order
    with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=context) as pool:
        try:
            while todo or in_flight:
                while todo and len(in_flight) < workers:
                    job = todo.popleft()
                    try:
                        in_flight[pool.submit(grade, job)] = job
                    except BrokenProcessPool:  # a judge died since the last wait: no new jobs here
                        todo.appendleft(job)
                        if not in_flight:
                            return []  # nobody in flight to blame: the rest go to a new pool
                        break
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                broken = any(isinstance(future.exception(), BrokenProcessPool) for future in done)
                if broken:
                    done = wait(in_flight).done  # a broken pool fails every future it holds
                suspects = []
                for future in [f for f in in_flight if f in done]:
                    job, error = in_flight.pop(future), future.exception()
                    if isinstance(error, BrokenProcessPool):
                        suspects.append(job)
                    elif error is not None:  # the outcome did not come back (unpicklable, say)
                        yield Outcome(job, None, f"{type(error).__name__}: {error}")
                    else:
                        yield future.result()
                if broken:
                    return suspects
        finally:
            for future in in_flight:
                future.cancel()
    return []


def on_dask(address: str) -> Runner:
    """Grade on the Dask cluster whose scheduler is at ``address`` (its workers need this
    grader installed); jobs carry the files' bytes, so workers need no shared disk."""

    def run(jobs: list[Job]) -> Iterator[Outcome]:
        try:
            from distributed import Client
            from distributed import as_completed as dask_completed
        except ImportError as exc:
            raise SubmissionError(
                "--scheduler needs Dask: pip install 'dls-grader[cluster]' (or dask[distributed])"
            ) from exc
        with Client(address, timeout="20s") as client:
            keys = [f"grade-{j.student}-{j.content_hash[:12]}" for j in jobs]
            futures = client.map(grade_job, jobs, pure=False, key=keys)
            job_of = {future.key: job for future, job in zip(futures, jobs, strict=True)}
            for future in dask_completed(futures):
                try:
                    yield future.result()
                except Exception as exc:  # a lost worker (KilledWorker) costs one submission
                    yield Outcome(job_of[future.key], None, f"{type(exc).__name__}: {exc}")

    return run
