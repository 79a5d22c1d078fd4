"""One grading, shared out among judges: the result is the same for any number of them,
and an exercise graded alone gets what a whole grading gives it."""

from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

import pytest

from grader.api import GraderBug, grade
from grader.assignments import get_assignment
from grader.judge import parallel
from grader.results import CheckResult

ASSIGNMENT = "week1-initialization"
#: He initialisation that forgets its seed: it draws from numpy's global generator, whose
#: state depends on what ran before it in the worker (unless every exercise restarts it).
UNSEEDED = "tests/mutants/week1-initialization/initialize_parameters_he__no_seed.py"


@pytest.fixture(scope="module")
def unseeded(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("parallel") / "unseeded.py"
    path.write_text(
        get_assignment(ASSIGNMENT).reference_path.read_text() + "\n\n" + Path(UNSEEDED).read_text()
    )
    return path


def _same(a, b) -> bool:
    return replace(a, duration_s=0, notes=()) == replace(b, duration_s=0, notes=())


def test_two_judges_give_exactly_the_result_of_one(unseeded):
    one, two = grade(ASSIGNMENT, unseeded), grade(ASSIGNMENT, unseeded, jobs=2)
    assert one.score < one.max_score  # the mutant is caught either way
    assert _same(one, two)


def test_an_exercise_graded_alone_gets_what_the_whole_grading_gives_it(unseeded):
    whole = grade(ASSIGNMENT, unseeded)
    alone = grade(ASSIGNMENT, unseeded, exercises=["initialize_parameters_he"])
    assert alone.exercises == (whole.exercise("initialize_parameters_he"),)
    assert any("graded only initialize_parameters_he (1 of" in note for note in alone.notes)


#: Right functions that talk through a global: the zeros initialiser binds SCALE, which
#: He's reads.  Each exercise starts from the state the load left (no SCALE), so He's is
#: right whether or not the zeros checks ran before it in the same worker.
THROUGH_A_GLOBAL = """

def initialize_parameters_zeros(layers_dims):
    global SCALE
    SCALE = 2.0
    return {f"{kind}{l}": np.zeros((layers_dims[l], layers_dims[l - 1] if kind == "W" else 1))
            for l in range(1, len(layers_dims)) for kind in "Wb"}


def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(2 / layers_dims[l - 1]) * globals().get("SCALE", 1.0)
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
"""


def test_what_one_exercise_leaves_in_the_worker_never_reaches_another(tmp_path):
    path = tmp_path / "through_a_global.py"
    path.write_text(get_assignment(ASSIGNMENT).reference_path.read_text() + THROUGH_A_GLOBAL)
    whole = grade(ASSIGNMENT, path)
    assert (
        whole.exercise("initialize_parameters_he").score
        == whole.exercise("initialize_parameters_he").max_score
    )
    assert whole.score == whole.max_score


def test_a_judge_that_fails_fails_the_grading_with_its_message():
    def judge(exercise: str) -> tuple[list[CheckResult], str]:
        if exercise == "b":
            raise GraderBug("the checks of b could not run")
        return [CheckResult("check_x", exercise, True, 1.0, 1.0)], "bubblewrap"

    with pytest.raises(GraderBug, match="the checks of b could not run"):
        parallel.judge_in_parallel(["a", "b", "c"], 2, lambda: nullcontext(judge), {"GraderBug": GraderBug})


def test_the_results_come_back_in_the_order_of_the_exercises():
    def judge(exercise: str) -> tuple[list[CheckResult], str]:
        return [CheckResult(f"check_{exercise}_{i}", exercise, i == 0, 1.0, 1.0) for i in range(2)], "rlimits"

    checks, level = parallel.judge_in_parallel(
        list("abcde"), 2, lambda: nullcontext(judge), {"GraderBug": GraderBug}
    )
    assert [c.name for c in checks] == [f"check_{e}_{i}" for e in "abcde" for i in range(2)]
    assert [c.passed for c in checks] == [True, False] * 5 and level == "rlimits"
