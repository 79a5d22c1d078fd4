r"""Course 2 week 3: hyperparameter search, batch normalization, softmax.

Course 2 week 3 in numpy: random hyperparameter search on the right scale, batch
normalization (training, backward, test time, a layer without bias) and softmax
classification, put together in a small classifier trained with mini-batches and Adam.

Write your code between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE` (delete
the `raise NotImplementedError` line), then run `grade week3` in this folder.

Generated from reference/tuning.py by `grade stubs`.
"""

import math

import numpy as np


# GRADED FUNCTION: sample_learning_rate
def sample_learning_rate(num, rng, low=-4.0, high=0.0):
    r"""Draw learning rates uniformly on a log scale, between :math:`10^{low}` and :math:`10^{high}`.

    .. math::

        r \sim \mathcal{U}[\text{low}, \text{high}], \qquad \alpha = 10^{r}

    so each decade (0.0001 to 0.001, ..., 0.1 to 1) gets the same share of the draws.
    Draw with the single call ``rng.uniform(low, high, size=num)``: the same seed then
    gives the same rates as the reference.

    Parameters
    ----------
    num : int
        Number of learning rates to draw, ``num >= 1``.
    rng : numpy.random.Generator or int
        Source of randomness (an int seeds a new Generator).
    low, high : float
        Exponents of the smallest and largest rate, ``low < high``.

    Returns
    -------
    learning_rates : ndarray of shape (num,), float
        Values in :math:`[10^{low}, 10^{high}]`.
    """
    rng = np.random.default_rng(rng)  # a seed or a Generator
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return learning_rates


# GRADED FUNCTION: sample_beta
def sample_beta(num, rng, low=0.9, high=0.999):
    r"""Draw momentum terms :math:`\beta` in [low, high] so that :math:`1 - \beta` is log-uniform.

    :math:`\beta` averages over about :math:`1 / (1 - \beta)` steps; near 1 a small change
    of :math:`\beta` matters a lot, so sample :math:`1 - \beta` on a log scale:

    .. math::

        r \sim \mathcal{U}\big[\log_{10}(1 - \text{high}),\ \log_{10}(1 - \text{low})\big],
        \qquad \beta = 1 - 10^{r}

    Draw with the single call ``rng.uniform(np.log10(1 - high), np.log10(1 - low), size=num)``.

    Parameters
    ----------
    num : int
        Number of values to draw, ``num >= 1``.
    rng : numpy.random.Generator or int
        Source of randomness (an int seeds a new Generator).
    low, high : float
        Bounds of :math:`\beta`, ``0 <= low < high < 1``.

    Returns
    -------
    betas : ndarray of shape (num,), float
        Values in [low, high].
    """
    rng = np.random.default_rng(rng)  # a seed or a Generator
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return betas


# GRADED FUNCTION: coarse_to_fine
def coarse_to_fine(trials, scores, log_scale, top_fraction=0.25):
    r"""Zoom in: the smallest box, one interval per hyperparameter, holding the best trials.

    The best :math:`n = \lceil \text{top\_fraction} \cdot k \rceil` trials are those of
    highest score (ties: the earlier trial first). On a log-scaled dimension :math:`j`
    the box is in exponents, ready for :func:`sample_learning_rate`:

    .. math::

        u_{ij} = \log_{10} x_{ij} \text{ if log\_scale}_j \text{ else } x_{ij}, \qquad
        \text{box}_j = \big[\min_{i \in \text{best}} u_{ij},\ \max_{i \in \text{best}} u_{ij}\big]

    (For a :math:`\beta`, store :math:`1 - \beta` in ``trials`` and mark it log-scaled.)

    Parameters
    ----------
    trials : ndarray of shape (k, d)
        Row i holds the d hyperparameters of trial i; positive on log-scaled dimensions.
    scores : ndarray of shape (k,)
        The score of each trial, higher is better (e.g. dev-set accuracy).
    log_scale : ndarray of shape (d,), bool
        Which dimensions are searched on a log scale.
    top_fraction : float, default 0.25
        Fraction of the trials to keep, in (0, 1].

    Returns
    -------
    box : ndarray of shape (d, 2), float
        ``box[j] = [low_j, high_j]``, exponents on log-scaled dimensions.
    """
    k = trials.shape[0]  # number of trials
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return box


