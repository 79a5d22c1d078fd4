r"""Course 4 week 4: face verification and neural style transfer costs (numpy).

Course 4 week 4: the triplet loss of face verification (FaceNet) and the costs of
neural style transfer, in numpy with the course's names and semantics (the course writes
them with TensorFlow ops; ``tf.reduce_sum`` is ``np.sum``, ``tf.maximum`` is ``np.maximum``).

Write your code between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE` (delete
the `raise NotImplementedError` line), then run `grade c4w4` in this folder.

Generated from reference/face_style.py by `grade stubs`.
"""

import numpy as np


# GRADED FUNCTION: triplet_loss
def triplet_loss(y_true, y_pred, alpha=0.2):
    r"""The triplet loss, summed over the batch.

    .. math::

        \mathcal{J} = \sum_{i=1}^{m} \max\Big(
            \big\| f(A^{(i)}) - f(P^{(i)}) \big\|_2^2 - \big\| f(A^{(i)}) - f(N^{(i)}) \big\|_2^2
            + \alpha,\ 0\Big)

    The squared distances sum over the last axis (the encoding), the loss over the
    examples: an example whose negative is farther than its positive by at least
    :math:`\alpha` costs nothing.

    Parameters
    ----------
    y_true : any
        Unused (Keras passes the labels; the course passes ``(None, None, None)``).
    y_pred : tuple of three ndarrays of shape (m, d)
        ``(anchor, positive, negative)``: the encodings f(A), f(P), f(N) (d = 128 in the
        course).  A single triplet may be given as three vectors of shape (d,).
    alpha : float, default 0.2
        The margin.

    Returns
    -------
    loss : float
        Non-negative.
    """
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return loss


# GRADED FUNCTION: compute_content_cost
def compute_content_cost(a_C, a_G):
    r"""The content cost: how far the generated image's activations are from the content
    image's, at one hidden layer.

    .. math::

        J_{content}(C, G) = \frac{1}{4 n_H n_W n_C} \sum_{\text{all entries}} \big(a^{(C)} - a^{(G)}\big)^2

    Parameters
    ----------
    a_C, a_G : ndarray of shape (1, n_H, n_W, n_C)
        The layer's activations for the content image C and the generated image G.

    Returns
    -------
    J_content : float
    """
    _, n_H, n_W, n_C = a_G.shape
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return J_content


# GRADED FUNCTION: gram_matrix
def gram_matrix(A):
    r"""The Gram matrix of the rows of ``A``: the correlations between channels.

    .. math:: G_A = A A^T, \qquad (G_A)_{ij} = \sum_k A_{ik} A_{jk}

    Parameters
    ----------
    A : ndarray of shape (n_C, n_H * n_W)
        Unrolled activations, one row per channel.

    Returns
    -------
    GA : ndarray of shape (n_C, n_C)
        Symmetric, positive semi-definite.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return GA


# GRADED FUNCTION: compute_layer_style_cost
def compute_layer_style_cost(a_S, a_G):
    r"""The style cost of one layer: the distance between the Gram matrices of the style
    image's and the generated image's activations.

    Each activation is unrolled to :math:`(n_C, n_H n_W)`, one row per channel: reshape to
    ``(n_H * n_W, n_C)`` (pixels by channels), then transpose.  (Reshaping straight to
    ``(n_C, n_H * n_W)`` mixes channels and pixels: channels-last data is laid out pixel by
    pixel.)  With :math:`G^{(S)}, G^{(G)}` the :func:`gram_matrix` of the unrolled
    activations:

    .. math::

        J_{style}^{[l]}(S, G) = \frac{1}{4 n_C^2 (n_H n_W)^2}
            \sum_{i=1}^{n_C} \sum_{j=1}^{n_C} \big(G^{(S)}_{ij} - G^{(G)}_{ij}\big)^2

    Parameters
    ----------
    a_S, a_G : ndarray of shape (1, n_H, n_W, n_C)
        The layer's activations for the style image S and the generated image G.

    Returns
    -------
    J_style_layer : float
        Zero when the two images have the same channel correlations, wherever the
        features sit.
    """
    _, n_H, n_W, n_C = a_G.shape
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return J_style_layer


# GRADED FUNCTION: total_cost
def total_cost(J_content, J_style, alpha=10, beta=40):
    r"""The cost style transfer minimizes: content and style, weighted.

    .. math:: J(G) = \alpha J_{content}(C, G) + \beta J_{style}(S, G)

    Parameters
    ----------
    J_content, J_style : float
    alpha, beta : float, default 10 and 40
        The weights of the content and the style.

    Returns
    -------
    J : float
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return J