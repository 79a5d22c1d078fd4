"""The grade command: the JSON contract, exit statuses, and messages that say what to do."""

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from grader.assignments import ASSIGNMENTS, GROUPS, ROOT
from grader.cli import main
from grader.instructor.commands.build import members

STUB = ROOT / "exercises" / "week2.py"
REFERENCE = ROOT / "reference" / "optimization.py"


def run(*args, **kwargs):
    return CliRunner().invoke(main, list(args), prog_name="grade", catch_exceptions=False, **kwargs)


def test_json_output_follows_the_contract_and_is_alone_on_stdout():
    result = run("week2", str(REFERENCE), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert {"assignment", "score", "max_score", "exercises", "sandbox", "duration_s"} <= set(doc)
    assert doc["assignment"] == "week2" and doc["score"] == doc["max_score"] == 100
    assert [e["name"] for e in doc["exercises"]] == list(ASSIGNMENTS["week2"].exercises)
    for exercise in doc["exercises"]:
        assert exercise["status"] == "passed"
        assert sum(c["max_score"] for c in exercise["checks"]) == exercise["max_score"]
        for check in exercise["checks"]:
            assert set(check) >= {"name", "passed", "score", "max_score", "message"}


def test_a_stub_scores_zero_with_every_exercise_missing_and_exit_status_zero():
    result = run("week2", str(STUB), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["score"] == 0
    assert {e["status"] for e in doc["exercises"]} == {"missing"}


def test_text_output_has_a_table_and_what_to_fix():
    result = run("week2", str(STUB))
    assert result.exit_code == 0
    assert "week2: 0 / 100 points" in result.stdout
    assert re.search(r"update_parameters_with_adam\s+missing\s+0 / 25", result.stdout)
    assert "is not implemented yet (it raises NotImplementedError)" in result.stdout


def test_without_a_path_the_file_in_the_current_folder_is_graded(tmp_path, monkeypatch):
    shutil.copy(REFERENCE, tmp_path / "my_solution.py")
    monkeypatch.chdir(tmp_path)
    doc = json.loads(run("week2", "--format", "json").stdout)
    assert doc["score"] == 100 and doc["submission"].endswith("my_solution.py")


def test_an_unknown_assignment_is_a_usage_error_naming_the_choices():
    result = CliRunner().invoke(main, ["week9", "x.py"])
    assert result.exit_code == 2
    assert "unknown assignment or command 'week9'" in result.output and "week2" in result.output


def test_a_missing_path_is_a_usage_error():
    result = CliRunner().invoke(main, ["week2", "nowhere.ipynb"])
    assert result.exit_code == 2
    assert "nowhere.ipynb does not exist" in result.output


def test_a_broken_notebook_is_a_usage_error_that_says_where(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{ not json")
    result = CliRunner().invoke(main, ["week2", str(path)])
    assert result.exit_code == 2
    assert "broken JSON at line 1" in result.output and "Traceback" not in result.output


def test_a_folder_without_a_submission_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["week2", str(tmp_path)])
    assert result.exit_code == 2
    assert "Pass the file to grade as an argument" in result.output


def test_list_shows_every_assignment_exercise_and_points():
    result = run("list")
    assert result.exit_code == 0
    for name, assignment in ASSIGNMENTS.items():
        assert f"{name}  (100 points)" in result.stdout
        for exercise in assignment.exercises:
            assert exercise in result.stdout
    # what the declarations say a student should know: the parts returned, the blocks used
    adam = next(line for line in result.stdout.splitlines() if "update_parameters_with_adam" in line)
    assert adam.endswith("returns (parameters, v, s, v_corrected, s_corrected) or its first 3")
    conv = next(line for line in result.stdout.splitlines() if line.strip().startswith("conv_forward "))
    assert conv.endswith("returns (Z, cache); runs with the reference's zero_pad, conv_single_step")


@pytest.mark.parametrize(
    ("args", "example"),
    [
        (["--help"], "grade week2 Optimization_methods.ipynb"),
        (["week2", "--help"], "grade week2 my_solution.py --format json"),
        (["validate", "--help"], "grade validate week2"),
    ],
)
def test_help_teaches_by_example(args, example):
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage: grade" in result.stdout and example in result.stdout


def test_the_result_is_the_same_on_every_run():
    first, second = (json.loads(run("week2", str(REFERENCE), "--format", "json").stdout) for _ in range(2))
    for doc in (first, second):
        doc.pop("duration_s")
    assert first == second


def test_validate_of_a_group_validates_its_members():
    assert members(("week1", "week1-extras")) == list(GROUPS["week1"].members)
