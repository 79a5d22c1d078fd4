r"""How the inputs of the course 2 week 1 "Regularization" checks
(:mod:`grader.checks.week1_regularization`) are drawn.

Every input is a :class:`Net`, the course's 3-layer network ``[n_0, n_1, n_2, 1]`` with its
inputs ``X`` and labels ``Y`` on ``m`` examples, all from one seed (:func:`sample_net`: 1 to
6 inputs and units per hidden layer, 1 to 8 examples, each uniform; numpy samples a batch
from one Hypothesis-drawn seed, see :class:`~grader.judge.strategies.Sampled`).  The cases
of each exercise are built from it: the L2 cost's (:func:`cost_cases`), the L2 backward
pass's (:func:`l2_cases`), the dropout forward pass's (:func:`forward_cases`), the dropout
backward pass's with a judge-side dropout cache (:func:`dropout_backward_cases`,
:func:`dropout_cache`), and the plain forward pass's (:func:`plain_case`).  The fixed
inputs are here too: the official Coursera cases (:func:`official_cases`) and the two large
networks of the statistical checks (:func:`large_forward_cases`).
"""

from __future__ import annotations

import math

import numpy as np

from grader.checks import coursera
from grader.checks.coursera import week1_init_reg_cases as cases
from grader.judge.strategies import Case, Sampled, Values, sample_seed, sample_value
from reference.reg_helpers import forward_propagation, relu

PARAMETER_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
#: Cases per Hypothesis example of the checks that restate a property on top of another
#: check's comparison with the reference (half of grader.judge.strategies.BATCH, to grade fast).
SMALL_BATCH = 5
KEEP_PROBS = (0.5, 0.6, 0.7, 0.8, 0.86, 0.9, 0.95)
LAMBDAS = (0.01, 0.1, 0.5, 0.7, 1.0, 3.0)


def official_cases(function: str) -> list[Case]:
    """Every official Coursera call of ``function``, all generations."""
    return coursera.official_cases(cases, function, cases.REG_GENERATIONS)


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


def large_forward_cases(keep_prob: float) -> list[Case]:
    """Two networks whose masks have 20000 to 40000 units each (the statistical checks)."""
    big = [Net(3, 40, 20, 1000, seed=7), Net(2, 25, 40, 800, seed=8)]
    return [Case((n.X, n.parameters, keep_prob), f"{n}, keep_prob={keep_prob}") for n in big]
