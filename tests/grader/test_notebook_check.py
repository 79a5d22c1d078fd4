"""``check("name")`` in a real notebook, in a real kernel (nbclient + ipykernel).

One notebook is executed for the whole module: the shipped week2 stub, in which a cell
fills in a right Adam (its own ``check`` cell under it), a later cell redefines it wrongly
(epsilon inside the square root) and checks again, ``update_lr`` is left unfinished with
the stub's ``check`` cell under it, ``check()`` grades every function defined and
``check(final=True)`` grades the saved file, which is still the stub.  The tests read the
outputs of those cells, as HTML and as text, and render the page in headless chromium.
"""

import ast
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from grader.assignments import ASSIGNMENTS, ROOT
from grader.notebook import Check, CheckReport, check, write_notebook
from grader.results import CheckResult, assignment_result, coverage_note, exercise_result
from grader.submission import load_submission

nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

WEEK2 = ASSIGNMENTS["week2"]
ADAM = "update_parameters_with_adam"
CELL_TIMEOUT = 180  # seconds; a check takes a few


def function_source(path: Path, name: str) -> str:
    source = path.read_text(encoding="utf-8")
    node = next(n for n in ast.parse(source).body if getattr(n, "name", None) == name)
    return ast.get_source_segment(source, node) or ""


RIGHT_ADAM = f"# GRADED FUNCTION: {ADAM}\n" + function_source(WEEK2.reference_path, ADAM)
WRONG_ADAM = f"# GRADED FUNCTION: {ADAM}\n" + function_source(
    ROOT / "tests" / "mutants" / "week2" / f"{ADAM}__epsilon_inside_sqrt.py", ADAM
)
#: A right gradient descent that counts its calls: graded in the worker, so the kernel's
#: count stays 0 (the kernel never calls student code).
COUNTING_GD = """# GRADED FUNCTION: update_parameters_with_gd
CALLS = []
def update_parameters_with_gd(parameters, grads, learning_rate):
    CALLS.append(1)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
"""
GLOBALS_BEFORE = "_before = {k: id(v) for k, v in globals().items() if not k.startswith('_')}"
GLOBALS_AFTER = (
    "print(json.dumps({'calls': len(CALLS), 'changed': sorted(k for k, v in globals().items() "
    "if not k.startswith('_') and _before.get(k) != id(v) and k != '_before')}))"
)


def student_notebook():
    """The week2 stub as a student has worked on it (only the check cells we read kept)."""
    notebook = nbformat.read(WEEK2.stub_stem.with_suffix(".ipynb"), as_version=4)
    kept = {f"{ADAM}-check", "update_lr-check"}
    cells = []
    for cell in notebook.cells:
        if cell.get("id", "").endswith("-check") and cell["id"] not in kept:
            continue
        if cell.get("id") == ADAM:
            cell.source = RIGHT_ADAM
        if cell.get("id") == "update_parameters_with_gd":
            cell.source = COUNTING_GD
        cells.append(cell)
    cells += [
        v4.new_code_cell(WRONG_ADAM, id="wrong-adam"),
        v4.new_code_cell(f'check("{ADAM}")', id="wrong-adam-check"),
        v4.new_code_cell(f"import json\n{GLOBALS_BEFORE}", id="globals-before"),
        v4.new_code_cell("check()", id="check-all"),
        v4.new_code_cell(GLOBALS_AFTER, id="globals-after"),
        v4.new_code_cell("check(final=True)", id="check-final"),
    ]
    notebook.cells = cells
    return notebook


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The student's notebook run in a fresh kernel; on disk, the stub is what was saved."""
    folder = tmp_path_factory.mktemp("student")
    saved = folder / "week2.ipynb"
    saved.write_text(WEEK2.stub_stem.with_suffix(".ipynb").read_text(encoding="utf-8"), encoding="utf-8")
    notebook = student_notebook()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JPY_SESSION_NAME", str(saved))  # as Jupyter tells the kernel its notebook
        client = nbclient.NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                                         resources={"metadata": {"path": str(folder)}})  # fmt: skip
        client.execute()
    return notebook


