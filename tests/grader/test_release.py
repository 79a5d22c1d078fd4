"""Student releases: no reference code in them, and `grade` works inside them with public checks."""

import ast
import json
import os
import re
import subprocess
import sys
import tomllib

import numpy as np
import pytest
from click.testing import CliRunner

from grader.api import list_checks
from grader.assignments import ASSIGNMENTS, ROOT
from grader.cli import main
from grader.instructor.release import ReleaseError, build_release
from grader.judge.compare import CheckFailed
from grader.judge.public import PUBLIC, decode_value, encode_value, expect_public, load_checks
from grader.results import coverage_note

RELEASED = ("week2", "week1-initialization")


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """``{assignment: release folder}``, each built once for this module."""
    out = {}
    for name in RELEASED:
        out[name] = build_release(name, tmp_path_factory.mktemp("release") / name)
    return out


def normalized(text: str) -> str:
    return " ".join(text.split())


def reference_bodies(name: str) -> dict[str, str]:
    """``{function: its body without the docstring, whitespace normalized}`` of every graded
    function of assignment ``name``, from its reference module."""
    path = ASSIGNMENTS[name].reference_path
    source = path.read_text()
    lines = source.splitlines()
    bodies = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name in ASSIGNMENTS[name].exercises:
            statements = node.body[1:] if ast.get_docstring(node) is not None else node.body
            first = min(s.lineno for s in statements)
            bodies[node.name] = normalized("\n".join(lines[first - 1 : node.end_lineno]))
    assert set(bodies) == set(ASSIGNMENTS[name].exercises)
    return bodies


def release_texts(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): normalized(p.read_text(errors="replace"))
            for p in folder.rglob("*") if p.is_file()}  # fmt: skip


