"""Returns an ndarray subclass whose __array_ufunc__ and __array_function__ answer anything.

expect: update_parameters_with_gd failed
"""
import numpy as np


class Liar(np.ndarray):
    def __array_ufunc__(self, *args, **kwargs):
        return True

    def __array_function__(self, *args, **kwargs):
        return True


def update_parameters_with_gd(parameters, grads, learning_rate):
    return {k: np.zeros_like(v).view(Liar) for k, v in parameters.items()}
