r"""The gradebook: every grading of a class, in SQLite (the standard library's ``sqlite3``).

A grading is keyed by ``(student, assignment, content_hash, fingerprint)``: the same files
graded by the same checks are graded once.  The *fingerprint* hashes what decides a score
(:mod:`grader.instructor.fingerprint`: the assignment's check modules, its reference, the
shared scoring code and the grader's version), so changing any of them makes every grade stale and the next ``grade batch``
regrades it.

Each grading and its check outcomes are written in one transaction, so a run killed at any
moment leaves whole gradings or none: a rerun grades only what is missing, and nothing is
counted twice (the key is unique).  ``current`` remembers, per student and assignment, the
submission seen last, which is the one the reports show.

A student is the key :mod:`grader.instructor.roster` gives: the LMS's own id, unique in the folder
(``smithjane_12345``, ``Jane Smith_123456``), never the display name alone.  A gradebook
written before keys carried the ids (``PRAGMA user_version`` below :data:`IDENTITY_VERSION`)
keeps its gradings as history and forgets its ``current`` submissions once, so the reports
never show one student under two keys; the next batch sees the class again, regrades the
students whose key changed (Canvas, Moodle) and reuses the others' gradings.

Tables::

    gradings(id, student, assignment, content_hash, fingerprint, grader_version, graded_at,
             submission, score, max_score, sandbox, duration_s, notes)
    outcomes(grading_id, position, name, exercise, passed, score, max_score, message,
             hint, hidden, fault)
    current(student, assignment, content_hash, seen_at)
    overrides(id, student, assignment, exercise, points, reason, created_at)
    arrivals(student, assignment, content_hash, attempt, marked_late)
    kept(student, assignment, content_hash, grading_id, kept_at)
    pushes(student, assignment, canvas_user_id, course, canvas_assignment, score, pushed_at)

``kept`` pins an earlier grading of the same files in force, for ``grade batch --regrade
--never-lower`` (:mod:`grader.instructor.regrade`): the new grading stays in the history, the higher
old one counts.

``arrivals`` keeps what the LMS download said of each submission's time (Blackboard's
attempt stamp, Canvas's ``_LATE_``), the late policy's evidence (:mod:`grader.instructor.course`);
file modification times are never used.

``overrides`` are the instructor's manual grades (:meth:`Gradebook.override`), keyed by
student, assignment and exercise (``""``: the whole assignment), not by grading, so they
survive every regrade.  Rows are never changed: a later row for the same key replaces an
earlier one, and one with ``points`` NULL removes it, so the history stays.

``pushes`` records each score ``grade push canvas`` sent to Canvas (:mod:`grader.instructor.canvas_push`),
one row per success, written as soon as Canvas accepted it: the latest row of a Canvas
course, assignment and user is what we last pushed there, so a rerun pushes only what is
left, and a score changed in Canvas since is seen and never overwritten unasked.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import astuple, fields
from datetime import UTC, datetime
from pathlib import Path

from grader.boundary.untrusted import clean_text
from grader.instructor.fingerprint import GRADER_VERSION
from grader.instructor.marks import Override
from grader.results import (
    NOTE_LIMIT,
    AssignmentResult,
    CheckResult,
    Graded,
    assignment_result,
    exercise_result,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS gradings (
    id INTEGER PRIMARY KEY,
    student TEXT NOT NULL,
    assignment TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    grader_version TEXT NOT NULL,
    graded_at TEXT NOT NULL,
    submission TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    sandbox TEXT NOT NULL,
    duration_s REAL NOT NULL,
    notes TEXT NOT NULL,
    UNIQUE (student, assignment, content_hash, fingerprint)
);
CREATE TABLE IF NOT EXISTS outcomes (
    grading_id INTEGER NOT NULL REFERENCES gradings (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    exercise TEXT NOT NULL,
    passed INTEGER NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    message TEXT NOT NULL,
    hint TEXT NOT NULL,
    hidden INTEGER NOT NULL,
    fault TEXT NOT NULL,
    PRIMARY KEY (grading_id, position)
);
CREATE TABLE IF NOT EXISTS overrides (
    id INTEGER PRIMARY KEY,
    student TEXT NOT NULL,
    assignment TEXT NOT NULL,
    exercise TEXT NOT NULL,
    points REAL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS arrivals (
    student TEXT NOT NULL,
    assignment TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    attempt TEXT NOT NULL,
    marked_late INTEGER NOT NULL,
    PRIMARY KEY (student, assignment, content_hash)
);
CREATE TABLE IF NOT EXISTS kept (
    student TEXT NOT NULL,
    assignment TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    grading_id INTEGER NOT NULL REFERENCES gradings (id) ON DELETE CASCADE,
    kept_at TEXT NOT NULL,
    PRIMARY KEY (student, assignment, content_hash)
);
CREATE TABLE IF NOT EXISTS pushes (
    id INTEGER PRIMARY KEY,
    student TEXT NOT NULL,
    assignment TEXT NOT NULL,
    canvas_user_id TEXT NOT NULL,
    course TEXT NOT NULL,
    canvas_assignment TEXT NOT NULL,
    score REAL NOT NULL,
    pushed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS current (
    student TEXT NOT NULL,
    assignment TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (student, assignment)
);
"""
CHECK_FIELDS = [f.name for f in fields(CheckResult)]
GRADING_KEY = "student = ? AND assignment = ? AND content_hash = ? AND fingerprint = ?"
#: ``PRAGMA user_version`` of a gradebook whose students are keyed by the LMS's ids.
IDENTITY_VERSION = 1


