r"""Exercise declarations: what is known about one graded function, said once.

A check module declares each of its graded functions as an :class:`Exercise` (its reference
function, the shape of its result, its tolerance, its known mistakes, its official Coursera
cases) and lists them in ``EXERCISES`` (:func:`declare`).  Its checks are then a few lines:
points, hint, inputs, and one call::

    GD = Exercise("update_parameters_with_gd", ref.update_parameters_with_gd, returns="parameters",
                  mistakes=mistakes.GRADIENT_DESCENT, official=lambda: official_cases(...))

    @pytest.mark.exercise("update_parameters_with_gd")
    class CheckGradientDescent:
        @pytest.mark.points(5)
        @pytest.mark.hint("update every layer l = 1..L with L = len(parameters) // 2")
        @given(batch=batches(network_cases(learning_rate=LEARNING_RATES)))
        def check_random_networks(self, student, batch):
            GD.like_reference(student, batch)

The declarations are read by the instructor's tools too: a student release's public checks
take each exercise's result shape (:attr:`Exercise.older_lengths`) and
:attr:`Exercise.public_tolerance` from here (:func:`grader.checks.declared`), so nothing about an exercise
is restated outside its check module.  Which graded functions an exercise builds on is
declared with the assignment (:attr:`grader.assignments.Assignment.builds_on`): the worker
needs it before any check runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from grader.judge.compare import COURSERA, REFERENCE, CheckFailed, Tolerance, expect_parts, expect_same
from grader.judge.judging import Mistake, expect_like_reference, recognised
from grader.judge.public import PUBLIC
from grader.judge.strategies import Case


@dataclass(frozen=True)
class Exercise:
    """One graded function.

    ``returns`` names its result (``"parameters"``), or, for a tuple, each of its parts
    (``("parameters", "v", "s", "v_corrected", "s_corrected")``); ``older_lengths`` are the
    shorter tuples an older Coursera generation returns (Adam's first three parts, 2017).
    ``tolerance`` is how close a result must be to the reference's on random inputs,
    ``official_tolerance`` on the official Coursera cases (the precision their printed
    values have), ``public_tolerance`` how close a public check's answer must be to the one
    recorded.  ``mistakes`` are known wrong implementations, named when a wrong result
    equals theirs; ``official`` builds the official cases of every Coursera generation.
    ``comparison`` is the exercise's own ``compare(got, expected, what, tol)``, for a result
    that needs more than equal values (gradients named one by one, a cache of masks).
    ``names_every_mistake``: a wrong result names each known mistake it equals, not only the
    first (:func:`grader.judge.judging.recognised`), where small inputs make mistakes agree.
    """

    name: str
    reference: Callable
    returns: str | tuple[str, ...] = ""
    older_lengths: tuple[int, ...] = ()
    tolerance: Tolerance = REFERENCE
    official_tolerance: Tolerance = COURSERA
    public_tolerance: Tolerance = PUBLIC
    mistakes: Sequence[Mistake] = ()
    official: Callable[[], Sequence[Case]] | None = None
    comparison: Callable[..., None] | None = None
    names_every_mistake: bool = False

    @property
    def what(self) -> str:
        """What a failure calls the whole result ("" for a tuple: its parts are named)."""
        return self.returns if isinstance(self.returns, str) else ""

    def parts(self, got: object, what: str = "") -> tuple:
        """``got`` as the tuple of this exercise's parts (an older generation's shorter one
        included), or fail naming the parts expected."""
        assert isinstance(self.returns, tuple), f"{self.name} returns one value, not parts"
        return expect_parts(got, self.returns, what=what, older_lengths=self.older_lengths)

    def compare(self, got: object, expected: object, what: str, tol: Tolerance) -> None:
        """``got`` against ``expected``: the whole result, or each part under its name (as
        many parts as the student's tuple has, when an older generation's is shorter), or by
        :attr:`comparison` when the exercise has its own."""
        if self.comparison is not None:
            self.comparison(got, expected, what, tol)
            return
        if not isinstance(self.returns, tuple):
            expect_same(got, expected, what, tol)
            return
        for name, g, e in zip(self.returns, self.parts(got), expected, strict=False):  # type: ignore[call-overload]
            expect_same(g, e, name, tol)

    def like_reference(self, student, cases: Sequence[Case], tol: Tolerance | None = None,
                       compare: Callable | None = None, mistakes: Sequence[Mistake] | None = None) -> None:  # fmt: skip
        """Each case's result of the student's function must be the reference's, within
        ``tol`` (default :attr:`tolerance`); a wrong one that is a known mistake says so."""
        expect_like_reference(
            getattr(student, self.name),
            self.reference,
            cases,
            self.what,
            self.tolerance if tol is None else tol,
            compare or self.compare,
            self.mistakes if mistakes is None else mistakes,
            self.names_every_mistake,
        )

    def recognised(self, failure: CheckFailed, got: object, args: tuple) -> CheckFailed:
        """``failure``, naming the first known mistake whose result on ``args`` ``got``
        equals (by :meth:`compare`, within :attr:`tolerance`): for a check that judged
        ``got`` its own way first."""
        return recognised(failure, got, args, self.mistakes, self.compare, self.what, self.tolerance,
                          self.names_every_mistake)  # fmt: skip

    def like_official(self, student, compare: Callable | None = None) -> None:
        """The official Coursera cases of every generation, within :attr:`official_tolerance`."""
        assert self.official is not None, f"{self.name} has no official cases"
        self.like_reference(student, self.official(), self.official_tolerance, compare)


def declare(*exercises: Exercise) -> dict[str, Exercise]:
    """A check module's ``EXERCISES``: its exercises by name."""
    return {exercise.name: exercise for exercise in exercises}
