"""Stubs are generated from the reference, committed, and never drift."""

import nbformat
import pytest

from grader.instructor.stubs import StubError, expected_files, strip_solutions


def test_committed_stubs_match_the_reference():
    stale = [
        str(path) for path, text in expected_files().items() if not path.exists() or path.read_text() != text
    ]
    assert not stale, f"run `grade stubs` to regenerate: {stale}"


def test_generated_notebooks_are_valid_nbformat_with_one_graded_cell_per_function():
    for path, text in expected_files().items():
        if path.suffix == ".ipynb":
            notebook = nbformat.reads(text, as_version=4)
            nbformat.validate(notebook)
            graded = [c for c in notebook.cells if c.source.startswith("# GRADED FUNCTION:")]
            assert graded and all(c.metadata["nbgrader"]["solution"] for c in graded)


def test_a_solution_region_becomes_the_course_markers_around_a_raise():
    source = "def f():\n    x = 1\n    # BEGIN SOLUTION\n    y = x + 1\n    # END SOLUTION\n    return y\n"
    assert strip_solutions(source) == (
        "def f():\n    x = 1\n    # YOUR CODE STARTS HERE\n    raise NotImplementedError\n"
        "    # YOUR CODE ENDS HERE\n    return y\n"
    )


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        (
            "# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION\n",
            "line 2: BEGIN SOLUTION inside the region opened at line 1",
        ),
        ("x = 1\n# END SOLUTION\n", "line 2: END SOLUTION without BEGIN SOLUTION"),
        ("# BEGIN SOLUTION\nx = 1\n", "line 1: BEGIN SOLUTION is never closed"),
    ],
)
def test_malformed_regions_are_errors_that_name_the_line(source, complaint):
    with pytest.raises(StubError, match=complaint):
        strip_solutions(source, "ref.py")
