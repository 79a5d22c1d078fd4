r"""Course 4 week 1 ("Convolution model, step by step"): zero padding, the convolution and
pooling layers, forward and backward, in plain numpy loops.

Arrays are channels-last, as in the course: a batch of activations has shape
(m, n_H, n_W, n_C), a filter bank W (f, f, n_C_prev, n_C) and its biases b (1, 1, 1, n_C).
Along each spatial axis, an input of size :math:`n`, padded by :math:`p` and read with a
window :math:`f` moved by a stride :math:`s`, gives

.. math::

    n_{out} = \Big\lfloor \frac{n + 2p - f}{s} \Big\rfloor + 1

Like the students' notebook, ``conv_forward`` and ``conv_backward`` call ``zero_pad``
(and ``conv_forward`` calls ``conv_single_step``), and ``pool_backward`` calls
``create_mask_from_window`` and ``distribute_value``, as global functions.
"""

import numpy as np


# GRADED FUNCTION: zero_pad
def zero_pad(X, pad):
    r"""Pad the height and width of every image of X with ``pad`` zeros on each side.

    .. math::

        X_{pad}[i, h, w, c] = X[i, h - p, w - p, c] \text{ if } p \le h < n_H + p
        \text{ and } p \le w < n_W + p, \text{ else } 0

    The batch and channel axes are not padded.

    Parameters
    ----------
    X : ndarray of shape (m, n_H, n_W, n_C)
        A batch of m images.
    pad : int
        Zeros added on each side of both spatial axes, >= 0.

    Returns
    -------
    X_pad : ndarray of shape (m, n_H + 2 * pad, n_W + 2 * pad, n_C)
    """
    # BEGIN SOLUTION
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)
    # END SOLUTION
    return X_pad


# GRADED FUNCTION: conv_single_step
def conv_single_step(a_slice_prev, W, b):
    r"""One filter applied at one position: the sum of the elementwise products, plus the bias.

    .. math::

        Z = \sum_{u, v, k} a[u, v, k] \, W[u, v, k] + b

    Parameters
    ----------
    a_slice_prev : ndarray of shape (f, f, n_C_prev)
        The window of the (padded) input.
    W : ndarray of shape (f, f, n_C_prev)
        One filter.
    b : ndarray of shape (1, 1, 1)
        Its bias.

    Returns
    -------
    Z : float
        A scalar (a Python or numpy float), not an array.
    """
    # BEGIN SOLUTION
    s = a_slice_prev * W  # (f, f, n_C_prev)
    Z = np.sum(s) + b.item()
    # END SOLUTION
    return Z


# GRADED FUNCTION: conv_forward
def conv_forward(A_prev, W, b, hparameters):
    r"""The forward pass of a convolution layer (a cross-correlation, as in the course).

    .. math::

        Z[i, h, w, c] = \sum_{u, v, k} A_{pad}[i, hs + u, ws + v, k] \, W[u, v, k, c] + b[c]

    with :math:`A_{pad}` = ``zero_pad(A_prev, pad)`` and
    :math:`n_H = \lfloor (n_{H_{prev}} + 2p - f) / s \rfloor + 1` (same for :math:`n_W`).

    Parameters
    ----------
    A_prev : ndarray of shape (m, n_H_prev, n_W_prev, n_C_prev)
    W : ndarray of shape (f, f, n_C_prev, n_C)
    b : ndarray of shape (1, 1, 1, n_C)
    hparameters : dict
        ``"stride"`` (int >= 1) and ``"pad"`` (int >= 0), with ``f <= n + 2 pad`` on both axes.

    Returns
    -------
    Z : ndarray of shape (m, n_H, n_W, n_C)
    cache : tuple
        ``(A_prev, W, b, hparameters)``, for :func:`conv_backward`.
    """
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    # BEGIN SOLUTION
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)  # (m, n_H_prev + 2 pad, n_W_prev + 2 pad, n_C_prev)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            for w in range(n_W):
                horiz_start = w * stride
                a_slice_prev = a_prev_pad[vert_start : vert_start + f, horiz_start : horiz_start + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    # END SOLUTION
    cache = (A_prev, W, b, hparameters)
    return Z, cache


# GRADED FUNCTION: pool_forward
def pool_forward(A_prev, hparameters, mode="max"):
    r"""The forward pass of a pooling layer, channel by channel, without padding.

    .. math::

        A[i, h, w, c] = \max_{u, v < f} A_{prev}[i, hs + u, ws + v, c]
        \quad \text{or} \quad \frac{1}{f^2} \sum_{u, v < f} A_{prev}[i, hs + u, ws + v, c]

    with :math:`n_H = \lfloor (n_{H_{prev}} - f) / s \rfloor + 1` (same for :math:`n_W`), and
    as many channels as the input.

    Parameters
    ----------
    A_prev : ndarray of shape (m, n_H_prev, n_W_prev, n_C)
    hparameters : dict
        ``"f"`` (window size, ``1 <= f <= n_H_prev, n_W_prev``) and ``"stride"`` (>= 1).
    mode : {"max", "average"}

    Returns
    -------
    A : ndarray of shape (m, n_H, n_W, n_C)
    cache : tuple
        ``(A_prev, hparameters)``, for :func:`pool_backward`.
    """
    (m, n_H_prev, n_W_prev, n_C) = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    # BEGIN SOLUTION
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            for w in range(n_W):
                horiz_start = w * stride
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start : vert_start + f, horiz_start : horiz_start + f, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    elif mode == "average":
                        A[i, h, w, c] = np.mean(a_prev_slice)
    # END SOLUTION
    cache = (A_prev, hparameters)
    return A, cache


# GRADED FUNCTION: conv_backward
def conv_backward(dZ, cache):
    r"""The backward pass of a convolution layer: each output position sends its gradient back
    to the window it read and to the filter that read it.

    .. math::

        dA_{pad}[i, hs + u, ws + v, :] \mathrel{+}= W[u, v, :, c] \, dZ[i, h, w, c], \qquad
        dW[:, :, :, c] \mathrel{+}= A_{pad}[i, \text{window}] \, dZ[i, h, w, c], \qquad
        db[c] = \sum_{i, h, w} dZ[i, h, w, c]

    then :math:`dA_{prev}` is :math:`dA_{pad}` without its border of ``pad``: the slice
    ``pad : pad + n_H_prev`` (``pad : -pad`` would be empty at ``pad = 0``).

    Parameters
    ----------
    dZ : ndarray of shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the output Z of :func:`conv_forward`.
    cache : tuple
        ``(A_prev, W, b, hparameters)`` as :func:`conv_forward` returns it.

    Returns
    -------
    dA_prev : ndarray of shape (m, n_H_prev, n_W_prev, n_C_prev)
    dW : ndarray of shape (f, f, n_C_prev, n_C)
    db : ndarray of shape (1, 1, 1, n_C)
        One gradient per parameter: :math:`(f^2 n_{C_{prev}} + 1) \, n_C` in all.
    """
    (A_prev, W, b, hparameters) = cache
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    (m, n_H, n_W, n_C) = dZ.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    # BEGIN SOLUTION
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad, da_prev_pad = A_prev_pad[i], dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            for w in range(n_W):
                horiz_start = w * stride
                window = (slice(vert_start, vert_start + f), slice(horiz_start, horiz_start + f))
                a_slice = a_prev_pad[window]  # (f, f, n_C_prev)
                for c in range(n_C):
                    da_prev_pad[window] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i, :, :, :] = da_prev_pad[pad : pad + n_H_prev, pad : pad + n_W_prev, :]
    # END SOLUTION
    return dA_prev, dW, db


