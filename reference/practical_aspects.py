r"""Further course 2 week 1 practice ("Practical aspects of deep learning"): Xavier and
Glorot initialization, normalizing inputs with the training set's statistics, a seeded
train/dev/test split, and the bias/variance diagnosis of the lectures.

Examples are columns (``X`` has shape (n_x, m)); ``parameters`` holds ``"W1", "b1", ...``.
Randomness comes from an integer ``seed`` turned into ``np.random.default_rng(seed)``
inside each function: the same seed gives the same result, and numpy's global random
state is neither read nor changed.  (A seed rather than a ``Generator`` argument because
the grader calls these functions in another process, and only plain data crosses.)
"""

import numpy as np


# GRADED FUNCTION: initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims, seed=0):
    r"""Xavier initialization: Gaussian weights whose variance is one over the fan-in.

    .. math::

        W^{[l]}_{ij} \sim \mathcal{N}\Big(0, \frac{1}{n^{[l-1]}}\Big), \qquad
        b^{[l]} = 0, \qquad l = 1, \dots, L

    so that :math:`\operatorname{Var}(z^{[l]}_i) \approx \operatorname{Var}(a^{[l-1]}_j)`
    (the lecture's ``np.random.randn(shape) * np.sqrt(1 / n[l-1])``, suited to tanh).

    Parameters
    ----------
    layers_dims : list of int
        ``[n_0, n_1, ..., n_L]``, all >= 1; ``n_0`` is the input size.
    seed : int, default 0
        Seed of ``np.random.default_rng``; the same seed gives the same parameters.

    Returns
    -------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), float; ``"b" + str(l)`` zeros of shape (n_l, 1).
    """
    rng = np.random.default_rng(seed)
    parameters = {}
    # BEGIN SOLUTION
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(1 / layers_dims[l - 1])
        parameters["W" + str(l)] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    # END SOLUTION
    return parameters


# GRADED FUNCTION: initialize_parameters_glorot
def initialize_parameters_glorot(layers_dims, seed=0):
    r"""Glorot (Bengio) initialization: variance two over fan-in plus fan-out.

    .. math::

        W^{[l]}_{ij} \sim \mathcal{N}\Big(0, \frac{2}{n^{[l-1]} + n^{[l]}}\Big), \qquad
        b^{[l]} = 0, \qquad l = 1, \dots, L

    the compromise between keeping the forward activations' variance (:math:`1 / n^{[l-1]}`)
    and the backward gradients' (:math:`1 / n^{[l]}`).

    Parameters
    ----------
    layers_dims : list of int
        ``[n_0, n_1, ..., n_L]``, all >= 1.
    seed : int, default 0
        Seed of ``np.random.default_rng``; the same seed gives the same parameters.

    Returns
    -------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), float; ``"b" + str(l)`` zeros of shape (n_l, 1).
    """
    rng = np.random.default_rng(seed)
    parameters = {}
    # BEGIN SOLUTION
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(2 / (layers_dims[l - 1] + layers_dims[l]))
        parameters["W" + str(l)] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    # END SOLUTION
    return parameters


# GRADED FUNCTION: fit_normalizer
def fit_normalizer(X_train):
    r"""The per-feature mean and variance of the training set, over its examples (columns).

    .. math::

        \mu = \frac{1}{m} \sum_{i=1}^{m} x^{(i)}, \qquad
        \sigma^2 = \frac{1}{m} \sum_{i=1}^{m} \big(x^{(i)} - \mu\big)^2 \quad \text{(elementwise)}

    Dividing by :math:`m` (not :math:`m - 1`), as in the lecture.

    Parameters
    ----------
    X_train : ndarray of shape (n_x, m)
        Training inputs, one example per column, m >= 1.

    Returns
    -------
    mu : ndarray of shape (n_x, 1)
    sigma2 : ndarray of shape (n_x, 1)
        Non-negative.
    """
    # BEGIN SOLUTION
    mu = np.mean(X_train, axis=1, keepdims=True)  # (n_x, 1)
    sigma2 = np.mean((X_train - mu) ** 2, axis=1, keepdims=True)  # (n_x, 1)
    # END SOLUTION
    return mu, sigma2


