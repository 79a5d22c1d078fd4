r"""How the inputs of :mod:`grader.checks.week1_gradient_checking` are drawn: the 1-D cases
``(x, theta[, epsilon])``, the wrong forward and backward propagations ``gradient_check`` is
run with in place of the notebook's, and the random 4-5-3-1 networks of ``gradient_check_n``
with the reference's difference on them (the checks, and how they judge, stay there).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from grader.checks import week1_gradient_checking_mistakes as mistakes
from grader.judge.strategies import (
    Case,
    Sampled,
    ShortRepr,
    sample_float,
    sample_int,
    sample_seed,
    sample_value,
)
from reference import gc_helpers
from reference import gradient_checking as ref

#: Networks drawn for the correct-gradient check score at most this with the reference.
CORRECT_MARGIN = ref.THRESHOLD / 4
#: Networks drawn for the wrong-gradient check score at least this with the reference.
WRONG_MINIMUM = 1e-3

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


def backward_off_by_one(x: float, theta: float) -> float:
    """A wrong gradient of J = theta * x: x + 1 instead of x, whatever theta."""
    return x + 1.0


def forward_squared(x: float, theta: float) -> float:
    r"""A cost whose gradient is not x: :math:`J = (\theta x)^2`.  Symmetric in its two
    arguments, as theta * x is: the 2017 notebook calls ``forward_propagation(thetaplus, x)``."""
    return (theta * x) ** 2


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
