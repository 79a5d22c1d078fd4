r"""How the inputs of the course 4 week 1 checks (:mod:`grader.checks.c4w1`) are drawn.

Geometries are sampled by :func:`conv_geometries` and :func:`pool_geometries` (a
:class:`~grader.judge.strategies.Sampled`: numpy samples a batch from one Hypothesis-drawn
seed; the window fits the padded input, with ``pad = 0``, strides above 1, ``f = n`` and
non-square inputs among them, see :func:`sample_window`); values come from a sampled seed.
Pooling inputs have distinct values (:func:`distinct_values`: no ties, so a max mask is
unambiguous).  The fixed inputs are here too: the notebook's (:func:`notebook`), and the
backward passes' cases with their central differences (:func:`conv_gradient_cases`,
:func:`pool_gradient_cases`, step :data:`STEP`).

**Small geometries.**  Each block call is a round trip to the judge, and ``conv_forward``
makes one per output entry (m n_H n_W n_C), ``pool_backward`` one per window and channel:
outputs are at most :data:`MAX_OUT` wide, batches and channels small (:data:`MAX_M`,
:data:`MAX_C`), which every property checked still needs no more than.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
from hypothesis import strategies as st

from grader.checks.c4w1_mistakes import out_size
from grader.judge.numerical import numerical_gradient
from grader.judge.strategies import Case, Sampled, Values, sample_int, sample_seed, sample_value
from reference import convolution as ref

#: Central differences: the step (the layers are linear or piecewise linear in each input).
STEP = 1e-5
#: Spatial sizes (zero_pad's inputs), channels and batch stay small: the layers are Python loops.
MAX_N, MAX_C, MAX_M = 6, 3, 2
#: Output height and width of the drawn layers at most: a block call per output entry.
MAX_OUT = 3


# --------------------------------------------------------------------------- convolutions and poolings


def conv_case(
    m: int, n_H: int, n_W: int, n_C_prev: int, n_C: int, f: int, pad: int, stride: int, seed: int
) -> Case:
    rng = np.random.default_rng(seed)
    A_prev, W = rng.standard_normal((m, n_H, n_W, n_C_prev)), rng.standard_normal((f, f, n_C_prev, n_C))
    b = rng.standard_normal((1, 1, 1, n_C))
    return Case((A_prev, W, b, {"stride": stride, "pad": pad}),
                f"A_prev of shape {A_prev.shape}, W of shape {W.shape}, pad={pad}, stride={stride}")  # fmt: skip


def input_sizes(f: int, pad: int, stride: int, max_out: int) -> tuple[int, int]:
    """The input sizes n along one axis with a valid window (``f <= n + 2 pad``) and an
    output size :func:`out_size` of at most ``max_out``, when ``pad <= (max_out + f - 2) / 2``."""
    return max(1, f - 2 * pad), max(1, f - 2 * pad, (max_out - 1) * stride + f - 2 * pad + stride - 1)


PADS = range(0, 3)
#: The ways out of the course's domain (``stride <= f <= n``) a geometry may be drawn in, each
#: by its own named check: windows that skip entries, windows wider than the unpadded input.
STRIDE_ABOVE_F, WINDOW_WIDER_THAN_INPUT = "stride > f", "f > n"


def sample_window(
    rng: np.random.Generator, pads: Values, edge: str, max_out: int
) -> tuple[int, int, int, int, int]:
    """``(f, pad, stride, n_H, n_W)``: in the course's domain, ``stride <= f <= n``, unless
    ``edge`` names the one way out of it to draw; outputs at most ``max_out`` wide (a drawn
    pad, one of ``pads``, is lowered to fit, never below 1 when ``max_out >= 3``); ``n_H = f``
    half the time."""
    if edge == STRIDE_ABOVE_F:
        f = sample_int(rng, 1, 2)
        stride = f + sample_int(rng, 1, 2)
    else:
        f = sample_int(rng, 2, 4) if edge == WINDOW_WIDER_THAN_INPUT else sample_int(rng, 1, 4)
        stride = sample_int(rng, 1, min(3, f))
    drawn = int(sample_value(rng, pads))
    pad = min(max(drawn, 1 if edge == WINDOW_WIDER_THAN_INPUT else 0), (max_out * stride - 1) // 2)
    low, high = input_sizes(f, pad, stride, max_out)
    if edge == WINDOW_WIDER_THAN_INPUT:
        return f, pad, stride, sample_int(rng, low, f - 1), sample_int(rng, low, f - 1)
    n_H = f if rng.integers(2) else sample_int(rng, f, high)
    return f, pad, stride, n_H, sample_int(rng, f, high)


def sample_conv(rng: np.random.Generator, pads: Values = PADS, edge: str = "", max_out: int = MAX_OUT,
                max_c: int = MAX_C) -> Case:  # fmt: skip
    """A valid convolution (see :func:`sample_window`), channels up to ``max_c``."""
    f, pad, stride, n_H, n_W = sample_window(rng, pads, edge, max_out)
    m, n_C_prev, n_C = sample_int(rng, 1, MAX_M), sample_int(rng, 1, max_c), sample_int(rng, 1, max_c)
    return conv_case(m, n_H, n_W, n_C_prev, n_C, f, pad, stride, sample_seed(rng))


def conv_geometries(
    pads: Values = PADS, edge: str = "", max_out: int = MAX_OUT, max_c: int = MAX_C
) -> Sampled[Case]:
    """Valid convolutions, sampled (see :func:`sample_window`); the pad is one of ``pads``."""
    return Sampled(functools.partial(sample_conv, pads=pads, edge=edge, max_out=max_out, max_c=max_c))


def sample_same(rng: np.random.Generator) -> Case:
    """f = 1 or 3 with pad = (f - 1) / 2 and stride 1: the output keeps the input's size (f <= n <= MAX_OUT)."""
    f = int(sample_value(rng, (1, 3)))
    n_H, n_W = sample_int(rng, f, MAX_OUT), sample_int(rng, f, MAX_OUT)
    m, n_C_prev, n_C = sample_int(rng, 1, MAX_M), sample_int(rng, 1, MAX_C), sample_int(rng, 1, 2)
    return conv_case(m, n_H, n_W, n_C_prev, n_C, f, (f - 1) // 2, 1, sample_seed(rng))


def same_geometries() -> Sampled[Case]:
    return Sampled(sample_same)


def distinct_values(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Values at least 0.4 apart (no ties in any window), in random order."""
    size = int(np.prod(shape))
    return ((rng.permutation(size) - size / 2) * 0.5 + rng.uniform(0, 0.1, size)).reshape(shape)


def pool_case(m: int, n_H: int, n_W: int, n_C: int, f: int, stride: int, mode: str, seed: int) -> Case:
    A_prev = distinct_values((m, n_H, n_W, n_C), np.random.default_rng(seed))
    return Case((A_prev, {"stride": stride, "f": f}, mode),
                f"A_prev of shape {A_prev.shape}, f={f}, stride={stride}, mode={mode!r}")  # fmt: skip


def sample_pool(rng: np.random.Generator, modes: Sequence[str] = ("max", "average"), edge: str = "",
                max_out: int = MAX_OUT, max_c: int = MAX_C) -> Case:  # fmt: skip
    """A valid pooling (see :func:`sample_window`, no padding), channels up to ``max_c``."""
    f, _, stride, n_H, n_W = sample_window(rng, (0,), edge, max_out)
    m, n_C = sample_int(rng, 1, MAX_M), sample_int(rng, 1, max_c)
    return pool_case(m, n_H, n_W, n_C, f, stride, str(sample_value(rng, modes)), sample_seed(rng))


def pool_geometries(modes: Sequence[str] = ("max", "average"), edge: str = "", max_out: int = MAX_OUT,
                    max_c: int = MAX_C) -> Sampled[Case]:  # fmt: skip
    """Valid poolings, sampled (see :func:`sample_pool`)."""
    return Sampled(functools.partial(sample_pool, modes=modes, edge=edge, max_out=max_out, max_c=max_c))


def pool_backward_case(case: Case, seed: int) -> Case:
    """``(dA, cache, mode)`` for the pooling ``case``, dA random."""
    A_prev, hparameters, mode = case.args
    n_H, n_W = (out_size(n, hparameters["f"], 0, hparameters["stride"]) for n in A_prev.shape[1:3])
    dA = np.random.default_rng(seed).standard_normal((A_prev.shape[0], n_H, n_W, A_prev.shape[3]))
    return Case((dA, (A_prev, hparameters), mode), f"{case.description}, dA random")


def pool_backward_cases(pools: Sampled[Case]) -> Sampled[Case]:
    """``(dA, cache, mode)`` for the poolings ``pools`` samples (:func:`pool_geometries`), dA random."""
    return Sampled(lambda rng: pool_backward_case(pools.sample(rng), sample_seed(rng)))


def conv_backward_case(case: Case, seed: int) -> Case:
    """``(dZ, cache)`` for the convolution ``case``, dZ random."""
    A_prev, W, b, hparameters = case.args
    n_H, n_W = (out_size(n, W.shape[0], hparameters["pad"], hparameters["stride"]) for n in A_prev.shape[1:3])
    dZ = np.random.default_rng(seed).standard_normal((A_prev.shape[0], n_H, n_W, W.shape[3]))
    return Case((dZ, (A_prev, W, b, hparameters)), f"{case.description}, dZ random")


def notebook(*shapes: tuple[int, ...]) -> list[np.ndarray]:
    """``np.random.seed(1)`` then ``np.random.randn(*shape)`` per shape, as the notebook's tests do."""
    rng = np.random.RandomState(1)
    return [rng.randn(*shape) for shape in shapes]


def pad_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        m, n_H, n_W, n_C = (
            sample_int(rng, 1, 3),
            sample_int(rng, 1, MAX_N),
            sample_int(rng, 1, MAX_N),
            sample_int(rng, 1, 4),
        )
        pad, seed = sample_int(rng, 0, 3), sample_seed(rng)
        return Case((np.random.default_rng(seed).standard_normal((m, n_H, n_W, n_C)), pad),
                    f"X of shape {(m, n_H, n_W, n_C)}, pad={pad}")  # fmt: skip

    return Sampled(sample)


def step_cases() -> Sampled[Case]:
    def build(f: int, n_C: int, seed: int) -> Case:
        rng = np.random.default_rng(seed)
        a, W, b = (
            rng.standard_normal((f, f, n_C)),
            rng.standard_normal((f, f, n_C)),
            rng.standard_normal((1, 1, 1)),
        )
        return Case((a, W, b), f"a_slice_prev and W of shape {(f, f, n_C)}, b = {b.item():.4g}")

    return Sampled(lambda rng: build(sample_int(rng, 1, 5), sample_int(rng, 1, 4), sample_seed(rng)))


#: Geometries of the numerical check: (m, n_H, n_W, n_C_prev, n_C, f, pad, stride), pad >= 1 as in the course.
GRADIENT_GEOMETRIES = ((1, 3, 4, 2, 2, 2, 1, 1), (2, 4, 3, 1, 2, 3, 1, 2), (1, 5, 5, 2, 1, 3, 1, 2),
                       (1, 3, 3, 1, 2, 3, 2, 1), (1, 4, 4, 1, 1, 2, 1, 2))  # fmt: skip


def backward_cases(edge: str = "") -> Sampled[Case]:
    """``(dZ, cache)`` of the course's domain, ``pad >= 1`` (or out of it by ``edge`` only);
    pad = 0 is drawn by :meth:`CheckConvBackward.check_pad_zero` alone."""
    convs = conv_geometries(pads=range(1, 3), edge=edge).sample
    return Sampled(lambda rng: conv_backward_case(convs(rng), sample_seed(rng)))


@functools.cache
def conv_gradient_cases() -> tuple[tuple[Case, tuple], ...]:
    r"""``(dZ, cache)`` and the central differences of :math:`L = \sum dZ \odot Z` through the
    reference forward pass, with respect to A_prev, W and b."""
    out = []
    for seed, geometry in enumerate(GRADIENT_GEOMETRIES):
        case = conv_backward_case(conv_case(*geometry, seed=seed), seed + 100)
        dZ, (A_prev, W, b, hp) = case.args

        def loss(A_prev=A_prev, W=W, b=b, dZ=dZ, hp=hp) -> float:
            return float(np.sum(dZ * ref.conv_forward(A_prev, W, b, hp)[0]))

        numerical = (numerical_gradient(lambda x: loss(A_prev=x), A_prev, STEP),
                     numerical_gradient(lambda x: loss(W=x), W, STEP),
                     numerical_gradient(lambda x: loss(b=x), b, STEP))  # fmt: skip
        out.append(
            (Case(case.args, f"{case.description}; expected: central differences, step {STEP:g}"), numerical)
        )
    return tuple(out)


def window_cases() -> Sampled[Case]:
    """Random windows (no ties), square or not."""

    def sample(rng: np.random.Generator) -> Case:
        n_H, n_W, seed = sample_int(rng, 1, 4), sample_int(rng, 1, 4), sample_seed(rng)
        return Case((np.random.default_rng(seed).standard_normal((n_H, n_W)),), f"x of shape {(n_H, n_W)}")

    return Sampled(sample)


def distribute_cases() -> st.SearchStrategy[Case]:
    return st.builds(lambda dz, n_H, n_W: Case((dz, (n_H, n_W)), f"dz={dz:g}, shape={(n_H, n_W)}"),
                     st.floats(-10, 10, allow_nan=False, allow_subnormal=False).filter(lambda dz: dz != 0),
                     st.integers(1, 5), st.integers(1, 5))  # fmt: skip


#: Geometries of the numerical check: (m, n_H, n_W, n_C, f, stride), overlapping windows among them.
POOL_GRADIENT_GEOMETRIES = ((1, 4, 4, 2, 2, 2), (2, 4, 5, 1, 3, 1), (1, 5, 3, 2, 2, 1), (1, 5, 5, 1, 3, 2))


@functools.cache
def pool_gradient_cases(mode: str) -> tuple[tuple[Case, np.ndarray], ...]:
    r"""``(dA, cache, mode)`` and the central differences of :math:`L = \sum dA \odot A` through
    the reference forward pass (no ties: values 0.4 apart, steps of 1e-5)."""
    out = []
    for seed, (m, n_H, n_W, n_C, f, s) in enumerate(POOL_GRADIENT_GEOMETRIES):
        case = pool_backward_case(pool_case(m, n_H, n_W, n_C, f, s, mode, seed), seed + 100)
        dA, (A_prev, hp), _ = case.args

        def loss(x: np.ndarray, dA: np.ndarray = dA, hp: dict = hp) -> float:
            return float(np.sum(dA * ref.pool_forward(x, hp, mode)[0]))

        numerical = numerical_gradient(loss, A_prev, STEP)
        out.append(
            (Case(case.args, f"{case.description}; expected: central differences, step {STEP:g}"), numerical)
        )
    return tuple(out)


# --------------------------------------------------------------------------- fixed inputs


def number_cases() -> list[Case]:
    """conv_single_step's arguments in two of the notebook's shapes, b of shape (1, 1, 1)."""
    return [
        Case((a, W, b), f"a_slice_prev and W of shape {a.shape}")
        for a, W, b in (
            notebook((2, 2, 1), (2, 2, 1), (1, 1, 1)),
            notebook((3, 3, 2), (3, 3, 2), (1, 1, 1)),
        )
    ]


def channel_cases() -> tuple[list[Case], list[Case]]:
    """Three poolings of three channels, and each channel of each alone (channel c of pooling k
    at 3 k + c)."""
    whole = [pool_case(2, 5, 4, 3, f, s, mode, seed)
             for seed, (f, s, mode) in enumerate(((2, 1, "max"), (3, 2, "average"), (2, 2, "max")))]  # fmt: skip
    alone = [Case((case.args[0][..., c : c + 1], *case.args[1:]), f"channel {c} alone of {case.description}")
             for case in whole for c in range(3)]  # fmt: skip
    return whole, alone


def pad_zero_cases() -> list[Case]:
    """``(dZ, cache)`` of four convolutions with pad = 0, dZ random."""
    return [conv_backward_case(conv_case(m, n_H, n_W, 2, 2, f, 0, s, seed), seed)
            for seed, (m, n_H, n_W, f, s) in enumerate(((1, 3, 3, 2, 1), (2, 4, 5, 3, 1), (1, 5, 4, 2, 2),
                                                        (1, 3, 3, 3, 1)))]  # fmt: skip


def notebook_backward_cases() -> list[Case]:
    """``(Z, cache)`` of conv_forward on the notebook's inputs (its dZ is Z)."""
    calls = []
    for shapes, hp, text in ((((10, 4, 4, 3), (2, 2, 3, 8), (1, 1, 1, 8)), {"pad": 2, "stride": 2},
                              "A_prev = randn(10, 4, 4, 3), W = randn(2, 2, 3, 8), b = randn(1, 1, 1, 8), "
                              "pad=2, stride=2"),
                             (((2, 5, 7, 4), (3, 3, 4, 8), (1, 1, 1, 8)), {"pad": 1, "stride": 2},
                              "A_prev = randn(2, 5, 7, 4), W = randn(3, 3, 4, 8), b = randn(1, 1, 1, 8), "
                              "pad=1, stride=2")):  # fmt: skip
        A_prev, W, b = notebook(*shapes)
        Z, cache = ref.conv_forward(A_prev, W, b, hp)
        calls.append(
            Case((Z, cache), f"the notebook's inputs: np.random.seed(1), {text}; dZ = Z of conv_forward")
        )
    return calls


def tie_cases() -> list[Case]:
    """Windows whose maximum is reached more than once."""
    return [
        Case((np.array(x, dtype=float),), f"x = {x}")
        for x in (
            [[1, 3], [3, 2]],
            [[5, 5, 5]],
            [[0, -1], [2, 2], [2, 1]],
            [[7, 7], [7, 7]],
            [[-2, -4], [-4, -2]],
        )
    ]