# GRADED FUNCTION: normalize
def normalize(X, mu, sigma2, epsilon=1e-8):
    r"""Normalize any set (train, dev or test) with the TRAINING set's statistics.

    .. math::

        \hat x^{(i)} = \frac{x^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}

    ``mu`` and ``sigma2`` come from :func:`fit_normalizer` on the training set and are used
    unchanged for the dev and test sets, so that all three go through the same map.  On the
    training set itself the result has mean 0 and variance :math:`\sigma^2 / (\sigma^2 + \varepsilon)`
    (about 1) per feature.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        Inputs to normalize, one example per column.
    mu, sigma2 : ndarray of shape (n_x, 1)
        The training set's mean and variance, broadcast over the columns.
    epsilon : float, default 1e-8
        Added to the variance, inside the square root, so a constant feature does not
        divide by zero.

    Returns
    -------
    X_norm : ndarray of shape (n_x, m)
    """
    # BEGIN SOLUTION
    X_norm = (X - mu) / np.sqrt(sigma2 + epsilon)
    # END SOLUTION
    return X_norm


# GRADED FUNCTION: split_dataset
def split_dataset(X, Y, dev_fraction, test_fraction, seed):
    r"""Shuffle the examples (columns) of X and Y together and cut them into train, dev and
    test sets.

    .. math::

        m_{dev} = \lfloor f_{dev}\, m \rfloor, \qquad
        m_{test} = \lfloor f_{test}\, m \rfloor, \qquad
        m_{train} = m - m_{dev} - m_{test}

    (the floors of the floating-point products ``dev_fraction * m`` and
    ``test_fraction * m``: rounded down, so the training set gets the remainder).  With
    :math:`\pi` a permutation of the columns drawn from ``np.random.default_rng(seed)``, the
    training set holds :math:`\pi(0), \dots, \pi(m_{train} - 1)`, the dev set the next
    :math:`m_{dev}`, the test set the last :math:`m_{test}`.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        Inputs, one example per column.
    Y : ndarray of shape (n_y, m)
        Labels of the same examples.
    dev_fraction, test_fraction : float
        Non-negative, with ``dev_fraction + test_fraction <= 1``.
    seed : int
        Seed of the shuffle: the same seed gives the same split.

    Returns
    -------
    (X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test) : tuple of tuple of ndarray
        Shapes (n_x, m_train), (n_y, m_train), (n_x, m_dev), ...; every column of X is in
        exactly one set, with its own column of Y.  A set may be empty (shape (n_x, 0)).
    """
    m = X.shape[1]
    # BEGIN SOLUTION
    m_dev = int(np.floor(dev_fraction * m))
    m_test = int(np.floor(test_fraction * m))
    m_train = m - m_dev - m_test
    permutation = np.random.default_rng(seed).permutation(m)  # (m,)
    train = permutation[:m_train]
    dev = permutation[m_train : m_train + m_dev]
    test = permutation[m_train + m_dev :]
    # END SOLUTION
    return (X[:, train], Y[:, train]), (X[:, dev], Y[:, dev]), (X[:, test], Y[:, test])


# GRADED FUNCTION: diagnose_bias_variance
def diagnose_bias_variance(human_error, train_error, dev_error):
    r"""Split the dev error into avoidable bias and variance, and say which to work on.

    With human-level error as the proxy for Bayes error:

    .. math::

        \text{avoidable bias} = e_{train} - e_{human}, \qquad
        \text{variance} = e_{dev} - e_{train}

    ``"focus"`` is ``"bias"`` when the avoidable bias is at least the variance, else
    ``"variance"``: a tie goes to bias, as the lectures' basic recipe fixes high bias first
    (a bigger network, training longer) before high variance (more data, regularization).

    Parameters
    ----------
    human_error, train_error, dev_error : float
        Error rates in one unit (fractions or percentages).

    Returns
    -------
    diagnosis : dict
        ``{"avoidable_bias": float, "variance": float, "focus": "bias" or "variance"}``.
    """
    # BEGIN SOLUTION
    avoidable_bias = train_error - human_error
    variance = dev_error - train_error
    focus = "bias" if avoidable_bias >= variance else "variance"
    # END SOLUTION
    return {"avoidable_bias": avoidable_bias, "variance": variance, "focus": focus}
