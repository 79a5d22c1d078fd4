r"""Final scores into Canvas through its REST API: ``grade push canvas``, safe to rerun.

Canvas's Submissions API (https://canvas.instructure.com/doc/api/submissions.html):

* ``GET /api/v1/courses/:course_id/assignments/:assignment_id/submissions?per_page=100``
  lists the assignment's submissions (``user_id``, ``score``, ``grade``, ``graded_at``,
  ``excused``), a page at a time: the ``Link`` header's ``rel="next"`` is the next page;
* ``PUT /api/v1/courses/:course_id/assignments/:assignment_id/submissions/:user_id`` with
  the form fields ``submission[posted_grade]`` (the score) and ``comment[text_comment]``
  grades one student and adds a comment.

Every request carries ``Authorization: Bearer <token>``, the token read from the
environment (:data:`TOKEN_VARIABLE`) only, and goes to the Canvas URL given and nowhere
else: redirects are refused, a next page on another host is refused, and the URL must be
``https`` (``http`` on loopback only, for a local Canvas).

A push is a plan, then its execution.  The plan (:func:`build_plan`, pure) compares, for
each student the roster matches, the score we would send with what Canvas has now and
what we last pushed there (the gradebook's ``pushes``):

=============  ==========================================================================
``new``        Canvas has no score and we never pushed one: send it
``update``     Canvas still has what we last pushed, and our score changed: send it
``unchanged``  Canvas has our score already: send nothing
``skipped``    Canvas's score is not what we last pushed (changed in Canvas, or graded
               there before any push, or excused): send nothing, tell the instructor
``overwrite``  the same, with ``--force``: send it
=============  ==========================================================================

Each success is recorded at once (:meth:`grader.instructor.gradebook.Gradebook.record_push`), so a
run that fails halfway stops, says who is left, and the rerun sends only those: nobody is
pushed twice.  The comment is in our words (:func:`feedback_comment`), cleaned and bounded.
"""

from __future__ import annotations

import http.client
import json
import math
import re
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from grader.boundary.untrusted import clean_text, terminal_text
from grader.instructor.exports import Matching, number, parse_number, shown_student, sorted_rows
from grader.instructor.gradebook import Gradebook
from grader.instructor.lms import CanvasRoster
from grader.instructor.marks import Mark
from grader.render import points
from grader.results import Graded

TOKEN_VARIABLE = "CANVAS_TOKEN"
URL_VARIABLE = "CANVAS_URL"
PER_PAGE = 100
MAX_PAGES = 1_000  # 100,000 submissions: beyond that, a server that never ends its pages
RESPONSE_LIMIT = 16 * 1024 * 1024  # bytes of one response read at most
TIMEOUT_S = 30.0
COMMENT_LIMIT = 2_000
ADJUSTMENT_LIMIT = 300
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
SAME_SCORE = 1e-6  # scores closer than this are one score (Canvas stores them as decimals)
#: The actions that send a grade (see the module docstring).
SENDING = frozenset({"new", "update", "overwrite"})


class CanvasError(RuntimeError):
    """Canvas cannot be reached, or refused a request: one sentence for the instructor."""


@dataclass(frozen=True)
class CanvasGrade:
    """What Canvas has for one student (a Submission object of the Submissions API)."""

    user_id: str
    score: float | None
    grade: str = ""
    graded_at: str = ""
    excused: bool = False


@dataclass(frozen=True)
class Step:
    """What the push does for one student; ``score`` is in Canvas's points."""

    student: str
    canvas_user_id: str
    action: str  # new, update, unchanged, skipped, overwrite
    score: float
    canvas_score: float | None  # what Canvas has now
    last_pushed: float | None  # what we last pushed there
    excused: bool = False
    comment: str = ""

    @property
    def sends(self) -> bool:
        return self.action in SENDING

    def describe(self) -> str:
        """One line for the instructor: the student, then what happens."""
        now = "no score" if self.canvas_score is None else points(self.canvas_score)
        if self.excused:
            why = "excused in Canvas"
        elif self.last_pushed is None:
            why = f"graded in Canvas ({now}), not by a push of ours"
        else:
            why = f"changed in Canvas: we pushed {points(self.last_pushed)}, Canvas has {now}"
        what = {
            "new": f"new: {points(self.score)}",
            "update": f"changed from {now} to {points(self.score)}",
            "unchanged": f"unchanged ({points(self.score)})",
            "skipped": f"skipped: {why}; --force overwrites it with {points(self.score)}",
            "overwrite": f"overwritten (--force): {why}; now {points(self.score)}",
        }[self.action]
        return f"{shown_student(self.student)} (Canvas user {self.canvas_user_id}): {what}"


