"""Draws one corner for the whole batch: every image is cropped at the same place."""

import numpy as np


def random_crop(images, crop_height, crop_width, seed):
    rng = np.random.default_rng(seed)
    m, n_H, n_W, n_C = images.shape
    top = rng.integers(0, n_H - crop_height + 1)
    left = rng.integers(0, n_W - crop_width + 1)
    return images[:, top : top + crop_height, left : left + crop_width, :].copy()
