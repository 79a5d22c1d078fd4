"""Draws from the global np.random instead of the rng passed in."""

import numpy as np


def sample_learning_rate(num, rng, low=-4.0, high=0.0):
    r = np.random.uniform(low, high, size=num)
    return 10.0**r