# GRADED FUNCTION: batchnorm_forward
def batchnorm_forward(Z, gamma, beta, epsilon=1e-8):
    r"""Batch normalization in training mode: normalize each unit over the mini-batch.

    For each unit (row), over the m examples (columns) of the mini-batch:

    .. math::

        \mu = \frac{1}{m} \sum_{i=1}^{m} z^{(i)}, \qquad
        \sigma^2 = \frac{1}{m} \sum_{i=1}^{m} \big(z^{(i)} - \mu\big)^2, \qquad
        z_{norm}^{(i)} = \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad
        \tilde z^{(i)} = \gamma\, z_{norm}^{(i)} + \beta

    Parameters
    ----------
    Z : ndarray of shape (n, m)
        Pre-activations of n units on a mini-batch of ``m >= 2`` examples.
    gamma, beta : ndarray of shape (n, 1)
        Learned scale and shift of each unit.
    epsilon : float, default 1e-8
        Added to the variance, inside the square root.

    Returns
    -------
    Z_tilde : ndarray of shape (n, m)
    cache : tuple
        ``(Z, Z_norm, mu, var, gamma, epsilon)``; ``mu``, ``var`` of shape (n, 1).
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    cache = (Z, Z_norm, mu, var, gamma, epsilon)
    return Z_tilde, cache


# GRADED FUNCTION: batchnorm_backward
def batchnorm_backward(dZ_tilde, cache):
    r"""Backward pass of :func:`batchnorm_forward`: :math:`\mu` and :math:`\sigma^2` depend on every z.

    With :math:`d\tilde z = \partial J / \partial \tilde z`, sums over the m examples:

    .. math::

        d\beta = \sum_i d\tilde z^{(i)}, \qquad
        d\gamma = \sum_i d\tilde z^{(i)} z_{norm}^{(i)}, \qquad
        dz_{norm} = \gamma\, d\tilde z \\
        dz^{(i)} = \frac{1}{m \sqrt{\sigma^2 + \varepsilon}} \Big(
            m\, dz_{norm}^{(i)} - \sum_j dz_{norm}^{(j)}
            - z_{norm}^{(i)} \sum_j dz_{norm}^{(j)} z_{norm}^{(j)} \Big)

    so each row of dZ sums to zero (shifting a unit's z changes nothing downstream).

    Parameters
    ----------
    dZ_tilde : ndarray of shape (n, m)
        Gradient of the cost with respect to ``Z_tilde``.
    cache : tuple
        ``(Z, Z_norm, mu, var, gamma, epsilon)`` from :func:`batchnorm_forward`.

    Returns
    -------
    dZ : ndarray of shape (n, m)
    dgamma, dbeta : ndarray of shape (n, 1)
    """
    Z, Z_norm, mu, var, gamma, epsilon = cache
    m = Z.shape[1]  # number of examples
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return dZ, dgamma, dbeta


# GRADED FUNCTION: update_running_averages
def update_running_averages(running_mean, running_var, mu, var, momentum=0.9):
    r"""Fold one mini-batch's statistics into exponentially weighted averages, for test time.

    .. math::

        \mu_{run} \leftarrow m_o\, \mu_{run} + (1 - m_o)\, \mu, \qquad
        \sigma^2_{run} \leftarrow m_o\, \sigma^2_{run} + (1 - m_o)\, \sigma^2

    with :math:`m_o` the momentum (the :math:`\beta` of the lectures' weighted averages;
    Keras's ``momentum``; PyTorch's ``momentum`` is :math:`1 - m_o`).

    Parameters
    ----------
    running_mean, running_var : ndarray of shape (n, 1)
        The averages so far (at the start: zeros and ones).
    mu, var : ndarray of shape (n, 1)
        The mini-batch's mean and variance, as in the cache of :func:`batchnorm_forward`.
    momentum : float, default 0.9
        Weight of the past, in [0, 1).

    Returns
    -------
    running_mean, running_var : ndarray of shape (n, 1)
        New arrays; the ones passed in are left unchanged.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return running_mean, running_var


# GRADED FUNCTION: batchnorm_forward_test
def batchnorm_forward_test(Z, gamma, beta, running_mean, running_var, epsilon=1e-8):
    r"""Batch normalization at test time: normalize with the running averages, not the batch.

    .. math::

        z_{norm} = \frac{z - \mu_{run}}{\sqrt{\sigma^2_{run} + \varepsilon}}, \qquad
        \tilde z = \gamma\, z_{norm} + \beta

    Each example is normalized on its own, so ``m = 1`` works.

    Parameters
    ----------
    Z : ndarray of shape (n, m)
        Pre-activations of n units on ``m >= 1`` examples.
    gamma, beta : ndarray of shape (n, 1)
        Learned scale and shift.
    running_mean, running_var : ndarray of shape (n, 1)
        From :func:`update_running_averages` during training.
    epsilon : float, default 1e-8
        Added to the variance, inside the square root.

    Returns
    -------
    Z_tilde : ndarray of shape (n, m)
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return Z_tilde


# GRADED FUNCTION: linear_batchnorm_forward
def linear_batchnorm_forward(A_prev, W, gamma, beta, epsilon=1e-8):
    r"""A layer's linear step followed by batch norm: no bias, since :math:`\beta` takes its place.

    .. math::

        Z = W A_{prev}, \qquad \tilde Z = \mathrm{BN}_{\gamma, \beta}(Z)

    A bias would be wasted: :math:`Z + b` has mean :math:`\mu + b`, so the mean
    subtraction cancels it, :math:`\mathrm{BN}(Z + b\,\mathbf{1}^T) = \mathrm{BN}(Z)`.

    Parameters
    ----------
    A_prev : ndarray of shape (n_prev, m)
        Activations of the previous layer, ``m >= 2`` examples.
    W : ndarray of shape (n, n_prev)
        Weights.
    gamma, beta : ndarray of shape (n, 1)
        Batch-norm scale and shift.
    epsilon : float, default 1e-8

    Returns
    -------
    Z_tilde : ndarray of shape (n, m)
    cache : tuple
        ``(A_prev, W, bn_cache)`` with ``bn_cache`` from :func:`batchnorm_forward`.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    cache = (A_prev, W, bn_cache)
    return Z_tilde, cache


# GRADED FUNCTION: softmax
def softmax(Z):
    r"""Softmax of each column, computed without overflow.

    .. math::

        a_c = \frac{e^{z_c - \max_k z_k}}{\sum_{j=1}^{C} e^{z_j - \max_k z_k}}

    Subtracting the column's maximum changes nothing mathematically, and keeps every
    exponent at most 0 (``np.exp(1000)`` overflows).

    Parameters
    ----------
    Z : ndarray of shape (C, m)
        Logits of C classes for m examples.

    Returns
    -------
    A : ndarray of shape (C, m)
        Positive; each column sums to 1.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return A


# GRADED FUNCTION: compute_softmax_cost
def compute_softmax_cost(Y_hat, Y):
    r"""Cross-entropy cost: the mean over examples of :math:`-\sum_c y_c \log \hat y_c`.

    .. math::

        J = -\frac{1}{m} \sum_{i=1}^{m} \sum_{c=1}^{C} y_c^{(i)} \log \hat y_c^{(i)}

    With C = 2 and one-hot labels it is the logistic regression cost.

    Parameters
    ----------
    Y_hat : ndarray of shape (C, m)
        Predicted probabilities (softmax output), positive.
    Y : ndarray of shape (C, m)
        One-hot labels (or any columns of probabilities).

    Returns
    -------
    cost : float
    """
    m = Y.shape[1]  # number of examples
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return cost


# GRADED FUNCTION: softmax_backward
def softmax_backward(Y_hat, Y):
    r"""Gradient of the cross-entropy through the softmax, one column per example.

    .. math::

        dZ = \hat Y - Y = \frac{\partial (m J)}{\partial Z}

    Column i is the gradient of example i's loss :math:`-\sum_c y_c \log \hat y_c` with
    respect to its logits :math:`z^{(i)}`; no :math:`1/m` here (it goes into
    :math:`dW = \frac{1}{m} dZ\, A_{prev}^T`, as in the course).

    Parameters
    ----------
    Y_hat : ndarray of shape (C, m)
        ``softmax(Z)``.
    Y : ndarray of shape (C, m)
        One-hot labels.

    Returns
    -------
    dZ : ndarray of shape (C, m)
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return dZ


# Given (not graded): the classifier's parameters.
def initialize_bn_network(layers_dims, rng):
    r"""He-initialized weights, :math:`\gamma = 1`, :math:`\beta = 0`, running averages 0 and 1.

    .. math::

        W^{[l]} \sim \mathcal{N}\big(0, 2 / n^{[l-1]}\big)

    Returns ``parameters`` (``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"gamma" + str(l)``
    and ``"beta" + str(l)`` of shape (n_l, 1)) and ``running`` (``"running_mean" + str(l)``,
    ``"running_var" + str(l)`` of shape (n_l, 1)), for l = 1..L.
    """
    parameters, running = {}, {}
    for l in range(1, len(layers_dims)):
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters["W" + str(l)] = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters["gamma" + str(l)] = np.ones((n, 1))
        parameters["beta" + str(l)] = np.zeros((n, 1))
        running["running_mean" + str(l)] = np.zeros((n, 1))
        running["running_var" + str(l)] = np.ones((n, 1))
    return parameters, running


# Given (not graded): the classifier's forward pass, with your functions.
def forward_bn_network(X, parameters, epsilon=1e-8):
    r"""Training-mode forward pass: [LINEAR -> BATCHNORM -> RELU] x (L-1) -> LINEAR -> BATCHNORM -> SOFTMAX.

    Returns ``Y_hat`` (C, m) and ``caches``: per layer ``(A_prev, W, bn_cache, Z_tilde)``,
    where ``bn_cache = (Z, Z_norm, mu, var, gamma, epsilon)`` holds the batch's statistics.
    """
    L = len(parameters) // 3  # W, gamma, beta per layer
    A, caches = X, []
    for l in range(1, L + 1):
        W, gamma, beta = (parameters[key + str(l)] for key in ("W", "gamma", "beta"))
        Z_tilde, (A_prev, W, bn_cache) = linear_batchnorm_forward(A, W, gamma, beta, epsilon)
        caches.append((A_prev, W, bn_cache, Z_tilde))
        A = np.maximum(0, Z_tilde) if l < L else softmax(Z_tilde)
    return A, caches


# Given (not graded): the classifier's backward pass, with your functions.
def backward_bn_network(Y_hat, Y, caches):
    r"""Gradients of the cost J (the mean over the batch) for :func:`forward_bn_network`.

    .. math::

        d\tilde Z^{[L]} = \frac{1}{m} (\hat Y - Y), \qquad
        d\tilde Z^{[l]} = dA^{[l]} \odot \mathbb{1}[\tilde Z^{[l]} > 0], \qquad
        dW^{[l]} = dZ^{[l]} A^{[l-1]T}, \qquad dA^{[l-1]} = W^{[l]T} dZ^{[l]}

    Keys ``"dW" + str(l)``, ``"dgamma" + str(l)``, ``"dbeta" + str(l)``.
    """
    m, L = Y.shape[1], len(caches)
    grads = {}
    dA = None
    for l in range(L, 0, -1):
        A_prev, W, bn_cache, Z_tilde = caches[l - 1]
        dZ_tilde = softmax_backward(Y_hat, Y) / m if l == L else dA * (Z_tilde > 0)
        dZ, grads["dgamma" + str(l)], grads["dbeta" + str(l)] = batchnorm_backward(dZ_tilde, bn_cache)
        grads["dW" + str(l)] = np.dot(dZ, A_prev.T)
        dA = np.dot(W.T, dZ)  # (n_{l-1}, m)
    return grads


# Given (not graded): the optimizer.
def adam_update(parameters, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    r"""One Adam step on every parameter; ``state`` is ``{"t": 0, "v": {}, "s": {}}`` at first.

    .. math::

        v \leftarrow \beta_1 v + (1 - \beta_1)\, dW, \quad
        s \leftarrow \beta_2 s + (1 - \beta_2)\, dW^2, \quad
        W \leftarrow W - \alpha \frac{v / (1 - \beta_1^t)}{\sqrt{s / (1 - \beta_2^t)} + \varepsilon}
    """
    state["t"] += 1
    t = state["t"]
    for key in parameters:
        g = grads["d" + key]
        v = state["v"][key] = beta1 * state["v"].get(key, 0.0) + (1 - beta1) * g
        s = state["s"][key] = beta2 * state["s"].get(key, 0.0) + (1 - beta2) * g**2
        step = (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + epsilon)
        parameters[key] = parameters[key] - learning_rate * step
    return parameters


# Given (not graded): predictions at test time, with your functions.
def predict_bn_network(X, parameters, running, epsilon=1e-8):
    r"""Test-mode forward pass with the running averages; the predicted class of each column.

    Returns an int ndarray of shape (m,): :math:`\arg\max_c \hat y_c`.
    """
    L = len(parameters) // 3
    A = X
    for l in range(1, L + 1):
        Z = np.dot(parameters["W" + str(l)], A)
        Z_tilde = batchnorm_forward_test(
            Z,
            parameters["gamma" + str(l)],
            parameters["beta" + str(l)],
            running["running_mean" + str(l)],
            running["running_var" + str(l)],
            epsilon,
        )
        A = np.maximum(0, Z_tilde) if l < L else softmax(Z_tilde)
    return np.argmax(A, axis=0)


# GRADED FUNCTION: train_softmax_classifier
def train_softmax_classifier(
    X, Y, layers_dims, rng, learning_rate=0.01, num_epochs=10, mini_batch_size=32, momentum=0.9, epsilon=1e-8
):
    r"""Train the batch-normalized softmax classifier with mini-batch Adam.

    Every epoch: shuffle the columns with ``rng.permutation(m)``, cut them into batches of
    ``mini_batch_size`` (the last one smaller), and for each batch run
    :func:`forward_bn_network`, :func:`backward_bn_network`, fold each layer's
    :math:`\mu, \sigma^2` into ``running`` with :func:`update_running_averages`, then
    take one :func:`adam_update` step:

    .. math::

        \mu_{run}^{[l]} \leftarrow m_o\, \mu_{run}^{[l]} + (1 - m_o)\, \mu^{[l]}, \qquad
        \theta \leftarrow \mathrm{Adam}(\theta, d\theta)

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        Training inputs.
    Y : ndarray of shape (C, m)
        One-hot labels.
    layers_dims : list of int
        ``[n_x, n_1, ..., C]``.
    rng : numpy.random.Generator or int
        Source of the initialization and the shuffles.
    learning_rate, num_epochs, mini_batch_size, momentum, epsilon
        Adam's step size, passes over the data, batch size, running-average momentum,
        batch norm's epsilon.

    Returns
    -------
    parameters, running : dict
        As from :func:`initialize_bn_network`, trained; predict with :func:`predict_bn_network`.
    """
    rng = np.random.default_rng(rng)  # a seed or a Generator
    parameters, running = initialize_bn_network(layers_dims, rng)
    state = {"t": 0, "v": {}, "s": {}}  # Adam's
    m = X.shape[1]  # number of examples
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return parameters, running