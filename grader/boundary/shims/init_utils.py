r"""Stand-in for the course module ``init_utils`` ("Initialization", 2017 and 2021+).

Notebooks import it as::

    from init_utils import sigmoid, relu, compute_loss, forward_propagation, backward_propagation
    from init_utils import update_parameters, predict, load_dataset, plot_decision_boundary, predict_dec

The real file (public copy: david-d-an/Chapter2Week1 ``init_utils.py``) defines
``sigmoid``, ``relu``, ``backward_propagation`` (lowercase keys ``dz3, dW3, db3, da2, ...``,
``dz3 = (a3 - Y) / m``), ``compute_loss`` (mean cross-entropy), ``forward_propagation``,
``load_cat_dataset``, ``load_dataset`` (two circles from scikit-learn, seeds 1 and 2),
``plot_decision_boundary``, ``predict_dec``, ``predict`` and ``update_parameters``.

The numerics come from ``nn_helpers`` and ``reg_helpers`` (numpy only): ``load_dataset``
rebuilds the circles without scikit-learn (the He model's printed training costs are
reproduced), plotting does nothing, and the cat pictures (h5 files) are not available.
"""

import numpy as np
from nn_helpers import backward_propagation, forward_propagation, predict, predict_dec, relu, sigmoid
from reg_helpers import compute_cost as compute_loss  # the same mean cross-entropy
from reg_helpers import load_circles as load_dataset
from reg_helpers import update_parameters


def plot_decision_boundary(model, X, y):
    """Plotting is not available in the grader; the real function draws and returns None."""
    return None


def load_cat_dataset():
    """The real function reads ``datasets/*.h5`` with h5py; neither exists here."""
    raise RuntimeError(
        "init_utils.load_cat_dataset needs datasets/train_catvnoncat.h5 and h5py, "
        "which are not available in the grader"
    )


__all__ = [
    "np",
    "sigmoid",
    "relu",
    "compute_loss",
    "forward_propagation",
    "backward_propagation",
    "update_parameters",
    "predict",
    "load_dataset",
    "load_cat_dataset",
    "plot_decision_boundary",
    "predict_dec",
]
