"""Fills the border with the nearest edge pixel (np.pad mode 'edge') instead of zeros."""

import numpy as np


def random_shift(images, max_shift, seed):
    rng = np.random.default_rng(seed)
    m, n_H, n_W, n_C = images.shape
    shifted = np.zeros_like(images)
    p = max(max_shift, 1)
    for i in range(m):
        dy, dx = rng.integers(-max_shift, max_shift + 1, size=2)
        padded = np.pad(images[i], ((p, p), (p, p), (0, 0)), mode="edge")
        shifted[i] = padded[p - dy : p - dy + n_H, p - dx : p - dx + n_W]
    return shifted
