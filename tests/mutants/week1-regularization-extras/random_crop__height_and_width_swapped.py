"""Uses crop_width for the rows and crop_height for the columns."""

import numpy as np


def random_crop(images, crop_height, crop_width, seed):
    rng = np.random.default_rng(seed)
    m, n_H, n_W, n_C = images.shape
    h, w = min(crop_width, n_H), min(crop_height, n_W)
    crops = np.empty((m, h, w, n_C), dtype=images.dtype)
    for i in range(m):
        top = rng.integers(0, n_H - h + 1)
        left = rng.integers(0, n_W - w + 1)
        crops[i] = images[i, top : top + h, left : left + w, :]
    return crops