@dataclass
class Plan:
    """Every matched student's step, and how the class matched the roster."""

    steps: list[Step]
    matching: Matching

    @property
    def to_send(self) -> list[Step]:
        return [step for step in self.steps if step.sends]

    def lines(self) -> list[str]:
        """The plan, one line per matched student."""
        return [f"  {step.describe()}" for step in self.steps]

    def left_out_lines(self) -> list[str]:
        """Who is not pushed and why, loudest first (the export's report, worded for a push)."""
        return self.matching.report("canvas", action="push")


@dataclass
class Pushed:
    """What a push did: who was sent, who failed (the first failure stops it), who is left."""

    sent: list[Step] = field(default_factory=list)
    failed: Step | None = None
    error: str = ""
    left: list[Step] = field(default_factory=list)


# -------------------------------------------------------------------------- the plan (pure)


def same_score(a: float | None, b: float | None) -> bool:
    """Whether two scores (``None``: no score) are one."""
    if a is None or b is None:
        return a is b
    return abs(a - b) <= SAME_SCORE


def decide(score: float, canvas: CanvasGrade | None, last_pushed: float | None, force: bool) -> str:
    """The action for one student (module docstring): ``score`` to send, Canvas's grade
    now (``None``: no submission listed), and the score we last pushed (``None``: never)."""
    now = canvas.score if canvas is not None else None
    excused = canvas is not None and canvas.excused
    if not excused and same_score(now, score):
        return "unchanged"
    if excused or not same_score(now, last_pushed):
        return "overwrite" if force else "skipped"
    return "new" if now is None else "update"


def match_canvas_users(rows: Sequence[Graded], roster: CanvasRoster) -> tuple[dict[str, str], Matching]:
    """``({student: Canvas user id}, matching)``, by the rules of ``grade export canvas``
    (:func:`grader.instructor.exports.canvas_csv`): two students on one roster row are both left out."""
    found = {row.student: roster.match(row.student) for row in sorted_rows(rows)}
    claims = Counter(match["ID"] for match in found.values() if match is not None)
    matching, users = Matching(), {}
    for student, match in found.items():
        if match is None:
            matching.unmatched.append(student)
        elif claims[match["ID"]] > 1:
            matching.twice.append(student)
        else:
            matching.matched.append(student)
            users[student] = match["ID"]
    matching.not_graded = [s["Student"] for s in roster.students if s["ID"] not in claims]
    return users, matching


def canvas_points(mark: Mark, possible: float | None) -> float:
    """The final score in Canvas's points: scaled to the assignment's points possible when
    the roster states them, as in the import file."""
    if possible is None or not mark.max_score:
        return round(mark.score, 6)
    return round(mark.score * possible / mark.max_score, 6)


def feedback_comment(row: Graded, mark: Mark, score: float, possible: float | None) -> str:
    """The comment sent with the grade: the final score and how it was reached, each
    exercise's points; our words only (no message of a submission), clean and bounded."""
    result = row.result
    head = f"{result.assignment}: {points(mark.score)} / {points(mark.max_score)} points"
    if possible is not None and not same_score(possible, mark.max_score):
        head += f" ({points(score)} / {points(possible)} in Canvas)"
    lines = [head]
    if mark.penalty or mark.adjustments:
        lines.append(f"raw {points(mark.raw)}, late penalty {points(mark.penalty)}")
        lines += [f"- {clean_text(a, ADJUSTMENT_LIMIT, lines=False)}" for a in mark.adjustments]
    for e in result.exercises:
        manual = mark.manual.get(e.name)
        shown = f"{points(e.score)} / {points(e.max_score)} ({e.status})"
        if manual is not None:
            shown = (
                f"{points(manual)} / {points(e.max_score)} (set by the instructor; graded {points(e.score)})"
            )
        lines.append(f"{e.name}: {shown}")
    return clean_text("\n".join(lines), COMMENT_LIMIT)


def build_plan(rows: Sequence[Graded], marks: Mapping[str, Mark], roster: CanvasRoster, canvas_assignment: str,
               canvas: Mapping[str, CanvasGrade], last: Mapping[str, float], force: bool = False) -> Plan:  # fmt: skip
    """Each matched student's step (:func:`decide`), by student; ``canvas`` is what Canvas
    has by user id, ``last`` what we last pushed there by user id."""
    possible = parse_number(roster.points_possible.get(roster.column(canvas_assignment), ""))
    users, matching = match_canvas_users(rows, roster)
    steps = []
    for row in sorted_rows(rows):
        if row.student not in users:
            continue
        user, mark = users[row.student], marks[row.student]
        score, now = canvas_points(mark, possible), canvas.get(users[row.student])
        steps.append(Step(
            row.student, user, decide(score, now, last.get(user), force), score,
            now.score if now else None, last.get(user), bool(now and now.excused),
            feedback_comment(row, mark, score, possible),
        ))  # fmt: skip
    return Plan(steps, matching)


