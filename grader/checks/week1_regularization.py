r"""Checks for course 2 week 1, "Regularization": the L2-regularized cost and backward
pass, and inverted dropout forward and backward, on the course's 3-layer network.

Beyond the official fixed cases of every Coursera generation, each class checks what
the lectures teach against :mod:`reference.regularization`, on batches of random
networks (layer sizes ``[n_0, n_1, n_2, 1]``, ``m`` examples):

* the L2 gradient is the *numerical* gradient of the L2 cost (central differences of
  the reference forward pass and cost), and the biases are not penalized;
* dropout keeps about ``keep_prob`` of the units, zeroes exactly the units its mask
  drops, rescales the survivors by ``1 / keep_prob`` so the expected activation is
  unchanged, and with ``keep_prob = 1`` is the plain network;
* the backward pass applies the masks stored in the cache (including the cache that
  the student's own forward pass returned), and with ``keep_prob = 1`` is plain backprop.

The statistical checks
----------------------
With ``N`` independent units each kept with probability ``p``, Hoeffding's inequality
bounds the kept fraction :math:`\hat p` (:func:`grader.judge.statistics.hoeffding`, derived there):

.. math:: P\big(|\hat p - p| \ge \varepsilon\big) \le 2 e^{-2 N \varepsilon^2},
    \qquad \varepsilon = \sqrt{\ln(2 / \delta) / (2N)}

with :math:`\delta` = :data:`~grader.judge.statistics.FALSE_FAILURE` = 1e-9 per mask tested (sixteen mask tests in all: a
correct implementation fails with probability below 2e-8).  On the networks used (20000 to 40000
units per mask) :math:`\varepsilon \le 0.023`, while an inverted mask is off by
:math:`|1 - 2p| \ge 0.4`.  For the expected activation, :math:`A / \operatorname{relu}(Z)
= D / p` on the ``N`` units with :math:`Z > 0` (about half), so its mean is
:math:`\hat p / p`, accepted within :math:`1 \pm \varepsilon / p` (at most 0.07 here),
while forgetting the rescaling gives ``p`` (0.5 or 0.8).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given

from grader.checks import week1_init_reg_mistakes as mistakes
from grader.checks.coursera import official_calls
from grader.checks.coursera import week1_init_reg_cases as cases
from grader.judge.compare import (
    COURSERA,
    REFERENCE,
    CheckFailed,
    expect_array,
    expect_parts,
    expect_same,
    fail,
    kind,
    on,
)
from grader.judge.judging import expect_like_reference, fresh, judged, outcomes, recognised, unwrap
from grader.judge.numerical import numerical_gradient
from grader.judge.statistics import FALSE_FAILURE, hoeffding
from grader.judge.strategies import Case, Sampled, Values, batches, sample_seed, sample_value
from reference import regularization as ref
from reference.reg_helpers import backward_propagation, compute_cost, forward_propagation, relu

#: The course's check of a gradient, with central differences in float64.
GRADIENT_EPSILON = 1e-6
GRADIENT_TOLERANCE = 1e-6
CACHE_NAMES = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
MASKS = {1: "D1", 6: "D2"}
GRADIENT_KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")
PARAMETER_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
#: Cases per Hypothesis example of the checks that restate a property on top of another
#: check's comparison with the reference (half of grader.judge.strategies.BATCH, to grade fast).
SMALL_BATCH = 5
KEEP_PROBS = (0.5, 0.6, 0.7, 0.8, 0.86, 0.9, 0.95)
LAMBDAS = (0.01, 0.1, 0.5, 0.7, 1.0, 3.0)


def official_cases(function: str) -> list[Case]:
    """Every official Coursera call of ``function``, all generations."""
    return [Case(args, f"the Coursera {generation} test case")
            for generation, args in official_calls(cases, function, cases.REG_GENERATIONS)]  # fmt: skip


# --------------------------------------------------------------------------- random networks


class Net:
    """A 3-layer network ``[n_0, n_1, n_2, 1]`` with inputs and labels of ``m`` examples."""

    def __init__(self, n0: int, n1: int, n2: int, m: int, seed: int, same_columns: bool = False) -> None:
        rng = np.random.default_rng(seed)
        self.sizes, self.m, self.seed = (n0, n1, n2, 1), m, seed
        shapes = {"W1": (n1, n0), "b1": (n1, 1), "W2": (n2, n1), "b2": (n2, 1), "W3": (1, n2), "b3": (1, 1)}
        self.parameters = {k: rng.standard_normal(s) / (math.sqrt(s[1]) if k[0] == "W" else 3)
                           for k, s in shapes.items()}  # fmt: skip
        X = rng.standard_normal((n0, 1 if same_columns else m))
        self.X = np.repeat(X, m, axis=1) if same_columns else X
        self.Y = rng.integers(0, 2, (1, m))

    def __str__(self) -> str:
        return f"a network with layer sizes {list(self.sizes)} on m={self.m} examples"

    __repr__ = __str__

    def cache(self) -> tuple:
        return forward_propagation(self.X, self.parameters)[1]


def sample_net(rng: np.random.Generator, max_units: int = 6, max_m: int = 8) -> Net:
    """A network with 1 to ``max_units`` inputs and units per hidden layer (each uniform), on
    1 to ``max_m`` examples."""
    n0, n1, n2 = (int(n) for n in rng.integers(1, max_units + 1, size=3))
    return Net(n0, n1, n2, int(rng.integers(1, max_m + 1)), sample_seed(rng))


def dropout_cache(
    net: Net, keep_prob: float, seed: int, dtype: str = "int", complement_of_seed_1: bool = False
):
    """A dropout cache of ``net`` whose masks come from ``seed`` (judge-side, trusted); with
    ``complement_of_seed_1`` the masks are the opposite of what ``np.random.seed(1)`` draws."""
    rng = np.random.RandomState(1 if complement_of_seed_1 else (seed + 2) % 2**32)
    W1, b1, W2, b2, W3, b3 = (net.parameters[k] for k in PARAMETER_KEYS)

    def mask(shape: tuple) -> np.ndarray:
        kept = rng.rand(*shape) < keep_prob
        if complement_of_seed_1:
            kept = ~kept
        return kept.astype({"bool": bool, "int": int, "float": float}[dtype])

    Z1 = np.dot(W1, net.X) + b1
    D1 = mask(Z1.shape)
    A1 = relu(Z1) * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    D2 = mask(Z2.shape)
    A2 = relu(Z2) * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = 1 / (1 + np.exp(-Z3))
    return (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def cost_cases(lambdas: Values = LAMBDAS) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        net, lambd = sample_net(rng), sample_value(rng, lambdas)
        A3 = net.cache()[9]
        return Case((A3, net.Y, net.parameters, lambd), f"{net}, lambd={lambd}")

    return Sampled(sample)


def l2_cases(lambdas: Values = LAMBDAS, **sizes: int) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        net, lambd = sample_net(rng, **sizes), sample_value(rng, lambdas)
        return Case((net.X, net.Y, net.cache(), lambd), f"{net}, lambd={lambd}")

    return Sampled(sample)


def forward_cases(keep_probs: Values = KEEP_PROBS) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        net, keep_prob = sample_net(rng), sample_value(rng, keep_probs)
        return Case((net.X, net.parameters, keep_prob), f"{net}, keep_prob={keep_prob}")

    return Sampled(sample)


def dropout_backward_cases(complement_of_seed_1: bool = False) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        net, keep_prob = sample_net(rng), sample_value(rng, KEEP_PROBS)
        dtype = sample_value(rng, ("int", "bool", "float"))
        cache = dropout_cache(net, keep_prob, net.seed, dtype, complement_of_seed_1)
        masks = "the opposite of seed 1's masks" if complement_of_seed_1 else f"{dtype} masks"
        return Case((net.X, net.Y, cache, keep_prob), f"{net}, keep_prob={keep_prob}, a cache with {masks}")

    return Sampled(sample)


def plain_case(net: Net) -> Case:
    """``(X, Y, cache)`` of the plain forward pass of ``net``."""
    return Case((net.X, net.Y, net.cache()), str(net))


# --------------------------------------------------------------------------- comparisons


def mask_values(got: object, shape: tuple, what: str) -> np.ndarray:
    """A mask of 0 and 1 of any numeric dtype (bool, int or float) and of ``shape``, as floats."""
    if type(got) is not np.ndarray or got.dtype.kind not in "biuf":
        fail(f"{what}: expected a 0/1 mask of shape {shape}, got {kind(got)}")
    assert isinstance(got, np.ndarray)
    if got.shape != shape:
        fail(f"{what}: shape {got.shape}, expected {shape} (the shape of the activations it masks)")
    values = got.astype(float)
    odd = ~np.isin(values, (0.0, 1.0))
    if odd.any():
        fail(
            f"{what} holds values other than 0 and 1 (e.g. {values[odd][0]:.4g}): store the mask itself, "
            "D = (D < keep_prob).astype(int), not the random numbers"
        )
    return values


def expect_mask(got: object, expected: np.ndarray, what: str, tol=REFERENCE) -> None:
    """A 0/1 mask compared by value with ``expected``, whatever the dtypes."""
    expect_array(mask_values(got, expected.shape, what), expected.astype(float), what, tol)


def forward_parts(got: object) -> tuple[object, tuple]:
    """``(A3, cache)`` with ``cache`` the 14-tuple, or a failure saying what came back."""
    A3, cache = expect_parts(got, ("A3", "cache"))
    return A3, expect_parts(cache, CACHE_NAMES, what="cache")


def expect_dropout_forward(got: object, expected: tuple, what: str = "", tol=REFERENCE) -> None:
    """The cache entry by entry (masks by value), then ``A3``."""
    if expected is None:  # a known mistake that cannot be told apart on this case
        fail("no expected value")
    A3, cache = forward_parts(got)
    for i, name in enumerate(CACHE_NAMES):
        label = f"cache[{i}] ({name})"
        if i in MASKS:
            expect_mask(cache[i], expected[1][i], label, tol)
        else:
            expect_same(cache[i], expected[1][i], label, tol)
    expect_same(A3, expected[0], "A3", tol)


def expect_gradients(got: object, expected: dict, what: str = "gradients", tol=REFERENCE) -> None:
    """The 11 gradients of the course, compared key by key (extra keys are allowed)."""
    if not isinstance(got, dict):
        fail(f"expected a dict of the gradients {', '.join(GRADIENT_KEYS)}, got {kind(got)}")
    assert isinstance(got, dict)
    missing = [k for k in expected if k not in got]
    if missing:
        fail(f"gradients: missing keys {missing} (the course returns {', '.join(GRADIENT_KEYS)})")
    for key in GRADIENT_KEYS:
        if key in expected:
            expect_same(got[key], expected[key], f"gradients[{key!r}]", tol)


# --------------------------------------------------------------------------- L2 cost


@pytest.mark.exercise("compute_cost_with_regularization")
class CheckCostWithRegularization:
    @pytest.mark.points(6)
    @pytest.mark.hint(
        "cost = compute_cost(A3, Y) + lambd / (2 * m) * (np.sum(np.square(W1)) + "
        "np.sum(np.square(W2)) + np.sum(np.square(W3)))"
    )
    def check_coursera_cases(self, student):
        expect_like_reference(
            student.compute_cost_with_regularization,
            ref.compute_cost_with_regularization,
            official_cases("compute_cost_with_regularization"),
            "cost",
            COURSERA,
            mistakes=mistakes.COST,
        )

    @pytest.mark.points(8)
    @pytest.mark.hint(
        "square every weight, sum over W1, W2 and W3 (not the biases), multiply by lambd / (2 * m)"
    )
    @given(batch=batches(cost_cases()))
    def check_random_networks(self, student, batch):
        expect_like_reference(
            student.compute_cost_with_regularization,
            ref.compute_cost_with_regularization,
            batch,
            "cost",
            mistakes=mistakes.COST,
        )

    @pytest.mark.points(6)
    @pytest.mark.hint("the penalty is proportional to lambd: with lambd = 0 the cost is compute_cost(A3, Y)")
    @given(batch=batches(cost_cases((0.0,)), size=SMALL_BATCH))
    def check_lambda_zero_is_cross_entropy(self, student, batch):
        for case, got in judged(student.compute_cost_with_regularization, batch):
            with on(case.description):
                A3, Y = case.args[:2]
                expect_same(got, compute_cost(A3, Y), "cost with lambd=0")


# --------------------------------------------------------------------------- L2 backward


def l2_cost(X: np.ndarray, Y: np.ndarray, parameters: dict, lambd: float) -> float:
    """The reference forward pass and L2 cost: the function whose gradient is checked."""
    A3, _ = forward_propagation(X, parameters)
    return float(ref.compute_cost_with_regularization(A3, Y, parameters, lambd))


def numerical_gradients(X: np.ndarray, Y: np.ndarray, parameters: dict, lambd: float) -> dict:
    r"""Central differences :math:`(J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)) /
    2\varepsilon` of :func:`l2_cost`, for every entry of W1, b1, ..., b3."""

    def cost_in(key: str) -> Callable[[np.ndarray], float]:
        return lambda value: l2_cost(X, Y, {**parameters, key: value}, lambd)

    return {
        "d" + key: numerical_gradient(cost_in(key), parameters[key], GRADIENT_EPSILON)
        for key in PARAMETER_KEYS
    }


def gradient_difference(grads: dict, approx: dict) -> float:
    r"""The course's :math:`\|g - \tilde g\|_2 / (\|g\|_2 + \|\tilde g\|_2)` over all parameters."""
    g = np.concatenate([np.ravel(grads["d" + k]) for k in PARAMETER_KEYS])
    a = np.concatenate([np.ravel(approx["d" + k]) for k in PARAMETER_KEYS])
    return float(np.linalg.norm(g - a) / (np.linalg.norm(g) + np.linalg.norm(a)))


