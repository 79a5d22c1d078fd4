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
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given

from grader.checks import week1_gradient_checking_mistakes as mistakes
from grader.checks.coursera import official_calls
from grader.checks.coursera import week1_gradcheck_cases as cases
from grader.judge.compare import CheckFailed, Tolerance, expect_number, fail, kind, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import Mistake, expect_like_reference, judged, recognised
from grader.judge.strategies import (
    Case,
    Sampled,
    ShortRepr,
    batches,
    sample_float,
    sample_int,
    sample_seed,
    sample_value,
)
from reference import gc_helpers
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
#: A public check replays gradient_check's recorded answers, themselves centred differences:
#: a different order of arithmetic moves them as it moves any centred difference.
GRADIENT_CHECK = Exercise(
    "gradient_check", ref.gradient_check, returns="difference", public_tolerance=CENTRED
)
GRADIENT_CHECK_N = Exercise(
    "gradient_check_n", ref.gradient_check_n, returns="difference", public_tolerance=CENTRED
)
EXERCISES = declare(GRADIENT_CHECK, GRADIENT_CHECK_N)
#: Networks drawn for the correct-gradient check score at most this with the reference.
CORRECT_MARGIN = ref.THRESHOLD / 4
#: Networks drawn for the wrong-gradient check score at least this with the reference.
WRONG_MINIMUM = 1e-3

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


# --------------------------------------------------------------------------- 1-D model

Sampler = Callable[[np.random.Generator], float]


def scalar_cases(thetas: Sampler, epsilons: tuple[float, ...] | None) -> Sampled[Case]:
    """``(x, theta)`` or ``(x, theta, epsilon)`` cases (no epsilon when ``epsilons`` is None);
    x of any sign and scale 1e-2..1e6."""

    def sample(rng: np.random.Generator) -> Case:
        x = sample_value(rng, (1.0, -1.0)) * sample_float(rng, 1.0, 9.99) * 10.0 ** sample_int(rng, -2, 6)
        theta = thetas(rng)
        if epsilons is None:
            return Case((x, theta), f"x={x:.6g}, theta={theta:.6g}")
        epsilon = sample_value(rng, epsilons)
        return Case((x, theta, epsilon), f"x={x:.6g}, theta={theta:.6g}, epsilon={epsilon:g}")

    return Sampled(sample)


def moderate_thetas(rng: np.random.Generator) -> float:
    """t * 10**power, t in [-9.99, 9.99] (its bounds and 0 often), power in -2..3."""
    return sample_float(rng, -9.99, 9.99, (0.0,)) * 10.0 ** sample_int(rng, -2, 3)


def huge_thetas(rng: np.random.Generator) -> float:
    """1e10, -1e10 or 3e10: theta +- 1e-7 rounds back to theta."""
    return sample_value(rng, (1.0, -1.0, 3.0)) * 1e10


@pytest.mark.exercise("forward_propagation")
class CheckForwardPropagation:
    @pytest.mark.points(4)
    @pytest.mark.hint("J = theta * x")
    def check_coursera_cases(self, student):
        expect_like_reference(
            student.forward_propagation,
            ref.forward_propagation,
            official_cases("forward_propagation"),
            "J",
            OFFICIAL,
        )

    @pytest.mark.points(6)
    @pytest.mark.hint("J = theta * x: the product, for every x and theta")
    @given(batch=batches(scalar_cases(moderate_thetas, None)))
    def check_random_inputs(self, student, batch):
        expect_like_reference(student.forward_propagation, ref.forward_propagation, batch, "J")


@pytest.mark.exercise("backward_propagation")
class CheckBackwardPropagation:
    @pytest.mark.points(4)
    @pytest.mark.hint("the derivative of J = theta * x with respect to theta is x")
    def check_coursera_cases(self, student):
        expect_like_reference(
            student.backward_propagation,
            ref.backward_propagation,
            official_cases("backward_propagation"),
            "dtheta",
            OFFICIAL,
        )

    @pytest.mark.points(6)
    @pytest.mark.hint("dtheta = x, whatever theta is")
    @given(batch=batches(scalar_cases(moderate_thetas, None)))
    def check_random_inputs(self, student, batch):
        expect_like_reference(student.backward_propagation, ref.backward_propagation, batch, "dtheta")


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


