r"""How the inputs of :mod:`grader.checks.week1_regularization_extras` are drawn: random
networks for L1 (:class:`Net`, its weights exactly 0 at places or bounded away from 0), dev
loss curves for early stopping (falling then rising with noise, with exact ties, strictly
decreasing, and the lecture's worked examples), and image batches for data augmentation
whose pixel values are 1, 2, ... in a random order, so where every pixel of a result came
from can be read off.
"""

from __future__ import annotations

import numpy as np

from grader.judge.strategies import Case, Sampled, Values, sample_seed, sample_value

#: Weights of the central-difference check are at least this far from 0 (>> its step).
AWAY_FROM_ZERO = 0.05

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


def with_lambd(case: Case, lambd: float) -> Case:
    parameters, _, m = case.args
    return Case((parameters, lambd, m), "")


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


LECTURE_CURVES = [  # (best, stop) worked by hand; epochs from 0
    stopping_case([0.9, 0.7, 0.6, 0.65, 0.62, 0.61, 0.7], 3, 0.0, "best at 2, stop at 5: "),
    stopping_case([0.9, 0.7, 0.6, 0.65, 0.62, 0.61, 0.7], 5, 0.0, "best at 2, never stops: "),
    stopping_case([1.0, 0.9, 0.8, 0.7], 1, 0.0, "best at 3, never stops: "),
    stopping_case([0.5], 2, 0.0, "one epoch: "),
    stopping_case([1.0, 0.95, 0.93, 0.92, 0.5], 2, 0.1, "decreases below min_delta, stop at 2: "),
    stopping_case([0.8, 0.6, 0.6, 0.7, 0.6, 0.9], 3, 0.0, "a tie with the best, best at 1, stop at 4: "),
]


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


def shift_case(m: int, n_H: int, n_W: int, n_C: int, max_shift: int, seed: int) -> Case:
    images = make_images(m, n_H, n_W, n_C, seed)
    return Case(
        (images, max_shift, seed % 1000), f"{_shape(images)}, max_shift={max_shift}, seed={seed % 1000}"
    )


def sample_shift_case(rng: np.random.Generator) -> Case:
    m, n_H, n_W, n_C, max_shift = (int(n) for n in rng.integers((1, 3, 3, 1, 0), (5, 7, 7, 3, 3)))
    return shift_case(m, n_H, n_W, n_C, max_shift, sample_seed(rng))


shift_cases = Sampled(sample_shift_case)