@pytest.mark.exercise("backward_propagation_with_regularization")
class CheckBackwardWithRegularization:
    @pytest.mark.points(6)
    @pytest.mark.hint("add lambd / m * W_l to each dW_l: dW3 = 1./m * np.dot(dZ3, A2.T) + lambd / m * W3")
    def check_coursera_cases(self, student):
        expect_like_reference(
            student.backward_propagation_with_regularization,
            ref.backward_propagation_with_regularization,
            official_cases("backward_propagation_with_regularization"),
            "gradients",
            COURSERA,
            compare=expect_gradients,
            mistakes=mistakes.L2_BACKWARD,
        )

    @pytest.mark.points(7)
    @pytest.mark.hint("add lambd / m * W_l to each of dW1, dW2 and dW3, and nothing else")
    @given(batch=batches(l2_cases()))
    def check_random_networks(self, student, batch):
        expect_like_reference(
            student.backward_propagation_with_regularization,
            ref.backward_propagation_with_regularization,
            batch,
            "gradients",
            compare=expect_gradients,
            mistakes=mistakes.L2_BACKWARD,
        )

    @pytest.mark.points(8)
    @pytest.mark.hint(
        "the gradient of lambd / (2m) * sum(W**2) is lambd / m * W: dW_l = (plain dW_l) + lambd / m * W_l"
    )
    @given(batch=batches(l2_cases(max_units=3, max_m=5), size=4))
    def check_gradient_matches_numerical_gradient(self, student, batch):
        for case, outcome in zip(batch, outcomes(student.backward_propagation_with_regularization, batch),
                                 strict=True):  # fmt: skip
            X, Y, cache, lambd = case.args
            parameters = dict(zip(PARAMETER_KEYS, (cache[2], cache[3], cache[6], cache[7], cache[10], cache[11]),
                                  strict=True))  # fmt: skip
            approx = numerical_gradients(X, Y, parameters, lambd)
            if (
                gradient_difference(ref.backward_propagation_with_regularization(*fresh(case.args)), approx)
                > 1e-7
            ):
                continue  # a ReLU kink within epsilon: the numerical gradient itself is off
            with on(f"{case.description} (the cost is compute_cost + lambd / (2m) * sum of squared weights)"):
                got = unwrap(outcome)
                if not isinstance(got, dict):
                    fail(f"expected a dict of the gradients, got {kind(got)}")
                missing = [k for k in PARAMETER_KEYS if "d" + k not in got]
                if missing:
                    fail(f"gradients: missing {', '.join('d' + k for k in missing)}")
                for key in PARAMETER_KEYS:
                    if np.shape(got["d" + key]) != parameters[key].shape:
                        fail(
                            f"gradients['d{key}'] has shape {np.shape(got['d' + key])}, "
                            f"expected {parameters[key].shape}"
                        )
                difference = gradient_difference(got, approx)
                if not difference <= GRADIENT_TOLERANCE:
                    worst = max(
                        PARAMETER_KEYS, key=lambda k: float(np.max(np.abs(got["d" + k] - approx["d" + k])))
                    )
                    fail(
                        f"the gradients differ from central differences of the cost: difference "
                        f"||grad - gradapprox|| / (||grad|| + ||gradapprox||) = {difference:.3g} > "
                        f"{GRADIENT_TOLERANCE:g}; worst in d{worst}: got {np.ravel(got['d' + worst])[:4]}, "
                        f"numerical {np.ravel(approx['d' + worst])[:4]}"
                    )

    @pytest.mark.points(4)
    @pytest.mark.hint("only the weights are penalized: db1, db2, db3 stay the plain gradients")
    @given(batch=batches(l2_cases((10.0,)), size=SMALL_BATCH))
    def check_biases_are_not_penalized(self, student, batch):
        for case, got in judged(student.backward_propagation_with_regularization, batch):  # fmt: skip
            with on(case.description):
                X, Y, cache, _ = case.args
                plain = backward_propagation(X, Y, cache)
                expect_gradients(got, {k: plain[k] for k in ("db1", "db2", "db3")})


