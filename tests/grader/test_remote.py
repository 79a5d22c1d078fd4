"""Calls into a submission return plain values; faults cost one function, not the grading."""

import time

import numpy as np
import pytest

from grader.boundary.remote import RemoteSubmission, StudentFault, StudentRaised

SOURCE = """
import os
import numpy as np

def add(a, b):
    print("debug output never reaches the judge")
    return a + b

def same_twice():
    x = np.zeros(2)
    return {"v": x, "s": x}

def raises():
    return {}["missing"]

def exits():
    raise SystemExit(0)

def interrupts():
    raise KeyboardInterrupt

def dies():
    os._exit(3)

def hangs():
    while True:
        pass

def sleeps_forever():
    import time
    time.sleep(60)

def allocates():
    return np.ones((2**20, 2**12))

def returns_function():
    return add

def deep():
    return deep()
"""


@pytest.fixture
def submission():
    with RemoteSubmission([{"filename": "student.py", "source": SOURCE}], call_timeout=1.0) as sub:
        yield sub


def test_values_come_back_as_plain_numpy(submission):
    got = submission.call("add", np.ones((2, 2)), 1.0)
    assert type(got) is np.ndarray and np.array_equal(got, np.full((2, 2), 2.0))


def test_aliasing_in_a_return_value_is_visible(submission):
    got = submission.call("same_twice")
    assert got["v"] is got["s"]


def test_an_exception_is_reported_with_its_location(submission):
    with pytest.raises(StudentRaised) as info:
        submission.call("raises")
    assert info.value.kind == "KeyError"
    assert "student.py, line 14, in raises" in info.value.where


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("exits", "SystemExit"),
        ("interrupts", "KeyboardInterrupt"),
        ("deep", "RecursionError"),
        ("allocates", "MemoryError"),
    ],
)
def test_escapes_inside_a_call_are_just_exceptions(submission, name, kind):
    with pytest.raises(StudentRaised) as info:
        submission.call(name)
    assert info.value.kind == kind
    assert submission.call("add", 1, 2) == 3  # the worker is still there


def test_a_crash_restarts_the_worker_for_the_next_call(submission):
    with pytest.raises(StudentFault, match="crashed the worker .exit status 3"):
        submission.call("dies")
    assert submission.call("add", 1, 2) == 3


def test_repeated_crashes_trip_the_function_only(submission):
    for _ in range(3):
        with pytest.raises(StudentFault):
            submission.call("dies")
    with pytest.raises(StudentFault, match="not called again") as info:
        submission.call("dies")
    assert info.value.kind == "tripped"
    assert submission.call("add", 1, 2) == 3


@pytest.mark.parametrize("name", ["hangs", "sleeps_forever"])
def test_a_hang_times_out_and_is_not_called_again(submission, name):
    started = time.monotonic()
    with pytest.raises(StudentFault, match="did not return within 1.0 s"):
        submission.call(name)
    assert time.monotonic() - started < 3
    with pytest.raises(StudentFault, match="not called again"):
        submission.call(name)
    assert submission.call("add", 1, 2) == 3


def test_a_value_that_cannot_cross_arrives_as_unsupported(submission):
    assert repr(submission.call("returns_function")) == "<unsupported function object>"


def test_a_missing_function_is_reported_as_missing(submission):
    with pytest.raises(StudentRaised) as info:
        submission.call("nope")
    assert info.value.kind == "Missing"


def test_the_time_budget_bounds_each_function_and_only_it():
    units = [{"filename": "s.py", "source": SOURCE + "\ndef slow():\n    import time\n    time.sleep(0.3)\n"}]
    with RemoteSubmission(units, call_timeout=1.0, budget=1.0) as sub:
        assert sub.call("add", 0, 0) == 0  # loaded first: the bound is on the calls, not the start
        started, faults = time.monotonic(), []
        for _ in range(6):  # each call is under the timeout; together they are not
            try:
                sub.call("slow")
            except StudentFault as fault:
                faults.append(fault.kind)
        assert time.monotonic() - started < 1.0 + 0.5
        assert faults and set(faults) <= {"timeout", "tripped", "budget"}
        assert sub.call("add", 1, 2) == 3


def test_load_reports_functions_and_failing_units():
    units = [
        {"filename": "cell 1", "source": "import numpy as np\nimport matplotlib.pyplot as plt\n"},
        {"filename": "cell 2", "source": "def f(x):\n    return plt.plot(x)\n"},
        {"filename": "cell 3", "source": "raise ValueError('top-level failure')\n"},
    ]
    with RemoteSubmission(units) as sub:
        report = sub.report
        assert report.functions["f"] == ["x"]
        assert [e["filename"] for e in report.errors] == ["cell 3"]
        with pytest.raises(StudentRaised, match="'matplotlib' is not available in the grader"):
            sub.call("f", 1)


