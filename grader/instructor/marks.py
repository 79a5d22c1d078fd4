r"""What a student's grade is once the instructor's rules are applied to a grading.

A grading (:class:`grader.results.Graded`) holds what the checks gave.  A :class:`Mark`
is what the student gets: the *raw* score (the checks' points, with any exercise the
instructor overrode at its manual points), the late *penalty* in points, and the *final*
score (raw minus penalty, or the instructor's manual grade of the whole assignment).
Marks are computed when reports and exports are written, never stored in place of the
grading, so changing a late policy, an extension or an override re-applies at once,
without grading code again.

``adjustments`` says in words what changed the score (our own text, never a
submission's), for feedback and exports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from grader.render import points
from grader.results import Graded


@dataclass(frozen=True)
class Override:
    """A manual grade: ``points`` for one exercise of a student's assignment, or for the
    whole assignment (``exercise`` ``""``), with the instructor's reason and the time it
    was recorded (``points`` ``None`` in the history: the override was removed)."""

    student: str
    assignment: str
    exercise: str
    points: float | None
    reason: str
    created_at: str

    def describe(self, was: float | None = None) -> str:
        """In words, for feedback and exports."""
        what = self.exercise or "the whole assignment"
        before = f" (graded {points(was)})" if was is not None else ""
        return f"{what}: {points(self.points or 0)} points set by the instructor{before}, {self.created_at}: {self.reason}"


@dataclass(frozen=True)
class Lateness:
    """How late a submission was, under the course's policy (:mod:`grader.instructor.course`):
    ``percent`` of the assignment's points are deducted (100: zero)."""

    submitted_at: str  # ISO 8601 with offset, "" when unknown
    late: str  # in words: "on time", "26 h late (due 2026-11-02T23:59:00+01:00)", "time unknown"
    percent: float = 0.0
    note: str = ""  # an extension, a cap, a hard deadline


@dataclass(frozen=True)
class Mark:
    """``raw - penalty = final`` out of ``max_score`` (a whole-assignment override sets
    ``final``)."""

    raw: float
    max_score: float
    penalty: float = 0.0
    final: float | None = None  # None: raw - penalty
    adjustments: tuple[str, ...] = field(default_factory=tuple)
    submitted_at: str = ""  # ISO 8601 with offset, or "" when unknown
    late: str = ""  # how the submission time was judged ("on time", "26 h late", "unknown")
    manual: dict[str, float] = field(default_factory=dict)  # exercise -> the instructor's points

    @property
    def score(self) -> float:
        """The final score."""
        if self.final is not None:
            return self.final
        return round(max(self.raw - self.penalty, 0.0), 6)


def plain_mark(row: Graded) -> Mark:
    """The mark of a grading without overrides or a late policy: its score."""
    return Mark(raw=row.result.score, max_score=row.result.max_score)


def mark(row: Graded, overrides: Iterable[Override] = (), lateness: Lateness | None = None) -> Mark:
    """``row``'s mark: exercise overrides replace those exercises' points in the raw score;
    the late penalty is ``lateness.percent`` of the assignment's points, at most the raw
    score; a whole-assignment override is the final score (no penalty applies to it)."""
    result = row.result
    mine = [o for o in overrides if o.student == row.student and o.assignment == result.assignment]
    by_exercise = {o.exercise: o for o in mine if o.exercise and o.points is not None}
    whole = next((o for o in mine if not o.exercise and o.points is not None), None)
    graded = {e.name: e.score for e in result.exercises}
    raw = round(sum(by_exercise[e].points or 0.0 if e in by_exercise else s for e, s in graded.items()), 6)
    adjustments = [o.describe(graded.get(name)) for name, o in by_exercise.items()]
    penalty = 0.0
    if lateness is not None and lateness.percent:
        penalty = round(min(raw, result.max_score * lateness.percent / 100), 6)
        adjustments.append(f"late penalty {points(penalty)} ({points(lateness.percent)}%): {lateness.late}"
                           + (f"; {lateness.note}" if lateness.note else ""))  # fmt: skip
    elif lateness is not None and lateness.note:
        adjustments.append(lateness.note)
    final = None
    if whole is not None:
        final = whole.points
        adjustments.append(whole.describe(round(max(raw - penalty, 0.0), 6)))
    return Mark(raw=raw, max_score=result.max_score, penalty=penalty, final=final,
                adjustments=tuple(adjustments), submitted_at=lateness.submitted_at if lateness else "",
                late=lateness.late if lateness else "",
                manual={name: o.points or 0.0 for name, o in by_exercise.items()})  # fmt: skip


def class_marks(rows: Iterable[Graded], overrides: Iterable[Override] = (),
                lateness: Mapping[str, Lateness] | None = None) -> dict[str, Mark]:  # fmt: skip
    """Every student's mark, by student."""
    overrides = list(overrides)
    lateness = lateness or {}
    return {row.student: mark(row, overrides, lateness.get(row.student)) for row in rows}
