"""Puts dz in every entry without dividing by the window's size."""

import numpy as np


def distribute_value(dz, shape):
    return np.ones(shape) * dz
