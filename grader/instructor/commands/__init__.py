r"""The instructor's ``grade`` commands: a plugin of ``grade``.

They reach ``grade`` as :data:`PLUGIN` (the entry point ``instructor`` of the group
:data:`grader.cli.PLUGIN_GROUP` in ``pyproject.toml``): a student release, which leaves
``grader/instructor/`` out, has none of them.  Each is a thin Click layer over the module of
its work; user errors become one-line messages with exit status 2
(:class:`grader.cli.UserError`).

* :mod:`~grader.instructor.commands.grading`: ``batch``, ``report``;
* :mod:`~grader.instructor.commands.grades`: ``export``, ``push``, ``override``, ``history``;
* :mod:`~grader.instructor.commands.build`: ``validate``, ``stubs``, ``release``, ``gradescope``.
"""

from __future__ import annotations

from grader.cli import Plugin
from grader.instructor.commands.build import gradescope, release, stubs, validate
from grader.instructor.commands.grades import export, history, override, push
from grader.instructor.commands.grading import batch, report

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


PLUGIN = Plugin(
    commands=(batch, report, export, push, override, history, validate, stubs, release, gradescope),
    examples=EXAMPLES,
)
