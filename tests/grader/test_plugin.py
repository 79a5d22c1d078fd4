"""The grading plugin: markers are validated where they are written, outcomes become results."""

import pytest

from grader.assignments import Assignment
from grader.judge.plugin import GradingPlugin, with_prerequisites
from grader.results import CheckResult

FAKE = Assignment(name="fake", title="Fake", exercises=("f", "g"), checks="x.py", reference="x.py")
INI = "[pytest]\npython_files = *.py\npython_classes = Check*\npython_functions = check_*\n"


@pytest.fixture
def run_checks(pytester):
    def run(source):
        pytester.makeini(INI)
        pytester.makepyfile(checks=source)
        plugin = GradingPlugin(FAKE)
        result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "--collect-only", plugins=[plugin])
        return plugin, result

    return run


def test_points_and_exercise_are_read_from_the_markers(run_checks):
    plugin, result = run_checks(
        "import pytest\n"
        "@pytest.mark.exercise('f')\n"
        "class CheckF:\n"
        "    @pytest.mark.points(2.5)\n"
        "    @pytest.mark.hint('look here')\n"
        "    @pytest.mark.hidden\n"
        "    def check_one(self): pass\n"
    )
    assert result.ret == 0
    (meta,) = plugin.meta.values()
    assert (meta.exercise, meta.points, meta.hint, meta.hidden) == ("f", 2.5, "look here", True)


def test_the_checks_run_in_the_notebook_order_of_their_exercises(run_checks):
    """A check module may define (or import from the modules it is split into) its classes in
    any order: the checks run, and are listed, in the order of the assignment's exercises."""
    plugin, result = run_checks(
        "import pytest\n"
        "@pytest.mark.exercise('g')\n"
        "class CheckG:\n"
        "    @pytest.mark.points(1)\n"
        "    def check_two(self): pass\n"
        "    @pytest.mark.points(1)\n"
        "    def check_one(self): pass\n"
        "@pytest.mark.exercise('f')\n"
        "class CheckF:\n"
        "    @pytest.mark.points(1)\n"
        "    def check_first(self): pass\n"
    )
    assert result.ret == 0
    assert [nodeid.split("::", 1)[1] for nodeid in plugin.meta] == [
        "CheckF::check_first",
        "CheckG::check_two",  # within an exercise, as its class defines them
        "CheckG::check_one",
    ]


@pytest.mark.parametrize(
    ("markers", "complaint"),
    [
        ("@pytest.mark.points(1)", "needs @pytest.mark.exercise('function_name')"),
        (
            "@pytest.mark.exercise('h')\n@pytest.mark.points(1)",
            "exercise 'h' is not one of fake's exercises (f, g)",
        ),
        ("@pytest.mark.exercise('f')", "needs @pytest.mark.points(n) with a number n > 0"),
        (
            "@pytest.mark.exercise('f')\n@pytest.mark.points(0)",
            "needs @pytest.mark.points(n) with a number n > 0",
        ),
        (
            "@pytest.mark.exercise('f')\n@pytest.mark.points('2')",
            "needs @pytest.mark.points(n) with a number n > 0",
        ),
    ],
)
def test_a_bad_marker_is_a_usage_error_naming_the_check(run_checks, markers, complaint):
    _, result = run_checks(f"import pytest\n{markers}\ndef check_it(): pass\n")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*checks.py::check_it: {complaint}*"])


def result(name: str, passed: bool) -> CheckResult:
    return CheckResult(name=name, exercise="f", passed=passed, score=2.0 if passed else 0.0, max_score=2.0)


def test_a_check_that_needs_the_values_scores_nothing_without_them():
    needs = {("f", "check_distinct"): ("check_values",)}
    distinct, values = with_prerequisites(
        [result("check_distinct", True), result("check_values", False)], needs
    )
    assert (distinct.passed, distinct.score) == (False, 0.0)
    assert "check_values did not pass" in distinct.message
    assert values == result("check_values", False)


def test_a_check_that_needs_the_values_keeps_its_points_with_them():
    needs = {("f", "check_distinct"): ("check_values",)}
    checks = [result("check_distinct", True), result("check_values", True)]
    assert with_prerequisites(checks, needs) == checks


def test_needs_must_name_a_check_of_the_same_exercise(run_checks):
    _, outcome = run_checks(
        "import pytest\n"
        "@pytest.mark.exercise('f')\n"
        "class CheckF:\n"
        "    @pytest.mark.points(1)\n"
        "    @pytest.mark.needs('check_other')\n"
        "    def check_one(self): pass\n"
    )
    assert outcome.ret != 0
    assert "needs 'check_other', which is not a check of f" in outcome.stderr.str() + outcome.stdout.str()
