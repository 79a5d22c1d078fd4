r"""How the inputs of course 2 week 2's checks are drawn (:mod:`grader.checks.week2`): the
official Coursera cases of every generation, random networks with their gradients and
optimizer states, and the hyper-parameters and decay schedules."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from grader.checks import coursera
from grader.checks.coursera import week2_cases as cases
from grader.judge.strategies import (
    Case,
    Network,
    Sampled,
    Values,
    sample_hyper,
    sample_network,
)


def official_cases(function: str, describe=coursera.the_coursera_case) -> list[Case]:
    """Every official Coursera call of ``function``, all generations (2017 to today)."""
    return coursera.official_cases(cases, function, cases.GENERATIONS, describe)


def network_cases(extra_grads: bool = False, **hyper: Values) -> Sampled[Case]:
    """Cases ``(parameters, grads, *hyper)`` on random networks, described for students;
    each hyper-parameter takes one of its ``Values``."""

    def sample(rng: np.random.Generator) -> Case:
        net, values = sample_network(rng, extra_grads), sample_hyper(rng, hyper)
        described = ", ".join([str(net), *(f"{k}={v}" for k, v in values.items())])
        return Case((net.parameters, net.grads, *values.values()), described)

    return Sampled(sample)


def state_cases(states: tuple[str, ...], **hyper: Values) -> Sampled[Case]:
    """Cases ``(parameters, grads, *states, *hyper)``; states are "signed" or "squares"."""

    def sample(rng: np.random.Generator) -> Case:
        net, values = sample_network(rng, extra_grads=True), sample_hyper(rng, hyper)
        described = ", ".join([str(net), *(f"{k}={v}" for k, v in values.items())])
        return Case((net.parameters, net.grads, *(net.state(s) for s in states), *values.values()), described)

    return Sampled(sample)


def step_grads(net: Network, step: int) -> dict:
    """Different gradients at each step of a scenario, same keys as ``net.grads``."""
    return {k: g * (1.0 + 0.5 * step) - 0.1 * step for k, g in net.grads.items()}


def parameter_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        net = sample_network(rng)
        return Case((net.parameters,), str(net))

    return Sampled(sample)


def adam_cases(**hyper: Values) -> Sampled[Case]:
    return state_cases(("signed", "squares"), **hyper)


def decay_cases(**arguments: st.SearchStrategy) -> st.SearchStrategy[Case]:
    def build(**values: object) -> Case:
        return Case(tuple(values.values()), ", ".join(f"{k}={v}" for k, v in values.items()))

    return st.builds(build, **arguments)