def judge_gradient_check(function, batch: list[Case], tol: Tolerance = SAME_VALUES,
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
                raise recognised(failure, got, full[i], mistakes.GRADIENT_CHECK, expect_number, "difference",
                                 tol) from None  # fmt: skip


def backward_off_by_one(x: float, theta: float) -> float:
    """A wrong gradient of J = theta * x: x + 1 instead of x, whatever theta."""
    return x + 1.0


def forward_squared(x: float, theta: float) -> float:
    r"""A cost whose gradient is not x: :math:`J = (\theta x)^2`.  Symmetric in its two
    arguments, as theta * x is: the 2017 notebook calls ``forward_propagation(thetaplus, x)``."""
    return (theta * x) ** 2


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
        judge_gradient_check(student.gradient_check, official_cases("gradient_check"))

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


@dataclass(frozen=True)
class NetworkCase(ShortRepr):
    """Inputs of ``gradient_check_n`` and the reference's difference on them."""

    args: tuple  # (parameters, gradients, X, Y, epsilon)
    description: str
    expected: float

    def __repr__(self) -> str:
        return f"NetworkCase({self.description!r})"


def random_network(m: int, rng: np.random.Generator) -> tuple[dict, np.ndarray, np.ndarray]:
    """Parameters of the 4-5-3-1 network (standard normal, scaled by 1/sqrt(fan-in) so the
    sigmoid rarely saturates), X ~ N(0, 1) of shape (4, m), labels 0/1 of shape (1, m)."""
    parameters = {}
    for key, shape in gc_helpers.PARAMETER_SHAPES.items():
        fan_in = shape[1] if key.startswith("W") else 1
        parameters[key] = rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
    X = rng.standard_normal((4, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return parameters, X, Y


@functools.lru_cache(maxsize=2048)  # derandomized grading draws the same cases for every submission
def make_network_case(m: int, seed: int, backward: int | None, epsilon: float) -> NetworkCase:
    """A network where the reference's check is clean: with the correct gradients its
    difference is below :data:`CORRECT_MARGIN` (no ReLU kink within epsilon, no saturated
    sigmoid); ``backward`` picks a wrong backward pass of :data:`WRONG_BACKWARDS` (the next
    one when it happens to be right on this network), ``None`` the correct one."""
    for attempt in range(100):
        rng = np.random.default_rng([seed, attempt])
        parameters, X, Y = random_network(m, rng)
        _, cache = gc_helpers.forward_propagation_n(X, Y, parameters)
        correct = gc_helpers.backward_propagation_n(X, Y, cache)
        clean = ref.gradient_check_n(parameters, correct, X, Y, epsilon)
        if clean >= CORRECT_MARGIN:
            continue
        where = f"a 4-5-3-1 network with m={m} (seed {seed}), epsilon={epsilon:g}"
        if backward is None:
            return NetworkCase((parameters, correct, X, Y, epsilon), f"{where}, gradients of a correct backward pass",
                               float(clean))  # fmt: skip
        for k in range(backward, len(mistakes.WRONG_BACKWARDS)):
            name, wrong_backward = mistakes.WRONG_BACKWARDS[k]
            gradients = wrong_backward(X, Y, cache)
            expected = ref.gradient_check_n(parameters, gradients, X, Y, epsilon)
            if expected >= WRONG_MINIMUM:
                return NetworkCase((parameters, gradients, X, Y, epsilon), f"{where}, gradients of {name}",
                                   float(expected))  # fmt: skip
    raise AssertionError(f"no clean network for m={m}, seed={seed}")  # pragma: no cover


THE_COURSE_EPSILON = (1e-7,)


def network_cases(wrong: bool, epsilons: tuple[float, ...] = THE_COURSE_EPSILON) -> Sampled[NetworkCase]:
    """m in 1..12, a seed, one of ``epsilons``, and a wrong backward pass when ``wrong``."""

    def sample(rng: np.random.Generator) -> NetworkCase:
        m, seed = sample_int(rng, 1, 12), sample_seed(rng)
        backward = sample_int(rng, 0, len(mistakes.WRONG_BACKWARDS) - 1) if wrong else None
        return make_network_case(m, seed, backward, sample_value(rng, epsilons))

    return Sampled(sample)


def judged_network_checks(student, batch: list[NetworkCase]):
    """``(case, difference)`` per case, inside ``on(case)``; the difference must be a number."""
    for case, got in judged(student.gradient_check_n, batch):
        with on(case.description):
            if _number(got) is None or not isinstance(got, numbers.Real):
                fail(f"difference: expected a float, got {kind(got)} (use np.linalg.norm for the numerator "
                     "and for both norms of the denominator)")  # fmt: skip
            yield case, float(got)  # type: ignore[arg-type]


def expect_reference_difference(case: NetworkCase, got: float, tol: Tolerance,
                                known: tuple[Mistake, ...] = mistakes.GRADIENT_CHECK_N) -> None:  # fmt: skip
    try:
        expect_number(got, case.expected, "difference", tol)
    except CheckFailed as failure:
        raise recognised(failure, got, case.args, known, expect_number, "difference", tol) from None


@pytest.mark.exercise("gradient_check_n")
class CheckGradientCheckN:
    @pytest.mark.points(10)
    @pytest.mark.hint(
        "for each i: theta_plus = np.copy(parameters_values), theta_plus[i] += epsilon, "
        "J_plus[i] = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))[0]; the same "
        "for J_minus; then the relative difference with np.linalg.norm (a float)"
    )
    def check_coursera_cases(self, student):
        official = official_cases("gradient_check_n")
        labels = ["the notebook's buggy backward_propagation_n", "the corrected backward_propagation_n"]
        named = [Case(c.args, f"{c.description} with the gradients of {label}")
                 for c, label in zip(official, labels, strict=True)]  # fmt: skip
        expect_like_reference(student.gradient_check_n, ref.gradient_check_n, named, "difference", OFFICIAL,
                              compare=expect_number_of, mistakes=mistakes.GRADIENT_CHECK_N)  # fmt: skip

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
                    raise recognised(failure, got, case.args, mistakes.GRADIENT_CHECK_N, expect_number,
                                     "difference", WRONG_GRADIENTS) from None  # fmt: skip

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
                    raise recognised(failure, got, case.args, mistakes.GRADIENT_CHECK_N, expect_number,
                                     "difference", WRONG_GRADIENTS) from None  # fmt: skip
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


def expect_number_of(got: object, expected: object, what: str, tol: Tolerance) -> None:
    """``expect_number`` with the reference's numpy scalar as the expected value."""
    expect_number(got, float(expected), what, tol)  # type: ignore[arg-type]
