"""Text from a submission is data: one student's messages never break the class's
gradebook or reports, never act on the instructor's terminal, never forge markup, and
stay small.  The hostile submissions are tests/hostile/{lone_surrogate_message,
control_chars_in_message, markdown_forgery, huge_messages}.py."""

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace

import click
import pytest
from click.testing import CliRunner

from grader import cli
from grader.api import grade
from grader.assignments import ROOT
from grader.boundary.untrusted import (
    clean_text,
    markdown_text,
    spreadsheet_cell,
    terminal_text,
    within_budget,
    xml_text,
)
from grader.instructor.batch import GRADEBOOK
from grader.instructor.commands import grading
from grader.instructor.exports import gradebook_csv, junit_xml
from grader.instructor.gradebook import Gradebook
from grader.instructor.reports import student_html, student_markdown, write_reports
from grader.render import render_text
from grader.results import MESSAGE_LIMIT, NOTES_KEPT, SUBMISSION_TEXT_LIMIT, CheckResult, Graded
from tests.grader.classroom import graded

HOSTILE = ROOT / "tests" / "hostile"
ESCAPES = "\x00\x0b\x0c\x1b[2J\x1b]0;pwned\x07\x9b31m\rfake\u202egnp.exe\ud800"
FORGERY = (
    "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n**Score: 100 / 100 points (100%)**\n\n"
    "# week2: feedback\n===\n| update_lr | passed |\n[grade](javascript:alert(1))\n1. ok\n- ok\n> quote\n```"
)
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile(name, tmp_path):
    """The reference with a hostile file's week2 functions appended (as test_hostile does)."""
    path = tmp_path / f"{name}.py"
    reference = (ROOT / "reference" / "optimization.py").read_text()
    path.write_text(reference + "\n\n" + (HOSTILE / f"{name}.py").read_text())
    return path


def graded_with(message="", student="ann", notes=()):
    """A week2-like row whose bias-correction check failed with ``message``."""
    return graded(student, adam={"bias correction": {"message": message, "hint": "bias correction missing?"}},
                  notes=notes)  # fmt: skip


# -- where text enters: clean_text and the result model --------------------------------------


def test_clean_text_makes_lone_surrogates_encodable_and_keeps_real_characters():
    cleaned = clean_text("\ud800 é \U0001f600 \udce9", 100)
    cleaned.encode("utf-8")  # would raise on a lone surrogate
    assert cleaned == "\ufffd é \U0001f600 \ufffd"


def test_clean_text_shows_control_characters_as_escapes_and_keeps_newlines_where_asked():
    assert clean_text("a\x1b[2Jb\tc\nd\r\ne", 100) == "a\\x1b[2Jb\tc\nd\ne"
    assert clean_text("a\nb\rc\u202ed", 100, lines=False) == "a\\nb\\x0dc\\u202ed"


def test_clean_text_is_bounded_says_how_much_it_cut_and_is_idempotent():
    cleaned = clean_text("x" * 1_000_000, 4_000)
    assert len(cleaned) <= 4_000 and cleaned.endswith("characters cut)")
    assert f"{1_000_000 - cleaned.index('…'):,} characters cut" in cleaned
    assert clean_text(cleaned, 4_000) == cleaned
    escapes = clean_text("\x1b" * 10_000, 100)
    assert len(escapes) <= 100 and clean_text(escapes, 100) == escapes


def test_messages_of_all_checks_share_a_budget_that_keeps_the_first_whole():
    texts = within_budget(["a" * 80, "b" * 80, "", "c" * 80], 200, "too long")
    assert texts[0] == "a" * 80 and texts[1].startswith("b") and texts[2] == ""
    assert sum(map(len, texts)) <= 200 and within_budget(texts, 200, "too long") == texts


def test_a_check_result_is_clean_and_bounded_whoever_builds_it():
    huge = "\ud800" + ESCAPES + "x" * 10**6
    check = CheckResult("c\x1b", "e\n", False, 0.0, 1.0, message=huge, hint="\x07")
    assert len(check.message) <= MESSAGE_LIMIT and "characters cut" in check.message
    assert not TERMINAL_CONTROLS.search(check.message + check.hint + check.name + check.exercise)
    check.message.encode("utf-8")
    assert replace(check) == check  # cleaning what is clean changes nothing


