r"""The helpers of the course 5 week 1 "Building your Recurrent Neural Network - Step by
Step" assignment, API-compatible with the course's ``rnn_utils.py``: ``softmax`` and
``sigmoid``, which the notebook's graded functions call as globals
(``from rnn_utils import *``).

Numpy only: the grader copies this file into the student worker as the top-level module
``rnn_helpers``, where ``grader/boundary/shims/rnn_utils.py`` re-exports it.
"""

import numpy as np

__all__ = ["sigmoid", "softmax"]


def softmax(x):
    r"""Softmax over axis 0: each column of ``x`` becomes a probability distribution.

    .. math:: \operatorname{softmax}(x)_{ij} = \frac{e^{x_{ij} - \max_k x_{kj}}}{\sum_k e^{x_{kj} - \max_k x_{kj}}}

    Subtracting each column's maximum changes nothing mathematically and keeps ``np.exp``
    from overflowing.  (The course's file subtracts the maximum of the whole array.)

    x: ndarray of shape (n_y, m); returns the same shape, columns summing to 1.
    """
    e_x = np.exp(x - np.max(x, axis=0, keepdims=True))  # (n_y, m)
    return e_x / np.sum(e_x, axis=0, keepdims=True)


def sigmoid(x):
    r"""The logistic function, elementwise: :math:`\sigma(x) = 1 / (1 + e^{-x})`.

    x: ndarray of any shape; returns the same shape, values in (0, 1).
    """
    return 1 / (1 + np.exp(-x))
