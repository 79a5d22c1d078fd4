"""Samples beta uniformly in [low, high] (a linear scale)."""

import numpy as np


def sample_beta(num, rng, low=0.9, high=0.999):
    rng = np.random.default_rng(rng)
    return rng.uniform(low, high, size=num)
