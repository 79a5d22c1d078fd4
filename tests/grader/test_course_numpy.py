"""Student code behaves as on the course's numpy 1.x, whatever numpy grades it: each idiom of
tests/fixtures/course_numpy/idioms.py, run in the worker, gives the course's result, and
correct conv_single_step code of either generation gets full marks."""

import json
import timeit

import numpy as np
import pytest
from click.testing import CliRunner

from grader.assignments import ROOT
from grader.boundary.remote import RemoteSubmission, StudentRaised
from grader.boundary.worker import course_numpy
from grader.cli import main

FIXTURES = ROOT / "tests" / "fixtures" / "course_numpy"
IDIOMS = FIXTURES / "idioms.py"
LOOKUP = '''
def removed_name(name):
    """The numpy attribute ``name``, described: its name (types, functions), else its repr."""
    import numpy
    value = getattr(numpy, name)
    return value.__name__ if hasattr(value, "__name__") else repr(value)
'''


@pytest.fixture(scope="module")
def worker():
    units = [{"filename": "idioms.py", "source": IDIOMS.read_text()},
             {"filename": "lookup.py", "source": LOOKUP}]  # fmt: skip
    with RemoteSubmission(units) as submission:
        assert submission.report.errors == []
        yield submission


def assert_same(got, expected):
    """Equal, of the same type all the way down (arrays: dtype, shape and values)."""
    assert type(got) is type(expected), (got, expected)
    if isinstance(expected, np.ndarray):
        assert got.dtype == expected.dtype and got.shape == expected.shape
        assert np.array_equal(got, expected)
    elif isinstance(expected, (list, tuple)):
        assert len(got) == len(expected)
        for g, e in zip(got, expected, strict=True):
            assert_same(g, e)
    elif isinstance(expected, dict):
        assert got.keys() == expected.keys()
        for key in expected:
            assert_same(got[key], expected[key])
    else:
        assert got == expected


def course_cost(A2, Y):
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / Y.shape[1])


def course_dropout_mask(shape, keep_prob):
    D1 = np.random.RandomState(1).rand(*shape)
    return (D1 < keep_prob).astype(int), np.ones(shape)


A2 = np.array([[0.8, 0.3, 0.6]])
Y = np.array([[1.0, 0.0, 1.0]])
ROWS = np.array([[3, 1], [1, 2]])

# idiom -> (arguments, what the course's numpy 1.x returned)
IDIOM_RESULTS = {
    "conv_bias_with_float": ((np.full((1, 1, 1), 0.5),), np.float64(12.5)),
    "conv_bias_with_np_float": ((np.full((1, 1, 1), 0.5),), np.float64(12.5)),
    "accuracy": ((Y, np.array([[1.0, 1.0, 1.0]])), 2 / 3 * 100),
    "compute_cost": ((A2, Y), course_cost(A2, Y)),
    "number_of_positives": ((Y,), 2),
    "complex_of_size_one": ((np.array([[2.0]]),), (1.0, 2.0)),
    "number_of_complete_minibatches": ((148, 64), 2),
    "predict_zeros": ((3,), np.zeros((1, 3), dtype=int)),
    "dropout_mask": (((2, 3), 0.8), course_dropout_mask((2, 3), 0.8)),
    "alias_dtypes": ((), ["float64", "int64", "complex128", "object", "<U1"]),
    "alias_isinstance": ((2.5,), (True, True, True)),
    "scalar_type_aliases": ((), ["f8", "c16", "i8", "b1", "S0", "U0"]),
    "unlabeled_as_nan": ((np.array([[1.0, -1.0, 0.0, 1.0]]),), (2.0, 1)),
    "best_score_search": (([0.1, 0.7, 0.3],), (0.7, True, True, "-0.0", 0.0)),
    "number_of_parameters": ((np.zeros((3, 2)), np.zeros((1, 3))), (9, [1, 2, 6])),
    "all_and_any": ((np.array([True, False]),), (False, True)),
    "cost_as_scalar": ((np.array([[0.25]]),), 0.25),
    "rounded": ((np.array([1.234, 2.346]),), np.round(np.array([1.234, 2.346]), 2)),
    "labels_in": ((ROWS, [2, 3]), np.array([True, False, False, True])),
    "area_under": (([1, 2, 3],), 4.0),
    "sorted_rows": ((ROWS,), (np.sort(ROWS, axis=0), "float64")),
    "float_and_int_semantics": (
        (np.array([[[1.5]]]),),
        {
            "float(b) is a float": True,
            "np.float64 is a float": True,
            "bool is an int": True,
            "an int is not a float": True,
            "a type as a key": True,
            "dtypes": ["float64", "int64"],
            "a subclass": True,
            "strings": [1.5, 10, 2.0, 0.0, 0],
            "repr": "<class 'float'>",
        },
    ),
}


@pytest.mark.parametrize("idiom", IDIOM_RESULTS)
def test_a_numpy_1_idiom_of_the_course_gives_the_course_result(worker, idiom):
    args, expected = IDIOM_RESULTS[idiom]
    assert_same(worker.call(idiom, *args), expected)


def test_float_of_a_bigger_array_fails_as_in_numpy_1_and_the_error_points_at_the_student(worker):
    assert_same(worker.call("float_of_a_vector", np.ones((1, 1))), 1.0)
    with pytest.raises(StudentRaised) as info:
        worker.call("float_of_a_vector", np.ones(3))
    assert info.value.kind == "TypeError"
    assert "idioms.py" in info.value.where and "course_numpy" not in info.value.where


REMOVED_HERE = [name for name in course_numpy.REMOVED_NAMES if name not in vars(np)]


@pytest.mark.parametrize("name", REMOVED_HERE)
def test_every_numpy_1_name_that_numpy_removed_resolves_for_student_code(worker, name):
    value = course_numpy.REMOVED_NAMES[name]
    if value is None:
        pytest.skip(f"np.{name} has no equivalent in this numpy")
    described = value.__name__ if hasattr(value, "__name__") else repr(value)
    assert worker.call("removed_name", name) == described


def test_the_conversions_return_exact_builtins_at_the_cost_of_one_python_call():
    b, z, course_float = np.full((1, 1, 1), 0.5), np.float64(2.5), course_numpy.COURSE_FLOAT
    assert type(course_float(b)) is float and type(course_numpy.COURSE_INT(b)) is int
    extra = min(_seconds(lambda: course_float(z)) - _seconds(lambda: float(z)) for _ in range(5))
    assert extra < 5e-6  # measured 0.3-1 µs, on a loaded machine; a conv_single_step takes ~15 µs


def _seconds(call, number=20_000):
    return timeit.timeit(call, number=number) / number


@pytest.mark.parametrize("generation", ["conv_single_step_2018.py", "conv_single_step_2021.py"])
def test_correct_conv_single_step_of_either_generation_gets_full_marks(generation):
    args = ["c4w1", str(FIXTURES / generation), "--format", "json"]
    result = CliRunner().invoke(main, args, prog_name="grade")
    exercises = {e["name"]: e for e in json.loads(result.stdout)["exercises"]}
    conv = exercises["conv_single_step"]
    assert conv["status"] == "passed" and conv["score"] == conv["max_score"] == 8, conv
