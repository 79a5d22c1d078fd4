"""Returns 10 ** r, which is 1 - beta, instead of beta."""

import numpy as np


def sample_beta(num, rng, low=0.9, high=0.999):
    rng = np.random.default_rng(rng)
    r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size=num)
    return 10.0**r