# --------------------------------------------------------------------------- dropout forward


def judged_forward(student, batch: list[Case]):
    """``(case, cache, (D1, D2))`` of the student's forward pass on each case, the masks as
    0/1 floats; a call that raised, or a malformed result, fails inside ``on(case)``."""
    for case, outcome in zip(batch, outcomes(student.forward_propagation_with_dropout, batch), strict=True):
        with on(case.description):
            _, cache = forward_parts(unwrap(outcome))
            for i in (0, 2, 5, 7):
                if type(cache[i]) is not np.ndarray:
                    fail(f"cache[{i}] ({CACHE_NAMES[i]}) should be an array, got {kind(cache[i])}")
            masks = tuple(mask_values(cache[i], cache[i + 1].shape, f"cache[{i}] ({name})")
                          for i, name in MASKS.items())  # fmt: skip
        yield case, cache, masks


def large_forward_cases(keep_prob: float) -> list[Case]:
    """Two networks whose masks have 20000 to 40000 units each (the statistical checks)."""
    big = [Net(3, 40, 20, 1000, seed=7), Net(2, 25, 40, 800, seed=8)]
    return [Case((n.X, n.parameters, keep_prob), f"{n}, keep_prob={keep_prob}") for n in big]


@pytest.mark.exercise("forward_propagation_with_dropout")
class CheckForwardWithDropout:
    @pytest.mark.points(6)
    @pytest.mark.hint(
        "np.random.seed(1); D1 = np.random.rand(A1.shape[0], A1.shape[1]); "
        "D1 = (D1 < keep_prob).astype(int); A1 = A1 * D1 / keep_prob; the same for D2 and A2"
    )
    def check_coursera_cases(self, student):
        expect_like_reference(
            student.forward_propagation_with_dropout,
            ref.forward_propagation_with_dropout,
            official_cases("forward_propagation_with_dropout"),
            "",
            COURSERA,
            compare=expect_dropout_forward,
            mistakes=mistakes.DROPOUT_FORWARD,
        )

    @pytest.mark.points(6)
    @pytest.mark.hint(
        "seed once (np.random.seed(1)), draw D1 with np.random.rand(*A1.shape), then D2 the same way"
    )
    @given(batch=batches(forward_cases()))
    def check_same_masks_as_coursera(self, student, batch):
        expect_like_reference(
            student.forward_propagation_with_dropout,
            ref.forward_propagation_with_dropout,
            batch,
            "",
            compare=expect_dropout_forward,
            mistakes=mistakes.DROPOUT_FORWARD,
        )

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "keep a unit when its uniform random number is below keep_prob: D1 = (D1 < keep_prob), "
        "with D1 = np.random.rand(...) (uniform on [0, 1), not randn)"
    )
    def check_keeps_about_keep_prob_of_the_units(self, student):
        for case, _, masks in judged_forward(student, large_forward_cases(0.8) + large_forward_cases(0.3)):
            with on(case.description):
                keep_prob = case.args[2]
                for name, D in zip(MASKS.values(), masks, strict=True):
                    kept, margin = float(np.mean(D)), hoeffding(D.size)
                    if abs(kept - keep_prob) > margin:
                        fail(
                            f"{name} keeps {kept:.1%} of its {D.size} units; with keep_prob={keep_prob} it keeps "
                            f"{keep_prob:.0%} +- {margin:.1%} (all but a {FALSE_FAILURE:g} chance)"
                        )

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "A1 = A1 * D1 shuts down the dropped units, then A1 = A1 / keep_prob rescales the others"
    )
    @pytest.mark.needs("check_keeps_about_keep_prob_of_the_units")  # an all-zero cache has it
    @given(batch=batches(forward_cases(), size=SMALL_BATCH))
    def check_zero_where_dropped_and_survivors_rescaled(self, student, batch):
        for case, cache, masks in judged_forward(student, batch):
            with on(case.description):
                keep_prob = case.args[2]
                for (i, name), D in zip(MASKS.items(), masks, strict=True):
                    Z, A, a_name = cache[i - 1], cache[i + 1], CACHE_NAMES[i + 1]
                    if A.shape == D.shape and np.any(A[D == 0] != 0):
                        index = tuple(int(j) for j in np.argwhere((D == 0) & (A != 0))[0])
                        fail(
                            f"{a_name}{list(index)} = {A[index]:.4g} although {name}{list(index)} = 0: "
                            "a dropped unit must output exactly 0"
                        )
                    expected = relu(Z) * D / keep_prob
                    try:
                        expect_array(A, expected, f"cache[{i + 1}] ({a_name}) against relu({CACHE_NAMES[i - 1]}) "
                                                  f"* {name} / keep_prob")  # fmt: skip
                    except CheckFailed as failure:
                        if A.shape == D.shape and np.allclose(A, relu(Z) * D):
                            hint = "inverted dropout rescales: A1 = A1 / keep_prob after masking"
                            raise CheckFailed(
                                f"{failure} -- the kept units are not divided by keep_prob", hint
                            ) from None
                        raise

    @pytest.mark.points(5)
    @pytest.mark.hint("divide the kept activations by keep_prob, so that each unit keeps its expected value")
    @pytest.mark.needs("check_keeps_about_keep_prob_of_the_units")  # all-zero or all-one masks have it
    def check_expected_activation_unchanged(self, student):
        for case, cache, _masks in judged_forward(
            student, large_forward_cases(0.8) + large_forward_cases(0.5)
        ):
            with on(case.description):
                keep_prob = case.args[2]
                for i in MASKS:
                    Z, A, a_name = cache[i - 1], cache[i + 1], CACHE_NAMES[i + 1]
                    active = relu(Z) > 0
                    if A.shape != Z.shape or not active.any():
                        continue  # the shapes are judged by the other checks
                    ratio = float(np.mean(A[active] / relu(Z)[active]))
                    margin = hoeffding(int(active.sum())) / keep_prob
                    if abs(ratio - 1) > margin:
                        fail(
                            f"on the {int(active.sum())} units with {CACHE_NAMES[i - 1]} > 0, {a_name} / "
                            f"relu({CACHE_NAMES[i - 1]}) averages {ratio:.3f}; inverted dropout keeps the "
                            f"expectation, so it should be 1 +- {margin:.3f} (all but a {FALSE_FAILURE:g} chance)"
                        )

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "with keep_prob = 1 every unit is kept (D < 1 always holds for np.random.rand) and "
        "nothing is rescaled: the plain forward pass"
    )
    @given(batch=batches(forward_cases((1.0,)), size=SMALL_BATCH))
    def check_keep_prob_one_is_plain_network(self, student, batch):
        for case, got in judged(student.forward_propagation_with_dropout, batch):
            with on(case.description):
                X, parameters, _ = case.args
                A3, plain = forward_propagation(X, parameters)
                Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, _, W3, b3 = plain
                ones1, ones2 = np.ones(Z1.shape), np.ones(Z2.shape)
                expected = (A3, (Z1, ones1, A1, W1, b1, Z2, ones2, A2, W2, b2, Z3, A3, W3, b3))
                expect_dropout_forward(got, expected)


