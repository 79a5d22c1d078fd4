r"""The commands that build from the one source: ``grade validate``, ``stubs``, ``release``,
``gradescope``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.assignments import ASSIGNMENTS, GROUPS, UnknownAssignment, names
from grader.cli import UserError

if TYPE_CHECKING:
    pass  # what click.progressbar returns


from grader.instructor.commands.grading import WEAK_HELP


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
