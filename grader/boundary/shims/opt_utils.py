r"""Stand-in for the course module ``opt_utils`` (Optimization methods, 2017 notebooks).

Notebooks import it as::

    from opt_utils import load_params_and_grads, initialize_parameters, \
        forward_propagation, backward_propagation
    from opt_utils import compute_cost, predict, predict_dec, plot_decision_boundary, load_dataset

The real file (public copy: qule/ProgrammingAssignmentOfDeeplearning ``opt_utils.py``)
defines the same names as ``opt_utils_v1a``: ``sigmoid``, ``relu``,
``load_params_and_grads``, ``initialize_parameters``, ``compute_cost``,
``forward_propagation``, ``backward_propagation``, ``predict``, ``load_2D_dataset``,
``plot_decision_boundary``, ``predict_dec``, ``load_dataset``.  The one numerical
difference: here ``compute_cost`` is the *mean* over the ``m`` examples
(``cost = 1./m * np.sum(logprobs)``), because the 2017 ``model`` prints the cost of the
last mini-batch instead of accumulating a total.
"""

import numpy as np
from opt_utils_v1a import (  # re-exported under the course names
    backward_propagation,
    forward_propagation,
    initialize_parameters,
    load_dataset,
    load_params_and_grads,
    plot_decision_boundary,
    predict,
    predict_dec,
    relu,
    sigmoid,
)


def compute_cost(a3, Y):
    r"""Mean cross-entropy, as in the 2017 ``opt_utils.compute_cost``.

    .. math:: J = \frac{1}{m} \sum_i -y_i \log a_i - (1 - y_i) \log(1 - a_i)

    a3, Y: arrays of the same shape ``(1, m)``.
    """
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.sum(logprobs)


def load_2D_dataset():
    """The real function reads ``datasets/data.mat`` with scipy; neither exists here."""
    raise RuntimeError(
        "opt_utils.load_2D_dataset needs datasets/data.mat and scipy, which are not available in the grader"
    )


__all__ = [
    "np",
    "sigmoid",
    "relu",
    "load_params_and_grads",
    "initialize_parameters",
    "compute_cost",
    "forward_propagation",
    "backward_propagation",
    "predict",
    "load_2D_dataset",
    "plot_decision_boundary",
    "predict_dec",
    "load_dataset",
]
