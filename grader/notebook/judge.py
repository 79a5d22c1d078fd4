r"""The judge process of a kernel's checks: ``python -m grader.notebook.judge``, one JSON
request and one JSON reply a line, grading as ``grade`` does."""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import IO

from grader.assignments import ASSIGNMENTS, UnknownAssignment
from grader.notebook.report import CheckProblem
from grader.results import AssignmentResult, CheckResult, ExerciseResult, is_public_note
from grader.submission import SubmissionError

#: Seconds a judge may take for one exercise (the grading's own budgets end it sooner).
JUDGE_SECONDS_PER_EXERCISE = 60.0
PACKAGE_PARENT = Path(__file__).resolve().parents[2]


class Judge:
    """The judge process of one kernel: ``python -m grader.notebook.judge``, one JSON request and
    one JSON reply a line.  Started on the first check, restarted if it died."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None

    def grade(
        self, assignment: str, path: Path, exercises: list[str] | None
    ) -> tuple[AssignmentResult, bool]:
        request = {"assignment": assignment, "path": str(path), "exercises": exercises}
        count = len(exercises) if exercises else len(ASSIGNMENTS[assignment].exercises)
        reply = self.ask(request, timeout=30.0 + JUDGE_SECONDS_PER_EXERCISE * count)
        if "error" in reply:
            raise CheckProblem(str(reply["error"]))
        return result_from_dict(reply["result"]), bool(reply.get("public_only"))

    def ask(self, request: dict, timeout: float) -> dict:
        for _ in range(2):  # once more with a new judge if the old one had died
            process = self._running()
            try:
                assert process.stdin is not None and process.stdout is not None
                process.stdin.write(json.dumps(request) + "\n")
                process.stdin.flush()
                line = _read_line(process.stdout, timeout)
            except BrokenPipeError:
                line = ""
            except BaseException:  # interrupted (the student pressed stop): the reply is lost
                self.stop()
                raise
            if line is None:
                self.stop()
                return {"error": f"the grading took longer than {timeout:g} s and was stopped"}
            if line:
                return json.loads(line)
            self.stop()
        return {
            "error": "the grader's judge process stopped; check again (restart the kernel if it persists)"
        }

    def _running(self) -> subprocess.Popen[str]:
        if self.process is None or self.process.poll() is not None:
            self.stop()
            path = os.pathsep.join(filter(None, [str(PACKAGE_PARENT), os.environ.get("PYTHONPATH")]))
            # -P: the working folder (the shared temporary folder) is not put on sys.path, so
            # a module planted there (json.py, numpy.py) is never imported by the judge.
            self.process = subprocess.Popen(
                [sys.executable, "-P", "-m", "grader.notebook.judge"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                cwd=tempfile.gettempdir(),
                env={**os.environ, "PYTHONPATH": path},
                start_new_session=True,
            )
            atexit.register(self.stop)
        return self.process

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()  # our own child; its workers are killed by their own sandbox
        process.wait()
        for stream in (process.stdin, process.stdout):  # a dead judge's pipes, closed too
            try:
                if stream is not None:
                    stream.close()
            except OSError:  # flushing into a pipe nobody reads any more
                pass


def _read_line(stream: IO[str], timeout: float) -> str | None:
    """One line ("" when the process ended), or None after ``timeout`` seconds."""
    ready, _, _ = select.select([stream], [], [], timeout)
    return stream.readline() if ready else None


def result_from_dict(doc: dict) -> AssignmentResult:
    """An :class:`AssignmentResult` from ``dataclasses.asdict`` of one (cleaned again)."""
    exercises = tuple(
        ExerciseResult(**{**e, "checks": tuple(CheckResult(**c) for c in e["checks"])})
        for e in doc["exercises"]
    )
    return AssignmentResult(**{**doc, "exercises": exercises, "notes": tuple(doc["notes"])})


def serve(requests: IO[str], replies: IO[str]) -> None:
    """The judge's loop: grade each request with :func:`grader.api.grade`, reply in JSON."""
    from grader import api

    for line in iter(requests.readline, ""):
        request = json.loads(line)
        try:
            result = api.grade(request["assignment"], Path(request["path"]), exercises=request["exercises"])
            reply: dict = {"result": asdict(result), "public_only": any(map(is_public_note, result.notes))}
        except (SubmissionError, UnknownAssignment, ValueError) as exc:
            reply = {"error": str(exc).strip("'\"")}
        except Exception as exc:  # a bug of the grader: said, and the judge goes on
            reply = {"error": f"the grader failed ({type(exc).__name__}): {str(exc)[:1000]}"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def _main() -> None:
    # Replies go to a private copy of stdout; whatever else writes to fd 1 lands on stderr.
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    os.dup2(2, 1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    serve(requests, replies)


if __name__ == "__main__":
    _main()
