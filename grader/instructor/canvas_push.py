r"""Final scores into Canvas through its REST API: ``grade push canvas``, safe to rerun.

The requests are :mod:`grader.instructor.canvas_api`'s (Canvas's Submissions API).

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

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from grader.boundary.untrusted import clean_text
from grader.instructor.canvas_api import CanvasClient, CanvasError, CanvasGrade
from grader.instructor.exports import Matching, parse_number, shown_student, sorted_rows
from grader.instructor.gradebook import Gradebook
from grader.instructor.lms import CanvasRoster
from grader.instructor.marks import Mark
from grader.render import points
from grader.results import Graded

COMMENT_LIMIT = 2_000
ADJUSTMENT_LIMIT = 300
SAME_SCORE = 1e-6  # scores closer than this are one score (Canvas stores them as decimals)
#: The actions that send a grade (see the module docstring).
SENDING = frozenset({"new", "update", "overwrite"})


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
