r"""Grading a class: ``grade batch`` (with ``--regrade``) and ``grade report``."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from grader import api
from grader.boundary import sandbox
from grader.boundary.untrusted import terminal_text
from grader.cli import UserError
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
