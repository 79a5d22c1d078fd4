r"""Stand-in for the course module ``rnn_utils`` (course 5 week 1, "Building your Recurrent
Neural Network - Step by Step").

Notebooks import it as ``from rnn_utils import *`` and call ``softmax`` and ``sigmoid``
as globals in ``rnn_cell_forward`` and ``lstm_cell_forward``.  The real file also defines
``initialize_adam`` and ``update_parameters_with_adam`` for the optional training part,
which no graded function calls; they are not provided here.

The numerics come from ``rnn_helpers`` (numpy only).
"""

import numpy as np
from rnn_helpers import sigmoid, softmax  # re-exported under the course names

__all__ = ["np", "sigmoid", "softmax"]  # the real module has no __all__: its star-import also gives np
