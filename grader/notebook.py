r"""Check your work inside the notebook: ``from grader.notebook import check``.

Under an answer, ``check("update_parameters_with_adam")`` grades that function as the
kernel has it now, with the checks and the sandboxed worker of ``grade``; ``check()``
grades every graded function defined so far; ``check(final=True)`` grades the saved
notebook file exactly as ``grade ASSIGNMENT FILE`` does, and says where the file differs
from the kernel.  The value shows as HTML in Jupyter and as text elsewhere (``repr``).

The kernel is neither judge nor worker::

    kernel (the student's)              judge (python -m grader.notebook)       worker
    the executed cells, as text  ──>    grader.api.grade(..., exercises=[...])  <──> sandboxed
    (IPython's input history)     <──   the result, as JSON                           student code

* The functions are taken as **source**, never as live objects: the cells the kernel ran
  (IPython's input history, ``In``), in order, become a notebook that the submission loader
  reads like any other (imports, ``def``/``class`` and constants kept, everything else
  dropped).  A cell that did not compile ran nothing in the kernel and is left out.  Cell
  ``N`` in messages is the cell the kernel ran as ``[N]``.
* Nothing of the student's is imported or run in the kernel's process, and the kernel's
  globals are neither read for values nor changed: the judge is a child process of the
  kernel (started on the first check, kept for the next ones, so imports are paid once),
  which starts the sandboxed worker as ``grade`` does.
* The assignment is the one named (``check.assignment = "week2"`` or
  ``check(..., assignment="week2")``), else the saved notebook's (its ``dls_grader`` or
  Coursera metadata), else the one whose functions the cells define
  (:func:`grader.assignments.choose_member`).
* The saved notebook is found through the kernel (``JPY_SESSION_NAME``/``__session__`` as
  Jupyter sets them, ``__vsc_ipynb_file__`` as VS Code does), else given as ``path=``.

Everything shown comes from a submission, so the HTML escapes every text it shows.
"""

from __future__ import annotations

import ast
import atexit
import html
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import IO, Any

from grader.assignments import ASSIGNMENTS, Assignment, Group, UnknownAssignment, choose_member, get_target
from grader.render import STATUS_MARK, points, render_text
from grader.results import AssignmentResult, CheckResult, ExerciseResult, is_public_note
from grader.submission import Submission, SubmissionError, load_submission

#: The name the kernel's cells are graded under (messages say "kernel.ipynb, cell N").
KERNEL_FILE = "kernel.ipynb"
CELL_NOTE = "cell N is the cell this kernel ran as [N]"
#: Seconds a judge may take for one exercise (the grading's own budgets end it sooner).
JUDGE_SECONDS_PER_EXERCISE = 60.0
PACKAGE_PARENT = Path(__file__).resolve().parent.parent
STATUS_COLOUR = {"passed": "#1a7f37", "failed": "#b35900", "missing": "#57606a", "error": "#cf222e"}


