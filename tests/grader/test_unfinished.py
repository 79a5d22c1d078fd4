"""Unfinished work is recognised from its text (grader/judge/unfinished.py) and scores 0, ``missing``.

The detector's rules on small sources; every course-style template fixture
(tests/fixtures/templates/, both generations, untouched, half-filled and finished) against
the verdicts written in its docstring; the finished Coursera fixtures and the reference
(nothing unfinished in them); and whole gradings: an untouched course 4 week 1 template
scores 0 with every exercise ``missing`` and says where, a finished one is unaffected.
"""

import ast
import re
from pathlib import Path

import pytest

from grader.api import grade
from grader.assignments import ROOT
from grader.judge.unfinished import (
    find_unfinished,
    holds_none_placeholder,
    unfinished_functions,
    unfinished_unparsed,
    with_empty_blocks_passed,
)
from grader.submission import load_submission

TEMPLATES = ROOT / "tests" / "fixtures" / "templates"
COURSERA_FINISHED = sorted((ROOT / "tests" / "fixtures").glob("week*/*.ipynb")) + [
    ROOT / "examples" / "week2" / "Optimization_methods.ipynb"
]


def body(*lines: str, before: str = "    # (≈ 1 line)") -> str:
    """``def f(x):``, ``before`` (a hint), a 2021+ region holding ``lines``, a return."""
    inner = "\n".join(f"    {line}" if line else "" for line in lines)
    markers = ("    # YOUR CODE STARTS HERE", "    # YOUR CODE ENDS HERE")
    return f"def f(x):\n{before}\n{markers[0]}\n{inner}\n{markers[1]}\n    return x\n"


def old_body(*lines: str) -> str:
    """The same with the 2017-2020 markers."""
    inner = "\n".join(f"    {line}" for line in lines)
    markers = ("    ### START CODE HERE ### (≈ 1 line of code)", "    ### END CODE HERE ###")
    return f"def f(x):\n{markers[0]}\n{inner}\n{markers[1]}\n    return x\n"


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    "region",
    [
        ["W1 = None"],
        ["parameters['W' + str(l)] = None", "parameters['b' + str(l)] = None"],
        ["(m, n_H, n_W, n_C) = None"],
        ["Z = np.dot(None, None) + None"],
        ["A = np.zeros((None, None))"],
        ["for i in range(None):", "    a = None", "    for h in range(None):", "        b[h] += None"],
        ["if mode == 'max':", "    A = None", "elif mode == 'average':", "    A = None"],
        ["pass"],
        ["..."],
        ["None"],
        ["raise NotImplementedError"],
        ["raise NotImplementedError('write me')"],
        ["# only a comment"],
        [],
    ],
)
def test_a_region_of_placeholders_only_is_unfinished(region):
    found = find_unfinished(old_body(*region), "f")
    assert found is not None and found.line == 2
    assert find_unfinished(body(*region), "f") is not None


@pytest.mark.parametrize(
    "region",
    [
        ["b_col = b[:, None]"],
        ["total = np.sum(x, axis=None)"],
        ["A = np.clip(Z, 0, None)"],
        ["missing = x is None"],
        ["v['dW1'] = np.zeros(shape)", "v['db1'] = None"],  # one real line: the student's work
        ["return x"],
        ["print(x)"],
    ],
)
def test_a_region_with_code_is_graded_as_written(region):
    assert find_unfinished(old_body(*region), "f") is None


def test_an_empty_region_right_below_code_was_written_above_its_marker():
    assert find_unfinished(body(before="    # (≈ 1 line)\n    # x = None"), "f") is not None
    assert find_unfinished(body(before="    # x = None\n    x = x + 1"), "f") is None


def test_one_unfilled_region_of_two_makes_the_function_unfinished():
    source = (
        "def f(x):\n    # YOUR CODE STARTS HERE\n    x = x + 1\n    # YOUR CODE ENDS HERE\n"
        "    # y = None\n    # YOUR CODE STARTS HERE\n\n    # YOUR CODE ENDS HERE\n    return x\n"
    )
    found = find_unfinished(source, "f")
    assert found is not None and found.line == 6 and not found.stub


SPELLINGS = [
    ("### START CODE HERE ###", "### END CODE HERE ###"),
    ("#YOUR CODE STARTS HERE", "#YOUR CODE ENDS HERE"),
    ("## START CODE HERE ##", "### END CODE ###"),
    ("# your code starts here", "# your code ends here"),
]


@pytest.mark.parametrize(("start", "end"), SPELLINGS)
def test_marker_spellings_of_every_generation(start, end):
    source = f"def f(x):\n    {start}\n    y = None\n    {end}\n    return x + 1\n"
    assert find_unfinished(source, "f") is not None


def test_a_start_marker_never_closed_runs_to_the_end_of_the_function():
    assert (
        find_unfinished("def f(x):\n    # YOUR CODE STARTS HERE\n    y = None\n    return y\n", "f") is None
    )
    assert find_unfinished("def f(x):\n    # YOUR CODE STARTS HERE\n    y = None\n", "f") is not None


def test_markers_moved_into_a_loop_are_followed():
    source = (
        "def f(x):\n    for i in range(3):\n        # YOUR CODE STARTS HERE\n        x = x + i\n"
        "    # YOUR CODE ENDS HERE\n    return x\n"
    )
    assert find_unfinished(source, "f") is None
    assert find_unfinished(source.replace("x = x + i", "x = None"), "f") is not None


