"""What every assignment's checks must be, whatever the assignment: one test per property,
over every assignment of :data:`grader.assignments.ASSIGNMENTS`.

That the reference gets full marks and the stubs nothing is ``grade validate``'s, in
test_validate.py (it grades the reference, both stubs, every mutant and bodies that compute
nothing); what a particular mistake is told stays in each assignment's own test file.
"""

import copy
import importlib
from collections import Counter

import pytest

from grader.api import list_checks
from grader.assignments import ASSIGNMENTS
from grader.checks import declared
from grader.judge.compare import CheckFailed, expect_same

NAMES = list(ASSIGNMENTS)
TOTAL = 100  # every assignment is out of 100


def points_by_exercise(name):
    return {exercise: sum(p for _, p in items) for exercise, items in list_checks(name).items()}


@pytest.fixture
def exercises(check_module, name):
    """The exercises ``name``'s check module declares (imported with the grading markers)."""
    assignment = ASSIGNMENTS[name]
    check_module(assignment.checks.removesuffix(".py"))
    return declared(assignment)


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_is_graded_and_the_points_add_up_to_100(name):
    points = points_by_exercise(name)
    assert tuple(points) == ASSIGNMENTS[name].exercises  # in notebook order
    assert all(points.values()), {e: p for e, p in points.items() if not p}
    assert sum(points.values()) == TOTAL


@pytest.mark.parametrize("name", NAMES)
def test_the_checks_of_an_exercise_have_distinct_names(name):
    """A check is named by its name alone in a result and in ``needs``: two of one exercise
    with the same name (in two classes) could not be told apart."""
    repeated = {
        exercise: [check for check, n in Counter(c for c, _ in items).items() if n > 1]
        for exercise, items in list_checks(name).items()
    }
    assert not {e: r for e, r in repeated.items() if r}


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_is_declared_with_the_reference_function_of_its_name(name, exercises):
    assignment = ASSIGNMENTS[name]
    reference = importlib.import_module(f"reference.{assignment.reference.removesuffix('.py')}")
    assert set(exercises) == set(assignment.exercises), (
        f"declared in {assignment.checks}: {sorted(exercises)}; graded: {sorted(assignment.exercises)}"
    )
    for exercise, declaration in exercises.items():
        assert declaration.name == exercise
        assert declaration.reference is getattr(reference, exercise), (
            f"{exercise}'s reference is {declaration.reference!r}, not {reference.__name__}.{exercise}"
        )


@pytest.mark.parametrize("name", NAMES)
def test_each_known_mistake_differs_from_the_reference_on_an_official_case_or_where_it_shows(name, exercises):
    """A known mistake is named when a wrong result equals its own; on the official cases (or
    the arguments it declares it shows on, ``Mistake.shows_on``) it is told from the
    reference within the official tolerance, as ``like_official`` does."""

    def differs(exercise, mistake, args):
        try:
            expect_same(
                mistake.gives(*copy.deepcopy(args)),
                exercise.reference(*copy.deepcopy(args)),
                "result",
                exercise.official_tolerance,
            )
        except CheckFailed:
            return True
        return False

    same_everywhere = []
    for exercise in exercises.values():
        if exercise.official is None or not exercise.mistakes:
            continue
        cases = [case.args for case in exercise.official()]
        same_everywhere += [
            f"{exercise.name}: {mistake.description} (on {len(cases)} cases)"
            for mistake in exercise.mistakes
            if not any(differs(exercise, mistake, args) for args in [*cases, *mistake.shows_on])
        ]
    assert not same_everywhere, "the same as the reference on every official case"
