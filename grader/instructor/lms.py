r"""Who a student is in the LMS: rosters the instructor exports, matched to our keys.

Our student key is the LMS's own id as its download names it (:mod:`grader.instructor.roster`):
``smithjane_12345`` for Canvas (sortable name, Canvas user id), ``Jo Doe_123456`` for
Moodle (full name, participant id), a plain name otherwise.  An import needs the LMS's
identity columns, which only the LMS's own files hold:

* **Canvas**: the gradebook export (Grades -> Export -> "Export Entire Gradebook"):
  ``Student, ID, SIS User ID, SIS Login ID, Section``, then one column per assignment
  named ``<assignment name> (<assignment id>)``; a second row ``Points Possible`` (older
  exports also a ``Muted`` row).  A key ``<name>_<ID>`` matches the row of that Canvas ``ID``
  (the user id the bulk download puts in file names); any other key matches a row whose
  ``SIS Login ID`` or ``SIS User ID`` is that key (a folder named by login).
* **Moodle**: the assignment's grading worksheet (Assignment -> View all submissions ->
  Download grading worksheet): ``Identifier`` (``Participant 123456``, the participant id
  the download's folder names carry), ``Full name``, ``Email address``, and ``ID number``
  or ``Username`` where the site shows them; or any CSV with a ``student`` column of our
  keys and the identity columns.

Matching never guesses from a display name: a key that no row matches is *unmatched*,
and every export that needs the roster lists it (:class:`Matching`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from grader.instructor.csvsafe import CsvError, read_csv

#: The identity columns of a Canvas gradebook export and of its import, in order.
CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_KEY = re.compile(r"^(?P<name>[A-Za-z0-9]+)_(?P<id>\d+)$")
#: An assignment's column in a Canvas export: ``Week 2: Optimization (67890)``.
CANVAS_COLUMN = re.compile(r"^(?P<name>.*\S)\s*\((?P<id>\d+)\)$")
MOODLE_PARTICIPANT = re.compile(r"^Participant\s+(?P<id>\d+)$")
MOODLE_KEY = re.compile(r"^(?P<name>.+)_(?P<id>\d+)$")
#: Moodle's "Identify user by" fields: our name -> the worksheet's column, a generic CSV's column.
MOODLE_IDENTITIES = {
    "email": ("Email address", "email"),
    "idnumber": ("ID number", "idnumber"),
    "username": ("Username", "username"),
}


@dataclass(frozen=True)
class CanvasRoster:
    """A Canvas gradebook export: its students, assignment columns and points possible."""

    path: Path
    students: tuple[dict[str, str], ...]  # the identity columns of each student row
    columns: tuple[str, ...]  # the assignment columns, as the export names them
    points_possible: dict[str, str] = field(default_factory=dict)  # column -> points, as written

    def column(self, assignment_id: str) -> str:
        """The export's column of the Canvas assignment ``assignment_id`` (its header as is)."""
        found = [c for c in self.columns if (m := CANVAS_COLUMN.match(c)) and m["id"] == assignment_id]
        if not found:
            shown = "; ".join(self.columns) or "none"
            raise CsvError(
                f"the Canvas roster {self.path} has no column for assignment {assignment_id}; "
                f"its assignment columns are: {shown}. Create the assignment in Canvas, export the "
                "gradebook again, and give the number in the column's parentheses"
            )
        return found[0]

    def match(self, student: str) -> dict[str, str] | None:
        """The row of our key ``student``, or ``None``."""
        if m := CANVAS_KEY.match(student):
            for row in self.students:
                if row["ID"] == m["id"]:
                    return row
        for row in self.students:
            if student in (row.get("SIS Login ID"), row.get("SIS User ID")):
                return row
        return None


def read_canvas_roster(path: Path) -> CanvasRoster:
    """Read a Canvas gradebook export (see the module docstring)."""
    header, rows = read_csv(path, "the Canvas roster", required=("Student", "ID"))
    columns = tuple(name for name in header if CANVAS_COLUMN.match(name) and name not in CANVAS_IDENTITY)
    students, points = [], {}
    for row in rows:
        if row["Student"].endswith("Points Possible"):  # Canvas pads it with spaces
            points = {c: row.get(c, "") for c in columns}
        if not row["ID"].isdigit():
            continue  # not a student: Points Possible, Muted, a summary line
        students.append({name: row.get(name, "") for name in CANVAS_IDENTITY})
    if not students:
        raise CsvError(
            f"the Canvas roster {path} has no student rows; export the gradebook from Canvas again"
        )
    return CanvasRoster(path, tuple(students), columns, points)


@dataclass(frozen=True)
class MoodleRoster:
    """Moodle identities: our key (or a participant id) -> the user fields."""

    path: Path
    by_participant: dict[str, dict[str, str]]  # participant id -> identity fields
    by_student: dict[str, dict[str, str]]  # our key -> identity fields

    def match(self, student: str, identity: str) -> str | None:
        """The value of ``identity`` (email, idnumber, username) for our key, or ``None``."""
        row = self.by_student.get(student)
        if row is None and (m := MOODLE_KEY.match(student)):
            row = self.by_participant.get(m["id"])
        value = (row or {}).get(identity, "")
        return value or None


def read_moodle_roster(path: Path) -> MoodleRoster:
    """Read a Moodle grading worksheet, or a CSV with a ``student`` column (module docstring)."""
    header, rows = read_csv(path, "the Moodle roster")
    if "Identifier" not in header and "student" not in header:
        raise CsvError(
            f"the Moodle roster {path} has neither an 'Identifier' column (a grading worksheet: "
            "Assignment -> View all submissions -> Download grading worksheet) nor a 'student' column "
            f"(our keys); its columns are: {', '.join(header)}"
        )
    by_participant, by_student = {}, {}
    for row in rows:
        fields = {
            ours: row.get(worksheet) or row.get(plain, "")
            for ours, (worksheet, plain) in MOODLE_IDENTITIES.items()
        }
        if m := MOODLE_PARTICIPANT.match(row.get("Identifier", "")):
            by_participant[m["id"]] = fields
        if row.get("student"):
            by_student[row["student"]] = fields
    return MoodleRoster(path, by_participant, by_student)
