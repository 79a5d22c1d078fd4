r"""Deadlines and the late policy: a course file (TOML), extensions, submission times.

A course file states, per assignment, when it is due and what lateness costs::

    [course]                       # defaults for every assignment, and the course's tables
    time_zone = "Europe/Berlin"    # for dates written without an offset (IANA name)
    grace_minutes = 15
    extensions = "extensions.csv"  # student, assignment, new_due or extra_hours, reason
    submission_times = "times.csv" # student, assignment, submitted_at (when the download has no times)

    [assignments.week2]
    due = 2026-11-02T23:59:00      # TOML date-time; without an offset, in time_zone
    per_day = 10                   # percent of the points per started day late (or per_hour)
    cap = 50                       # at most this percent in all
    hard_deadline = 2026-11-06T23:59:00   # after it, zero (zero_when_late = true: zero once late)

Lateness is counted from the due date once the grace period is over: 1 minute past the
grace period is one started day (or hour).  The penalty is that percent of the
assignment's points, never more than the raw score (:func:`grader.instructor.marks.mark`).  An
extension replaces the due date (``new_due``) or moves it (``extra_hours``), and moves the
hard deadline by as much; it beats the policy.

The submission time comes from the LMS download (Blackboard's attempt stamp in the file
name, in the course's time zone), else from the instructor's ``submission_times`` CSV,
else it is unknown: the report says so and no penalty is applied (Canvas's ``_LATE_`` mark
is reported, since its download carries no time).  File modification times are never used.
Relative paths in the course file are relative to it.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from grader.instructor.csvsafe import CsvError, read_csv
from grader.instructor.lms import MOODLE_KEY, MOODLE_PARTICIPANT
from grader.instructor.marks import Lateness

#: What a course file's tables may hold.
COURSE_KEYS = {"time_zone", "grace_minutes", "per_day", "per_hour", "cap", "extensions", "submission_times"}
POLICY_KEYS = {
    "due",
    "time_zone",
    "grace_minutes",
    "per_day",
    "per_hour",
    "cap",
    "hard_deadline",
    "zero_when_late",
}
#: Blackboard's attempt stamp, in the LMS's local time.
ATTEMPT_FORMAT = "%Y-%m-%d-%H-%M-%S"
COURSE_FILE = "course.toml"
MOODLE_SUBMITTED = "Last modified (submission)"
MOODLE_DATE = "%A, %d %B %Y, %I:%M %p"


class CourseError(ValueError):
    """The course file or one of its tables is wrong; the message says where and what to do."""


@dataclass(frozen=True)
class Policy:
    """One assignment's deadline and late policy."""

    due: datetime  # aware
    zone: ZoneInfo  # for times written without an offset
    grace: timedelta = timedelta(0)
    unit: timedelta | None = None  # a day or an hour; None: no percent per unit
    percent: float = 0.0  # per started unit
    cap: float = 100.0
    hard_deadline: datetime | None = None  # aware; after it, zero


@dataclass(frozen=True)
class Extension:
    student: str
    assignment: str
    new_due: datetime | None
    extra: timedelta
    reason: str


@dataclass
class Course:
    """A course file, read: the policies, extensions and submission times."""

    path: Path | None
    zone: ZoneInfo
    policies: dict[str, Policy] = field(default_factory=dict)
    extensions: dict[tuple[str, str], Extension] = field(default_factory=dict)
    times: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (student, assignment or "") -> as written

    def lateness(
        self, student: str, assignment: str, attempt: str = "", marked_late: bool = False
    ) -> Lateness | None:
        """How late ``student``'s submission of ``assignment`` was (``None``: no policy).
        ``attempt`` and ``marked_late`` are what the download said (:class:`grader.instructor.roster.Entry`)."""
        policy = self.policies.get(assignment)
        if policy is None:
            return None
        due, hard, note = policy.due, policy.hard_deadline, ""
        extension = self.extensions.get((student, assignment))
        if extension is not None:
            moved = extension.new_due or later(due, extension.extra)
            hard = later(hard, max(moved - due, timedelta(0))) if hard else None
            due = moved
            note = f"extension to {shown(due)}: {extension.reason}"
        submitted, source = self.submitted(student, assignment, attempt, policy.zone)
        if submitted is None:
            said = "; Canvas marked it late" if marked_late else ""
            why = "submission time unknown: no late penalty applied (the instructor can give the time)"
            return Lateness("", f"time unknown{said}", 0.0, "; ".join(filter(None, [why, note])))
        stamp = submitted.isoformat(timespec="seconds")
        late = submitted - due
        if late <= policy.grace:
            within = " (within the grace period)" if late > timedelta(0) else ""
            return Lateness(stamp, f"on time{within}, {source}", 0.0, note)
        words = f"{hours(late)} late (due {shown(due)}), {source}"
        if hard is not None and submitted > hard:
            return Lateness(
                stamp,
                words,
                100.0,
                "; ".join(filter(None, [f"after the hard deadline {shown(hard)}: zero", note])),
            )
        if policy.unit is None:
            return Lateness(stamp, words, 0.0, note)
        units = math.ceil(late / policy.unit)
        percent = min(units * policy.percent, policy.cap)
        per = "day" if policy.unit == timedelta(days=1) else "hour"
        capped = f" (capped at {policy.cap:g}%)" if percent < units * policy.percent else ""
        rule = f"{units} started {per}(s) x {policy.percent:g}%{capped}"
        return Lateness(stamp, words, percent, "; ".join(filter(None, [rule, note])))

    def submitted(
        self, student: str, assignment: str, attempt: str, zone: ZoneInfo
    ) -> tuple[datetime | None, str]:
        """``(time, where it came from)``: the download's stamp, else the instructor's CSV;
        a time without an offset is in the assignment's ``zone``."""
        if attempt:
            try:
                stamp = datetime.strptime(attempt, ATTEMPT_FORMAT)
            except ValueError:
                pass
            else:
                return stamp.replace(tzinfo=zone), "time from the download"
        given = self.times.get((student, assignment)) or self.times.get((student, ""))
        if not given and (m := MOODLE_KEY.match(student)):
            given = self.times.get((f"participant {m['id']}", ""))
        if not given:
            return None, ""
        return moment(given, zone, "submission_times"), "time from the submission_times CSV"