def check_from_row(values: tuple) -> CheckResult:
    """A :class:`CheckResult` from its columns (SQLite stores booleans as 0 and 1)."""
    row = dict(zip(CHECK_FIELDS, values, strict=True))
    return CheckResult(**{**row, "passed": bool(row["passed"]), "hidden": bool(row["hidden"])})


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Gradebook:
    """A gradebook file; use as a context manager (``with Gradebook(path) as book``)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)  # explicit transactions
        self.db.execute("PRAGMA journal_mode = WAL")  # readers (reports, progress) never block the writer
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.executescript(SCHEMA)
        self._forget_keys_without_ids()

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def _forget_keys_without_ids(self) -> None:
        """Once, on a gradebook older than :data:`IDENTITY_VERSION`: forget the current
        submissions, whose students were keyed by display name (gradings stay)."""
        if self._identity_version() >= IDENTITY_VERSION:
            return  # without taking the write lock: readers open the gradebook while a batch writes
        with self._transaction():
            if self._identity_version() < IDENTITY_VERSION:
                self.db.execute("DELETE FROM current")
                self.db.execute(f"PRAGMA user_version = {IDENTITY_VERSION}")

    def _identity_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------------ writing

    def see(
        self,
        assignment: str,
        submissions: dict[str, str],
        arrivals: dict[str, tuple[str, bool]] | None = None,
    ) -> None:
        """Record ``{student: content_hash}`` as the current submissions, and what the
        download said of their time, ``{student: (attempt, marked_late)}`` (one transaction)."""
        seen_at = now()
        with self._transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO current VALUES (?, ?, ?, ?)",
                [(student, assignment, digest, seen_at) for student, digest in submissions.items()],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO arrivals VALUES (?, ?, ?, ?, ?)",
                [(student, assignment, submissions[student], attempt, int(late))
                 for student, (attempt, late) in (arrivals or {}).items() if student in submissions],
            )  # fmt: skip

    def arrivals(self, assignment: str) -> dict[str, tuple[str, bool]]:
        """What the download said of each current submission's time: ``(attempt, marked_late)``."""
        rows = self.db.execute(
            "SELECT a.student, a.attempt, a.marked_late FROM arrivals a JOIN current c"
            " USING (student, assignment, content_hash) WHERE a.assignment = ?",
            (assignment,),
        )
        return {student: (attempt, bool(late)) for student, attempt, late in rows}

    def override(
        self, student: str, assignment: str, exercise: str, points: float | None, reason: str
    ) -> Override:
        """Record a manual grade (``points`` ``None``: remove the one in force) with its
        reason and time; the caller has checked the names and the points."""
        created_at, reason = now(), clean_text(reason, NOTE_LIMIT)
        with self._transaction():
            self.db.execute(
                "INSERT INTO overrides (student, assignment, exercise, points, reason, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (student, assignment, exercise, points, reason, created_at),
            )
        return Override(student, assignment, exercise, points, reason, created_at)

    def record(self, student: str, content_hash: str, fingerprint: str, result: AssignmentResult) -> None:
        """Store one grading and its outcomes atomically, replacing an earlier grading of
        the same files by the same checks."""
        checks = [c for e in result.exercises for c in e.checks]
        with self._transaction():
            self.db.execute(
                f"DELETE FROM gradings WHERE {GRADING_KEY}",
                (student, result.assignment, content_hash, fingerprint),
            )
            cursor = self.db.execute(
                "INSERT INTO gradings (student, assignment, content_hash, fingerprint, grader_version,"
                " graded_at, submission, score, max_score, sandbox, duration_s, notes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (student, result.assignment, content_hash, fingerprint, GRADER_VERSION, now(),
                 result.submission, result.score, result.max_score, result.sandbox, result.duration_s,
                 json.dumps(list(result.notes))),
            )  # fmt: skip
            self.db.executemany(
                f"INSERT INTO outcomes VALUES (?, ?, {', '.join('?' * len(CHECK_FIELDS))})",
                [(cursor.lastrowid, position, *astuple(check)) for position, check in enumerate(checks)],
            )

    def record_push(self, student: str, assignment: str, canvas_user_id: str, course: str,
                    canvas_assignment: str, score: float) -> None:  # fmt: skip
        """Record that Canvas holds ``score`` for ``canvas_user_id`` in ``course``'s
        ``canvas_assignment``, pushed (or found there) for our ``student``'s ``assignment``."""
        with self._transaction():
            self.db.execute(
                "INSERT INTO pushes (student, assignment, canvas_user_id, course, canvas_assignment, score,"
                " pushed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (student, assignment, canvas_user_id, course, canvas_assignment, score, now()),
            )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on an exception."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ------------------------------------------------------------------ reading

    def is_graded(self, student: str, assignment: str, content_hash: str, fingerprint: str) -> bool:
        row = self.db.execute(
            f"SELECT 1 FROM gradings WHERE {GRADING_KEY}",
            (student, assignment, content_hash, fingerprint),
        ).fetchone()
        return row is not None

    def current(self, assignment: str) -> list[Graded]:
        """The grading in force of each student's current submission, by student: the
        latest, unless an earlier one is kept (:meth:`keep`)."""
        ids = self.current_ids(assignment)
        rows = [
            self.db.execute("SELECT * FROM gradings WHERE id = ?", (ids[s],)).fetchone() for s in sorted(ids)
        ]
        return [self._grading(row) for row in rows]

    def current_ids(self, assignment: str) -> dict[str, int]:
        """``{student: id of the grading in force}`` (see :meth:`current`)."""
        latest: dict[str, int] = dict(
            self.db.execute(
                "SELECT g.student, max(g.id) FROM gradings g JOIN current c USING (student, assignment, content_hash)"
                " WHERE g.assignment = ? GROUP BY g.student",
                (assignment,),
            ).fetchall()
        )
        kept: dict[str, int] = dict(
            self.db.execute(
                "SELECT k.student, k.grading_id FROM kept k JOIN current c USING (student, assignment, content_hash)"
                " WHERE k.assignment = ?",
                (assignment,),
            ).fetchall()
        )
        return {student: kept.get(student, grading_id) for student, grading_id in latest.items()}

    def current_hashes(self, assignment: str) -> dict[str, str]:
        """``{student: content_hash}`` of the current submissions."""
        query = "SELECT student, content_hash FROM current WHERE assignment = ?"
        return dict(self.db.execute(query, (assignment,)).fetchall())

    def keep(self, student: str, assignment: str, grading_id: int | None) -> None:
        """Keep the grading ``grading_id`` of the student's current files in force over later
        ones (``None``: the latest counts again)."""
        with self._transaction():
            self.db.execute("DELETE FROM kept WHERE student = ? AND assignment = ?", (student, assignment))
            if grading_id is not None:
                self.db.execute(
                    "INSERT INTO kept SELECT student, assignment, content_hash, id, ? FROM gradings WHERE id = ?",
                    (now(), grading_id),
                )

    def history(self, student: str, assignment: str) -> list[dict]:
        """Every grading of ``student`` in ``assignment``, oldest first: when, which files,
        which checks (fingerprint) and grader version, the score, and whether it is in force."""
        in_force = self.current_ids(assignment).get(student)
        rows = self.db.execute(
            "SELECT id, graded_at, content_hash, fingerprint, grader_version, score, max_score FROM gradings"
            " WHERE student = ? AND assignment = ? ORDER BY id",
            (student, assignment),
        ).fetchall()
        keys = ("id", "graded_at", "content_hash", "fingerprint", "grader_version", "score", "max_score")
        return [dict(zip(keys, row, strict=True)) | {"in_force": row[0] == in_force} for row in rows]

    def grading(self, grading_id: int) -> Graded:
        """One grading by its id."""
        return self._grading(self.db.execute("SELECT * FROM gradings WHERE id = ?", (grading_id,)).fetchone())

    def overrides(self, assignment: str | None = None) -> list[Override]:
        """The manual grades in force (the latest row of each key, unless it removed it),
        by assignment, student and exercise."""
        rows = self.db.execute(
            "SELECT student, assignment, exercise, points, reason, created_at FROM overrides o"
            " WHERE id = (SELECT max(id) FROM overrides p WHERE p.student = o.student"
            " AND p.assignment = o.assignment AND p.exercise = o.exercise)"
            " AND points IS NOT NULL AND (? IS NULL OR assignment = ?) ORDER BY assignment, student, exercise",
            (assignment, assignment),
        ).fetchall()
        return [Override(*row) for row in rows]

    def override_history(self, student: str, assignment: str) -> list[Override]:
        """Every manual grade of ``student`` in ``assignment``, removals included, oldest first."""
        rows = self.db.execute(
            "SELECT student, assignment, exercise, points, reason, created_at FROM overrides"
            " WHERE student = ? AND assignment = ? ORDER BY id",
            (student, assignment),
        ).fetchall()
        return [Override(*row) for row in rows]

    def last_pushes(self, course: str, canvas_assignment: str) -> dict[str, float]:
        """``{canvas_user_id: score}`` we last pushed to ``course``'s ``canvas_assignment``."""
        rows = self.db.execute(
            "SELECT canvas_user_id, score FROM pushes p WHERE course = ? AND canvas_assignment = ?"
            " AND id = (SELECT max(id) FROM pushes q WHERE q.course = p.course"
            " AND q.canvas_assignment = p.canvas_assignment AND q.canvas_user_id = p.canvas_user_id)",
            (course, canvas_assignment),
        ).fetchall()
        return dict(rows)

    def count(self, assignment: str | None = None) -> int:
        if assignment is None:
            return self.db.execute("SELECT count(*) FROM gradings").fetchone()[0]
        query = "SELECT count(*) FROM gradings WHERE assignment = ?"
        return self.db.execute(query, (assignment,)).fetchone()[0]

    def assignments(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT assignment FROM current ORDER BY assignment")]

    def _grading(self, row: tuple) -> Graded:
        (grading_id, student, assignment, content_hash, _fingerprint, grader_version, graded_at, submission,
         _score, _max, sandbox, duration_s, notes) = row  # fmt: skip
        checks = [
            check_from_row(values)
            for values in self.db.execute(
                f"SELECT {', '.join(CHECK_FIELDS)} FROM outcomes WHERE grading_id = ? ORDER BY position",
                (grading_id,),
            )
        ]
        exercises = [
            exercise_result(name, [c for c in checks if c.exercise == name])
            for name in dict.fromkeys(c.exercise for c in checks)
        ]
        result = assignment_result(assignment, exercises, sandbox=sandbox, duration_s=duration_s,
                                   submission=submission, notes=tuple(json.loads(notes)))  # fmt: skip
        return Graded(student, result, graded_at, content_hash, grader_version)
