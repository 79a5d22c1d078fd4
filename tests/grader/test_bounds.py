"""The trusted side is bounded on any input: loader, load budget, wire and descriptions.

Each test feeds one stage a submission built to be expensive and checks the stage's
stated bound and the student-facing sentence when it is exceeded.
"""

import json
import time

import pytest
from click.testing import CliRunner

from grader import submission
from grader.boundary import remote
from grader.boundary.remote import RemoteSubmission, StudentFault
from grader.boundary.worker import wire
from grader.cli import main
from grader.judge.compare import CheckFailed, expect_number, kind
from grader.submission import SubmissionError, load_submission

# ----------------------------------------------------------------------------- loader


def test_units_carry_their_first_line_so_the_text_sent_is_linear_in_the_file(tmp_path):
    path = tmp_path / "lines.py"
    path.write_text("def f():\n    return 1\n" + "".join(f"v{i} = {i}\n" for i in range(40_000)))
    started = time.monotonic()
    sub = load_submission(path)
    assert time.monotonic() - started < 60  # was 12 s and 938 MB here, 800 MB of unit text
    sent = sub.wire_units()
    assert sum(len(u["source"]) for u in sent) < path.stat().st_size
    assert sent[0] == {"filename": "lines.py", "source": "def f():\n    return 1\n", "line": 1}
    assert sent[5]["line"] == 7 and sent[5]["source"] == "v4 = 4\n"


def test_a_submission_loads_at_most_max_statements_and_says_where_it_stopped(tmp_path):
    path = tmp_path / "many.py"
    body = "".join(f"v{i} = {i}\n" for i in range(submission.MAX_STATEMENTS + 5))
    path.write_text(body + "def late():\n    return 1\n")
    sub = load_submission(path)
    assert len(sub.units) == submission.MAX_STATEMENTS
    (problem,) = sub.problems
    assert problem.affects == ("late",)
    assert f"the grader loads the first {submission.MAX_STATEMENTS}" in problem.message
    assert f"line {submission.MAX_STATEMENTS}" in problem.message


def test_statements_sharing_a_line_are_cut_by_column(tmp_path):
    path = tmp_path / "semicolons.py"
    path.write_text("import os; import sys\nA = 1; B = 'é'; C = 3\n")
    units = load_submission(path).wire_units()
    assert [u["source"] for u in units] == ["import os\n", "import sys\n", "A = 1\n", "B = 'é'\n", "C = 3\n"]
    assert [u["line"] for u in units] == [1, 1, 2, 2, 2]


def test_a_file_that_does_not_parse_is_split_in_linear_time(tmp_path):
    path = tmp_path / "defs.py"
    path.write_text("".join(f"def f{i}():\n    return {i}\n\n" for i in range(20_000)) + "def broken(:\n")
    started = time.monotonic()
    sub = load_submission(path)
    assert time.monotonic() - started < 60  # 20,000 defs: was 48 s (over 200 s here)
    assert ("broken",) in [p.affects for p in sub.problems]
    assert sub.units[2].first_line == 7 and sub.units[2].text.startswith("def f2():")


@pytest.mark.parametrize(
    ("expression", "error"), [("-" * 3000 + "1", "RecursionError"), ("-" * 10000 + "1", "MemoryError")]
)
def test_a_statement_deeper_than_the_parser_goes_costs_its_own_function(tmp_path, expression, error):
    path = tmp_path / "deep.py"
    path.write_text(f"def good():\n    return 1\n\n\ndef deep():\n    return {expression}\n")
    sub = load_submission(path)  # ast.parse raised {error}: a traceback, exit 1
    assert [u.defines for u in sub.units] == [("good",)]
    (problem,) = sub.problems
    assert problem.affects == ("deep",) and "nested too deeply" in problem.message


def test_a_file_over_the_size_limit_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.py"
    path.write_text("#" * (submission.MAX_PY_BYTES + 1))
    with pytest.raises(SubmissionError, match=r"big.py is 4.0 MB; the grader reads files up to 4 MB"):
        load_submission(path)


def _notebook(path, cells):
    doc = {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": cells}
    path.write_text(json.dumps(doc))
    return path


def _code(source):
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}


def test_a_notebook_of_20000_cells_reads_the_first_max_cells_and_names_the_rest(tmp_path):
    cells = [_code(f"def f{i}():\n    return {i}\n") for i in range(20_000)]
    path = _notebook(tmp_path / "many_cells.ipynb", cells)
    started = time.monotonic()
    sub = load_submission(path)
    assert time.monotonic() - started < 60  # did not finish in 300 s
    assert len(sub.units) == submission.MAX_CELLS
    (problem,) = sub.problems
    assert (
        "has 20000 cells; the grader reads at most 2000 cells and 4 MB of code, here cells 1-2000"
        in problem.message
    )
    assert problem.affects[0] == f"f{submission.MAX_CELLS}" and len(problem.affects) == 18_000