def later(moment: datetime, by: timedelta) -> datetime:
    """``moment`` plus ``by`` of elapsed time (Python adds wall-clock time to an aware
    datetime: 24 h across a change to summer time would be 23 h)."""
    return (moment.astimezone(UTC) + by).astimezone(moment.tzinfo)


def shown(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def hours(late: timedelta) -> str:
    total = late.total_seconds() / 3600
    return f"{total:.1f} h" if total < 48 else f"{total / 24:.1f} days"


# --------------------------------------------------------------------------- reading


def find_course(given: Path | None, *folders: Path) -> Path | None:
    """The course file: ``given``, else ``course.toml`` in the first of ``folders`` that has one."""
    if given is not None:
        return given
    return next((folder / COURSE_FILE for folder in folders if (folder / COURSE_FILE).is_file()), None)


def load_course(path: Path) -> Course:
    """Read a course file and the tables it names (module docstring)."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CourseError(f"cannot read the course file {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CourseError(f"the course file {path} is not valid TOML: {exc}") from None
    unknown = set(doc) - {"course", "assignments"}
    if unknown:
        raise CourseError(
            f"{path}: unknown table(s) {', '.join(sorted(unknown))}; use [course] and [assignments.NAME]"
        )
    defaults = table(doc.get("course", {}), "[course]", COURSE_KEYS, path)
    zone = time_zone(defaults.get("time_zone", "UTC"), "[course]", path)
    course = Course(path, zone)
    for name, given in table(doc.get("assignments", {}), "[assignments]", None, path).items():
        where = f"[assignments.{name}]"
        settings = {k: v for k, v in defaults.items() if k in POLICY_KEYS} | table(
            given, where, POLICY_KEYS, path
        )
        course.policies[name] = policy(settings, where, path)
    folder = path.parent
    if "extensions" in defaults:
        course.extensions = read_extensions(folder / defaults["extensions"], course.policies)
    if "submission_times" in defaults:
        course.times = read_times(folder / defaults["submission_times"], zone)
    return course


def table(value: object, where: str, allowed: set[str] | None, path: Path) -> dict:
    if not isinstance(value, dict):
        raise CourseError(f"{path}: {where} must be a table")
    if allowed is not None and (unknown := set(value) - allowed):
        raise CourseError(f"{path}: {where} has unknown key(s) {', '.join(sorted(unknown))}; "
                          f"the keys are: {', '.join(sorted(allowed))}")  # fmt: skip
    return value


def time_zone(name: object, where: str, path: Path) -> ZoneInfo:
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise CourseError(f"{path}: {where} time_zone {name!r} is not a time zone; use an IANA name "
                          "such as 'Europe/Berlin' or 'America/New_York'") from None  # fmt: skip


def moment(value: object, zone: ZoneInfo, where: str) -> datetime:
    """A TOML date-time, or a string in ISO 8601, as an aware datetime (``zone`` if it has no offset)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise CourseError(f"{where}: {value!r} is not a date and time like 2026-11-02T23:59") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, 23, 59, 59)  # a date: the end of that day
    if not isinstance(value, datetime):
        raise CourseError(f"{where}: {value!r} is not a date and time like 2026-11-02T23:59")
    return value.replace(tzinfo=zone) if value.tzinfo is None else value


