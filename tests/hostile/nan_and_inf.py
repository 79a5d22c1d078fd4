"""Returns NaN and infinities.

expect: update_lr failed
expect: update_parameters_with_gd failed
"""
import numpy as np


def update_lr(learning_rate0, epoch_num, decay_rate):
    return float("nan")


def update_parameters_with_gd(parameters, grads, learning_rate):
    return {k: np.full_like(v, np.inf) for k, v in parameters.items()}
