r"""Checks for course 2 week 2, "Optimization methods": the eight Coursera graded functions.

Each class grades one function.  Beyond the official fixed Coursera cases (kept, with
their tolerance), each class checks the properties the lectures teach, against
:mod:`reference.optimization` on random networks of 1-4 layers.  Inputs are deep-copied
before each call: the reference, like the course, rebinds keys of the dicts it is given.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.compare import COURSERA, expect_keys, expect_same, fail, kind, on
from grader.coursera import week2_cases as cases
from grader.strategies import BatchCase, Network, batch_cases, betas, learning_rates, networks
from reference import optimization as ref

fresh = copy.deepcopy


def official_calls(function: str) -> list[tuple[str, tuple]]:
    """Every official Coursera call of ``function``, all generations (2017 to today)."""
    builder = getattr(cases, f"{function}_case")
    calls = []
    for generation in cases.GENERATIONS:
        try:
            case = builder(generation)
        except ValueError:  # the exercise did not exist in that generation
            continue
        calls += [(case["generation"], args) for args in case["calls"]]
    return calls


def adam_parts(got: object) -> tuple:
    """Accept both Coursera generations: ``(parameters, v, s)`` or the 5-tuple of 2021+."""
    if not isinstance(got, (tuple, list)) or len(got) not in (3, 5):
        fail(
            "update_parameters_with_adam must return (parameters, v, s, v_corrected, "
            f"s_corrected) or (parameters, v, s); got {kind(got)}"
        )
    return tuple(got)  # type: ignore[arg-type]


def expect_adam(got: object, expected: tuple, tol=None) -> None:  # noqa: ANN001
    """Compare Adam outputs; the corrected moments only when the student returns them."""
    parts = adam_parts(got)
    names = ("parameters", "v", "s", "v_corrected", "s_corrected")
    for name, g, e in zip(names, parts, expected, strict=False):
        expect_same(g, e, name, tol) if tol else expect_same(g, e, name)


# --------------------------------------------------------------------------- gradient descent


@pytest.mark.exercise("update_parameters_with_gd")
class CheckGradientDescent:
    @pytest.mark.points(3)
    @pytest.mark.hint("W_l = W_l - learning_rate * dW_l and b_l = b_l - learning_rate * db_l")
    def check_coursera_cases(self, student):
        for generation, args in official_calls("update_parameters_with_gd"):
            with on(f"the Coursera {generation} test case"):
                expect_same(student.update_parameters_with_gd(*fresh(args)),
                            ref.update_parameters_with_gd(*fresh(args)), "parameters", COURSERA)

    @pytest.mark.points(5)
    @pytest.mark.hint("update every layer l = 1..L with L = len(parameters) // 2, W and b alike")
    @given(net=networks(), learning_rate=learning_rates)
    def check_random_networks(self, student, net: Network, learning_rate: float):
        args = (net.parameters, net.grads, learning_rate)
        with on(f"{net}, learning_rate={learning_rate}"):
            expect_same(student.update_parameters_with_gd(*fresh(args)),
                        ref.update_parameters_with_gd(*fresh(args)), "parameters")

    @pytest.mark.points(2)
    @pytest.mark.hint("count layers with len(parameters) // 2: the course's grads hold extra keys (dA1, dZ1...)")
    @given(net=networks(extra_grads=True))
    def check_grads_with_extra_keys(self, student, net: Network):
        args = (net.parameters, net.grads, 0.01)
        with on(f"{net} whose grads also hold dA and dZ keys"):
            expect_same(student.update_parameters_with_gd(*fresh(args)),
                        ref.update_parameters_with_gd(*fresh(args)), "parameters")


# --------------------------------------------------------------------------- mini-batches


def batch_columns(batches: object, case: BatchCase) -> list[tuple[np.ndarray, np.ndarray]]:
    """Validate the structure of ``random_mini_batches``' output; return the batches."""
    n, m = case.X.shape
    if not isinstance(batches, list):
        fail(f"expected a list of (mini_batch_X, mini_batch_Y) tuples, got {kind(batches)}")
    out = []
    for i, batch in enumerate(batches):  # type: ignore[arg-type]
        if not isinstance(batch, (tuple, list)) or len(batch) != 2:
            fail(f"mini_batches[{i}]: expected (mini_batch_X, mini_batch_Y), got {kind(batch)}")
        bx, by = batch
        for name, arr, rows in (("mini_batch_X", bx, n), ("mini_batch_Y", by, 1)):
            if type(arr) is not np.ndarray or arr.ndim != 2 or arr.shape[0] != rows:
                fail(f"mini_batches[{i}]: {name} should have shape ({rows}, k), got {kind(arr)}")
        if bx.shape[1] != by.shape[1]:
            fail(f"mini_batches[{i}]: X has {bx.shape[1]} columns but Y has {by.shape[1]}")
        out.append((bx, by))
    return out


