r"""How the inputs of :mod:`grader.checks.week2_extras` are drawn: its strategies, case
builders and fixed inputs (the checks themselves, and how they judge, stay there).

The random cases are Hypothesis strategies (``sequence_cases``, ``constant_cases``,
``staircase_cases``), beside those it shares with :mod:`grader.checks.week2`
(``parameter_cases``, ``state_cases``, ``decay_cases``); a property that pins exact values
runs on the fixed inputs below, a few calls in one round trip.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from grader.judge.strategies import Case, betas, learning_rates, make_network, make_sequence, sequences

BETA2_VALUES = (0.9, 0.99, 0.999)  # of the random cases

# Fixed inputs.
SEQUENCES = tuple(make_sequence(T, seed) for seed, T in enumerate((1, 7, 50)))  # (T,) each
LONG_SEQUENCE = make_sequence(200, seed=3)  # (200,)
TEMPERATURES = np.array([40, 49, 45, 44, 51, 55, 60, 58, 63, 65])  # (10,), int, as in the lecture
DEEP_NETWORK = make_network((2,) * 13, seed=0)  # 12 layers: keys dW10, dW11, dW12
NETWORKS = tuple(make_network(sizes, seed, extra_grads=True)
                 for seed, sizes in enumerate(((3, 2), (2, 4, 3), (5, 3, 4, 2, 1), (1, 1))))  # fmt: skip
BETA2S = (0.9, 0.99, 0.999, 0.9)  # one per network of NETWORKS


# --------------------------------------------------------------------------- weighted averages


def sequence_cases(theta: st.SearchStrategy | None = None,
                   beta: st.SearchStrategy = betas) -> st.SearchStrategy[Case]:  # fmt: skip
    """Cases ``(theta, beta)``, theta of shape (T,) (default: ``sequences()``, T = 1..50)."""

    def build(theta: np.ndarray, beta: float) -> Case:
        return Case((theta, beta), f"a sequence of length {theta.shape[0]} from {theta[0]:.6g}, beta={beta}")

    return st.builds(build, sequences() if theta is None else theta, beta)


def constant_cases() -> st.SearchStrategy[Case]:
    """Cases ``(theta, beta)`` with theta a constant (away from 0) repeated T = 1..50 times."""

    def build(value: float, T: int, beta: float) -> Case:
        return Case(
            (np.full(T, value), beta), f"the constant sequence {value} repeated {T} times, beta={beta}"
        )

    return st.builds(build, st.floats(-100, -0.5) | st.floats(0.5, 100), st.integers(1, 50), betas)


# --------------------------------------------------------------------------- RMSprop


def fixed_rmsprop_cases(state: str, learning_rate: float, *epsilon: float) -> list[Case]:
    """Cases ``(parameters, grads, s, beta2, learning_rate[, epsilon])`` on :data:`NETWORKS`."""
    return [Case((net.parameters, net.grads, net.state(state), beta2, learning_rate, *epsilon),
                 ", ".join([str(net), f"beta2={beta2}", f"learning_rate={learning_rate}",
                            *(f"epsilon={e}" for e in epsilon)]))
            for net, beta2 in zip(NETWORKS, BETA2S, strict=True)]  # fmt: skip


# --------------------------------------------------------------------------- learning-rate schedules


@st.composite
def staircase_cases(draw: st.DrawFn, learning_rate0: st.SearchStrategy = learning_rates,
                    on_boundary: bool = False) -> Case:  # fmt: skip
    """Cases ``(learning_rate0, epoch_num, drop, epochs_per_drop)`` with ``epoch_num`` inside an
    interval (not its first epoch) or, ``on_boundary``, at ``k * epochs_per_drop``, k >= 1."""
    per_drop = draw(st.integers(1 if on_boundary else 2, 50))
    k = draw(st.integers(1 if on_boundary else 0, 5))
    epoch = k * per_drop + (0 if on_boundary else draw(st.integers(1, per_drop - 1)))
    rate0, drop = draw(learning_rate0), draw(st.floats(0.1, 0.9))
    return Case((rate0, epoch, drop, per_drop),
                f"learning_rate0={rate0}, epoch_num={epoch}, drop={drop}, epochs_per_drop={per_drop}")  # fmt: skip


def interval_start(case: Case) -> int:
    """The first epoch of the staircase interval holding the case's ``epoch_num``."""
    _, epoch, _, per_drop = case.args
    return epoch - epoch % per_drop
