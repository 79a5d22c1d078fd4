"""Takes the bounds of r with np.log (natural) instead of np.log10: betas fall outside [low, high]."""

import numpy as np


def sample_beta(num, rng, low=0.9, high=0.999):
    rng = np.random.default_rng(rng)
    r = rng.uniform(np.log(1 - high), np.log(1 - low), size=num)
    return 1 - 10.0**r
