"""``grade push canvas`` against a fake Canvas on loopback that speaks the two endpoints of
the Submissions API we use (list, paginated by ``Link`` headers; grade and comment), checks
the bearer token and can fail a PUT.  No real network; no grading: stored results only."""

import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.instructor import canvas_api, canvas_push
from grader.instructor.canvas_api import CanvasClient, CanvasError, CanvasGrade, next_link
from grader.instructor.canvas_push import decide
from grader.instructor.gradebook import Gradebook
from tests.grader.classroom import BIAS, graded, write_gradebook

TOKEN = "s3cret-token-of-the-teacher"
COURSE, ASSIGNMENT = "1234", "67890"
# A Canvas gradebook export (Grades -> Export): Week 2 is worth 40 points, as our week2.
ROSTER = (
    "\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Week 2: Optimization (67890)\n"
    "    Points Possible,,,,,40\n"
    '"Smith, Jane",101,S101,jsmith,Section A,\n'
    '"Doe, John",102,S102,jdoe,Section A,\n'
    '"Zed, Zoe",103,S103,zed,Section B,\n'
    '"Lee, Kim",104,S104,klee,Section B,\n'
    '"Student, Test",999,,5f1e,Section A,\n'
)
PER_PAGE = 2  # the fake Canvas's pages are small, so every list is paginated


class FakeCanvas:
    """The state of the fake Canvas: ``scores`` by user id (``None``: not graded), every
    request seen, the comments posted, and the number of the PUT to fail (1-based)."""

    def __init__(self, users=("101", "102", "103", "104", "999")):
        self.scores = dict.fromkeys(users)
        self.comments: dict[str, list[str]] = {user: [] for user in users}
        self.requests: list[tuple[str, str]] = []
        self.puts: list[str] = []
        self.fail_put: int | None = None
        self.drop_put: int | None = None  # the number of the PUT whose connection is dropped
        self.next_host: str | None = None  # where the Link header sends the next page
        self.excused: set[str] = set()

    def page(self, number):
        users = sorted(self.scores)
        chunk = users[(number - 1) * PER_PAGE : number * PER_PAGE]
        items = [{"user_id": int(u), "score": self.scores[u], "grade": None if self.scores[u] is None
                  else str(self.scores[u]), "graded_at": None, "excused": u in self.excused} for u in chunk]  # fmt: skip
        return items, number * PER_PAGE < len(users)


def handler_for(canvas: FakeCanvas):
    list_path = f"/api/v1/courses/{COURSE}/assignments/{ASSIGNMENT}/submissions"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def answer(self, status, body, headers=()):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def authorized(self):
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self.answer(401, {"errors": [{"message": "Invalid access token."}]})
                return False
            return True

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            canvas.requests.append(("GET", url.path))
            if not self.authorized():
                return
            if url.path != list_path:
                return self.answer(404, {"errors": [{"message": "The specified resource does not exist."}]})
            number = int(urllib.parse.parse_qs(url.query).get("page", ["1"])[0])
            items, more = canvas.page(number)
            base = f"http://{canvas.next_host or self.headers['Host']}{list_path}?per_page={PER_PAGE}"
            links = [f'<{base}&page={number}>; rel="current"', f'<{base}&page=1>; rel="first"']
            if more:
                links.insert(1, f'<{base}&page={number + 1}>; rel="next"')
            self.answer(200, items, [("Link", ",".join(links))])

        def do_PUT(self):
            url = urllib.parse.urlsplit(self.path)
            canvas.requests.append(("PUT", url.path))
            if not self.authorized():
                return
            user = url.path.removeprefix(list_path + "/")
            if "/" in user or user not in canvas.scores:
                return self.answer(404, {"errors": [{"message": "The specified resource does not exist."}]})
            form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            if canvas.fail_put is not None and len(canvas.puts) + 1 == canvas.fail_put:
                canvas.fail_put = None
                return self.answer(500, {"errors": [{"message": "An error occurred."}]})
            if canvas.drop_put is not None and len(canvas.puts) + 1 == canvas.drop_put:
                canvas.drop_put = None
                self.close_connection = True  # no answer at all: the connection is lost
                return None
            canvas.puts.append(user)
            canvas.scores[user] = float(form["submission[posted_grade]"][0])
            canvas.comments[user] += form.get("comment[text_comment]", [])
            self.answer(200, {"user_id": int(user), "score": canvas.scores[user]})

    return Handler