# GRADED FUNCTION: create_mask_from_window
def create_mask_from_window(x):
    r"""Where the maximum of a window is: the max-pooling output depends on those entries only.

    .. math::

        \text{mask}[u, v] = \big(x[u, v] = \max x\big)

    Every entry equal to the maximum is marked (ties included), as in the course.

    Parameters
    ----------
    x : ndarray of shape (f, f)
        One window of one channel.

    Returns
    -------
    mask : ndarray of shape (f, f), bool
    """
    # BEGIN SOLUTION
    mask = x == np.max(x)
    # END SOLUTION
    return mask


# GRADED FUNCTION: distribute_value
def distribute_value(dz, shape):
    r"""Spread a gradient evenly over the window that average pooling read.

    .. math::

        a[u, v] = \frac{dz}{n_H \, n_W}

    Parameters
    ----------
    dz : float
        The gradient of one output of average pooling.
    shape : tuple of int
        ``(n_H, n_W)``, the window's shape.

    Returns
    -------
    a : ndarray of shape (n_H, n_W)
        Float; its entries sum to ``dz``.
    """
    (n_H, n_W) = shape
    # BEGIN SOLUTION
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    # END SOLUTION
    return a


# GRADED FUNCTION: pool_backward
def pool_backward(dA, cache, mode="max"):
    r"""The backward pass of a pooling layer.

    .. math::

        dA_{prev}[i, \text{window}, c] \mathrel{+}=
        \begin{cases} \text{mask}(A_{prev}[i, \text{window}, c]) \; dA[i, h, w, c] & \text{max} \\
        dA[i, h, w, c] / f^2 & \text{average} \end{cases}

    accumulated, since windows overlap when the stride is smaller than f.

    Parameters
    ----------
    dA : ndarray of shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the output of :func:`pool_forward`.
    cache : tuple
        ``(A_prev, hparameters)`` as :func:`pool_forward` returns it.
    mode : {"max", "average"}

    Returns
    -------
    dA_prev : ndarray of shape (m, n_H_prev, n_W_prev, n_C)
    """
    (A_prev, hparameters) = cache
    f, stride = hparameters["f"], hparameters["stride"]
    (m, n_H, n_W, n_C) = dA.shape
    # BEGIN SOLUTION
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            for w in range(n_W):
                horiz_start = w * stride
                for c in range(n_C):
                    window = (i, slice(vert_start, vert_start + f), slice(horiz_start, horiz_start + f), c)
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[window])
                        dA_prev[window] += mask * dA[i, h, w, c]
                    elif mode == "average":
                        dA_prev[window] += distribute_value(dA[i, h, w, c], (f, f))
    # END SOLUTION
    return dA_prev
