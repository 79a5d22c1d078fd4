r"""Unfinished work, recognised from its text: a function still the template scores nothing.

Judge side and pure: nothing here runs student code, it reads the source of a unit.

Students write between the course's markers, in every generation::

    ### START CODE HERE ### (≈ 1 line of code)       2017-2020: None placeholders
    W1 = None
    ### END CODE HERE ###

    # (≈ 1 line)                                      2021+: the hints are comments,
    # X_pad = None                                    the region is left empty
    # YOUR CODE STARTS HERE

    # YOUR CODE ENDS HERE

and our own stubs (:mod:`grader.instructor.stubs`) put ``raise NotImplementedError`` between the
2021+ markers.  A function is *unfinished* when any of its regions is unfilled, a region
being unfilled when every statement in it is a placeholder (:func:`is_placeholder`:
``pass``, ``...``, ``None``, ``raise NotImplementedError``, an assignment of ``None`` or
of an expression with ``None`` as an operand, ``np.dot(None, None)``; a loop or ``if``
holding only placeholders), or when it holds no statement at all.  One real statement
fills a region: a half-written region is the student's work and is graded as such.
A function without markers is unfinished when its whole body (the docstring aside) is
``pass``, ``...`` or ``raise NotImplementedError``.

Guarantee against false positives, checked on the finished Coursera fixtures of every
generation: ``None`` counts as a placeholder only where no working code puts it (an
arithmetic operand, every positional argument of a call, every element of a tuple, the
whole value); ``x[:, None]``, ``axis=None``, ``np.clip(Z, 0, None)`` and ``x is None``
are code.  An empty region right below a line of code (the course always puts a hint
comment there) is taken as written just above its marker, which students do.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

#: The start and end markers of a solution region, every generation's spelling:
#: ``### START CODE HERE ###`` / ``### END CODE HERE ###`` (2017-2020, C5 to 2025) and
#: ``# YOUR CODE STARTS HERE`` / ``# YOUR CODE ENDS HERE`` (2021+, and our stubs), any
#: number of ``#``, any case, ``HERE`` optional (``### END CODE ###``).
START_MARKER = re.compile(r"^\s*#+\s*(?:YOUR\s+CODE\s+STARTS?\s+HERE|START\s+CODE(?:\s+HERE)?)\b", re.I)
END_MARKER = re.compile(r"^\s*#+\s*(?:YOUR\s+CODE\s+ENDS?\s+HERE|END\s+CODE(?:\s+HERE)?)\b", re.I)
#: How Python says a block is empty ("expected an indented block after 'for' statement on
#: line 3"): an untouched 2021+ template whose loop holds only comments does not parse.
EMPTY_BLOCK = re.compile(r"expected an indented block after .* on line (\d+)")
#: Empty blocks filled with ``pass`` before an unparsed cell counts as a template; past
#: this the cell is broken for another reason (the largest template has ~6 nested loops).
MAX_EMPTY_BLOCKS = 20
COMPOUND = (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try)


@dataclass(frozen=True)
class Region:
    """The lines strictly between a start marker (``start``) and its end marker (``end``)."""

    start: int
    end: int


@dataclass(frozen=True)
class Unfinished:
    """Why ``function`` is unfinished: the region whose start marker is at ``line``, or,
    when ``whole_body``, the function whose ``def`` is there; ``stub`` when it is our
    ``raise NotImplementedError``, else the course's template."""

    function: str
    line: int
    stub: bool
    whole_body: bool = False


class Problem(Protocol):
    """What this module reads of a :class:`grader.submission.LoadProblem`."""

    @property
    def where(self) -> str: ...
    @property
    def affects(self) -> tuple[str, ...]: ...


