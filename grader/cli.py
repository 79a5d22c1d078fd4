r"""The ``grade`` command: a thin Click layer over :mod:`grader.api`.

``grade ASSIGNMENT [PATH]`` grades and ``grade list`` lists: the student's commands.  Other
packages add commands through the entry point group :data:`PLUGIN_GROUP`, as Flask finds
``flask.commands``: the instructor's (batch, report, export, validate, release, ...) are
:data:`grader.instructor.commands.PLUGIN`, declared in ``pyproject.toml``.  A student
release has no ``grader/instructor/`` and declares no entry point, so its ``grade`` has the
student's commands only, and nothing here needs to know which copy it is.  User errors
become one-line messages with exit status 2.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader import api
from grader.assignments import ASSIGNMENTS, GROUPS, UnknownAssignment, get_target, names
from grader.boundary import sandbox
from grader.checks import declared
from grader.render import points, render_json, render_text
from grader.submission import SubmissionError

if TYPE_CHECKING:
    from grader.judge.exercises import Exercise


class UserError(click.ClickException):
    """A mistake in how grade was called: one sentence, exit status 2."""

    exit_code = 2


MAX_JOBS = 4  # judges for one interactive grading: beyond this, worker start-ups outweigh the gain


PLUGIN_GROUP = "dls_grader.commands"
PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Plugin:
    """Commands a package adds to ``grade`` (an entry point of :data:`PLUGIN_GROUP` names one),
    and the examples ``grade --help`` shows for them."""

    commands: tuple[click.Command, ...]
    examples: str = ""


@functools.cache
def plugins() -> tuple[Plugin, ...]:
    """The plugins of the installed distributions.  One whose module would be part of this
    package but lives in another copy of it (an editable install beside a student release
    maps ``grader.instructor`` to its own folder) is not this copy's, and is skipped."""
    found = []
    for entry in importlib.metadata.entry_points(group=PLUGIN_GROUP):
        if entry.module.startswith(f"{__package__}.") and not in_this_copy(entry.module):
            continue
        try:
            found.append(entry.load())
        except ImportError:
            continue
    return tuple(found)


def in_this_copy(module: str) -> bool:
    """Whether ``module`` is found in this copy of the package (not in another one)."""
    try:
        spec = importlib.util.find_spec(module)
    except ImportError:
        return False
    return (
        spec is not None
        and spec.origin is not None
        and Path(spec.origin).resolve().is_relative_to(PACKAGE_DIR)
    )


def plugin_commands() -> dict[str, click.Command]:
    return {command.name: command for plugin in plugins() for command in plugin.commands if command.name}


class GradeGroup(click.Group):
    """Subcommands, the plugins' commands, and one grading command per assignment
    (``grade week2 ...``)."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        for plugin in plugins():
            if plugin.examples:
                formatter.write_paragraph()
                with formatter.indentation():
                    formatter.write_text(plugin.examples)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *plugin_commands(), *names()]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in names():
            return grading_command(name)
        return plugin_commands().get(name) or super().get_command(ctx, name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        if args and self.get_command(ctx, args[0]) is None and not args[0].startswith("-"):
            instructor = "" if plugins() else (
                " (this copy of the grader has no instructor commands: a student release has the "
                "stubs and public checks only; batch, validate, release and the rest run in the "
                "grader's repository, installed with `pip install -e .`)"
            )  # fmt: skip
            raise click.UsageError(
                f"unknown assignment or command {args[0]!r}; assignments: {', '.join(names())}"
                f"; run `grade list` to see them with their exercises{instructor}"
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
    """


