r"""Submission loader: a ``.py`` file, a notebook or a folder -> units of source to execute.

Nothing here executes student code; it only reads and parses text.

A *unit* is one notebook cell, or one ``.py`` file (or, when the file does not parse, one
top-level chunk of it), filtered to the statements that define things:

* kept: ``import`` and ``from ... import``, ``def``, ``class``, and assignments of
  literals (``ALPHA = 0.1``);
* dropped: everything else at top level (training, plotting, loading data, test calls),
  and, in notebooks only, IPython syntax as IPython itself reads it (a logical line that
  starts with ``%``, ``!`` or ``?``, ``x = %magic``/``x = !shell``, or whose last token is
  ``?``; a comment ending in ``?`` is a comment); a cell starting with ``%%`` is skipped.
  A ``.py`` file is Python: nothing in it is stripped.

Each kept statement becomes its own unit, with the line it starts on in its cell, so that
line numbers in tracebacks match the student's cell.  A cell that does not parse becomes a
:class:`LoadProblem` that costs the functions it defines (found by ``# GRADED FUNCTION:``
markers and ``def`` lines) and nothing else.

Bounds (every one linear in the file's size, each with its own student-facing sentence):

* a ``.py`` file is at most :data:`MAX_PY_BYTES`, a notebook :data:`MAX_NOTEBOOK_BYTES`,
  and notebook JSON nests at most :data:`MAX_JSON_DEPTH` levels (else :class:`SubmissionError`);
* the first :data:`MAX_CELLS` cells of a notebook (and no more than :data:`MAX_PY_BYTES` of
  code in them) and the first :data:`MAX_STATEMENTS` kept statements of a submission are
  loaded; what lies beyond costs the functions it defines, reported as one
  :class:`LoadProblem`;
* a cell nested too deeply for Python's parser (``RecursionError``, ``MemoryError``) is a
  :class:`LoadProblem` of that cell, like a syntax error;
* at most :data:`MAX_PROBLEMS` problems are listed one by one; the rest are one more.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

GRADED_MARKER = re.compile(r"^\s*#\s*GRADED FUNCTION:\s*(\w+)", re.MULTILINE)
UNQ_MARKER = re.compile(r"^\s*#\s*UNQ_C\d+", re.MULTILINE)
DEF_LINE = re.compile(r"^(?:async\s+)?def\s+(\w+)|^class\s+(\w+)", re.MULTILINE)
NEWLINE = re.compile(r"\r\n|\r|\n")
SPLIT_LINE = re.compile(r"(?:async\s+def|def|class|@|#\s*GRADED FUNCTION)\b")
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
KEPT_NODES = (ast.Import, ast.ImportFrom, *DEFINITIONS)
SKIPPED_FOLDERS = {".ipynb_checkpoints", "__pycache__", ".git", ".venv"}
#: A submission is the files the student sent: a symbolic link is reported, never followed.
LINK_PROBLEM = "{name} is a symbolic link; links are not graded (submit the file itself)"

#: A Coursera solution file is under 100 KB; a notebook with its plots a few MB.
MAX_PY_BYTES = 4 * 2**20
MAX_NOTEBOOK_BYTES = 64 * 2**20
#: A saved notebook nests about 8 levels (cells, outputs, data, metadata).
MAX_JSON_DEPTH = 64
#: A Coursera notebook has about 100 cells and 200 kept statements.
MAX_CELLS = 2000
MAX_STATEMENTS = 2000
MAX_PROBLEMS = 50
#: First tokens of an IPython escaped command (``%magic``, ``!shell``, ``?help``).
IPYTHON_ESCAPES = {"%", "!", "?"}
PARSE_LIMITS = (RecursionError, MemoryError)  # what ast.parse raises on deep nesting


class SubmissionError(Exception):
    """The path cannot be read as a submission at all (told to the user as one sentence)."""


@dataclass(frozen=True)
class Unit:
    """One statement the worker executes, with where it came from.

    ``text`` is the statement itself and ``first_line`` the line of its cell (or file) it
    starts on; the worker compiles it at that line, so tracebacks and messages name the
    student's own line numbers without any padding crossing the wire.
    """

    filename: str  # shown in tracebacks, e.g. "Optimization_methods.ipynb, cell 14"
    text: str
    defines: tuple[str, ...]
    graded: bool = False
    first_line: int = 1

    @property
    def source(self) -> str:
        """The text at its own line numbers (blank lines above it): built on demand, for
        readers that report lines of one unit (:mod:`grader.judge.unfinished`)."""
        return "\n" * (self.first_line - 1) + self.text


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
        """The units as the worker's ``load`` takes them (``line``: where the text starts)."""
        return [{"filename": u.filename, "source": u.text, "line": u.first_line} for u in self.units]

    def defined_names(self) -> set[str]:
        """Every name the submission defines or means to define (broken cells included)."""
        return {n for u in self.units for n in u.defines} | {n for p in self.problems for n in p.affects}

    def units_from(self, filename: str) -> list[Unit]:
        return [u for u in self.units if u.filename == filename]