@pytest.mark.exercise("random_mini_batches")
class CheckMiniBatches:
    @pytest.mark.points(4)
    @pytest.mark.hint("shuffle with np.random.seed(seed) and permutation = list(np.random.permutation(m))")
    def check_coursera_cases(self, student):
        for generation, args in official_calls("random_mini_batches"):
            with on(f"the Coursera {generation} test case (X of shape {args[0].shape})"):
                expect_same(student.random_mini_batches(*fresh(args)),
                            ref.random_mini_batches(*fresh(args)), "mini_batches", COURSERA)

    @pytest.mark.points(5)
    @pytest.mark.hint("shuffle X and Y with one permutation of the columns; keep every column exactly once")
    @given(case=batch_cases())
    def check_partition_keeps_pairs(self, student, case: BatchCase):
        with on(str(case)):
            batches = batch_columns(student.random_mini_batches(case.X, case.Y, case.mini_batch_size, case.seed), case)
            columns = np.concatenate([bx for bx, _ in batches], axis=1) if batches else np.zeros((1, 0))
            labels = np.concatenate([by for _, by in batches], axis=1) if batches else np.zeros((1, 0))
            order = columns[0]
            if sorted(order.tolist()) != list(range(case.X.shape[1])):
                fail(f"the batches hold columns {_summary(order)}, not each of the {case.X.shape[1]} columns exactly once")
            if not np.array_equal(labels[0], order + 0.5):
                j = int(np.argmax(labels[0] != order + 0.5))
                fail(f"X and Y are no longer paired: batch column {j} holds X column {int(order[j])} with the Y of another column")

    @pytest.mark.points(5)
    @pytest.mark.hint("complete batches of mini_batch_size, then one batch of m % mini_batch_size if that is not 0")
    @given(case=batch_cases())
    def check_batch_sizes(self, student, case: BatchCase):
        m, size = case.X.shape[1], case.mini_batch_size
        expected = [size] * (m // size) + ([m % size] if m % size else [])
        with on(str(case)):
            batches = batch_columns(student.random_mini_batches(case.X, case.Y, size, case.seed), case)
            got = [bx.shape[1] for bx, _ in batches]
            if got != expected:
                fail(f"batch sizes {got}, expected {expected}")

    @pytest.mark.points(6)
    @pytest.mark.hint("use np.random.seed(seed) then np.random.permutation(m), exactly once, as the course does")
    @given(case=batch_cases())
    def check_same_shuffle_as_coursera(self, student, case: BatchCase):
        args = (case.X, case.Y, case.mini_batch_size, case.seed)
        with on(str(case)):
            expect_same(student.random_mini_batches(*fresh(args)), ref.random_mini_batches(*fresh(args)),
                        "mini_batches")


def _summary(values: np.ndarray) -> str:
    items = [int(v) for v in values[:8]]
    return str(items)[:-1] + (", ...]" if len(values) > 8 else "]")


# --------------------------------------------------------------------------- momentum


def expect_zero_state(got: object, parameters: dict, what: str) -> None:
    """``got`` must hold zeros shaped like each W and b, under the keys dW1, db1, ..."""
    expected = {f"d{k}": np.zeros_like(v) for k, v in parameters.items()}
    expect_keys(got, expected, what)
    expect_same(got, expected, what)


@pytest.mark.exercise("initialize_velocity")
class CheckInitializeVelocity:
    @pytest.mark.points(2)
    @pytest.mark.hint("v['dW' + str(l)] = np.zeros_like(parameters['W' + str(l)]), likewise db")
    def check_coursera_cases(self, student):
        for generation, args in official_calls("initialize_velocity"):
            with on(f"the Coursera {generation} test case"):
                expect_same(student.initialize_velocity(*fresh(args)), ref.initialize_velocity(*fresh(args)), "v", COURSERA)

    @pytest.mark.points(3)
    @pytest.mark.hint("one zero array per parameter, keys 'dW1', 'db1', ... for l = 1..L")
    @given(net=networks())
    def check_zeros_for_every_layer(self, student, net: Network):
        with on(str(net)):
            expect_zero_state(student.initialize_velocity(fresh(net.parameters)), net.parameters, "v")


@pytest.mark.exercise("update_parameters_with_momentum")
class CheckMomentum:
    @pytest.mark.points(4)
    @pytest.mark.hint("v = beta * v + (1 - beta) * grad, then W = W - learning_rate * v")
    def check_coursera_cases(self, student):
        for generation, args in official_calls("update_parameters_with_momentum"):
            with on(f"the Coursera {generation} test case"):
                expect_same(student.update_parameters_with_momentum(*fresh(args)),
                            ref.update_parameters_with_momentum(*fresh(args)), "(parameters, v)", COURSERA)

    @pytest.mark.points(5)
    @pytest.mark.hint("v = beta * v + (1 - beta) * grad (not grad alone), for every layer l = 1..L")
    @given(net=networks(extra_grads=True), beta=betas, learning_rate=learning_rates)
    def check_random_networks(self, student, net: Network, beta: float, learning_rate: float):
        args = (net.parameters, net.grads, net.state("signed"), beta, learning_rate)
        with on(f"{net}, beta={beta}, learning_rate={learning_rate}"):
            expect_same(student.update_parameters_with_momentum(*fresh(args)),
                        ref.update_parameters_with_momentum(*fresh(args)), "(parameters, v)")

    @pytest.mark.points(3)
    @pytest.mark.hint("with beta = 0 the velocity is the gradient: momentum must reduce to gradient descent")
    @given(net=networks(), learning_rate=learning_rates)
    def check_beta_zero_is_gradient_descent(self, student, net: Network, learning_rate: float):
        with on(f"{net}, beta=0, learning_rate={learning_rate}"):
            got = student.update_parameters_with_momentum(fresh(net.parameters), fresh(net.grads),
                                                          net.state("zeros"), 0.0, learning_rate)
            if not isinstance(got, (tuple, list)) or len(got) != 2:
                fail(f"expected (parameters, v), got {kind(got)}")
            expected = ref.update_parameters_with_gd(fresh(net.parameters), fresh(net.grads), learning_rate)
            expect_same(got[0], expected, "parameters")

    @pytest.mark.points(3)
    @pytest.mark.hint("return the updated v: the next step starts from it")
    @given(net=networks(), beta=betas.filter(bool), steps=st.integers(2, 5))
    def check_several_steps(self, student, net: Network, beta: float, steps: int):
        got = expected = (fresh(net.parameters), net.state("zeros"))
        with on(f"{steps} successive steps on {net}, beta={beta}"):
            for step in range(steps):
                grads = _step_grads(net, step)
                got = student.update_parameters_with_momentum(got[0], grads, got[1], beta, 0.01)
                if not isinstance(got, (tuple, list)) or len(got) != 2:
                    fail(f"expected (parameters, v), got {kind(got)}")
                expected = ref.update_parameters_with_momentum(fresh(expected[0]), grads, fresh(expected[1]), beta, 0.01)
            expect_same(got, expected, f"(parameters, v) after step {steps}")


def _step_grads(net: Network, step: int) -> dict:
    """Different gradients at each step of a scenario, same keys as ``net.grads``."""
    return {k: g * (1.0 + 0.5 * step) - 0.1 * step for k, g in net.grads.items()}


# --------------------------------------------------------------------------- Adam


@pytest.mark.exercise("initialize_adam")
class CheckInitializeAdam:
    @pytest.mark.points(3)
    @pytest.mark.hint("v and s each hold np.zeros_like(W_l) under 'dW' + str(l) and np.zeros_like(b_l) under 'db' + str(l)")
    @given(net=networks())
    def check_zeros_for_every_layer(self, student, net: Network):
        with on(str(net)):
            got = student.initialize_adam(fresh(net.parameters))
            if not isinstance(got, (tuple, list)) or len(got) != 2:
                fail(f"expected (v, s), got {kind(got)}")
            expect_zero_state(got[0], net.parameters, "v")
            expect_zero_state(got[1], net.parameters, "s")

    @pytest.mark.points(2)
    @pytest.mark.hint("create v = {} and s = {} separately, and separate zero arrays for each")
    def check_v_and_s_are_distinct(self, student):
        (parameters,) = cases.initialize_adam_case()["args"]
        got = student.initialize_adam(fresh(parameters))
        if not isinstance(got, (tuple, list)) or len(got) != 2 or not all(isinstance(d, dict) for d in got):
            fail(f"expected (v, s), two dicts; got {kind(got)}")
        v, s = got
        if v is s:
            fail("v and s are the same dict: updating one would overwrite the other")
        shared = [k for k in v if k in s and v[k] is s[k]]
        if shared:
            fail(f"v and s share the array under {shared[0]!r}: the first moment would overwrite the second")


@pytest.mark.exercise("update_parameters_with_adam")
class CheckAdam:
    @pytest.mark.points(5)
    @pytest.mark.hint("v_corrected = v / (1 - beta1**t), s_corrected = s / (1 - beta2**t), W -= lr * v_corrected / (sqrt(s_corrected) + epsilon)")
    def check_coursera_cases(self, student):
        for generation, args in official_calls("update_parameters_with_adam"):
            with on(f"the Coursera {generation} test case"):
                expect_adam(student.update_parameters_with_adam(*fresh(args)),
                            ref.update_parameters_with_adam(*fresh(args)), COURSERA)

    @pytest.mark.points(6)
    @pytest.mark.hint("v = beta1 v + (1 - beta1) dW; s = beta2 s + (1 - beta2) dW**2 (squared), for every layer")
    @given(net=networks(extra_grads=True), t=st.integers(1, 20), learning_rate=learning_rates,
           beta1=st.sampled_from([0.8, 0.9, 0.95]), beta2=st.sampled_from([0.99, 0.999]))  # fmt: skip
    def check_random_networks(self, student, net: Network, t: int, learning_rate: float, beta1: float, beta2: float):
        args = (net.parameters, net.grads, net.state("signed"), net.state("squares"), t, learning_rate, beta1, beta2, 1e-8)
        with on(f"{net}, t={t}, learning_rate={learning_rate}, beta1={beta1}, beta2={beta2}"):
            expect_adam(student.update_parameters_with_adam(*fresh(args)), ref.update_parameters_with_adam(*fresh(args)))

    @pytest.mark.points(3)
    @pytest.mark.hint("bias correction missing? at t = 1, v_corrected = dW and s_corrected = dW**2, so each weight moves by about learning_rate")
    @given(net=networks(), learning_rate=learning_rates)
    def check_first_step_moves_by_learning_rate(self, student, net: Network, learning_rate: float):
        zeros = net.state("zeros")
        with on(f"the first step (t=1, zero v and s) on {net}, learning_rate={learning_rate}"):
            parts = adam_parts(student.update_parameters_with_adam(
                fresh(net.parameters), fresh(net.grads), zeros, fresh(zeros), 1, learning_rate))
            expect_keys(parts[0], net.parameters, "parameters")
            for key, before in net.parameters.items():
                step = np.abs(np.asarray(parts[0][key], dtype=float) - before)
                if step.shape != before.shape or not np.allclose(step, learning_rate, rtol=1e-3):
                    worst = float(np.max(np.abs(step - learning_rate))) if step.shape == before.shape else float("nan")
                    fail(f"parameters[{key!r}] moved by {_range(step)} instead of {learning_rate} for every entry (off by up to {worst:.3g})")

    @pytest.mark.points(3)
    @pytest.mark.hint("epsilon goes outside the square root: sqrt(s_corrected) + epsilon")
    @given(net=networks(), t=st.integers(1, 5))
    def check_epsilon_outside_square_root(self, student, net: Network, t: int):
        args = (net.parameters, net.grads, net.state("signed"), net.state("squares"), t, 0.01, 0.9, 0.999, 0.5)
        with on(f"{net}, t={t}, a large epsilon=0.5"):
            expect_adam(student.update_parameters_with_adam(*fresh(args)), ref.update_parameters_with_adam(*fresh(args)))

    @pytest.mark.points(3)
    @pytest.mark.hint("return v and s as updated but NOT bias-corrected; v_corrected and s_corrected hold every dW/db key")
    @given(net=networks(), t=st.integers(2, 10))
    def check_returns_uncorrected_moments(self, student, net: Network, t: int):
        args = (net.parameters, net.grads, net.state("signed"), net.state("squares"), t)
        with on(f"{net}, t={t}"):
            parts = adam_parts(student.update_parameters_with_adam(*fresh(args)))
            expected = ref.update_parameters_with_adam(*fresh(args))
            expect_same(parts[1], expected[1], "v (returned)")
            expect_same(parts[2], expected[2], "s (returned)")
            if len(parts) == 5:
                expect_same(parts[3], expected[3], "v_corrected")
                expect_same(parts[4], expected[4], "s_corrected")

    @pytest.mark.points(5)
    @pytest.mark.hint("keep the returned v and s for the next step, and use the t you are given (t starts at 1)")
    @given(net=networks(), steps=st.integers(2, 5))
    def check_several_steps(self, student, net: Network, steps: int):
        zeros = net.state("zeros")
        got = expected = (fresh(net.parameters), zeros, fresh(zeros))
        with on(f"{steps} successive steps (t = 1..{steps}) on {net}"):
            for t in range(1, steps + 1):
                grads = _step_grads(net, t)
                got = adam_parts(student.update_parameters_with_adam(got[0], grads, got[1], got[2], t))
                expected = ref.update_parameters_with_adam(fresh(expected[0]), grads, *fresh(expected[1:3]), t)
            expect_adam(got, expected)


def _range(values: np.ndarray) -> str:
    return f"{values.min():.3g}..{values.max():.3g}" if values.size else "nothing"


# --------------------------------------------------------------------------- learning-rate decay


@pytest.mark.exercise("update_lr")
class CheckUpdateLr:
    @pytest.mark.points(3)
    @pytest.mark.hint("learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)")
    def check_coursera_cases(self, student):
        for generation, args in official_calls("update_lr"):
            with on(f"the Coursera {generation} test case {args}"):
                expect_same(student.update_lr(*args), ref.update_lr(*args), "learning_rate", COURSERA)

    @pytest.mark.points(4)
    @pytest.mark.hint("learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)")
    @given(learning_rate0=learning_rates, epoch_num=st.integers(0, 10_000), decay_rate=st.floats(0, 10))
    def check_random_inputs(self, student, learning_rate0: float, epoch_num: int, decay_rate: float):
        args = (learning_rate0, epoch_num, decay_rate)
        with on(f"learning_rate0={learning_rate0}, epoch_num={epoch_num}, decay_rate={decay_rate}"):
            expect_same(student.update_lr(*args), ref.update_lr(*args), "learning_rate")

    @pytest.mark.points(3)
    @pytest.mark.hint("at epoch 0 the learning rate is learning_rate0, and it never grows")
    @given(learning_rate0=learning_rates, decay_rate=st.floats(0.01, 10))
    def check_starts_at_rate0_and_decreases(self, student, learning_rate0: float, decay_rate: float):
        with on(f"learning_rate0={learning_rate0}, decay_rate={decay_rate}, epochs 0..5"):
            rates = [student.update_lr(learning_rate0, epoch, decay_rate) for epoch in range(6)]
            expect_same(rates[0], learning_rate0, "learning rate at epoch 0")
            for a, b, epoch in zip(rates, rates[1:], range(1, 6), strict=False):
                if not (isinstance(b, (int, float)) and isinstance(a, (int, float)) and b < a):
                    fail(f"the learning rate at epoch {epoch} ({b!r}) is not below epoch {epoch - 1}'s ({a!r})")


@pytest.mark.exercise("schedule_lr_decay")
class CheckScheduleLrDecay:
    @pytest.mark.points(3)
    @pytest.mark.hint("learning_rate = learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))")
    def check_coursera_cases(self, student):
        for generation, args in official_calls("schedule_lr_decay"):
            with on(f"the Coursera {generation} test case {args}"):
                expect_same(student.schedule_lr_decay(*args), ref.schedule_lr_decay(*args), "learning_rate", COURSERA)

    @pytest.mark.points(4)
    @pytest.mark.hint("learning_rate = learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))")
    @given(learning_rate0=learning_rates, epoch_num=st.integers(0, 10_000), decay_rate=st.floats(0, 10),
           time_interval=st.integers(1, 2000))  # fmt: skip
    def check_random_inputs(self, student, learning_rate0, epoch_num, decay_rate, time_interval):
        args = (learning_rate0, epoch_num, decay_rate, time_interval)
        with on(f"learning_rate0={learning_rate0}, epoch_num={epoch_num}, decay_rate={decay_rate}, time_interval={time_interval}"):
            expect_same(student.schedule_lr_decay(*args), ref.schedule_lr_decay(*args), "learning_rate")

    @pytest.mark.points(3)
    @pytest.mark.hint("the staircase is flat inside each interval: use floor(epoch_num / time_interval), not epoch_num / time_interval")
    @given(interval=st.integers(2, 500), k=st.integers(0, 5))
    def check_flat_within_each_interval(self, student, interval: int, k: int):
        epochs = [k * interval, k * interval + interval // 2, (k + 1) * interval - 1]
        with on(f"time_interval={interval}, epochs {epochs} (all in interval {k})"):
            rates = [student.schedule_lr_decay(0.1, e, 1.0, interval) for e in epochs]
            for epoch, rate in zip(epochs, rates, strict=True):
                expect_same(rate, 0.1 / (1 + k), f"learning rate at epoch {epoch}")

