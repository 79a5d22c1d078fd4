"""Exports: an LMS CSV, Gradescope results.json, JUnit XML and JSON, none leaking hidden checks."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from grader.instructor.exports import class_json, gradebook_csv, junit_xml
from grader.render import gradescope_results
from tests.grader.classroom import BIAS, HIDDEN, SECRET, SECRET_HINT, a_class, graded


def all_exports():
    rows = a_class()
    return {
        "csv": gradebook_csv("week2", rows),
        "junit": junit_xml("week2", rows),
        "json": class_json("week2", rows),
        "gradescope": json.dumps([gradescope_results(row.result) for row in rows]),
    }


@pytest.mark.parametrize("export", ["csv", "junit", "json", "gradescope"])
def test_no_export_reveals_a_hidden_checks_message_or_hint(export):
    text = all_exports()[export]
    assert SECRET not in text and SECRET_HINT not in text


def test_gradescope_results_have_the_required_keys_and_the_tests_add_up_to_the_score():
    result = graded("bo", adam={"bias correction": BIAS}).result
    doc = json.loads(json.dumps(gradescope_results(result)))
    assert {"score", "execution_time", "output", "tests"} <= set(doc)
    assert doc["score"] == result.score == 30
    assert sum(t["score"] for t in doc["tests"]) == doc["score"]
    assert sum(t["max_score"] for t in doc["tests"]) == result.max_score
    for test in doc["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
        assert test["status"] in {"passed", "failed"}
        assert test["visibility"] in {"visible", "hidden", "after_due_date", "after_published"}


def test_a_failed_gradescope_test_explains_itself_and_a_hidden_one_only_says_it_failed():
    result = graded("eve", adam={"bias correction": BIAS, "many steps": HIDDEN}).result
    tests = {t["name"]: t for t in gradescope_results(result)["tests"]}
    bias = tests["update_parameters_with_adam: bias correction"]
    assert bias["status"] == "failed" and "max abs error 0.5" in bias["output"]
    assert "hint: bias correction missing?" in bias["output"]
    hidden = tests["update_parameters_with_adam: many steps"]
    assert hidden["status"] == "failed" and hidden["output"] == "this hidden check failed"
    passed = tests["update_parameters_with_gd: fixed case"]
    assert passed["status"] == "passed" and passed["output"] == ""


def test_gradescope_output_carries_the_submission_notes():
    result = graded("dee", notes=["cell 4, line 3: SyntaxError: invalid syntax"]).result
    assert "cell 4, line 3: SyntaxError" in gradescope_results(result)["output"]


def test_the_csv_has_one_row_per_student_sorted_with_a_column_per_exercise():
    rows = list(csv.DictReader(io.StringIO(gradebook_csv("week2", a_class()))))
    assert [r["student"] for r in rows] == ["ada", "bo", "cy", "dee", "eve", "fay"]
    assert list(rows[0]) == ["student", "score", "max_score", "percent", "raw_score", "penalty", "submitted_at",
                             "late", "adjustments", "update_parameters_with_gd", "update_parameters_with_adam"]  # fmt: skip
    bo = rows[1]
    assert (bo["score"], bo["max_score"], bo["percent"]) == ("30", "40", "75")
    assert (bo["update_parameters_with_gd"], bo["update_parameters_with_adam"]) == ("10", "20")


def test_a_student_id_with_commas_and_quotes_survives_the_csv():
    rows = list(csv.DictReader(io.StringIO(gradebook_csv("week2", [graded('Doe, "Jo"')]))))
    assert [r["student"] for r in rows] == ['Doe, "Jo"']


def test_a_student_id_that_looks_like_a_formula_stays_text_in_the_csv():
    rows = list(csv.DictReader(io.StringIO(gradebook_csv("week2", [graded('=HYPERLINK("http://x")')]))))
    assert rows[0]["student"] == '\'=HYPERLINK("http://x")'


def test_junit_has_a_suite_per_student_and_counts_the_failures():
    root = ET.fromstring(all_exports()["junit"])
    assert root.tag == "testsuites"
    suites = {s.find("properties/property[@name='student']").get("value"): s for s in root.iter("testsuite")}
    assert sorted(suites) == ["ada", "bo", "cy", "dee", "eve", "fay"]
    assert [int(suites[s].get("failures")) for s in ("ada", "bo", "cy", "dee", "eve")] == [0, 1, 3, 2, 1]
    for suite in suites.values():
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("tests")) == len(suite.findall("testcase")) == 5
    assert int(root.get("failures")) == 1 + 1 + 3 + 2 + 1
    bo = suites["bo"]
    failure = bo.find("testcase[@name='bias correction']/failure")
    assert bo.find("testcase[@name='bias correction']").get("classname") == "update_parameters_with_adam"
    assert failure.get("message") == BIAS["message"] and "bias correction missing?" in failure.text
    assert bo.find("properties/property[@name='score']").get("value") == "30"


def test_class_json_holds_each_students_result_and_gradebook_data():
    doc = json.loads(all_exports()["json"])
    assert doc["assignment"] == "week2"
    students = {s["student"]: s for s in doc["students"]}
    assert students["bo"]["score"] == 30 and students["ada"]["score"] == 40
    assert students["bo"]["content_hash"] == "abc" and students["bo"]["grader_version"] == "0.1"
    assert students["bo"]["graded_at"] == "2024-05-01T10:00:00"
    adam = students["eve"]["exercises"][1]
    assert [c["message"] for c in adam["checks"] if not c["passed"]] == ["this hidden check failed"]


def test_an_empty_class_exports_headers_and_nothing_else():
    assert (
        gradebook_csv("week2", [])
        == "student,score,max_score,percent,raw_score,penalty,submitted_at,late,adjustments\r\n"
    )
    assert ET.fromstring(junit_xml("week2", [])).get("tests") == "0"
    assert json.loads(class_json("week2", []))["students"] == []