def output(notebook, cell_id):
    """The (text/html, text/plain) of the cell's value."""
    cell = next(c for c in notebook.cells if c.get("id") == cell_id)
    results = [o for o in cell.outputs if o.output_type == "execute_result"]
    assert results, f"cell {cell_id} shows no value: {cell.outputs}"
    data = results[0]["data"]
    return data.get("text/html", ""), data["text/plain"]


def printed(notebook, cell_id):
    cell = next(c for c in notebook.cells if c.get("id") == cell_id)
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_a_right_function_gets_full_points_in_html_and_in_text(executed):
    page, text = output(executed, f"{ADAM}-check")
    assert "week2: 25 / 25 points" in text and f"{ADAM}  ok" in text
    assert "What to fix" not in text and "IPython.core.display" not in text
    assert "week2: 25 / 25 points" in page and 'class="dls-check-passed"' in page


def test_a_wrong_function_gets_the_named_mistake_and_its_hint(executed):
    page, text = output(executed, "wrong-adam-check")
    assert f"{ADAM}  FAIL" in text
    assert "check_epsilon_outside_square_root" in text
    words = " ".join(text.split())  # as the text wraps it
    assert "this is exactly what Adam with epsilon inside the square root gives" in words
    assert "hint: epsilon goes outside: v_corrected / (np.sqrt(s_corrected) + epsilon)" in words
    assert "check_epsilon_outside_square_root" in page and 'class="dls-check-hint"' in page
    assert "epsilon goes outside" in page


def test_an_unfinished_function_is_not_implemented_yet_and_named_by_its_kernel_cell(executed):
    page, text = output(executed, "update_lr-check")
    assert "update_lr is not implemented yet" in text and "update_lr  missing   0 / 10" in text
    assert "cell N is the cell this kernel ran as [N]" in text
    assert "not implemented yet" in page


def test_check_with_no_name_grades_every_function_defined_so_far_in_a_table(executed):
    page, text = output(executed, "check-all")
    for name in WEEK2.exercises:
        assert f"<code>{name}</code>" in page
    assert "update_parameters_with_gd        ok" in text
    assert f"{ADAM}      FAIL" in text  # the wrong Adam is the one the kernel has now
    wrong = re.search(rf"{ADAM} +FAIL +(\d+) / 25", output(executed, "wrong-adam-check")[1])
    assert wrong and f"week2: {10 + int(wrong.group(1))} / 100 points" in text  # gd's 10 and Adam's


def test_the_kernel_never_runs_the_students_functions_nor_changes_their_globals(executed):
    assert json.loads(printed(executed, "globals-after")) == {"calls": 0, "changed": []}


def test_the_final_check_grades_the_saved_file_and_says_it_differs_from_the_kernel(executed):
    page, text = output(executed, "check-final")
    assert "week2: 0 / 100 points" in text  # the saved file is still the stub
    assert "the saved notebook, as the instructor grades it" in text
    assert "graded the saved file as `grade week2 week2.ipynb` does" in text
    assert (
        "the saved file differs from this kernel in update_parameters_with_gd, update_parameters_with_adam"
        in text
    )
    assert "update_parameters_with_gd, update_parameters_with_adam" in page


# --------------------------------------------------------------------------- without a kernel


def report(message: str, hint: str) -> CheckReport:
    checks = [CheckResult("check_values", ADAM, False, 0.0, 5.0, message=message, hint=hint)]
    result = assignment_result("week2", [exercise_result(ADAM, checks)], sandbox="bubblewrap", duration_s=1.0)
    return CheckReport(result, seconds=1.0)


def test_the_html_escapes_every_text_from_the_submission():
    page = report("<script>alert(1)</script>", '<img src=x onerror="alert(2)">')._repr_html_()
    assert "<script>" not in page and "<img" not in page
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        and "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    )


