"""`grade validate` for every assignment: the grader proves itself (CI runs this)."""

from dataclasses import replace

import pytest

from grader.api import grade
from grader.assignments import ASSIGNMENTS, get_assignment
from grader.instructor.validate import Mutant, grade_isolated, is_confined, validate_assignment


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ASSIGNMENTS))
def test_validate_passes(name):
    report = validate_assignment(name)
    assert report.ok, report.summary()


def test_grading_some_exercises_lists_only_them():
    assignment = get_assignment("c4w4")
    result = grade("c4w4", assignment.reference_path, exercises=["gram_matrix"])
    assert [e.name for e in result.exercises] == ["gram_matrix"]
    assert result.score == result.max_score > 0


def test_grading_an_exercise_the_assignment_lacks_names_its_exercises():
    with pytest.raises(ValueError, match="c4w4 has no exercise 'conv_forward'; its exercises: .*gram_matrix"):
        grade("c4w4", get_assignment("c4w4").reference_path, exercises=["conv_forward"])


def test_an_exercise_calling_an_undeclared_block_is_not_judged_on_its_own(monkeypatch):
    """The mutant of validate's isolation step: without its declared block,
    compute_layer_style_cost runs the submission's gram_matrix, here raising."""
    leaky = replace(get_assignment("c4w4"), builds_on={})
    monkeypatch.setitem(ASSIGNMENTS, "c4w4", leaky)
    alone = grade_isolated("c4w4", "compute_layer_style_cost").exercises[0]
    assert alone.score == 0
    assert "gram_matrix is broken to judge compute_layer_style_cost alone" in " ".join(
        c.message for c in alone.checks
    )
    monkeypatch.undo()
    assert grade_isolated("c4w4", "compute_layer_style_cost").exercises[0].score > 0


def test_a_mutant_is_confined_only_when_it_defines_nothing_but_its_function(tmp_path):
    reference = "import numpy as np\n\ndef f(x):\n    return x\n\ndef g(x):\n    return f(x)\n"
    cases = {
        "f__ok.py": '"""Doubles."""\nimport numpy as np\n\ndef f(x):\n    return 2 * x\n',
        "f__new_import.py": "import math\n\ndef f(x):\n    return x\n",
        "f__redefines_g.py": "def f(x):\n    return x\n\ndef g(x):\n    return 0\n",
        "f__global.py": "SCALE = 3\n\ndef f(x):\n    return SCALE * x\n",
    }
    confined = {}
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        confined[name] = is_confined(reference, Mutant.read(tmp_path / name))
    assert confined == {"f__ok.py": True, "f__new_import.py": False, "f__redefines_g.py": False,
                        "f__global.py": False}  # fmt: skip