# --------------------------------------------------------------------------- dropout backward


def expect_masked(got: object, cache: tuple) -> None:
    """``dA2`` and ``dA1`` are exactly zero where the cache's ``D2`` and ``D1`` are 0."""
    if not isinstance(got, dict):
        return  # judged by expect_gradients
    for grad, i in (("dA2", 6), ("dA1", 1)):
        g, D = got.get(grad), np.asarray(cache[i])
        if isinstance(g, np.ndarray) and g.shape == D.shape and np.any(g[D == 0] != 0):
            fail(
                f"gradients[{grad!r}] is not 0 where the cache's {CACHE_NAMES[i]} is 0: apply the mask stored "
                f"in the cache, {grad} = {grad} * {CACHE_NAMES[i]} / keep_prob (the forward pass's units, "
                "not new random ones)"
            )


def expect_gradients_or_mistake(got: object, args: tuple) -> None:
    """The reference's gradients on ``args``; a wrong result that is a known mistake is named."""
    try:
        expect_gradients(got, ref.backward_propagation_with_dropout(*fresh(args)))
    except CheckFailed as failure:
        raise recognised(
            failure, got, args, mistakes.DROPOUT_BACKWARD, expect_gradients, "gradients", REFERENCE
        ) from None


def usable_cache(outcome: object, X: np.ndarray, parameters: dict) -> tuple | None:
    """The student's forward cache when it has the course's structure and shapes, else None."""
    try:
        _, cache = forward_parts(unwrap(outcome))
        shapes = [c.shape for c in ref.forward_propagation_with_dropout(X, parameters, 0.5)[1]]
        if not all(type(c) is np.ndarray and c.shape == s for c, s in zip(cache, shapes, strict=True)):
            return None
        for i in MASKS:
            mask_values(cache[i], shapes[i], "mask")
    except Exception:  # any fault of the forward pass: fall back to the reference
        return None
    return cache