@pytest.fixture
def canvas():
    state = FakeCanvas()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


def a_class():
    """Jane 40/40, John (a folder by login) 30/40, Zoe 40/40, Kim 40/40, and a student Canvas lacks."""
    return [graded("smithjane_101"), graded("jdoe", adam={"bias correction": BIAS}), graded("zed"),
            graded("klee"), graded("ghost_555")]  # fmt: skip


@pytest.fixture
def graded_out(tmp_path):
    out = write_gradebook(tmp_path / "graded", a_class())
    (tmp_path / "canvas.csv").write_text(ROSTER, encoding="utf-8")
    return out


def run_push(graded_out, canvas, *extra, token=TOKEN):
    args = ["push", "canvas", str(graded_out), "--assignment", "week2", "--roster",
            str(graded_out.parent / "canvas.csv"), "--canvas-course", COURSE, "--canvas-assignment", ASSIGNMENT,
            "--allow-unmatched", *extra]  # fmt: skip
    env = {"CANVAS_URL": canvas.url, "CANVAS_TOKEN": token}
    return CliRunner().invoke(main, args, env=env)


def pushes(graded_out):
    with Gradebook(graded_out / "gradebook.sqlite") as book:
        return book.last_pushes(COURSE, ASSIGNMENT)


EXPECTED = {"101": 40.0, "102": 30.0, "103": 40.0, "104": 40.0}


# -- the plan, pure ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("canvas_score", "last", "force", "action"),
    [
        (None, None, False, "new"),  # nothing anywhere
        (30.0, 30.0, False, "update"),  # Canvas still has our last push
        (40.0, 30.0, False, "unchanged"),  # Canvas has our score already
        (35.0, 30.0, False, "skipped"),  # changed in Canvas after our push
        (35.0, 30.0, True, "overwrite"),
        (20.0, None, False, "skipped"),  # graded in Canvas, never by us
        (None, 30.0, False, "skipped"),  # removed in Canvas after our push
    ],
)
def test_each_student_is_sent_only_what_canvas_does_not_have_and_never_over_a_change_in_canvas(
    canvas_score, last, force, action
):
    assert decide(40.0, CanvasGrade("101", canvas_score), last, force) == action


def test_an_excused_submission_is_left_alone_unless_forced():
    excused = CanvasGrade("101", 40.0, excused=True)
    assert (decide(40.0, excused, 40.0, False), decide(40.0, excused, 40.0, True)) == ("skipped", "overwrite")


def test_the_next_page_is_read_from_the_link_header():
    header = '<https://c.edu/a?page=1>; rel="current",<https://c.edu/a?page=2>; rel="next",<https://c.edu/a?page=9>; rel="last"'
    assert next_link(header) == "https://c.edu/a?page=2"
    assert next_link('<https://c.edu/a?page=9>; rel="last"') is None and next_link("") is None


def test_a_token_never_travels_in_clear_and_is_read_from_the_environment_only():
    with pytest.raises(CanvasError, match="https"):
        CanvasClient("http://school.instructure.com", TOKEN)
    assert CanvasClient("https://school.instructure.com/", TOKEN).base == "https://school.instructure.com"
    assert TOKEN not in repr(CanvasClient("https://school.instructure.com", TOKEN))
    with pytest.raises(CanvasError, match="CANVAS_TOKEN"):
        canvas_api.canvas_token({})


def test_the_comment_says_final_raw_penalty_and_each_exercise_and_nothing_a_submission_wrote():
    from grader.instructor.marks import Lateness, mark

    row = graded(
        "jdoe", adam={"bias correction": {**BIAS, "message": "\x1b[2J FORGED 100/100"}}, notes=["evil"]
    )
    late = mark(row, lateness=Lateness("2026-11-03T04:00:00+00:00", "5 h late", 10.0))
    comment = canvas_push.feedback_comment(row, late, 26.0, 40.0)
    assert comment.splitlines()[:2] == ["week2: 26 / 40 points", "raw 30, late penalty 4"]
    assert "update_parameters_with_adam: 20 / 30" in comment and "5 h late" in comment
    assert "FORGED" not in comment and "evil" not in comment and "\x1b" not in comment
    assert len(canvas_push.feedback_comment(row, late, 26.0, 80.0)) <= canvas_push.COMMENT_LIMIT


# -- against the fake Canvas -----------------------------------------------------------------