class CheckProblem(Exception):
    """Nothing could be graded; the message says why, in one sentence."""


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` returns: a result (or the sentence why there is none), shown as HTML
    in Jupyter and as text by ``repr``."""

    result: AssignmentResult | None
    problem: str = ""
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    final: bool = False
    public_only: bool = False

    @property
    def score(self) -> float:
        return self.result.score if self.result else 0.0

    @property
    def max_score(self) -> float:
        return self.result.max_score if self.result else 0.0

    def __repr__(self) -> str:
        if self.result is None:
            return f"check: {self.problem}"
        lines = [self._headline(), render_text(self.result)]
        if self.notes:
            lines += ["", *(f"* {note}" for note in self.notes)]
        return "\n".join(lines)

    def _headline(self) -> str:
        return f"check ({self._what()}):"

    def _what(self) -> str:
        what = "the saved notebook, as the instructor grades it" if self.final else "this kernel's cells"
        public = "public checks only; " if self.public_only else ""
        return f"{public}{what}; {self.seconds:.1f} s"

    def _repr_html_(self) -> str:
        if self.result is None:
            return f'<div class="dls-check dls-check-problem"><b>check:</b> {_esc(self.problem)}</div>'
        result = self.result
        out = [
            '<div class="dls-check" style="font-family: sans-serif; line-height: 1.4">',
            f'<p class="dls-check-score"><b>{_esc(result.assignment)}: {points(result.score)} / '
            f"{points(result.max_score)} points</b> <small>({_esc(self._what())})</small></p>",
        ]
        if self.public_only:
            out.append(f'<p class="dls-check-public"><i>{_esc(_public_note(result))}</i></p>')
        out.append(_exercise_table(result.exercises))
        failed = _failed_checks(result.exercises)
        if failed:
            out.append('<p style="margin-bottom: 0.2em"><b>What to fix:</b></p><ul class="dls-check-failed">')
            out += [_failed_item(exercise, check) for exercise, check in failed]
            out.append("</ul>")
        notes = [n for n in result.notes if not (self.public_only and n == _public_note(result))]
        notes += self.notes
        if notes:
            out.append('<ul class="dls-check-notes" style="color: #57606a">')
            out += [f"<li>{_esc(note)}</li>" for note in notes]
            out.append("</ul>")
        out.append(f'<p class="dls-check-footer" style="color: #57606a"><small>sandbox: '
                   f"{_esc(result.sandbox)}</small></p></div>")  # fmt: skip
        return "\n".join(out)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _exercise_table(exercises: tuple[ExerciseResult, ...]) -> str:
    rows = [
        f'<tr class="dls-check-{_esc(e.status)}"><td style="text-align: left"><code>{_esc(e.name)}</code></td>'
        f'<td style="text-align: left; color: {STATUS_COLOUR[e.status]}"><b>{_esc(STATUS_MARK[e.status])}</b></td>'
        f'<td style="text-align: right">{points(e.score)} / {points(e.max_score)}</td></tr>'
        for e in exercises
    ]
    head = ('<tr><th style="text-align: left">exercise</th><th style="text-align: left">status</th>'
            '<th style="text-align: right">points</th></tr>')  # fmt: skip
    return f'<table class="dls-check-exercises"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _failed_checks(exercises: tuple[ExerciseResult, ...]) -> list[tuple[ExerciseResult, CheckResult]]:
    """Each failed check, but one line per missing or broken function (as ``render_text``)."""
    shown = []
    for exercise in exercises:
        said: set[str] = set()
        for check in exercise.checks:
            if check.passed or (check.fault and check.message in said):
                continue
            if check.fault:
                said.add(check.message)
            shown.append((exercise, check))
    return shown


def _failed_item(exercise: ExerciseResult, check: CheckResult) -> str:
    hint = f'<div class="dls-check-hint"><b>hint:</b> {_esc(check.hint)}</div>' if check.hint else ""
    return (
        f'<li class="dls-check-check"><code>{_esc(exercise.name)}</code> / <code>{_esc(check.name)}</code> '
        f"(0 of {points(check.max_score)})"
        f'<pre class="dls-check-message" style="white-space: pre-wrap; margin: 0.2em 0">{_esc(check.message)}</pre>'
        f"{hint}</li>"
    )


def _public_note(result: AssignmentResult) -> str:
    return next((n for n in result.notes if is_public_note(n)), "These are the public checks.")


# --------------------------------------------------------------------------- check


class Check:
    """The ``check`` students import.  ``check.assignment`` names the assignment once."""

    def __init__(self) -> None:
        self.assignment: str | None = None
        self._judge = Judge()

    def __repr__(self) -> str:
        return 'check("name") grades one function of this notebook; check() every one defined so far'

    def __call__(
        self,
        name: str | None = None,
        *,
        assignment: str | None = None,
        final: bool = False,
        path: str | os.PathLike[str] | None = None,
    ) -> CheckReport:
        started = time.monotonic()
        # The judge runs in another folder: a relative path is the kernel's, so made absolute.
        saved = Path(path).expanduser().resolve() if path else None
        try:
            if final:
                report = self._final(assignment, saved)
            else:
                report = self._kernel(name, assignment, saved)
        except (CheckProblem, SubmissionError, UnknownAssignment) as exc:
            report = CheckReport(None, problem=str(exc).strip("'\""), final=final)
        return replace(report, seconds=time.monotonic() - started)

    def _kernel(self, name: str | None, assignment: str | None, path: Path | None) -> CheckReport:
        cells = kernel_cells()
        if cells is None:
            raise CheckProblem("check() grades the cells of a Jupyter/IPython kernel, and there is none "
                               "here; grade a saved file with check(final=True, path='my_notebook.ipynb') "
                               "or `grade ASSIGNMENT FILE` in a terminal")  # fmt: skip
        saved = path or notebook_path()
        metadata = notebook_metadata(saved) if saved else {}
        with tempfile.TemporaryDirectory(prefix="dls-check-") as folder:
            file = write_notebook(Path(folder) / KERNEL_FILE, cells, metadata)
            submission = load_submission(file)
            chosen = resolve(assignment or self.assignment, metadata, submission)
            exercises = wanted(chosen, name, submission)
            result, public = self._judge.grade(chosen.name, file, exercises)
        result = replace(result, submission=f"this kernel's cells [1]-[{len(cells)}]",
                         notes=tuple(n for n in result.notes if not n.startswith("graded only ")))  # fmt: skip
        texts = [c.message for e in result.exercises for c in e.checks] + list(result.notes)
        cited = any(f"{KERNEL_FILE}, cell" in t or "(cell " in t for t in texts)
        return CheckReport(result, notes=(CELL_NOTE,) if cited else (), public_only=public)

    def _final(self, assignment: str | None, path: Path | None) -> CheckReport:
        saved = path or notebook_path()
        if saved is None:
            raise CheckProblem("cannot tell which file this notebook is saved as; "
                               "name it: check(final=True, path='my_notebook.ipynb')")  # fmt: skip
        disk = load_submission(saved)
        metadata = notebook_metadata(saved)
        chosen = resolve(assignment or self.assignment, metadata, disk)
        result, public = self._judge.grade(chosen.name, saved, None)
        notes = ["graded the saved file as `grade "
                 f"{chosen.name} {saved.name}` does (save first: unsaved changes are not graded)"]  # fmt: skip
        cells = kernel_cells()
        if cells is not None:
            notes += differences(cells, disk)
        return CheckReport(result, notes=tuple(notes), final=True, public_only=public)


