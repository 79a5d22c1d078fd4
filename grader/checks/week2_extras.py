r"""Checks for course 2 week 2, further: weighted averages, RMSprop, decay schedules.

Each class grades one function of :mod:`reference.optimization_extras`: it matches the
reference on random inputs, and has the properties the lectures teach (the average starts
biased towards 0, bias correction removes that bias, RMSprop divides by the root of the
averaged squared gradient, each schedule has its shape).  As in :mod:`grader.checks.week2`,
a property draws a batch of :class:`~grader.judge.strategies.Case`\ s per Hypothesis example and
sends it in one round trip.  A property that pins exact values on any input (beta = 0,
epoch 0, the first corrected value, a large epsilon, the first RMSprop step) runs on a few
fixed inputs in one round trip: it needs no search, and keeps the student profile fast.

``bias_corrected_average`` usually calls ``exponentially_weighted_average``: its checks run
it with the reference's average in that place (:mod:`grader.boundary.blocks`), so a mistake in the
average is graded once, in its own exercise, and never excuses the correction.  A property
that a body computing nothing also has (a constant averages to itself, the rate at epoch
0) counts only together with one it does not have (``@pytest.mark.needs``).

Each graded function is declared once (``EXERCISES``, :class:`~grader.judge.exercises.Exercise`);
how the inputs are drawn (strategies, case builders, the fixed inputs) is
:mod:`grader.checks.week2_extras_inputs`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks.week2_expect import expect_zero_state, run_scenario
from grader.checks.week2_extras_inputs import (
    BETA2_VALUES,
    DEEP_NETWORK,
    LONG_SEQUENCE,
    NETWORKS,
    SEQUENCES,
    TEMPERATURES,
    constant_cases,
    fixed_rmsprop_cases,
    interval_start,
    sequence_cases,
    staircase_cases,
)
from grader.checks.week2_inputs import decay_cases, parameter_cases, state_cases, step_grads
from grader.judge.compare import Tolerance, expect_keys, expect_parts, expect_same, fail, kind, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import expect_like_reference, fresh, judged
from grader.judge.strategies import LEARNING_RATES, Case, Network, batches, betas, learning_rates, sequences
from reference import optimization_extras as ref

WEIGHTED_AVERAGE = Exercise("exponentially_weighted_average", ref.exponentially_weighted_average, returns="v")
BIAS_CORRECTED_AVERAGE = Exercise("bias_corrected_average", ref.bias_corrected_average, returns="v_corrected")
INITIALIZE_RMSPROP = Exercise("initialize_rmsprop", ref.initialize_rmsprop, returns="s")
RMSPROP = Exercise(
    "update_parameters_with_rmsprop", ref.update_parameters_with_rmsprop, returns="(parameters, s)"
)
EXPONENTIAL_DECAY = Exercise("update_lr_exponential", ref.update_lr_exponential, returns="learning_rate")
INVERSE_SQRT_DECAY = Exercise("update_lr_inverse_sqrt", ref.update_lr_inverse_sqrt, returns="learning_rate")
STAIRCASE_DECAY = Exercise("update_lr_staircase", ref.update_lr_staircase, returns="learning_rate")
EXERCISES = declare(WEIGHTED_AVERAGE, BIAS_CORRECTED_AVERAGE, INITIALIZE_RMSPROP, RMSPROP, EXPONENTIAL_DECAY,
                    INVERSE_SQRT_DECAY, STAIRCASE_DECAY)  # fmt: skip

#: From s = 0 and with epsilon = 0, the first RMSprop step moves each weight by exactly
#: learning_rate / sqrt(1 - beta2), whatever its gradient: this, relative to that move.
FIRST_STEP_RTOL = 1e-6


# --------------------------------------------------------------------------- weighted averages


def expect_sequence(got: object, T: int, what: str) -> np.ndarray:
    """``got`` must be a float array of shape (T,); return it."""
    if type(got) is not np.ndarray or got.shape != (T,) or got.dtype.kind != "f":
        fail(f"{what}: expected a float array of shape ({T},), got {kind(got)}")
    return got  # type: ignore[return-value]


def correction(beta: float, T: int) -> np.ndarray:
    r"""The bias correction :math:`1 - \beta^t` for t = 1..T, shape (T,)."""
    return 1 - beta ** np.arange(1, T + 1)


@pytest.mark.exercise("exponentially_weighted_average")
class CheckWeightedAverage:
    @pytest.mark.points(5)
    @pytest.mark.hint("v = 0, then for each t: v = beta * v + (1 - beta) * theta[t]; store every v")
    @given(batch=batches(sequence_cases()))
    def check_random_sequences(self, student, batch):
        WEIGHTED_AVERAGE.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "start from v_0 = 0, not from theta_1: the first value is (1 - beta) * theta_1, biased towards 0"
    )
    @given(batch=batches(sequence_cases(beta=betas.filter(bool))))
    def check_first_value_is_biased_towards_zero(self, student, batch):
        for case, got in judged(student.exponentially_weighted_average, batch):
            theta, beta = case.args
            with on(case.description):
                v = expect_sequence(got, theta.shape[0], "v")
                expect_same(v[0], (1 - beta) * theta[0], "v_1")

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "with beta = 0 nothing of the past is kept: v_t = theta_t (is beta on v and 1 - beta on theta?)"
    )
    @pytest.mark.needs("check_first_value_is_biased_towards_zero")  # the sequence handed back has it
    def check_beta_zero_is_the_sequence(self, student):
        calls = [Case((theta, 0.0), f"a sequence of length {theta.shape[0]}, beta=0") for theta in SEQUENCES]
        for case, got in judged(student.exponentially_weighted_average, calls):
            with on(case.description):
                expect_same(got, case.args[0], "v")

    @pytest.mark.points(4)
    @pytest.mark.hint("each value comes from the previous one: v_t = beta * v_(t-1) + (1 - beta) * theta_t")
    @given(batch=batches(sequence_cases(sequences(min_size=2))))
    def check_recursion_between_consecutive_values(self, student, batch):
        for case, got in judged(student.exponentially_weighted_average, batch):
            theta, beta = case.args
            with on(case.description):
                v = expect_sequence(got, theta.shape[0], "v")
                expect_same(v[1:], beta * v[:-1] + (1 - beta) * theta[1:], "v_2..v_T from the values before")

    @pytest.mark.points(2)
    @pytest.mark.hint("return a float array of shape (T,): np.zeros(theta.shape) or np.asarray(theta, dtype=float), "
                      "not zeros_like of integers")  # fmt: skip
    def check_integer_sequence_gives_floats(self, student):
        calls = [Case((theta, beta), f"the integer sequence {theta.tolist()} (dtype {theta.dtype}), beta={beta}")
                 for theta, beta in ((TEMPERATURES, 0.9), (TEMPERATURES[:1], 0.5))]  # fmt: skip
        WEIGHTED_AVERAGE.like_reference(student, calls)


@pytest.mark.exercise("bias_corrected_average")
class CheckBiasCorrectedAverage:
    @pytest.mark.points(5)
    @pytest.mark.hint("v_corrected_t = v_t / (1 - beta**t) for t = 1..T, with v_t the weighted average")
    @given(batch=batches(sequence_cases()))
    def check_random_sequences(self, student, batch):
        BIAS_CORRECTED_AVERAGE.like_reference(student, batch)

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "divide each v_t by 1 - beta**t, with the t of that value: then a constant averages to itself"
    )
    @pytest.mark.needs("check_divides_by_one_minus_beta_to_the_t")  # the sequence handed back has it
    @given(batch=batches(constant_cases()))
    def check_constant_sequence_is_unbiased(self, student, batch):
        expect_like_reference(student.bias_corrected_average, lambda theta, beta: theta, batch, "v_corrected")

    @pytest.mark.points(3)
    @pytest.mark.hint("at t = 1, v_1 = (1 - beta) * theta_1 divided by 1 - beta**1 gives theta_1 exactly")
    @pytest.mark.needs("check_divides_by_one_minus_beta_to_the_t")  # the sequence handed back has it
    def check_first_value_is_theta_1(self, student):
        theta = SEQUENCES[1]
        calls = [Case((theta, beta), f"a sequence starting with theta_1={theta[0]:.6g}, beta={beta}")
                 for beta in (0.0, 0.5, 0.9, 0.99, 0.999)]  # fmt: skip
        for case, got in judged(student.bias_corrected_average, calls):
            with on(case.description):
                first = expect_sequence(got, theta.shape[0], "v_corrected")[:1]
                expect_same(first, theta[:1], "v_corrected[:1]")

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "the correction 1 - beta**t changes with t = 1, 2, ..., T; it is not 1 - beta, nor 1 - beta**T"
    )
    def check_divides_by_one_minus_beta_to_the_t(self, student):
        def formula(theta: np.ndarray, beta: float) -> np.ndarray:
            return ref.exponentially_weighted_average(theta, beta) / correction(beta, theta.shape[0])

        calls = [
            Case((LONG_SEQUENCE, beta), f"a sequence of length 200, beta={beta}") for beta in (0.9, 0.999)
        ]
        expect_like_reference(student.bias_corrected_average, formula, calls, "v_corrected")


# --------------------------------------------------------------------------- RMSprop


@pytest.mark.exercise("initialize_rmsprop")
class CheckInitializeRmsprop:
    @pytest.mark.points(5)
    @pytest.mark.hint(
        "s['dW' + str(l)] = np.zeros(parameters['W' + str(l)].shape), likewise db, for l = 1..L"
    )
    @given(batch=batches(parameter_cases()))
    def check_zeros_for_every_layer(self, student, batch):
        for case, got in judged(student.initialize_rmsprop, batch):
            with on(case.description):
                expect_zero_state(got, case.args[0], "s")

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "a new dict s = {} with exactly the keys 'dW1', 'db1', ..., 'dWL', 'dbL' (L = len(parameters) // 2)"
    )
    def check_keys_are_the_gradient_names(self, student):
        calls = [Case((net.parameters,), str(net)) for net in (NETWORKS[0], DEEP_NETWORK)]
        for case, got in judged(student.initialize_rmsprop, calls):
            with on(case.description):
                expect_keys(got, {f"d{key}": None for key in case.args[0]}, "s")


@pytest.mark.exercise("update_parameters_with_rmsprop")
class CheckRmsprop:
    @pytest.mark.points(7)
    @pytest.mark.hint("for every layer l = 1..L (L = len(parameters) // 2): update s, "
                      "then W -= learning_rate * dW / (sqrt(s) + epsilon)")  # fmt: skip
    @given(batch=batches(state_cases(("squares",), beta2=BETA2_VALUES, learning_rate=LEARNING_RATES)))
    def check_random_networks(self, student, batch):
        RMSPROP.like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("s averages the SQUARED gradient: s = beta2 * s + (1 - beta2) * np.square(dW)")
    def check_averages_the_squared_gradient(self, student):
        for case, got in judged(student.update_parameters_with_rmsprop, fixed_rmsprop_cases("zeros", 0.01)):
            with on(f"{case.description}, zero s, gradients of both signs"):
                _, s = expect_parts(got, ("parameters", "s"))
                expect_same(s, ref.update_parameters_with_rmsprop(*fresh(case.args))[1], "s")

    @pytest.mark.points(4)
    @pytest.mark.hint("epsilon goes outside the square root: dW / (np.sqrt(s) + epsilon)")
    def check_epsilon_outside_square_root(self, student):
        RMSPROP.like_reference(student, fixed_rmsprop_cases("squares", 0.01, 0.5))

    @pytest.mark.points(5)
    @pytest.mark.hint("divide the gradient by the square root of s: "
                      "from s = 0 the first step moves every weight by learning_rate / sqrt(1 - beta2)")  # fmt: skip
    def check_first_step_divides_by_root_of_s(self, student):
        calls = [c for learning_rate in (1.0, 0.01) for c in fixed_rmsprop_cases("zeros", learning_rate, 0.0)]
        for case, got in judged(student.update_parameters_with_rmsprop, calls):
            parameters, grads, _, beta2, learning_rate, _ = case.args
            move = learning_rate / math.sqrt(1 - beta2)
            expected = {k: w - move * np.sign(grads["d" + k]) for k, w in parameters.items()}
            with on(f"the first step (zero s) on {case.description}: each weight should move {move:.6g} "
                    "against its gradient"):  # fmt: skip
                got_parameters, _ = expect_parts(got, ("parameters", "s"))
                tol = Tolerance(rtol=0.0, atol=FIRST_STEP_RTOL * move)
                expect_same(got_parameters, expected, "parameters", tol)

    @pytest.mark.points(4)
    @pytest.mark.hint("store the new average in s[dkey] and return it: the next step starts from it")
    def check_several_steps(self, student):
        def step(state: tuple, net: Network, t: int) -> tuple:
            return (state[0], step_grads(net, t), state[1], 0.9, 0.01)

        run_scenario(student.update_parameters_with_rmsprop, ref.update_parameters_with_rmsprop, NETWORKS,
                     start=lambda net: (net.parameters, net.state("zeros")), step=step, steps=3,
                     state_of=lambda got: expect_parts(got, ("parameters", "s")), names=("parameters", "s"),
                     described="3 successive steps with beta2=0.9 on")  # fmt: skip


# --------------------------------------------------------------------------- learning-rate schedules


def number(got: object, what: str) -> float:
    """``got`` must be a real number; return it as a float."""
    if not isinstance(got, numbers.Real) or isinstance(got, (bool, np.bool_)):
        fail(f"{what}: expected a number, got {kind(got)}")
    return float(got)  # type: ignore[arg-type]


def rates_at(function, cases: Sequence[Case],
             epochs: Callable[[Case], list[int]]) -> Iterator[tuple[Case, list]]:  # fmt: skip
    """For each case ``(learning_rate0, epoch_num, *rest)``: the student's learning rates at
    ``epochs(case)`` (numbers), the other arguments kept.  One round trip for all cases."""
    plan = [(case, epochs(case)) for case in cases]
    calls = [Case((case.args[0], e, *case.args[2:]), f"{case.description} (called at epoch {e})")
             for case, at in plan for e in at]  # fmt: skip
    values = judged(function, calls)
    for case, at in plan:
        with on(case.description):
            rates = [number(value, f"the learning rate at epoch {e}")
                     for e, (_, value) in zip(at, values, strict=False)]  # fmt: skip
        yield case, rates


def expect_rates(function, cases: list[tuple[float, int, float, float]], parameter: str) -> None:
    """For each ``(learning_rate0, epoch_num, value, expected)``, ``function(learning_rate0,
    epoch_num, value)`` must be ``expected``; ``parameter`` names ``value``."""
    calls = [Case((rate0, epoch, value), f"learning_rate0={rate0}, epoch_num={epoch}, {parameter}={value}")
             for rate0, epoch, value, _ in cases]  # fmt: skip
    for (case, got), (*_, expected) in zip(judged(function, calls), cases, strict=True):
        with on(case.description):
            expect_same(got, expected, "learning_rate")


@pytest.mark.exercise("update_lr_exponential")
class CheckExponentialDecay:
    @pytest.mark.points(5)
    @pytest.mark.hint("learning_rate = learning_rate0 * base ** epoch_num")
    @given(batch=batches(decay_cases(learning_rate0=learning_rates, epoch_num=st.integers(0, 200),
                                     base=st.floats(0.5, 1.0))))  # fmt: skip
    def check_random_inputs(self, student, batch):
        EXPONENTIAL_DECAY.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("epochs count from 0, and base ** 0 = 1: at epoch 0 the rate is learning_rate0")
    @pytest.mark.needs("check_each_epoch_multiplies_by_base")  # returning learning_rate0 has it
    def check_epoch_zero_gives_learning_rate0(self, student):
        cases = [(rate0, 0, base, rate0) for rate0, base in ((1.0, 0.5), (0.01, 0.95), (0.0007, 0.999))]
        expect_rates(student.update_lr_exponential, cases, "base")

    @pytest.mark.points(4)
    @pytest.mark.hint("each epoch multiplies the rate by base: base ** epoch_num, not exp(-base * epoch_num)")
    @pytest.mark.needs("check_epoch_zero_gives_learning_rate0")  # returning 0 has it
    @given(batch=batches(decay_cases(learning_rate0=learning_rates, epoch_num=st.integers(1, 50),
                                     base=st.floats(0.5, 0.99))))  # fmt: skip
    def check_each_epoch_multiplies_by_base(self, student, batch):
        for case, (before, rate) in rates_at(student.update_lr_exponential, batch,
                                             lambda c: [c.args[1] - 1, c.args[1]]):  # fmt: skip
            with on(case.description):
                expect_same(rate, before * case.args[2], "the learning rate (base times the epoch before's)")


@pytest.mark.exercise("update_lr_inverse_sqrt")
class CheckInverseSqrtDecay:
    @pytest.mark.points(5)
    @pytest.mark.hint("learning_rate = k / sqrt(epoch_num) * learning_rate0")
    @given(batch=batches(decay_cases(learning_rate0=learning_rates, epoch_num=st.integers(1, 10_000),
                                     k=st.floats(0.1, 10))))  # fmt: skip
    def check_random_inputs(self, student, batch):
        INVERSE_SQRT_DECAY.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("epochs count from 1 here and sqrt(1) = 1: at epoch 1 the rate is k * learning_rate0 "
                      "(k outside the root)")  # fmt: skip
    @pytest.mark.needs("check_rate_times_root_of_epoch_is_constant")
    def check_epoch_one_gives_k_times_learning_rate0(self, student):
        cases = [(rate0, 1, k, k * rate0) for rate0, k in ((1.0, 0.1), (0.01, 2.0), (0.0007, 3.0))]
        expect_rates(student.update_lr_inverse_sqrt, cases, "k")

    @pytest.mark.points(4)
    @pytest.mark.hint("divide by the square root of the epoch, math.sqrt(epoch_num), not by the epoch itself")
    @pytest.mark.needs("check_epoch_one_gives_k_times_learning_rate0")  # returning 0 has it
    @given(batch=batches(decay_cases(learning_rate0=learning_rates, epoch_num=st.integers(2, 10_000),
                                     k=st.floats(0.1, 10))))  # fmt: skip
    def check_rate_times_root_of_epoch_is_constant(self, student, batch):
        for case, (first, rate) in rates_at(student.update_lr_inverse_sqrt, batch, lambda c: [1, c.args[1]]):
            with on(case.description):
                expect_same(
                    rate, first / math.sqrt(case.args[1]), "the learning rate (epoch 1's / sqrt(epoch))"
                )


@pytest.mark.exercise("update_lr_staircase")
class CheckStaircaseDecay:
    @pytest.mark.points(5)
    @pytest.mark.hint("learning_rate = learning_rate0 * drop ** math.floor(epoch_num / epochs_per_drop)")
    @given(batch=batches(decay_cases(learning_rate0=learning_rates, epoch_num=st.integers(0, 1000),
                                     drop=st.floats(0.1, 1.0), epochs_per_drop=st.integers(1, 100))))  # fmt: skip
    def check_random_inputs(self, student, batch):
        STAIRCASE_DECAY.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("the rate is flat inside each interval: the exponent is math.floor(epoch_num / epochs_per_drop), "
                      "not rounded")  # fmt: skip
    @pytest.mark.needs("check_drops_at_each_boundary")  # a constant is flat
    @given(batch=batches(staircase_cases(st.just(0.1))))
    def check_flat_within_each_interval(self, student, batch):
        for case, (first, rate) in rates_at(student.update_lr_staircase, batch,
                                            lambda c: [interval_start(c), c.args[1]]):  # fmt: skip
            with on(case.description):
                expect_same(
                    rate,
                    first,
                    f"the learning rate (as at epoch {interval_start(case)}, its interval's first)",
                )

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "start at learning_rate0 and multiply by drop exactly at epochs_per_drop, 2 * epochs_per_drop, ..."
    )
    @given(batch=batches(staircase_cases(on_boundary=True)))
    def check_drops_at_each_boundary(self, student, batch):
        for case, (first, before, rate) in rates_at(student.update_lr_staircase, batch,
                                                    lambda c: [0, c.args[1] - 1, c.args[1]]):  # fmt: skip
            with on(case.description):
                expect_same(first, case.args[0], "the learning rate at epoch 0")
                expect_same(rate, before * case.args[2], "the learning rate (drop times the epoch before's)")
