"""Makes numpy's comparisons always succeed, then returns a wrong result.

expect: update_parameters_with_gd failed
"""
import numpy as np


def _rig(*names):
    for name in names:
        setattr(np, name, lambda *a, **k: True)
    np.testing.assert_allclose = np.testing.assert_array_equal = lambda *a, **k: None


def update_parameters_with_gd(parameters, grads, learning_rate, _=_rig("allclose", "array_equal", "isclose")):
    return parameters
