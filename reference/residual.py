r"""Course 4 week 2 in numpy: the residual (ResNet) identity block, the 1x1 convolution as a
per-pixel channel mixer, and the cost of an Inception-style 1x1 bottleneck.

Images are channels-last, ``(m, n_H, n_W, n_C)``, as in the course's ``conv_forward``;
filters ``W`` have shape ``(f, f, n_C_prev, n_C)`` and biases ``b`` shape ``(1, 1, 1, n_C)``.
:func:`conv_same` (given, not graded) is a stride-1 "same" convolution to build the
identity block with; batch normalization, which the course's Keras block has, is left out.
"""

import numpy as np


def conv_same(A_prev, W, b):
    r"""A stride-1 "same" convolution (given): the output keeps ``n_H`` and ``n_W``.

    .. math::

        Z_{i,h,w,c} = \sum_{p=0}^{f-1} \sum_{q=0}^{f-1} \sum_{k}
        \tilde A_{i,\,h+p,\,w+q,\,k} \, W_{p,q,k,c} + b_c

    where :math:`\tilde A` is ``A_prev`` zero-padded by :math:`(f - 1) / 2` on each side of
    ``n_H`` and ``n_W``.

    Parameters
    ----------
    A_prev : ndarray of shape (m, n_H, n_W, n_C_prev)
    W : ndarray of shape (f, f, n_C_prev, n_C)
        ``f`` odd (1, 3, 5, ...).
    b : ndarray of shape (1, 1, 1, n_C)

    Returns
    -------
    Z : ndarray of shape (m, n_H, n_W, n_C)
    """
    f = W.shape[0]
    if f % 2 == 0 or W.shape[1] != f or W.shape[2] != A_prev.shape[3]:
        raise ValueError(f"W of shape {W.shape} does not fit A_prev of shape {A_prev.shape} (f must be odd)")
    m, n_H, n_W, _ = A_prev.shape
    pad = (f - 1) // 2
    A_pad = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    Z = np.zeros((m, n_H, n_W, W.shape[3])) + b  # (m, n_H, n_W, n_C)
    for p in range(f):
        for q in range(f):
            Z += A_pad[:, p : p + n_H, q : q + n_W, :] @ W[p, q]  # (m, n_H, n_W, n_C_prev) @ (n_C_prev, n_C)
    return Z


# GRADED FUNCTION: identity_block
def identity_block(X, parameters):
    r"""Forward pass of a ResNet identity block (the bottleneck version: 1x1, f x f, 1x1).

    .. math::

        A_1 = g(\operatorname{conv}(X, W_1) + b_1), \qquad
        A_2 = g(\operatorname{conv}(A_1, W_2) + b_2), \qquad
        A = g(\operatorname{conv}(A_2, W_3) + b_3 + X)

    with :math:`g` = ReLU and every convolution a stride-1 "same" one (:func:`conv_same`).
    The shortcut ``X`` is added *before* the last ReLU: :math:`a^{[l+2]} = g(z^{[l+2]} + a^{[l]})`.
    With :math:`W_3 = 0, b_3 = 0` the block is :math:`g(X)`, which is ``X`` itself for
    ``X >= 0`` (the output of an earlier ReLU): the identity is easy to learn, so adding the
    block does not hurt.

    The addition needs ``Z3`` and ``X`` of the same shape: when ``W3`` would change the
    channel count (``W3.shape[3] != n_C``) the block raises ``ValueError`` rather than let
    numpy broadcast a single channel.  (A block that changes the shape needs a projection on
    the shortcut: the course's convolutional block.)

    Parameters
    ----------
    X : ndarray of shape (m, n_H, n_W, n_C)
        The block's input :math:`a^{[l]}`.
    parameters : dict
        ``"W1"`` (1, 1, n_C, F1), ``"b1"`` (1, 1, 1, F1), ``"W2"`` (f, f, F1, F2) with ``f``
        odd, ``"b2"`` (1, 1, 1, F2), ``"W3"`` (1, 1, F2, F3), ``"b3"`` (1, 1, 1, F3).

    Returns
    -------
    A : ndarray of shape (m, n_H, n_W, n_C)
        The same shape as ``X``.

    Raises
    ------
    ValueError
        If ``F3 != n_C``.
    """
    # BEGIN SOLUTION
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    if W3.shape[3] != X.shape[3]:
        raise ValueError(
            f"the block outputs {W3.shape[3]} channels, X has {X.shape[3]}: cannot add the shortcut"
        )
    A1 = np.maximum(conv_same(X, W1, b1), 0)  # (m, n_H, n_W, F1)
    A2 = np.maximum(conv_same(A1, W2, b2), 0)  # (m, n_H, n_W, F2)
    Z3 = conv_same(A2, W3, b3)  # (m, n_H, n_W, n_C)
    A = np.maximum(Z3 + X, 0)
    # END SOLUTION
    return A


# GRADED FUNCTION: conv_1x1
def conv_1x1(A_prev, W, b):
    r"""A 1x1 convolution: the same fully connected layer applied to every pixel's channels.

    .. math::

        Z_{i,h,w,:} = A_{i,h,w,:} \, W_{0,0} + b, \qquad
        W_{0,0} \in \mathbb{R}^{n_{C,prev} \times n_C}

    It keeps ``n_H`` and ``n_W`` and changes only the number of channels (to shrink it, as
    Inception's bottlenecks do).  No activation: this is :math:`Z`.

    Parameters
    ----------
    A_prev : ndarray of shape (m, n_H, n_W, n_C_prev)
    W : ndarray of shape (1, 1, n_C_prev, n_C)
        The course's filter layout with f = 1.
    b : ndarray of shape (1, 1, 1, n_C)

    Returns
    -------
    Z : ndarray of shape (m, n_H, n_W, n_C)
    """
    # BEGIN SOLUTION
    Z = A_prev @ W[0, 0] + b  # (m, n_H, n_W, n_C_prev) @ (n_C_prev, n_C) + (1, 1, 1, n_C)
    # END SOLUTION
    return Z


# GRADED FUNCTION: bottleneck_cost
def bottleneck_cost(n_H, n_W, n_C_prev, n_C, f, n_bottleneck=None):
    r"""Multiplications of a stride-1 "same" f x f convolution, with or without a 1x1 bottleneck.

    Each of the :math:`n_H n_W n_C` outputs is a sum of :math:`f^2 n_{C,prev}` products:

    .. math::

        \text{cost} = n_H \, n_W \, n_C \cdot f^2 \, n_{C,prev}

    With a 1x1 convolution down to :math:`n_b` channels first, the cost of both:

    .. math::

        \text{cost} = n_H \, n_W \, n_b \cdot n_{C,prev} + n_H \, n_W \, n_C \cdot f^2 \, n_b

    The lecture's example, 28x28x192 to 28x28x32 with 5x5 filters: 120,422,400 (about 120M)
    directly, 2,408,448 + 10,035,200 = 12,443,648 (about 12.4M) through 16 channels.

    Parameters
    ----------
    n_H, n_W : int
        Height and width of the input, and of the output ("same").
    n_C_prev, n_C : int
        Channels in and out.
    f : int
        Filter size.
    n_bottleneck : int or None, default None
        Channels of the 1x1 bottleneck; ``None`` for none.

    Returns
    -------
    cost : int
    """
    # BEGIN SOLUTION
    if n_bottleneck is None:
        return n_H * n_W * n_C * f * f * n_C_prev
    cost = n_H * n_W * n_bottleneck * n_C_prev + n_H * n_W * n_C * f * f * n_bottleneck
    # END SOLUTION
    return cost
