r"""Known mistakes in course 4 week 2 (residual block, 1x1 convolution, bottleneck cost), run
judge-side to name a wrong result.

Each ``gives`` takes the reference's arguments (see :class:`grader.judge.judging.Mistake`).
Written from the formulas, not copied from student code.
"""

from __future__ import annotations

import numpy as np

from grader.judge.judging import Mistake
from reference.residual import conv_same


def _relu(Z: np.ndarray) -> np.ndarray:
    return np.maximum(Z, 0)


def _block(X, parameters, shortcut="before", middle_relu=True):
    p = parameters
    A1 = _relu(conv_same(X, p["W1"], p["b1"]))
    Z2 = conv_same(A1, p["W2"], p["b2"])
    Z3 = conv_same(_relu(Z2) if middle_relu else Z2, p["W3"], p["b3"])
    if shortcut == "none":
        return _relu(Z3)
    if shortcut == "after":
        return _relu(Z3) + X
    return _relu(Z3 + X)


IDENTITY_BLOCK = (
    Mistake("the block without its shortcut",
            "add the input X to Z3 before the last ReLU: A = relu(Z3 + X)",
            lambda X, p: _block(X, p, shortcut="none")),
    Mistake("adding the shortcut after the last ReLU",
            "the ReLU comes after the addition: A = relu(Z3 + X), not relu(Z3) + X",
            lambda X, p: _block(X, p, shortcut="after")),
    Mistake("a block without the ReLU after its second convolution",
            "A2 = relu(conv_same(A1, W2, b2)): every convolution but the last is followed by a ReLU",
            lambda X, p: _block(X, p, middle_relu=False)),
)  # fmt: skip

CONV_1X1 = (
    Mistake("the convolution without its bias",
            "add b (shape (1, 1, 1, n_C)) to every pixel: Z = A_prev @ W[0, 0] + b",
            lambda A, W, b: A @ W[0, 0]),
    Mistake("a ReLU applied to Z",
            "return Z itself: the activation is a separate layer",
            lambda A, W, b: _relu(A @ W[0, 0] + b)),
)  # fmt: skip


def _cost(n_H, n_W, n_C_prev, n_C, f, n_b, *, area=None, spatial=True, first=True, second_in=None):
    area = f * f if area is None else area
    places = n_H * n_W if spatial else 1
    if n_b is None:
        return places * n_C * area * n_C_prev
    second = places * n_C * area * (n_b if second_in is None else second_in)
    return (places * n_b * n_C_prev if first else 0) + second


BOTTLENECK_COST = (
    Mistake("counting f multiplications per filter position instead of f * f",
            "a filter is f x f: each output costs f * f * n_C_prev multiplications",
            lambda *a: _cost(*a, area=a[4])),
    Mistake("the number of weights (no n_H * n_W)",
            "every one of the n_H * n_W output positions repeats the filter's multiplications",
            lambda *a: _cost(*a, spatial=False)),
    Mistake("leaving out the 1x1 bottleneck layer's own cost",
            "add the 1x1 layer's n_H * n_W * n_bottleneck * n_C_prev multiplications",
            lambda *a: _cost(*a, first=False)),
    Mistake("the f x f layer still fed n_C_prev channels after the bottleneck",
            "after the bottleneck the f x f filters see n_bottleneck channels: "
            "n_H * n_W * n_C * f * f * n_bottleneck",
            lambda *a: _cost(*a, second_in=a[2])),
    Mistake("n_bottleneck ignored",
            "when n_bottleneck is given, count the 1x1 layer and the f x f layer on n_bottleneck channels",
            lambda *a: _cost(*(*a[:5], None))),  # the first five arguments, n_b = None
)  # fmt: skip
