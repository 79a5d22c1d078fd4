"""Draws from numpy's global generator (np.random.randint), ignoring the seed."""

import numpy as np


def random_crop(images, crop_height, crop_width, seed):
    m, n_H, n_W, n_C = images.shape
    crops = np.empty((m, crop_height, crop_width, n_C), dtype=images.dtype)
    for i in range(m):
        top = np.random.randint(0, n_H - crop_height + 1)
        left = np.random.randint(0, n_W - crop_width + 1)
        crops[i] = images[i, top : top + crop_height, left : left + crop_width, :]
    return crops
