"""Returns the exponents r instead of the learning rates 10 ** r."""

import numpy as np


def sample_learning_rate(num, rng, low=-4.0, high=0.0):
    rng = np.random.default_rng(rng)
    r = rng.uniform(low, high, size=num)
    return r