@pytest.mark.parametrize("depth", [100, 100_000])
def test_a_notebook_nested_deeper_than_max_json_depth_is_a_usage_error(tmp_path, depth):
    path = tmp_path / "deep.ipynb"
    cell = '{"cell_type": "code", "metadata": {"x": ' + "[" * depth + "]" * depth + '}, "source": ""}'
    path.write_text('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [' + cell + "]}")
    with pytest.raises(SubmissionError, match="nests deeper than 64 levels"):
        load_submission(path)
    result = CliRunner().invoke(main, ["week2", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


# ----------------------------------------------------------------------------- load budget


def _units(*sources):
    return [{"filename": "s.py", "source": source} for source in sources]


@pytest.fixture
def small_budget(monkeypatch):
    """A load timeout of 2 s and a budget of 6 s, so the bounds show in seconds."""
    monkeypatch.setattr(remote, "LOAD_TIMEOUT", 2.0)
    monkeypatch.setattr(remote, "LOAD_BUDGET", 6.0)


SLEEPER = "def sleeper_{i}(x=__import__('time').sleep({seconds})):\n    return x\n"
CRASHER = "def crash_{i}(x=__import__('os')._exit(3)):\n    return x\n"


def test_statements_that_sleep_then_crash_share_one_load_budget(small_budget):
    sources = ["def add(a, b):\n    return a + b\n", *(SLEEPER.format(i=i, seconds=0.8) for i in range(2)),
               *(CRASHER.format(i=i) for i in range(5))]  # fmt: skip
    started = time.monotonic()
    with RemoteSubmission(_units(*sources), call_timeout=2.0) as sub:
        report = sub.report  # (H + 1) * M * 0.8 s and M restarts before: 13 s, unbounded in H, M
        assert time.monotonic() - started < 6.0 + 1.5
        assert sub.call("add", 1, 2) == 3
    skipped = [e["unit"] for e in report.errors if "used up its budget of 6 s" in e["message"]]
    assert skipped and skipped[-1] == len(sources) - 1


def test_a_reload_after_a_crash_that_exceeds_the_budget_fails_every_later_call_at_once(small_budget):
    sources = ["def add(a, b):\n    return a + b\n", "def crash():\n    import os\n    os._exit(3)\n",
               SLEEPER.format(i=0, seconds=1.6)]  # fmt: skip
    with RemoteSubmission(_units(*sources), call_timeout=2.0) as sub:
        assert sub.call("add", 1, 2) == 3
        # three loads (the first, two reloads after a crash) take at least 3 * 1.6 s of the
        # 6 s, so a fourth no longer fits; the fourth crash is refused by the breaker
        for _ in range(4):
            with pytest.raises(StudentFault):
                sub.call("crash")
        with pytest.raises(StudentFault) as info:
            sub.call("add", 1, 2)
        assert info.value.kind == "budget" and "could not be loaded again" in info.value.message
        started = time.monotonic()
        with pytest.raises(StudentFault):
            sub.call("add", 1, 2)
        assert time.monotonic() - started < 0.1  # no worker is started for it


# ----------------------------------------------------------------------------- shared references


def _dag(depth):
    value = {"rate": 0.5}
    for _ in range(depth):
        value = {"left": value, "right": value}
    return value


def test_a_value_whose_shared_parts_expand_past_the_bound_is_refused_by_decode():
    frame = wire.pack(_dag(60))
    assert len(frame) < 4096  # 1 KB on the wire, 2**60 entries as a tree
    n = wire.header_length(frame[:4])
    tree, sizes = wire.unpack_header(frame[4 : 4 + n])
    with pytest.raises(wire.WireError, match="shared parts"):
        wire.decode(tree, wire.split_buffers(frame[4 + n :], sizes))


def test_describing_a_student_value_is_bounded_whatever_its_sharing():
    started = time.monotonic()
    text = kind(_dag(22))  # a full repr: 54 s
    with pytest.raises(CheckFailed) as info:
        expect_number(_dag(22), 0.5, "learning_rate")
    assert time.monotonic() - started < 1.0
    assert len(text) <= 120 and len(str(info.value)) < 300


def test_a_notebook_reads_no_more_code_than_a_py_file_may_hold(tmp_path):
    big = "#" * (submission.MAX_PY_BYTES // 3 + 1) + "\n"  # three such cells are over the limit
    path = _notebook(
        tmp_path / "big_cells.ipynb", [_code(big), _code(big), _code(big), _code("def f():\n    return 1\n")]
    )
    sub = load_submission(path)
    assert [p.affects for p in sub.problems] == [("f",)] and "here cells 1-2" in sub.problems[0].message


def test_at_most_max_problems_are_listed_one_by_one_and_the_rest_are_one_more(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text("".join(f"def f{i}(:\n    pass\n\n" for i in range(200)))
    problems = load_submission(path).problems
    assert len(problems) == submission.MAX_PROBLEMS
    assert problems[-1].message.startswith(f"{200 - submission.MAX_PROBLEMS + 1} more parts of broken.py")
    assert problems[-1].affects[-1] == "f199"
