r"""Regrades as a diff: grade again aside, show what would change, then apply (or not).

``grade batch ... --regrade`` (after the checks changed) grades the class into a copy of the
gradebook (:func:`preview`), so nothing the students or the reports see changes yet; it then
lists, per student, the score before and after and the exercises that moved
(:func:`describe`), and applies the new gradings only when the instructor says so
(:func:`apply`).  ``--never-lower`` keeps, for each student whose new score is lower, the
old grading in force (:meth:`grader.instructor.gradebook.Gradebook.keep`); the new one stays in the
history.  Every grading is kept with its checks' fingerprint and grader version, so what a
student had before a fix is ``grade history STUDENT ASSIGNMENT``.

Scores compared are the checks' (raw, before overrides and the late policy, which apply
on top either way).
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.instructor.batch import GRADEBOOK, Summary, run_batch
from grader.instructor.gradebook import Gradebook
from grader.render import points
from grader.results import Graded


@dataclass(frozen=True)
class Change:
    """One student's score before and after (``old`` ``None``: not graded before)."""

    student: str
    old: float | None
    new: float
    exercises: tuple[tuple[str, float | None, float], ...]  # (name, old, new) of the exercises that moved

    @property
    def delta(self) -> float:
        return round(self.new - (self.old or 0.0), 6)


@dataclass
class Preview:
    """A regrade graded aside: the scratch gradebook, what the batch did, what would change."""

    scratch: Path
    summary: Summary
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    _folder: tempfile.TemporaryDirectory | None = None

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def copy_gradebook(source: Path, target: Path) -> None:
    """A consistent copy of a gradebook (SQLite's backup API: a WAL file is included)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not source.exists():
        return
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def preview(assignment: str, folder: Path, out: Path, **batch: object) -> Preview:
    """Grade every submission in ``folder`` again into a copy of ``out``'s gradebook and
    compare with the grades in force; ``batch`` are :func:`grader.instructor.batch.run_batch`'s options."""
    scratch_folder = tempfile.TemporaryDirectory(prefix="dls-regrade-")
    scratch = Path(scratch_folder.name)
    try:
        copy_gradebook(out / GRADEBOOK, scratch / GRADEBOOK)
        summary = run_batch(assignment, folder, scratch, regrade=True, **batch)  # type: ignore[arg-type]
        with Gradebook(out / GRADEBOOK) as book:
            before = {row.student: row for row in book.current(assignment)}
        with Gradebook(scratch / GRADEBOOK) as book:
            after = {row.student: row for row in book.current(assignment)}
    except BaseException:
        scratch_folder.cleanup()
        raise
    result = Preview(scratch, summary, _folder=scratch_folder)
    for student, row in after.items():
        change = compare(student, before.get(student), row)
        if change is None:
            result.unchanged += 1
        else:
            result.changes.append(change)
    return result


def compare(student: str, old: Graded | None, new: Graded) -> Change | None:
    """What changed for one student, or ``None``."""
    if old is None:
        return Change(student, None, new.result.score, ())
    moved: tuple[tuple[str, float | None, float], ...] = ()
    if old.content_hash != new.content_hash:  # new files: a new submission, not a regrade
        pass
    else:
        before = {e.name: e.score for e in old.result.exercises}
        moved = tuple(
            (e.name, before.get(e.name), e.score)
            for e in new.result.exercises
            if before.get(e.name) != e.score
        )
        if not moved and old.result.score == new.result.score:
            return None
    return Change(student, old.result.score, new.result.score, moved)


def describe(preview: Preview, never_lower: bool = False) -> list[str]:
    """The diff, one line per student whose score would change, biggest change first."""
    lines = []
    up = sum(c.old is not None and c.delta > 0 for c in preview.changes)
    down = sum(c.old is not None and c.delta < 0 for c in preview.changes)
    new = sum(c.old is None for c in preview.changes)
    lines.append(f"regrade: {up} up, {down} down, {new} not graded before, {preview.unchanged} unchanged"
                 + (" (--never-lower: the lower ones keep their old grade)" if never_lower and down else ""))  # fmt: skip
    for change in sorted(preview.changes, key=lambda c: (c.old is None, -abs(c.delta), c.student)):
        if change.old is None:
            lines.append(f"  {change.student}: new, {points(change.new)}")
            continue
        sign = "+" if change.delta >= 0 else ""
        kept = " (kept: never lower)" if never_lower and change.delta < 0 else ""
        lines.append(
            f"  {change.student}: {points(change.old)} -> {points(change.new)} ({sign}{points(change.delta)}){kept}"
        )
        lines += [
            f"      {name}: {points(old) if old is not None else '-'} -> {points(new)}"
            for name, old, new in change.exercises
        ]
    return lines


def apply(preview: Preview, assignment: str, out: Path, never_lower: bool = False) -> list[str]:
    """Record the regraded gradings in ``out``'s gradebook (one transaction each, as a
    batch does); with ``never_lower``, keep the old grading in force for each student whose
    score would go down.  Returns those students."""
    kept = []
    lower = {c.student for c in preview.changes if c.old is not None and c.delta < 0}
    with Gradebook(preview.scratch / GRADEBOOK) as scratch, Gradebook(out / GRADEBOOK) as book:
        old_ids = book.current_ids(assignment)
        hashes = scratch.current_hashes(assignment)
        book.see(assignment, hashes, scratch.arrivals(assignment))
        fingerprints = dict(
            scratch.db.execute(
                "SELECT id, fingerprint FROM gradings WHERE assignment = ?", (assignment,)
            ).fetchall()
        )
        for student, grading_id in scratch.current_ids(assignment).items():
            if student not in preview.summary.graded:
                continue  # not graded in this run (a grader error): nothing new
            row = scratch.grading(grading_id)
            book.record(student, row.content_hash, fingerprints[grading_id], row.result)
            if never_lower and student in lower and student in old_ids:
                book.keep(student, assignment, old_ids[student])
                kept.append(student)
            else:
                book.keep(student, assignment, None)
    return kept
