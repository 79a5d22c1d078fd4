r"""The instructor's ``grade`` commands: batch, report, export, push, override, history,
validate, stubs, release, gradescope.

They reach ``grade`` as the plugin :data:`PLUGIN` (the entry point ``instructor`` of the
group :data:`grader.cli.PLUGIN_GROUP` in ``pyproject.toml``): a student release, which
leaves this folder out, has none of them.  Each is a thin Click layer over the module of its
work; user errors become one-line messages with exit status 2 (:class:`grader.cli.UserError`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from grader import api
from grader.assignments import ASSIGNMENTS, GROUPS, UnknownAssignment, names
from grader.boundary import sandbox
from grader.boundary.untrusted import terminal_text
from grader.cli import Plugin, UserError
from grader.render import points
from grader.submission import SubmissionError

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar  # what click.progressbar returns


COURSE_HELP = (
    "The course file (TOML: due dates, late policy, extensions; see README) [default: course.toml in "
    "the --out folder, else in the submissions folder]. Change it and run `grade report` to re-apply it."
)


WEAK_HELP = (
    "Grade even where the sandbox cannot protect grading (no bubblewrap, and the worker "
    "cannot run as a user of its own): a submission could then read the reference, "
    "signal the judge or outlive grading. Every result records the level used."
)


EXAMPLES = """\b
Instructors:
  grade validate week2                           prove the checks right (reference, stub, mutants)
  grade batch week2 submissions/ --out graded/   a class: gradebook, feedback, class page, exports
  grade report graded/                           re-render those from the gradebook (and the late policy)
  grade export canvas graded/ --assignment week2 --roster export.csv --canvas-assignment 67890
  grade push canvas graded/ --assignment week2 --roster export.csv --canvas-course 1234 --canvas-assignment 67890 --dry-run
  grade override STUDENT week2 [EXERCISE] POINTS --reason "..." --out graded/
  grade release week2 dist/week2                 what students get (no reference code)
  grade gradescope week2 week2.zip               a Gradescope autograder"""


@click.command()
@click.argument("assignments", nargs=-1)
@click.option("--thorough", is_flag=True,
              help="Grade the reference with the thorough profile (10x the examples): looks harder "
              "for a check that fails right code, at about ten times the cost.")  # fmt: skip
def validate(assignments: tuple[str, ...], thorough: bool) -> None:
    """Prove the checks right: the reference scores full marks, the stubs score zero,
    and every known-wrong implementation (tests/mutants/) loses points where it should.

    Exits with status 1 if anything is off. With no ASSIGNMENTS, validates all of them.

    \b
    Examples:
      grade validate week2          one assignment
      grade validate week1          every assignment of a group
      grade validate                all of them (what CI runs)
      grade validate --thorough     the reference with 10x the examples (before a release)
    """
    from grader.instructor.validate import validate_assignment

    failed = False
    for name in members(assignments or tuple(ASSIGNMENTS)):
        report = validate_assignment(name, progress=lambda msg: click.echo(msg, err=True), thorough=thorough)
        click.echo(report.summary())
        failed |= not report.ok
    sys.exit(1 if failed else 0)


def members(names_given: tuple[str, ...]) -> list[str]:
    """The assignments ``names_given`` stand for: a group stands for its members."""
    out: list[str] = []
    for name in names_given:
        if name in GROUPS:
            out += [m for m in GROUPS[name].members if m not in out]
        elif name in ASSIGNMENTS:
            out += [name] if name not in out else []
        else:
            raise UserError(f"unknown assignment {name!r}; choose from: {', '.join(names())}")
    return out


@click.command()
@click.option("--check", is_flag=True, help="Do not write; exit 1 if exercises/ is out of date.")
def stubs(check: bool) -> None:
    """Regenerate the student stubs (exercises/*.py, *.ipynb) from reference/."""
    from grader.instructor.stubs import write_stubs

    stale = write_stubs(check_only=check)
    for path in stale:
        click.echo(f"{'out of date' if check else 'wrote'}: {path}")
    sys.exit(1 if check and stale else 0)


@click.command()
@click.argument("assignment")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
def release(assignment: str, out_dir: Path) -> None:
    """Build what students get into OUT_DIR: the stubs, the notebooks, and public checks
    with precomputed expected values; no reference code.  `grade ASSIGNMENT` works in it.

    \b
    Examples:
      grade release week2 dist/week2     then: cd dist/week2 && pip install -e .
    """
    from grader.instructor.release import ReleaseError, build_release

    try:
        build_release(assignment, out_dir)
    except (ReleaseError, UnknownAssignment) as exc:
        raise UserError(str(exc).strip("'\"")) from None
    click.echo(f"wrote the student release of {assignment} to {out_dir}")


@click.command()
@click.argument("assignment")
@click.argument("out_zip", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--allow-weak-sandbox", is_flag=True, help=WEAK_HELP)
def gradescope(assignment: str, out_zip: Path, allow_weak_sandbox: bool) -> None:
    """Build a Gradescope autograder (setup.sh, run_autograder and the full grader) as OUT_ZIP.

    The autograder refuses to grade in a container where the sandbox cannot protect grading
    (it then writes score 0 and says why) unless built with --allow-weak-sandbox.

    \b
    Examples:
      grade gradescope week2 week2_autograder.zip   then upload it as the assignment's autograder
    """
    from grader.instructor.gradescope import build_gradescope
    from grader.instructor.release import ReleaseError

    try:
        build_gradescope(assignment, out_zip, allow_weak_sandbox=allow_weak_sandbox)
    except (ReleaseError, UnknownAssignment) as exc:
        raise UserError(str(exc).strip("'\"")) from None
    click.echo(f"wrote the Gradescope autograder of {assignment} to {out_zip}")


@click.command()
@click.argument("assignment")
@click.argument("submissions", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the gradebook (gradebook.sqlite), the reports and the exports.")  # fmt: skip
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Judge processes grading in parallel  [default: the number of cores]")  # fmt: skip
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Grade on a Dask cluster instead, e.g. tcp://10.0.0.5:8786 (needs dls-grader[cluster] "
              "installed on the workers too).")  # fmt: skip
@click.option("--regrade", is_flag=True,
              help="Grade every submission again, even those already graded by these checks.")  # fmt: skip
@click.option("--profile", type=click.Choice(list(api.PROFILES)), default="student", show_default=True,
              help="Hypothesis examples per property, as for one submission.")  # fmt: skip
@click.option("--timeout", type=click.FloatRange(min=0.1), default=api.CALL_TIMEOUT, show_default=True,
              help="Seconds one call into a submission may take.")  # fmt: skip
@click.option("--require-sandbox", type=click.Choice(sandbox.LEVELS), default="rlimits", show_default=True,
              help="Refuse to grade below this containment level.")  # fmt: skip
@click.option("--allow-weak-sandbox", is_flag=True, help=WEAK_HELP)
@click.option("--course", "course", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=COURSE_HELP)  # fmt: skip
@click.option("--dry-run", is_flag=True, help="With --regrade: only show whose scores would change.")
@click.option("--yes", is_flag=True, help="With --regrade: apply the new grades without asking.")
@click.option("--never-lower", is_flag=True,
              help="With --regrade: a student whose new score is lower keeps the old grade (both are in the history).")  # fmt: skip
def batch(assignment: str, submissions: Path, out: Path, workers: int | None, scheduler: str | None,
          regrade: bool, profile: str, timeout: float, require_sandbox: str,
          allow_weak_sandbox: bool, course: Path | None, dry_run: bool, yes: bool,
          never_lower: bool) -> None:  # fmt: skip
    """Grade a class: every submission in SUBMISSIONS, into a gradebook and reports in --out.

    A submission is a .py file, a .ipynb notebook or a folder per student; the student is
    read from the name, including Canvas, Moodle and Blackboard downloads (see README).
    A rerun grades only new or changed submissions (and everything after the checks
    change); an interrupted run resumes where it stopped. --regrade grades everyone again
    aside, shows whose scores would change (by how much, in which exercises), and applies
    the new grades when you confirm (or --yes); --dry-run only shows.

    \b
    Examples:
      grade batch week2 submissions/ --out graded/
      grade batch week2 submissions/ --out graded/ --workers 8
      grade batch week2 submissions/ --out graded/ --regrade --dry-run    what would change
      grade batch week2 submissions/ --out graded/ --regrade --never-lower --yes
      grade batch week2 submissions/ --out graded/ --scheduler tcp://10.0.0.5:8786
      grade report graded/              re-render the reports without grading
    """
    from grader.instructor.batch import Options, run_batch

    get_assignment_or_fail(assignment)
    try:
        level = sandbox.choose_level(require_sandbox, None)
        if not allow_weak_sandbox:
            sandbox.refuse_weak(level)
    except sandbox.SandboxUnavailable as exc:
        raise UserError(str(exc)) from None
    if (dry_run or yes or never_lower) and not regrade:
        raise UserError("--dry-run, --yes and --never-lower go with --regrade")
    options = Options(profile=profile, call_timeout=timeout, require_sandbox=require_sandbox)
    aside = None  # a --regrade graded aside (grader.instructor.regrade.Preview)
    with contextlib.ExitStack() as stack:  # closes the progress bar before the summary prints
        bar: ProgressBar[Any] | None = None

        def start(total: int) -> None:  # the bar needs the number of submissions still to grade
            nonlocal bar
            bar = stack.enter_context(click.progressbar(
                length=total, label=f"grading {assignment}", show_eta=True, show_pos=True, file=sys.stderr,
                item_show_func=lambda student: terminal_text(student or "")))  # fmt: skip

        def graded(outcome) -> None:
            assert bar is not None, "run_batch calls on_start before on_graded"
            bar.update(1, outcome.job.student)

        try:
            if regrade:
                from grader.instructor import regrade as regrades

                aside = regrades.preview(assignment, submissions, out, workers=workers, scheduler=scheduler,
                                         options=options, on_start=start, on_graded=graded)  # fmt: skip
                summary = aside.summary
            else:
                summary = run_batch(assignment, submissions, out, workers=workers, scheduler=scheduler,
                                    options=options, on_start=start, on_graded=graded)  # fmt: skip
        except SubmissionError as exc:
            raise UserError(str(exc)) from None
    if aside is not None and not apply_regrade(aside, assignment, out, dry_run, yes, never_lower):
        sys.exit(1 if summary.grader_errors else 0)
    click.echo(f"{assignment}: graded {len(summary.graded)}, already graded {len(summary.reused)}"
               f"{f', grader errors {len(summary.grader_errors)}' if summary.grader_errors else ''}")  # fmt: skip
    for student, error in summary.grader_errors.items():
        click.echo(f"  grader error on {terminal_text(student)} (not recorded; rerun to retry): "
                   f"{terminal_text(error, 2_000)}", err=True)  # fmt: skip
    write_reports_for(out, [assignment], course_file(course, out, submissions))
    sys.exit(1 if summary.grader_errors else 0)


def apply_regrade(aside, assignment: str, out: Path, dry_run: bool, yes: bool, never_lower: bool) -> bool:
    """Show a regrade's diff and apply it if asked to; whether it was applied."""
    from grader.instructor import regrade as regrades

    try:
        for line in regrades.describe(aside, never_lower):
            click.echo(terminal_text(line, 2_000))
        if dry_run:
            click.echo("dry run: nothing changed")
            return False
        if not aside.changes:
            click.echo("no score changes")
        elif not yes and not click.confirm("Apply the new grades?", default=False, err=True):
            click.echo("nothing changed (the old grades stay; rerun with --yes to apply)")
            return False
        kept = regrades.apply(aside, assignment, out, never_lower)
        click.echo(f"applied; {len(kept)} kept their higher old grade" if never_lower else "applied")
        return True
    finally:
        aside.close()


@click.command()
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--assignment", "only", default=None, help="Only this assignment's reports.")
@click.option("--course", "course", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=COURSE_HELP)  # fmt: skip
def report(out: Path, only: str | None, course: Path | None) -> None:
    """Re-render the reports and exports in OUT from its gradebook, without grading.

    \b
    Example:
      grade report graded/        then open graded/week2/summary.html in a browser
      grade report graded/ --course course.toml   after changing the late policy or an extension
    """
    from grader.instructor.batch import GRADEBOOK
    from grader.instructor.gradebook import Gradebook

    if not (out / GRADEBOOK).exists():
        raise UserError(f"no gradebook in {out}: run `grade batch ASSIGNMENT SUBMISSIONS --out {out}` first")
    with Gradebook(out / GRADEBOOK) as book:
        assignments = book.assignments()
    if only is not None:
        if only not in assignments:
            raise UserError(f"{out} has no grades for {only!r}; it has: {', '.join(assignments) or 'none'}")
        assignments = [only]
    write_reports_for(out, assignments, course_file(course, out))


def get_assignment_or_fail(name: str) -> None:
    from grader.instructor.batch import due_assignment  # a group is refused: a batch grades what is due

    try:
        due_assignment(name)
    except SubmissionError as exc:
        raise UserError(str(exc)) from None


def course_file(given: Path | None, *folders: Path) -> Path | None:
    """The course file to use; a usage error if it is wrong (read once here to say so early)."""
    from grader.instructor.course import CourseError, find_course, load_course

    path = find_course(given, *folders)
    if path is not None:
        try:
            load_course(path)
        except CourseError as exc:
            raise UserError(str(exc)) from None
    return path


def write_reports_for(out: Path, assignments: list[str], course: Path | None = None) -> None:
    """Render each assignment's reports into ``out/<assignment>/`` from the gradebook,
    with the late policy of the ``course`` file (default: ``out/course.toml`` if any)."""
    from grader.instructor.batch import GRADEBOOK
    from grader.instructor.gradebook import Gradebook
    from grader.instructor.reports import write_reports

    with Gradebook(out / GRADEBOOK) as book:
        for assignment in assignments:
            rows = book.current(assignment)
            marks = class_marks(out, assignment, rows, course)
            written = write_reports(out / assignment, assignment, rows, marks)
            scores = [marks[row.student].score for row in rows]
            mean = sum(scores) / len(scores) if scores else 0.0
            click.echo(f"{assignment}: {len(rows)} students, mean {mean:.1f}; {len(written)} files in "
                       f"{out / assignment} (open {out / assignment / 'summary.html'})")  # fmt: skip


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
    from grader.instructor import canvas_push
    from grader.instructor.batch import GRADEBOOK
    from grader.instructor.csvsafe import CsvError
    from grader.instructor.gradebook import Gradebook
    from grader.instructor.lms import read_canvas_roster

    rows = gradebook_rows(out, assignment)
    marks = class_marks(out, assignment, rows, course)
    try:
        if not canvas_url:
            raise UserError(f"give --canvas-url URL or set {canvas_push.URL_VARIABLE} "
                            "(e.g. https://school.instructure.com)")  # fmt: skip
        client = canvas_push.CanvasClient(canvas_url, canvas_push.canvas_token(os.environ))
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
    except (canvas_push.CanvasError, CsvError) as exc:
        raise UserError(str(exc)) from None
    for line in canvas_push.summary_lines(plan, done):
        click.echo(line, err=done is not None and done.failed is not None)
    failed = done is not None and done.failed is not None
    sys.exit(1 if failed or (plan.matching.left_out and not allow_unmatched) else 0)


def gradebook_rows(out: Path, assignment: str) -> list:
    """The current gradings of ``assignment`` in OUT's gradebook; a usage error if there are none."""
    from grader.instructor.batch import GRADEBOOK
    from grader.instructor.gradebook import Gradebook

    if not (out / GRADEBOOK).exists():
        raise UserError(f"no gradebook in {out}: run `grade batch ASSIGNMENT SUBMISSIONS --out {out}` first")
    with Gradebook(out / GRADEBOOK) as book:
        rows = book.current(assignment)
        if not rows:
            raise UserError(
                f"{out} has no grades for {assignment!r}; it has: {', '.join(book.assignments()) or 'none'}"
            )
    return rows


def class_marks(out: Path, assignment: str, rows: list, course: Path | None = None) -> dict:
    """Each student's mark (raw, penalty, final): the gradebook's overrides and the course
    file's late policy (``course``, else ``out/course.toml`` if any) applied."""
    from grader.instructor import marks
    from grader.instructor.batch import GRADEBOOK
    from grader.instructor.course import (
        CourseError,
        class_lateness,
        find_course,
        load_course,
        unknown_students,
    )
    from grader.instructor.gradebook import Gradebook

    path = find_course(course, out)
    try:
        loaded = load_course(path) if path is not None else None
    except CourseError as exc:
        raise UserError(str(exc)) from None
    with Gradebook(out / GRADEBOOK) as book:
        overrides, arrivals = book.overrides(assignment), book.arrivals(assignment)
    students = [row.student for row in rows]
    for student in unknown_students(loaded, assignment, students):
        click.echo(f"warning: the extensions name {terminal_text(student)} for {assignment}, who has no grade "
                   "here; use the key the summary page shows", err=True)  # fmt: skip
    return marks.class_marks(rows, overrides, class_lateness(loaded, assignment, students, arrivals))


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


PLUGIN = Plugin(
    commands=(batch, report, export, push, override, history, validate, stubs, release, gradescope),
    examples=EXAMPLES,
)
