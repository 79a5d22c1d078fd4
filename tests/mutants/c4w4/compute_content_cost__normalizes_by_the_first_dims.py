"""Reads (n_H, n_W, n_C) from the first three dimensions, as if there were no batch axis."""

import numpy as np


def compute_content_cost(a_C, a_G):
    n_H, n_W, n_C = a_G.shape[:3]
    return float(np.sum(np.square(a_C - a_G)) / (4 * n_H * n_W * n_C))
