"""`grade validate` for every assignment: the grader proves itself (CI runs this)."""

import pytest

from grader.assignments import ASSIGNMENTS
from grader.validate import validate_assignment


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ASSIGNMENTS))
def test_validate_passes(name):
    report = validate_assignment(name)
    assert report.ok, report.summary()
