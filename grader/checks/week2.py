r"""Checks for course 2 week 2, "Optimization methods": the eight Coursera graded functions.

Each class grades one function.  Beyond the official fixed cases of every Coursera
generation (kept, with their tolerance), each class checks the properties the lectures
teach against :mod:`reference.optimization`, on batches of random networks of 1-4 layers
(:data:`grader.judge.strategies.BATCH` cases per Hypothesis example, one round trip each).
How the inputs are drawn is :mod:`grader.checks.week2_inputs`; the module's own
comparisons are :mod:`grader.checks.week2_expect`.
"""

from __future__ import annotations

import numbers

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import week2_mistakes as mistakes
from grader.checks.coursera import week2_cases as cases
from grader.checks.week2_expect import (
    expect_zero_state,
    judged_batches,
    run_scenario,
    summary,
)
from grader.checks.week2_inputs import (
    adam_cases,
    decay_cases,
    network_cases,
    official_cases,
    parameter_cases,
    state_cases,
    step_grads,
)
from grader.judge.compare import expect_keys, expect_parts, expect_same, fail, kind, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import fresh, judged, outcomes, unwrap
from grader.judge.strategies import (
    BETAS,
    LEARNING_RATES,
    Case,
    Network,
    batch_cases,
    batches,
    betas,
    learning_rates,
    sampled_networks,
)
from reference import optimization as ref

#: Do-nothing bodies that are right (``grade validate``, :mod:`grader.instructor.do_nothing`): the
#: velocity and Adam's moments start at zero, so zeros of the parameters' shapes is the answer.
RIGHT_BY_DOING_NOTHING = {
    "initialize_velocity/zeros": "v starts at zero: np.zeros_like of each parameter is the answer",
    "initialize_adam/zeros": "v and s start at zero: np.zeros_like of each parameter is the answer",
}


GD = Exercise("update_parameters_with_gd", ref.update_parameters_with_gd, returns="parameters",
              mistakes=mistakes.GRADIENT_DESCENT, official=lambda: official_cases("update_parameters_with_gd"))  # fmt: skip
MINI_BATCHES = Exercise(
    "random_mini_batches",
    ref.random_mini_batches,
    returns="mini_batches",
    official=lambda: official_cases(
        "random_mini_batches", lambda g, args: f"the Coursera {g} test case (X of shape {args[0].shape})"
    ),
)
VELOCITY = Exercise("initialize_velocity", ref.initialize_velocity, returns="v",
                    official=lambda: official_cases("initialize_velocity"))  # fmt: skip
MOMENTUM = Exercise("update_parameters_with_momentum", ref.update_parameters_with_momentum,
                    returns="(parameters, v)", mistakes=mistakes.MOMENTUM,
                    official=lambda: official_cases("update_parameters_with_momentum"))  # fmt: skip
INITIALIZE_ADAM = Exercise("initialize_adam", ref.initialize_adam, returns=("v", "s"))
#: What ``update_parameters_with_adam`` returns since 2021; the Coursera generation of 2017
#: returns its first three parts alone, ``(parameters, v, s)``: both are right.
ADAM = Exercise("update_parameters_with_adam", ref.update_parameters_with_adam,
                returns=("parameters", "v", "s", "v_corrected", "s_corrected"), older_lengths=(3,),
                mistakes=mistakes.ADAM, official=lambda: official_cases("update_parameters_with_adam"))  # fmt: skip
UPDATE_LR = Exercise("update_lr", ref.update_lr, returns="learning_rate", mistakes=mistakes.UPDATE_LR,
                     official=lambda: official_cases("update_lr", lambda g, args: f"the Coursera {g} test case {args}"))  # fmt: skip
SCHEDULE_LR_DECAY = Exercise(
    "schedule_lr_decay",
    ref.schedule_lr_decay,
    returns="learning_rate",
    mistakes=mistakes.SCHEDULE_LR_DECAY,
    official=lambda: official_cases(
        "schedule_lr_decay", lambda g, args: f"the Coursera {g} test case {args}"
    ),
)
EXERCISES = declare(GD, MINI_BATCHES, VELOCITY, MOMENTUM, INITIALIZE_ADAM, ADAM, UPDATE_LR, SCHEDULE_LR_DECAY)


# --------------------------------------------------------------------------- gradient descent


@pytest.mark.exercise("update_parameters_with_gd")
class CheckGradientDescent:
    @pytest.mark.points(3)
    @pytest.mark.hint("W_l = W_l - learning_rate * dW_l and b_l = b_l - learning_rate * db_l")
    def check_coursera_cases(self, student):
        GD.like_official(student)

    @pytest.mark.points(5)
    @pytest.mark.hint("update every layer l = 1..L with L = len(parameters) // 2, W and b alike")
    @given(batch=batches(network_cases(learning_rate=LEARNING_RATES)))
    def check_random_networks(self, student, batch):
        GD.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "count layers with len(parameters) // 2: the course's grads hold extra keys (dA1, dZ1...)"
    )
    @given(batch=batches(network_cases(extra_grads=True, learning_rate=(0.01,))))
    def check_grads_with_extra_keys(self, student, batch):
        GD.like_reference(student, batch, mistakes=())


