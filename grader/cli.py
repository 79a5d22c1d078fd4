r"""The ``grade`` command: a thin Click layer over :mod:`grader.api`.

``grade ASSIGNMENT [PATH]`` grades; ``grade list``, ``grade validate`` and ``grade stubs``
are the other verbs.  User errors become one-line messages with exit status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader import api, sandbox
from grader.assignments import ASSIGNMENTS, GROUPS, UnknownAssignment, get_target, names
from grader.render import points, render_json, render_text
from grader.submission import SubmissionError


class UserError(click.ClickException):
    """A mistake in how grade was called: one sentence, exit status 2."""

    exit_code = 2


class GradeGroup(click.Group):
    """Subcommands, plus one grading command per assignment (``grade week2 ...``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *names()]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in names():
            return grading_command(name)
        return super().get_command(ctx, name)

    def resolve_command(self, ctx: click.Context, args: list[str]):  # noqa: ANN201
        if args and self.get_command(ctx, args[0]) is None and not args[0].startswith("-"):
            raise click.UsageError(
                f"unknown assignment or command {args[0]!r}; assignments: {', '.join(names())}"
                "; run `grade list` to see them with their exercises"
            )
        return super().resolve_command(ctx, args)


@click.group(cls=GradeGroup)
@click.version_option(package_name="dls-grader")
def main() -> None:
    """Grade numpy implementations of the Deep Learning Specialization exercises.

    \b
    Examples:
      grade week2 Optimization_methods.ipynb   grade one notebook (or .py file)
      grade week2                              grade the week's file in this folder
      grade week2 my.py --format json          machine-readable result on stdout
      grade week2 --help                       options of one assignment
      grade list                               assignments, exercises and points
      grade validate week2                     prove the checks right (reference, stub, mutants)
    """


def grading_command(assignment: str) -> click.Command:
    title = get_target(assignment).title

    @click.command(name=assignment, help=(
        f"{title}.\n\nPATH is a .py file, a .ipynb notebook, or a folder holding one (default: the "
        "current folder). Exit status 0 whenever grading completed, whatever the score.\n\n\b\nExamples:\n"
        f"  grade {assignment} Optimization_methods.ipynb\n  grade {assignment} my_solution.py --format json\n"
        f"  grade {assignment} --profile thorough      more examples per property"))  # fmt: skip
    @click.argument("path", required=False, type=click.Path(path_type=Path))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                  help="text: a table and what to fix; json: the result document only, on stdout.")  # fmt: skip
    @click.option("--profile", type=click.Choice(list(api.PROFILES)), default="student", show_default=True,
                  help="How many Hypothesis examples per property: student (quick) or thorough.")  # fmt: skip
    @click.option("--timeout", type=click.FloatRange(min=0.1), default=api.CALL_TIMEOUT, show_default=True,
                  help="Seconds one call into the submission may take.")  # fmt: skip
    @click.option("--require-sandbox", type=click.Choice(sandbox.LEVELS), default="rlimits", show_default=True,
                  help="Refuse to grade if the worker cannot be contained at least this well "
                  "(bubblewrap > namespaces > rlimits).")  # fmt: skip
    @click.option("--sandbox", "level", type=click.Choice(sandbox.LEVELS), default=None,
                  help="Use this containment level instead of the strongest available.")  # fmt: skip
    def command(path: Path | None, fmt: str, profile: str, timeout: float, require_sandbox: str,
                level: str | None) -> None:  # fmt: skip
        if path is not None and not path.exists():
            raise UserError(f"{path} does not exist; pass a .py file, a .ipynb notebook or a folder")
        try:
            result = api.grade(assignment, path, profile=profile, call_timeout=timeout,
                               require_sandbox=require_sandbox, sandbox_level=level)  # fmt: skip
        except (SubmissionError, UnknownAssignment, sandbox.SandboxUnavailable) as exc:
            raise UserError(str(exc).strip("'\"")) from None
        except api.GraderBug as exc:
            click.echo(f"Error: a bug in the grader, not in your work (please report it): {exc}", err=True)
            sys.exit(1)
        if fmt == "json":
            for note in result.notes:
                click.echo(f"note: {note}", err=True)
            click.echo(render_json(result))
        else:
            click.echo(render_text(result))

    return command


@main.command(name="list")
def list_assignments() -> None:
    """List assignments, their exercises and points."""
    for group in GROUPS.values():
        click.echo(f"{group.name}  = {' | '.join(group.members)}  (the one a file is, by its Coursera id "
                   "or the functions it defines)")  # fmt: skip
    for name, assignment in ASSIGNMENTS.items():
        checks = api.list_checks(name)
        total = sum(p for items in checks.values() for _, p in items)
        click.echo(f"{name}  ({points(total)} points)  {assignment.title}")
        for exercise, items in checks.items():
            click.echo(f"  {exercise:<34} {points(sum(p for _, p in items)):>4} points, {len(items)} checks")


@main.command()
@click.argument("assignments", nargs=-1)
def validate(assignments: tuple[str, ...]) -> None:
    """Prove the checks right: the reference scores full marks, the stubs score zero,
    and every known-wrong implementation (tests/mutants/) loses points where it should.

    Exits with status 1 if anything is off. With no ASSIGNMENTS, validates all of them.

    \b
    Examples:
      grade validate week2          one assignment
      grade validate                all of them (what CI runs)
    """
    from grader.validate import validate_assignment

    failed = False
    for name in assignments or tuple(ASSIGNMENTS):
        if name not in ASSIGNMENTS:
            raise UserError(f"unknown assignment {name!r}; choose from: {', '.join(ASSIGNMENTS)}")
        report = validate_assignment(name, progress=lambda msg: click.echo(msg, err=True))
        click.echo(report.summary())
        failed |= not report.ok
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--check", is_flag=True, help="Do not write; exit 1 if exercises/ is out of date.")
def stubs(check: bool) -> None:
    """Regenerate the student stubs (exercises/*.py, *.ipynb) from reference/."""
    from grader.stubs import write_stubs

    stale = write_stubs(check_only=check)
    for path in stale:
        click.echo(f"{'out of date' if check else 'wrote'}: {path}")
    sys.exit(1 if check and stale else 0)
