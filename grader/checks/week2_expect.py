r"""Course 2 week 2's own comparisons (:mod:`grader.checks.week2`): a result's named parts,
the structure of ``random_mini_batches``' output, zero optimizer states, and several
successive updates each starting from the student's own result."""

from __future__ import annotations

import numpy as np

from grader.judge.compare import REFERENCE, expect_keys, expect_parts, expect_same, fail, kind, on
from grader.judge.judging import fresh, judged, outcomes, unwrap
from grader.judge.strategies import (
    BatchCase,
    Case,
)


def expect_named(got: tuple, expected: tuple, names: tuple[str, ...], tol=REFERENCE) -> None:
    """Compare the parts of a returned tuple, each under its name (``v``, not ``[1]``)."""
    for name, g, e in zip(names, got, expected, strict=False):
        expect_same(g, e, name, tol)


def batch_columns(batches: object, case: BatchCase) -> list[tuple[np.ndarray, np.ndarray]]:
    """Validate the structure of ``random_mini_batches``' output; return the batches."""
    n, m = case.X.shape
    if not isinstance(batches, list):
        fail(f"expected a list of (mini_batch_X, mini_batch_Y) tuples, got {kind(batches)}")
    out = []
    for i, batch in enumerate(batches):  # type: ignore[arg-type]
        bx, by = expect_parts(batch, ("mini_batch_X", "mini_batch_Y"), what=f"mini_batches[{i}]")
        for name, arr, rows in (("mini_batch_X", bx, n), ("mini_batch_Y", by, 1)):
            if type(arr) is not np.ndarray or arr.ndim != 2 or arr.shape[0] != rows:
                fail(f"mini_batches[{i}]: {name} should have shape ({rows}, k), got {kind(arr)}")
        if bx.shape[1] != by.shape[1]:
            fail(f"mini_batches[{i}]: X has {bx.shape[1]} columns but Y has {by.shape[1]}")
        out.append((bx, by))
    return out


def judged_batches(student, batch: list[BatchCase]):
    """``(case, validated mini-batches)`` for each case, inside ``on(case)``."""
    for case, got in judged(student.random_mini_batches, batch):
        with on(case.description):
            yield case, batch_columns(got, case)


def summary(values: np.ndarray) -> str:
    items = [int(v) for v in values[:8]]
    return str(items)[:-1] + (", ...]" if len(values) > 8 else "]")


def expect_zero_state(got: object, parameters: dict, what: str) -> None:
    """``got`` must hold zeros shaped like each W and b, under the keys dW1, db1, ..."""
    expected = {f"d{k}": np.zeros_like(v) for k, v in parameters.items()}
    expect_keys(got, expected, what)
    expect_same(got, expected, what)


def run_scenario(function, reference, nets, start, step, steps, state_of, names, described):
    """Several successive updates per network, each starting from the student's own result.

    ``start(net)`` is the initial state, ``step(state, net, t)`` the arguments of step
    ``t`` (1-based), ``state_of(got)`` validates a result and returns the next state.
    One round trip per step for the whole batch of networks.
    """
    got = [fresh(start(net)) for net in nets]
    expected = [fresh(start(net)) for net in nets]
    for t in range(1, steps + 1):
        calls = [Case(step(state, net, t), "") for state, net in zip(got, nets, strict=True)]
        results = outcomes(function, calls)
        for i, net in enumerate(nets):
            with on(f"{described} {net}, step {t}"):
                got[i] = state_of(unwrap(results[i]))
                expected[i] = reference(*fresh(step(expected[i], net, t)))
    for net, g, e in zip(nets, got, expected, strict=True):
        with on(f"{described} {net}, after step {steps}"):
            expect_named(g, e, names)
