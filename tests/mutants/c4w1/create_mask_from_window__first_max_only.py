"""Marks only the first maximum (np.argmax): a tie of maxima gets a single True."""

import numpy as np


def create_mask_from_window(x):
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    return mask
