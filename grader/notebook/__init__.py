r"""Check your work inside the notebook: ``from grader.notebook import check``.

Under an answer, ``check("update_parameters_with_adam")`` grades that function as the
kernel has it now, with the checks and the sandboxed worker of ``grade``; ``check()``
grades every graded function defined so far; ``check(final=True)`` grades the saved
notebook file exactly as ``grade ASSIGNMENT FILE`` does, and says where the file differs
from the kernel.  The value shows as HTML in Jupyter and as text elsewhere (``repr``).

The kernel is neither judge nor worker::

    kernel (the student's)              judge (python -m grader.notebook.judge)   worker
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

import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from grader.assignments import UnknownAssignment
from grader.notebook.judge import Judge
from grader.notebook.kernel import (
    KERNEL_FILE,
    differences,
    kernel_cells,
    notebook_metadata,
    notebook_path,
    resolve,
    wanted,
    write_notebook,
)
from grader.notebook.report import CELL_NOTE, CheckProblem, CheckReport
from grader.submission import SubmissionError, load_submission

__all__ = ["Check", "CheckReport", "check"]


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


check = Check()
