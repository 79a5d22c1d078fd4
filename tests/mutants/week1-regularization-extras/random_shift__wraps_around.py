"""Shifts with np.roll: what leaves one side comes back on the other instead of zeros."""

import numpy as np


def random_shift(images, max_shift, seed):
    rng = np.random.default_rng(seed)
    shifted = np.zeros_like(images)
    for i in range(images.shape[0]):
        dy, dx = rng.integers(-max_shift, max_shift + 1, size=2)
        shifted[i] = np.roll(images[i], (dy, dx), axis=(0, 1))
    return shifted
