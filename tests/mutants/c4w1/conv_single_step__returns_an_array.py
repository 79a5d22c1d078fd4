"""Adds b of shape (1, 1, 1) as an array: Z is an array of shape (1, 1, 1), not a number."""

import numpy as np


def conv_single_step(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W) + b
