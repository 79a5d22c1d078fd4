r"""Submission loader: a ``.py`` file, a notebook or a folder -> units of source to execute.

Nothing here executes student code; it only reads and parses text.

A *unit* is one notebook cell, or one ``.py`` file (or, when the file does not parse, one
top-level chunk of it), filtered to the statements that define things:

* kept: ``import`` and ``from ... import``, ``def``, ``class``, and assignments of
  literals (``ALPHA = 0.1``);
* dropped: everything else at top level (training, plotting, loading data, test calls),
  and IPython syntax (``%magic``, ``!shell``, ``obj?``; a cell starting with ``%%`` is skipped).

Each kept statement becomes its own unit, padded with blank lines so that line numbers
in tracebacks match the student's cell.  A cell that does not parse becomes a
:class:`LoadProblem` that costs the functions it defines (found by ``# GRADED FUNCTION:``
markers and ``def`` lines) and nothing else.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

GRADED_MARKER = re.compile(r"^\s*#\s*GRADED FUNCTION:\s*(\w+)", re.MULTILINE)
UNQ_MARKER = re.compile(r"^\s*#\s*UNQ_C\d+", re.MULTILINE)
DEF_LINE = re.compile(r"^(?:async\s+)?def\s+(\w+)|^class\s+(\w+)", re.MULTILINE)
IPYTHON_LINE = re.compile(r"^\s*(?:[%!]|\S.*\?\s*$)")
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
KEPT_NODES = (ast.Import, ast.ImportFrom, *DEFINITIONS)
SKIPPED_FOLDERS = {".ipynb_checkpoints", "__pycache__", ".git", ".venv"}
#: A submission is the files the student sent: a symbolic link is reported, never followed.
LINK_PROBLEM = "{name} is a symbolic link; links are not graded (submit the file itself)"


class SubmissionError(Exception):
    """The path cannot be read as a submission at all (told to the user as one sentence)."""


@dataclass(frozen=True)
class Unit:
    """One piece of source the worker executes, with where it came from."""

    filename: str  # shown in tracebacks, e.g. "Optimization_methods.ipynb, cell 14"
    source: str
    defines: tuple[str, ...]
    graded: bool = False


@dataclass(frozen=True)
class LoadProblem:
    """Something in the submission that could not be loaded, and what it costs."""

    where: str
    message: str
    affects: tuple[str, ...]


@dataclass
class Submission:
    path: Path
    units: list[Unit] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    graded_item_id: str | None = None

    def wire_units(self) -> list[dict]:
        return [{"filename": u.filename, "source": u.source} for u in self.units]

    def defined_names(self) -> set[str]:
        """Every name the submission defines or means to define (broken cells included)."""
        return {n for u in self.units for n in u.defines} | {n for p in self.problems for n in p.affects}

    def units_from(self, filename: str) -> list[Unit]:
        return [u for u in self.units if u.filename == filename]


# --------------------------------------------------------------------------- entry points


def load_submission(path: Path) -> Submission:
    """Read ``path`` (a ``.py`` file or ``.ipynb`` notebook) into units."""
    if path.suffix == ".ipynb":
        return load_notebook(path)
    if path.suffix == ".py":
        return load_module(path)
    raise SubmissionError(f"{path} is neither a .py file nor a .ipynb notebook")


def find_submission(folder: Path, functions: list[str]) -> tuple[Path, str | None]:
    """The file in ``folder`` that defines most of ``functions``, and a note if it was a pick.

    Raises :class:`SubmissionError` when no file defines any of them.
    """
    found = [c for c in sorted(folder.iterdir()) if c.suffix in (".py", ".ipynb")]
    links = [LINK_PROBLEM.format(name=c.name) for c in found if c.is_symlink()]  # never followed
    try:
        path, note = pick_submission([c for c in found if not c.is_symlink()], functions, where=str(folder))
    except SubmissionError as exc:
        message = "; ".join([str(exc), *links])
        raise SubmissionError(f"{message}. Pass the file to grade as an argument.") from None
    return path, "; ".join(filter(None, [note, *links])) or None


def pick_submission(candidates: list[Path], functions: list[str], where: str) -> tuple[Path, str | None]:
    """The candidate that defines most of ``functions`` (the newest on a tie), and a note
    naming its rivals if it was a pick.  ``where`` names the place in the error."""
    scored = []
    for candidate in candidates:
        if candidate.name.startswith((".", "test_")):
            continue
        text = _read_text(candidate)
        found = {name for name in functions if re.search(rf"def\s+{name}\s*\(", text)}
        if found:
            scored.append((len(found), candidate.stat().st_mtime, candidate))
    if not scored:
        raise SubmissionError(
            f"no .py or .ipynb file in {where} defines any of: {', '.join(functions)}"
        )
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    best = scored[0][2]
    rivals = [c.name for n, _, c in scored[1:] if n == scored[0][0]]
    note = f"grading {best.name} (newest of {best.name}, {', '.join(rivals)})" if rivals else None
    return best, note


# --------------------------------------------------------------------------- notebooks


def load_notebook(path: Path) -> Submission:
    import nbformat  # imported here: only notebooks need it

    text = _read_text(path)
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"{path.name} is not a valid notebook: broken JSON at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg}). Open it in Jupyter and save it again, "
            "or copy your functions into a .py file."
        ) from exc
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds
        raise SubmissionError(f"{path.name} is not a readable notebook: {exc}") from exc
    submission = Submission(path, graded_item_id=_graded_item_id(notebook))
    graded_units, other_units = [], []
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        graded = bool(
            GRADED_MARKER.search(source) or UNQ_MARKER.search(source) or _nbgrader_graded(cell)
        )
        where = f"{path.name}, cell {number}"
        units = _make_units(where, source, graded, submission.problems)
        (graded_units if graded else other_units).extend(units)
    # Graded cells run last, so the graded definition of a name wins over experiments.
    submission.units = other_units + graded_units
    return submission


def _graded_item_id(notebook: dict) -> str | None:
    coursera = notebook.get("metadata", {}).get("coursera", {})
    value = coursera.get("graded_item_id") if isinstance(coursera, dict) else None
    return str(value) if value else None


def _nbgrader_graded(cell: dict) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return isinstance(meta, dict) and bool(meta.get("grade_id")) and bool(
        meta.get("solution") or meta.get("grade")
    )


# --------------------------------------------------------------------------- .py files


def load_module(path: Path) -> Submission:
    """A ``.py`` file: one unit, or one unit per top-level chunk if the file does not parse."""
    text = _read_text(path)
    submission = Submission(path)
    try:
        ast.parse(text)
        chunks = [(1, text)]
    except SyntaxError:
        chunks = _split_top_level(text)
    for first_line, chunk in chunks:
        last_line = first_line + chunk.count("\n")
        where = path.name if len(chunks) == 1 else f"{path.name}, lines {first_line}-{last_line}"
        padded = "\n" * (first_line - 1) + chunk  # keep the file's line numbers
        submission.units += _make_units(where, padded, bool(GRADED_MARKER.search(chunk)), submission.problems)
    return submission


def _split_top_level(text: str) -> list[tuple[int, str]]:
    """Cut a file that does not parse before each top-level ``def``/``class``/marker block."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for i, line in enumerate(lines):
        if i == 0 or not re.match(r"(?:async\s+def|def|class|@|#\s*GRADED FUNCTION)\b", line):
            continue
        previous = next((p for p in reversed(lines[:i]) if p.strip()), "")
        if not re.match(r"@|#\s*GRADED FUNCTION", previous):
            starts.append(i)
    bounds = [*starts, len(lines)]
    return [(a + 1, "".join(lines[a:b])) for a, b in zip(bounds, bounds[1:], strict=False)]


