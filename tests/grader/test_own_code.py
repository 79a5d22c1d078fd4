"""Points only for the student's own code: the worker lists as functions only callables
compiled from the submission's units; a helper imported under a graded name is reported
as imported, and the exercise is missing."""

import pytest

from grader.api import grade
from grader.assignments import COURSE_HELPERS, ROOT
from grader.boundary.remote import RemoteSubmission, StudentRaised

UNITS = [
    {
        "filename": "s.py",
        "source": "from opt_utils_v1a import initialize_parameters as initialize_parameters_he\n",
    },
    {"filename": "s.py", "source": "import functools\n"},
    {"filename": "s.py", "source": "@functools.lru_cache\ndef cached(n):\n    return n\n", "line": 3},
    {"filename": "s.py", "source": "class Mine:\n    pass\n"},
]


def test_only_callables_compiled_from_the_units_are_functions():
    with RemoteSubmission(UNITS, COURSE_HELPERS) as sub:
        report = sub.report
    assert "initialize_parameters_he" not in report.functions
    assert report.imported["initialize_parameters_he"] == "nn_helpers"
    assert report.why_missing("initialize_parameters_he") == (
        "initialize_parameters_he is imported from nn_helpers, not written in the submission"
    )
    assert "cached" in report.functions and "Mine" in report.functions  # wrapped and classes: own
    assert "sigmoid" in report.imported  # the prelude's helpers are the grader's, not the student's


def test_a_unit_is_compiled_at_its_line_without_padding():
    units = [{"filename": "s.py", "source": "def f():\n    raise ValueError('x')\n", "line": 40}]
    with RemoteSubmission(units) as sub, pytest.raises(StudentRaised) as info:
        sub.call("f")
    assert info.value.where == "s.py, line 41, in f"


def test_a_helper_imported_under_a_graded_name_scores_nothing(tmp_path):
    path = tmp_path / "sub.py"
    reference = (ROOT / "reference" / "optimization.py").read_text()
    path.write_text(reference + "\nfrom reg_utils import update_parameters as update_parameters_with_gd\n")
    result = grade("week2", path)
    (exercise,) = [e for e in result.exercises if e.name == "update_parameters_with_gd"]
    assert exercise.status == "missing" and exercise.score == 0  # scored 10 before
    assert "imported from reg_helpers, not written in the submission" in exercise.checks[0].message
