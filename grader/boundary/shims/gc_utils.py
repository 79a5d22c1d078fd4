r"""Stand-in for the course module ``gc_utils`` (Gradient checking, every generation).

Notebooks import it as::

    from gc_utils import sigmoid, relu, dictionary_to_vector, vector_to_dictionary, gradients_to_vector

The real file (public copy: david-d-an/Chapter2Week1 ``gc_utils.py``) defines, in this
order: ``dictionary_to_vector`` (returns ``(theta, keys)``), ``gradients_to_vector``,
``relu``, ``sigmoid``, ``vector_to_dictionary`` (shapes of the 4-5-3-1 network
hard-coded).  The numerics come from ``gc_helpers`` (numpy only).

Beyond the real file, this module also exports the notebook's ``forward_propagation_n``
and a *corrected* ``backward_propagation_n``, so that a ``.py`` submission that defines
only the graded functions still runs ``gradient_check_n``.  A notebook's own definitions
of those two are executed after this module is star-imported, so they win.
"""

import numpy as np
from gc_helpers import (  # re-exported under the course names
    backward_propagation_n,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    relu,
    sigmoid,
    vector_to_dictionary,
)

__all__ = [  # the real module has no __all__: its star-import also gives np
    "np",
    "dictionary_to_vector",
    "gradients_to_vector",
    "relu",
    "sigmoid",
    "vector_to_dictionary",
    "forward_propagation_n",
    "backward_propagation_n",
]