# --------------------------------------------------------------------------- filtering


def _make_units(where: str, source: str, graded: bool, problems: list[LoadProblem]) -> list[Unit]:
    """One unit per kept top-level statement of ``source`` (a cell or a file).

    Separate units mean an exception while one ``def`` is executed (a default argument
    that raises, say) costs only what that statement defines.
    """
    if source.lstrip().startswith("%%"):
        return []  # a cell magic (%%time, %%capture...): not Python
    source = _strip_ipython(source)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        line = (exc.text or "").strip()
        message = f"syntax error in {where}, line {exc.lineno}: {exc.msg}" + (f" -> {line}" if line else "")
        problems.append(LoadProblem(f"{where}, line {exc.lineno}", message, _names_mentioned(source)))
        return []
    lines = source.splitlines()
    units = []
    for node in tree.body:
        if not _is_kept(node):
            continue
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        last = node.end_lineno or node.lineno
        text = "\n" * (first - 1) + "\n".join(lines[first - 1 : last]) + "\n"  # keep line numbers
        defines = (node.name,) if isinstance(node, DEFINITIONS) else ()
        units.append(Unit(where, text, defines, graded))
    return units


def _strip_ipython(source: str) -> str:
    out = []
    for line in source.splitlines():
        if IPYTHON_LINE.match(line) and not line.lstrip().startswith("#"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}pass" if indent else "")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def _names_mentioned(source: str) -> tuple[str, ...]:
    """Functions a unit is meant to define, readable even when it does not parse."""
    names = GRADED_MARKER.findall(source)
    names += [a or b for a, b in DEF_LINE.findall(source)]
    return tuple(dict.fromkeys(names))


def _is_kept(node: ast.stmt) -> bool:
    if isinstance(node, KEPT_NODES):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        try:
            ast.literal_eval(node.value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return False
        return True
    return False


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{path.name} is not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise SubmissionError(f"cannot read {path}: {exc.strerror}") from exc