def test_a_dry_run_reads_every_page_and_sends_nothing(graded_out, canvas):
    done = run_push(graded_out, canvas, "--dry-run")
    assert done.exit_code == 0, done.output
    assert [method for method, _ in canvas.requests] == ["GET", "GET", "GET"]  # 5 users, 2 per page
    assert canvas.puts == [] and pushes(graded_out) == {}
    assert "smithjane_101 (Canvas user 101): new: 40" in done.stdout
    assert "dry run: 4 grade(s) would be sent" in done.output and "nothing was sent" in done.output


def test_the_first_push_sets_every_grade_and_comment_and_records_them(graded_out, canvas):
    done = run_push(graded_out, canvas)
    assert done.exit_code == 0, done.output
    assert sorted(canvas.puts) == ["101", "102", "103", "104"]
    assert {u: canvas.scores[u] for u in EXPECTED} == EXPECTED and canvas.scores["999"] is None
    assert canvas.comments["102"][0].startswith("week2: 30 / 40 points")
    assert "update_parameters_with_adam: 20 / 30 (failed)" in canvas.comments["102"][0]
    assert pushes(graded_out) == EXPECTED
    assert "sent 4 of 4 grade(s) to Canvas" in done.output


def test_a_second_push_sends_nothing(graded_out, canvas):
    run_push(graded_out, canvas)
    canvas.requests.clear()
    again = run_push(graded_out, canvas)
    assert again.exit_code == 0, again.output
    assert len(canvas.puts) == 4 and all(method == "GET" for method, _ in canvas.requests)
    assert again.stdout.count("unchanged (") == 4 and "sent 0 of 0 grade(s)" in again.output
    assert all(len(comments) == 1 for user, comments in canvas.comments.items() if user in EXPECTED)


def test_a_grade_changed_in_canvas_is_reported_not_overwritten_and_force_overwrites_it(graded_out, canvas):
    run_push(graded_out, canvas)
    with Gradebook(graded_out / "gradebook.sqlite") as book:  # John's inquiry: 35 in our gradebook now
        book.override("jdoe", "week2", "", 35.0, "inquiry")
    canvas.scores["102"] = 38.0  # and the TA typed 38 in Canvas
    done = run_push(graded_out, canvas)
    assert canvas.scores["102"] == 38.0 and canvas.puts.count("102") == 1
    assert "jdoe (Canvas user 102): skipped: changed in Canvas: we pushed 30, Canvas has 38" in done.stdout
    assert "--force overwrites" in done.output
    forced = run_push(graded_out, canvas, "--force")
    assert forced.exit_code == 0, forced.output
    assert (
        canvas.scores["102"] == 35.0 and canvas.puts.count("102") == 2 and pushes(graded_out)["102"] == 35.0
    )
    assert "overwritten (--force)" in forced.stdout


def test_a_grade_we_changed_is_updated_when_canvas_still_has_our_last_push(graded_out, canvas):
    run_push(graded_out, canvas)
    with Gradebook(graded_out / "gradebook.sqlite") as book:
        book.override("jdoe", "week2", "", 35.0, "inquiry")
    done = run_push(graded_out, canvas, "--dry-run")
    assert "jdoe (Canvas user 102): changed from 30 to 35" in done.stdout and canvas.puts.count("102") == 1
    run_push(graded_out, canvas)
    assert canvas.scores["102"] == 35.0 and "set by the instructor" in canvas.comments["102"][-1]


def test_a_failure_halfway_stops_says_who_is_left_and_the_rerun_pushes_nobody_twice(graded_out, canvas):
    canvas.fail_put = 3  # the third PUT gets HTTP 500
    failed = run_push(graded_out, canvas)
    assert failed.exit_code == 1
    assert (
        "FAILED at" in failed.output
        and "HTTP 500" in failed.output
        and "not sent: 2 grade(s)" in failed.output
    )
    assert len(canvas.puts) == 2 and len(pushes(graded_out)) == 2
    rerun = run_push(graded_out, canvas)
    assert rerun.exit_code == 0, rerun.output
    assert sorted(canvas.puts) == ["101", "102", "103", "104"]  # each exactly once, in all
    assert pushes(graded_out) == EXPECTED and {u: canvas.scores[u] for u in EXPECTED} == EXPECTED