def test_in_a_release_the_check_says_how_many_more_checks_the_instructor_runs_once():
    checks = [CheckResult("check_values", ADAM, True, 5.0, 5.0)]
    note = coverage_note(1, 6)
    result = assignment_result("week2", [exercise_result(ADAM, checks)], sandbox="bubblewrap",
                               duration_s=1.0, notes=(note,))  # fmt: skip
    shown = CheckReport(result, seconds=1.0, public_only=True)
    page = shown._repr_html_()
    assert page.count("the other 5, whose inputs are not released") == 1
    assert '<p class="dls-check-public"><i>Public checks only: 1 of the 6 checks' in page
    text = repr(shown)
    assert text.startswith("check (public checks only; this kernel's cells")
    assert note in " ".join(text.split())  # the text form wraps long lines


def test_outside_a_kernel_check_says_so_in_one_sentence():
    answer = check("update_lr")
    assert answer.result is None
    assert repr(answer).startswith(
        "check: check() grades the cells of a Jupyter/IPython kernel, and there is none"
    )
    assert "<b>check:</b>" in answer._repr_html_()


def test_check_cells_are_no_submission_code_and_a_failed_cell_is_left_out(tmp_path):
    cells = ["from grader.notebook import check", "import numpy as np", 'check("update_lr")', ""]
    loaded = load_submission(write_notebook(tmp_path / "kernel.ipynb", cells, {}))
    assert [u.text.strip() for u in loaded.units] == cells[:2] and not loaded.problems


def test_a_final_check_of_a_relative_path_grades_the_file_in_the_kernels_folder(tmp_path, monkeypatch):
    (tmp_path / "my_notebook.ipynb").write_bytes(WEEK2.stub_stem.with_suffix(".ipynb").read_bytes())
    monkeypatch.chdir(tmp_path)  # the kernel's folder; the judge runs in another one
    answer = Check()
    try:
        text = repr(answer(final=True, path="my_notebook.ipynb"))
    finally:
        answer._judge.stop()
    assert "week2: 0 / 100 points" in text and "`grade week2 my_notebook.ipynb`" in text


def test_the_judge_never_imports_a_module_planted_in_its_working_folder(tmp_path, monkeypatch):
    planted = tmp_path / "planted"
    (tmp_path / "json.py").write_text(f"open({str(planted)!r}, 'w').close()\nraise SystemExit(3)\n")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the judge's working folder
    answer = Check()
    try:
        text = repr(answer(final=True, path=WEEK2.stub_stem.with_suffix(".ipynb")))
    finally:
        answer._judge.stop()
    assert "week2: 0 / 100 points" in text and not planted.exists()


# --------------------------------------------------------------------------- in a browser


class CheckOutput(HTMLParser):
    """The check outputs on the page: their exercise rows and their hints."""

    def __init__(self):
        super().__init__()
        self.rows, self.hints, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "tr" and any(c.startswith("dls-check-") for c in classes):
            self.rows.append("")
            self._in = "row"
        elif tag == "div" and "dls-check-hint" in classes:
            self.hints.append("")
            self._in = "hint"

    def handle_data(self, data):
        if self._in == "row":
            self.rows[-1] += data + " "
        elif self._in == "hint":
            self.hints[-1] += data

    def handle_endtag(self, tag):
        if (self._in, tag) in (("row", "tr"), ("hint", "div")):
            self._in = None


@pytest.fixture(scope="module")
def page(executed, tmp_path_factory):
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(executed)
    path = tmp_path_factory.mktemp("page") / "week2.html"
    path.write_text(body, encoding="utf-8")
    return path


def test_the_executed_notebook_renders_the_check_table_and_hint_in_chromium(page, tmp_path):
    from tests.grader.test_summary_browser import CHROMIUM, chromium

    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    dom = CheckOutput()
    dom.feed(chromium(tmp_path / "profile", "--dump-dom", "--virtual-time-budget=5000", page.as_uri()))
    assert any(row.split()[:2] == [ADAM, "ok"] and "25 / 25" in row for row in dom.rows)
    assert any(row.split()[:2] == [ADAM, "FAIL"] for row in dom.rows)
    assert any(row.split()[:2] == ["update_lr", "missing"] for row in dom.rows)
    assert "epsilon goes outside: v_corrected / (np.sqrt(s_corrected) + epsilon)" in " ".join(dom.hints)