def test_the_course_helper_modules_are_importable_in_the_worker():
    units = [
        {
            "filename": "c",
            "source": "from opt_utils_v1a import *\nfrom testCases import *\n"
            "def f():\n    return float(sigmoid(0.0))\n",
        }
    ]
    with RemoteSubmission(units) as sub:
        assert sub.report.errors == []
        assert sub.call("f") == 0.5


def test_many_calls_in_one_round_trip_keep_each_outcome(submission):
    outcomes = submission.call_many("add", [(1, 2), (np.ones(2), 1.0), ("a", 1)])
    assert outcomes[0] == 3 and np.array_equal(outcomes[1], np.full(2, 2.0))
    assert isinstance(outcomes[2], StudentRaised) and outcomes[2].kind == "TypeError"


def test_a_crash_inside_a_batch_fails_the_batch(submission):
    with pytest.raises(StudentFault, match="crashed"):
        submission.call_many("dies", [(), ()])
    assert submission.call_many("add", [(1, 1)]) == [2]


def test_a_statement_that_crashes_the_worker_at_load_costs_only_itself():
    units = [
        {"filename": "s.py", "source": "import os\n"},
        {"filename": "s.py", "source": "\n\ndef bomb(x=os._exit(3)):\n    return x\n"},
        {"filename": "s.py", "source": "\n\n\n\n\ndef hang(x=[0 for _ in iter(int, 1)]):\n    return x\n"},
        {"filename": "s.py", "source": "def fine():\n    return 'fine'\n"},
    ]
    with RemoteSubmission(units) as sub:
        errors = {e["unit"]: e["message"] for e in sub.report.errors}
        assert errors[1].startswith("loading it crashed the worker (exit status 3)")
        assert errors[2].startswith("loading it did not return within")
        assert set(errors) == {1, 2}
        assert sub.call("fine") == "fine"


def test_course_test_modules_import_in_every_form_and_refuse_to_run():
    source = (
        "from public_tests import *\nfrom testCases import update_parameters_with_gd_test_case\n"
        "from dlai_tools import testing_utils\nfrom dlai_tools.testing_utils import multiple_test\n"
        "import test_utils\n"
        "def star_imported():\n    return sorted(n for n in globals() if n.startswith('_h'))\n"
        "def run_test():\n    return multiple_test([], None)\n"
    )
    with RemoteSubmission([{"filename": "cell", "source": source}]) as sub:
        assert sub.report.errors == []
        assert sub.call("star_imported") == []  # the shims' own helper is not star-exported
        with pytest.raises(
            StudentRaised, match="dlai_tools.testing_utils.multiple_test is a course test helper"
        ):
            sub.call("run_test")


RESTARTED = """
import random
import time
import numpy as np

counter = 0
add_one = None

def draw():
    global counter, add_one
    counter += 1
    add_one = lambda x: x + 1  # a rebound global
    return [counter, np.random.rand(), random.random(), time.time()]

def sees_the_rebound_global():
    return add_one is not None
"""


def test_a_restart_puts_globals_randomness_and_clocks_back_as_the_load_left_them():
    with RemoteSubmission([{"filename": "student.py", "source": RESTARTED}]) as remote:
        first = remote.call("draw")
        assert remote.call("draw") != first  # counter, generators and clock all moved on
        assert remote.call("sees_the_rebound_global") is True
        remote.restart()
        assert remote.call("sees_the_rebound_global") is False
        assert remote.call("draw") == first


def test_a_worker_that_cannot_restart_is_replaced_by_a_fresh_one():
    with RemoteSubmission([{"filename": "student.py", "source": RESTARTED}]) as remote:
        first = remote.call("draw")
        remote._worker.kill()  # a worker that died between exercises
        remote.restart()
        assert remote.call("draw") == first


def test_each_call_of_a_batch_gets_arguments_of_its_own():
    """Two calls built from one dict (the checks reuse fixed networks): the first call's
    in-place update must not reach the second, as it would not had each been sent alone."""
    source = "def bump(d, shared_inside):\n    d['w'] = d['w'] + 1\n    return d['w'], shared_inside[0] is shared_inside[1]\n"
    with RemoteSubmission([{"filename": "s.py", "source": source}]) as remote:
        parameters, inner = {"w": 1.0}, [0.0]
        outcomes = remote.call_many("bump", [(parameters, [inner, inner]), (parameters, [inner, inner])])
    assert outcomes == [(2.0, True), (2.0, True)]  # sharing inside one call is kept
    assert parameters == {"w": 1.0}
