r"""The inputs of the checks: Hypothesis strategies, and batches numpy samples from one seed.

Two ways to draw a batch of cases (:func:`batches`), with the same result for a check:

* from a **Hypothesis strategy** of one case: Hypothesis draws every descriptor of every
  case (sizes, seeds, hyper-parameters) and the case builds its arrays from its seed;
* from a :class:`Sampled`: Hypothesis draws *one* seed per example and numpy samples the
  whole batch from it (``np.random.default_rng(seed)``), descriptors and arrays alike.
  Each Hypothesis choice costs about 60 µs of bookkeeping, so a batch of ten networks
  costs about 8 ms drawn by Hypothesis and under 1 ms sampled (``benchmarks/``); the
  distribution of each descriptor is the same uniform one the strategies draw.  Checks run
  Hypothesis's generate phase only (no shrinking), so nothing is lost on a failure: the
  message names the failing input in full either way.

Either way everything drawn depends on the submission: each check's Hypothesis seed comes
from its text (:mod:`grader.judge.salt`), so the same submission always gets the same inputs and
another text gets others.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from hypothesis import strategies as st

#: Cases per Hypothesis example: they go to the worker in one round trip.
BATCH = 10

LEARNING_RATES = (1.0, 0.1, 0.05, 0.01, 0.007, 0.001, 0.0001)
BETAS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999)

seeds = st.integers(0, 2**32 - 1)
learning_rates = st.sampled_from(LEARNING_RATES)
betas = st.sampled_from(BETAS)


class ShortRepr:
    """Drawn values print as their ``repr``: Hypothesis's pretty-printer, which describes a
    failing example, would otherwise list a dataclass's fields (kilobytes of arrays)."""

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(repr(self))


@dataclass(frozen=True)
class Case(ShortRepr):
    """The arguments of one call, and how to describe them to a student."""

    args: tuple
    description: str

    def __repr__(self) -> str:  # Hypothesis prints examples; arrays would be slow and long
        return f"Case({self.description!r})"


Drawn = TypeVar("Drawn")


@dataclass(frozen=True)
class Sampled(Generic[Drawn]):
    """Cases numpy samples: ``sample(rng)`` is one case, all of its randomness from ``rng``."""

    sample: Callable[[np.random.Generator], Drawn]


def batches(
    cases: st.SearchStrategy[Drawn] | Sampled[Drawn], size: int = BATCH
) -> st.SearchStrategy[list[Drawn]]:
    """``size`` cases per Hypothesis example: each drawn by Hypothesis from a strategy, or
    sampled one after another from one Hypothesis-drawn seed (a :class:`Sampled`)."""
    if isinstance(cases, Sampled):
        return st.builds(functools.partial(sample_batch, cases.sample, size), seeds)
    return st.lists(cases, min_size=size, max_size=size)


def sample_batch(sample: Callable[[np.random.Generator], Drawn], size: int, seed: int) -> list[Drawn]:
    """``size`` cases sampled from ``seed``, the smallest first (:func:`numbers_in`; ties in
    the order sampled): a check reports the first case of a batch that fails, so the input
    a student reads is the smallest of the batch that shows the mistake.  Which cases a
    batch holds, and so whether a check passes, does not depend on the order."""
    rng = np.random.default_rng(seed)
    return sorted((sample(rng) for _ in range(size)), key=numbers_in)


def numbers_in(value: object, depth: int = 0) -> int:
    """How many numbers ``value`` holds: array elements and scalars, through containers and
    the fields of cases (a measure of an input's size, for ordering; 4 levels deep)."""
    if isinstance(value, np.ndarray):
        return value.size
    if isinstance(value, (int, float, np.generic)):
        return 1
    if depth > 4:
        return 0
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        value = getattr(value, "__dict__", None) or ()
        if isinstance(value, dict):
            value = value.values()
    return sum(numbers_in(item, depth + 1) for item in value)  # type: ignore[union-attr]