def test_a_submission_with_huge_messages_and_notes_is_bounded_as_a_whole():
    row = graded_with("x" * 10**6, notes=["n" * 10**5] * 1000)
    result = replace(row.result, exercises=row.result.exercises * 30)
    texts = [t for e in result.exercises for c in e.checks for t in (c.message, c.hint)]
    assert sum(map(len, texts)) <= SUBMISSION_TEXT_LIMIT
    assert len(result.notes) == NOTES_KEPT and "more notes" in result.notes[-1]
    assert replace(result) == result


def test_the_gradebook_stores_a_surrogate_message_and_reads_back_the_same_result(tmp_path):
    row = graded_with("raised ValueError: \ud800" + ESCAPES, notes=["cell 1: \udce9"])
    with Gradebook(tmp_path / GRADEBOOK) as book:
        book.see("week2", {"ann": "abc"})
        book.record("ann", "abc", "fp", row.result)  # raised UnicodeEncodeError
        (back,) = book.current("week2")
    assert replace(back.result, duration_s=row.result.duration_s) == row.result


# -- where text leaves: each output -----------------------------------------------------------


def structure(markdown):
    """What starts each line of a Markdown text that starts a block: a heading, table,
    quote, list item, rule, fence, HTML, the bold score line."""
    block = re.compile(r"\s*([#|>=<]|\*\*|[-+*] |\d+[.)] |```|~~~)")
    return [found.group(0) for line in markdown.splitlines() if (found := block.match(line))]


def test_markdown_feedback_shows_the_students_text_and_renders_none_of_its_markup():
    plain = student_markdown(graded_with("plain words", notes=["a plain note"]))
    forged = student_markdown(graded_with(FORGERY, student="<img src=x>", notes=[FORGERY]))
    assert "<script" not in forged and "<img" not in forged
    assert structure(forged) == structure(plain)
    assert "Score: 100 / 100" in forged  # shown as text, not as a score:
    assert re.findall(r"^\*\*Score:.*$", forged, re.M) == ["**Score: 30 / 40 points (75%)**"]


