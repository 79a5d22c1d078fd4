r"""Known mistakes in course 4 week 1 (convolution step by step), run judge-side to name a
wrong result.

Each ``gives`` takes the reference's arguments (see :class:`grader.judge.judging.Mistake`) and
never raises: the layers are rewritten here from the formulas, with switches for the
mistakes, vectorized over the batch and the channels (loops over output positions only),
not copied from student code.
"""

from __future__ import annotations

import numpy as np

from grader.judge.judging import Mistake


def _pad(X: np.ndarray, pad: int) -> np.ndarray:
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))


def out_size(n: int, f: int, pad: int, stride: int, rounding: str = "floor") -> int:
    r"""Output size along one axis: :math:`\lfloor (n + 2p - f) / s \rfloor + 1`, or a wrong
    variant (``"ceil"``: rounded up, ``"no_plus_one"``: without the + 1)."""
    if rounding == "ceil":
        return -(-(n + 2 * pad - f) // stride) + 1
    return (n + 2 * pad - f) // stride + (0 if rounding == "no_plus_one" else 1)


def conv_variant(A_prev, W, b, hparameters, stride_in_start=True, bias=True):
    """``(Z, cache)`` of a convolution; ``stride_in_start=False`` starts window h at h, not h * stride."""
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H, n_W = out_size(n_H_prev, f, pad, stride), out_size(n_W_prev, f, pad, stride)
    A_pad, step = _pad(A_prev, pad), stride if stride_in_start else 1
    Z = np.zeros((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            window = A_pad[:, h * step : h * step + f, w * step : w * step + f, :]  # (m, f, f, n_C_prev)
            Z[:, h, w, :] = np.tensordot(window, W, axes=3) + (b.reshape(n_C) if bias else 0)
    return Z, (A_prev, W, b, hparameters)


def conv_backward_variant(dZ, cache, accumulate=True, negative_unpad=False, db_axes=(0, 1, 2)):
    """``(dA_prev, dW, db)``; ``accumulate=False`` assigns each window's dA_prev contribution
    (``=`` for ``+=``, the last channel and window win), ``negative_unpad`` cuts the border with
    ``pad:-pad`` (empty at pad = 0), ``db_axes`` are the axes db sums dZ over (keepdims)."""
    A_prev, W, b, hparameters = cache
    f, stride, pad = W.shape[0], hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    A_pad, dA_pad, dW = _pad(A_prev, pad), _pad(np.zeros(A_prev.shape), pad), np.zeros(W.shape)
    for h in range(n_H):
        for w in range(n_W):
            rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
            if accumulate:
                dA_pad[:, rows, cols, :] += np.tensordot(dZ[:, h, w, :], W, axes=([1], [3]))
            else:
                dA_pad[:, rows, cols, :] = W[None, :, :, :, -1] * dZ[:, h, w, -1][:, None, None, None]
            dW += np.tensordot(A_pad[:, rows, cols, :], dZ[:, h, w, :], axes=([0], [0]))
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    if negative_unpad:
        dA_prev = dA_pad[:, pad:-pad, pad:-pad, :]
    else:
        dA_prev = dA_pad[:, pad : pad + n_H_prev, pad : pad + n_W_prev, :]
    return dA_prev, dW, np.sum(dZ, axis=db_axes, keepdims=True)


def pool_variant(A_prev, hparameters, mode="max", stride_in_start=True, across_channels=False):
    """``(A, cache)`` of a pooling layer; ``across_channels`` pools each window over all channels."""
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H, n_W = out_size(n_H_prev, f, 0, stride), out_size(n_W_prev, f, 0, stride)
    step, reduce = (stride if stride_in_start else 1), (np.max if mode == "max" else np.mean)
    A = np.zeros((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev[:, h * step : h * step + f, w * step : w * step + f, :]  # (m, f, f, n_C)
            A[:, h, w, :] = reduce(window, axis=(1, 2, 3), keepdims=True)[:, 0, 0] if across_channels \
                else reduce(window, axis=(1, 2))  # fmt: skip
    return A, (A_prev, hparameters)


def pool_backward_variant(dA, cache, mode="max", stride_in_start=True, accumulate=True):
    """``dA_prev``; ``accumulate=False`` assigns each window's gradient (``=`` for ``+=``)."""
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    step = stride if stride_in_start else 1
    dA_prev = np.zeros(A_prev.shape)
    for h in range(dA.shape[1]):
        for w in range(dA.shape[2]):
            rows, cols = slice(h * step, h * step + f), slice(w * step, w * step + f)
            window = A_prev[:, rows, cols, :]  # (m, f, f, n_C)
            if mode == "max":
                spread = (window == window.max(axis=(1, 2), keepdims=True)) * dA[:, h : h + 1, w : w + 1, :]
            else:
                spread = np.broadcast_to(dA[:, h : h + 1, w : w + 1, :] / f**2, window.shape)
            if accumulate:
                dA_prev[:, rows, cols, :] += spread
            else:
                dA_prev[:, rows, cols, :] = spread
    return dA_prev


ZERO_PAD = (
    Mistake("padding all four axes (np.pad(X, pad))",
            "pad only the height and width: np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))",
            lambda X, pad: np.pad(X, pad)),
    Mistake("padding one side of each spatial axis only",
            "pad both sides: the pair (pad, pad) for the height and for the width",
            lambda X, pad: np.pad(X, ((0, 0), (pad, 0), (pad, 0), (0, 0)))),
    Mistake("padding the width and the channels instead of the height and the width",
            "the axes are (m, n_H, n_W, n_C): pad axes 1 and 2",
            lambda X, pad: np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))),
)  # fmt: skip

CONV_SINGLE_STEP = (
    Mistake("the bias forgotten",
            "add the bias after the sum: Z = np.sum(a_slice_prev * W) + float(b)",
            lambda a, W, b: float(np.sum(a * W))),
    Mistake("the bias added to every product before summing",
            "sum the products first, then add b once: np.sum(a_slice_prev * W) + float(b)",
            lambda a, W, b: float(np.sum(a * W + b))),
)  # fmt: skip

CONV_FORWARD = (
    Mistake("the stride ignored in the window's start (vert_start = h)",
            "the window of output (h, w) starts at vert_start = h * stride, horiz_start = w * stride",
            lambda A_prev, W, b, hp: conv_variant(A_prev, W, b, hp, stride_in_start=False)),
    Mistake("the bias forgotten",
            "add b[:, :, :, c] to each channel c (conv_single_step(a_slice_prev, W[..., c], b[..., c]) does)",
            lambda A_prev, W, b, hp: conv_variant(A_prev, W, b, hp, bias=False)),
)  # fmt: skip

POOL_FORWARD = (
    Mistake("max pooling in average mode",
            "mode='average' takes np.mean of the window, mode='max' np.max",
            lambda A_prev, hp, mode="max": pool_variant(A_prev, hp, "max")),
    Mistake("average pooling in max mode",
            "mode='max' takes np.max of the window, mode='average' np.mean",
            lambda A_prev, hp, mode="max": pool_variant(A_prev, hp, "average")),
    Mistake("the stride ignored in the window's start (vert_start = h)",
            "the window of output (h, w) starts at vert_start = h * stride, horiz_start = w * stride",
            lambda A_prev, hp, mode="max": pool_variant(A_prev, hp, mode, stride_in_start=False)),
    Mistake("each window pooled over all the channels together",
            "pool each channel on its own: A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]",
            lambda A_prev, hp, mode="max": pool_variant(A_prev, hp, mode, across_channels=True)),
)  # fmt: skip

#: Named when conv_backward raises at pad = 0, as well as by its result (a vectorized version).
NEGATIVE_UNPAD = Mistake(
    "cutting the padding with pad:-pad, which is empty at pad = 0 (-0 is 0)",
    "take dA_prev from da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :], which also works at pad = 0",
    lambda dZ, cache: conv_backward_variant(dZ, cache, negative_unpad=True),
)

CONV_BACKWARD = (
    NEGATIVE_UNPAD,
    Mistake("dA_prev assigned (=) instead of accumulated (+=): overlapping windows and channels overwrite each other",
            "da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]",
            lambda dZ, cache: conv_backward_variant(dZ, cache, accumulate=False)),
    Mistake("db summed over the wrong axes (per example instead of per channel)",
            "db[c] sums dZ over the examples and positions: np.sum(dZ, axis=(0, 1, 2), keepdims=True)",
            lambda dZ, cache: conv_backward_variant(dZ, cache, db_axes=(1, 2, 3))),
    Mistake("db summed over the examples only",
            "db[c] sums dZ over the examples AND the positions: np.sum(dZ, axis=(0, 1, 2), keepdims=True)",
            lambda dZ, cache: conv_backward_variant(dZ, cache, db_axes=(0,))),
)  # fmt: skip


def _first_max(x: np.ndarray) -> np.ndarray:
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    return mask


CREATE_MASK = (
    Mistake("marking only the first maximum (np.argmax)",
            "mark every entry equal to the maximum, ties included: mask = (x == np.max(x))",
            _first_max),
    Mistake("the maximum of each column instead of the whole window",
            "compare with the maximum of the whole window: np.max(x) without an axis",
            lambda x: x == np.max(x, axis=0)),
)  # fmt: skip

DISTRIBUTE_VALUE = (
    Mistake("dz not divided (every entry is dz)",
            "average pooling gave each entry weight 1 / (n_H * n_W): a = np.ones(shape) * dz / (n_H * n_W)",
            lambda dz, shape: np.full(shape, float(dz))),
    Mistake("dz divided by n_H + n_W instead of n_H * n_W",
            "the window holds n_H * n_W entries: divide dz by their number",
            lambda dz, shape: np.full(shape, dz / (shape[0] + shape[1]))),
)  # fmt: skip

POOL_BACKWARD = (
    Mistake("the stride ignored in the window's start (vert_start = h)",
            "the window of output (h, w) starts at vert_start = h * stride, horiz_start = w * stride",
            lambda dA, cache, mode="max": pool_backward_variant(dA, cache, mode, stride_in_start=False)),
    Mistake("the max mask used in average mode",
            "mode='average' spreads dA evenly with distribute_value(dA[i, h, w, c], (f, f))",
            lambda dA, cache, mode="max": pool_backward_variant(dA, cache, "max")),
    Mistake("the gradient spread evenly in max mode",
            "mode='max' sends dA to the window's maximum only: create_mask_from_window(a_prev_slice) * dA[i, h, w, c]",
            lambda dA, cache, mode="max": pool_backward_variant(dA, cache, "average")),
    Mistake("dA_prev assigned (=) instead of accumulated (+=): overlapping windows overwrite each other",
            "dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += ...",
            lambda dA, cache, mode="max": pool_backward_variant(dA, cache, mode, accumulate=False)),
)  # fmt: skip