def test_a_grade_canvas_applied_but_whose_answer_was_lost_is_not_sent_again(graded_out, canvas):
    canvas.scores["101"] = 40.0  # our PUT reached Canvas; the run died before recording it
    done = run_push(graded_out, canvas)
    assert "smithjane_101 (Canvas user 101): unchanged (40)" in done.stdout and "101" not in canvas.puts
    assert pushes(graded_out)["101"] == 40.0  # recorded now, so a later change in Canvas is seen


def test_without_a_token_the_error_names_the_variable_and_nothing_is_asked(graded_out, canvas):
    done = run_push(graded_out, canvas, token="")
    assert done.exit_code == 2 and "CANVAS_TOKEN" in done.output and canvas.requests == []


def test_a_wrong_token_is_refused_by_canvas_and_said_so_without_showing_it(graded_out, canvas):
    done = run_push(graded_out, canvas, token="not-the-token")
    assert done.exit_code == 2 and "HTTP 401" in done.output and "CANVAS_TOKEN" in done.output
    assert "not-the-token" not in done.output and canvas.puts == []


def test_an_unmatched_student_is_listed_loudly_and_fails_the_run_unless_allowed(graded_out, canvas):
    args = ["push", "canvas", str(graded_out), "--assignment", "week2", "--roster",
            str(graded_out.parent / "canvas.csv"), "--canvas-course", COURSE, "--canvas-assignment", ASSIGNMENT]  # fmt: skip
    done = CliRunner().invoke(main, args, env={"CANVAS_URL": canvas.url, "CANVAS_TOKEN": TOKEN})
    assert done.exit_code == 1
    assert re.search(r"NOT PUSHED: 1 graded student\(s\) matched no row", done.stderr)
    assert "ghost_555: unmatched" in done.stderr and "555" not in canvas.puts
    assert len(canvas.puts) == 4  # the others are pushed all the same


def test_a_wrong_course_is_a_clear_error(graded_out, canvas):
    args = ["push", "canvas", str(graded_out), "--assignment", "week2", "--roster",
            str(graded_out.parent / "canvas.csv"), "--canvas-course", "9", "--canvas-assignment", ASSIGNMENT]  # fmt: skip
    done = CliRunner().invoke(main, args, env={"CANVAS_URL": canvas.url, "CANVAS_TOKEN": TOKEN})
    assert done.exit_code == 2 and "HTTP 404" in done.output and "--canvas-course" in done.output


def test_the_help_teaches_the_token_the_dry_run_and_what_is_never_overwritten():
    done = CliRunner().invoke(main, ["push", "--help"])
    assert done.exit_code == 0
    text = " ".join(done.output.split())
    assert "CANVAS_TOKEN" in text and "--dry-run" in text and "never overwritten without --force" in text


def test_a_lost_connection_halfway_stops_and_the_rerun_pushes_nobody_twice(graded_out, canvas):
    canvas.drop_put = 2
    failed = run_push(graded_out, canvas)
    assert (
        failed.exit_code == 1
        and "could not be reached" in failed.output
        and "not sent: 3 grade(s)" in failed.output
    )
    assert len(canvas.puts) == 1 and len(pushes(graded_out)) == 1
    assert run_push(graded_out, canvas).exit_code == 0
    assert sorted(canvas.puts) == ["101", "102", "103", "104"] and pushes(graded_out) == EXPECTED


def test_a_next_page_on_another_site_is_not_followed_so_the_token_stays_home(graded_out, canvas):
    canvas.next_host = "evil.example"
    done = run_push(graded_out, canvas)
    assert done.exit_code == 2 and "another site (evil.example)" in done.output
    assert canvas.puts == [] and len(canvas.requests) == 1


def test_an_old_gradebook_gains_the_pushes_table_and_keeps_its_grades(graded_out):
    with Gradebook(graded_out / "gradebook.sqlite") as book:
        book.db.execute("DROP TABLE pushes")  # as a gradebook written before pushes existed
    with Gradebook(graded_out / "gradebook.sqlite") as book:
        assert book.last_pushes(COURSE, ASSIGNMENT) == {} and len(book.current("week2")) == 5
        book.record_push("jdoe", "week2", "102", COURSE, ASSIGNMENT, 30.0)
        book.record_push("jdoe", "week2", "102", COURSE, ASSIGNMENT, 35.0)
        assert book.last_pushes(COURSE, ASSIGNMENT) == {"102": 35.0} and book.last_pushes(COURSE, "1") == {}