# -------------------------------------------------------------------------- HTTP, pure parts


def canvas_base_url(text: str) -> str:
    """The Canvas URL as the API's base (``https://school.instructure.com``); ``https``,
    or ``http`` to a loopback address only (a bearer token never travels in clear)."""
    parts = urllib.parse.urlsplit(text.strip().rstrip("/"))
    shown = terminal_text(text, 200)
    if not parts.hostname or parts.query or parts.fragment or parts.scheme not in ("https", "http"):
        raise CanvasError(
            f"the Canvas URL {shown!r} is not a web address like https://school.instructure.com"
        )
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise CanvasError(
            f"the Canvas URL {shown!r} is not https: the token would travel in clear; use https://"
        )
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def canvas_token(environ: Mapping[str, str]) -> str:
    """The access token from the environment (never from the command line, never shown)."""
    token = environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise CanvasError(
            f"set the environment variable {TOKEN_VARIABLE} to a Canvas access token (Canvas: Account -> "
            "Settings -> New Access Token); it is read from the environment only, never from the command line"
        )
    return token


def submissions_path(course: str, assignment: str, user: str | None = None) -> str:
    """The Submissions API path of an assignment's submissions, or of one user's."""
    parts = ["api", "v1", "courses", course, "assignments", assignment, "submissions"]
    parts += [user] if user is not None else []
    return "/" + "/".join(urllib.parse.quote(part, safe=":") for part in parts)


def next_link(header: str) -> str | None:
    """The ``rel="next"`` URL of a ``Link`` header (RFC 8288), or ``None``."""
    for match in re.finditer(r"<([^>]*)>([^<]*)", header):
        for param in match[2].split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "rel" and "next" in value.strip(' \t,"').lower().split():
                return match[1]
    return None


def parse_submissions(body: bytes) -> list[CanvasGrade]:
    """The grades of one page of the submissions list (a JSON array of Submission objects)."""
    try:
        items = json.loads(body)
    except ValueError as exc:
        raise CanvasError(
            f"Canvas answered the submissions list with something other than JSON: {exc}"
        ) from None
    if not isinstance(items, list) or not all(isinstance(item, dict) and "user_id" in item for item in items):
        raise CanvasError("Canvas answered the submissions list with JSON that is not a list of submissions")
    return [
        CanvasGrade(str(item["user_id"]), parse_score(item.get("score")),
                    terminal_text(str(item.get("grade") or ""), 100),
                    terminal_text(str(item.get("graded_at") or ""), 100), item.get("excused") is True)
        for item in items
    ]  # fmt: skip


def parse_score(value: object) -> float | None:
    """A submission's ``score``: a finite number, or ``None`` (not graded)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def grade_form(score: float, comment: str) -> bytes:
    """The PUT's form: ``submission[posted_grade]`` and ``comment[text_comment]``."""
    fields = {"submission[posted_grade]": str(number(score)), "comment[text_comment]": comment}
    return urllib.parse.urlencode(fields).encode()


# -------------------------------------------------------------------------- HTTP client


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: it would carry the token to wherever it points."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


class CanvasClient:
    """The two requests of a push, to one Canvas; the token is never shown (not in ``repr``)."""

    def __init__(self, base_url: str, token: str, timeout: float = TIMEOUT_S) -> None:
        self.base = canvas_base_url(base_url)
        self._token, self.timeout = token, timeout
        handlers: list[urllib.request.BaseHandler] = [_NoRedirects()]
        if urllib.parse.urlsplit(self.base).hostname in LOOPBACK:
            handlers.append(urllib.request.ProxyHandler({}))  # loopback is never reached through a proxy
        self._opener = urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"CanvasClient({self.base!r})"

    def grades(self, course: str, assignment: str) -> dict[str, CanvasGrade]:
        """What Canvas has for each user of the assignment, every page followed."""
        url: str | None = f"{self.base}{submissions_path(course, assignment)}?per_page={PER_PAGE}"
        found: dict[str, CanvasGrade] = {}
        for _ in range(MAX_PAGES):
            if url is None:
                return found
            body, link = self._request("GET", self._on_this_canvas(url))
            found.update((grade.user_id, grade) for grade in parse_submissions(body))
            url = next_link(link)
        raise CanvasError(f"Canvas's submissions list did not end after {MAX_PAGES} pages")

    def put_grade(self, course: str, assignment: str, user: str, score: float, comment: str) -> None:
        """Grade ``user``'s submission with ``score`` and add ``comment``."""
        self._request(
            "PUT", f"{self.base}{submissions_path(course, assignment, user)}", grade_form(score, comment)
        )

    def _on_this_canvas(self, url: str) -> str:
        """``url``, if it is on this Canvas (a next page elsewhere would get the token)."""
        here, there = urllib.parse.urlsplit(self.base), urllib.parse.urlsplit(url)
        if (there.scheme, there.netloc) != (here.scheme, here.netloc):
            raise CanvasError(
                f"Canvas's next page is on another site ({terminal_text(there.netloc)}); not followed"
            )
        return url

    def _request(self, method: str, url: str, data: bytes | None = None) -> tuple[bytes, str]:
        """``(body, Link header)`` of a request; a :class:`CanvasError` that says what failed."""
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self._token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        what = f"{method} {urllib.parse.urlsplit(url).path}"
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read(RESPONSE_LIMIT), response.headers.get("Link", "")
        except urllib.error.HTTPError as exc:
            raise CanvasError(http_failure(what, exc.code, exc.read(2_000))) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            raise CanvasError(
                f"{what}: Canvas could not be reached: {terminal_text(str(reason), 300)}"
            ) from None