# --------------------------------------------------------------------------- mini-batches


@pytest.mark.exercise("random_mini_batches")
class CheckMiniBatches:
    @pytest.mark.points(4)
    @pytest.mark.hint("shuffle with np.random.seed(seed) and permutation = list(np.random.permutation(m))")
    def check_coursera_cases(self, student):
        MINI_BATCHES.like_official(student)

    @pytest.mark.points(5)
    @pytest.mark.needs("check_batch_sizes")  # [(X, Y)], one batch of everything, is a partition
    @pytest.mark.hint("shuffle X and Y with one permutation of the columns; keep every column exactly once")
    @given(batch=batches(batch_cases()))
    def check_partition_keeps_pairs(self, student, batch):
        for case, mini_batches in judged_batches(student, batch):
            with on(case.description):
                m = case.X.shape[1]
                order = np.concatenate([bx[0] for bx, _ in mini_batches]) if mini_batches else np.zeros(0)
                labels = np.concatenate([by[0] for _, by in mini_batches]) if mini_batches else np.zeros(0)
                if sorted(order.tolist()) != list(range(m)):
                    fail(
                        f"the batches hold columns {summary(order)}, not each of the {m} columns exactly once"
                    )
                if not np.array_equal(labels, order + 0.5):
                    j = int(np.argmax(labels != order + 0.5))
                    fail(f"X and Y are no longer paired: batch column {j} holds X column {int(order[j])} "
                         "with the Y of another column")  # fmt: skip

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "complete batches of mini_batch_size, then one batch of m % mini_batch_size if that is not 0"
    )
    @given(batch=batches(batch_cases()))
    def check_batch_sizes(self, student, batch):
        for case, mini_batches in judged_batches(student, batch):
            with on(case.description):
                m, size = case.X.shape[1], case.mini_batch_size
                expected = [size] * (m // size) + ([m % size] if m % size else [])
                got = [bx.shape[1] for bx, _ in mini_batches]
                if got != expected:
                    fail(f"batch sizes {got}, expected {expected}")

    @pytest.mark.points(6)
    @pytest.mark.hint(
        "use np.random.seed(seed) then np.random.permutation(m), exactly once, as the course does"
    )
    @given(batch=batches(batch_cases()))
    def check_same_shuffle_as_coursera(self, student, batch):
        MINI_BATCHES.like_reference(student, batch)


# --------------------------------------------------------------------------- momentum


@pytest.mark.exercise("initialize_velocity")
class CheckInitializeVelocity:
    @pytest.mark.points(2)
    @pytest.mark.hint("v['dW' + str(l)] = np.zeros_like(parameters['W' + str(l)]), likewise db")
    def check_coursera_cases(self, student):
        VELOCITY.like_official(student)

    @pytest.mark.points(3)
    @pytest.mark.hint("one zero array per parameter, keys 'dW1', 'db1', ... for l = 1..L")
    @given(batch=batches(parameter_cases()))
    def check_zeros_for_every_layer(self, student, batch):
        for case, got in judged(student.initialize_velocity, batch):
            with on(case.description):
                expect_zero_state(got, case.args[0], "v")


@pytest.mark.exercise("update_parameters_with_momentum")
class CheckMomentum:
    @pytest.mark.points(4)
    @pytest.mark.hint("v = beta * v + (1 - beta) * grad, then W = W - learning_rate * v")
    def check_coursera_cases(self, student):
        MOMENTUM.like_official(student)

    @pytest.mark.points(5)
    @pytest.mark.hint("v = beta * v + (1 - beta) * grad (not grad alone), for every layer l = 1..L")
    @given(batch=batches(state_cases(("signed",), beta=BETAS, learning_rate=LEARNING_RATES)))
    def check_random_networks(self, student, batch):
        MOMENTUM.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("with beta = 0 the velocity is the gradient: momentum must reduce to gradient descent")
    @given(batch=batches(state_cases(("signed",), beta=(0.0,), learning_rate=LEARNING_RATES)))
    def check_beta_zero_is_gradient_descent(self, student, batch):
        for case, value in judged(student.update_parameters_with_momentum, batch):
            with on(case.description):
                parameters, grads, _, _, learning_rate = fresh(case.args)
                got = expect_parts(value, ("parameters", "v"))
                expect_same(
                    got[0], ref.update_parameters_with_gd(parameters, grads, learning_rate), "parameters"
                )

    @pytest.mark.points(3)
    @pytest.mark.hint("return the updated v: the next step starts from it")
    @given(batch=batches(sampled_networks()), beta=betas.filter(bool), steps=st.integers(2, 5))
    def check_several_steps(self, student, batch, beta, steps):
        def step(state: tuple, net: Network, t: int) -> tuple:
            return (state[0], step_grads(net, t), state[1], beta, 0.01)

        run_scenario(student.update_parameters_with_momentum, ref.update_parameters_with_momentum, batch,
                     start=lambda net: (net.parameters, net.state("zeros")), step=step, steps=steps,
                     state_of=lambda got: expect_parts(got, ("parameters", "v")), names=("parameters", "v"),
                     described=f"{steps} successive steps with beta={beta} on")  # fmt: skip


# --------------------------------------------------------------------------- Adam


@pytest.mark.exercise("initialize_adam")
class CheckInitializeAdam:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "v and s each hold np.zeros_like(W_l) under 'dW' + str(l) and np.zeros_like(b_l) under 'db' + str(l)"
    )
    @given(batch=batches(parameter_cases()))
    def check_zeros_for_every_layer(self, student, batch):
        for case, got in judged(student.initialize_adam, batch):
            with on(case.description):
                v, s = INITIALIZE_ADAM.parts(got)
                expect_zero_state(v, case.args[0], "v")
                expect_zero_state(s, case.args[0], "s")

    @pytest.mark.points(2)
    @pytest.mark.needs("check_zeros_for_every_layer")  # ({}, {}) are two distinct dicts
    @pytest.mark.hint("create v = {} and s = {} separately, and separate zero arrays for each")
    def check_v_and_s_are_distinct(self, student):
        (parameters,) = cases.initialize_adam_case()["args"]
        v, s = INITIALIZE_ADAM.parts(student.initialize_adam(fresh(parameters)))
        if not isinstance(v, dict) or not isinstance(s, dict):
            fail(f"expected (v, s), two dicts; got {kind(v)} and {kind(s)}")
        if v is s:
            fail("v and s are the same dict: updating one would overwrite the other")
        shared = [k for k in v if k in s and v[k] is s[k]]
        if shared:
            fail(f"v and s share the array under {shared[0]!r}: the first moment would overwrite the second")