# --------------------------------------------------------------------------- the kernel side


def _shell() -> Any:
    """The running IPython shell, or None (a plain interpreter, or no IPython installed)."""
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None)
    return get() if get else None


def kernel_cells() -> list[str] | None:
    """The source of every cell this kernel ran, in order (``[1]`` first); a cell that does
    not compile (it ran nothing) is blank.  ``None`` outside IPython."""
    shell = _shell()
    if shell is None:
        return None
    cells = [str(cell) for cell in shell.history_manager.input_hist_raw[1:]]
    return [cell if _compiles(shell, cell) else "" for cell in cells]


def _compiles(shell: Any, cell: str) -> bool:
    """Whether IPython could compile ``cell`` (parsed only, never run)."""
    try:
        python = shell.transform_cell(cell)
        compile(python, "<cell>", "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    except Exception:  # an input transformer failing: IPython did not run it either
        return False
    return True


def notebook_path() -> Path | None:
    """The saved notebook of this kernel, as the front end tells it (None if it does not)."""
    shell = _shell()
    namespace = shell.user_ns if shell is not None else {}
    candidates = [os.environ.get("JPY_SESSION_NAME"), namespace.get("__session__"),
                  namespace.get("__vsc_ipynb_file__")]  # fmt: skip
    for candidate in candidates:
        if not isinstance(candidate, str) or not candidate.endswith(".ipynb"):
            continue
        path = Path(candidate)
        for found in (path, Path.cwd() / path, Path.cwd() / path.name):
            if found.is_file():
                return found.resolve()
    return None


def notebook_metadata(path: Path) -> dict:
    """The notebook's metadata (``{}`` for a .py file or a file the loader refuses)."""
    if path.suffix != ".ipynb":
        return {}
    try:
        load_submission(path)  # within the loader's bounds, or SubmissionError
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (SubmissionError, OSError, ValueError):
        return {}
    metadata = doc.get("metadata") if isinstance(doc, dict) else None
    return metadata if isinstance(metadata, dict) else {}


def write_notebook(path: Path, cells: list[str], metadata: dict) -> Path:
    """The kernel's cells as a notebook whose cell ``N`` is the cell run as ``[N]``."""
    import nbformat
    from nbformat import v4

    kept = {k: metadata[k] for k in ("coursera", "dls_grader") if k in metadata}
    notebook = v4.new_notebook(cells=[v4.new_code_cell(cell) for cell in cells], metadata=kept)
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    return path


def resolve(name: str | None, metadata: dict, submission: Submission) -> Assignment:
    """The assignment being checked: named, else the notebook's, else found from the cells."""
    defined = submission.defined_names()
    name = name or _metadata_assignment(metadata)
    if name:
        target = get_target(name)
        return (
            choose_member(target, submission.graded_item_id, defined)[0]
            if isinstance(target, Group)
            else target
        )
    everything = Group("every", "every assignment", tuple(ASSIGNMENTS))
    try:
        return choose_member(everything, submission.graded_item_id, defined)[0]
    except UnknownAssignment:
        overlap = sorted(ASSIGNMENTS, key=lambda a: -len(defined & set(ASSIGNMENTS[a].exercises)))
        best = [a for a in overlap if defined & set(ASSIGNMENTS[a].exercises)]
        if not best:
            raise CheckProblem("no graded function is defined in this kernel yet: run the cell that "
                               "defines one, then check again") from None  # fmt: skip
        raise CheckProblem(f"cannot tell which assignment this is ({', '.join(best)}); name it once: "
                           f'check.assignment = "{best[0]}"') from None  # fmt: skip


def _metadata_assignment(metadata: dict) -> str | None:
    ours = metadata.get("dls_grader")
    name = ours.get("assignment") if isinstance(ours, dict) else None
    return name if isinstance(name, str) and name in ASSIGNMENTS else None


def wanted(assignment: Assignment, name: str | None, submission: Submission) -> list[str]:
    """The exercises to grade: ``name``, or every one the cells define."""
    if name is not None:
        if name not in assignment.exercises:
            raise CheckProblem(f"{assignment.name} has no graded function {name!r}; "
                               f"its functions: {', '.join(assignment.exercises)}")  # fmt: skip
        return [name]
    defined = [e for e in assignment.exercises if e in submission.defined_names()]
    if not defined:
        raise CheckProblem(f"no function of {assignment.name} is defined in this kernel yet: "
                           "run the cell that defines one, then check again")  # fmt: skip
    return defined


def differences(cells: list[str], disk: Submission) -> list[str]:
    """Sentences naming the definitions in which the saved file and the kernel differ."""
    with tempfile.TemporaryDirectory(prefix="dls-check-") as folder:
        kernel = load_submission(write_notebook(Path(folder) / KERNEL_FILE, cells, {}))
    ours, saved = _definitions(kernel), _definitions(disk)
    changed = [n for n in ours if n in saved and ours[n] != saved[n]]
    unsaved = [n for n in ours if n not in saved]
    not_run = [n for n in saved if n not in ours]
    said = []
    if changed:
        said.append(f"the saved file differs from this kernel in {', '.join(changed)}: "
                    "save the notebook (or run the changed cells) so that both agree")  # fmt: skip
    if unsaved:
        said.append(f"defined in this kernel but not in the saved file: {', '.join(unsaved)}")
    if not_run:
        said.append(f"in the saved file but never run in this kernel: {', '.join(not_run)}")
    return said or ["the saved file defines the same functions as this kernel"]


def _definitions(submission: Submission) -> dict[str, str]:
    """Each name's definition as the worker ends up with it (the last one loaded)."""
    found: dict[str, str] = {}
    for unit in submission.units:
        for name in unit.defines:
            found[name] = unit.text.strip()
    return found


# --------------------------------------------------------------------------- the judge


class Judge:
    """The judge process of one kernel: ``python -m grader.notebook``, one JSON request and
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
                [sys.executable, "-P", "-m", "grader.notebook"],
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


check = Check()

if __name__ == "__main__":
    _main()
