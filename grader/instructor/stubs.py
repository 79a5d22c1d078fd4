r"""Generate the student stubs in ``exercises/`` from ``reference/``.

A reference module marks what students write with solution regions::

    L = len(parameters) // 2
    # BEGIN SOLUTION
    ...
    # END SOLUTION
    return parameters

:func:`strip_solutions` replaces each region by the course's markers around a
``raise NotImplementedError`` (as nbgrader's ``clearsolutions`` does); nested,
unclosed or stray markers are errors naming the line.  Each assignment gets a ``.py``
module and a notebook with one ``# GRADED FUNCTION:`` cell per exercise.  The files are
committed; ``tests/test_stubs.py`` fails when they drift from the reference.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from grader.assignments import ASSIGNMENTS, Assignment

BEGIN = re.compile(r"^(\s*)# BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*# END SOLUTION\s*$")
GENERATED = "Generated from reference/{reference} by `grade stubs`."
#: The notebook's first code cell, and what the introduction says of it (grader/notebook.py).
CHECK_IMPORT = "from grader.notebook import check"
CHECK_HOWTO = (
    "Fill in each graded cell and run it, then the `check(...)` cell under it: it grades that "
    "function as this kernel has it, with the grader's checks, and says what to fix. `check()` "
    "grades every function defined so far; `check(final=True)` grades the saved notebook as "
    "your instructor will (as `grade` does in a terminal)."
)


class StubError(ValueError):
    """A reference module whose solution regions are malformed."""


def strip_solutions(source: str, origin: str = "<source>") -> str:
    """Replace every solution region of ``source`` by a ``NotImplementedError`` placeholder."""
    out: list[str] = []
    opened_at: int | None = None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        begin, end = BEGIN.match(line), END.match(line)
        if begin:
            if opened_at is not None:
                raise StubError(
                    f"{origin}, line {number}: BEGIN SOLUTION inside the region opened at line {opened_at}"
                )
            opened_at = number
            indent = begin.group(1)
            out += [f"{indent}# YOUR CODE STARTS HERE\n",
                    f"{indent}raise NotImplementedError\n",
                    f"{indent}# YOUR CODE ENDS HERE\n"]  # fmt: skip
        elif end:
            if opened_at is None:
                raise StubError(f"{origin}, line {number}: END SOLUTION without BEGIN SOLUTION")
            opened_at = None
        elif opened_at is None:
            out.append(line)
    if opened_at is not None:
        raise StubError(f"{origin}, line {opened_at}: BEGIN SOLUTION is never closed")
    return "".join(out)


def stub_module(assignment: Assignment) -> str:
    """The student's ``.py`` file: the reference with solutions stripped, a new docstring."""
    docstring, body = _split_docstring(assignment.reference_path.read_text())
    header = (
        f'r"""{assignment.title}.\n\n'
        f"{_summary(docstring)}\n\n"
        "Write your code between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE` (delete\n"
        f"the `raise NotImplementedError` line), then run `grade {assignment.name}` in this folder.\n\n"
        f"{GENERATED.format(reference=assignment.reference)}\n"
        '"""\n\n'
    )
    return header + strip_solutions(body, assignment.reference)


def stub_notebook(assignment: Assignment) -> str:
    """The student's notebook: the ``check`` import and the imports, then per function a
    markdown cell, its graded cell and a ``check("name")`` cell (which the loader drops: it
    neither imports nor defines)."""
    import nbformat
    from nbformat import v4

    stub = stub_module(assignment)
    tree = ast.parse(stub)
    lines = stub.splitlines()
    docstring = ast.get_docstring(tree) or ""
    imports = [
        ast.get_source_segment(stub, n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
    ]
    cells = [
        v4.new_markdown_cell(f"# {assignment.title}\n\n{_summary(docstring)}\n\n{CHECK_HOWTO}", id="intro"),
        v4.new_code_cell(CHECK_IMPORT, id="check-import"),
        v4.new_code_cell("\n".join(i for i in imports if i), id="imports"),
    ]
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        first = node.lineno - 1
        while first > 0 and lines[first - 1].startswith("#"):
            first -= 1  # keep the "# GRADED FUNCTION:" comment above the def
        summary = _summary(ast.get_docstring(node) or "")
        cells.append(v4.new_markdown_cell(f"## `{node.name}`\n\n{summary}", id=f"{node.name[:40]}-md"))
        source = "\n".join(lines[first : node.end_lineno])
        cells.append(v4.new_code_cell(source, id=node.name[:40], metadata={
            "nbgrader": {"grade": False, "solution": True, "locked": False, "grade_id": node.name,
                         "schema_version": 3}}))  # fmt: skip
        cells.append(v4.new_code_cell(f'check("{node.name}")', id=f"{node.name[:40]}-check"))
    notebook = v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "dls_grader": {"assignment": assignment.name},
    })  # fmt: skip
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def expected_files() -> dict[Path, str]:
    """Every stub file and the text it should hold."""
    files = {}
    for assignment in ASSIGNMENTS.values():
        files[assignment.stub_stem.with_suffix(".py")] = stub_module(assignment)
        files[assignment.stub_stem.with_suffix(".ipynb")] = stub_notebook(assignment)
    return files


def write_stubs(check_only: bool = False) -> list[Path]:
    """Write the stubs that differ from what the reference gives; return their paths."""
    stale = []
    for path, text in expected_files().items():
        if not path.exists() or path.read_text() != text:
            stale.append(path)
            if not check_only:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
    return stale


def _split_docstring(source: str) -> tuple[str, str]:
    tree = ast.parse(source)
    first = tree.body[0] if tree.body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        rest = "\n".join(source.splitlines()[first.end_lineno :])
        return first.value.value, rest.lstrip("\n")
    return "", source


def _summary(docstring: str) -> str:
    """The first paragraph of a docstring."""
    return docstring.strip().split("\n\n")[0].strip()
