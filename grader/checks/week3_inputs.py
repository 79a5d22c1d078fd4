r"""How the inputs of the week 3 checks (:mod:`grader.checks.week3`) are drawn.

Samplers of random cases (:class:`~grader.judge.strategies.Sampled`: numpy draws a whole
batch from one Hypothesis seed), the fixed inputs some checks use (worked examples, fixed
geometries, logits that overflow ``np.exp``), the numerical gradients of the reference
(central differences with step :data:`STEP`, computed once per grading) and the
classifier's training problem (three Gaussian blobs, :data:`TRAINING`).
"""

from __future__ import annotations

import functools
from typing import cast

import numpy as np

from grader.judge.numerical import numerical_gradient
from grader.judge.strategies import Case, Sampled, Values, sample_seed, sample_value
from reference import tuning as ref

#: Draws per call of a sampler.
SAMPLES = 1000
#: Central differences: the step (truncation error ~ STEP**2).
STEP = 1e-5
#: ``(learning_rate, num_epochs, mini_batch_size)`` of the classifier's checks: 240 examples
#: in 3 batches for 10 epochs, 30 steps of 8 block round trips each (the course's defaults,
#: 0.01, 10 and 32, take 80 steps: 640 round trips, about 0.6 s per training).
TRAINING = (0.05, 10, 80)


# --------------------------------------------------------------------------- sampling

#: Lower ends of the exponent range of the learning rates; the range is 1 to 4 decades wide.
LR_LOWS = (-7.0, -6.0, -5.0, -4.0, -3.5, -3.0, -2.0, -1.0)


def sampler_case(low: float, high: float, seed: int) -> Case:
    return Case((SAMPLES, seed, low, high), f"num={SAMPLES}, rng=seed {seed}, low={low:g}, high={high:g}")


def lr_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        low = cast(float, sample_value(rng, LR_LOWS))
        high = low + int(rng.integers(1, 5))
        return sampler_case(low, high, sample_seed(rng))

    return Sampled(sample)


#: (low, high) bounds of beta spanning at least one decade of 1 - beta.
BETA_RANGES = ((0.9, 0.999), (0.0, 0.9), (0.5, 0.99), (0.8, 0.999), (0.9, 0.99), (0.99, 0.9999), (0.0, 0.999))


def beta_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        low, high = cast("tuple[float, float]", sample_value(rng, BETA_RANGES))
        return sampler_case(low, high, sample_seed(rng))

    return Sampled(sample)


# --------------------------------------------------------------------------- coarse to fine

TOP_FRACTIONS = (0.1, 0.2, 0.25, 0.3, 0.5, 1.0)


def sample_trials(rng: np.random.Generator) -> Case:
    """k trials of d hyperparameters, some log-scaled, with distinct random scores."""
    k, d = int(rng.integers(1, 31)), int(rng.integers(1, 5))
    log_scale = rng.integers(0, 2, d).astype(bool)
    top_fraction = sample_value(rng, TOP_FRACTIONS)
    trials = np.where(log_scale, 10.0 ** rng.uniform(-6, 0, (k, d)), rng.uniform(0, 100, (k, d)))  # (k, d)
    scores = rng.uniform(0, 1, k)  # (k,)
    described = (
        f"{k} trials of {d} hyperparameters, log_scale={log_scale.tolist()}, top_fraction={top_fraction}"
    )
    return Case((trials, scores, log_scale, top_fraction), described)


def trial_cases() -> Sampled[Case]:
    return Sampled(sample_trials)


#: Worked examples: (trials, scores, log_scale, top_fraction) and what they teach.
BOX_EXAMPLES = (
    (
        np.array([[1e-3, 0.5], [1e-1, 0.9], [1e-2, 0.7], [1e-4, 0.1]]),
        np.array([0.9, 0.8, 0.95, 0.1]),
        np.array([True, False]),
        0.5,
        "learning rates 1e-3 and 1e-2 (log-scaled) among the best two of 4",
    ),
    (
        np.array([[1e-5], [1e-3], [1e-4], [1e-1], [1.0], [1e-2], [1e-6], [0.5], [1e-3], [1e-2]]),
        np.linspace(0, 1, 10)[::-1].copy(),
        np.array([True]),
        0.25,
        "10 trials, top_fraction=0.25: ceil(2.5) = 3 kept",
    ),
    (
        np.array([[0.01, 64.0], [0.1, 128.0], [0.001, 32.0]]),
        np.array([0.2, 0.7, 0.4]),
        np.array([True, False]),
        0.1,
        "3 trials, top_fraction=0.1: ceil(0.3) = 1 kept, the best one",
    ),
)