#: A hyper-parameter of sampled cases: the values it takes, each as likely (a ``range`` of
#: integers, or a tuple: ``(0.01,)`` for a constant).
Values = Sequence


def sample_value(rng: np.random.Generator, values: Sequence[Drawn]) -> Drawn:
    """One of ``values``, uniformly (a Python number, as a strategy draws: never a numpy scalar)."""
    return values[int(rng.integers(len(values)))]


def sample_values(rng: np.random.Generator, values: Sequence[Drawn], n: int) -> list[Drawn]:
    """``n`` of :func:`sample_value`, independently."""
    return [values[int(k)] for k in rng.integers(len(values), size=n)]


def sample_hyper(rng: np.random.Generator, hyper: dict[str, Values]) -> dict[str, object]:
    return {name: sample_value(rng, values) for name, values in hyper.items()}


def sample_int(rng: np.random.Generator, low: int, high: int) -> int:
    """Uniform in ``low..high``, both included: ``st.integers(low, high)``, sampled."""
    return int(rng.integers(low, high + 1))


def sample_ints(rng: np.random.Generator, low: int, high: int, n: int) -> list[int]:
    """``n`` of :func:`sample_int`, independently, as Python ints."""
    return [int(k) for k in rng.integers(low, high + 1, size=n)]


def sample_seed(rng: np.random.Generator) -> int:
    """A case's own seed, as :data:`seeds` draws it."""
    return int(rng.integers(2**32))


#: The chance of each edge value of :func:`sample_float`.
EDGE_CHANCE = 0.1


def sample_float(rng: np.random.Generator, low: float, high: float, special: Sequence[float] = ()) -> float:
    r"""A Python float in :math:`[low, high]`: ``low``, ``high`` and each of ``special``
    (zero, say) with probability :data:`EDGE_CHANCE` each, else uniform.  ``st.floats``
    draws its bounds far more often than a uniform draw would (which never does), and the
    bounds are where off-by-one mistakes show."""
    edges = (low, high, *special)
    if len(edges) * EDGE_CHANCE >= 1:
        raise ValueError(f"at most {int(1 / EDGE_CHANCE) - 1} edge values, got {len(edges)}")
    k = int(rng.integers(round(1 / EDGE_CHANCE)))
    return float(edges[k]) if k < len(edges) else float(rng.uniform(low, high))


@dataclass(frozen=True)
class Network(ShortRepr):
    """Parameters and gradients of a fully connected network with ``sizes`` = [n0, ..., nL]."""

    sizes: tuple[int, ...]
    parameters: dict
    grads: dict
    seed: int

    @property
    def layers(self) -> int:
        return len(self.sizes) - 1

    def __str__(self) -> str:
        return f"a {self.layers}-layer network with layer sizes {list(self.sizes)}"

    __repr__ = __str__

    def state(self, kind: str = "zeros") -> dict:
        """An optimizer state with the gradient keys: zeros, signed values or squares."""
        if kind not in ("zeros", "signed", "squares"):
            raise ValueError(f"unknown state kind {kind!r}")
        rng = np.random.default_rng(self.seed + 1)
        out = {}
        for l in range(1, self.layers + 1):
            for p in ("W", "b"):
                shape = self.parameters[f"{p}{l}"].shape
                if kind == "zeros":
                    out[f"d{p}{l}"] = np.zeros(shape)
                    continue
                value = rng.standard_normal(shape)
                out[f"d{p}{l}"] = value if kind == "signed" else value**2
        return out


def make_network(sizes: tuple[int, ...], seed: int, extra_grads: bool = False, m: int = 3) -> Network:
    """Random parameters and gradients; ``extra_grads`` adds the course helpers' ``dA``/``dZ`` keys."""
    rng = np.random.default_rng(seed)
    parameters, grads = {}, {}
    for l in range(1, len(sizes)):
        parameters[f"W{l}"] = rng.standard_normal((sizes[l], sizes[l - 1]))
        parameters[f"b{l}"] = rng.standard_normal((sizes[l], 1))
        grads[f"dW{l}"] = rng.standard_normal((sizes[l], sizes[l - 1]))
        grads[f"db{l}"] = rng.standard_normal((sizes[l], 1))
        if extra_grads:
            grads[f"dA{l}"] = rng.standard_normal((sizes[l], m))
            grads[f"dZ{l}"] = rng.standard_normal((sizes[l], m))
    return Network(tuple(sizes), parameters, grads, seed)


