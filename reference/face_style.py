r"""Course 4 week 4: the triplet loss of face verification (FaceNet), verification as binary
classification on precomputed encodings, and the costs of neural style transfer, in numpy
with the course's names and semantics (the course writes them with TensorFlow ops;
``tf.reduce_sum`` is ``np.sum``, ``tf.maximum`` is ``np.maximum``).

Activations are channels-last, ``(1, n_H, n_W, n_C)``: one image, as in the course.
Costs are returned as floats.
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
    # BEGIN SOLUTION
    pos_dist = np.sum(np.square(np.subtract(anchor, positive)), axis=-1)  # (m,)
    neg_dist = np.sum(np.square(np.subtract(anchor, negative)), axis=-1)  # (m,)
    basic_loss = pos_dist - neg_dist + alpha
    loss = float(np.sum(np.maximum(basic_loss, 0.0)))
    # END SOLUTION
    return loss


# GRADED FUNCTION: verification_probability
def verification_probability(f_i, f_j, w, b, distance="absolute"):
    r"""Face verification as binary classification: the probability that two faces are the
    same person, a logistic unit on a symmetric comparison of their encodings.

    .. math::

        \hat y = \sigma\Big(\sum_{k=1}^{d} w_k\, \phi_k + b\Big), \qquad
        \phi_k = \big|f(x^{(i)})_k - f(x^{(j)})_k\big| \quad \text{(absolute)}, \qquad
        \phi_k = \frac{\big(f(x^{(i)})_k - f(x^{(j)})_k\big)^2}{f(x^{(i)})_k + f(x^{(j)})_k}
        \quad \text{(chi-square)}

    with :math:`\sigma(z) = 1 / (1 + e^{-z})`.  Both comparisons are symmetric in the two
    images and 0 for identical encodings, whose probability is therefore
    :math:`\sigma(b)`.  The encodings are precomputed (the lecture's trick: the database
    images are encoded once).  Chi-square needs non-negative encodings; an entry whose
    sum :math:`f_k^{(i)} + f_k^{(j)}` is 0 has both encodings 0, and its term is 0.

    Parameters
    ----------
    f_i, f_j : ndarray of shape (m, d)
        The encodings of the two images of each of m pairs (d = 128 in the course);
        non-negative for ``distance="chi_square"``.
    w : ndarray of shape (d, 1)
        The logistic unit's weights.
    b : float
        Its bias.
    distance : {"absolute", "chi_square"}, default "absolute"
        The comparison :math:`\phi`.

    Returns
    -------
    y_hat : ndarray of shape (m, 1)
        In (0, 1): the probability that each pair shows the same person.
    """
    # BEGIN SOLUTION
    if distance == "absolute":
        phi = np.abs(f_i - f_j)  # (m, d)
    else:
        total = f_i + f_j  # (m, d)
        phi = np.divide(np.square(f_i - f_j), total, out=np.zeros_like(total, dtype=float), where=total != 0)
    y_hat = 1 / (1 + np.exp(-(np.dot(phi, w) + b)))  # (m, 1)
    # END SOLUTION
    return y_hat


# GRADED FUNCTION: verification_gradients
def verification_gradients(f_i, f_j, y, w, b, distance="absolute"):
    r"""Gradients of the verification unit's mean cross-entropy in its weights and bias.

    .. math::

        J = -\frac{1}{m} \sum_{p=1}^{m} \Big( y^{(p)} \log \hat y^{(p)}
            + (1 - y^{(p)}) \log\big(1 - \hat y^{(p)}\big) \Big), \qquad
        \frac{\partial J}{\partial w} = \frac{1}{m} \Phi^T (\hat y - y), \qquad
        \frac{\partial J}{\partial b} = \frac{1}{m} \sum_{p=1}^{m} \big(\hat y^{(p)} - y^{(p)}\big)

    where :math:`\Phi` (m, d) holds each pair's comparison :math:`\phi` (see
    :func:`verification_probability`, which gives :math:`\hat y`): the sigmoid and the
    cross-entropy together have the derivative :math:`\hat y - y` in the logit.

    Parameters
    ----------
    f_i, f_j : ndarray of shape (m, d)
        Encodings of the m pairs (non-negative for ``"chi_square"``).
    y : ndarray of shape (m, 1)
        1 where the pair is the same person, 0 where not.
    w : ndarray of shape (d, 1)
    b : float
    distance : {"absolute", "chi_square"}, default "absolute"

    Returns
    -------
    dw : ndarray of shape (d, 1)
    db : float
    """
    m = y.shape[0]
    y_hat = verification_probability(f_i, f_j, w, b, distance)  # (m, 1)
    # BEGIN SOLUTION
    if distance == "absolute":
        phi = np.abs(f_i - f_j)
    else:
        total = f_i + f_j
        phi = np.divide(np.square(f_i - f_j), total, out=np.zeros_like(total, dtype=float), where=total != 0)
    dw = np.dot(phi.T, y_hat - y) / m  # (d, 1)
    db = float(np.sum(y_hat - y) / m)
    # END SOLUTION
    return dw, db


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
    # BEGIN SOLUTION
    J_content = float(np.sum(np.square(a_C - a_G)) / (4 * n_H * n_W * n_C))
    # END SOLUTION
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
    # BEGIN SOLUTION
    GA = np.dot(A, A.T)  # (n_C, n_C)
    # END SOLUTION
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
    # BEGIN SOLUTION
    a_S = np.reshape(a_S, (n_H * n_W, n_C)).T  # (n_C, n_H * n_W)
    a_G = np.reshape(a_G, (n_H * n_W, n_C)).T
    GS = gram_matrix(a_S)  # (n_C, n_C)
    GG = gram_matrix(a_G)
    J_style_layer = float(np.sum(np.square(GS - GG)) / (4 * n_C**2 * (n_H * n_W) ** 2))
    # END SOLUTION
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
    # BEGIN SOLUTION
    J = alpha * J_content + beta * J_style
    # END SOLUTION
    return J
