r"""Checks for course 2 week 1, "Other regularization methods": the L1 penalty and its
subgradient, early stopping with patience, and data augmentation (flip, crop, shift),
against :mod:`reference.regularization_extras`.

L1 is judged on random networks of 1 to 4 layers: the cost against the reference, zero
exactly when the weights are, linear in ``lambd``, blind to the biases; the gradient
against the reference, against central differences of the reference cost on weights
bounded away from 0 (where :math:`|w|` is differentiable), at weights that are exactly 0
(the subgradient there is 0 by convention, ``np.sign(0) == 0``), and with the biases'
gradients left as given.

Early stopping is judged on the lecture's kind of dev curves (falling, then rising with
noise), on curves with ties, and on strictly decreasing ones, both against the reference
and by its properties: the best epoch is the earliest minimum of the epochs seen, and the
stop comes exactly ``patience`` epochs after the best, or at the last epoch.

Data augmentation is judged on batches whose pixel values are 1, 2, ... in a random order
(each value once, none 0), so where every pixel of a result came from can be read off: the
flip against the reference and by flipping twice; each crop must be a window of its own
image and each shift its own image moved with zero fill.  The random ones are free to draw
in any order, so they are judged by their properties, not by the reference's draws: on 96
images every window that fits (on 300, every offset) must occur, which a right
implementation misses with probability below 1e-11, and the same seed gives the same batch.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import week1_regularization_extras_mistakes as mistakes
from grader.judge.compare import (
    REFERENCE,
    CheckFailed,
    Tolerance,
    expect_number,
    expect_parts,
    expect_same,
    fail,
    kind,
    on,
)
from grader.judge.judging import expect_like_reference, judged, outcomes, recognised, unwrap
from grader.judge.numerical import numerical_gradient
from grader.judge.strategies import Case, Sampled, Values, batches, sample_seed, sample_value, seeds
from reference import regularization_extras as ref

#: Central differences of the L1 cost: the step, and the agreement asked of the gradient.
GRADIENT_EPSILON = 1e-6
GRADIENT_TOLERANCE = Tolerance(rtol=1e-5, atol=1e-8)
#: Weights of the central-difference check are at least this far from 0 (>> GRADIENT_EPSILON).
AWAY_FROM_ZERO = 0.05
#: Any finite values: a comparison of keys, types and shapes only.
SHAPES_ONLY = Tolerance(rtol=0.0, atol=np.inf)
#: Cases per example of the checks that restate a property on top of the reference comparison.
SMALL_BATCH = 5
LAMBDAS = (0.01, 0.1, 0.5, 0.7, 1.0, 3.0)
EXAMPLES = range(1, 65)  # m

# --------------------------------------------------------------------------- networks


class Net:
    """Parameters and plain gradients of a network with ``sizes`` = [n_0, ..., n_L].

    ``zeros``: about half the weights exactly 0; ``away``: every weight at least
    :data:`AWAY_FROM_ZERO` from 0.  Biases are large (the penalty must not see them)."""

    def __init__(self, sizes: list[int], seed: int, zeros: bool = False, away: bool = False) -> None:
        rng = np.random.default_rng(seed)
        self.sizes = sizes
        self.parameters: dict[str, np.ndarray] = {}
        self.gradients: dict[str, np.ndarray] = {}
        for l in range(1, len(sizes)):
            W = rng.standard_normal((sizes[l], sizes[l - 1]))
            if away:
                W = np.sign(W) * (AWAY_FROM_ZERO + np.abs(W))
            if zeros:
                W[rng.random(W.shape) < 0.5] = 0.0
                W.flat[0] = 0.0
            self.parameters[f"W{l}"] = W
            self.parameters[f"b{l}"] = 3 * rng.standard_normal((sizes[l], 1))
        for l in range(1, len(sizes)):
            self.gradients[f"dW{l}"] = rng.standard_normal((sizes[l], sizes[l - 1]))
            self.gradients[f"db{l}"] = rng.standard_normal((sizes[l], 1))
        self.gradients["dA1"] = rng.standard_normal((sizes[1], 3))  # not a parameter's: as given
        self.zeros = zeros

    def __str__(self) -> str:
        zeros = " (some weights exactly 0)" if self.zeros else ""
        return f"a network with layer sizes {self.sizes}{zeros}"


def sample_net(rng: np.random.Generator, zeros: bool = False, away: bool = False) -> Net:
    """A network of 1 to 4 layers (``len(sizes)`` uniform in 2..5), each size uniform in 1..5."""
    sizes = [int(n) for n in rng.integers(1, 6, size=int(rng.integers(2, 6)))]
    return Net(sizes, sample_seed(rng), zeros, away)


def cost_cases(**kind: bool) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        net, lambd, m = sample_net(rng, **kind), sample_value(rng, LAMBDAS), sample_value(rng, EXAMPLES)
        return Case((net.parameters, lambd, m), f"{net}, lambd={lambd}, m={m}")

    return Sampled(sample)


def gradient_cases(**kind: bool) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        net, lambd, m = sample_net(rng, **kind), sample_value(rng, LAMBDAS), sample_value(rng, EXAMPLES)
        return Case((net.gradients, net.parameters, lambd, m), f"{net}, lambd={lambd}, m={m}")

    return Sampled(sample)


def as_cost(value: object) -> float:
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        fail(f"expected the cost as a number, got {kind(value)}")
    cost = float(value)
    if not np.isfinite(cost):
        fail(f"expected the cost as a finite number, got {cost}")
    return cost


def with_lambd(case: Case, lambd: float) -> Case:
    parameters, _, m = case.args
    return Case((parameters, lambd, m), "")


# --------------------------------------------------------------------------- L1 cost


@pytest.mark.exercise("compute_l1_regularization_cost")
class CheckL1Cost:
    @pytest.mark.points(8)
    @pytest.mark.hint("L1_regularization_cost = lambd / m * (np.sum(np.abs(W1)) + ... + np.sum(np.abs(WL))), "
                      "with L = len(parameters) // 2")  # fmt: skip
    @given(batch=batches(cost_cases()))
    def check_values(self, student, batch):
        expect_like_reference(student.compute_l1_regularization_cost, ref.compute_l1_regularization_cost,
                              batch, "L1_regularization_cost", mistakes=mistakes.L1_COST)  # fmt: skip

    @pytest.mark.points(5)
    @pytest.mark.hint("sum np.abs of the weights only: the penalty is 0 exactly when every W is 0, "
                      "whatever the biases")  # fmt: skip
    @given(batch=batches(cost_cases(), size=SMALL_BATCH), weight=st.floats(0.1, 2.0), negative=st.booleans())
    def check_zero_exactly_when_the_weights_are(self, student, batch, weight, negative):
        zero, one = [], []
        for case in batch:
            parameters, lambd, m = case.args
            cleared = {k: np.zeros_like(v) if k[0] == "W" else v for k, v in parameters.items()}
            single = {k: v.copy() for k, v in cleared.items()}
            single["W1"].flat[0] = -weight if negative else weight
            zero.append(Case((cleared, lambd, m), f"{case.description}, every weight set to 0"))
            one.append(Case((single, lambd, m), f"{case.description}, every weight 0 but W1[0, 0] = "
                            f"{single['W1'].flat[0]:.4g}"))  # fmt: skip
        for i, (case, value) in enumerate(judged(student.compute_l1_regularization_cost, zero + one)):
            with on(case.description):
                cost = as_cost(value)
                if i < len(zero) and cost != 0:
                    fail(f"the penalty is {cost:.6g}, expected 0: with every weight 0 nothing is penalized "
                         "(are the biases summed too?)")  # fmt: skip
                if i >= len(zero) and not cost > 0:
                    fail(f"the penalty is {cost:.6g}, expected a positive number: a nonzero weight "
                         "is penalized by its absolute value, whatever its sign")  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint("the penalty is lambd times a sum that does not depend on lambd: 0 when lambd = 0, "
                      "doubled when lambd doubles")  # fmt: skip
    @pytest.mark.needs("check_values")  # zeros are linear too
    @given(batch=batches(cost_cases(), size=SMALL_BATCH))
    def check_linear_in_lambd(self, student, batch):
        calls = [
            c for case in batch for c in (case, with_lambd(case, 0.0), with_lambd(case, 2 * case.args[1]))
        ]
        results = outcomes(student.compute_l1_regularization_cost, calls)
        for i, case in enumerate(batch):
            with on(f"{case.description}, then lambd=0 and lambd={2 * case.args[1]}"):
                cost, at_zero, doubled = (as_cost(unwrap(r)) for r in results[3 * i : 3 * i + 3])
                expect_number(at_zero, 0.0, "the penalty with lambd=0")
                expect_number(doubled, 2 * cost, f"the penalty with lambd doubled (twice {cost:.6g})")

    @pytest.mark.points(3)
    @pytest.mark.hint("penalize the weights W1..WL only: the biases b1..bL are not regularized")
    @pytest.mark.needs("check_values")  # a constant ignores the biases too
    @given(batch=batches(cost_cases(), size=SMALL_BATCH), seed=seeds)
    def check_biases_not_regularized(self, student, batch, seed):
        rng = np.random.default_rng(seed)
        other = [Case(({k: 10 * rng.standard_normal(v.shape) if k[0] == "b" else v
                        for k, v in c.args[0].items()}, *c.args[1:]), "") for c in batch]  # fmt: skip
        results = outcomes(student.compute_l1_regularization_cost, batch + other)
        for i, case in enumerate(batch):
            with on(f"{case.description}, then other biases"):
                before, after = as_cost(unwrap(results[i])), as_cost(unwrap(results[len(batch) + i]))
                if abs(after - before) > REFERENCE.atol + REFERENCE.rtol * abs(before):
                    fail(f"changing only the biases changed the penalty from {before:.6g} to {after:.6g}: "
                         "the biases are penalized")  # fmt: skip


# --------------------------------------------------------------------------- L1 gradient


def numerical_gradients(parameters: dict, lambd: float, m: int) -> dict[str, np.ndarray]:
    """Central differences of the reference L1 cost in every weight (judge-side)."""

    def cost_in(key: str) -> Callable[[np.ndarray], float]:
        return lambda W: ref.compute_l1_regularization_cost({**parameters, key: W}, lambd, m)

    weights = [key for key in parameters if key[0] == "W"]
    return {"d" + key: numerical_gradient(cost_in(key), parameters[key], GRADIENT_EPSILON) for key in weights}


def gradients_dict(value: object, given: dict) -> dict:
    """``value`` as a dict with the keys of ``given``, each a finite array of its shape and dtype kind."""
    expect_same(value, given, "gradients", SHAPES_ONLY)
    assert isinstance(value, dict)
    return value


@pytest.mark.exercise("backward_propagation_with_l1_regularization")
class CheckL1Gradients:
    @pytest.mark.points(7)
    @pytest.mark.hint("for l = 1..L: gradients['dW' + str(l)] + lambd / m * np.sign(W_l); every other "
                      "entry as given")  # fmt: skip
    @given(batch=batches(gradient_cases()))
    def check_values(self, student, batch):
        expect_like_reference(student.backward_propagation_with_l1_regularization,
                              ref.backward_propagation_with_l1_regularization, batch, "gradients",
                              mistakes=mistakes.L1_GRADIENTS)  # fmt: skip

    @pytest.mark.points(5)
    @pytest.mark.hint("what you add to dW must be the derivative of lambd / m * sum |W|, which is "
                      "lambd / m * np.sign(W) wherever W != 0")  # fmt: skip
    @given(batch=batches(gradient_cases(away=True), size=SMALL_BATCH))
    def check_matches_central_differences(self, student, batch):
        for case, value in judged(student.backward_propagation_with_l1_regularization, batch):
            with on(case.description):
                given_gradients, parameters, lambd, m = case.args
                got = gradients_dict(value, given_gradients)
                for key, numerical in numerical_gradients(parameters, lambd, m).items():
                    added = got[key] - given_gradients[key]
                    try:
                        expect_same(added, numerical, f"what your {key} adds to the given {key}",
                                    GRADIENT_TOLERANCE)  # fmt: skip
                    except CheckFailed as failure:
                        raise CheckFailed(f"{failure}, against central differences of lambd / m * sum |W| "
                                          f"(step {GRADIENT_EPSILON:g}, weights at least {AWAY_FROM_ZERO:g} "
                                          "from 0)") from None  # fmt: skip

    @pytest.mark.points(5)
    @pytest.mark.hint("use np.sign(W): by convention the subgradient of |w| at w = 0 is 0, so a weight "
                      "that is exactly 0 adds nothing to its dW")  # fmt: skip
    @given(batch=batches(gradient_cases(zeros=True)))
    def check_sign_of_zero_is_zero(self, student, batch):
        for case, value in judged(student.backward_propagation_with_l1_regularization, batch):
            with on(case.description):
                given_gradients, parameters, lambd, m = case.args
                got = gradients_dict(value, given_gradients)
                for key in (k for k in parameters if k[0] == "W"):
                    at_zero = parameters[key] == 0
                    try:
                        expect_same(got["d" + key][at_zero], given_gradients["d" + key][at_zero],
                                    f"{'d' + key} where {key} is exactly 0")  # fmt: skip
                    except CheckFailed as failure:
                        raise CheckFailed(f"{failure}: sign(0) = 0, so a zero weight adds nothing") from None
                expected = ref.backward_propagation_with_l1_regularization(*case.args)
                try:
                    expect_same(got, expected, "gradients")
                except CheckFailed as failure:
                    raise recognised(failure, got, case.args, mistakes.L1_GRADIENTS, expect_same, "gradients",
                                     REFERENCE) from None  # fmt: skip

    @pytest.mark.points(3)
    @pytest.mark.hint("the biases are not regularized: return every db (and every other entry that is not "
                      "a dW) exactly as given")  # fmt: skip
    @pytest.mark.needs("check_values")  # handing the gradients back unchanged has it
    @given(batch=batches(gradient_cases(), size=SMALL_BATCH))
    def check_biases_not_regularized(self, student, batch):
        for case, value in judged(student.backward_propagation_with_l1_regularization, batch):
            with on(case.description):
                given_gradients = case.args[0]
                got = gradients_dict(value, given_gradients)
                for key in (k for k in given_gradients if not k.startswith("dW")):
                    expect_same(got[key], given_gradients[key], f"gradients[{key!r}] (as given)",
                                Tolerance(rtol=0.0, atol=0.0))  # fmt: skip


# --------------------------------------------------------------------------- early stopping


def curve(n: int, seed: int, noise: float = 0.02, dip: bool = False) -> list[float]:
    """A dev loss of ``n`` epochs: falls, then rises (overfitting), with noise; ``dip``: a
    last epoch lower than every other, after the rise."""
    rng = np.random.default_rng(seed)
    turn, rate = rng.uniform(0.2, 0.8) * n, rng.uniform(0.05, 0.5)
    t = np.arange(n)
    losses = 0.3 + np.exp(-rate * t) + 0.02 * np.maximum(t - turn, 0) + noise * rng.standard_normal(n)
    if dip:
        losses[-1] = losses.min() - 0.1
    return [float(x) for x in losses]


def stopping_case(losses: list[float], patience: int, min_delta: float, where: str = "") -> Case:
    shown = ", ".join(f"{x:.4g}" for x in losses[:12]) + (", ..." if len(losses) > 12 else "")
    return Case((losses, patience, min_delta),
                f"{where}dev_losses=[{shown}] ({len(losses)} epoch{'s' if len(losses) > 1 else ''}), "
                f"patience={patience}, "
                f"min_delta={min_delta:g}")  # fmt: skip


PATIENCES = range(1, 9)
MIN_DELTAS = (0.0, 0.0, 0.001, 0.01, 0.05)


def curve_cases(min_n: int = 1, min_deltas: Values = MIN_DELTAS, dip: bool = False) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        n, seed = int(rng.integers(min_n, 41)), sample_seed(rng)
        patience, min_delta = sample_value(rng, PATIENCES), sample_value(rng, min_deltas)
        return stopping_case(curve(n, seed, dip=dip), patience, min_delta)

    return Sampled(sample)


def sample_tie_case(rng: np.random.Generator) -> Case:
    """Falls to its minimum ``v`` at epoch b, meets ``v`` again before ``patience`` runs out,
    then rises: multiples of 1/8, so the ties are exact."""
    patience = int(rng.integers(2, 7))
    fall = int(rng.integers(1, 7))
    losses = [2.0 + (fall - i) / 8 for i in range(fall + 1)]  # strictly down to 2.0
    after = [sample_value(rng, (2.0, 2.125, 2.25)) for _ in range(patience - 1)]
    after[int(rng.integers(0, patience - 1))] = 2.0
    rise = [2.5 + i / 8 for i in range(int(rng.integers(1, 6)))]
    return stopping_case(losses + after + rise, patience, sample_value(rng, (0.0, 0.1)))


def tie_cases() -> Sampled[Case]:
    return Sampled(sample_tie_case)


def strictly_decreasing(n: int, seed: int, patience: int) -> Case:
    steps = np.random.default_rng(seed).uniform(1e-4, 0.2, n)
    return stopping_case(
        [float(x) for x in 3.0 - np.cumsum(steps)], patience, 0.0, "a strictly decreasing curve, "
    )


def sample_strictly_decreasing(rng: np.random.Generator) -> Case:
    return strictly_decreasing(int(rng.integers(2, 41)), sample_seed(rng), sample_value(rng, PATIENCES))


def as_epochs(value: object) -> tuple[int, int]:
    epochs = ("best_epoch", "stop_epoch")
    best, stop = expect_parts(value, epochs)
    for name, v in zip(epochs, (best, stop), strict=True):
        if not isinstance(v, (int, np.integer)) or isinstance(v, (bool, np.bool_)):
            fail(f"{name}: expected an int (an epoch number), got {kind(v)}")
    return int(best), int(stop)


def expect_epochs(got: object, expected: tuple[int, int], what: str = "", tol: Tolerance = REFERENCE) -> None:
    if as_epochs(got) != tuple(expected):
        fail(f"(best_epoch, stop_epoch) = {as_epochs(got)}, expected {tuple(expected)}")


def expect_stopping_like_reference(student, cases: list[Case]) -> None:
    expect_like_reference(student.early_stopping, ref.early_stopping, cases, "(best_epoch, stop_epoch)",
                          compare=expect_epochs, mistakes=mistakes.EARLY_STOPPING)  # fmt: skip


LECTURE_CURVES = [  # (best, stop) worked by hand; epochs from 0
    stopping_case([0.9, 0.7, 0.6, 0.65, 0.62, 0.61, 0.7], 3, 0.0, "best at 2, stop at 5: "),
    stopping_case([0.9, 0.7, 0.6, 0.65, 0.62, 0.61, 0.7], 5, 0.0, "best at 2, never stops: "),
    stopping_case([1.0, 0.9, 0.8, 0.7], 1, 0.0, "best at 3, never stops: "),
    stopping_case([0.5], 2, 0.0, "one epoch: "),
    stopping_case([1.0, 0.95, 0.93, 0.92, 0.5], 2, 0.1, "decreases below min_delta, stop at 2: "),
    stopping_case([0.8, 0.6, 0.6, 0.7, 0.6, 0.9], 3, 0.0, "a tie with the best, best at 1, stop at 4: "),
]


@pytest.mark.exercise("early_stopping")
class CheckEarlyStopping:
    @pytest.mark.points(3)
    @pytest.mark.hint("epochs are 0-based: best_epoch indexes dev_losses, and a run that never stops ends "
                      "at len(dev_losses) - 1")  # fmt: skip
    def check_worked_examples(self, student):
        expect_stopping_like_reference(student, LECTURE_CURVES)

    @pytest.mark.points(6)
    @pytest.mark.hint("loop t = 1..n-1: if best_loss - loss > 0 and >= min_delta, it is the new best; "
                      "else if t - best_epoch >= patience, stop at t")  # fmt: skip
    @given(batch=batches(curve_cases()))
    def check_dev_curves(self, student, batch):
        expect_stopping_like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("stop at the first epoch t with t - best_epoch >= patience, never before; if none, "
                      "the last epoch")  # fmt: skip
    @given(batch=batches(curve_cases(min_n=5, min_deltas=(0.0,))))
    def check_patience_after_the_best(self, student, batch):
        for case, value in judged(student.early_stopping, batch):
            with on(case.description):
                losses, patience, _ = case.args
                best, stop = as_epochs(value)
                if not 0 <= best <= stop <= len(losses) - 1:
                    fail(f"(best_epoch, stop_epoch) = {(best, stop)}: expected 0 <= best_epoch <= stop_epoch <= "
                         f"{len(losses) - 1}")  # fmt: skip
                if stop < len(losses) - 1 and stop - best != patience:
                    fail(f"stopped at epoch {stop}, {stop - best} epochs after the best ({best}), expected "
                         f"exactly patience={patience} epochs after it (or the last epoch)")  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint("keep the best loss seen so far: best_epoch is the earliest epoch with the smallest loss "
                      "among epochs 0..stop_epoch, never one after the stop")  # fmt: skip
    @pytest.mark.needs("check_dev_curves")  # epoch 0 of a one-epoch view is a minimum too
    @given(batch=batches(curve_cases(min_n=5, min_deltas=(0.0,), dip=True)))
    def check_best_is_the_minimum_seen(self, student, batch):
        for case, value in judged(student.early_stopping, batch):
            with on(case.description):
                losses = case.args[0]
                best, stop = as_epochs(value)
                if not 0 <= best < len(losses) or not 0 <= stop < len(losses):
                    fail(
                        f"(best_epoch, stop_epoch) = {(best, stop)} is not a pair of epochs 0..{len(losses) - 1}"
                    )
                if best > stop:
                    fail(f"best_epoch {best} comes after stop_epoch {stop}: only the epochs trained are seen")
                seen = losses[: stop + 1]
                first = int(np.argmin(seen))
                if best != first:
                    fail(f"best_epoch {best} has loss {losses[best]:.6g}, but epoch {first} of those seen "
                         f"(0..{stop}) has {seen[first]:.6g}")  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint("a loss equal to the best is no improvement: compare with > 0 (strictly), so ties "
                      "keep the earliest epoch")  # fmt: skip
    @given(batch=batches(tie_cases()))
    def check_ties_keep_the_earliest(self, student, batch):
        expect_stopping_like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("every epoch of a strictly decreasing curve improves: reset the patience count at each "
                      "improvement, and the run ends at the last epoch, len(dev_losses) - 1")  # fmt: skip
    @given(batch=batches(Sampled(sample_strictly_decreasing)))
    def check_strictly_decreasing_never_stops_early(self, student, batch):
        for case, value in judged(student.early_stopping, batch):
            with on(case.description):
                n = len(case.args[0])
                if as_epochs(value) != (n - 1, n - 1):
                    fail(f"(best_epoch, stop_epoch) = {as_epochs(value)}, expected ({n - 1}, {n - 1}): every "
                         "epoch improves, so the last is the best and training never stops early")  # fmt: skip


# --------------------------------------------------------------------------- data augmentation


def make_images(m: int, n_H: int, n_W: int, n_C: int, seed: int) -> np.ndarray:
    """A batch whose pixel values are 1, 2, ..., in a random order: every value appears
    once, none is 0, so a window or a shift of an image is recognised by its values."""
    size = m * n_H * n_W * n_C
    return (np.random.default_rng(seed).permutation(size) + 1.0).reshape(m, n_H, n_W, n_C)


def _shape(images: np.ndarray) -> str:
    return f"images of shape {images.shape}"


def flip_case(m: int, n_H: int, n_W: int, n_C: int, seed: int) -> Case:
    images = make_images(m, n_H, n_W, n_C, seed)
    boxes = np.random.default_rng(seed + 1).uniform(0.05, 0.95, (m, 4))
    return Case((images, boxes), f"{_shape(images)}, boxes of shape {boxes.shape}")


def sample_flip_case(rng: np.random.Generator) -> Case:
    m, n_H, n_W, n_C = (int(n) for n in rng.integers((1, 2, 2, 1), (6, 7, 7, 4)))
    return flip_case(m, n_H, n_W, n_C, sample_seed(rng))


flip_cases = Sampled(sample_flip_case)


FLIP_OUT = ("flipped_images", "flipped_boxes")


def expect_flip(got: object, expected: tuple, what: str = "", tol: Tolerance = REFERENCE) -> None:
    images, boxes = expect_parts(got, FLIP_OUT)
    expect_same(images, expected[0], "flipped_images", tol)
    expect_same(boxes, expected[1], "flipped_boxes", tol)


@pytest.mark.exercise("flip_horizontal")
class CheckFlipHorizontal:
    @pytest.mark.points(5)
    @pytest.mark.hint("flipped_images = images[:, :, ::-1, :] (the width is axis 2); flipped_boxes: a copy with "
                      "column 0 (b_x) replaced by 1 - b_x")  # fmt: skip
    @given(batch=batches(flip_cases))
    def check_values(self, student, batch):
        expect_like_reference(student.flip_horizontal, ref.flip_horizontal, batch, "(flipped_images, flipped_boxes)",
                              compare=expect_flip, mistakes=mistakes.FLIP)  # fmt: skip

    @pytest.mark.points(3)
    @pytest.mark.hint("the box moves with the image: b_x -> 1 - b_x, while b_y, b_h, b_w stay, each box "
                      "in its image's row")  # fmt: skip
    @given(batch=batches(flip_cases))
    def check_boxes_mirrored(self, student, batch):
        for case, value in judged(student.flip_horizontal, batch):
            with on(case.description):
                boxes = case.args[1]
                expected = np.column_stack([1 - boxes[:, 0], boxes[:, 1:]])
                try:
                    expect_same(expect_parts(value, FLIP_OUT)[1], expected, "flipped_boxes")
                except CheckFailed as failure:
                    raise recognised(
                        failure, value, case.args, mistakes.FLIP, expect_flip, "", REFERENCE
                    ) from None

    @pytest.mark.points(3)
    @pytest.mark.hint("flipping twice must give back the batch and its boxes exactly: reverse axis 2 only, "
                      "and b_x -> 1 - b_x")  # fmt: skip
    @pytest.mark.needs("check_values")  # handing the batch back unchanged has it too
    @given(batch=batches(flip_cases, size=5))
    def check_flipping_twice_is_the_identity(self, student, batch):
        once = [expect_parts(unwrap(v), FLIP_OUT) for v in outcomes(student.flip_horizontal, batch)]
        twice = outcomes(student.flip_horizontal, [Case(tuple(pair), "") for pair in once])
        for case, value in zip(batch, twice, strict=True):
            with on(f"{case.description}, flipped twice"):
                images, boxes = expect_parts(unwrap(value), FLIP_OUT)
                expect_same(images, case.args[0], "the images flipped twice", Tolerance(rtol=0.0, atol=0.0))
                expect_same(boxes, case.args[1], "the boxes flipped twice")


def windows(image: np.ndarray, h: int, w: int) -> dict[tuple[int, int], np.ndarray]:
    """Every h x w window of one image (n_H, n_W, n_C), by its top-left corner."""
    n_H, n_W = image.shape[:2]
    return {(t, l): image[t : t + h, l : l + w] for t in range(n_H - h + 1) for l in range(n_W - w + 1)}


def crop_case(m: int, n_H: int, n_W: int, n_C: int, seed: int, smaller: tuple[int, int]) -> Case:
    images = make_images(m, n_H, n_W, n_C, seed)
    h, w = max(n_H - smaller[0], 1), max(n_W - smaller[1], 1)
    return Case(
        (images, h, w, seed % 1000), f"{_shape(images)}, crop_height={h}, crop_width={w}, seed={seed % 1000}"
    )


def sample_crop_case(rng: np.random.Generator) -> Case:
    m, n_H, n_W, n_C = (int(n) for n in rng.integers((1, 2, 2, 1), (6, 8, 8, 4)))
    smaller = (int(rng.integers(1, 4)), int(rng.integers(0, 4)))
    return crop_case(m, n_H, n_W, n_C, sample_seed(rng), smaller)


crop_cases = Sampled(sample_crop_case)


def crop_corners(value: object, case: Case) -> list[tuple[int, int]]:
    """The top-left corner of each crop in its own image, or a failure saying what is wrong."""
    images, h, w, _ = case.args
    m, _, _, n_C = images.shape
    if type(value) is not np.ndarray or value.shape != (m, h, w, n_C):
        fail(f"crops: expected an array of shape {(m, h, w, n_C)}, got {kind(value)}")
    assert isinstance(value, np.ndarray)
    n_H, n_W = images.shape[1:3]
    every = [(t, l) for t in range(n_H - h + 1) for l in range(n_W - w + 1)]
    matches = np.array([np.all(images[:, t : t + h, l : l + w] == value, axis=(1, 2, 3)) for t, l in every])
    corners = []
    for i in range(m):
        found = [every[k] for k in np.flatnonzero(matches[:, i])]
        if not found:
            other = [j for j in range(m) if j != i and any(np.array_equal(win, value[i])
                                                            for win in windows(images[j], h, w).values())]  # fmt: skip
            whose = (
                f": it is a window of image {other[0]} (images and labels must stay paired)" if other else ""
            )
            fail(f"crop {i} is not a contiguous {h} x {w} window of image {i}{whose}")
        corners.append(found[0])
    return corners


@pytest.mark.exercise("random_crop")
class CheckRandomCrop:
    @pytest.mark.points(5)
    @pytest.mark.hint("crops[i] = images[i, top : top + crop_height, left : left + crop_width, :], a window "
                      "of the same image i")  # fmt: skip
    @given(batch=batches(crop_cases))
    def check_each_crop_is_a_window_of_its_image(self, student, batch):
        for case, value in judged(student.random_crop, batch):
            with on(case.description):
                crop_corners(value, case)

    @pytest.mark.points(5)
    @pytest.mark.hint("draw top = rng.integers(0, n_H - crop_height + 1), left likewise, for each image: every "
                      "window that fits must be possible (the upper bound of integers is exclusive)")  # fmt: skip
    @given(batch=batches(Sampled(lambda rng: crop_case(96, 3, 3, 1, sample_seed(rng), (1, 1))), size=3))
    def check_every_window_is_possible(self, student, batch):
        for case, value in judged(student.random_crop, batch):
            with on(f"{case.description}: 4 windows fit, each image draws one"):
                used = set(crop_corners(value, case))
                missing = sorted({(t, l) for t in (0, 1) for l in (0, 1)} - used)
                if missing:
                    fail(f"no crop starts at (top, left) = {missing[0]} in 96 draws (used: {sorted(used)}): each "
                         "image must draw its own corner over every window that fits")  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("draw from rng = np.random.default_rng(seed): the same seed must give the same crops")
    @pytest.mark.needs("check_each_crop_is_a_window_of_its_image")  # handing back zeros twice has it
    @given(batch=batches(crop_cases, size=5))
    def check_reproducible_for_a_seed(self, student, batch):
        results = outcomes(student.random_crop, [c for case in batch for c in (case, case)])
        for i, case in enumerate(batch):
            with on(f"{case.description}, called twice"):
                first, again = unwrap(results[2 * i]), unwrap(results[2 * i + 1])
                if not (
                    type(first) is np.ndarray and type(again) is np.ndarray and np.array_equal(first, again)
                ):
                    fail(
                        "two calls with the same seed gave different crops: draw from np.random.default_rng(seed)"
                    )


def shifted_by(images: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """The batch (m, n_H, n_W, n_C) moved by (dy, dx) with zero fill: padded with zeros,
    then read back at an offset (judge-side, written apart from the reference)."""
    _, n_H, n_W, _ = images.shape
    p = max(abs(dy), abs(dx), 1)
    padded = np.pad(images, ((0, 0), (p, p), (p, p), (0, 0)))
    return padded[:, p - dy : p - dy + n_H, p - dx : p - dx + n_W]


def shift_case(m: int, n_H: int, n_W: int, n_C: int, max_shift: int, seed: int) -> Case:
    images = make_images(m, n_H, n_W, n_C, seed)
    return Case(
        (images, max_shift, seed % 1000), f"{_shape(images)}, max_shift={max_shift}, seed={seed % 1000}"
    )


def sample_shift_case(rng: np.random.Generator) -> Case:
    m, n_H, n_W, n_C, max_shift = (int(n) for n in rng.integers((1, 3, 3, 1, 0), (5, 7, 7, 3, 3)))
    return shift_case(m, n_H, n_W, n_C, max_shift, sample_seed(rng))


shift_cases = Sampled(sample_shift_case)


def shift_offsets(value: object, case: Case) -> list[tuple[int, int]]:
    """The offset (dy, dx) of each shifted image, or a failure saying what is wrong."""
    images, max_shift, _ = case.args
    if type(value) is not np.ndarray or value.shape != images.shape:
        fail(f"shifted: expected an array of shape {images.shape}, got {kind(value)}")
    assert isinstance(value, np.ndarray)
    candidates = [
        (dy, dx) for dy in range(-max_shift, max_shift + 1) for dx in range(-max_shift, max_shift + 1)
    ]
    matches = np.array(
        [np.all(shifted_by(images, *c) == value, axis=(1, 2, 3)) for c in candidates]
    )  # (k, m)
    offsets = []
    for i in range(images.shape[0]):
        found = [candidates[k] for k in np.flatnonzero(matches[:, i])]
        if not found:
            fail(f"shifted image {i} is not image {i} moved by some (dy, dx) with |dy|, |dx| <= {max_shift} and "
                 "zeros where it left the frame: pixels are only moved, and what enters is 0")  # fmt: skip
        offsets.append(found[0])
    return offsets


@pytest.mark.exercise("random_shift")
class CheckRandomShift:
    @pytest.mark.points(5)
    @pytest.mark.hint("shifted[i, h, w] = images[i, h - dy, w - dx] where that is inside the image, else 0 "
                      "(np.zeros_like, then copy the part that stays in the frame; not np.roll, which wraps)")  # fmt: skip
    @pytest.mark.needs("check_every_offset_is_possible")  # handing the batch back is a shift by (0, 0)
    @given(batch=batches(shift_cases))
    def check_pixels_only_moved_with_zero_fill(self, student, batch):
        for case, value in judged(student.random_shift, batch):
            with on(case.description):
                shift_offsets(value, case)

    @pytest.mark.points(5)
    @pytest.mark.hint("draw dy, dx = rng.integers(-max_shift, max_shift + 1, size=2) for each image: every "
                      "offset from -max_shift to max_shift on both axes must be possible")  # fmt: skip
    @given(batch=batches(Sampled(lambda rng: shift_case(300, 3, 3, 1, 1, sample_seed(rng))), size=2))
    def check_every_offset_is_possible(self, student, batch):
        for case, value in judged(student.random_shift, batch):
            with on(f"{case.description}: 9 offsets, each image draws one"):
                used = set(shift_offsets(value, case))
                missing = sorted({(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)} - used)
                if missing:
                    fail(f"no image is moved by (dy, dx) = {missing[0]} in 300 draws (used: {sorted(used)}): "
                         "draw dy and dx independently over -max_shift..max_shift for each image")  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("draw from rng = np.random.default_rng(seed): the same seed must give the same shifts")
    @pytest.mark.needs("check_every_offset_is_possible")  # handing the batch back twice has it
    @given(batch=batches(shift_cases, size=5))
    def check_reproducible_for_a_seed(self, student, batch):
        results = outcomes(student.random_shift, [c for case in batch for c in (case, case)])
        for i, case in enumerate(batch):
            with on(f"{case.description}, called twice"):
                first, again = unwrap(results[2 * i]), unwrap(results[2 * i + 1])
                if not (
                    type(first) is np.ndarray and type(again) is np.ndarray and np.array_equal(first, again)
                ):
                    fail(
                        "two calls with the same seed gave different images: draw from np.random.default_rng(seed)"
                    )