@pytest.mark.exercise("backward_propagation_with_dropout")
class CheckBackwardWithDropout:
    @pytest.mark.points(6)
    @pytest.mark.hint("dA2 = dA2 * D2 / keep_prob and dA1 = dA1 * D1 / keep_prob, with D1, D2 from the cache")
    def check_coursera_cases(self, student):
        expect_like_reference(
            student.backward_propagation_with_dropout,
            ref.backward_propagation_with_dropout,
            official_cases("backward_propagation_with_dropout"),
            "gradients",
            COURSERA,
            compare=expect_gradients,
            mistakes=mistakes.DROPOUT_BACKWARD,
        )

    @pytest.mark.points(6)
    @pytest.mark.hint(
        "mask then rescale dA2 and dA1 (not dZ2, dZ1): the returned dA2, dA1 are the masked ones"
    )
    @given(batch=batches(dropout_backward_cases()))
    def check_random_caches(self, student, batch):
        expect_like_reference(
            student.backward_propagation_with_dropout,
            ref.backward_propagation_with_dropout,
            batch,
            "gradients",
            compare=expect_gradients,
            mistakes=mistakes.DROPOUT_BACKWARD,
        )

    @pytest.mark.points(5)
    @pytest.mark.hint("use the masks D1 and D2 stored in the cache; drawing new ones shuts down other units")
    @given(batch=batches(dropout_backward_cases(complement_of_seed_1=True), size=SMALL_BATCH))
    def check_uses_the_masks_in_the_cache(self, student, batch):
        for case, got in judged(student.backward_propagation_with_dropout, batch):
            with on(case.description):
                expect_masked(got, case.args[2])
                expect_gradients_or_mistake(got, case.args)

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "the backward pass must shut down the units your forward pass dropped: "
        "use D1 and D2 from the cache it returned"
    )
    @given(
        pairs=batches(Sampled(lambda rng: (sample_net(rng), sample_value(rng, KEEP_PROBS))), size=SMALL_BATCH)
    )
    def check_masks_of_your_own_forward_pass(self, student, pairs):
        forward = [Case((n.X, n.parameters, kp), "") for n, kp in pairs]
        calls = []
        forwarded = outcomes(student.forward_propagation_with_dropout, forward)
        for (net, kp), outcome in zip(pairs, forwarded, strict=True):
            cache = usable_cache(outcome, net.X, net.parameters)
            whose = "the cache your forward_propagation_with_dropout returned"
            if cache is None:
                cache = ref.forward_propagation_with_dropout(net.X, net.parameters, kp)[1]
                whose = "the reference forward pass's cache (yours could not be used)"
            calls.append(Case((net.X, net.Y, cache, kp), f"{net}, keep_prob={kp}, {whose}"))
        for case, got in judged(student.backward_propagation_with_dropout, calls):
            with on(case.description):
                expect_masked(got, case.args[2])
                expect_gradients_or_mistake(got, case.args)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "with keep_prob = 1 and masks of ones the result is plain backpropagation: "
        "dZ3 = A3 - Y, dW3 = 1./m * np.dot(dZ3, A2.T), ..."
    )
    @given(batch=batches(Sampled(lambda rng: plain_case(sample_net(rng))), size=SMALL_BATCH))
    def check_keep_prob_one_is_plain_backprop(self, student, batch):
        calls = []
        for case in batch:
            X, Y, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = case.args
            ones1, ones2 = np.ones(Z1.shape, dtype=int), np.ones(Z2.shape, dtype=int)
            cache = (Z1, ones1, A1, W1, b1, Z2, ones2, A2, W2, b2, Z3, A3, W3, b3)
            calls.append(Case((X, Y, cache, 1.0), f"{case.description}, keep_prob=1, masks of ones"))
        for case, plain, outcome in zip(calls, batch, outcomes(student.backward_propagation_with_dropout, calls),
                                        strict=True):  # fmt: skip
            with on(case.description):
                expect_gradients(unwrap(outcome), backward_propagation(*fresh(plain.args)))
