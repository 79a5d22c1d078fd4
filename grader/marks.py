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

from dataclasses import dataclass, field

from grader.results import Graded


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

    @property
    def score(self) -> float:
        """The final score."""
        if self.final is not None:
            return self.final
        return round(max(self.raw - self.penalty, 0.0), 6)


def plain_mark(row: Graded) -> Mark:
    """The mark of a grading without overrides or a late policy: its score."""
    return Mark(raw=row.result.score, max_score=row.result.max_score)
