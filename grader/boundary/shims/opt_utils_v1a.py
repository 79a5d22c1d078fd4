r"""Stand-in for the course module ``opt_utils_v1a`` (``Optimization_methods_v1b`` and 2021+).

Notebooks import it as::

    from opt_utils_v1a import load_params_and_grads, initialize_parameters, \
        forward_propagation, backward_propagation
    from opt_utils_v1a import compute_cost, predict, predict_dec, plot_decision_boundary, load_dataset

The real file (public copy: nguyenlinhvn512/Optimization-Methods ``opt_utils_v1a.py``)
defines, in this order: ``sigmoid``, ``relu``, ``load_params_and_grads``,
``initialize_parameters``, ``compute_cost``, ``forward_propagation``,
``backward_propagation``, ``predict``, ``load_2D_dataset``, ``plot_decision_boundary``,
``predict_dec``, ``load_dataset``.  It has no ``update_parameters*`` function.  Its
``compute_cost`` returns the *sum* of the losses ("cost_total"); the notebook's ``model``
divides by ``m`` once per epoch.

The numerics come from ``nn_helpers`` (numpy only).  Plotting is a no-op: matplotlib,
scipy and sklearn are not available in the grader.
"""

import numpy as np
from nn_helpers import *  # the course module is star-imported by students
from nn_helpers import (  # re-exported under the course names
    backward_propagation,
    forward_propagation,
    initialize_parameters,
    load_dataset,
    load_params_and_grads,
    predict,
    predict_dec,
    relu,
    sigmoid,
)


def compute_cost(a3, Y):
    r"""Summed cross-entropy, as in ``opt_utils_v1a.compute_cost`` (not divided by ``m``).

    .. math:: J_{total} = \sum_i -y_i \log a_i - (1 - y_i) \log(1 - a_i)

    a3, Y: arrays of the same shape ``(1, m)``.
    """
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return np.sum(logprobs)


def plot_decision_boundary(model, X, y):
    """Plotting is not available in the grader; the real function draws and returns None."""
    return None


def load_2D_dataset():
    """The real function reads ``datasets/data.mat`` with scipy; neither exists here."""
    raise RuntimeError(
        "opt_utils_v1a.load_2D_dataset needs datasets/data.mat and scipy, "
        "which are not available in the grader"
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