def grading_command(assignment: str) -> click.Command:
    title = get_target(assignment).title

    @click.command(name=assignment, help=(
        f"{title}.\n\nPATH is a .py file, a .ipynb notebook, or a folder holding one (default: the "
        "current folder). Exit status 0 whenever grading completed, whatever the score.\n\n\b\nExamples:\n"
        f"  grade {assignment} Optimization_methods.ipynb\n  grade {assignment} my_solution.py --format json\n"
        f"  grade {assignment} --profile thorough      more examples per property\n"
        f"  grade {assignment} --exercise NAME         only that function (repeatable)"))  # fmt: skip
    @click.argument("path", required=False, type=click.Path(path_type=Path))
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "gradescope"]), default="text",
                  show_default=True, help="text: a table and what to fix; json: the result document only, "
                  "on stdout; gradescope: Gradescope's results.json, on stdout.")  # fmt: skip
    @click.option("--profile", type=click.Choice(list(api.PROFILES)), default="student", show_default=True,
                  help="How many Hypothesis examples per property: student (quick) or thorough.")  # fmt: skip
    @click.option("--timeout", type=click.FloatRange(min=0.1), default=api.CALL_TIMEOUT, show_default=True,
                  help="Seconds one call into the submission may take.")  # fmt: skip
    @click.option("--require-sandbox", type=click.Choice(sandbox.LEVELS), default="rlimits", show_default=True,
                  help="Refuse to grade if the worker cannot be contained at least this well "
                  "(bubblewrap > namespaces > rlimits).")  # fmt: skip
    @click.option("--sandbox", "level", type=click.Choice(sandbox.LEVELS), default=None,
                  help="Use this containment level instead of the strongest available.")  # fmt: skip
    @click.option("--refuse-weak-sandbox", is_flag=True,
                  help="Refuse to grade where the sandbox cannot keep a submission from the reference "
                  "and the judge, as grade batch does (the Gradescope autograder passes it).")  # fmt: skip
    @click.option("--exercise", "exercises", multiple=True, metavar="NAME",
                  help="Grade only this exercise (repeat for several; `grade list` names them). "
                  "Each exercise is judged on its own, so its result is what a whole grading gives it.")  # fmt: skip
    @click.option("--jobs", type=click.IntRange(min=1), default=None,
                  help="Judge processes sharing the exercises out (default: one per core, at most "
                  f"{MAX_JOBS}); the result is the same for any number.")  # fmt: skip
    def command(path: Path | None, fmt: str, profile: str, timeout: float, require_sandbox: str,
                level: str | None, refuse_weak_sandbox: bool, exercises: tuple[str, ...],
                jobs: int | None) -> None:  # fmt: skip
        if path is not None and not path.exists():
            raise UserError(f"{path} does not exist; pass a .py file, a .ipynb notebook or a folder")
        try:
            result = api.grade(assignment, path, profile=profile, call_timeout=timeout,
                               require_sandbox=require_sandbox, sandbox_level=level,
                               allow_weak_sandbox=not refuse_weak_sandbox, exercises=exercises or None,
                               jobs=jobs or min(MAX_JOBS, os.cpu_count() or 1))  # fmt: skip
        except (SubmissionError, UnknownAssignment, sandbox.SandboxUnavailable,
                api.UnknownExercise) as exc:  # fmt: skip
            raise UserError(str(exc).strip("'\"")) from None
        except api.IncompleteGrading as exc:
            click.echo(f"Error: no score: {exc}", err=True)
            sys.exit(1)
        except api.GraderBug as exc:
            click.echo(f"Error: a bug in the grader, not in your work (please report it): {exc}", err=True)
            sys.exit(1)
        if fmt == "json":
            for note in result.notes:
                click.echo(f"note: {note}", err=True)
            click.echo(render_json(result))
        elif fmt == "gradescope":
            import json

            from grader.render import gradescope_results

            click.echo(json.dumps(gradescope_results(result), indent=2))
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
        exercises = declared(assignment)
        for exercise, items in checks.items():
            line = f"  {exercise:<34} {points(sum(p for _, p in items)):>4} points, {len(items)} checks"
            click.echo(line + exercise_facts(exercises.get(exercise), assignment.builds_on.get(exercise, ())))


def exercise_facts(exercise: Exercise | None, builds_on: tuple[str, ...]) -> str:
    """What a student should know of an exercise's declaration: the parts of a tuple it
    returns (and the shorter tuple an older generation returns), and the graded functions it
    is judged with the reference's versions of."""
    facts = []
    if exercise is not None and isinstance(exercise.returns, tuple):
        older = "".join(f" or its first {n}" for n in exercise.older_lengths)
        facts.append(f"returns ({', '.join(exercise.returns)}){older}")
    if builds_on:
        facts.append(f"runs with the reference's {', '.join(builds_on)}")
    return "".join(f"; {fact}" for fact in facts)