@pytest.mark.exercise("update_parameters_with_adam")
class CheckAdam:
    @pytest.mark.points(5)
    @pytest.mark.hint("v_corrected = v / (1 - beta1**t), s_corrected = s / (1 - beta2**t), "
                      "W -= lr * v_corrected / (sqrt(s_corrected) + epsilon)")  # fmt: skip
    def check_coursera_cases(self, student):
        ADAM.like_official(student)

    @pytest.mark.points(6)
    @pytest.mark.hint(
        "v = beta1 v + (1 - beta1) dW; s = beta2 s + (1 - beta2) dW**2 (squared), for every layer"
    )
    @given(
        batch=batches(
            adam_cases(
                t=range(1, 21),
                learning_rate=LEARNING_RATES,
                beta1=(0.8, 0.9, 0.95),
                beta2=(0.99, 0.999),
            )
        )
    )
    def check_random_networks(self, student, batch):
        ADAM.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("bias correction missing? at t = 1, v_corrected = dW and s_corrected = dW**2, "
                      "so each weight moves by about learning_rate")  # fmt: skip
    @given(batch=batches(sampled_networks()), learning_rate=learning_rates)
    def check_first_step_moves_by_learning_rate(self, student, batch, learning_rate):
        calls = [Case((n.parameters, n.grads, n.state("zeros"), n.state("zeros"), 1, learning_rate), str(n))
                 for n in batch]  # fmt: skip
        for case, outcome in zip(calls, outcomes(student.update_parameters_with_adam, calls), strict=True):
            with on(
                f"the first step (t=1, zero v and s) on {case.description}, learning_rate={learning_rate}"
            ):
                parameters = ADAM.parts(unwrap(outcome))[0]
                before = case.args[0]
                expect_keys(parameters, before, "parameters")
                for key in before:
                    moved = np.abs(np.asarray(parameters[key], dtype=float) - before[key])
                    if moved.shape != before[key].shape:
                        fail(f"parameters[{key!r}] has shape {moved.shape}, expected {before[key].shape}")
                    # at t = 1: |step| = |g| / (|g| + epsilon), about 1 unless g is tiny
                    g = np.abs(case.args[1]["d" + key])
                    expected = learning_rate * g / (g + 1e-8)
                    if not np.allclose(moved, expected, rtol=1e-3):
                        fail(f"parameters[{key!r}] moved by {moved.min():.3g}..{moved.max():.3g} instead of "
                             f"learning_rate * |d{key}| / (|d{key}| + epsilon), about {learning_rate}, "
                             "for every entry")  # fmt: skip

    @pytest.mark.points(3)
    @pytest.mark.hint("epsilon goes outside the square root: sqrt(s_corrected) + epsilon")
    @given(batch=batches(adam_cases(t=range(1, 6), learning_rate=(0.01,), beta1=(0.9,), beta2=(0.999,),
                                    epsilon=(0.5,))))  # fmt: skip
    def check_epsilon_outside_square_root(self, student, batch):
        ADAM.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "return v and s as updated but NOT bias-corrected; v_corrected and s_corrected hold every dW/db key"
    )
    @given(batch=batches(adam_cases(t=range(2, 11))))
    def check_returns_uncorrected_moments(self, student, batch):
        def compare(got: object, expected: tuple, what: str, tol: object) -> None:
            parts = ADAM.parts(got)
            expect_same(parts[1], expected[1], "v (returned)")
            expect_same(parts[2], expected[2], "s (returned)")
            if len(parts) == 5:
                expect_same(parts[3], expected[3], "v_corrected")
                expect_same(parts[4], expected[4], "s_corrected")

        ADAM.like_reference(student, batch, compare=compare)

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "keep the returned v and s for the next step, and use the t you are given (t starts at 1)"
    )
    @given(batch=batches(sampled_networks()), steps=st.integers(2, 5))
    def check_several_steps(self, student, batch, steps):
        def step(state: tuple, net: Network, t: int) -> tuple:
            return (state[0], step_grads(net, t), state[1], state[2], t)

        run_scenario(student.update_parameters_with_adam, ref.update_parameters_with_adam, batch,
                     start=lambda net: (net.parameters, net.state("zeros"), net.state("zeros")), step=step,
                     steps=steps, names=("parameters", "v", "s"),
                     state_of=ADAM.parts,
                     described=f"{steps} successive steps (t = 1..{steps}) on")  # fmt: skip


