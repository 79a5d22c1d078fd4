r"""The inputs of the course 5 week 1 checks (:mod:`grader.checks.c5w1`): how they are drawn.

Small random geometries (:data:`GEOMETRY`: n_x <= 4, n_a <= 5, 2 <= n_y <= 4, 2 <= m <= 5)
and sequences of :data:`STEPS` steps; cells whose answer is known (zero input and state,
the weights' input columns zeroed, saturated gates).  Each case builds its arrays from its
own seed.
"""

from __future__ import annotations

import numpy as np

from grader.judge.strategies import Case, Sampled, sample_seed, sample_value

#: Gate biases that saturate the sigmoid: sigmoid(30) = 1 - 9e-14.
SATURATED = 30.0


def rnn_parameters(n_x: int, n_a: int, n_y: int, rng: np.random.Generator) -> dict:
    return {
        "Waa": rng.standard_normal((n_a, n_a)),
        "Wax": rng.standard_normal((n_a, n_x)),
        "Wya": rng.standard_normal((n_y, n_a)),
        "ba": rng.standard_normal((n_a, 1)),
        "by": rng.standard_normal((n_y, 1)),
    }


def lstm_parameters(n_x: int, n_a: int, n_y: int, rng: np.random.Generator) -> dict:
    p = {}
    for gate in "fico":
        p[f"W{gate}"] = rng.standard_normal((n_a, n_a + n_x))
        p[f"b{gate}"] = rng.standard_normal((n_a, 1))
    p["Wy"], p["by"] = rng.standard_normal((n_y, n_a)), rng.standard_normal((n_y, 1))
    return p


#: The geometries drawn, each size uniform in its range: n_x, n_a, n_y, m.
GEOMETRY = (range(1, 5), range(1, 6), range(2, 5), range(2, 6))
#: Steps of the sequences the loops are judged on (the course's have several; T_x = 1 is never tested there).
STEPS = range(2, 5)


def sample_geometry(rng: np.random.Generator) -> tuple[int, int, int, int]:
    """``(n_x, n_a, n_y, m)``, each uniform in its :data:`GEOMETRY` range (Python ints)."""
    n_x, n_a, n_y, m = (int(sample_value(rng, sizes)) for sizes in GEOMETRY)
    return n_x, n_a, n_y, m


def _rnn_cell_case(g: tuple[int, int, int, int], seed: int, zero: bool = False) -> Case:
    n_x, n_a, n_y, m = g
    rng = np.random.default_rng(seed)
    p = rnn_parameters(n_x, n_a, n_y, rng)
    xt, a_prev = (
        (np.zeros((n_x, m)), np.zeros((n_a, m)))
        if zero
        else (rng.standard_normal((n_x, m)), rng.standard_normal((n_a, m)))
    )
    what = "zero " if zero else ""
    return Case(
        (xt, a_prev, p), f"{what}xt of shape {xt.shape}, {what}a_prev of shape {a_prev.shape}, n_y={n_y}"
    )


def _lstm_cell_case(g: tuple[int, int, int, int], seed: int, kind: str = "random") -> Case:
    n_x, n_a, n_y, m = g
    rng = np.random.default_rng(seed)
    p = lstm_parameters(n_x, n_a, n_y, rng)
    xt, a_prev, c_prev = (
        rng.standard_normal((n_x, m)),
        rng.standard_normal((n_a, m)),
        rng.standard_normal((n_a, m)),
    )
    note = ""
    if kind == "x_columns_zero":
        for gate in "fico":
            p[f"W{gate}"][:, n_a:] = 0.0
        note = ", the last n_x columns (those acting on xt) of Wf, Wi, Wc, Wo zero"
    elif kind in ("keep", "replace"):
        sign = 1.0 if kind == "keep" else -1.0
        p["bf"], p["bi"] = np.full((n_a, 1), sign * SATURATED), np.full((n_a, 1), -sign * SATURATED)
        for gate in "fi":
            p[f"W{gate}"] *= 0.1
        note = (
            ", bf = +30 and bi = -30 (forget gate open, update gate shut)"
            if kind == "keep"
            else ", bf = -30 and bi = +30 (forget gate shut, update gate open)"
        )
    return Case(
        (xt, a_prev, c_prev, p),
        f"xt of shape {xt.shape}, a_prev and c_prev of shape {a_prev.shape}, n_y={n_y}{note}",
    )


def _sequence_case(lstm: bool, g: tuple[int, int, int, int], T_x: int, seed: int) -> Case:
    n_x, n_a, n_y, m = g
    rng = np.random.default_rng(seed)
    p = (lstm_parameters if lstm else rnn_parameters)(n_x, n_a, n_y, rng)
    x, a0 = rng.standard_normal((n_x, m, T_x)), rng.standard_normal((n_a, m))
    return Case((x, a0, p), f"x of shape {x.shape}, a0 of shape {a0.shape}, n_y={n_y}")


def rnn_cell_cases(zero: bool = False) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        return _rnn_cell_case(sample_geometry(rng), sample_seed(rng), zero)

    return Sampled(sample)


def lstm_cell_cases(*kinds: str) -> Sampled[Case]:
    """LSTM cells of one of ``kinds`` (each as likely; "random" when none is given)."""
    chosen = kinds or ("random",)

    def sample(rng: np.random.Generator) -> Case:
        kind = str(sample_value(rng, chosen))
        return _lstm_cell_case(sample_geometry(rng), sample_seed(rng), kind)

    return Sampled(sample)


def sequence_cases(lstm: bool) -> Sampled[Case]:
    """Sequences of T_x = 2..4 steps (the course's have several; T_x = 1 is never tested there)."""

    def sample(rng: np.random.Generator) -> Case:
        g = sample_geometry(rng)
        return _sequence_case(lstm, g, int(sample_value(rng, STEPS)), sample_seed(rng))

    return Sampled(sample)