def number(settings: dict, key: str, where: str, low: float = 0.0, high: float = math.inf) -> float:
    value = settings[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise CourseError(f"{where}: {key} must be a number from {low:g} to {high:g}, not {value!r}")
    return float(value)


def policy(settings: dict, where: str, path: Path) -> Policy:
    where = f"{path}: {where}"
    if "due" not in settings:
        raise CourseError(f"{where} has no due date; add e.g. due = 2026-11-02T23:59:00")
    zone = time_zone(settings.get("time_zone", "UTC"), where, path)
    due = moment(settings["due"], zone, f"{where} due")
    if "per_day" in settings and "per_hour" in settings:
        raise CourseError(f"{where}: give per_day or per_hour, not both")
    unit, percent = None, 0.0
    for key, length in (("per_day", timedelta(days=1)), ("per_hour", timedelta(hours=1))):
        if key in settings:
            unit, percent = length, number(settings, key, where, 0, 100)
    hard = (
        moment(settings["hard_deadline"], zone, f"{where} hard_deadline")
        if "hard_deadline" in settings
        else None
    )
    if settings.get("zero_when_late"):
        hard = due
    if hard is not None and hard < due:
        raise CourseError(f"{where}: the hard deadline {shown(hard)} is before the due date {shown(due)}")
    grace = (
        timedelta(minutes=number(settings, "grace_minutes", where))
        if "grace_minutes" in settings
        else timedelta(0)
    )
    if hard is not None:
        hard += grace  # the grace period is part of every deadline
    cap = number(settings, "cap", where, 0, 100) if "cap" in settings else 100.0
    return Policy(due, zone, grace, unit, percent, cap, hard)


def read_extensions(path: Path, policies: dict[str, Policy]) -> dict[tuple[str, str], Extension]:
    """``student, assignment, new_due`` or ``extra_hours``, ``reason`` per line (a
    ``new_due`` without an offset is in the assignment's time zone)."""
    assignments = set(policies)
    try:
        _, rows = read_csv(path, "the extensions table", required=("student", "assignment", "reason"))
    except CsvError as exc:
        raise CourseError(str(exc)) from None
    found = {}
    for line, row in enumerate(rows, start=2):
        where = f"{path}, line {line}"
        if row["assignment"] not in assignments:
            raise CourseError(f"{where}: no policy for assignment {row['assignment']!r} in the course file "
                              f"(it has: {', '.join(sorted(assignments)) or 'none'})")  # fmt: skip
        zone = policies[row["assignment"]].zone
        new_due = moment(row["new_due"], zone, where) if row.get("new_due") else None
        try:
            extra = timedelta(hours=float(row["extra_hours"])) if row.get("extra_hours") else timedelta(0)
        except ValueError:
            raise CourseError(
                f"{where}: extra_hours must be a number of hours, not {row['extra_hours']!r}"
            ) from None
        if (new_due is None) == (not extra):
            raise CourseError(f"{where}: give new_due or extra_hours (one of them)")
        if not row["reason"]:
            raise CourseError(f"{where}: give the reason for the extension")
        found[(row["student"], row["assignment"])] = Extension(
            row["student"], row["assignment"], new_due, extra, row["reason"]
        )
    return found


def read_times(path: Path, zone: ZoneInfo) -> dict[tuple[str, str], str]:
    """``student, [assignment,] submitted_at`` per line (an empty assignment: every one);
    each time is checked here and read in its assignment's time zone when used.  A Moodle
    grading worksheet works too: its ``Last modified (submission)`` of each ``Participant N``
    is the time of the folder ``..._N_assignsubmission_file_`` (Moodle's download has none)."""
    try:
        header, rows = read_csv(path, "the submission times table")
        if "Identifier" in header and MOODLE_SUBMITTED in header:
            return moodle_times(path, rows)
        _, rows = read_csv(path, "the submission times table", required=("student", "submitted_at"))
    except CsvError as exc:
        raise CourseError(str(exc)) from None
    for line, row in enumerate(rows, start=2):
        moment(row["submitted_at"], zone, f"{path}, line {line}")  # a wrong time is an error now, not later
    return {(row["student"], row.get("assignment", "")): row["submitted_at"] for row in rows}


def moodle_times(path: Path, rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """``{("participant N", ""): ISO time}`` from a Moodle grading worksheet (English dates,
    ``Monday, 2 November 2026, 10:15 AM``; ``-``: no submission)."""
    found = {}
    for line, row in enumerate(rows, start=2):
        participant = MOODLE_PARTICIPANT.match(row.get("Identifier", ""))
        written = row.get(MOODLE_SUBMITTED, "")
        if participant is None or written in ("", "-"):
            continue
        try:
            found[(f"participant {participant['id']}", "")] = datetime.strptime(
                written, MOODLE_DATE
            ).isoformat()
        except ValueError:
            raise CourseError(f"{path}, line {line}: {written!r} is not a date as Moodle writes it in English "
                              "('Monday, 2 November 2026, 10:15 AM'); download the worksheet in English") from None  # fmt: skip
    return found


def unknown_students(course: Course | None, assignment: str, students: list[str]) -> list[str]:
    """Students that ``assignment``'s extensions name but the class does not have (a typo
    in a key would otherwise silently give no extension)."""
    if course is None:
        return []
    known = set(students)
    return sorted(
        student for student, name in course.extensions if name == assignment and student not in known
    )


def class_lateness(course: Course | None, assignment: str, students: list[str],
                   arrivals: dict[str, tuple[str, bool]]) -> dict[str, Lateness]:  # fmt: skip
    """Each student's lateness in ``assignment`` (none without a course file or policy)."""
    if course is None:
        return {}
    found = {}
    for student in students:
        lateness = course.lateness(student, assignment, *arrivals.get(student, ("", False)))
        if lateness is not None:
            found[student] = lateness
    return found
