"""Samples the learning rate uniformly between 10**low and 10**high (a linear scale)."""

import numpy as np


def sample_learning_rate(num, rng, low=-4.0, high=0.0):
    rng = np.random.default_rng(rng)
    return rng.uniform(10.0**low, 10.0**high, size=num)