def run_release(folder, *args: str) -> subprocess.CompletedProcess:
    """``python -m grader ARGS`` with the release's grader first on the path, in the release."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.mark.parametrize("name", RELEASED)
def test_no_reference_function_body_occurs_anywhere_in_the_release(releases, name):
    texts = release_texts(releases[name])
    reference_text = normalized(ASSIGNMENTS[name].reference_path.read_text())
    for function, body in reference_bodies(name).items():
        assert body in reference_text  # the search itself works
        leaks = [path for path, text in texts.items() if body in text]
        assert not leaks, f"the body of {function} is in {leaks}"


@pytest.mark.parametrize("name", RELEASED)
def test_no_reference_module_mistakes_or_instructor_checks_are_in_the_release(releases, name):
    files = [p.relative_to(releases[name]) for p in releases[name].rglob("*") if p.is_file()]
    graded_modules = {a.reference for a in ASSIGNMENTS.values()}
    assert not [f for f in files if f.name in graded_modules]
    assert not [f for f in files if f.name.endswith("_mistakes.py") or "coursera" in f.parts]
    assert not [f for f in files if f.name in ("validate.py", "release.py", "stubs.py")]
    for path in releases[name].rglob("*.py"):
        imported = re.findall(r"^\s*(?:from|import)\s+reference\.(\w+)", path.read_text(), re.MULTILINE)
        assert not set(imported) & {m.removesuffix(".py") for m in graded_modules}, path
    checks = (releases[name] / "grader" / "checks" / ASSIGNMENTS[name].checks).read_text()
    assert "grader.judge.public" in checks and "reference" not in checks.replace("reference solution", "")


@pytest.mark.parametrize("name", RELEASED)
def test_the_release_holds_the_stub_and_the_notebook(releases, name):
    stem = ASSIGNMENTS[name].stub_stem
    for suffix in (".py", ".ipynb"):
        assert (releases[name] / "exercises" / stem.with_suffix(suffix).name).read_text() == (
            stem.with_suffix(suffix).read_text()
        )


def test_in_the_release_the_stub_scores_zero_and_a_correct_solution_full_public_marks(releases, tmp_path):
    release = releases["week2"]
    solution = tmp_path / "optimization.py"
    solution.write_text((ROOT / "reference" / "optimization.py").read_text())
    stub = json.loads(run_release(release, "week2", "exercises/week2.py", "--format", "json").stdout)
    full = json.loads(run_release(release, "week2", str(solution), "--format", "json").stdout)
    assert stub["score"] == 0 and {e["status"] for e in stub["exercises"]} == {"missing"}
    assert full["score"] == full["max_score"] > 0
    assert {e["name"] for e in full["exercises"] if e["max_score"] > 0} == set(ASSIGNMENTS["week2"].exercises)
    ran = sum(len(e["checks"]) for e in full["exercises"])
    runs = sum(len(checks) for checks in list_checks("week2").values())
    assert ran <= runs and coverage_note(ran, runs) in full["notes"]


def test_in_the_release_a_grading_says_how_many_more_checks_the_instructors_grading_runs(releases, tmp_path):
    solution = tmp_path / "optimization.py"
    solution.write_text((ROOT / "reference" / "optimization.py").read_text())
    adam = "update_parameters_with_adam"
    args = ("week2", str(solution), "--exercise", adam, "--format", "json")
    doc = json.loads(run_release(releases["week2"], *args).stdout)
    public = len(doc["exercises"][0]["checks"])
    instructor = len(list_checks("week2")[adam])  # all of week2's checks have public cases
    note = next(n for n in doc["notes"] if n.startswith("Public checks only"))
    assert note == coverage_note(public, instructor) and public == instructor


def test_the_coverage_note_counts_the_checks_a_release_leaves_out_and_says_the_inputs_differ():
    some = coverage_note(4, 6)
    assert some.startswith("Public checks only: 4 of the 6 checks")
    assert (
        "also runs the other 2, whose inputs are not released, and every check on many random inputs" in some
    )
    every = coverage_note(3, 3)
    assert "other" not in every and "runs each on many random inputs" in every and "not the grade" in every


def test_in_the_release_a_wrong_function_loses_points_there_with_expected_and_got(releases, tmp_path):
    release = releases["week2"]
    mutant = (ROOT / "tests" / "mutants" / "week2" / "schedule_lr_decay__no_floor.py").read_text()
    wrong = tmp_path / "wrong.py"
    wrong.write_text((ROOT / "reference" / "optimization.py").read_text() + "\n\n" + mutant)
    doc = json.loads(run_release(release, "week2", str(wrong), "--format", "json").stdout)
    failed = [e for e in doc["exercises"] if e["status"] != "passed"]
    assert [e["name"] for e in failed] == ["schedule_lr_decay"]
    message = next(c["message"] for c in failed[0]["checks"] if not c["passed"])
    assert message.startswith("On schedule_lr_decay(") and "expected" in message and "got" in message


def test_the_release_grader_knows_only_the_released_assignments(releases):
    listing = run_release(releases["week1-initialization"], "list").stdout
    assert "week1-initialization" in listing
    assert "week2" not in listing and "week3" not in listing


def test_instructor_commands_say_they_are_not_in_a_student_release(releases):
    release = releases["week1-initialization"]
    assert "batch" not in run_release(release, "--help").stdout
    result = run_release(release, "batch", "week1-initialization", ".", "--out", "graded")
    assert result.returncode == 2
    assert "no instructor commands" in result.stderr and "Traceback" not in result.stderr


def test_the_release_pyproject_installs_grade_from_packages_that_exist(releases):
    release = releases["week2"]
    project = tomllib.loads((release / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["grade"] == "grader.cli:main"
    for package in project["tool"]["setuptools"]["packages"]:
        assert (release / package.replace(".", "/") / "__init__.py").exists(), package
    assert "public_cases/*.json" in project["tool"]["setuptools"]["package-data"]["grader.checks"]


def test_public_checks_keep_the_instructor_names_points_and_hints_but_no_hidden_check(releases):
    checks = load_checks(
        (releases["week2"] / "grader" / "checks" / "public_cases" / "week2.json").read_text()
    )
    adam = [c for c in checks if c.exercise == "update_parameters_with_adam"]
    assert "check_epsilon_outside_square_root" in [c.name for c in adam]
    assert all(c.points > 0 and c.cases and c.hint for c in checks)
    assert all(len(c.cases) <= 4 for c in checks)
    assert adam[0].accept_lengths == (3,)  # the 2017 Adam returns (parameters, v, s)


def test_values_cross_the_data_file_exactly_with_dtype_and_identity():
    shared = np.arange(6, dtype=np.float32).reshape(2, 3)
    value = ({"W1": shared, "b1": np.zeros((2, 1))}, shared, [1, 2.5, None, "x"], np.int64(3))
    decoded = decode_value(json.loads(json.dumps(encode_value(value))))
    assert decoded[0]["W1"] is decoded[1] and decoded[1].dtype == np.float32
    np.testing.assert_array_equal(decoded[1], shared)
    assert decoded[2] == [1, 2.5, None, "x"] and decoded[3] == 3


def test_an_older_shorter_tuple_is_accepted_only_where_allowed():
    expected = (np.ones(2), np.zeros(2), np.zeros(2), np.ones(2), np.ones(2))
    expect_public(expected[:3], expected, PUBLIC, accept_lengths=(3,))
    with pytest.raises(CheckFailed, match="expected 5 items, got 3"):
        expect_public(expected[:3], expected, PUBLIC)
    with pytest.raises(CheckFailed, match=r"result\[0\]: values differ"):
        expect_public((np.ones(2) * 2, *expected[1:3]), expected, PUBLIC, accept_lengths=(3,))


def test_a_release_is_not_written_into_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(ReleaseError, match="not empty"):
        build_release("week2", tmp_path)
    result = CliRunner().invoke(main, ["release", "week2", str(tmp_path)])
    assert result.exit_code == 2 and "not empty" in result.output