# --------------------------------------------------------------------------- learning-rate decay


@pytest.mark.exercise("update_lr")
class CheckUpdateLr:
    @pytest.mark.points(3)
    @pytest.mark.hint("learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)")
    def check_coursera_cases(self, student):
        UPDATE_LR.like_official(student)

    @pytest.mark.points(4)
    @pytest.mark.hint("learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)")
    @given(batch=batches(decay_cases(learning_rate0=learning_rates, epoch_num=st.integers(0, 10_000),
                                     decay_rate=st.floats(0, 10))))  # fmt: skip
    def check_random_inputs(self, student, batch):
        UPDATE_LR.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("at epoch 0 the learning rate is learning_rate0, and it never grows")
    @given(learning_rate0=learning_rates, decay_rate=st.floats(0.01, 10))
    def check_starts_at_rate0_and_decreases(self, student, learning_rate0, decay_rate):
        calls = [Case((learning_rate0, epoch, decay_rate), "") for epoch in range(6)]
        with on(f"learning_rate0={learning_rate0}, decay_rate={decay_rate}, epochs 0..5"):
            rates = [unwrap(o) for o in outcomes(student.update_lr, calls)]
            expect_same(rates[0], learning_rate0, "learning rate at epoch 0")
            for epoch, (a, b) in enumerate(zip(rates, rates[1:], strict=False), start=1):
                if not (isinstance(a, numbers.Real) and isinstance(b, numbers.Real) and b < a):
                    fail(
                        f"the learning rate at epoch {epoch} ({b!r}) is not below epoch {epoch - 1}'s ({a!r})"
                    )


@pytest.mark.exercise("schedule_lr_decay")
class CheckScheduleLrDecay:
    @pytest.mark.points(3)
    @pytest.mark.hint("learning_rate = learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))")
    def check_coursera_cases(self, student):
        SCHEDULE_LR_DECAY.like_official(student)

    @pytest.mark.points(4)
    @pytest.mark.hint("learning_rate = learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))")
    @given(batch=batches(decay_cases(learning_rate0=learning_rates, epoch_num=st.integers(0, 10_000),
                                     decay_rate=st.floats(0, 10), time_interval=st.integers(1, 2000))))  # fmt: skip
    def check_random_inputs(self, student, batch):
        SCHEDULE_LR_DECAY.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("the staircase is flat inside each interval: use floor(epoch_num / time_interval), "
                      "not epoch_num / time_interval")  # fmt: skip
    @given(interval=st.integers(2, 500), k=st.integers(0, 5))
    def check_flat_within_each_interval(self, student, interval, k):
        epochs = [k * interval, k * interval + interval // 2, (k + 1) * interval - 1]
        calls = [Case((0.1, epoch, 1.0, interval), "") for epoch in epochs]
        with on(f"time_interval={interval}, epochs {epochs} (all in interval {k})"):
            for epoch, outcome in zip(epochs, outcomes(student.schedule_lr_decay, calls), strict=True):
                expect_same(unwrap(outcome), 0.1 / (1 + k), f"learning rate at epoch {epoch}")
