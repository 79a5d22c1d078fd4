r"""Numerical derivatives, the judge's side of every gradient check.

Central differences approximate each partial derivative of a smooth ``f`` by

.. math:: \frac{\partial f}{\partial x_i}(x) \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h},

whose error is :math:`\frac{h^2}{6} \partial_i^3 f + O(h^4)` (Taylor's expansion to the third
order; the even terms cancel), plus the rounding of ``f`` divided by ``2h``.  The step ``h``
is each check's own choice (its module says which and why), so it has no default here.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, step: float) -> np.ndarray:
    r"""Central differences :math:`(f(x + h e_i) - f(x - h e_i)) / 2h`, ``h = step``, for every
    entry ``i`` of ``x`` (which is not modified), as a float array of its shape."""
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += step
        minus[i] -= step
        grad[i] = (f(plus) - f(minus)) / (2 * step)
    return grad
