"""Draws one offset and uses it for both axes (dy == dx): only diagonal moves."""

import numpy as np


def random_shift(images, max_shift, seed):
    rng = np.random.default_rng(seed)
    m, n_H, n_W, n_C = images.shape
    shifted = np.zeros_like(images)
    for i in range(m):
        dy = dx = rng.integers(-max_shift, max_shift + 1)
        h, w = n_H - abs(dy), n_W - abs(dx)
        if h > 0 and w > 0:
            top, left, st, sl = max(dy, 0), max(dx, 0), max(-dy, 0), max(-dx, 0)
            shifted[i, top : top + h, left : left + w] = images[i, st : st + h, sl : sl + w]
    return shifted