# --------------------------------------------------------------------------- entry points


def load_submission(path: Path) -> Submission:
    """Read ``path`` (a ``.py`` file or ``.ipynb`` notebook) into units, within the bounds
    stated in this module's docstring."""
    if path.suffix == ".ipynb":
        submission = load_notebook(path)
    elif path.suffix == ".py":
        submission = load_module(path)
    else:
        raise SubmissionError(f"{path} is neither a .py file nor a .ipynb notebook")
    return _within_bounds(submission)


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
        try:
            text = _read_text(candidate)
        except SubmissionError:
            continue  # too big or not text: not a candidate
        found = {name for name in functions if re.search(rf"def\s+{name}\s*\(", text)}
        if found:
            scored.append((len(found), candidate.stat().st_mtime, candidate))
    if not scored:
        raise SubmissionError(f"no .py or .ipynb file in {where} defines any of: {', '.join(functions)}")
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    best = scored[0][2]
    rivals = [c.name for n, _, c in scored[1:] if n == scored[0][0]]
    note = f"grading {best.name} (newest of {best.name}, {', '.join(rivals)})" if rivals else None
    return best, note


# --------------------------------------------------------------------------- notebooks


def load_notebook(path: Path) -> Submission:
    import nbformat  # imported here: only notebooks need it

    doc, text = _notebook_json(path)
    cells = doc.get("cells") if isinstance(doc, dict) else None
    beyond: list[LoadProblem] = []
    read = _cells_to_read(cells) if isinstance(cells, list) else 0
    if isinstance(doc, dict) and isinstance(cells, list) and read < len(cells):
        beyond.append(_cells_beyond_the_limit(path.name, cells, read))
        text = json.dumps({**doc, "cells": cells[:read]})
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises many kinds
        raise SubmissionError(f"{path.name} is not a readable notebook: {str(exc)[:300]}") from exc
    submission = Submission(path, graded_item_id=_graded_item_id(notebook))
    graded_units: list[Unit] = []
    other_units: list[Unit] = []
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        source = _cell_source(cell)
        if source.lstrip().startswith("%%"):
            continue  # a cell magic (%%time, %%capture...): not Python
        graded = bool(GRADED_MARKER.search(source) or UNQ_MARKER.search(source) or _nbgrader_graded(cell))
        where = f"{path.name}, cell {number}"
        units = _make_units(where, _strip_ipython(source), graded, submission.problems)
        (graded_units if graded else other_units).extend(units)
    # Graded cells run last, so the graded definition of a name wins over experiments.
    submission.units = other_units + graded_units
    submission.problems += beyond
    return submission