class SourceUnit(Protocol):
    """What this module reads of a :class:`grader.submission.Unit`."""

    @property
    def filename(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def defines(self) -> tuple[str, ...]: ...


# --------------------------------------------------------------------------- entry points


def unfinished_functions(units: Iterable[SourceUnit], names: Iterable[str]) -> dict[str, str]:
    """For each of ``names`` whose definition that runs (the last unit defining it) is
    unfinished, the student-facing sentence saying so and where."""
    last_definition = {name: unit for unit in units for name in unit.defines}
    out = {}
    for name in names:
        unit = last_definition.get(name)
        found = find_unfinished(unit.source, name) if unit is not None else None
        if unit is not None and found is not None:
            out[name] = not_implemented_message(found, unit.filename)
    return out


def unfinished_unparsed(path: Path, problems: Iterable[Problem]) -> dict[str, str]:
    """For each function of a notebook cell that did not parse only because its template
    leaves blocks empty (a loop holding only the commented hints), and that is unfinished
    once they hold ``pass``, the sentence saying so; the same for the chunks of a ``.py``
    file.  Reads ``path`` again (the loader keeps no text of what it could not parse);
    other errors: nothing."""
    problems = [p for p in problems if p.affects]
    if not problems:
        return {}
    cells = _code_cells(path) if path.suffix == ".ipynb" else {}
    out = {}
    for problem in problems:
        where = problem.where.rpartition(", line ")[0]
        source = cells.get(where, "") if cells else _module_chunk(path, where)
        repaired = with_empty_blocks_passed(source)
        if repaired is None:
            continue
        source, inserted = repaired
        for name in problem.affects:
            found = find_unfinished(source, name)
            if found is not None:
                line = found.line - sum(1 for at in inserted if at < found.line)
                out[name] = not_implemented_message(replace(found, line=line), where)
    return out


def with_empty_blocks_passed(source: str) -> tuple[str, list[int]] | None:
    """``source`` with a ``pass`` line inserted into each empty block, and the (new) line
    numbers of the inserted lines; ``None`` if it does not parse for any other reason."""
    lines = _without_ipython(source).splitlines()
    inserted: list[int] = []
    for _ in range(MAX_EMPTY_BLOCKS + 1):
        try:
            ast.parse("\n".join(lines))
        except SyntaxError as exc:
            empty = EMPTY_BLOCK.search(exc.msg or "")
            header = int(empty.group(1)) if empty else 0
            if not 0 < header <= len(lines):
                return None  # broken for another reason
            indent = len(lines[header - 1]) - len(lines[header - 1].lstrip())
            lines.insert(header, " " * (indent + 4) + "pass")
            inserted.append(header + 1)
            continue
        return ("\n".join(lines) + "\n", inserted) if inserted else None
    return None


def find_unfinished(source: str, function: str) -> Unfinished | None:
    """Whether the top-level ``def function`` in ``source`` is unfinished, and where."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = source.splitlines()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            return unfinished_def(node, lines)
    return None


def not_implemented_message(found: Unfinished, filename: str) -> str:
    """``found`` told to the student: what is unfinished, where, and what to do."""
    what = "the body of the function" if found.whole_body else "the code region"
    where = f"{what} at line {found.line} ({_place(filename)})"
    if found.stub:
        return (f"{found.function} is not implemented yet (it raises NotImplementedError): "
                f"{where} is still the stub; replace the raise with your code")  # fmt: skip
    if found.whole_body:
        return f"{found.function} is not implemented yet: {where} does nothing; write your code there"
    return (f"{found.function} is not implemented yet: {where} is still the template; "
            "write your code between its markers")  # fmt: skip


# --------------------------------------------------------------------------- the decision


def unfinished_def(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> Unfinished | None:
    """The first unfilled region of the function ``node`` (``lines``: its unit's text), or,
    when it has no region, the ``def`` itself if its whole body is a stub."""
    last = node.end_lineno or node.lineno
    regions = list(find_regions(lines, node.lineno, last))
    for region in regions:
        statements = list(statements_in(node.body, region))
        if not statements and _written_above(lines, region.start, _first_code_line(node)):
            continue  # written just above the marker
        if all(is_placeholder(s) for s in statements):
            return Unfinished(node.name, region.start, any(_raises_not_implemented(s) for s in statements))
    if not regions and all(_is_stub_statement(s) for s in _without_docstring(node.body)):
        stub = any(_raises_not_implemented(s) for s in node.body)
        return Unfinished(node.name, node.lineno, stub, whole_body=True)
    return None


def find_regions(lines: list[str], first: int, last: int) -> Iterator[Region]:
    """The regions between markers in lines ``first..last`` (1-based, inclusive).  A start
    marker never closed runs to ``last``; a stray end marker is ignored."""
    opened: int | None = None
    for number in range(first, last + 1):
        line = lines[number - 1] if number <= len(lines) else ""
        if START_MARKER.match(line):
            if opened is not None:
                yield Region(opened, number)  # a second start closes the first
            opened = number
        elif END_MARKER.match(line) and opened is not None:
            yield Region(opened, number)
            opened = None
    if opened is not None:
        yield Region(opened, last + 1)


def statements_in(body: list[ast.stmt], region: Region) -> Iterator[ast.stmt]:
    """The statements of ``body`` that start inside ``region``, whole; a compound
    statement that starts before it and reaches into it is searched inside (students
    move markers into loops)."""
    for statement in body:
        end = statement.end_lineno or statement.lineno
        if region.start < statement.lineno < region.end:
            yield statement
        elif statement.lineno <= region.start and end > region.start:
            for inner in _bodies(statement):
                yield from statements_in(inner, region)


def is_placeholder(statement: ast.stmt) -> bool:
    """Whether ``statement`` is what a template holds in place of code: ``pass``, ``...``,
    ``None``, ``raise NotImplementedError``, an assignment of a value holding ``None``
    (:func:`holds_none_placeholder`), or a loop, ``if`` or ``with`` holding only these."""
    if _is_stub_statement(statement):
        return True
    if isinstance(statement, ast.Expr):
        return isinstance(statement.value, ast.Constant) and statement.value.value is None
    if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        return statement.value is not None and holds_none_placeholder(statement.value)
    if isinstance(statement, COMPOUND):
        return all(is_placeholder(s) for body in _bodies(statement) for s in body)
    return False


def holds_none_placeholder(value: ast.expr) -> bool:
    """Whether ``value`` is ``None`` or has ``None`` where working code never has it: an
    operand of arithmetic, every positional argument of a call (``np.dot(None, None)``,
    ``range(None)``), every element of a tuple or list, the object of an attribute or
    subscript.  Keyword values, indices (``x[:, None]``) and comparisons are code."""
    if isinstance(value, ast.Constant):
        return value.value is None
    if isinstance(value, ast.BinOp):
        return holds_none_placeholder(value.left) or holds_none_placeholder(value.right)
    if isinstance(value, ast.UnaryOp):
        return holds_none_placeholder(value.operand)
    if isinstance(value, ast.Call):
        return bool(value.args) and all(holds_none_placeholder(a) for a in value.args)
    if isinstance(value, (ast.Tuple, ast.List)):
        return bool(value.elts) and all(holds_none_placeholder(e) for e in value.elts)
    if isinstance(value, (ast.Attribute, ast.Subscript)):
        return holds_none_placeholder(value.value)
    return False


# --------------------------------------------------------------------------- helpers


def _is_stub_statement(statement: ast.stmt) -> bool:
    """``pass``, ``...`` or ``raise NotImplementedError``: what a stub body is."""
    if isinstance(statement, ast.Pass) or _raises_not_implemented(statement):
        return True
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and (statement.value.value is Ellipsis)
    )


def _raises_not_implemented(statement: ast.stmt) -> bool:
    if not isinstance(statement, ast.Raise) or statement.exc is None:
        return False
    exc = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


def _without_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    first = body[0] if body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return body[1:]
    return body


def _bodies(statement: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists nested directly in ``statement`` (loop and ``if`` bodies and
    their ``else``, ``with``, ``try`` with its handlers)."""
    bodies = [getattr(statement, name, None) for name in ("body", "orelse", "finalbody")]
    bodies += [h.body for h in getattr(statement, "handlers", [])]
    return [b for b in bodies if isinstance(b, list) and b and isinstance(b[0], ast.stmt)]


def _written_above(lines: list[str], marker: int, first_code_line: int) -> bool:
    """Whether the nearest non-blank line above the start marker at ``marker`` is a line
    of code from ``first_code_line`` on (not a comment, a header ending in ``:`` or ``pass``)."""
    for number in range(marker - 1, first_code_line - 1, -1):
        text = lines[number - 1].strip()
        if text:
            return not text.startswith("#") and not text.endswith(":") and text != "pass"
    return False


def _first_code_line(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """The first line after ``node``'s ``def`` line and docstring."""
    docstring = node.body[0] if node.body and not _without_docstring(node.body[:1]) else None
    return (docstring.end_lineno or docstring.lineno) + 1 if docstring else node.lineno + 1


def _place(filename: str) -> str:
    """``cell 7`` of a notebook's unit name (``"x.ipynb, cell 7"``), else the file's name."""
    name, _, rest = filename.rpartition(", ")
    return rest if name and rest.startswith("cell ") else (name or filename)


def _code_cells(path: Path) -> dict[str, str]:
    """The source of each code cell of the notebook at ``path``, by the loader's name for
    it (``"x.ipynb, cell 7"``, cells counted from 1 as :mod:`grader.submission` does)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return {}
    out = {}
    for number, cell in enumerate(cells if isinstance(cells, list) else [], start=1):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            out[f"{path.name}, cell {number}"] = "".join(source) if isinstance(source, list) else str(source)
    return out


def _module_chunk(path: Path, where: str) -> str:
    """The text the loader named ``where`` in the ``.py`` file at ``path``: the file
    (``"x.py"``) or lines a-b of it (``"x.py, lines 3-40"``), padded to keep line numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    span = re.fullmatch(rf"{re.escape(path.name)}, lines (\d+)-(\d+)", where)
    if span is None:
        return text if where == path.name else ""
    lines = text.splitlines()
    first, last = int(span.group(1)), int(span.group(2))
    if not (last == len(lines) and not text.endswith("\n")):
        last -= 1  # the loader counts one line past a chunk that ends in a newline
    return "\n" * (first - 1) + "\n".join(lines[first - 1 : last]) + "\n"


def _without_ipython(source: str) -> str:
    """``source`` with IPython lines (``%magic``, ``!shell``) blanked, as the loader does."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