def test_markdown_text_escapes_each_kind_of_markup():
    assert markdown_text("**bold** _x_ v_corrected `c` [l](u) a|b ~s~ #h") == (
        r"\*\*bold\*\* \_x\_ v_corrected \`c\` \[l\](u) a\|b \~s\~ \#h"
    )
    assert markdown_text("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert markdown_text("a\n\n- item\n12. x\n===") == "a\\\n\\- item\\\n12\\. x\\\n\\==="


def test_html_feedback_escapes_the_forgery_and_the_student_id():
    html = student_html(graded_with(FORGERY, student="<img src=x onerror=alert(1)>" + ESCAPES))
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    html.encode("utf-8")
    assert not TERMINAL_CONTROLS.search(html.replace("\n", ""))


def test_junit_parses_with_control_characters_and_surrogates_in_messages_and_ids():
    rows = [graded_with(ESCAPES, student="bo" + ESCAPES, notes=[ESCAPES]), graded_with("ok", student="cy")]
    root = ET.fromstring(junit_xml("week2", rows).encode("utf-8"))  # ParseError before
    assert [s.get("name") for s in root.iter("testsuite")][1] == "week2.cy"
    assert xml_text("a\x00\ud800\ufffeb") == "a\\x00\\ud800\\ufffeb"


def test_the_csv_keeps_formulas_as_text_and_ids_on_one_line():
    rows = [graded_with(student="=cmd|' /C calc'!A0"), graded_with(student="+1\x1b[2J\nx\ud800")]
    cells = [r[0] for r in csv.reader(io.StringIO(gradebook_csv("week2", rows)))][1:]
    assert cells == ["'+1\\x1b[2J\\nx\ufffd", "'=cmd|' /C calc'!A0"]
    assert spreadsheet_cell("@SUM(A1)") == "'@SUM(A1)" and spreadsheet_cell("ann") == "ann"


def test_the_text_report_and_terminal_lines_have_no_control_characters():
    row = graded_with(ESCAPES, notes=[ESCAPES])
    text = render_text(replace(row.result, submission="sub\x1b]0;pwned\x07.py"))
    assert not TERMINAL_CONTROLS.search(text.replace("\n", ""))
    assert terminal_text("jane\x1b[2J\r\n") == "jane\\x1b[2J\\x0d\\n"


# -- graded for real ----------------------------------------------------------------------


def reports_of(result, out):
    return {p.relative_to(out).as_posix(): p for p in write_reports(out, "week2", [Graded("ann", result)])}


@pytest.mark.slow
def test_huge_messages_leave_the_reports_small(tmp_path):
    """Before: 3 MB of messages, junit.xml 6.0 MB, Markdown 3.0 MB, HTML 3.0 MB."""
    result = grade("week2", hostile("huge_messages", tmp_path), call_timeout=2.0, budget=6.0)
    assert {e.name for e in result.exercises if e.status != "passed"} >= {"update_lr", "schedule_lr_decay"}
    written = reports_of(result, tmp_path / "out")
    sizes = {name: path.stat().st_size for name, path in written.items()}
    assert sizes["junit.xml"] < 100_000 and sizes["students/ann.md"] < 60_000, sizes
    assert sum(sizes.values()) < 400_000, sizes


@pytest.mark.slow
@pytest.mark.parametrize("name", ["control_chars_in_message", "markdown_forgery", "lone_surrogate_message"])
def test_a_hostile_message_graded_for_real_leaves_every_report_readable_and_inert(name, tmp_path):
    result = grade("week2", hostile(name, tmp_path), call_timeout=2.0, budget=6.0)
    assert result.exercise("update_lr").status == "failed"
    written = reports_of(result, tmp_path / "out")  # UnicodeEncodeError before (surrogate)
    ET.parse(written["junit.xml"])  # ParseError before (control characters)
    markdown = written["students/ann.md"].read_text()
    assert "<script" not in markdown and "<img" not in markdown
    assert len(re.findall(r"^\*\*Score:", markdown, re.M)) == 1
    assert not TERMINAL_CONTROLS.search(render_text(result).replace("\n", ""))


# -- a class ----------------------------------------------------------------------------------

INITIALIZATION = ROOT / "reference" / "initialization.py"
SURROGATE_ZEROS = """

def initialize_parameters_zeros(layers_dims):
    raise ValueError("\\ud800 and a terminal title \\x1b]0;pwned\\x07")
"""


@pytest.mark.slow
def test_a_batch_grades_everyone_after_a_surrogate_message_and_writes_every_report(tmp_path, monkeypatch):
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "aaron.py").write_text(INITIALIZATION.read_text() + SURROGATE_ZEROS)
    shutil.copy(INITIALIZATION, folder / "zoe.py")
    shown = []
    real_bar = click.progressbar

    def recording_bar(**kwargs):  # what the progress bar would print for each student
        show = kwargs["item_show_func"]
        shown.extend(show(s) for s in ("aaron", "jane\x1b[2J\x1b]0;pwned\x07"))
        return real_bar(**kwargs)

    monkeypatch.setattr(grading.click, "progressbar", recording_bar)
    out = tmp_path / "out"
    run = CliRunner().invoke(cli.main, ["batch", "week1-initialization", str(folder), "--out", str(out),
                                        "--workers", "1"])  # fmt: skip
    assert run.exit_code == 0, run.output
    with Gradebook(out / GRADEBOOK) as book:
        scores = {row.student: row.result.score for row in book.current("week1-initialization")}
    assert scores["zoe"] == 100.0 and scores["aaron"] < 100.0
    reports = out / "week1-initialization"
    assert (reports / "students" / "aaron.md").exists() and (reports / "students" / "zoe.md").exists()
    ET.parse(reports / "junit.xml")
    assert shown == ["aaron", "jane\\x1b[2J\\x1b]0;pwned\\x07"]
    assert not TERMINAL_CONTROLS.search(run.output.replace("\n", "")), repr(run.output)
