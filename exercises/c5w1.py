r"""Course 5 week 1: RNN and LSTM cells, forward, step by step.

Course 5 week 1, "Building your Recurrent Neural Network - Step by Step": the forward
passes of a basic RNN and of an LSTM, one cell and then the whole sequence.

Write your code between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE` (delete
the `raise NotImplementedError` line), then run `grade c5w1` in this folder.

Generated from reference/rnn.py by `grade stubs`.
"""

import numpy as np

try:  # run as a student's file next to the grader's rnn_utils shim
    from rnn_utils import sigmoid, softmax
except ImportError:  # imported as reference.rnn (the grader's judge and tests)
    from .rnn_helpers import sigmoid, softmax


# GRADED FUNCTION: rnn_cell_forward
def rnn_cell_forward(xt, a_prev, parameters):
    r"""One step of a basic RNN.

    .. math::

        a^{\langle t \rangle} = \tanh\big(W_{ax} x^{\langle t \rangle} + W_{aa} a^{\langle t-1 \rangle} + b_a\big),
        \qquad
        \hat y^{\langle t \rangle} = \operatorname{softmax}\big(W_{ya} a^{\langle t \rangle} + b_y\big)

    Parameters
    ----------
    xt : ndarray of shape (n_x, m)
        The inputs at step t.
    a_prev : ndarray of shape (n_a, m)
        The hidden state of step t - 1.
    parameters : dict
        ``"Wax"`` (n_a, n_x), ``"Waa"`` (n_a, n_a), ``"Wya"`` (n_y, n_a), ``"ba"`` (n_a, 1),
        ``"by"`` (n_y, 1).

    Returns
    -------
    a_next : ndarray of shape (n_a, m)
    yt_pred : ndarray of shape (n_y, m)
        Each column sums to 1.
    cache : tuple
        ``(a_next, a_prev, xt, parameters)``, for the backward pass.
    """
    Wax, Waa, Wya = parameters["Wax"], parameters["Waa"], parameters["Wya"]
    ba, by = parameters["ba"], parameters["by"]
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache


# GRADED FUNCTION: rnn_forward
def rnn_forward(x, a0, parameters):
    r"""A basic RNN over a whole sequence: :func:`rnn_cell_forward` at every step, each
    step's hidden state fed to the next.

    .. math::

        a^{\langle 0 \rangle} = a_0, \qquad
        a^{\langle t \rangle}, \hat y^{\langle t \rangle} =
        \operatorname{cell}\big(x^{\langle t \rangle}, a^{\langle t-1 \rangle}\big), \quad t = 1, \dots, T_x

    Parameters
    ----------
    x : ndarray of shape (n_x, m, T_x)
        The input sequence.
    a0 : ndarray of shape (n_a, m)
        The initial hidden state.
    parameters : dict
        As for :func:`rnn_cell_forward`.

    Returns
    -------
    a : ndarray of shape (n_a, m, T_x)
        The hidden state of every step (``a[:, :, t]``); a0 is not included.
    y_pred : ndarray of shape (n_y, m, T_x)
    caches : tuple
        ``(list of the T_x cell caches, x)``.
    """
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    caches = (caches, x)
    return a, y_pred, caches


# GRADED FUNCTION: lstm_cell_forward
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    r"""One step of an LSTM.  With :math:`[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]`
    the previous hidden state stacked ON TOP of the input (shape (n_a + n_x, m)):

    .. math::

        \Gamma_f = \sigma(W_f [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_f), \quad
        \Gamma_i = \sigma(W_i [\cdot] + b_i), \quad
        \tilde c^{\langle t \rangle} = \tanh(W_c [\cdot] + b_c), \quad
        \Gamma_o = \sigma(W_o [\cdot] + b_o)

        c^{\langle t \rangle} = \Gamma_f \odot c^{\langle t-1 \rangle} + \Gamma_i \odot \tilde c^{\langle t \rangle},
        \qquad
        a^{\langle t \rangle} = \Gamma_o \odot \tanh(c^{\langle t \rangle}), \qquad
        \hat y^{\langle t \rangle} = \operatorname{softmax}(W_y a^{\langle t \rangle} + b_y)

    Parameters
    ----------
    xt : ndarray of shape (n_x, m)
    a_prev, c_prev : ndarray of shape (n_a, m)
        The hidden state and the memory cell of step t - 1.
    parameters : dict
        ``"Wf", "Wi", "Wc", "Wo"`` (n_a, n_a + n_x) (the first n_a columns act on a_prev);
        ``"bf", "bi", "bc", "bo"`` (n_a, 1); ``"Wy"`` (n_y, n_a); ``"by"`` (n_y, 1).

    Returns
    -------
    a_next, c_next : ndarray of shape (n_a, m)
    yt_pred : ndarray of shape (n_y, m)
    cache : tuple
        ``(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)``.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache


# GRADED FUNCTION: lstm_forward
def lstm_forward(x, a0, parameters):
    r"""An LSTM over a whole sequence: :func:`lstm_cell_forward` at every step, the hidden
    state and the memory cell fed to the next; the memory cell starts at zero.

    .. math::

        a^{\langle 0 \rangle} = a_0, \quad c^{\langle 0 \rangle} = 0, \qquad
        a^{\langle t \rangle}, c^{\langle t \rangle}, \hat y^{\langle t \rangle} =
        \operatorname{cell}\big(x^{\langle t \rangle}, a^{\langle t-1 \rangle}, c^{\langle t-1 \rangle}\big)

    Parameters
    ----------
    x : ndarray of shape (n_x, m, T_x)
    a0 : ndarray of shape (n_a, m)
        The initial hidden state.
    parameters : dict
        As for :func:`lstm_cell_forward`.

    Returns
    -------
    a : ndarray of shape (n_a, m, T_x)
    y : ndarray of shape (n_y, m, T_x)
    c : ndarray of shape (n_a, m, T_x)
        The memory cell of every step.
    caches : tuple
        ``(list of the T_x cell caches, x)``.
    """
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    caches = (caches, x)
    return a, y, c, caches