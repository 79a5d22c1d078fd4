r"""Course 2 week 1 "Initialization" graded functions: zeros, large random and He
initialization of a fully connected network, with the Coursera signatures.

``layers_dims`` is ``[n_0, n_1, ..., n_L]`` (``n_0`` the input size); the result holds
``"W1", "b1", ..., "WL", "bL"`` with ``W_l`` of shape (n_l, n_{l-1}) and ``b_l`` of shape
(n_l, 1), in float64.

Randomness: the course seeds numpy's global generator inside each random initializer
(``np.random.seed(3)``) and then draws layer by layer with ``np.random.randn``.
``np.random.RandomState(3)`` produces the identical stream (the same Mersenne Twister
state and the same Gaussian method), so these functions draw from their own
``RandomState(3)``: the values are bit for bit the course's, and numpy's global state
is left alone.
"""

import numpy as np


# GRADED FUNCTION: initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    r"""Initialize every weight and bias to zero (which fails to break symmetry).

    .. math::

        W^{[l]} = 0 \in \mathbb{R}^{n_l \times n_{l-1}}, \qquad
        b^{[l]} = 0 \in \mathbb{R}^{n_l \times 1}, \qquad l = 1, \dots, L

    Parameters
    ----------
    layers_dims : list of int
        ``[n_0, n_1, ..., n_L]`` with every ``n_l >= 1`` and ``L >= 1``.

    Returns
    -------
    parameters : dict
        ``"W" + str(l)``: float zeros of shape (n_l, n_{l-1}); ``"b" + str(l)``: float
        zeros of shape (n_l, 1).
    """
    parameters = {}
    L = len(layers_dims)  # the number of layers plus one (the input)
    for l in range(1, L):
        # BEGIN SOLUTION
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        # END SOLUTION
    return parameters


# GRADED FUNCTION: initialize_parameters_random
def initialize_parameters_random(layers_dims):
    r"""Initialize the weights to large random values and the biases to zero.

    With :math:`G^{[l]}` the next :math:`n_l \times n_{l-1}` standard normal draws of the
    stream seeded with 3 (layer 1 first, each matrix filled row by row):

    .. math::

        W^{[l]} = 10\, G^{[l]}, \qquad b^{[l]} = 0 \in \mathbb{R}^{n_l \times 1}

    so every weight has variance :math:`\operatorname{Var} W^{[l]}_{jk} = 100`.

    Parameters
    ----------
    layers_dims : list of int
        ``[n_0, n_1, ..., n_L]`` with every ``n_l >= 1`` and ``L >= 1``.

    Returns
    -------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}); ``"b" + str(l)``: zeros of shape (n_l, 1).
    """
    rng = np.random.RandomState(3)  # Coursera: np.random.seed(3), then np.random.randn(...): same draws
    parameters = {}
    L = len(layers_dims)  # the number of layers plus one (the input)
    for l in range(1, L):
        # BEGIN SOLUTION
        parameters["W" + str(l)] = rng.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        # END SOLUTION
    return parameters


# GRADED FUNCTION: initialize_parameters_he
def initialize_parameters_he(layers_dims):
    r"""He initialization (He et al., 2015): weights scaled for ReLU layers, zero biases.

    With :math:`G^{[l]}` the next :math:`n_l \times n_{l-1}` standard normal draws of the
    stream seeded with 3 (layer 1 first, each matrix filled row by row):

    .. math::

        W^{[l]} = G^{[l]} \sqrt{\frac{2}{n_{l-1}}}, \qquad b^{[l]} = 0 \in \mathbb{R}^{n_l \times 1}

    so :math:`\operatorname{Var} W^{[l]}_{jk} = 2 / n_{l-1}`: the fan-in of layer ``l``,
    not its size (Xavier initialization would use :math:`1 / n_{l-1}`).

    Parameters
    ----------
    layers_dims : list of int
        ``[n_0, n_1, ..., n_L]`` with every ``n_l >= 1`` and ``L >= 1``.

    Returns
    -------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}); ``"b" + str(l)``: zeros of shape (n_l, 1).
    """
    rng = np.random.RandomState(3)  # Coursera: np.random.seed(3), then np.random.randn(...): same draws
    parameters = {}
    L = len(layers_dims) - 1  # the number of layers
    for l in range(1, L + 1):
        # BEGIN SOLUTION
        scale = np.sqrt(2 / layers_dims[l - 1])  # fan-in of layer l
        parameters["W" + str(l)] = rng.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        # END SOLUTION
    return parameters