def worked_examples() -> list[Case]:
    """:data:`BOX_EXAMPLES` as cases."""
    return [Case(example[:4], example[4]) for example in BOX_EXAMPLES]


# --------------------------------------------------------------------------- batch norm


def make_units(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``Z`` (n, m) whose rows have their own mean and, for m > 1, a standard deviation in
    [0.3, 3] exactly (no row is nearly constant), and ``gamma``, ``beta`` (n, 1)."""
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((n, m))
    if m > 1:
        noise = (noise - noise.mean(axis=1, keepdims=True)) / noise.std(axis=1, keepdims=True)
    Z = rng.uniform(-5, 5, (n, 1)) + rng.uniform(0.3, 3, (n, 1)) * noise
    return Z, rng.normal(1, 0.5, (n, 1)), rng.normal(0, 1, (n, 1))


def bn_case(n: int, m: int, seed: int, epsilon: float = 1e-8, unit_gamma: bool = False) -> Case:
    Z, gamma, beta = make_units(n, m, seed)
    if unit_gamma:
        gamma, beta = np.ones_like(gamma), np.zeros_like(beta)
    return Case((Z, gamma, beta, epsilon), f"Z of shape {(n, m)}, epsilon={epsilon:g}")


def sample_bn_case(rng: np.random.Generator, epsilon: float = 1e-8, unit_gamma: bool = False) -> Case:
    """:func:`bn_case` with n in 1..5 and m in 2..12."""
    n, m = int(rng.integers(1, 6)), int(rng.integers(2, 13))
    return bn_case(n, m, sample_seed(rng), epsilon, unit_gamma)


def bn_cases(epsilon: float = 1e-8, unit_gamma: bool = False) -> Sampled[Case]:
    return Sampled(functools.partial(sample_bn_case, epsilon=epsilon, unit_gamma=unit_gamma))


#: Fixed geometries (n, m, seed) for the properties that pin values on any input: one round trip.
FIXED_SHAPES = ((1, 2, 0), (3, 4, 1), (2, 7, 2), (4, 3, 3), (5, 12, 4), (1, 9, 5), (3, 2, 6), (2, 5, 7))


def epsilon_cases() -> list[Case]:
    """:data:`FIXED_SHAPES` with epsilon = 0.5 (a large epsilon shows where it goes)."""
    return [bn_case(n, m, seed, epsilon=0.5) for n, m, seed in FIXED_SHAPES]


#: Inputs of the gradient checks: (n, m, seed, epsilon).
GRADIENT_SHAPES = ((1, 2, 0, 1e-8), (3, 4, 1, 1e-8), (2, 7, 2, 0.1), (4, 3, 3, 1e-3), (2, 10, 4, 1e-8))


@functools.cache
def batchnorm_gradient_cases() -> tuple[tuple[Case, tuple], ...]:
    """Cases ``(dZ_tilde, cache)`` and the numerical ``(dZ, dgamma, dbeta)`` of
    :math:`L = \\sum dZ_{tilde} \\odot \\tilde Z` through the reference forward pass."""
    out = []
    for n, m, seed, epsilon in GRADIENT_SHAPES:
        Z, gamma, beta = make_units(n, m, seed)
        gamma[0] = -abs(gamma[0])  # a negative scale too
        G = np.random.default_rng(seed + 100).standard_normal((n, m))  # dZ_tilde

        def loss(Z=Z, gamma=gamma, beta=beta, G=G, epsilon=epsilon) -> float:
            return float(np.sum(G * ref.batchnorm_forward(Z, gamma, beta, epsilon)[0]))

        numerical = (
            numerical_gradient(lambda x: loss(Z=x), Z, STEP),
            numerical_gradient(lambda x: loss(gamma=x), gamma, STEP),
            numerical_gradient(lambda x: loss(beta=x), beta, STEP),
        )
        cache = ref.batchnorm_forward(Z, gamma, beta, epsilon)[1]
        described = (
            f"Z of shape {(n, m)}, epsilon={epsilon:g}, dZ_tilde random (cache from the reference forward)"
        )
        out.append((Case((G, cache), described), numerical))
    return tuple(out)


def backward_case(case: Case, seed: int) -> Case:
    """``(dZ_tilde, cache)`` with the cache of the reference forward pass on ``case``."""
    Z, gamma, beta, epsilon = case.args
    G = np.random.default_rng(seed).standard_normal(Z.shape)
    return Case(
        (G, ref.batchnorm_forward(Z, gamma, beta, epsilon)[1]), f"{case.description}, dZ_tilde random"
    )


def backward_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        return backward_case(sample_bn_case(rng), sample_seed(rng))

    return Sampled(sample)


def zero_sum_cases() -> list[Case]:
    """Backward cases of :data:`FIXED_SHAPES` with epsilon = 0 (each row of dZ sums to 0)."""
    return [backward_case(bn_case(n, m, seed, epsilon=0.0), seed) for n, m, seed in FIXED_SHAPES]


def sum_cases() -> list[Case]:
    """``(dZ_tilde, cache)`` with dZ_tilde all ones, and dZ_tilde = Z_norm: dbeta and dgamma
    are then sums a student can check by hand."""
    calls = []
    for n, m, seed in ((2, 5, 7), (3, 8, 8), (1, 3, 9)):
        Z, gamma, beta = make_units(n, m, seed)
        cache = ref.batchnorm_forward(Z, gamma, beta)[1]
        calls += [
            Case((np.ones((n, m)), cache), f"Z of shape {(n, m)}, dZ_tilde all ones"),
            Case((cache[1].copy(), cache), f"Z of shape {(n, m)}, dZ_tilde = Z_norm"),
        ]
    return calls


def running_cases(momenta: Values = (0.5, 0.9, 0.99)) -> Sampled[Case]:
    """``(running_mean, running_var, mu, var, momentum)`` for 1..6 units, values in [0.1, 5)."""

    def sample(rng: np.random.Generator) -> Case:
        n, seed, momentum = int(rng.integers(1, 7)), sample_seed(rng), sample_value(rng, momenta)
        return Case(
            tuple(np.random.default_rng(seed).uniform(0.1, 5, (4, n, 1))) + (momentum,),
            f"{n} units, momentum={momentum}",
        )

    return Sampled(sample)


def batch_statistics() -> np.ndarray:
    """6 batches of (mu, var) for 3 units."""
    rng = np.random.default_rng(3)
    return rng.uniform(0.5, 4, (6, 2, 3, 1))


def inference_cases(epsilon: float = 1e-8) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        n, m, seed = int(rng.integers(1, 6)), int(rng.integers(2, 9)), sample_seed(rng)
        Z, gamma, beta = make_units(n, m, seed)
        running = np.random.default_rng(seed + 1)
        running_mean, running_var = running.uniform(-5, 5, (n, 1)), running.uniform(0.05, 4, (n, 1))
        return Case(
            (Z, gamma, beta, running_mean, running_var, epsilon), f"Z of shape {(n, m)}, epsilon={epsilon:g}"
        )

    return Sampled(sample)  # m = 1: check_one_example_at_a_time


def one_example_cases() -> list[Case]:
    """Each column of one Z alone, then the 5 columns together (normalized with the running
    averages, a column's result does not depend on the others)."""
    Z, gamma, beta = make_units(3, 5, seed=11)
    running_mean, running_var = np.array([[1.0], [-2.0], [0.5]]), np.array([[2.0], [0.5], [1.0]])
    calls = [
        Case((Z[:, j : j + 1], gamma, beta, running_mean, running_var), f"column {j} of Z alone")
        for j in range(5)
    ]
    calls.append(Case((Z, gamma, beta, running_mean, running_var), "the 5 columns together"))
    return calls


def inference_epsilon_cases() -> list[Case]:
    """A small running_var and epsilon = 0.5 (a large epsilon shows where it goes)."""
    calls = []
    for seed in range(4):
        Z, gamma, beta = make_units(2, 4, seed)
        running_var = np.array([[0.01], [0.3]])
        calls.append(
            Case(
                (Z, gamma, beta, Z.mean(axis=1, keepdims=True), running_var, 0.5),
                f"Z of shape (2, 4), running_var={running_var.ravel().tolist()}, epsilon=0.5",
            )
        )
    return calls


# --------------------------------------------------------------------------- a layer without bias


def linear_case(n_prev: int, n: int, m: int, seed: int, with_bias: bool = False) -> Case:
    """``(A_prev, W, gamma, beta, epsilon)``; ``with_bias``: a row of ones in A_prev and a column
    b in W, so that ``W_b A_ones = W A_prev + b``."""
    rng = np.random.default_rng(seed)
    A_prev, W = (
        rng.standard_normal((n_prev, m)) + rng.uniform(-2, 2, (n_prev, 1)),
        rng.standard_normal((n, n_prev)),
    )
    _, gamma, beta = make_units(n, 1, seed)
    described = f"A_prev of shape {(n_prev, m)}, W of shape {(n, n_prev)}"
    if not with_bias:
        return Case((A_prev, W, gamma, beta, 1e-8), described)
    b = rng.uniform(-10, 10, (n, 1))
    A_ones, W_b = np.vstack([A_prev, np.ones((1, m))]), np.hstack([W, b])
    return Case(
        (A_ones, W_b, gamma, beta, 1e-8),
        f"{described} and a bias b={np.round(b.ravel(), 2).tolist()} added to Z: A_prev gets a row "
        "of ones, W the column b",
    )


def linear_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        n_prev, n, m = (int(v) for v in (rng.integers(1, 5), rng.integers(1, 5), rng.integers(2, 11)))
        return linear_case(n_prev, n, m, sample_seed(rng))

    return Sampled(sample)


def bias_cases() -> list[Case]:
    """:func:`linear_case` with a bias folded into A_prev and W."""
    return [
        linear_case(n_prev, n, m, seed, with_bias=True)
        for n_prev, n, m, seed in ((1, 1, 2, 0), (3, 2, 5, 1), (2, 4, 8, 2), (4, 3, 3, 3), (2, 2, 10, 4))
    ]


# --------------------------------------------------------------------------- softmax


def logits(C: int, m: int, seed: int, scale: float = 3.0) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, scale, (C, m))


def one_hot(C: int, m: int, seed: int) -> np.ndarray:
    return np.eye(C)[:, np.random.default_rng(seed + 1).integers(0, C, m)]  # (C, m)


def logit_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        C, m, seed = int(rng.integers(1, 7)), int(rng.integers(1, 9)), sample_seed(rng)
        return Case((logits(C, m, seed),), f"Z of shape {(C, m)}")

    return Sampled(sample)


def probability_cases() -> Sampled[Case]:
    """``(Y_hat, Y)``: a softmax output and one-hot labels."""

    def sample(rng: np.random.Generator) -> Case:
        C, m, seed = int(rng.integers(2, 7)), int(rng.integers(1, 9)), sample_seed(rng)
        return Case((ref.softmax(logits(C, m, seed)), one_hot(C, m, seed)), f"Y_hat, Y of shape {(C, m)}")

    return Sampled(sample)


#: Columns that overflow np.exp without the max subtraction: (C, m) = (3, 4).
HUGE_LOGITS = np.array(
    [[1000.0, -1000.0, 710.0, 0.0], [999.0, -1001.0, 700.0, 800.0], [0.0, -1000.0, -710.0, 1.0]]
)


def huge_logit_cases() -> list[Case]:
    """Logits for which np.exp overflows without the max subtraction."""
    return [
        Case((HUGE_LOGITS,), f"Z = {HUGE_LOGITS.tolist()}"),
        Case((HUGE_LOGITS[:, :1] * 2,), "a column of logits 2000, 1998 and 0"),
        Case((np.full((4, 2), -1000.0),), "Z full of -1000 (every class equally likely)"),
    ]


def shifted_logit_cases() -> list[Case]:
    """Logits with a different large constant added to each column."""
    shifted = []
    for (C, m, seed), shift in zip(
        ((1, 1, 0), (3, 4, 1), (2, 6, 2), (5, 3, 3), (4, 8, 4)),
        (50.0, 900.0, -800.0, 400.0, 1000.0),
        strict=True,
    ):
        Z = logits(C, m, seed)
        c = shift * np.linspace(1, 0.5, m)  # (m,): a different constant per column
        shifted.append(
            Case((Z + c,), f"Z of shape {(C, m)} plus {np.round(c, 1).tolist()} added to the columns")
        )
    return shifted


def repeated_example_cases() -> list[Case]:
    """Pairs of cases: ``(Y_hat, Y)``, then the same examples three times."""
    calls = []
    for C, m, seed in ((3, 4, 0), (5, 2, 1)):
        Y_hat, Y = ref.softmax(logits(C, m, seed)), one_hot(C, m, seed)
        calls += [
            Case((Y_hat, Y), f"Y_hat, Y of shape {(C, m)}"),
            Case((np.hstack([Y_hat] * 3), np.hstack([Y] * 3)), f"the same {m} examples three times"),
        ]
    return calls


@functools.cache
def softmax_gradient_cases() -> tuple[tuple[Case, np.ndarray], ...]:
    r"""Cases ``(Y_hat, Y)`` and the numerical :math:`\partial (m J) / \partial Z` through the
    reference softmax and cost."""
    out = []
    for C, m, seed in ((2, 1, 0), (3, 4, 1), (5, 3, 2), (4, 6, 3)):
        Z, Y = logits(C, m, seed, scale=2.0), one_hot(C, m, seed)

        def m_J(x: np.ndarray, Y: np.ndarray = Y, m: int = m) -> float:
            return m * ref.compute_softmax_cost(ref.softmax(x), Y)

        numerical = numerical_gradient(m_J, Z, STEP)
        described = (
            f"Y_hat = softmax(Z), Y of shape {(C, m)}; expected: central differences of m J, step {STEP:g}"
        )
        out.append((Case((ref.softmax(Z), Y), described), numerical))
    return tuple(out)


# --------------------------------------------------------------------------- the classifier


LAYERS = (2, 8, 3)


def blobs(m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian blobs (std 1) centred 3 apart around (4, -3): X (2, m), Y one-hot (3, m)."""
    rng = np.random.default_rng(seed)
    labels = np.arange(m) % 3
    angles = 2 * np.pi * labels / 3
    centres = np.stack([4 + 3 * np.cos(angles), -3 + 3 * np.sin(angles)])  # (2, m)
    return centres + rng.standard_normal((2, m)), np.eye(3)[:, labels]


@functools.cache
def classifier_data() -> tuple[tuple[Case, np.ndarray, np.ndarray], ...]:
    """Training calls ``(X, Y, layers_dims, seed, *TRAINING)`` and their held-out test sets (X, labels)."""
    out = []
    for seed in (0, 1, 2):
        X, Y = blobs(240, seed)
        X_test, Y_test = blobs(300, seed + 1000)
        out.append((training_case(X, Y, seed), X_test, Y_test.argmax(axis=0)))
    return tuple(out)


def training_case(X: np.ndarray, Y: np.ndarray, seed: int, num_epochs: int = TRAINING[1]) -> Case:
    learning_rate, _, mini_batch_size = TRAINING
    return Case(
        (X, Y, list(LAYERS), seed, learning_rate, num_epochs, mini_batch_size),
        f"three Gaussian blobs, X of shape {X.shape}, layers_dims={list(LAYERS)}, rng=seed {seed}, "
        f"learning_rate={learning_rate}, num_epochs={num_epochs}, mini_batch_size={mini_batch_size}",
    )


@functools.cache
def initial_model() -> tuple[dict, dict]:
    return ref.initialize_bn_network(list(LAYERS), np.random.default_rng(0))