def _notebook_json(path: Path) -> tuple[object, str]:
    """The notebook's parsed JSON and its text, refused if broken or nested too deeply."""
    text = _read_text(path, MAX_NOTEBOOK_BYTES)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"{path.name} is not a valid notebook: broken JSON at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg}). Open it in Jupyter and save it again, "
            "or copy your functions into a .py file."
        ) from exc
    except PARSE_LIMITS:
        doc = None  # deeper than the JSON parser goes: over the limit below, too
    if doc is None or _json_depth(doc) > MAX_JSON_DEPTH:
        raise SubmissionError(
            f"{path.name} is not a notebook Jupyter saves: its JSON nests deeper than "
            f"{MAX_JSON_DEPTH} levels. Open it in Jupyter and save it again, or copy your "
            "functions into a .py file."
        )
    return doc, text


def _json_depth(doc: object) -> int:
    """How deeply ``doc`` nests (a scalar is 0), without recursion; stops past the limit."""
    deepest, stack = 0, [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def _cells_to_read(cells: list) -> int:
    """How many of ``cells`` the grader reads: at most :data:`MAX_CELLS`, holding at most
    :data:`MAX_PY_BYTES` characters of code (as much as a ``.py`` file may have)."""
    code = 0
    for number, cell in enumerate(cells[:MAX_CELLS]):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            code += len(_cell_source(cell))
            if code > MAX_PY_BYTES:
                return number
    return min(len(cells), MAX_CELLS)


def _cells_beyond_the_limit(name: str, cells: list, read: int) -> LoadProblem:
    """The problem that the cells after the first ``read`` are not read, and what they cost."""
    mentioned = [n for cell in cells[read:] if isinstance(cell, dict)
                 for n in _names_mentioned(_cell_source(cell))]  # fmt: skip
    message = (f"{name} has {len(cells)} cells; the grader reads at most {MAX_CELLS} cells and "
               f"{MAX_PY_BYTES // 2**20} MB of code, here cells 1-{read}. Delete the cells you do "
               "not need and submit again.")  # fmt: skip
    return LoadProblem(f"{name}, cell {read + 1}", message, tuple(dict.fromkeys(mentioned)))


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(map(str, source)) if isinstance(source, list) else str(source)


def _graded_item_id(notebook: dict) -> str | None:
    coursera = notebook.get("metadata", {}).get("coursera", {})
    value = coursera.get("graded_item_id") if isinstance(coursera, dict) else None
    return str(value)[:100] if value else None


def _nbgrader_graded(cell: dict) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return (
        isinstance(meta, dict)
        and bool(meta.get("grade_id"))
        and bool(meta.get("solution") or meta.get("grade"))
    )


# --------------------------------------------------------------------------- .py files


def load_module(path: Path) -> Submission:
    """A ``.py`` file: its statements, or those of each top-level chunk if it does not parse."""
    text = _read_text(path, MAX_PY_BYTES)
    submission = Submission(path)
    try:
        tree = ast.parse(text)
    except (SyntaxError, *PARSE_LIMITS):
        tree = None  # each top-level chunk on its own: only the broken ones cost
    if tree is not None:
        submission.units = _kept_units(path.name, text, tree, bool(GRADED_MARKER.search(text)))
        return submission
    for first_line, chunk in _split_top_level(text):
        last_line = first_line + chunk.count("\n")
        where = f"{path.name}, lines {first_line}-{last_line}"
        graded = bool(GRADED_MARKER.search(chunk))
        submission.units += _make_units(where, chunk, graded, submission.problems, first_line)
    return submission


def _split_top_level(text: str) -> list[tuple[int, str]]:
    """Cut a file that does not parse before each top-level ``def``/``class``/marker block
    (one pass over the lines)."""
    lines = text.splitlines(keepends=True)
    starts, previous = [0], ""  # previous: the last non-blank line above
    for i, line in enumerate(lines):
        if i and SPLIT_LINE.match(line) and not re.match(r"@|#\s*GRADED FUNCTION", previous):
            starts.append(i)
        if line.strip():
            previous = line
    bounds = [*starts, len(lines)]
    return [(a + 1, "".join(lines[a:b])) for a, b in zip(bounds, bounds[1:], strict=False)]


# --------------------------------------------------------------------------- filtering


def _make_units(
    where: str, source: str, graded: bool, problems: list[LoadProblem], first_line: int = 1
) -> list[Unit]:
    """One unit per kept top-level statement of ``source`` (a cell, a file or a chunk of a
    file that starts at ``first_line``); linear in the length of ``source``.

    Separate units mean an exception while one ``def`` is executed (a default argument
    that raises, say) costs only what that statement defines.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        line = (exc.text or "").strip()[:200]
        lineno = (exc.lineno or 1) + first_line - 1
        message = f"syntax error in {where}, line {lineno}: {exc.msg}" + (f" -> {line}" if line else "")
        problems.append(LoadProblem(f"{where}, line {lineno}", message, _names_mentioned(source)))
        return []
    except PARSE_LIMITS:
        problems.append(_too_deep(where, source))
        return []
    return _kept_units(where, source, tree, graded, first_line)


def _kept_units(where: str, source: str, tree: ast.Module, graded: bool, first_line: int = 1) -> list[Unit]:
    """The units of the kept statements of ``tree`` (parsed from ``source``)."""
    lines = _Lines(source)
    units = []
    for node in tree.body:
        if not _is_kept(node):
            continue
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        text = lines.statement(node, first)
        defines = (node.name,) if isinstance(node, DEFINITIONS) else ()
        units.append(Unit(where, text, defines, graded, first + first_line - 1))
    return units


def _too_deep(where: str, source: str) -> LoadProblem:
    """The problem of a source nested deeper than Python's parser goes."""
    message = (f"{where} is nested too deeply for Python to read (brackets or operators "
               "inside one another); write it as several statements")  # fmt: skip
    return LoadProblem(where, message, _names_mentioned(source))


class _Lines:
    """The lines of a source, and the text of one statement in it, in time linear in the
    statement (so all of a source's statements cost its length once)."""

    def __init__(self, source: str) -> None:
        self.lines = NEWLINE.split(source)  # as Python counts lines (not str.splitlines)
        self._encoded: dict[int, bytes] = {}

    def statement(self, node: ast.stmt, first: int) -> str:
        """``node``'s text from line ``first`` (its first decorator) to its end.  Whole
        lines, unless another statement shares them (``a = 1; b = 2``): then only its
        columns."""
        last = node.end_lineno or node.lineno
        start = node.col_offset if first == node.lineno else 0
        end = node.end_col_offset
        if end is None or (start == 0 and end >= len(self._bytes(last))):
            return "\n".join(self.lines[first - 1 : last]) + "\n"
        if first == last:
            return self._bytes(first)[start:end].decode() + "\n"
        head = self._bytes(first)[start:].decode()
        tail = self._bytes(last)[:end].decode()
        return "\n".join([head, *self.lines[first : last - 1], tail]) + "\n"

    def _bytes(self, number: int) -> bytes:
        """Line ``number`` in UTF-8 (the unit of ``ast`` column offsets), encoded once."""
        if number not in self._encoded:
            line = self.lines[number - 1] if number <= len(self.lines) else ""
            self._encoded[number] = line.encode()
        return self._encoded[number]


def _strip_ipython(source: str) -> str:
    """A notebook cell with IPython's own syntax blanked out (``pass`` where it was
    indented), as IPython's transformers find it: by tokens of logical lines, so that a
    comment or a string that ends in ``?`` stays what it is.  A cell that does not
    tokenize is returned as it is (and reported as a syntax error)."""
    if not any(c in source for c in IPYTHON_ESCAPES):
        return source
    lines = source.splitlines()
    try:
        for first, last in _ipython_lines(source):
            for number in range(first, last + 1):
                line = lines[number - 1]
                indent = line[: len(line) - len(line.lstrip())]
                lines[number - 1] = f"{indent}pass" if indent and number == first else ""
    except (tokenize.TokenError, SyntaxError):
        return source
    return "\n".join(lines) + "\n"


def _ipython_lines(source: str) -> list[tuple[int, int]]:
    """The (first, last) physical lines of each logical line of ``source`` that is IPython
    syntax: it starts with an escape (``%``, ``!``, ``?``), assigns one (``x = %time f()``,
    ``files = !ls``), or its last token before the end of the line is ``?`` (help)."""
    found, logical = [], []
    skipped = {tokenize.INDENT, tokenize.DEDENT, tokenize.NL}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in skipped or token.type == tokenize.ENDMARKER:
            continue
        if token.type != tokenize.NEWLINE:
            logical.append(token)
            continue
        code = [t.string for t in logical if t.type != tokenize.COMMENT and not t.string.isspace()]
        escaped = bool(code) and (code[0][:1] in IPYTHON_ESCAPES
                                  or (len(code) > 2 and code[1] == "=" and code[2][:1] in "%!"))  # fmt: skip
        if escaped or (logical and logical[-1].string == "?"):
            found.append((logical[0].start[0], token.start[0]))
        logical = []
    return found


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


# --------------------------------------------------------------------------- bounds


def _within_bounds(submission: Submission) -> Submission:
    """``submission`` with at most :data:`MAX_STATEMENTS` units (in reading order) and at
    most :data:`MAX_PROBLEMS` problems listed one by one; what is cut costs the functions
    it defines, in one problem saying so."""
    units = submission.units
    if len(units) > MAX_STATEMENTS:
        order = _reading_order(units)
        kept = set(order[:MAX_STATEMENTS])
        dropped = [units[i] for i in order[MAX_STATEMENTS:]]
        name = submission.path.name
        message = (f"{name} has {len(units)} imports, definitions and constants; the grader loads "
                   f"the first {MAX_STATEMENTS} (up to {units[order[MAX_STATEMENTS - 1]].filename}, "
                   f"line {units[order[MAX_STATEMENTS - 1]].first_line}). Delete the code you do not "
                   "need and submit again.")  # fmt: skip
        affects = tuple(dict.fromkeys(n for u in dropped for n in u.defines))
        submission.units = [u for i, u in enumerate(units) if i in kept]
        submission.problems.append(LoadProblem(dropped[0].filename, message, affects))
    problems = submission.problems
    if len(problems) > MAX_PROBLEMS:
        rest = problems[MAX_PROBLEMS - 1 :]
        message = (f"{len(rest)} more parts of {submission.path.name} could not be loaded "
                   f"(from {rest[0].where}); fix the ones above first")  # fmt: skip
        affects = tuple(dict.fromkeys(n for p in rest for n in p.affects))
        submission.problems = [*problems[: MAX_PROBLEMS - 1], LoadProblem(rest[0].where, message, affects)]
    return submission


def _reading_order(units: list[Unit]) -> list[int]:
    """Indexes of ``units`` in the order the student wrote them (a notebook's graded cells
    are moved last for loading; here they count where they stand)."""
    return [i for i, _ in sorted(enumerate(units), key=lambda item: _position(item[1]))]


def _position(unit: Unit) -> tuple[int, int]:
    cell = unit.filename.rpartition(", cell ")[2]
    return (int(cell) if cell.isdigit() else 0, unit.first_line)


def _read_text(path: Path, limit: int = MAX_NOTEBOOK_BYTES) -> str:
    """The file's text, refused when over ``limit`` bytes or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise SubmissionError(
                f"{path.name} is {size / 2**20:.1f} MB; the grader reads files up to "
                f"{limit // 2**20} MB (clear the notebook's outputs, or remove what is not yours)"
            )
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{path.name} is not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise SubmissionError(f"cannot read {path}: {exc.strerror}") from exc