def test_our_stub_is_unfinished_with_or_without_markers():
    stub = find_unfinished('def f(x):\n    """Doc."""\n    raise NotImplementedError\n', "f")
    assert stub is not None and stub.stub and stub.whole_body
    assert find_unfinished("def f(x):\n    pass\n", "f") is not None
    assert find_unfinished('def f(x):\n    """Doc."""\n    return x\n', "f") is None


def test_none_counts_only_where_working_code_never_puts_it():
    def value(text: str) -> bool:
        return holds_none_placeholder(ast.parse(text, mode="eval").body)

    assert value("None") and value("np.dot(None, None)") and value("range(None)") and value("None.T")
    assert value("(None, None)") and value("-None") and value("W * None")
    assert not value("f(x, None)") and not value("x[:, None]") and not value("f(axis=None)")
    assert not value("x is None") and not value("f()") and not value("()")


def test_a_template_loop_holding_only_hints_is_repaired_before_it_is_judged():
    source = (
        "def f(p):\n    for l in range(2):\n    # (approx. 1 line)\n        # v = ...\n"
        "    # YOUR CODE STARTS HERE\n\n    # YOUR CODE ENDS HERE\n    return v\n"
    )
    repaired = with_empty_blocks_passed(source)
    assert repaired is not None and repaired[1] == [3]
    assert find_unfinished(repaired[0], "f") is not None
    assert with_empty_blocks_passed("def f(:\n    pass\n") is None  # another syntax error stays one


def test_the_last_definition_is_the_one_judged_and_the_message_says_where():
    units = load_submission(TEMPLATES / "c4w1_2021_untouched.ipynb").units
    found = unfinished_functions(units, ["zero_pad", "not_there"])
    assert list(found) == ["zero_pad"]
    assert found["zero_pad"] == (
        "zero_pad is not implemented yet: the code region at line 16 (cell 3) is still the template; "
        "write your code between its markers"
    )


# --------------------------------------------------------------------------- the fixtures


def expected_verdicts(path: Path) -> dict[str, bool]:
    """Each function's verdict from the fixture's docstring: unfinished or not."""
    text = path.with_suffix(".py").read_text()
    return {name: what == "missing" for name, what in re.findall(r"\* ``(\w+)``: (missing|graded)", text)}


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*_*_*.py")) + sorted(TEMPLATES.glob("*.ipynb")),
                         ids=lambda p: p.name)  # fmt: skip
def test_every_template_fixture_gets_the_verdict_its_docstring_states(path):
    expected = expected_verdicts(path)
    submission = load_submission(path)
    found = {
        **unfinished_functions(submission.units, expected),
        **unfinished_unparsed(path, submission.problems),
    }
    assert {name: name in found for name in expected} == expected


@pytest.mark.parametrize("path", COURSERA_FINISHED, ids=lambda p: p.name)
def test_nothing_in_the_coursera_fixtures_of_every_generation_is_unfinished(path):
    submission = load_submission(path)
    names = submission.defined_names()
    assert names and unfinished_functions(submission.units, names) == {}


def test_nothing_in_the_reference_is_unfinished_and_every_stub_is():
    from grader.assignments import ASSIGNMENTS

    for assignment in ASSIGNMENTS.values():
        reference = load_submission(assignment.reference_path).units
        assert unfinished_functions(reference, assignment.exercises) == {}, assignment.name
        stub = load_submission(assignment.stub_stem.with_suffix(".py")).units
        assert set(unfinished_functions(stub, assignment.exercises)) == set(assignment.exercises), (
            assignment.name
        )


# --------------------------------------------------------------------------- whole gradings


@pytest.mark.parametrize("name", ["c4w1_2021_untouched.ipynb", "c4w1_2017_untouched.py"])
def test_an_untouched_c4w1_template_scores_zero_with_every_exercise_missing(name):
    result = grade("c4w1", TEMPLATES / name)
    assert result.score == 0
    assert {e.status for e in result.exercises} == {"missing"}
    pool_backward = result.exercise("pool_backward").checks[0]
    assert pool_backward.fault == "not-implemented"
    where = r"the code region at line \d+ \((cell 10|c4w1_2017_untouched\.py)\) is still the template"
    assert re.match(rf"pool_backward is not implemented yet: {where}", pool_backward.message)


def test_a_half_done_c4w1_template_scores_what_is_done_and_nothing_of_the_rest():
    result = grade("c4w1", TEMPLATES / "c4w1_2021_half.py")
    statuses = {e.name: e.status for e in result.exercises}
    done = ("zero_pad", "conv_single_step", "conv_forward", "create_mask_from_window", "distribute_value")
    assert statuses == {name: "passed" if name in done else "missing" for name in statuses}
    assert len(statuses) == 8
    assert result.exercise("pool_forward").score == 0  # the template's np.zeros has the right shape


def test_a_finished_c4w1_template_is_unaffected():
    assert grade("c4w1", TEMPLATES / "c4w1_2021_finished.py").score == 100


def test_an_untouched_2021_adam_that_does_not_parse_is_missing_not_a_syntax_error():
    result = grade("week2", TEMPLATES / "week2_adam_2021_untouched.py")
    adam = result.exercise("update_parameters_with_adam")
    assert adam.status == "missing" and adam.score == 0
    assert "still the template" in adam.checks[0].message


def test_half_done_dropout_is_missing_though_its_template_code_is_right_at_keep_prob_one():
    result = grade("week1-regularization", TEMPLATES / "week1_dropout_2021_half.py")
    backward = result.exercise("backward_propagation_with_dropout")
    assert (backward.status, backward.score) == ("missing", 0)
