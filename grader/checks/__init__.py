"""The checks: one pytest module per assignment, its known mistakes beside it
(``<name>_mistakes.py``), and the official Coursera cases (:mod:`grader.checks.coursera`).

Checks are written in the judge's vocabulary (:mod:`grader.judge`; the markers are
:mod:`grader.judge.plugin`'s).  May import the judge, the reference and the boundary's data
types; never the instructor's tools.  A student release keeps only this ``__init__``,
``pytest.ini``, and the public checks and cases it records.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.assignments import Assignment
    from grader.judge.exercises import Exercise


def declared(assignment: Assignment) -> Mapping[str, Exercise]:
    """The exercises ``assignment``'s check module declares (``EXERCISES``; none if it has none)."""
    module = importlib.import_module(f"{__name__}.{assignment.checks.removesuffix('.py')}")
    return getattr(module, "EXERCISES", {})
