r"""The kernel side of ``check(...)``: the cells the kernel ran, as source, and the saved
notebook they belong to; nothing of the student's is imported or run here."""

from __future__ import annotations

import ast
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from grader.assignments import ASSIGNMENTS, Assignment, Group, UnknownAssignment, choose_member, get_target
from grader.notebook.report import CheckProblem
from grader.submission import Submission, SubmissionError, load_submission

#: The name the kernel's cells are graded under (messages say "kernel.ipynb, cell N").
KERNEL_FILE = "kernel.ipynb"


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
