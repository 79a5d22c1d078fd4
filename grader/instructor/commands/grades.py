r"""The grades after a batch: ``grade export`` (LMS import files), ``push`` (Canvas),
``override`` (manual grades) and ``history``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.boundary.untrusted import terminal_text
from grader.cli import UserError
from grader.instructor.commands.grading import (
    COURSE_HELP,
    class_marks,
    gradebook_rows,
    write_reports_for,
)
from grader.render import points

if TYPE_CHECKING:
    pass  # what click.progressbar returns


LMS_EXPORTS = {"canvas": "canvas.csv", "moodle": "moodle.csv"}


@click.command(name="export")
@click.argument("lms", type=click.Choice(list(LMS_EXPORTS)))
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--assignment", required=True, help="The graded assignment to export, e.g. week2.")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Canvas: the gradebook export (Grades -> Export), required. Moodle: the assignment's "
              "grading worksheet (View all submissions -> Download grading worksheet), or a CSV with a "
              "'student' column and email/idnumber/username columns; without it our keys are the identity.")  # fmt: skip
@click.option("--canvas-assignment", "canvas_id", metavar="ID", default=None,
              help="Canvas: the assignment's id, the number in parentheses in its column of the roster "
              "(and in its URL, .../assignments/ID).")  # fmt: skip
@click.option("--identity", type=click.Choice(["email", "idnumber", "username"]), default="email",
              show_default=True, help="Moodle: the user field to identify students by (Moodle's 'Identify user by').")  # fmt: skip
@click.option("--output", "target", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the import file  [default: OUT/ASSIGNMENT/canvas.csv or moodle.csv]")  # fmt: skip
@click.option("--allow-unmatched", is_flag=True,
              help="Exit 0 even when graded students matched no row of the roster (they are still listed).")  # fmt: skip
@click.option("--course", "course", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=COURSE_HELP)  # fmt: skip
def export(lms: str, out: Path, assignment: str, roster: Path | None, canvas_id: str | None, identity: str,
           target: Path | None, allow_unmatched: bool, course: Path | None) -> None:  # fmt: skip
    """Write the grade import file of an LMS, from the gradebook in OUT: it imports with no edits.

    Canvas: Grades -> Import, choose the file; Canvas shows the changes before saving.
    Moodle: Grades -> Import -> CSV file; map the identity column to the same user field,
    the assignment column to the grade item and 'feedback' to its feedback.
    Graded students the roster does not have are listed, and the exit status is 1.

    \b
    Examples:
      grade export canvas graded/ --assignment week2 --roster canvas_export.csv --canvas-assignment 67890
      grade export moodle graded/ --assignment week2 --roster worksheet.csv --identity email
    """
    from grader.instructor import exports
    from grader.instructor.csvsafe import CsvError, write_csv
    from grader.instructor.lms import read_canvas_roster, read_moodle_roster

    rows = gradebook_rows(out, assignment)
    marks = class_marks(out, assignment, rows, course)
    try:
        if lms == "canvas":
            if roster is None or canvas_id is None:
                raise UserError("a Canvas import needs --roster (the gradebook export: Grades -> Export) and "
                                "--canvas-assignment ID (the number in parentheses in the assignment's column)")  # fmt: skip
            text, matching = exports.canvas_csv(rows, read_canvas_roster(roster), canvas_id, marks)
        else:
            moodle = read_moodle_roster(roster) if roster is not None else None
            text, matching = exports.moodle_csv(assignment, rows, identity, moodle, marks)
    except CsvError as exc:
        raise UserError(str(exc)) from None
    path = target or out / assignment / LMS_EXPORTS[lms]
    write_csv(path, text)
    click.echo(f"{lms}: {len(matching.matched)} grades of {assignment} in {path}")
    for line in matching.report(lms):
        click.echo(terminal_text(line, 400), err=True)
    sys.exit(1 if matching.left_out and not allow_unmatched else 0)


@click.command(name="push")
@click.argument("lms", type=click.Choice(["canvas"]))
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--assignment", required=True, help="The graded assignment to push, e.g. week2.")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="The course's Canvas gradebook export (Grades -> Export), as for `grade export canvas`: "
              "its ID column is each student's Canvas user id.")  # fmt: skip
@click.option("--canvas-course", "canvas_course", metavar="ID", required=True,
              help="The course's id in Canvas: the number in its URL, .../courses/ID.")  # fmt: skip
@click.option("--canvas-assignment", "canvas_id", metavar="ID", required=True,
              help="The assignment's id in Canvas: the number in parentheses in its column of the roster "
              "(and in its URL, .../assignments/ID).")  # fmt: skip
@click.option("--canvas-url", envvar="CANVAS_URL", metavar="URL", default=None,
              help="Your Canvas, e.g. https://school.instructure.com  [default: $CANVAS_URL]")  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Only show what would be sent (Canvas is read, never written).")
@click.option("--force", is_flag=True,
              help="Also overwrite the grades changed in Canvas since our last push (listed as skipped without it).")  # fmt: skip
@click.option("--allow-unmatched", is_flag=True,
              help="Exit 0 even when graded students matched no row of the roster (they are still listed).")  # fmt: skip
@click.option("--course", "course", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=COURSE_HELP)  # fmt: skip
def push(lms: str, out: Path, assignment: str, roster: Path, canvas_course: str, canvas_id: str,
         canvas_url: str | None, dry_run: bool, force: bool, allow_unmatched: bool, course: Path | None) -> None:  # fmt: skip
    """Send the final scores in OUT's gradebook to Canvas, each with a feedback comment.

    The token is read from the environment variable CANVAS_TOKEN only (Canvas: Account ->
    Settings -> New Access Token); the URL from --canvas-url or CANVAS_URL. Run with
    --dry-run first: it reads Canvas and shows, per student, new / changed from X to Y /
    unchanged / skipped. Safe to run again: a grade Canvas already has is not sent twice,
    a grade changed in Canvas after our last push is never overwritten without --force,
    and a run that fails halfway is finished by running it again. Graded students the
    roster does not have are listed, and the exit status is 1.

    \b
    Examples:
      export CANVAS_URL=https://school.instructure.com CANVAS_TOKEN=...
      grade push canvas graded/ --assignment week2 --roster canvas_export.csv --canvas-course 1234 --canvas-assignment 67890 --dry-run
      grade push canvas graded/ --assignment week2 --roster canvas_export.csv --canvas-course 1234 --canvas-assignment 67890
    """
    from grader.instructor import canvas_api, canvas_push
    from grader.instructor.batch import GRADEBOOK
    from grader.instructor.csvsafe import CsvError
    from grader.instructor.gradebook import Gradebook
    from grader.instructor.lms import read_canvas_roster

    rows = gradebook_rows(out, assignment)
    marks = class_marks(out, assignment, rows, course)
    try:
        if not canvas_url:
            raise UserError(f"give --canvas-url URL or set {canvas_api.URL_VARIABLE} "
                            "(e.g. https://school.instructure.com)")  # fmt: skip
        client = canvas_api.CanvasClient(canvas_url, canvas_api.canvas_token(os.environ))
        with Gradebook(out / GRADEBOOK) as book:
            plan = canvas_push.plan_push(client, book, rows, marks, read_canvas_roster(roster), canvas_course,
                                         canvas_id, force)  # fmt: skip
            for line in plan.lines():
                click.echo(line)
            for line in plan.left_out_lines():
                click.echo(terminal_text(line, 400), err=True)
            done = None
            if not dry_run:
                with click.progressbar(length=len(plan.to_send), label=f"pushing {assignment} to Canvas",
                                       show_pos=True, file=sys.stderr) as bar:  # fmt: skip
                    done = canvas_push.push(plan, client, book, assignment, canvas_course, canvas_id,
                                            on_sent=lambda step: bar.update(1))  # fmt: skip
    except (canvas_api.CanvasError, CsvError) as exc:
        raise UserError(str(exc)) from None
    for line in canvas_push.summary_lines(plan, done):
        click.echo(line, err=done is not None and done.failed is not None)
    failed = done is not None and done.failed is not None
    sys.exit(1 if failed or (plan.matching.left_out and not allow_unmatched) else 0)


@click.command()
@click.argument("args", nargs=-1, metavar="STUDENT ASSIGNMENT [EXERCISE] POINTS")
@click.option("--out", "out", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="The folder of the gradebook (the --out of grade batch).")  # fmt: skip
@click.option("--reason", default="", help="Why (required): shown to the student with the grade.")
@click.option("--list", "show", is_flag=True, help="List the manual grades in force (ARGS: [ASSIGNMENT]).")
@click.option("--remove", is_flag=True, help="Remove the manual grade of STUDENT ASSIGNMENT [EXERCISE].")
def override(args: tuple[str, ...], out: Path, reason: str, show: bool, remove: bool) -> None:
    """Record a manual grade in the gradebook: POINTS for one EXERCISE, or for the whole
    ASSIGNMENT (then it is the final score: no late penalty applies), with a reason and
    the time. It survives regrades, shows as a manual grade in the feedback, and goes into
    every export; the reports are written again.

    \b
    Examples:
      grade override smithjane_101 week2 update_parameters_with_adam 25 --reason "inquiry: correct" --out graded/
      grade override smithjane_101 week2 90 --reason "oral exam" --out graded/
      grade override --list --out graded/
      grade override --remove smithjane_101 week2 update_parameters_with_adam --out graded/
    """
    from grader.instructor.batch import GRADEBOOK
    from grader.instructor.gradebook import Gradebook

    if show:
        with Gradebook(out / GRADEBOOK) as book:
            found = book.overrides(args[0] if args else None)
        for o in found:
            what = o.exercise or "(whole assignment)"
            click.echo(f"{o.assignment}  {terminal_text(o.student)}  {what}  {points(o.points or 0)}  "
                       f"{o.created_at}  {terminal_text(o.reason, 400)}")  # fmt: skip
        if not found:
            click.echo("no manual grades" + (f" in {args[0]}" if args else ""))
        return
    want = "STUDENT ASSIGNMENT [EXERCISE]" if remove else "STUDENT ASSIGNMENT [EXERCISE] POINTS"
    if len(args) not in ((2, 3) if remove else (3, 4)):
        raise UserError(f"give {want} (e.g. `grade override smithjane_101 week2 25 --reason ...`), or --list")
    student, assignment, *rest = args
    value: float | None = None
    if not remove:
        *rest, given = rest
        try:
            value = float(given)
        except ValueError:
            raise UserError(f"POINTS must be a number, not {given!r}") from None
    exercise = rest[0] if rest else ""
    if not reason.strip() and not remove:
        raise UserError('give the reason with --reason "...": the student sees it with the grade')
    rows = {row.student: row for row in gradebook_rows(out, assignment)}
    if student not in rows:
        raise UserError(f"{terminal_text(student)} has no grade in {assignment}; `grade report {out}` lists the "
                        "students (see the summary page), or grade their submission first")  # fmt: skip
    result = rows[student].result
    names = [e.name for e in result.exercises]
    if exercise and exercise not in names:
        raise UserError(f"{assignment} has no exercise {exercise!r}; its exercises: {', '.join(names)}")
    most = result.exercise(exercise).max_score if exercise else result.max_score
    if value is not None and not 0 <= value <= most:
        raise UserError(f"POINTS must be between 0 and {points(most)} for {exercise or assignment}")
    with Gradebook(out / GRADEBOOK) as book:
        book.override(student, assignment, exercise, value, reason.strip() or "removed")
    done = "removed the manual grade of" if remove else f"{points(value or 0)} points for"
    click.echo(f"{done} {terminal_text(student)} in {assignment}{f' / {exercise}' if exercise else ''}")
    write_reports_for(out, [assignment])


@click.command()
@click.argument("student")
@click.argument("assignment")
@click.option("--out", "out", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="The folder of the gradebook (the --out of grade batch).")  # fmt: skip
def history(student: str, assignment: str, out: Path) -> None:
    """Every grading of STUDENT in ASSIGNMENT, oldest first: when, the score, the checks'
    fingerprint and grader version, the files' hash, which one is in force; then the
    manual grades. What a student had before a fix to the checks is here.

    \b
    Example:
      grade history smithjane_101 week2 --out graded/
    """
    from grader.instructor.batch import GRADEBOOK
    from grader.instructor.gradebook import Gradebook

    if not (out / GRADEBOOK).exists():
        raise UserError(f"no gradebook in {out}: run `grade batch ASSIGNMENT SUBMISSIONS --out {out}` first")
    with Gradebook(out / GRADEBOOK) as book:
        gradings, overrides = book.history(student, assignment), book.override_history(student, assignment)
    if not gradings:
        raise UserError(f"{terminal_text(student)} has no grading in {assignment} in {out}")
    for g in gradings:
        click.echo(f"{g['graded_at']}  {points(g['score'])} / {points(g['max_score'])}  checks {g['fingerprint'][:12]}"
                   f"  grader {g['grader_version']}  files {g['content_hash'][:12]}"
                   f"{'  <- in force' if g['in_force'] else ''}")  # fmt: skip
    for o in overrides:
        value = "removed" if o.points is None else f"{points(o.points)} points"
        click.echo(f"{o.created_at}  manual grade {o.exercise or '(whole assignment)'}: {value}: "
                   f"{terminal_text(o.reason, 400)}")  # fmt: skip
