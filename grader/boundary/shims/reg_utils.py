r"""Stand-in for the course module ``reg_utils`` ("Regularization", 2017 and 2021+).

Notebooks import it as::

    from reg_utils import sigmoid, relu, plot_decision_boundary, initialize_parameters, load_2D_dataset, predict_dec
    from reg_utils import compute_cost, predict, forward_propagation, backward_propagation, update_parameters

and the graded functions call ``compute_cost``, ``relu`` and ``sigmoid`` as globals.  The
real file (public copy: david-d-an/Chapter2Week1 ``reg_utils.py``) defines
``backward_propagation`` (keys ``dZ3, dW3, db3, dA2, ...``, ``dZ3 = A3 - Y``),
``compute_cost`` (mean cross-entropy with ``np.nansum``), ``forward_propagation``,
``initialize_parameters`` (seed 3, ``randn / sqrt(n_{l-1})``), ``load_2D_dataset``
(``datasets/data.mat`` through scipy), ``load_dataset`` (cat pictures, h5py),
``load_planar_dataset``, ``plot_decision_boundary``, ``predict``, ``predict_dec``,
``relu``, ``sigmoid`` and ``update_parameters``.

The numerics come from ``reg_helpers`` (numpy only).  ``load_2D_dataset`` returns a
stand-in data set of the same shapes (the course's points are not available), plotting
does nothing, and the cat and planar data sets raise.
"""

import numpy as np
from reg_helpers import (  # re-exported under the course names
    backward_propagation,
    compute_cost,
    forward_propagation,
    initialize_parameters,
    load_2D_dataset,
    predict,
    predict_dec,
    relu,
    sigmoid,
    update_parameters,
)


def plot_decision_boundary(model, X, y):
    """Plotting is not available in the grader; the real function draws and returns None."""
    return None


def load_dataset():
    """The real function reads the cat pictures (``datasets/*.h5``) with h5py."""
    raise RuntimeError(
        "reg_utils.load_dataset needs datasets/train_catvnoncat.h5 and h5py, "
        "which are not available in the grader"
    )


def load_planar_dataset(randomness, seed):
    """Not used by the Regularization notebook; not provided."""
    raise RuntimeError("reg_utils.load_planar_dataset is not available in the grader")


__all__ = [
    "np",
    "sigmoid",
    "relu",
    "initialize_parameters",
    "compute_cost",
    "forward_propagation",
    "backward_propagation",
    "update_parameters",
    "predict",
    "predict_dec",
    "load_2D_dataset",
    "load_dataset",
    "load_planar_dataset",
    "plot_decision_boundary",
]