def sample_sizes(
    rng: np.random.Generator, min_layers: int = 1, max_layers: int = 4, max_units: int = 6
) -> tuple[int, ...]:
    """Layer sizes ``(n_0, ..., n_L)``: ``L`` uniform in ``min_layers..max_layers``, then each
    of ``n_0, ..., n_L`` uniform in ``1..max_units``."""
    layers = int(rng.integers(min_layers, max_layers + 1))
    return tuple(int(n) for n in rng.integers(1, max_units + 1, size=layers + 1))


def sample_network(rng: np.random.Generator, extra_grads: bool = False, **sizes: int) -> Network:
    """A network of the geometry of :func:`sample_sizes`, its values from its own seed."""
    return make_network(sample_sizes(rng, **sizes), sample_seed(rng), extra_grads)


def sampled_networks(extra_grads: bool = False, **sizes: int) -> Sampled[Network]:
    """Networks of 1-4 layers with 1-6 units per layer, sampled (see :func:`batches`)."""

    def sample(rng: np.random.Generator) -> Network:
        return sample_network(rng, extra_grads, **sizes)

    return Sampled(sample)


@dataclass(frozen=True)
class BatchCase(ShortRepr):
    """Inputs of ``random_mini_batches``: column j of X starts with j, Y[0, j] = j + 0.5."""

    X: np.ndarray
    Y: np.ndarray
    mini_batch_size: int
    seed: int

    @property
    def args(self) -> tuple:
        return (self.X, self.Y, self.mini_batch_size, self.seed)

    @property
    def description(self) -> str:
        n, m = self.X.shape
        return f"X of shape {(n, m)}, mini_batch_size={self.mini_batch_size}, seed={self.seed}"

    def __str__(self) -> str:
        return self.description

    __repr__ = __str__


def make_batch_case(n: int, m: int, size: int, seed: int) -> BatchCase:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m))
    X[0] = np.arange(m)
    Y = (np.arange(m) + 0.5).reshape(1, m)
    return BatchCase(X, Y, size, seed % 1000)


def sample_batch_case(rng: np.random.Generator) -> BatchCase:
    """A batch geometry: ``mini_batch_size`` in 1..70, and ``m`` in 1..300, at most the
    size, or a multiple of it (one third of the cases each); ``n`` in 1..4."""
    size = int(rng.integers(1, 71))
    shape = int(rng.integers(3))
    if shape == 0:
        m = int(rng.integers(1, size + 1))
    elif shape == 1:
        m = size * int(rng.integers(1, 5))
    else:
        m = int(rng.integers(1, 301))
    return make_batch_case(int(rng.integers(1, 5)), m, size, sample_seed(rng))


def batch_cases() -> Sampled[BatchCase]:
    """Inputs of ``random_mini_batches``, with m < size and m a multiple of size drawn often."""
    return Sampled(sample_batch_case)


def make_sequence(length: int, seed: int, scale: float = 10.0) -> np.ndarray:
    """A float sequence of shape (length,), normally distributed around 0 with ``scale``."""
    return np.random.default_rng(seed).normal(0.0, scale, length)


def sequences(min_size: int = 1, max_size: int = 50) -> st.SearchStrategy[np.ndarray]:
    """Float sequences of shape (T,) with ``min_size <= T <= max_size`` (T shrinks to small)."""
    if not 0 <= min_size <= max_size:
        raise ValueError(f"need 0 <= min_size <= max_size, got {min_size} and {max_size}")
    return st.builds(make_sequence, st.integers(min_size, max_size), seeds)
