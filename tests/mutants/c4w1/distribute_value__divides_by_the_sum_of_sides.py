"""Divides dz by n_H + n_W instead of n_H * n_W."""

import numpy as np


def distribute_value(dz, shape):
    (n_H, n_W) = shape
    return np.ones(shape) * dz / (n_H + n_W)
