"""Draws offsets in 0..max_shift only: the content never moves up or left."""

import numpy as np


def random_shift(images, max_shift, seed):
    rng = np.random.default_rng(seed)
    m, n_H, n_W, n_C = images.shape
    shifted = np.zeros_like(images)
    for i in range(m):
        dy, dx = rng.integers(0, max_shift + 1, size=2)
        shifted[i, dy:, dx:] = images[i, : n_H - dy, : n_W - dx]
    return shifted
