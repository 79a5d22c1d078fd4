"""Feedback pages for each student and the class summary for the instructor."""

import base64
import re
from dataclasses import replace

import pytest

from grader.instructor.class_statistics import common_mistakes, item_analysis, outliers, summary_statistics
from grader.instructor.reports import (
    class_summary_html,
    safe_name,
    student_html,
    student_markdown,
    write_reports,
)
from tests.grader.classroom import (
    BIAS,
    HIDDEN,
    NOT_IMPLEMENTED,
    SECRET,
    SECRET_HINT,
    SYNTAX,
    SYNTAX_NOTE,
    a_class,
    graded,
)


def text_of(html):
    return re.sub(r"<[^>]+>", " ", html)


def images(html):
    return re.findall(r'<img[^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)


# -- one student ----------------------------------------------------------------------------


@pytest.mark.parametrize("render", [student_markdown, student_html])
def test_feedback_shows_the_score_the_exercise_table_and_what_to_fix(render):
    text = text_of(render(graded("bo", adam={"bias correction": BIAS})))
    assert "30 / 40 points (75%)" in text
    assert re.search(r"update_parameters_with_gd\W+passed\W+10 / 10", text)
    assert re.search(r"update_parameters_with_adam\W+failed\W+20 / 30", text)
    assert "bias correction" in text and "max abs error 0.5 at index (0, 1)" in text
    assert "bias correction missing?" in text


@pytest.mark.parametrize("render", [student_markdown, student_html])
def test_a_hidden_check_says_only_that_it_failed(render):
    text = render(graded("eve", adam={"many steps": HIDDEN}))
    assert "many steps" in text and "this hidden check failed" in text
    assert SECRET not in text and SECRET_HINT not in text


@pytest.mark.parametrize("render", [student_markdown, student_html])
def test_submission_notes_are_shown(render):
    broken = {c: SYNTAX for c in ("fixed case", "property")}
    text = text_of(render(graded("dee", gd=broken, notes=[SYNTAX_NOTE])))
    assert "Notes" in text and SYNTAX_NOTE in text
    assert re.search(r"update_parameters_with_gd\W+error", text)


def test_a_missing_function_is_reported_once_with_all_the_points_it_lost():
    missing = {c: NOT_IMPLEMENTED for c in ("fixed case", "bias correction", "many steps")}
    text = student_markdown(graded("cy", adam=missing))
    assert text.count("is not implemented yet") == 1
    assert "**update_parameters_with_adam** / every check (0 of 30)" in text


def test_full_marks_say_every_check_passed():
    assert "Every check passed." in student_markdown(graded("ada"))


def test_html_feedback_escapes_what_the_submission_controls():
    html = student_html(graded("<script>x</script>", adam={"fixed case": {"message": "got <b>1</b>"}}))
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html
    assert "got &lt;b&gt;1&lt;/b&gt;" in html


# -- the class ------------------------------------------------------------------------------


def test_summary_statistics_of_known_scores():
    assert summary_statistics([10, 20, 30, 40]) == {
        "n": 4, "mean": 25, "median": 25, "std": 11.18, "min": 10, "max": 40}  # fmt: skip
    assert summary_statistics([])["n"] == 0 and summary_statistics([])["mean"] is None


def test_item_analysis_ranks_the_most_failed_check_first():
    items = item_analysis(a_class())
    assert (items[0]["exercise"], items[0]["check"], items[0]["failed"]) == (
        "update_parameters_with_adam", "bias correction", 3)  # fmt: skip
    assert items[0]["not_run"] == 1  # cy had not implemented it
    rates = [item["failure_rate"] for item in items]
    assert rates == sorted(rates, reverse=True)


def test_the_summary_page_lists_the_most_failed_check_first():
    html = class_summary_html("week2", a_class())
    table = html[html.index('id="items"') :]
    first_row = table[table.index("<tbody>") : table.index("</tr>", table.index("<tbody>"))]
    assert "bias correction" in first_row and "3 / 6" in first_row


def test_common_mistakes_are_grouped_by_hint_and_hidden_hints_are_not_among_them():
    mistakes = common_mistakes(a_class())
    assert mistakes == [{"hint": "bias correction missing?", "count": 2,
                         "checks": ["update_parameters_with_adam: bias correction"]}]  # fmt: skip


def test_a_hint_counts_only_students_whose_check_ran_and_failed():
    # as the plugin does: a check of a function that is not implemented still carries its hint
    stub = {**NOT_IMPLEMENTED, "hint": BIAS["hint"]}
    rows = [
        graded("bo", adam={"bias correction": BIAS}),
        graded("cy", adam={c: stub for c in ("fixed case", "bias correction", "many steps")}),
        graded("dee", adam={c: {**SYNTAX, "hint": BIAS["hint"]} for c in ("bias correction", "many steps")}),
        graded("fay", adam={"bias correction": BIAS, "many steps": BIAS}),  # twice, one student
    ]
    assert common_mistakes(rows) == [{"hint": "bias correction missing?", "count": 2, "checks": [
        "update_parameters_with_adam: bias correction", "update_parameters_with_adam: many steps"]}]  # fmt: skip
    html = class_summary_html("week2", rows)
    table = html[html.index('id="mistakes"') :]
    assert '<td class="num">2</td><td class="hint">bias correction missing?</td>' in table


@pytest.mark.parametrize("render", [student_markdown, student_html])
def test_feedback_names_the_submitted_file_not_the_instructors_path(render):
    row = graded("jo")
    moodle = "/home/prof/secret-course/2026/Jo Doe_123456_assignsubmission_file_/week2.py"
    text = render(replace(row, result=replace(row.result, submission=moodle)))
    assert "week2.py" in text and "/home/prof" not in text and "secret-course" not in text
    assert "Submission: unknown" in render(replace(row, result=replace(row.result, submission="")))


def test_submissions_with_errors_or_notes_are_outliers():
    found = {o["student"]: o["reasons"] for o in outliers(a_class())}
    assert "dee" in found and SYNTAX_NOTE in found["dee"]
    assert any("error in update_parameters_with_gd" in r for r in found["dee"])
    assert "ada" not in found and "bo" not in found


def test_a_score_far_below_the_rest_is_an_outlier():
    rows = [graded(f"s{i}", adam={"many steps": BIAS} if i % 2 else {}) for i in range(8)]
    everything = {c: BIAS for c in ("fixed case", "property", "bias correction", "many steps")}
    rows.append(graded("low", gd=everything, adam=everything))
    found = {o["student"]: o["reasons"] for o in outliers(rows)}
    assert list(found) == ["low"] and "unusually low" in found["low"][0]


def test_the_summary_embeds_both_plots_as_png_data_uris():
    pngs = images(class_summary_html("week2", a_class()))
    assert len(pngs) == 2
    assert all(base64.b64decode(png).startswith(b"\x89PNG\r\n\x1a\n") for png in pngs)


def test_the_summary_links_every_student_to_their_feedback_page():
    html = class_summary_html("week2", [*a_class(), graded("Jo Doe")])
    for student in ("ada", "bo", "cy", "dee", "eve", "fay"):
        assert f'<a href="students/{student}.html">{student}</a>' in html
    assert f'href="students/{safe_name("Jo Doe")}.html">Jo Doe</a>' in html


def test_the_summary_never_shows_a_hidden_checks_message():
    html = class_summary_html("week2", a_class())
    assert SECRET not in html and SECRET_HINT not in html


def test_an_empty_class_renders_a_page_without_plots():
    html = class_summary_html("week2", [])
    assert "No graded submissions yet." in html and images(html) == []
    assert "<title>week2: class summary</title>" in html


def test_a_class_with_one_score_renders_and_has_no_score_outliers():
    rows = [graded(f"s{i}") for i in range(6)]
    html = class_summary_html("week2", rows)
    assert len(images(html)) == 2
    assert outliers(rows) == []


# -- files ----------------------------------------------------------------------------------


def test_safe_names_stay_in_the_folder_and_do_not_collide():
    assert safe_name("ada") == "ada"
    names = {safe_name(s) for s in ("a b", "a_b", "a/b", "../a b", "")}
    assert len(names) == 5
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+", n) and not n.startswith(".") for n in names)


def test_write_reports_writes_the_summary_feedback_and_exports(tmp_path):
    rows = [*a_class(), graded("../x y")]
    written = write_reports(tmp_path / "out", "week2", rows)
    assert all(p.is_file() and p.is_relative_to(tmp_path / "out") for p in written)
    names = {p.relative_to(tmp_path / "out").as_posix() for p in written}
    assert {"summary.html", "gradebook.csv", "junit.xml", "class.json"} <= names
    for row in rows:
        name = safe_name(row.student)
        assert {f"students/{name}.md", f"students/{name}.html", f"gradescope/{name}.json"} <= names
    html = (tmp_path / "out" / "summary.html").read_text()
    for link in re.findall(r'href="(students/[^"]+)"', html):
        assert (tmp_path / "out" / link).is_file()
