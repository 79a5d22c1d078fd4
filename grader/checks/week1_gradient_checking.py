r"""Checks for course 2 week 1, "Gradient checking": the four Coursera graded functions.

``gradient_check`` calls the student's own ``forward_propagation`` and
``backward_propagation``, so its checks judge it against the values *those* return (the
judge calls them too): a wrong ``forward_propagation`` costs points there, not twice.

``gradient_check_n`` calls ``forward_propagation_n`` as a global (the notebook's own, or
the ``gc_utils`` shim's: the same code).  The checks control the gradients it is given:
those of a correct backward pass must score below the notebook's threshold 2e-7, those of
a deliberately wrong one (:data:`~grader.checks.week1_gradient_checking_mistakes.WRONG_BACKWARDS`)
must score what the reference scores.  The inputs are random 4-5-3-1 networks (the only
shape ``vector_to_dictionary`` knows) with random m, as well as the course's own case.

Each graded function is declared once (``EXERCISES``, :class:`~grader.judge.exercises.Exercise`);
how the inputs are drawn (the 1-D cases, the wrong forward and backward propagations, the
random networks) is :mod:`grader.checks.week1_gradient_checking_inputs`.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given

from grader.checks import week1_gradient_checking_mistakes as mistakes
from grader.checks.coursera import official_calls
from grader.checks.coursera import week1_gradcheck_cases as cases
from grader.checks.week1_gradient_checking_inputs import (
    CORRECT_MARGIN,  # noqa: F401  (the tests import it from here)
    WRONG_MINIMUM,  # noqa: F401  (the tests import it from here)
    NetworkCase,
    backward_off_by_one,
    forward_squared,
    huge_thetas,
    make_network_case,  # noqa: F401  (the tests import it from here)
    moderate_thetas,
    network_cases,
    scalar_cases,
)
from grader.judge.compare import CheckFailed, Tolerance, expect_number, fail, kind, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import judged, recognised
from grader.judge.strategies import (
    Case,
    batches,
    sample_int,  # noqa: F401  (the tests import it from here)
)
from reference import gradient_checking as ref

#: The official checks: ``np.isclose`` defaults (the 2021 test cell) or ``==`` (``single_test``).
OFFICIAL = Tolerance(rtol=1e-5, atol=1e-8)
#: A 1-D difference recomputed from the student's own J and grad: same arithmetic, so only
#: the last bits may differ; the known mistakes change it by a factor of 2 or more.
SAME_VALUES = Tolerance(rtol=1e-3, atol=1e-13)
#: A large difference (wrong gradients, at least 1e-3): rounding moves it by < 1e-7 relative.
WRONG_GRADIENTS = Tolerance(rtol=1e-5, atol=1e-9)
#: A centred difference with epsilon 1e-4..1e-3 on correct gradients: truncation error
#: (about 1e-10..1e-7) that rounding moves by < 1e-3 relative; a one-sided one is ~1000x larger.
CENTRED = Tolerance(rtol=1e-2, atol=1e-11)

GC_BATCH = 3  # gradient_check_n cases per round trip: each costs 94 forward passes (~3 ms)

#: Do-nothing bodies that are right (``grade validate``, :mod:`grader.instructor.do_nothing`).
RIGHT_BY_DOING_NOTHING = {
    "backward_propagation/echo": "d(theta x)/d(theta) = x: handing x back is the derivative",
}


def official_cases(function: str) -> list[Case]:
    """Every distinct official Coursera call of ``function``, all generations."""
    return [Case(args, f"the Coursera case ({generation}) {_describe(args)}")
            for generation, args in official_calls(cases, function, cases.GENERATIONS, distinct=True)]  # fmt: skip


def _describe(args: tuple) -> str:
    if len(args) == 2:
        return f"x, theta = {args[0]}, {args[1]}"
    return "(gradient_check_n_test_case, epsilon=1e-7)"


def official_network_cases() -> list[Case]:
    """The official cases of ``gradient_check_n``, each named by the backward pass whose
    gradients it holds (the notebook's buggy one, then the corrected one)."""
    labels = ["the notebook's buggy backward_propagation_n", "the corrected backward_propagation_n"]
    return [Case(c.args, f"{c.description} with the gradients of {label}")
            for c, label in zip(official_cases("gradient_check_n"), labels, strict=True)]  # fmt: skip


FORWARD = Exercise("forward_propagation", ref.forward_propagation, returns="J", official_tolerance=OFFICIAL,
                   official=lambda: official_cases("forward_propagation"))  # fmt: skip
BACKWARD = Exercise("backward_propagation", ref.backward_propagation, returns="dtheta", official_tolerance=OFFICIAL,
                    official=lambda: official_cases("backward_propagation"))  # fmt: skip
#: Judged against the course formula on what forward and backward propagation give
#: (:func:`judge_gradient_check`).  A public check replays its recorded answers, themselves
#: centred differences: another order of arithmetic moves them as it moves any centred difference.
GRADIENT_CHECK = Exercise("gradient_check", ref.gradient_check, returns="difference", tolerance=SAME_VALUES,
                          official_tolerance=SAME_VALUES, public_tolerance=CENTRED, mistakes=mistakes.GRADIENT_CHECK,
                          official=lambda: official_cases("gradient_check"))  # fmt: skip
#: On random networks each check names its tolerance (WRONG_GRADIENTS, CENTRED).
GRADIENT_CHECK_N = Exercise("gradient_check_n", ref.gradient_check_n, returns="difference",
                            official_tolerance=OFFICIAL, public_tolerance=CENTRED,
                            mistakes=mistakes.GRADIENT_CHECK_N, official=official_network_cases)  # fmt: skip
EXERCISES = declare(FORWARD, BACKWARD, GRADIENT_CHECK, GRADIENT_CHECK_N)


# --------------------------------------------------------------------------- 1-D model


@pytest.mark.exercise("forward_propagation")
class CheckForwardPropagation:
    @pytest.mark.points(4)
    @pytest.mark.hint("J = theta * x")
    def check_coursera_cases(self, student):
        FORWARD.like_official(student)

    @pytest.mark.points(6)
    @pytest.mark.hint("J = theta * x: the product, for every x and theta")
    @given(batch=batches(scalar_cases(moderate_thetas, None)))
    def check_random_inputs(self, student, batch):
        FORWARD.like_reference(student, batch)


@pytest.mark.exercise("backward_propagation")
class CheckBackwardPropagation:
    @pytest.mark.points(4)
    @pytest.mark.hint("the derivative of J = theta * x with respect to theta is x")
    def check_coursera_cases(self, student):
        BACKWARD.like_official(student)

    @pytest.mark.points(6)
    @pytest.mark.hint("dtheta = x, whatever theta is")
    @given(batch=batches(scalar_cases(moderate_thetas, None)))
    def check_random_inputs(self, student, batch):
        BACKWARD.like_reference(student, batch)


def _number(value: object) -> float | None:
    """``value`` as a float if it is one number (a 0-d or 1-element array counts), else None."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "fiu":
        return float(value.reshape(-1)[0])
    return None


def centred_difference(j_plus: float, j_minus: float, grad: float, epsilon: float) -> float:
    r"""The course's relative difference of ``grad`` and :math:`(J^+ - J^-) / (2 \varepsilon)`."""
    gradapprox = (j_plus - j_minus) / (2 * epsilon)
    return float(mistakes.relative_difference(grad, gradapprox))


def judge_gradient_check(function, batch: list[Case], tol: Tolerance = GRADIENT_CHECK.tolerance,
                         forward: Callable = ref.forward_propagation,
                         backward: Callable = ref.backward_propagation) -> None:  # fmt: skip
    """Each case's ``gradient_check`` (``function``, the student's, with ``forward`` and
    ``backward`` in the place of forward and backward propagation) must equal the course
    formula applied to what ``forward`` and ``backward`` give, within ``tol``."""
    full = [(*c.args, 1e-7)[:3] for c in batch]  # (x, theta, epsilon)
    for i, (case, got) in enumerate(judged(function, batch)):
        x, theta, epsilon = full[i]
        with on(case.description):
            j_plus, j_minus = forward(x, theta + epsilon), forward(x, theta - epsilon)
            expected = centred_difference(j_plus, j_minus, backward(x, theta), epsilon)
            try:
                expect_number(got, expected, "difference", tol)
            except CheckFailed as failure:
                raise recognised(failure, got, full[i], GRADIENT_CHECK.mistakes, expect_number, "difference",
                                 tol) from None  # fmt: skip


@pytest.mark.exercise("gradient_check")
class CheckGradientCheck:
    """``gradient_check`` calls ``forward_propagation`` and ``backward_propagation``: its
    checks run it with the reference's (:mod:`grader.boundary.blocks`), and with a wrong gradient or
    a different cost in their place, which it exists to detect."""

    @pytest.mark.points(7)
    @pytest.mark.needs("check_detects_a_wrong_gradient")  # returning 0 has it
    @pytest.mark.hint(
        "gradapprox = (J_plus - J_minus) / (2 * epsilon) with J_plus = forward_propagation(x, "
        "theta + epsilon) and J_minus at theta - epsilon; grad = backward_propagation(x, theta)"
    )
    def check_coursera_cases(self, student):
        judge_gradient_check(
            student.gradient_check, GRADIENT_CHECK.official(), GRADIENT_CHECK.official_tolerance
        )

    @pytest.mark.points(7)
    @pytest.mark.needs("check_detects_a_wrong_gradient")  # returning 0 has it
    @pytest.mark.hint(
        "difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||), each with "
        "np.linalg.norm: it must not grow with the scale of x"
    )
    @given(batch=batches(scalar_cases(moderate_thetas, (1e-7,))))
    def check_relative_difference(self, student, batch):
        judge_gradient_check(student.gradient_check, batch)

    @pytest.mark.points(5)
    @pytest.mark.needs("check_detects_a_wrong_gradient")
    @pytest.mark.hint(
        "shift theta by the epsilon you are given (theta + epsilon, theta - epsilon), not by a constant"
    )
    @given(batch=batches(scalar_cases(huge_thetas, (0.25, 0.5, 1.0, 2.0))))
    def check_uses_epsilon(self, student, batch):
        # theta ~ 1e10: theta +- 1e-7 rounds back to theta (gradapprox = 0, difference 1),
        # while theta +- 0.25 is exact and the check passes.
        judge_gradient_check(student.gradient_check, batch)

    @pytest.mark.points(6)
    @pytest.mark.hint(
        "compute J_plus, J_minus with forward_propagation and grad with backward_propagation, "
        "the functions of the notebook: a gradient check that computes theta * x itself checks nothing"
    )
    @given(batch=batches(scalar_cases(moderate_thetas, (1e-7,))))
    def check_detects_a_wrong_gradient(self, student, batch):
        wrong_gradient = student.gradient_check.using(backward_propagation=backward_off_by_one)
        judge_gradient_check(wrong_gradient, batch, backward=backward_off_by_one)
        other_cost = student.gradient_check.using(forward_propagation=forward_squared)
        judge_gradient_check(other_cost, batch, forward=forward_squared)


# --------------------------------------------------------------------------- N-dimensional


def judged_network_checks(student, batch: list[NetworkCase]):
    """``(case, difference)`` per case, inside ``on(case)``; the difference must be a number."""
    for case, got in judged(student.gradient_check_n, batch):
        with on(case.description):
            if _number(got) is None or not isinstance(got, numbers.Real):
                fail(f"difference: expected a float, got {kind(got)} (use np.linalg.norm for the numerator "
                     "and for both norms of the denominator)")  # fmt: skip
            yield case, float(got)  # type: ignore[arg-type]


def known_mistake(failure: CheckFailed, got: float, case: NetworkCase, tol: Tolerance) -> CheckFailed:
    """``failure``, naming the known mistake of ``gradient_check_n`` whose difference on
    ``case`` ``got`` is, within ``tol``."""
    return recognised(failure, got, case.args, GRADIENT_CHECK_N.mistakes, expect_number, "difference", tol)


def expect_reference_difference(case: NetworkCase, got: float, tol: Tolerance) -> None:
    try:
        expect_number(got, case.expected, "difference", tol)
    except CheckFailed as failure:
        raise known_mistake(failure, got, case, tol) from None


@pytest.mark.exercise("gradient_check_n")
class CheckGradientCheckN:
    @pytest.mark.points(10)
    @pytest.mark.hint(
        "for each i: theta_plus = np.copy(parameters_values), theta_plus[i] += epsilon, "
        "J_plus[i] = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))[0]; the same "
        "for J_minus; then the relative difference with np.linalg.norm (a float)"
    )
    def check_coursera_cases(self, student):
        GRADIENT_CHECK_N.like_official(student)

    @pytest.mark.points(15)
    @pytest.mark.needs("check_wrong_backward_passes")  # returning 0 has it
    @pytest.mark.hint(
        "shift one parameter at a time, each time from a fresh np.copy(parameters_values); "
        "a correct backward pass must score below 2e-7"
    )
    @given(batch=batches(network_cases(wrong=False), size=GC_BATCH))
    def check_correct_backward_passes(self, student, batch):
        for case, got in judged_network_checks(student, batch):
            with on(case.description):
                if not 0 <= got < ref.THRESHOLD:
                    failure = CheckFailed(
                        f"difference: got {got:.6g} for a correct backward pass, expected below "
                        f"{ref.THRESHOLD:g} (the reference scores {case.expected:.3g})"
                    )
                    raise known_mistake(failure, got, case, WRONG_GRADIENTS) from None

    @pytest.mark.points(15)
    @pytest.mark.hint(
        "difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||), with np.linalg.norm "
        "for each of the three norms"
    )
    @given(batch=batches(network_cases(wrong=True), size=GC_BATCH))
    def check_wrong_backward_passes(self, student, batch):
        for case, got in judged_network_checks(student, batch):
            with on(case.description):
                if got <= ref.THRESHOLD:
                    failure = CheckFailed(
                        f"difference: got {got:.6g}, below the threshold {ref.THRESHOLD:g}, for "
                        f"a wrong backward pass (the reference scores {case.expected:.6g})"
                    )
                    raise known_mistake(failure, got, case, WRONG_GRADIENTS) from None
                expect_reference_difference(case, got, WRONG_GRADIENTS)

    @pytest.mark.points(15)
    @pytest.mark.hint(
        "use the centred difference (J_plus[i] - J_minus[i]) / (2 * epsilon) with the epsilon "
        "you are given: a one-sided one is off by O(epsilon)"
    )
    @given(batch=batches(network_cases(wrong=False, epsilons=(1e-4, 1e-3)), size=GC_BATCH))
    def check_centred_differences(self, student, batch):
        for case, got in judged_network_checks(student, batch):
            with on(case.description):
                expect_reference_difference(case, got, CENTRED)