def http_failure(what: str, status: int, body: bytes) -> str:
    """What an HTTP error from Canvas means, in one sentence."""
    meaning = {
        401: f"the token was refused: check {TOKEN_VARIABLE}",
        403: "the token's user may not do this (a teacher's token is needed)",
        404: "not found: check --canvas-course and --canvas-assignment (the numbers in their Canvas URLs)",
    }.get(status, "Canvas failed" if status >= 500 else "Canvas refused the request")
    if 300 <= status < 400:
        meaning = "a redirect, not followed: give the Canvas URL itself (https://school.instructure.com)"
    said = terminal_text(body.decode("utf-8", "replace"), 300)
    return f"{what}: HTTP {status}: {meaning}" + (f" (Canvas said: {said})" if said else "")


# -------------------------------------------------------------------------- the push


def plan_push(client: CanvasClient, book: Gradebook, rows: Sequence[Graded], marks: Mapping[str, Mark],
              roster: CanvasRoster, course: str, canvas_assignment: str, force: bool = False) -> Plan:  # fmt: skip
    """The plan (:func:`build_plan`) from what Canvas has now (GETs only) and our pushes."""
    roster.column(canvas_assignment)  # a wrong assignment id is told before Canvas is asked
    canvas = client.grades(course, canvas_assignment)
    return build_plan(rows, marks, roster, canvas_assignment, canvas, book.last_pushes(course, canvas_assignment),
                      force)  # fmt: skip


def push(plan: Plan, client: CanvasClient, book: Gradebook, assignment: str, course: str, canvas_assignment: str,
         on_sent: Callable[[Step], None] = lambda step: None) -> Pushed:  # fmt: skip
    """Send the plan's grades, recording each success at once; stop at the first failure.

    A student Canvas already has at our score is recorded as pushed (a rerun after a PUT
    that Canvas applied but whose answer was lost sees it so, and sends nothing twice).
    """
    for step in plan.steps:
        if step.action == "unchanged" and not same_score(step.last_pushed, step.canvas_score):
            book.record_push(
                step.student, assignment, step.canvas_user_id, course, canvas_assignment, step.score
            )
    done, todo = Pushed(), plan.to_send
    for i, step in enumerate(todo):
        try:
            client.put_grade(course, canvas_assignment, step.canvas_user_id, step.score, step.comment)
        except CanvasError as exc:
            done.failed, done.error, done.left = step, str(exc), todo[i + 1 :]
            return done
        book.record_push(step.student, assignment, step.canvas_user_id, course, canvas_assignment, step.score)
        done.sent.append(step)
        on_sent(step)
    return done


def summary_lines(plan: Plan, pushed: Pushed | None) -> list[str]:
    """What a push did (``pushed`` ``None``: a dry run), for the instructor."""
    counts = Counter(step.action for step in plan.steps)
    tally = ", ".join(
        f"{counts[a]} {a}" for a in ("new", "update", "overwrite", "unchanged", "skipped") if counts[a]
    )
    if pushed is None:
        return [
            f"dry run: {len(plan.to_send)} grade(s) would be sent ({tally or 'nothing to do'}); nothing was sent"
        ]
    lines = [
        f"sent {len(pushed.sent)} of {len(plan.to_send)} grade(s) to Canvas (plan: {tally or 'nothing to do'})"
    ]
    if pushed.failed is not None:
        lines.append(f"FAILED at {shown_student(pushed.failed.student)}: {pushed.error}")
        lines.append(f"not sent: {len(pushed.left) + 1} grade(s); the {len(pushed.sent)} sent are recorded, "
                     "so running the same command again sends only these:")  # fmt: skip
        lines += [f"  {shown_student(step.student)}" for step in [pushed.failed, *pushed.left]]
    if counts["skipped"]:
        lines.append(f"{counts['skipped']} grade(s) set in Canvas, not by our last push, were left as Canvas has them "
                     "(see above); --force overwrites them")  # fmt: skip
    return lines
